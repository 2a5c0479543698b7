/* ga-render-view.h — what a render covers: centre, zoom and size, in Web Mercator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Zoom follows the slippy-map convention libshumate uses: the world is 256·2^zoom pixels wide.
 */
#pragma once

#include "ga-layer.h"

G_BEGIN_DECLS

typedef struct
{
  double center_x;   /* Mercator metres */
  double center_y;
  double zoom;       /* fractional zoom, world = 256 * 2^zoom px */
  int    width;      /* pixels */
  int    height;
} GaRenderView;

/* The view covering tile z/x/y (XYZ, y down) at @tile_size pixels. */
void    ga_render_view_init_tile       (GaRenderView       *view,
                                        int                 z,
                                        int                 x,
                                        int                 y,
                                        int                 tile_size);
/* The largest zoom whose view of @width x @height shows @extent (Mercator), with a margin
 * of @margin (fraction of the size on each side, e.g. 0.05). */
void    ga_render_view_init_extent     (GaRenderView       *view,
                                        const GaExtent     *extent,
                                        int                 width,
                                        int                 height,
                                        double              margin);
/* Metres per pixel at the view's zoom (on the Mercator plane). */
double  ga_render_view_get_resolution  (const GaRenderView *view);
void    ga_render_view_get_extent      (const GaRenderView *view,
                                        GaExtent           *extent);
void    ga_render_view_to_pixel        (const GaRenderView *view,
                                        double              mx,
                                        double              my,
                                        double             *px,
                                        double             *py);
void    ga_render_view_from_pixel      (const GaRenderView *view,
                                        double              px,
                                        double              py,
                                        double             *mx,
                                        double             *my);

G_END_DECLS
