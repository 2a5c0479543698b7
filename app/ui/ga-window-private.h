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
  GaExtent              batch_extent;
  gboolean              batch_has_extent;
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
};

void _ga_window_install_actions (GaWindow *self);
void _ga_window_show_open_dialog (GaWindow *self);
void _ga_window_update_basemap_actions (GaWindow *self);
/* ga-window-slides.c: the slides panel in slides_box, win.present, win.add-slide,
 * win.export, win.export-slides; called once from init. */
void _ga_window_install_slides (GaWindow *self);
void _ga_window_dispose_slides (GaWindow *self);

G_END_DECLS
