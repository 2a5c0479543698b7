/* ga-window-actions.c — win.* actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ga-window"

#include "config.h"

#include <glib/gi18n.h>

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
basemap_change_state (GSimpleAction *action,
                      GVariant      *value,
                      gpointer       user_data)
{
  GaWindow *self = GA_WINDOW (user_data);
  const char *id = g_variant_get_string (value, NULL);

  if (!g_str_equal (id, "osm") && !g_str_equal (id, "none"))
    return;
  g_simple_action_set_state (action, value);
  ga_map_view_set_basemap (self->map_view, id);
}

static void
on_settings_basemap_changed_cb (GSettings  *settings,
                                const char *key,
                                GaWindow   *self)
{
  g_autofree char *id = g_settings_get_string (settings, key);

  ga_map_view_set_basemap (self->map_view, id);
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
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);

  if (self->settings)
    {
      g_autoptr(GAction) basemap = g_settings_create_action (self->settings, "basemap");

      g_action_map_add_action (G_ACTION_MAP (self), basemap);
      g_signal_connect_object (self->settings, "changed::basemap",
                               G_CALLBACK (on_settings_basemap_changed_cb), self, 0);
    }
  else
    {
      g_autoptr(GSimpleAction) basemap =
        g_simple_action_new_stateful ("basemap", G_VARIANT_TYPE_STRING, g_variant_new_string ("osm"));

      g_signal_connect (basemap, "change-state", G_CALLBACK (basemap_change_state), self);
      g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (basemap));
    }
}
