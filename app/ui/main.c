/* main.c — green-atlas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "ga-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GaApplication) app = NULL;

  /* No ga_memory_init () here: with a fixed 1 MB mmap threshold every frame's window-sized
   * buffers (GTK's cairo renderer, an opacity group) came fresh from mmap, and panning
   * the 1M tier took 54-70 ms a frame instead of 11-13 ms (bench-map-ui). */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = ga_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
