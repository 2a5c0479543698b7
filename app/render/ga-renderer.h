/* ga-renderer.h — the one cairo renderer: screen tiles, headless PNGs and exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Thread-safe for reading sealed layers: workers call it with their own cairo surface and a
 * GaSymbol snapshot taken on the main thread.
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "ga-layer.h"
#include "ga-render-view.h"

G_BEGIN_DECLS

typedef struct
{
  double fill[4];       /* r, g, b, a (0..1); polygons and point interiors */
  double stroke[4];     /* outlines and lines */
  double line_width;    /* pixels */
  double point_radius;  /* pixels */
  /* The layer is drawn with opaque colours and composited at this alpha (times the user's
   * opacity): by the widget opacity on screen, by a cairo group in exports.  Features that
   * overlap, and map tiles of two zoom levels shown together while zooming, then never
   * double the translucency, and screen and export match. */
  double layer_alpha;
} GaSymbol;

/* The default symbol for a layer: its colour; polygons filled and outlined in a darker
 * shade and composited at half alpha (semi-transparent), 2.5 px lines, 5 px circles with a
 * white ring for points. */
void              ga_symbol_init_default   (GaSymbol           *symbol,
                                            GaLayer            *layer);

/* Draws one layer into @cr (whose origin is the top-left of @view). Returns FALSE if
 * cancelled. Only features intersecting the view are visited (spatial index). */
gboolean          ga_renderer_draw_layer   (cairo_t            *cr,
                                            const GaRenderView *view,
                                            GaLayer            *layer,
                                            const GaSymbol     *symbol,
                                            GCancellable       *cancellable);

/* Draws one layer composited at symbol->layer_alpha × @opacity, as the screen shows it:
 * the one entry point for exports. */
gboolean          ga_renderer_draw_layer_composited (cairo_t            *cr,
                                                     const GaRenderView *view,
                                                     GaLayer            *layer,
                                                     const GaSymbol     *symbol,
                                                     double              opacity,
                                                     GCancellable       *cancellable);

/* Renders one 256-px (or @tile_size) XYZ tile of @layer into a new ARGB32 surface,
 * premultiplied (matches GDK_MEMORY_DEFAULT). NULL if cancelled. */
cairo_surface_t  *ga_renderer_render_tile  (GaLayer            *layer,
                                            const GaSymbol     *symbol,
                                            int                 z,
                                            int                 x,
                                            int                 y,
                                            int                 tile_size,
                                            GCancellable       *cancellable);

G_END_DECLS
