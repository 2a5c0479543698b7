/* ga-application-actions.c — app.* actions and keyboard accelerators
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ga-application"

#include "config.h"

#include <glib/gi18n.h>

#include "ga-application-private.h"

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));

  /* Close the windows (saving their size) rather than only stopping the main loop.  A
   * window with unsaved changes asks first and stays open until answered; the application
   * ends by itself when its last window has closed. */
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "Green Atlas contributors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", _("Green Atlas"),
                        "application-icon", APPLICATION_ID,
                        "version", PACKAGE_VERSION,
                        "comments", _("Map green space, transit and emissions for city planning"),
                        "developers", developers,
                        /* Translators: put your names here, one per line */
                        "translator-credits", _("translator-credits"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        NULL);
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about), _("Map data"),
                                      "© OpenStreetMap contributors",
                                      GTK_LICENSE_CUSTOM,
                                      _("Basemap tiles © OpenStreetMap contributors, "
                                        "available under the Open Database License."));
  gtk_window_present (GTK_WINDOW (about));
}

void
_ga_application_install_actions (GaApplication *self)
{
  static const GActionEntry entries[] = {
    { "quit", quit_action },
    { "about", about_action },
  };
  static const struct
  {
    const char *action;
    const char *accels[5];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.open-project", { "<Control><Shift>o", NULL } },
    { "win.save-project", { "<Control>s", NULL } },
    { "win.save-project-as", { "<Control><Shift>s", NULL } },
    { "win.close", { "<Control>w", NULL } },
    { "win.present", { "F5", NULL } },
    { "win.export", { "<Control>e", NULL } },
    { "win.zoom-in", { "plus", "equal", "KP_Add", "<Control>plus", NULL } },
    { "win.zoom-out", { "minus", "KP_Subtract", "<Control>minus", NULL } },
    { "win.toggle-sidebar", { "F9", NULL } },
    { "win.show-help-overlay", { "F1", "<Control>question", NULL } },
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                           accels[i].accels);
}
