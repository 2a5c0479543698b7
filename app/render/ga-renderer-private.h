/* ga-renderer-private.h — the renderer's path building, shared with ga-thematic.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Private to app/render: geometry to cairo paths with the renderer's pixel-grid
 * simplification and its clipping of huge coordinates, so the thematic renderer draws
 * exactly the same shapes as ga_renderer_draw_layer().
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "ga-layer.h"
#include "ga-render-view.h"

G_BEGIN_DECLS

typedef struct
{
  double ox, oy;  /* pixel = (m - origin) * scale, y flipped */
  double inv_res;
  double min_x, min_y, max_x, max_y; /* clip rectangle, pixels */
  double width, height;
} GaMapper;

void      ga_mapper_init                (GaMapper           *mapper,
                                         const GaRenderView *view);

static inline void
ga_mapper_to_pixel (const GaMapper *m,
                    double          x,
                    double          y,
                    double         *px,
                    double         *py)
{
  *px = (x - m->ox) * m->inv_res;
  *py = (m->oy - y) * m->inv_res;
}

/* TRUE if @feature is smaller than a pixel at this zoom (drawn as one pixel at @px, @py);
 * @size_px gets its larger side in pixels. */
gboolean  ga_mapper_feature_is_tiny     (const GaMapper     *mapper,
                                         GaLayer            *layer,
                                         guint               feature,
                                         double             *px,
                                         double             *py,
                                         double             *size_px);

/* Appends the rings (polygons) or parts (lines) of @feature to the current path. */
void      ga_renderer_add_feature_path  (cairo_t            *cr,
                                         const GaMapper     *mapper,
                                         GaLayer            *layer,
                                         guint               feature,
                                         GArray             *tmp_a,
                                         GArray             *tmp_b);

G_END_DECLS
