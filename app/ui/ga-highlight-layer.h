/* ga-highlight-layer.h — outlines one chosen feature above the map layers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "ga-layer.h"

G_BEGIN_DECLS

#define GA_TYPE_HIGHLIGHT_LAYER (ga_highlight_layer_get_type ())
G_DECLARE_FINAL_TYPE (GaHighlightLayer, ga_highlight_layer, GA, HIGHLIGHT_LAYER, ShumateLayer)

GaHighlightLayer *ga_highlight_layer_new         (ShumateViewport  *viewport);
/* Highlights @feature of @layer; @layer NULL clears. */
void              ga_highlight_layer_set_feature (GaHighlightLayer *self,
                                                  GaLayer          *layer,
                                                  guint             feature);
/* The highlighted layer (NULL if none) and feature. */
GaLayer          *ga_highlight_layer_get_layer   (GaHighlightLayer *self);
guint             ga_highlight_layer_get_feature (GaHighlightLayer *self);

G_END_DECLS
