/* ga-render-bands.h — one drawing split across cores by horizontal bands of the image
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A big image (an export) is drawn by several threads at once: each gets a cairo_t on its
 * own band of the same pixels (an image surface over those rows), with the same matrix and
 * clip as the caller's, and runs the same drawing code. Cairo rasterises each pixel from
 * the geometry alone, so the pixels are those one thread would have drawn. Vector targets
 * (PDF, SVG), small images (screen tiles), and transformed or clipped contexts that do not
 * map to whole pixels are drawn once, on the caller's thread.
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

/* Draws into @cr; called on any thread, at the same time as the other bands. */
typedef gboolean (*GaBandDrawFunc) (cairo_t      *cr,
                                    gpointer      user_data,
                                    GCancellable *cancellable);

/* Returns FALSE if @func did (cancelled). */
gboolean ga_render_bands (cairo_t        *cr,
                          GaBandDrawFunc  func,
                          gpointer        user_data,
                          GCancellable   *cancellable);

/* Tests and benchmarks: @n threads (1: never split; 0: as many as cores), and how many
 * drawings were split so far. */
void     _ga_render_bands_set_max_threads (guint n);
guint    _ga_render_bands_get_n_split     (void);

G_END_DECLS
