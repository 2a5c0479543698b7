/* ga-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ga-application"

#include "config.h"

#include <glib/gi18n.h>
#include <shumate/shumate.h>

#include "ga-application-private.h"
#include "ga-resources.h"
#include "ga-window.h"

struct _GaApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (GaApplication, ga_application, ADW_TYPE_APPLICATION)

void
ga_ui_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      ga_register_resource ();
      g_type_ensure (SHUMATE_TYPE_SIMPLE_MAP);
      g_type_ensure (SHUMATE_TYPE_MAP);
      g_type_ensure (SHUMATE_TYPE_MAP_LAYER);
      g_type_ensure (SHUMATE_TYPE_VIEWPORT);
      g_once_init_leave (&initialized, 1);
    }
}

static GaWindow *
get_or_create_window (GaApplication *self,
                      gboolean      *created)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  *created = (window == NULL || !GA_IS_WINDOW (window));
  if (*created)
    window = GTK_WINDOW (ga_window_new (GTK_APPLICATION (self)));
  return GA_WINDOW (window);
}

static void
ga_application_activate (GApplication *app)
{
  gboolean created;
  GaWindow *window = get_or_create_window (GA_APPLICATION (app), &created);

  gtk_window_present (GTK_WINDOW (window));
  if (created && !ga_window_open_sample (window))
    ga_window_add_toast (window, _("The sample city was not found. Open your own data with Ctrl+O."));
  /* Work left unsaved by a session that did not end cleanly: recovering it replaces the
   * sample. */
  if (created)
    ga_window_offer_recovery (window);
}

static void
ga_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  gboolean created;
  GaWindow *window = get_or_create_window (GA_APPLICATION (app), &created);

  gtk_window_present (GTK_WINDOW (window));
  /* Project files (*.greenatlas) open as the project, the others as data layers. */
  ga_window_open_files (window, files, n_files);
  if (created)
    ga_window_offer_recovery (window);
}

static void
ga_application_startup (GApplication *app)
{
  G_APPLICATION_CLASS (ga_application_parent_class)->startup (app);
  _ga_application_install_actions (GA_APPLICATION (app));
}

static void
ga_application_class_init (GaApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = ga_application_activate;
  app_class->open = ga_application_open;
  app_class->startup = ga_application_startup;
}

static void
ga_application_init (GaApplication *self)
{
  ga_ui_init ();
}

GaApplication *
ga_application_new (void)
{
  return g_object_new (GA_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS | G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/greenatlas/GreenAtlas",
                       NULL);
}
