/* ga-style.h — how a layer is drawn: themes, single/categorized/graduated/proportional/heatmap/grid
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The style model (GTK-free, cairo-free). app/render draws it; app/ui edits it; project files
 * and bundled presets (resources/styles/<theme>.json) store it as JSON.
 *
 * Threads: a GaStyle is edited on the main thread. Renderer workers get an immutable deep copy
 * (ga_style_copy) taken when a render starts, so edits never race with drawing.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "ga-layer.h"

G_BEGIN_DECLS

/* 0xRRGGBBAA */
typedef guint32 GaRgba;
#define GA_RGBA(r, g, b, a) ((GaRgba) (((guint32) (r) << 24) | ((g) << 16) | ((b) << 8) | (a)))

typedef enum
{
  GA_THEME_OTHER,
  GA_THEME_GREEN_SPACE,
  GA_THEME_TRANSIT_LINES,
  GA_THEME_TRANSIT_STOPS,
  GA_THEME_EMISSIONS,
  GA_THEME_DISTRICTS,
} GaTheme;

typedef enum
{
  GA_STYLE_SINGLE,        /* one symbol */
  GA_STYLE_CATEGORIZED,   /* unique values of a field, qualitative palette, "other" class */
  GA_STYLE_GRADUATED,     /* numeric field in 3–9 classes */
  GA_STYLE_PROPORTIONAL,  /* points: circle AREA proportional to a numeric field */
  GA_STYLE_HEATMAP,       /* points: kernel density in physical units, fixed scale */
  GA_STYLE_GRID,          /* points aggregated into square or hexagonal cells, classed */
} GaStyleKind;

typedef enum
{
  GA_CLASSIFY_EQUAL_INTERVAL,
  GA_CLASSIFY_QUANTILE,
  GA_CLASSIFY_NATURAL_BREAKS,  /* Jenks */
  GA_CLASSIFY_PRETTY,
} GaClassifyMethod;

typedef enum
{
  GA_POINT_CIRCLE,
  GA_POINT_SQUARE,
  GA_POINT_TRIANGLE,
  GA_POINT_DIAMOND,
} GaPointShape;

typedef enum
{
  GA_AGGREGATE_COUNT,
  GA_AGGREGATE_SUM,
} GaAggregate;

/* One legend entry. Categorized: @value (NULL for the "other" class). Graduated and grid:
 * [lower, upper). Proportional: a reference value drawn as a nested circle. */
typedef struct
{
  char   *value;
  double  lower;
  double  upper;
  GaRgba  color;
  char   *label;   /* legend text; UTF-8 */
} GaStyleClass;

/* Declared by hand: G_DECLARE_FINAL_TYPE would typedef GaStyleClass as the GObject class
 * struct, which collides with the legend class above. The class struct is private. */
#define GA_TYPE_STYLE (ga_style_get_type ())
typedef struct _GaStyle GaStyle;
GType ga_style_get_type (void) G_GNUC_CONST;
#define GA_STYLE(obj)    (G_TYPE_CHECK_INSTANCE_CAST ((obj), GA_TYPE_STYLE, GaStyle))
#define GA_IS_STYLE(obj) (G_TYPE_CHECK_INSTANCE_TYPE ((obj), GA_TYPE_STYLE))
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GaStyle, g_object_unref)

/* Signal "changed" (no arguments) is emitted after any setter changes something. */

/* A neutral single-symbol style. */
GaStyle          *ga_style_new                    (void);
/* The good default for @layer: its guessed theme's style (see the issue: green fills with
 * darker outline and park names; transit lines coloured by a colour attribute or route name
 * with a casing; stops as white circles with a ring; emissions as proportional circles;
 * districts as outlines with names), with classes computed from the layer's data. */
GaStyle          *ga_style_new_for_layer          (GaLayer          *layer);
/* Deep, immutable-by-convention snapshot for renderer workers. */
GaStyle          *ga_style_copy                   (GaStyle          *self);
/* Every setting, class and computed scale of @source into @self (what ga_style_prepare
 * made is dropped), with one "changed": e.g. a theme applied to a copy in a worker. */
void              ga_style_assign_from            (GaStyle          *self,
                                                   GaStyle          *source);

/* ---- themes ---- */
GaTheme           ga_theme_guess                  (GaLayer          *layer);
const char       *ga_theme_get_name               (GaTheme           theme); /* translated */
const char       *ga_theme_to_string              (GaTheme           theme); /* "green-space"… */
GaTheme           ga_theme_from_string            (const char       *id);
/* Applies @theme's default style to @self for @layer (the user changed the theme). */
void              ga_style_apply_theme            (GaStyle          *self,
                                                   GaTheme           theme,
                                                   GaLayer          *layer);

/* ---- properties ---- */
GaTheme           ga_style_get_theme              (GaStyle          *self);
GaStyleKind       ga_style_get_kind               (GaStyle          *self);
void              ga_style_set_kind               (GaStyle          *self,
                                                   GaStyleKind       kind);
const char       *ga_style_get_field              (GaStyle          *self);
void              ga_style_set_field              (GaStyle          *self,
                                                   const char       *field);
GaClassifyMethod  ga_style_get_method             (GaStyle          *self);
void              ga_style_set_method             (GaStyle          *self,
                                                   GaClassifyMethod  method);
guint             ga_style_get_n_classes_wanted   (GaStyle          *self);
void              ga_style_set_n_classes_wanted   (GaStyle          *self,
                                                   guint             n);      /* 3..9 */
/* Ramp or palette id: "greens", "ylorrd", "viridis", "rdylgn", "set2", … (ga-classify.h) */
const char       *ga_style_get_ramp               (GaStyle          *self);
void              ga_style_set_ramp               (GaStyle          *self,
                                                   const char       *ramp);

/* Single symbol (also the base for the other kinds) */
GaRgba            ga_style_get_fill               (GaStyle          *self);
void              ga_style_set_fill               (GaStyle          *self,
                                                   GaRgba            rgba);
GaRgba            ga_style_get_stroke             (GaStyle          *self);
void              ga_style_set_stroke             (GaStyle          *self,
                                                   GaRgba            rgba);
double            ga_style_get_stroke_width       (GaStyle          *self);  /* px */
void              ga_style_set_stroke_width       (GaStyle          *self,
                                                   double            width);
/* Dash pattern in px, NULL/0 = solid */
const double     *ga_style_get_dash               (GaStyle          *self,
                                                   guint            *n_dash);
void              ga_style_set_dash               (GaStyle          *self,
                                                   const double     *dash,
                                                   guint             n_dash);
/* Line casing (transit lines): width 0 = none */
GaRgba            ga_style_get_casing             (GaStyle          *self);
double            ga_style_get_casing_width       (GaStyle          *self);
void              ga_style_set_casing             (GaStyle          *self,
                                                   GaRgba            rgba,
                                                   double            width);
/* Layer-level translucency, as GaSymbol.layer_alpha (opaque drawing composited at it). */
double            ga_style_get_opacity            (GaStyle          *self);
void              ga_style_set_opacity            (GaStyle          *self,
                                                   double            opacity);
GaPointShape      ga_style_get_point_shape        (GaStyle          *self);
void              ga_style_set_point_shape        (GaStyle          *self,
                                                   GaPointShape      shape);
double            ga_style_get_point_size         (GaStyle          *self);  /* radius px */
void              ga_style_set_point_size         (GaStyle          *self,
                                                   double            radius);

/* Classes (categorized, graduated, grid, proportional reference circles) */
guint             ga_style_get_n_classes          (GaStyle          *self);
const GaStyleClass *ga_style_get_class            (GaStyle          *self,
                                                   guint             index);
/* Replace all classes (the editor's edited breaks/colours). Copies. */
void              ga_style_set_classes            (GaStyle          *self,
                                                   const GaStyleClass *classes,
                                                   guint             n);
void              ga_style_set_class_color        (GaStyle          *self,
                                                   guint             index,
                                                   GaRgba            rgba);
/* Recomputes classes from @layer's data for the current kind, field, method, n and ramp
 * (categorized: unique values, most frequent first, at most 12 + "other"). */
void              ga_style_classify               (GaStyle          *self,
                                                   GaLayer          *layer);
/* Index of the class feature @feature falls in, or -1 if none (not drawn). Uses the field
 * index cached by ga_style_prepare(). */
int               ga_style_class_of_feature       (GaStyle          *self,
                                                   GaLayer          *layer,
                                                   guint             feature);

/* Proportional symbols: the largest circle's radius in px, drawn for the largest value;
 * radius = max_radius · sqrt(value / max_value) so the AREA is proportional. */
double            ga_style_get_max_radius         (GaStyle          *self);
void              ga_style_set_max_radius         (GaStyle          *self,
                                                   double            radius);
double            ga_style_get_max_value          (GaStyle          *self);

/* Heatmap (kernel density): weight field (NULL = each point counts 1), kernel radius in metres
 * on the ground, and the fixed scale: the density (weight per km²) at the top of the ramp,
 * computed from the data by ga_style_classify (not per view); unit text for the legend. */
const char       *ga_style_get_weight_field       (GaStyle          *self);
void              ga_style_set_weight_field       (GaStyle          *self,
                                                   const char       *field);
double            ga_style_get_radius_m           (GaStyle          *self);
void              ga_style_set_radius_m           (GaStyle          *self,
                                                   double            metres);
double            ga_style_get_scale_max          (GaStyle          *self);
void              ga_style_set_scale_max          (GaStyle          *self,
                                                   double            density);
const char       *ga_style_get_unit               (GaStyle          *self);   /* "tCO2e/km²/yr" */
void              ga_style_set_unit               (GaStyle          *self,
                                                   const char       *unit);

/* Grid/hexagon aggregation */
double            ga_style_get_cell_size_m        (GaStyle          *self);
void              ga_style_set_cell_size_m        (GaStyle          *self,
                                                   double            metres);
gboolean          ga_style_get_hexagons           (GaStyle          *self);
void              ga_style_set_hexagons           (GaStyle          *self,
                                                   gboolean          hexagons);
GaAggregate       ga_style_get_aggregate          (GaStyle          *self);
void              ga_style_set_aggregate          (GaStyle          *self,
                                                   GaAggregate       aggregate);

/* Labels: field NULL = none; size in pt; shown from @min_zoom up */
const char       *ga_style_get_label_field        (GaStyle          *self);
void              ga_style_set_label_field        (GaStyle          *self,
                                                   const char       *field);
double            ga_style_get_label_size         (GaStyle          *self);
GaRgba            ga_style_get_label_color        (GaStyle          *self);
GaRgba            ga_style_get_label_halo         (GaStyle          *self);
double            ga_style_get_label_min_zoom     (GaStyle          *self);
void              ga_style_set_label              (GaStyle          *self,
                                                   const char       *field,
                                                   double            size_pt,
                                                   GaRgba            color,
                                                   GaRgba            halo,
                                                   double            min_zoom);

/* Filter: an attribute condition such as `tco2e > 1000` or `type = 'park' AND area > 2`
 * (ga-filter.h); applied to map, legend counts and table. NULL/"" = all features. */
const char       *ga_style_get_filter             (GaStyle          *self);
/* FALSE with a GA_ERROR_BAD_ARGUMENT explaining the syntax error (the old filter stays). */
gboolean          ga_style_set_filter             (GaStyle          *self,
                                                   const char       *expression,
                                                   GError          **error);
/* TRUE if @feature passes the filter. */
gboolean          ga_style_feature_visible        (GaStyle          *self,
                                                   GaLayer          *layer,
                                                   guint             feature);

/* Resolves field names to indexes for @layer (call on the snapshot before drawing). */
void              ga_style_prepare                (GaStyle          *self,
                                                   GaLayer          *layer);

/* ---- JSON (project files, presets) ---- */
JsonNode         *ga_style_to_json                (GaStyle          *self);
GaStyle          *ga_style_new_from_json          (JsonNode         *node,
                                                   GError          **error);
/* A preset file from resources/styles/ or elsewhere; errors name the file. */
GaStyle          *ga_style_new_from_file          (const char       *path,
                                                   GError          **error);

G_END_DECLS
