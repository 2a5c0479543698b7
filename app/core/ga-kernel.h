/* ga-kernel.h — the shared maths of heatmaps, grids and per-feature classes (renderer + legend)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Extra accessors of a prepared GaStyle (ga_style_prepare) that app/render needs so the map
 * and the legend use exactly the numbers ga_style_classify used.
 *
 * Heatmap: quartic (biweight) kernel, radius h = ga_style_get_radius_m (real metres):
 *     K(d) = 3 / (π h²) · (1 − d²/h²)²   for d < h, else 0          (per m²)
 * Its integral over the plane is 1, so the total weight is preserved. The density at a place is
 *     D = 10⁶ · Σ wᵢ · K(dᵢ)                                            (weight per km²)
 * with dᵢ the ground distance in metres = Mercator distance × ga_style_get_mercator_factor
 * (cos of the latitude of the layer's centre, fixed by ga_style_classify/prepare, so it does
 * not change with the view). wᵢ = weight field value (features whose weight is not a number
 * count 0), or 1 without a weight field. ga_style_get_scale_max is the density at the top of
 * the ramp: colour = ga_ramp_sample (ramp, D / scale_max), clamped to [0, 1].
 *
 * Grid: cells anchored at the Mercator origin, side (square) or width across flats (hexagon,
 * pointy-top) = ga_style_get_cell_size_m / mercator_factor Mercator metres. The cell values
 * are computed once from all (filter-passing) points by ga_style_prepare; draw each cell of
 * ga_style_get_grid_cells with ga_style_grid_cell_shape, coloured by its class.
 *
 * Casing (transit lines): ga_style_get_casing_width is pixels on EACH side (as GaSymbol).
 *
 * Where a class colour goes: lines → the line colour (stroke); polygons and points → the fill
 * (the outline stays ga_style_get_stroke) — EXCEPT theme GA_THEME_TRANSIT_STOPS, whose points
 * keep the white fill and take the class colour as the ring (stroke).
 * Class membership of numbers (graduated, grid): lower < v ≤ upper, the first class also
 * includes its lower edge (edges are class maxima, as Jenks' tables) — use
 * ga_style_class_of_value. Features whose value is NULL or not a number are in no class and
 * are not drawn.
 * ga_style_class_of_feature for kinds without classes: single and heatmap → 0 when drawn;
 * proportional → 0 when the value is a number > 0, else -1.
 */
#pragma once

#include "ga-style.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 col;
  gint64 row;
  double value;   /* count or sum */
  int    klass;   /* index into the style's classes, -1 = none */
} GaGridCell;

/* K(d) × 10⁶: the density in weight per km² that one point of weight 1 gives at @distance_m. */
double            ga_style_kernel                 (GaStyle          *self,
                                                   double            distance_m);
/* Ground metres per Mercator metre at the layer's centre latitude (≤ 1). */
double            ga_style_get_mercator_factor    (GaStyle          *self);
/* Numeric value of the style's field (or weight field for heatmaps) for @feature; FALSE if
 * the value is NULL or not a number. */
gboolean          ga_style_feature_value          (GaStyle          *self,
                                                   GaLayer          *layer,
                                                   guint             feature,
                                                   double           *value);
/* Heatmap weight of @feature (1 without a weight field, 0 when not a number). */
double            ga_style_feature_weight         (GaStyle          *self,
                                                   GaLayer          *layer,
                                                   guint             feature);
/* Heatmap prepared for @layer (ga_style_prepare): the weight of every feature as drawn,
 * ga_style_feature_weight or 0 when the filter hides it or it is not finite; NULL when the
 * style is not a heatmap prepared for @layer. */
const double     *ga_style_get_heat_weights       (GaStyle          *self,
                                                   GaLayer          *layer);
/* Class of a raw number for graduated and grid styles; -1 if outside every class. */
int               ga_style_class_of_value         (GaStyle          *self,
                                                   double            value);
/* Colour of a feature: its class colour, or the fill for a single style; FALSE if the
 * feature is not drawn (filtered out, no class). */
gboolean          ga_style_feature_color          (GaStyle          *self,
                                                   GaLayer          *layer,
                                                   guint             feature,
                                                   GaRgba           *color);

/* Grid: the cell containing Mercator (x, y). */
void              ga_style_grid_cell_of           (GaStyle          *self,
                                                   double            x,
                                                   double            y,
                                                   gint64           *col,
                                                   gint64           *row);
/* Grid: the outline of a cell as x0,y0,… Mercator metres; @xy holds 12 doubles; returns the
 * number of vertices (4 or 6). */
guint             ga_style_grid_cell_shape        (GaStyle          *self,
                                                   gint64            col,
                                                   gint64            row,
                                                   double           *xy);
/* Grid: the non-empty cells (after ga_style_prepare or ga_style_classify). */
const GaGridCell *ga_style_get_grid_cells         (GaStyle          *self,
                                                   guint            *n_cells);

/* Categorized by a colour attribute: TRUE when the classes are keyed by a colour field
 * (`route_color`…), whose values are matched ignoring case and a leading '#'. */
gboolean          ga_style_get_color_keyed        (GaStyle          *self);

G_END_DECLS
