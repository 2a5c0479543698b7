/* ga-window-private.h — shared between ga-window.c and ga-window-actions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ga-basemap-chooser.h"
#include "ga-project.h"
#include "ga-window.h"

G_BEGIN_DECLS

struct _GaWindow
{
  AdwApplicationWindow  parent_instance;

  /* template */
  AdwToastOverlay      *toast_overlay;
  AdwFlap              *flap;
  GtkListBox           *load_list;
  GtkListBox           *layer_list;
  GaMapView            *map_view;
  GaBasemapChooser     *basemap_chooser;
  GtkStack             *sidebar_stack;
  GtkBox               *slides_box;    /* filled by ga-window-slides.c */
  GMenu                *recent_projects_section;

  GSettings            *settings;   /* NULL when the schema is not installed */
  GaLayerStore         *store;

  GQueue                jobs;       /* LoadJob*, in the order the files were given */
  GQueue                crs_waiting;/* LoadJob* waiting for the CRS dialog */
  GtkWindow            *crs_dialog;
  guint                 n_store_added;  /* layers ga_layer_store_add() gave a colour */
  GaExtent              batch_extent;
  gboolean              batch_has_extent;
  gboolean              batch_animate;  /* the batch's first layer joined others on the map */
  GaExtent              zoom_extent;    /* where the map goes after the next frame */
  gboolean              zoom_animate;
  GdkFrameClock        *zoom_clock;     /* whose "after-paint" does it */
  gulong                zoom_after_paint_id;
  gboolean              basemap_failure_shown;  /* one toast per basemap shown */
  gboolean              basemap_fallback_done;  /* fell back to the bundled basemap once */
  guint                 basemap_failed_idle;
  GtkFileChooserNative *chooser;
  GtkFileChooserNative *basemap_file_chooser;
  GtkWindow            *custom_dialog;
  GtkWindow            *pack_dialog;
  GtkWindow            *style_editor;
  GHashTable           *tables;     /* GaLayer* → attribute table GtkWindow* */
  guint                 n_toasts;
  char                 *last_toast;

  /* Issue 5: the open project (never NULL; a new empty one at start). */
  GaProject            *project;
  gboolean              project_modified;
  gpointer              slides_state;  /* owned by ga-window-slides.c */

  /* ga-window-project.c */
  AdwWindowTitle       *window_title;
  guint                 header_title_id;  /* idle that sets window_title (update_title) */
  gpointer              project_job;      /* ProjectJob* while a project is being read */
  GHashTable           *trackers;         /* GaLayer* → LayerTracker*: what marks modified */
  guint                 block_modified;   /* > 0: changes do not mark the project modified */
  guint                 autosave_id;
  gint64                autosave_first_change;  /* monotonic µs of the oldest unsaved change */
  char                 *autosave_file;    /* the autosave copy written (or recovered), or NULL */
  gboolean              project_is_sample;/* the bundled sample: Save asks where (Save As) */
  gboolean              close_confirmed;  /* the unsaved-changes prompt was answered */
  gboolean              close_after_save; /* Save As from the close prompt */
  GtkWindow            *close_dialog;
  GFile                *open_after_save;  /* Save As from the "before opening" prompt */
  GtkWindow            *recovery_dialog;
  GtkFileChooserNative *project_chooser;
  GtkFileChooserNative *locate_chooser;
  gulong                slides_changed_id;
  gulong                recent_changed_id;
};

void _ga_window_install_actions (GaWindow *self);
/* ga-window-project.c: creates the empty project and the change tracking (from init,
 * before _ga_window_install_slides), and tears them down (from dispose). */
void _ga_window_init_project (GaWindow *self);
void _ga_window_dispose_project (GaWindow *self);
/* Marks the project modified (title marker, autosave) or, with FALSE, clean. H4's slides
 * panel calls it with TRUE when slides change. */
void _ga_window_set_project_modified (GaWindow *self,
                                      gboolean  modified);
/* While blocked (nested), changes of layers and slides do not mark the project modified:
 * e.g. while a presentation applies slides to the layers. */
void _ga_window_block_modified (GaWindow *self);
void _ga_window_unblock_modified (GaWindow *self);
/* Follows the styles the layers have now: call after ga_layer_style_set() on a layer of
 * the window (without a visibility change), so edits of the new style mark the project
 * modified. */
void _ga_window_track_styles (GaWindow *self);
/* Fills the project with the window's state: layers, styles, view, basemap. */
void _ga_window_capture_project (GaWindow *self);
/* TRUE if the close may go on; otherwise shows the unsaved-changes prompt. */
gboolean _ga_window_confirm_close (GaWindow *self);
/* Opens the bundled sample project: like ga_window_open_project(), but Save asks for a
 * new file instead of writing into the sample folder. */
void _ga_window_open_sample_project (GaWindow *self,
                                     GFile    *file);
void _ga_window_show_open_project_dialog (GaWindow *self);
void _ga_window_show_save_project_dialog (GaWindow *self,
                                          gboolean  close_after);
/* The win.save-project action: Save, or Save As when untitled or not writable. */
void _ga_window_save_project_interactive (GaWindow *self);
void _ga_window_open_recent_project (GaWindow   *self,
                                     const char *path);
void _ga_window_rebuild_recent_menu (GaWindow *self);
/* The "Locate…" button of a missing layer: a file chooser, then ga_window_relink_layer(). */
void _ga_window_show_locate_dialog (GaWindow *self,
                                    GaLayer  *placeholder);
/* A progress row in the sidebar's load list (with a cancel button), and its removal. */
GtkWidget *_ga_window_add_load_row (GaWindow        *self,
                                    const char      *name,
                                    GCancellable    *cancellable,
                                    GtkProgressBar **bar);
void _ga_window_remove_load_row (GtkWidget *row);
/* ga-window.c: reads @file into the place of @placeholder (a missing project layer), with
 * @options, keeping its id, name, style and visibility. */
void _ga_window_start_relink (GaWindow              *self,
                              GaLayer               *placeholder,
                              GFile                 *file,
                              const GaReaderOptions *options,
                              gboolean               keep_style);
void _ga_window_show_open_dialog (GaWindow *self);
void _ga_window_update_basemap_actions (GaWindow *self);
/* ga-window-slides.c: the slides panel in slides_box, win.present, win.add-slide,
 * win.export, win.export-slides; called once from init. */
void _ga_window_install_slides (GaWindow *self);
void _ga_window_dispose_slides (GaWindow *self);

G_END_DECLS
