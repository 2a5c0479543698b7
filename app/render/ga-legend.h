/* ga-legend.h — the legend, drawn by the same code on the map panel and in exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "ga-layer.h"
#include "ga-style.h"

G_BEGIN_DECLS

typedef struct
{
  GaLayer *layer;   /* its name is the heading */
  GaStyle *style;   /* classes, ramps, nested circles, heatmap scale with unit */
} GaLegendItem;

/* Size in cairo units of the legend of @items (top layer first) at @scale (1.0 = screen
 * size; exports pass their DPI factor). Colours drawn are exactly the map's. */
void  ga_legend_measure  (cairo_t            *cr,
                          const GaLegendItem *items,
                          guint               n_items,
                          double              scale,
                          double             *width,
                          double             *height);
/* Draws at the current origin (top-left), on a light rounded panel. */
void  ga_legend_draw     (cairo_t            *cr,
                          const GaLegendItem *items,
                          guint               n_items,
                          double              scale);

G_END_DECLS
