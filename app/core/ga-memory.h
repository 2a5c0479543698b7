/* ga-memory.h — how the process asks the C library for memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Call once at the start of main(). */
void ga_memory_init (void);
/* Gives the memory freed by a big job (reading a layer) back to the system. */
void ga_memory_trim (void);

G_END_DECLS
