/* ga-overlay-canvas.h — every overlay's tiles composited in one map layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "ga-tile-layer.h"

G_BEGIN_DECLS

#define GA_TYPE_OVERLAY_CANVAS (ga_overlay_canvas_get_type ())
G_DECLARE_FINAL_TYPE (GaOverlayCanvas, ga_overlay_canvas, GA, OVERLAY_CANVAS, ShumateLayer)

/* @reference: a Web Mercator source of 256-px tiles, used only for its maths. */
GaOverlayCanvas *ga_overlay_canvas_new        (ShumateViewport  *viewport,
                                               ShumateMapSource *reference);
/* Puts @layer on top of the others (taking it out first if it is in). */
void             ga_overlay_canvas_add_layer  (GaOverlayCanvas  *self,
                                               GaTileLayer      *layer);
/* Puts @layer below the others (a basemap). */
void             ga_overlay_canvas_add_layer_bottom (GaOverlayCanvas *self,
                                               GaTileLayer      *layer);
/* Puts @layer right above @sibling, which must be in. */
void             ga_overlay_canvas_insert_layer_above (GaOverlayCanvas *self,
                                               GaTileLayer      *layer,
                                               GaTileLayer      *sibling);
/* Takes @layer out: its fills are cancelled and its tiles dropped. */
void             ga_overlay_canvas_remove_layer (GaOverlayCanvas *self,
                                               GaTileLayer      *layer);
gboolean         ga_overlay_canvas_has_layer  (GaOverlayCanvas  *self,
                                               GaTileLayer      *layer);
guint            ga_overlay_canvas_get_n_layers (GaOverlayCanvas *self);
/* The layer at @index, 0 at the bottom. */
GaTileLayer     *ga_overlay_canvas_get_layer  (GaOverlayCanvas  *self,
                                               guint             index);
/* Where @layer is, 0 at the bottom, or -1. */
int              ga_overlay_canvas_get_position (GaOverlayCanvas *self,
                                               GaTileLayer      *layer);
/* Images of merged tiles kept (the tiles of all layers at one place, composited once). */
guint            ga_overlay_canvas_get_n_merged (GaOverlayCanvas *self);
/* Merged images made so far; at most 8 are made in one frame, the places beyond are drawn
 * layer by layer until later frames merge them. */
guint            ga_overlay_canvas_get_n_merges_made (GaOverlayCanvas *self);
/* Places drawn from a merged image of several layers in the last frame (tests). */
guint            ga_overlay_canvas_get_n_drawn_merged (GaOverlayCanvas *self);
/* Tiles kept over all layers (filled or being filled). */
guint            ga_overlay_canvas_get_n_tiles (GaOverlayCanvas *self);
/* Frames the canvas has drawn so far. */
guint64          ga_overlay_canvas_get_n_frames (GaOverlayCanvas *self);

G_END_DECLS
