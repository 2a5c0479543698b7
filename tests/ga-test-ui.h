/* ga-test-ui.h — helpers shared by the UI tests (window, basemap-ui, inspect, style-editor)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ga-application.h"
#include "ga-window.h"

G_BEGIN_DECLS

/* The application every test window belongs to, and the folder fixtures are written to. */
extern GaApplication *ga_test_app;
extern char          *ga_test_fixture_dir;

/* ---- set-up ---- */

void      ga_test_init_env          (int          *argc,
                                     char       ***argv);
void      ga_test_make_fixture_dir  (const char   *tmpl);
/* @dir and all in it go when the test program ends normally (a failed test keeps them,
 * to look at); the helpers' own folders (cache, autosave, fixtures) already do. */
void      ga_test_remove_at_exit    (const char   *dir);
char     *ga_test_fixture           (const char   *name);
void      ga_test_start_app         (void);
void      ga_test_stop_app          (void);
void      ga_test_setup_app         (int          *argc,
                                     char       ***argv);

/* ---- fixtures: GeoJSON polygons in lon/lat ---- */

typedef struct
{
  double      w, s, e, n;
  const char *values[3];
} GaTestSquare;

char     *ga_test_write_squares     (const char         *name,
                                     const char * const *fields,
                                     const GaTestSquare *squares,
                                     guint               n_squares);

/* ---- waiting ---- */

void      ga_test_iterate_ms        (guint         ms);
void      ga_test_wait_loaded       (GaWindow     *win);
void      ga_test_wait_mapped       (GtkWidget    *widget);
void      ga_test_wait_map_settled  (GaWindow     *win,
                                     gboolean      with_refreshing);
void      ga_test_wait_frame        (GtkWidget    *widget);
GaWindow *ga_test_new_window        (void);
GaWindow *ga_test_new_window_with   (const char * const *paths);

/* ---- pixels ---- */

typedef struct
{
  guint8 *data;
  int     width, height;
  gsize   stride;
} GaTestImage;

void      ga_test_image_clear       (GaTestImage  *img);
void      ga_test_render_widget     (GtkWidget    *widget,
                                     int           min_size,
                                     gboolean      check_drawable,
                                     GaTestImage  *img);
void      ga_test_pixel_at          (const GaTestImage *img,
                                     double        x,
                                     double        y,
                                     int           rgb[3]);
int       ga_test_color_distance    (const int     a[3],
                                     const int     b[3]);

/* ---- finding things ---- */

void       ga_test_collect_labels   (GtkWidget    *widget,
                                     GString      *text);
GtkWidget *ga_test_find_descendant  (GtkWidget    *widget,
                                     GType         type);
GaLayer   *ga_test_find_layer       (GaWindow     *win,
                                     const char   *name);
void       ga_test_map_point        (GaWindow     *win,
                                     double        lon,
                                     double        lat,
                                     double       *x,
                                     double       *y);

G_END_DECLS
