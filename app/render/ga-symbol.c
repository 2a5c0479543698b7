/* ga-symbol.c — default symbols: one colour per layer, shaped by its geometry kind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ga-symbol"

#include "config.h"

#include <string.h>

#include "ga-renderer.h"

#define POLYGON_ALPHA   0.5  /* polygon layers are composited at half alpha */
#define OUTLINE_DARKEN  0.60 /* outline = colour darkened by 40 % */
#define OUTLINE_WIDTH   1.0
#define LINE_WIDTH      2.5
#define POINT_RADIUS    5.0
#define POINT_RING      1.5

static void
set_rgba (double   *out,
          double    r,
          double    g,
          double    b,
          double    a)
{
  out[0] = r;
  out[1] = g;
  out[2] = b;
  out[3] = a;
}

void
ga_symbol_init_default (GaSymbol *symbol,
                        GaLayer  *layer)
{
  guint rgb;
  double r, g, b;

  g_return_if_fail (symbol != NULL);
  g_return_if_fail (GA_IS_LAYER (layer));

  rgb = ga_layer_get_color (layer);
  r = ((rgb >> 16) & 0xff) / 255.0;
  g = ((rgb >> 8) & 0xff) / 255.0;
  b = (rgb & 0xff) / 255.0;

  /* The basemap tail (dashes, casing, zoom range, label) is off. */
  memset (symbol, 0, sizeof *symbol);
  symbol->point_radius = POINT_RADIUS;
  symbol->layer_alpha = 1.0;

  switch (ga_layer_get_geom_kind (layer))
    {
    case GA_GEOM_POINT:
      /* An opaque dot with a white ring, readable over any basemap. */
      set_rgba (symbol->fill, r, g, b, 1.0);
      set_rgba (symbol->stroke, 1.0, 1.0, 1.0, 1.0);
      symbol->line_width = POINT_RING;
      break;

    case GA_GEOM_LINE:
      set_rgba (symbol->fill, r, g, b, 1.0);
      set_rgba (symbol->stroke, r, g, b, 1.0);
      symbol->line_width = LINE_WIDTH;
      break;

    case GA_GEOM_POLYGON:
    case GA_GEOM_NONE:
    default:
      set_rgba (symbol->fill, r, g, b, 1.0);
      set_rgba (symbol->stroke, r * OUTLINE_DARKEN, g * OUTLINE_DARKEN, b * OUTLINE_DARKEN, 1.0);
      symbol->line_width = OUTLINE_WIDTH;
      symbol->layer_alpha = POLYGON_ALPHA;
      break;
    }
}
