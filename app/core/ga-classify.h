/* ga-classify.h — class breaks, colour ramps and qualitative palettes, colour parsing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ga-style.h"

G_BEGIN_DECLS

/* n_classes + 1 ascending edges (double), first = minimum, last = maximum; NULL when @n is 0
 * or @n_classes is outside 1..9. NaN values are ignored. Fewer distinct values than classes
 * give fewer (distinct) edges for quantile and natural breaks. Pretty breaks are 1-2-5 steps
 * covering the data, so their count may differ by one or two from @n_classes. */
GArray             *ga_classify_breaks       (const double     *values,
                                              gsize             n,
                                              GaClassifyMethod  method,
                                              guint             n_classes);
/* As ga_classify_breaks, without a copy of the data: @values is reordered (and its
 * non-finite values overwritten). Only the order statistics a method needs are selected
 * (minimum and maximum; the quantiles; the natural-breaks sample), in O(n) expected time. */
GArray             *ga_classify_breaks_in_place (double           *values,
                                                 gsize             n,
                                                 GaClassifyMethod  method,
                                                 guint             n_classes);
const char         *ga_classify_method_to_string   (GaClassifyMethod method);   /* "quantile"… */
GaClassifyMethod    ga_classify_method_from_string (const char      *id);
const char         *ga_classify_method_get_name    (GaClassifyMethod method);   /* translated */

/* @n colours of @ramp ("greens", "ylorrd", "viridis", "set2", …). Sequential and diverging
 * ramps give the published ColorBrewer colours for 3..9 classes (n < 3 uses the 3-class
 * ramp's ends, n > 9 interpolates); viridis is sampled evenly from its 256-entry table.
 * Qualitative palettes repeat after their length. FALSE for an unknown id. */
gboolean            ga_ramp_colors           (const char       *ramp,
                                              guint             n,
                                              GaRgba           *out);
/* A colour at @t in [0, 1] along the ramp (continuous, for heatmaps); interpolated in sRGB
 * between the 9-class colours (viridis: its 256 entries). */
GaRgba              ga_ramp_sample           (const char       *ramp,
                                              double            t);
/* NULL-terminated ids: qualitative palettes, or sequential + diverging ramps. */
const char * const *ga_ramp_list             (gboolean          qualitative);
gboolean            ga_ramp_is_qualitative   (const char       *ramp);
gboolean            ga_ramp_is_known         (const char       *ramp);
const char         *ga_ramp_get_name         (const char       *ramp);  /* "Greens", "Okabe–Ito" */

/* "#RRGGBB", "RRGGBB", "#RGB", "#RRGGBBAA" (any case, spaces trimmed) or a CSS colour name
 * ("red", "Green"…). */
gboolean            ga_color_parse           (const char       *text,
                                              GaRgba           *out);
char               *ga_color_to_string       (GaRgba            color);  /* "#rrggbb" / "#rrggbbaa" */

/* A whole attribute value as a finite number, exactly as g_ascii_strtod reads it, with
 * ASCII spaces around it allowed: FALSE for NULL, "", trailing text, inf and NaN. */
gboolean            ga_parse_number          (const char       *text,
                                              double           *out);
/* Round up / to the nearest 1-2-5 × 10ᵏ number (0 stays 0; negatives mirror). */
double              ga_pretty_ceil           (double            value);
double              ga_pretty_round          (double            value);
/* Short number for legends: "1,250", "0.25", "12.5k" is NOT used — digits with grouping. */
char               *ga_format_number         (double            value);

G_END_DECLS
