/* bench-env.c — the environment of the benchmarks that open the app's window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "bench-env.h"

static char *autosave_dir;

static void
remove_autosave_dir (void)
{
  g_autoptr(GDir) dir = g_dir_open (autosave_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (autosave_dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (autosave_dir);
  g_clear_pointer (&autosave_dir, g_free);
}

void
bench_env_init (void)
{
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GA_BASEMAP_URL", "http://127.0.0.1:9/{z}/{x}/{y}.png", TRUE);
  if (g_getenv ("GA_AUTOSAVE_DIR") == NULL)
    {
      autosave_dir = g_dir_make_tmp ("bench-autosave-XXXXXX", NULL);
      if (autosave_dir != NULL)
        {
          g_setenv ("GA_AUTOSAVE_DIR", autosave_dir, TRUE);
          atexit (remove_autosave_dir);
        }
    }
}
