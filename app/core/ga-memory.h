/* ga-memory.h — how the process asks the system for memory and CPU time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Call once at the start of main() of a batch program (green-atlas-render): big arrays
 * from mmap, for the lowest peak. Not in the app: GTK allocates window-sized buffers every
 * frame, which a fixed 1 MB threshold would take fresh from mmap (ga_memory_init_window). */
void ga_memory_init (void);
/* Call once in a program with a window: the window's frames take window-sized buffers
 * from malloc (GTK's cairo renderer paints each frame into a new image). They are kept in
 * the heap (up to 32 MB) and the heap is not given back to the system before 128 MB are
 * free at its top, so a frame mostly gets pages an earlier frame has touched. */
void ga_memory_init_window (void);
/* Asks the system for the pages of [@mem, @mem + @size) at once, before they are written:
 * for a big block just allocated that is about to be filled. On a virtual machine each
 * page's first touch traps (12-15 us a page on the PVM guest of README's figures); taken
 * together they cost about half. Blocks under a megabyte, and systems without
 * MADV_POPULATE_WRITE (Linux < 5.14), are left alone. */
void ga_memory_prefault (gpointer mem,
                         gsize    size);
/* The mapping of this process's address space that holds @p: its first byte, size and
 * (@name: NULL, or a string to free) what /proc/self/maps names it by: a file's path,
 * "[heap]", "/SYSV00000000 (deleted)" for System V shared memory, "" for anonymous memory.
 * FALSE where there is none or it cannot be read (not Linux). */
gboolean ga_memory_find_mapping (gconstpointer   p,
                                 gpointer       *start,
                                 gsize          *size,
                                 char          **name);
/* Gives the memory freed by a big job (reading a layer) back to the system. */
void ga_memory_trim (void);
/* The calling worker thread (and the threads it starts) yields the CPU to the main
 * thread and the display server: with both cores reading and drawing, the window would
 * otherwise wait for its turn. Once per thread; nothing where threads have no priority. */
void ga_thread_set_background (void);

G_END_DECLS
