/* ga-layer-style.h — the GaStyle that goes with each GaLayer in the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The style is kept on the layer object (object data), so the map view, the layer row,
 * the legend, the style editor and the attribute table all see the same one, and a
 * reloaded layer (ga_layer_store_replace) can be handed the style of the layer it replaces.
 */
#pragma once

#include "ga-layer.h"
#include "ga-style.h"

G_BEGIN_DECLS

/* The layer's style; created with ga_style_new_for_layer() on first use. Main thread. */
GaStyle *ga_layer_style_get  (GaLayer *layer);
/* Gives @layer @style (a reference is taken), e.g. the style of the layer a reload replaces. */
void     ga_layer_style_set  (GaLayer *layer,
                              GaStyle *style);
/* TRUE once the layer has a style. */
gboolean ga_layer_style_has  (GaLayer *layer);

G_END_DECLS
