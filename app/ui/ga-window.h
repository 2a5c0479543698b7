/* ga-window.h — the main window: header bar, layers sidebar, map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ga-basemap-chooser.h"
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
/* Shows the basemap of the chooser's @key; @remember stores it as the user's choice.
 * A basemap that cannot be opened becomes a toast and FALSE. */
gboolean      ga_window_set_basemap      (GaWindow       *self,
                                          const char     *key,
                                          gboolean        remember);
/* Adds an MBTiles file or tile folder to the basemap list and shows it. */
gboolean      ga_window_add_basemap_file (GaWindow       *self,
                                          const char     *path,
                                          GError        **error);
GaBasemapChooser *ga_window_get_basemap_chooser (GaWindow *self);
/* Toasts shown so far, and the text of the last one (for tests). */
guint         ga_window_get_n_toasts     (GaWindow       *self);
const char   *ga_window_get_last_toast   (GaWindow       *self);
/* Files still being read (including those waiting for a CRS). */
guint         ga_window_get_n_loading    (GaWindow       *self);
/* Opens the style editor of @layer (one at a time) / the attribute table of @layer. */
GtkWindow    *ga_window_edit_style       (GaWindow       *self,
                                          GaLayer        *layer);
GtkWindow    *ga_window_show_attributes  (GaWindow       *self,
                                          GaLayer        *layer);

/* The sample folder: $GA_SAMPLE_DIR, SAMPLE_DIR (installed), SOURCE_SAMPLE_DIR; NULL if none. */
char         *ga_find_sample_dir         (void);
/* The files of a sample folder in manifest order (bottom layer first). */
GPtrArray    *ga_sample_list_files       (const char     *dir);

G_END_DECLS
