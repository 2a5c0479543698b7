/* ga-thematic-private.h — colours and symbols shared by the thematic renderer and the legend
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The map and the legend call these same functions, so every colour in the legend is exactly
 * the one drawn on the map.
 */
#pragma once

#include <cairo.h>

#include "ga-legend.h"
#include "ga-renderer.h"
#include "ga-style.h"

G_BEGIN_DECLS

static inline void
ga_rgba_set_source (cairo_t *cr,
                    GaRgba   c)
{
  cairo_set_source_rgba (cr, ((c >> 24) & 0xff) / 255.0, ((c >> 16) & 0xff) / 255.0,
                         ((c >> 8) & 0xff) / 255.0, (c & 0xff) / 255.0);
}

static inline gboolean
ga_rgba_is_visible (GaRgba c)
{
  return (c & 0xff) != 0;
}

/* Heatmap: the colour (straight alpha) of @density (weight per km²): the style's ramp at
 * density / scale_max, clamped, with an alpha rising from 0 at no density. */
GaRgba    ga_thematic_heat_color           (GaStyle      *style,
                                            double        density);
/* Proportional circles: their fill (the style's fill, made translucent if it is opaque so
 * overlapping circles stay readable) and outline. */
GaRgba    ga_thematic_proportional_fill    (GaStyle      *style);
GaRgba    ga_thematic_proportional_stroke  (GaStyle      *style);
/* Radius in pixels of a proportional circle of @value (area ∝ value); 0 for none. */
double    ga_thematic_proportional_radius  (GaStyle      *style,
                                            double        value);
/* The outline of classed polygons and points, and of grid cells. */
GaRgba    ga_thematic_outline              (GaStyle      *style);
/* Appends a point symbol of @shape with radius @r centred on (@x, @y) to the path. */
void      ga_thematic_point_path           (cairo_t      *cr,
                                            GaPointShape  shape,
                                            double        x,
                                            double        y,
                                            double        r);
/* Label font size in pixels for a style's size in points (96 DPI screen). */
double    ga_thematic_label_px             (double        size_pt);

/* Tests: where the colour bar of the @index-th item (a heatmap) of a legend drawn at the
 * origin lies (x, y, width, height); column i of width 1 shows the density
 * (i + 0.5) / width × scale_max. FALSE if that item is not a heatmap. */
gboolean  ga_legend_get_heat_bar           (cairo_t            *cr,
                                            const GaLegendItem *items,
                                            guint               n_items,
                                            double              scale,
                                            guint               index,
                                            double              rect[4]);

G_END_DECLS
