/* ga-frame-memory.h — the window's frames get memory whose pages are there already
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* For a widget drawn by GSK's cairo renderer, when it is realized: keeps the heap's pages
 * for frames (once a process) and, on X11, a cairo shared-memory pool for frames of up to
 * 8 MB (once a display), and has their pages asked for at once in a worker thread.
 * Returns the bytes prepared; 0 for another renderer, or when both are done already. */
gsize ga_frame_memory_reserve (GtkWidget *widget);

/* The shared-memory pool kept for @display's frames: its first byte and size. FALSE
 * where none is kept. */
gboolean ga_frame_memory_get_pool (GdkDisplay *display,
                                   gpointer   *start,
                                   gsize      *size);

G_END_DECLS
