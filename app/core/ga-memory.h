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
/* Asks the system for the pages of [@mem, @mem + @size) at once, before they are written:
 * for a big block just allocated that is about to be filled. On a virtual machine each
 * page's first touch traps (12-15 us a page on the PVM guest of README's figures); taken
 * together they cost about half. Blocks under a megabyte, and systems without
 * MADV_POPULATE_WRITE (Linux < 5.14), are left alone. */
void ga_memory_prefault (gpointer mem,
                         gsize    size);
/* Gives the memory freed by a big job (reading a layer) back to the system. */
void ga_memory_trim (void);
/* The calling worker thread (and the threads it starts) yields the CPU to the main
 * thread and the display server: with both cores reading and drawing, the window would
 * otherwise wait for its turn. Once per thread; nothing where threads have no priority. */
void ga_thread_set_background (void);

G_END_DECLS
