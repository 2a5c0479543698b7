/* ga-window-private.h — shared between ga-window.c and ga-window-actions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ga-basemap-chooser.h"
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
};

void _ga_window_install_actions (GaWindow *self);
void _ga_window_show_open_dialog (GaWindow *self);
void _ga_window_update_basemap_actions (GaWindow *self);

G_END_DECLS
