/* ga-window.h — the main window: header bar, layers sidebar, map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ga-layer-store.h"
#include "ga-map-view.h"

G_BEGIN_DECLS

#define GA_TYPE_WINDOW (ga_window_get_type ())
G_DECLARE_FINAL_TYPE (GaWindow, ga_window, GA, WINDOW, AdwApplicationWindow)

GaWindow     *ga_window_new              (GtkApplication *application);
/* Loads each file in a worker; layers are added in the order given (the last on top). */
void          ga_window_open_files       (GaWindow       *self,
                                          GFile         **files,
                                          guint           n_files);
/* Opens the bundled sample city; FALSE if it cannot be found. */
gboolean      ga_window_open_sample      (GaWindow       *self);
void          ga_window_add_toast        (GaWindow       *self,
                                          const char     *message);
GaLayerStore *ga_window_get_layer_store  (GaWindow       *self);
GaMapView    *ga_window_get_map_view     (GaWindow       *self);
GtkListBox   *ga_window_get_layer_list   (GaWindow       *self);
/* Files still being read (including those waiting for a CRS). */
guint         ga_window_get_n_loading    (GaWindow       *self);

/* The sample folder: $GA_SAMPLE_DIR, SAMPLE_DIR (installed), SOURCE_SAMPLE_DIR; NULL if none. */
char         *ga_find_sample_dir         (void);
/* The files of a sample folder in manifest order (bottom layer first). */
GPtrArray    *ga_sample_list_files       (const char     *dir);

G_END_DECLS
