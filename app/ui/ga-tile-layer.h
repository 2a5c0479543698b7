/* ga-tile-layer.h — the tiles of one map source, kept for a GaOverlayCanvas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "ga-overlay-source.h"

G_BEGIN_DECLS

#define GA_TYPE_TILE_LAYER (ga_tile_layer_get_type ())
G_DECLARE_FINAL_TYPE (GaTileLayer, ga_tile_layer, GA, TILE_LAYER, GObject)

/* A layer of @source's tiles, drawn by the canvas it is added to (not a widget: it has no
 * allocation and no node of its own).  Visible, opacity 1.  Emits "changed" when a tile was
 * filled or its visibility or opacity changed: what the canvas draws is different. */
/* @source: a GaOverlaySource, or any source of 256-px Web Mercator tiles whose tiles get a
 * GdkTexture (a basemap: the texture is copied into an image once, when it is filled). */
GaTileLayer     *ga_tile_layer_new            (ShumateMapSource *source);
ShumateMapSource *ga_tile_layer_get_source    (GaTileLayer     *self);
void             ga_tile_layer_set_visible    (GaTileLayer     *self,
                                               gboolean         visible);
gboolean         ga_tile_layer_get_visible    (GaTileLayer     *self);
/* The whole layer's opacity, 0..1, as a group: tiles never overlap. */
void             ga_tile_layer_set_opacity    (GaTileLayer     *self,
                                               double           opacity);
double           ga_tile_layer_get_opacity    (GaTileLayer     *self);

/* Fills the tiles of level @z in columns @x0..@x1 and rows @y0..@y1 (inclusive; columns
 * wrap around the world, rows outside the world are skipped) that are not filled or being
 * filled, nearest (@cx, @cy) (level-@z tile units) first.  Fills of other tiles still
 * running are cancelled.  Then keeps at most @max_tiles filled tiles, dropping those used
 * longest ago outside the range.  Main thread. */
void             ga_tile_layer_request        (GaTileLayer     *self,
                                               int              z,
                                               int              x0,
                                               int              y0,
                                               int              x1,
                                               int              y1,
                                               double           cx,
                                               double           cy,
                                               guint            max_tiles);
/* Whether the tile (@z, @x, @y) (@x wrapped) is filled; *@surface is then its image (ARGB32,
 * square, 256 px or another size), or NULL where the layer draws nothing (borrowed, valid
 * until the next request).  Marks the tile as used now. */
gboolean         ga_tile_layer_lookup         (GaTileLayer     *self,
                                               int              z,
                                               int              x,
                                               int              y,
                                               cairo_surface_t **surface);
/* Cancels every fill and forgets every tile (a layer taken out of the canvas). */
void             ga_tile_layer_clear          (GaTileLayer     *self);
/* Tiles kept (filled or being filled). */
guint            ga_tile_layer_get_n_tiles    (GaTileLayer     *self);

G_END_DECLS
