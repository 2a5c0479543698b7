/* ga-layer-store.h — the ordered list of layers (a GListModel of GaLayer)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Position 0 is the TOP of the map (drawn last), as in the layers sidebar.
 */
#pragma once

#include <gio/gio.h>

#include "ga-layer.h"

G_BEGIN_DECLS

#define GA_TYPE_LAYER_STORE (ga_layer_store_get_type ())
G_DECLARE_FINAL_TYPE (GaLayerStore, ga_layer_store, GA, LAYER_STORE, GObject)

GaLayerStore *ga_layer_store_new          (void);
/* Adds on top and gives the layer the next default colour of the palette. */
void          ga_layer_store_add          (GaLayerStore *self,
                                           GaLayer      *layer);
void          ga_layer_store_remove       (GaLayerStore *self,
                                           GaLayer      *layer);
/* Moves a layer to a new position (0 = top). */
void          ga_layer_store_move         (GaLayerStore *self,
                                           GaLayer      *layer,
                                           guint         new_position);
/* Puts @replacement where @layer is, with its colour, visibility and opacity (a reload). */
void          ga_layer_store_replace      (GaLayerStore *self,
                                           GaLayer      *layer,
                                           GaLayer      *replacement);
gboolean      ga_layer_store_find         (GaLayerStore *self,
                                           GaLayer      *layer,
                                           guint        *position);
GaLayer      *ga_layer_store_get          (GaLayerStore *self,
                                           guint         position);
guint         ga_layer_store_get_n_layers (GaLayerStore *self);
/* Union of the Mercator extents of the (visible if @visible_only) layers; FALSE if none. */
gboolean      ga_layer_store_get_extent   (GaLayerStore *self,
                                           gboolean      visible_only,
                                           GaExtent     *extent);

/* The default qualitative palette (colour-blind safe), 0xRRGGBB. */
guint         ga_palette_color            (guint         index);

G_END_DECLS
