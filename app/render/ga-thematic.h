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

G_END_DECLS
