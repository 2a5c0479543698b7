/* ga-window.h — the main window: header bar, layers sidebar, map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ga-basemap-chooser.h"
#include "ga-layer-store.h"
#include "ga-map-view.h"
#include "ga-project.h"

G_BEGIN_DECLS

#define GA_TYPE_WINDOW (ga_window_get_type ())
G_DECLARE_FINAL_TYPE (GaWindow, ga_window, GA, WINDOW, AdwApplicationWindow)

GaWindow     *ga_window_new              (GtkApplication *application);
/* Loads each file in a worker; layers are added in the order given (the last on top).
 * A project file among them opens as the project instead. */
void          ga_window_open_files       (GaWindow       *self,
                                          GFile         **files,
                                          guint           n_files);
/* Opens the bundled sample city: its project (green-city.greenatlas) if there is one,
 * else its data files; FALSE if it cannot be found. */
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

/* ---- projects (issue 5) ---- */

/* The open project; never NULL (an empty untitled one at first). It is replaced by
 * another object when a project is opened: "notify::project" tells (bind to it again). */
GaProject    *ga_window_get_project      (GaWindow       *self);
/* Reads the project in a worker (progress and cancel in the sidebar), then shows its
 * layers, styles, basemap, view and title. A file that cannot be opened (malformed JSON,
 * not a project) becomes a toast and the current project stays. */
void          ga_window_open_project     (GaWindow       *self,
                                          GFile          *file);
/* Captures the window's state into the project and writes it to @file, or to the
 * project's own path when @file is NULL (fails if it has none, or if the project is
 * read-only: the reason is the message). Clears "modified" and the autosave copy. */
gboolean      ga_window_save_project     (GaWindow       *self,
                                          GFile          *file,
                                          GError        **error);
/* Unsaved changes ("project-modified" property, notify on change). */
gboolean      ga_window_get_project_modified (GaWindow   *self);
/* Writes the autosave copy of the project now (the timer calls it while modified). */
gboolean      ga_window_autosave         (GaWindow       *self,
                                          GError        **error);
/* If a previous session left autosave copies, asks whether to recover the newest one
 * (an AdwMessageDialog with the responses "recover" and "discard", returned); NULL if
 * there is none. */
GtkWindow    *ga_window_offer_recovery   (GaWindow       *self);
/* Loads the autosave copy at @autosave_path: marked modified, with the original project's
 * path so Save writes there. */
void          ga_window_recover_autosave (GaWindow       *self,
                                          const char     *autosave_path);
/* Reads @file as the data of @placeholder (a layer of the project whose file was missing),
 * with the project entry's encoding, CRS and source layer; the new layer keeps the id,
 * name, style and visibility. What the "Locate…" button of a missing layer does. */
void          ga_window_relink_layer     (GaWindow       *self,
                                          GaLayer        *placeholder,
                                          GFile          *file);

/* TRUE for a project file (*.greenatlas): ga_window_open_files() opens it as the project. */
gboolean      ga_file_is_project         (GFile          *file);

/* The sample folder: $GA_SAMPLE_DIR, SAMPLE_DIR (installed), SOURCE_SAMPLE_DIR; NULL if none. */
char         *ga_find_sample_dir         (void);
/* The files of a sample folder in manifest order (bottom layer first). */
GPtrArray    *ga_sample_list_files       (const char     *dir);

G_END_DECLS
