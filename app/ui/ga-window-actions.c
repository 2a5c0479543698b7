/* ga-window-actions.c — win.* actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ga-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ga-custom-source-dialog.h"
#include "ga-offline-pack-dialog.h"
#include "ga-reader.h"
#include "ga-window-private.h"

static void
on_chooser_response_cb (GtkNativeDialog *dialog,
                        int              response,
                        GaWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);
      guint n = g_list_model_get_n_items (files);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (array, g_list_model_get_item (files, i));

      if (array->len > 0 && self->settings)
        {
          g_autoptr(GFile) parent = g_file_get_parent (g_ptr_array_index (array, 0));
          g_autofree char *folder = parent ? g_file_get_path (parent) : NULL;

          if (folder)
            g_settings_set_string (self->settings, "last-folder", folder);
        }
      ga_window_open_files (self, (GFile **) array->pdata, array->len);
    }

  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->chooser);
}

void
_ga_window_show_open_dialog (GaWindow *self)
{
  GtkFileChooserNative *chooser;
  const char * const *patterns = ga_reader_get_patterns ();
  g_autoptr(GtkFileFilter) all_data = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all_files = gtk_file_filter_new ();

  if (self->chooser)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
      return;
    }

  chooser = gtk_file_chooser_native_new (_("Open Data"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);

  gtk_file_filter_set_name (all_data, _("Map Data"));
  for (guint i = 0; patterns && patterns[i]; i++)
    gtk_file_filter_add_pattern (all_data, patterns[i]);
  /* MBTiles open as a basemap (ga_window_open_files). */
  gtk_file_filter_add_pattern (all_data, "*.mbtiles");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all_data);
  gtk_file_filter_set_name (all_files, _("All Files"));
  gtk_file_filter_add_pattern (all_files, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all_files);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), all_data);

  if (self->settings)
    {
      g_autofree char *folder = g_settings_get_string (self->settings, "last-folder");

      if (folder && *folder && g_file_test (folder, G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GFile) dir = g_file_new_for_path (folder);

          gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), dir, NULL);
        }
    }

  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  self->chooser = chooser;
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  _ga_window_show_open_dialog (GA_WINDOW (user_data));
}

static void
close_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
}

static void
zoom_in_action (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  ga_map_view_zoom_in (GA_WINDOW (user_data)->map_view);
}

static void
zoom_out_action (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  ga_map_view_zoom_out (GA_WINDOW (user_data)->map_view);
}

static void
toggle_sidebar_action (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  GaWindow *self = GA_WINDOW (user_data);
  g_autoptr(GVariant) state = g_action_get_state (G_ACTION (action));
  gboolean reveal = !g_variant_get_boolean (state);

  g_simple_action_set_state (action, g_variant_new_boolean (reveal));
  adw_flap_set_reveal_flap (self->flap, reveal);
}

static void
toggle_legend_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  GaWindow *self = GA_WINDOW (user_data);

  ga_map_view_set_legend_visible (self->map_view,
                                  !ga_map_view_get_legend_visible (self->map_view));
}

static void
basemap_change_state (GSimpleAction *action,
                      GVariant      *value,
                      gpointer       user_data)
{
  ga_window_set_basemap (GA_WINDOW (user_data), g_variant_get_string (value, NULL), TRUE);
}

/* ---- adding basemaps ---- */

static void
on_basemap_file_response_cb (GtkNativeDialog *dialog,
                             int              response,
                             GaWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;

      if (path && !ga_window_add_basemap_file (self, path, &error))
        ga_window_add_toast (self, error->message);
    }
  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->basemap_file_chooser);
}

static void
show_basemap_file_dialog (GaWindow *self,
                          gboolean  folder)
{
  GtkFileChooserNative *chooser;

  if (self->basemap_file_chooser)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->basemap_file_chooser));
      g_clear_object (&self->basemap_file_chooser);
    }

  if (folder)
    chooser = gtk_file_chooser_native_new (_("Add Tile Folder"), GTK_WINDOW (self),
                                           GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                           _("_Add"), _("_Cancel"));
  else
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      chooser = gtk_file_chooser_native_new (_("Add MBTiles File"), GTK_WINDOW (self),
                                             GTK_FILE_CHOOSER_ACTION_OPEN,
                                             _("_Add"), _("_Cancel"));
      gtk_file_filter_set_name (filter, _("MBTiles Basemaps"));
      gtk_file_filter_add_pattern (filter, "*.mbtiles");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_basemap_file_response_cb), self);
  self->basemap_file_chooser = chooser;
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
add_basemap_file_action (GSimpleAction *action,
                         GVariant      *param,
                         gpointer       user_data)
{
  show_basemap_file_dialog (GA_WINDOW (user_data), FALSE);
}

static void
add_basemap_folder_action (GSimpleAction *action,
                           GVariant      *param,
                           gpointer       user_data)
{
  show_basemap_file_dialog (GA_WINDOW (user_data), TRUE);
}

static void
on_custom_source_added_cb (GaCustomSourceDialog *dialog,
                           GaBasemap            *basemap,
                           GaWindow             *self)
{
  g_autofree char *key = ga_basemap_chooser_add_custom (self->basemap_chooser, basemap);

  if (key)
    ga_window_set_basemap (self, key, TRUE);
}

static void
on_dialog_destroy_cb (GtkWidget *dialog,
                      GtkWindow **slot)
{
  if (*slot == GTK_WINDOW (dialog))
    *slot = NULL;
}

static void
add_custom_source_action (GSimpleAction *action,
                          GVariant      *param,
                          gpointer       user_data)
{
  GaWindow *self = GA_WINDOW (user_data);

  if (self->custom_dialog == NULL)
    {
      self->custom_dialog = GTK_WINDOW (ga_custom_source_dialog_new (GTK_WINDOW (self)));
      g_signal_connect (self->custom_dialog, "source-added",
                        G_CALLBACK (on_custom_source_added_cb), self);
      g_signal_connect (self->custom_dialog, "destroy", G_CALLBACK (on_dialog_destroy_cb),
                        &self->custom_dialog);
    }
  gtk_window_present (self->custom_dialog);
}

static void
on_pack_saved_cb (GaOfflinePackDialog *dialog,
                  const char          *path,
                  GaWindow            *self)
{
  g_autoptr(GError) error = NULL;

  if (!ga_window_add_basemap_file (self, path, &error))
    ga_window_add_toast (self, error->message);
}

static void
save_offline_pack_action (GSimpleAction *action,
                          GVariant      *param,
                          gpointer       user_data)
{
  GaWindow *self = GA_WINDOW (user_data);
  GaBasemapSource *source = ga_map_view_get_basemap_source (self->map_view);
  ShumateViewport *viewport = ga_map_view_get_viewport (self->map_view);
  GaExtent extent;

  if (source == NULL || ga_basemap_get_kind (ga_basemap_source_get_basemap (source)) != GA_BASEMAP_XYZ)
    {
      ga_window_add_toast (self, _("Choose an online basemap first: offline packs are saved "
                                   "from online sources."));
      return;
    }
  if (self->pack_dialog)
    gtk_window_destroy (self->pack_dialog);
  ga_map_view_get_visible_extent (self->map_view, &extent);
  self->pack_dialog = GTK_WINDOW (
    ga_offline_pack_dialog_new (GTK_WINDOW (self), ga_basemap_source_get_basemap (source), &extent,
                                (int) (shumate_viewport_get_zoom_level (viewport) + 0.01)));
  g_signal_connect (self->pack_dialog, "pack-saved", G_CALLBACK (on_pack_saved_cb), self);
  g_signal_connect (self->pack_dialog, "destroy", G_CALLBACK (on_dialog_destroy_cb),
                    &self->pack_dialog);
  gtk_window_present (self->pack_dialog);
}

static void
remove_basemap_action (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  GaWindow *self = GA_WINDOW (user_data);
  g_autofree char *key = g_variant_dup_string (param, NULL);
  gboolean shown = g_strcmp0 (ga_map_view_get_basemap (self->map_view), key) == 0;

  if (ga_basemap_chooser_remove (self->basemap_chooser, key) && shown)
    ga_window_set_basemap (self, "osm", TRUE);
}

/* ---- projects ---- */

static void
open_project_action (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  _ga_window_show_open_project_dialog (GA_WINDOW (user_data));
}

static void
save_project_action (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  _ga_window_save_project_interactive (GA_WINDOW (user_data));
}

static void
save_project_as_action (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  _ga_window_show_save_project_dialog (GA_WINDOW (user_data), FALSE);
}

static void
open_recent_project_action (GSimpleAction *action,
                            GVariant      *param,
                            gpointer       user_data)
{
  _ga_window_open_recent_project (GA_WINDOW (user_data), g_variant_get_string (param, NULL));
}

void
_ga_window_update_basemap_actions (GaWindow *self)
{
  GaBasemapSource *source = ga_map_view_get_basemap_source (self->map_view);
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "save-offline-pack");
  gboolean online = source != NULL
                    && ga_basemap_get_kind (ga_basemap_source_get_basemap (source)) == GA_BASEMAP_XYZ;

  if (action)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), online);
}

void
_ga_window_install_actions (GaWindow *self)
{
  static const GActionEntry entries[] = {
    { "open", open_action },
    { "close", close_action },
    { "zoom-in", zoom_in_action },
    { "zoom-out", zoom_out_action },
    { "toggle-sidebar", toggle_sidebar_action, NULL, "true" },
    { "toggle-legend", toggle_legend_action },
    { "basemap", NULL, "s", "'none'", basemap_change_state },
    { "add-basemap-file", add_basemap_file_action },
    { "add-basemap-folder", add_basemap_folder_action },
    { "add-custom-source", add_custom_source_action },
    { "save-offline-pack", save_offline_pack_action },
    { "remove-basemap", remove_basemap_action, "s" },
    { "open-project", open_project_action },
    { "save-project", save_project_action },
    { "save-project-as", save_project_as_action },
    { "open-recent-project", open_recent_project_action, "s" },
  };

  GtkEventController *shortcuts;

  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
  _ga_window_update_basemap_actions (self);

  /* L shows or hides the legend.  A bubble-phase controller on the window, not an
   * application accelerator, so typing an "l" in a text field never reaches it. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_l, 0),
                      gtk_named_action_new ("win.toggle-legend")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}
