/* ga-png-writer.h — cairo image surfaces to PNG through libpng, fast settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* Receives @length bytes of the PNG; returns FALSE (setting @error) to stop writing. */
typedef gboolean (*GaPngWriteFunc) (gpointer       user_data,
                                    const guint8  *data,
                                    gsize          length,
                                    GError       **error);

/* Writes @surface (ARGB32 or RGB24) as an 8-bit PNG: RGB when every pixel is opaque,
 * RGBA (not premultiplied) otherwise, as cairo_surface_write_to_png() does. Unlike it,
 * the rows are not filtered and zlib runs at level 3: maps are flat colours, which
 * filters do not help, and cairo's settings (every filter tried on every row, level 6)
 * took 80 ms for a 1920x1080 map against 28 ms. Fails with a GA_ERROR (or @func's error). */
gboolean ga_png_writer_write (cairo_surface_t  *surface,
                              GaPngWriteFunc    func,
                              gpointer          user_data,
                              GError          **error);

G_END_DECLS
