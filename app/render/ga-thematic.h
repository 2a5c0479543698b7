/* ga-thematic.h — draws a layer with its GaStyle: the one path for screen tiles and exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * @style is a snapshot (ga_style_copy + ga_style_prepare) owned by the caller for the whole
 * render; thread-safe for concurrent tiles of the same snapshot.
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "ga-labeler.h"
#include "ga-layer.h"
#include "ga-render-view.h"
#include "ga-style.h"

G_BEGIN_DECLS

/* Everything of the layer — symbols of every style kind, filter honoured, labels placed
 * consistently across tiles — composited at ga_style_get_opacity() × @opacity. FALSE if
 * cancelled. */
gboolean          ga_thematic_draw_layer   (cairo_t            *cr,
                                            const GaRenderView *view,
                                            GaLayer            *layer,
                                            GaStyle            *style,
                                            double              opacity,
                                            GCancellable       *cancellable);

/* One XYZ tile drawn OPAQUE (no style opacity: on screen the map layer's widget opacity
 * applies it, so tiles of two zoom levels never double the translucency). NULL if cancelled. */
cairo_surface_t  *ga_thematic_render_tile  (GaLayer            *layer,
                                            GaStyle            *style,
                                            int                 z,
                                            int                 x,
                                            int                 y,
                                            int                 tile_size,
                                            GCancellable       *cancellable);

/* ---- additions for exports (issue 4, helper L) ---- */

typedef enum
{
  GA_THEMATIC_DRAW_ALL  = 0,
  GA_THEMATIC_NO_LABELS = 1 << 0,  /* the caller places labels of all layers together */
} GaThematicFlags;

/* ga_thematic_draw_layer() with @flags: exports draw every layer's symbols first, then the
 * labels of all layers with one GaLabeler (ga_thematic_add_labels), so labels of different
 * layers never overlap and stay on top. */
gboolean          ga_thematic_draw_layer_full (cairo_t            *cr,
                                               const GaRenderView *view,
                                               GaLayer            *layer,
                                               GaStyle            *style,
                                               double              opacity,
                                               GaThematicFlags     flags,
                                               GCancellable       *cancellable);

/* Adds @layer's labels as @style sets them (field, size, colours, halo, minimum zoom; the
 * filter and classes honoured; none for heatmaps and grids) to @labeler. */
void              ga_thematic_add_labels      (GaLabeler          *labeler,
                                               GaLayer            *layer,
                                               GaStyle            *style);

/* ---- additions for the screen's one label layer (issue 4, helper N) ---- */

/* ga_thematic_render_tile(), with or without the layer's labels: on screen the overlay
 * tiles leave them out and ga_thematic_render_label_tile() draws the labels of all layers. */
cairo_surface_t  *ga_thematic_render_tile_full (GaLayer       *layer,
                                                GaStyle       *style,
                                                int            z,
                                                int            x,
                                                int            y,
                                                int            tile_size,
                                                gboolean       with_labels,
                                                GCancellable  *cancellable);

/* The labels of all @n layers in one XYZ tile, transparent elsewhere, always opaque.
 * @layers and @styles (prepared snapshots, as for ga_thematic_render_tile) go TOP LAYER
 * FIRST, like the layer store: at equal priority the label of the upper layer wins.  One
 * GaLabeler places the labels of all layers for a whole zoom level, so labels of different
 * layers never overlap and a label crossing a tile edge lines up in both tiles.  The labeler
 * is cached for the exact list of (layer, snapshot) pairs — a new snapshot or another set of
 * layers places anew — and shared by concurrent tiles (thread-safe).  NULL if cancelled. */
cairo_surface_t  *ga_thematic_render_label_tile (GaLayer     **layers,
                                                 GaStyle     **styles,
                                                 guint         n,
                                                 int           z,
                                                 int           x,
                                                 int           y,
                                                 int           tile_size,
                                                 GCancellable *cancellable);

G_END_DECLS
