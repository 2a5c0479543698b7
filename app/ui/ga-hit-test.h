/* ga-hit-test.h — which features of a layer lie under a point (GTK-free)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Candidates come from the layer's spatial index (ga_layer_query with a small box); each is
 * then tested precisely in Web Mercator metres: point in polygon (even-odd over the rings),
 * distance to a line, distance to a point.
 */
#pragma once

#include "ga-layer.h"
#include "ga-style.h"

G_BEGIN_DECLS

/* TRUE if @feature contains (x, y) or passes within @tolerance metres of it. */
gboolean ga_hit_test_feature (GaLayer *layer,
                              guint    feature,
                              double   x,
                              double   y,
                              double   tolerance);

/* Appends (guint) the features under (x, y), topmost (drawn last) first. Features hidden by
 * @style's filter are skipped when @style (a prepared snapshot) is given. */
void     ga_hit_test_layer   (GaLayer *layer,
                              GaStyle *style,
                              double   x,
                              double   y,
                              double   tolerance,
                              GArray  *hits);

G_END_DECLS
