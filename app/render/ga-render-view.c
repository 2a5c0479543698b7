/* ga-render-view.c — Web-Mercator view maths (libshumate's zoom convention)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ga-render-view"

#include "config.h"

#include <math.h>

#include "ga-render-view.h"

#define TILE_PX 256.0
#define MAX_ZOOM 22.0

/* Width of the whole world in Mercator metres. */
#define WORLD_M (2.0 * GA_MERCATOR_HALF_WORLD)

void
ga_render_view_init_tile (GaRenderView *view,
                          int           z,
                          int           x,
                          int           y,
                          int           tile_size)
{
  double span;

  g_return_if_fail (view != NULL);
  g_return_if_fail (tile_size > 0);
  g_return_if_fail (z >= 0 && z < 31);

  span = WORLD_M / (double) (1u << z);
  view->center_x = -GA_MERCATOR_HALF_WORLD + (x + 0.5) * span;
  view->center_y = GA_MERCATOR_HALF_WORLD - (y + 0.5) * span;
  /* A 512-px tile at z covers what a 256-px tile does at z: the pixel zoom is higher. */
  view->zoom = z + log2 (tile_size / TILE_PX);
  view->width = tile_size;
  view->height = tile_size;
}

void
ga_render_view_init_extent (GaRenderView   *view,
                            const GaExtent *extent,
                            int             width,
                            int             height,
                            double          margin)
{
  double usable_w, usable_h, ext_w, ext_h, res;

  g_return_if_fail (view != NULL);
  g_return_if_fail (extent != NULL);
  g_return_if_fail (width > 0 && height > 0);

  margin = CLAMP (margin, 0.0, 0.45);
  usable_w = width * (1.0 - 2.0 * margin);
  usable_h = height * (1.0 - 2.0 * margin);
  ext_w = MAX (extent->max_x - extent->min_x, 0.0);
  ext_h = MAX (extent->max_y - extent->min_y, 0.0);

  view->center_x = (extent->min_x + extent->max_x) / 2.0;
  view->center_y = (extent->min_y + extent->max_y) / 2.0;
  view->width = width;
  view->height = height;

  res = MAX (ext_w / usable_w, ext_h / usable_h);
  if (!(res > 0.0) || !isfinite (res))
    {
      /* A single point (or nothing): a street-level view around it. */
      view->zoom = 16.0;
      return;
    }
  view->zoom = CLAMP (log2 (WORLD_M / (TILE_PX * res)), 0.0, MAX_ZOOM);
}

double
ga_render_view_get_resolution (const GaRenderView *view)
{
  g_return_val_if_fail (view != NULL, 0.0);

  return WORLD_M / (TILE_PX * exp2 (view->zoom));
}

void
ga_render_view_get_extent (const GaRenderView *view,
                           GaExtent           *extent)
{
  double res, half_w, half_h;

  g_return_if_fail (view != NULL);
  g_return_if_fail (extent != NULL);

  res = ga_render_view_get_resolution (view);
  half_w = view->width * res / 2.0;
  half_h = view->height * res / 2.0;
  extent->min_x = view->center_x - half_w;
  extent->max_x = view->center_x + half_w;
  extent->min_y = view->center_y - half_h;
  extent->max_y = view->center_y + half_h;
}

void
ga_render_view_to_pixel (const GaRenderView *view,
                         double              mx,
                         double              my,
                         double             *px,
                         double             *py)
{
  double res;

  g_return_if_fail (view != NULL);

  res = ga_render_view_get_resolution (view);
  if (px)
    *px = view->width / 2.0 + (mx - view->center_x) / res;
  if (py)
    *py = view->height / 2.0 - (my - view->center_y) / res;
}

void
ga_render_view_from_pixel (const GaRenderView *view,
                           double              px,
                           double              py,
                           double             *mx,
                           double             *my)
{
  double res;

  g_return_if_fail (view != NULL);

  res = ga_render_view_get_resolution (view);
  if (mx)
    *mx = view->center_x + (px - view->width / 2.0) * res;
  if (my)
    *my = view->center_y - (py - view->height / 2.0) * res;
}
