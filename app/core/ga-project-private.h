/* ga-project-private.h — test hooks of the project model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Makes every following atomic write of a project (save and autosave) fail with
 * "No space left on device" after @fail_after_bytes bytes reached the temporary file,
 * as a full disk would.  -1 turns it off.  For tests only. */
void _ga_project_set_write_fault (gssize fail_after_bytes);

G_END_DECLS
