/* bench-env.c — the environment of the benchmarks that open the app's window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bench-env.h"
#include "ga-test-ui.h"

void
bench_env_init (void)
{
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GA_BASEMAP_URL", "http://127.0.0.1:9/{z}/{x}/{y}.png", TRUE);
  if (g_getenv ("GA_AUTOSAVE_DIR") == NULL)
    {
      g_autofree char *autosave_dir = g_dir_make_tmp ("bench-autosave-XXXXXX", NULL);

      if (autosave_dir != NULL)
        {
          g_setenv ("GA_AUTOSAVE_DIR", autosave_dir, TRUE);
          ga_test_remove_at_exit (autosave_dir);
        }
    }
}
