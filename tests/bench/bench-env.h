/* bench-env.h — the environment of the benchmarks that open the app's window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Before gtk_init(): no accessibility bus, settings in memory, the default basemap on a
 * closed loopback port, and the window's autosave copies in a folder of their own that is
 * removed at exit. Left in the user's state folder, each run's copy would be offered for
 * recovery at the next start of the app. GA_AUTOSAVE_DIR, when set, is used as it is. */
void bench_env_init (void);

G_END_DECLS
