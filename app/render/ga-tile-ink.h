/* ga-tile-ink.h — the part of a tile image that is not transparent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  int x0, y0, x1, y1;   /* x1, y1 past the last; x0 >= x1 when all is transparent */
} GaInk;

/* The ink of @surface, an image that no longer changes (a drawn tile, a merged one): found
 * once (a 256-px tile in ~30 us) and kept with the surface. Call it on the thread that
 * holds the surface; a tile worker calls it right after drawing, so that the main thread
 * finds it done. Opaque formats are all ink. */
const GaInk *ga_tile_ink_get  (cairo_surface_t *surface);

/* The ink found before, or NULL. */
const GaInk *ga_tile_ink_peek (cairo_surface_t *surface);

static inline gboolean
ga_tile_ink_is_empty (const GaInk *ink)
{
  return ink->x0 >= ink->x1;
}

G_END_DECLS
