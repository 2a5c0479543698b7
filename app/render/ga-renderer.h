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

  /* ---- Basemap styling (issue 3). ga_symbol_init_default() sets all of these to "off"
   * (zero / empty), so a zeroed tail means: solid lines, no casing, fixed widths, drawn at
   * every zoom, no label. ---- */
  double line_dash[2];     /* on, off lengths in pixels (lines and outlines); 0 = solid */
  double casing[4];        /* lines: colour drawn under the line ... */
  double casing_width;     /* ... this many pixels wider on each side; 0 = no casing */
  double zoom_scale;       /* line, casing and dash sizes × zoom_scale^(zoom − 14); 0 = fixed */
  int    min_zoom;         /* the layer is not drawn below this zoom (exports, tiles); 0 = all */

  /* Labels, placed by GaLabeler (ga-labeler.h), never by ga_renderer_draw_layer(). */
  char   label_text[96];   /* "{name_th}" or "{name_th}\n{name_en}", or a bare field name;
                            * "" = no label */
  char   label_rank_field[32]; /* numeric field, smaller = placed first; "" = none */
  double label_size;       /* pixels (0 = 12) */
  double label_color[4];
  double label_halo[4];
  double label_halo_width; /* pixels (0 = no halo) */
  int    label_min_zoom;
  int    label_max_zoom;   /* 0 = no maximum */
  int    label_priority;   /* layers with a higher priority are placed first */
  int    label_weight;     /* PangoWeight (0 = normal) */
  gboolean label_italic;
  double label_dy;         /* points: the label's top this many pixels below the point
                            * (clear of the symbol); 0 = centred on it */
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
