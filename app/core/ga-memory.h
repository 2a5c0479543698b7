/* ga-memory.h — how the process asks the system for memory and CPU time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Call once at the start of main() of a batch program (green-atlas-render): big arrays
 * from mmap, for the lowest peak. Not in the app: GTK allocates window-sized buffers every
 * frame, which glibc's default (sliding) threshold keeps in the heap. */
void ga_memory_init (void);
/* Gives the memory freed by a big job (reading a layer) back to the system. */
void ga_memory_trim (void);
/* The calling worker thread (and the threads it starts) yields the CPU to the main
 * thread and the display server: with both cores reading and drawing, the window would
 * otherwise wait for its turn. Once per thread; nothing where threads have no priority. */
void ga_thread_set_background (void);

G_END_DECLS
