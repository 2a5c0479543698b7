/* ga-layer.h — one vector layer: immutable geometry and attributes, plus display state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GaLayer is filled once by the reader in a worker thread (ga_layer_begin_feature …
 * ga_layer_seal) and is read-only afterwards, so renderer workers may read it from any
 * thread.  Coordinates are stored in Web Mercator metres (EPSG:3857), x east, y north.
 * The display state (visible, opacity, colour) is plain GObject properties used on the
 * main thread.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define GA_MERCATOR_HALF_WORLD 20037508.342789244 /* metres, EPSG:3857 */

typedef enum
{
  GA_GEOM_NONE = 0,
  GA_GEOM_POINT,      /* Point and MultiPoint: one part per point, one coord per part */
  GA_GEOM_LINE,       /* LineString and MultiLineString: one part per line */
  GA_GEOM_POLYGON,    /* Polygon and MultiPolygon: one part per ring (filled even-odd) */
} GaGeomKind;

/* Where the attribute text encoding came from (for --info and the layer row). */
typedef enum
{
  GA_ENCODING_ORIGIN_NONE = 0,  /* format is always UTF-8 (GeoJSON, GPKG, …) */
  GA_ENCODING_ORIGIN_CPG,       /* the .cpg sidecar */
  GA_ENCODING_ORIGIN_LDID,      /* the DBF language driver byte */
  GA_ENCODING_ORIGIN_DETECTED,  /* guessed from the bytes */
  GA_ENCODING_ORIGIN_OPTION,    /* chosen by the user (--encoding, per-layer menu) */
  GA_ENCODING_ORIGIN_ASCII,     /* undeclared, but the text is plain ASCII: nothing to decide */
} GaEncodingOrigin;

typedef struct
{
  double min_x, min_y, max_x, max_y;
} GaExtent;

/* How a field's values are kept. Numbers take 4 or 8 bytes; ga_layer_get_value() gives
 * them as text all the same ("%lld", or a real with up to 15 significant digits). */
typedef enum
{
  GA_FIELD_TEXT = 0,
  GA_FIELD_INTEGER,
  GA_FIELD_REAL,
} GaFieldType;

/* One value for ga_layer_end_feature_values(): @text for a text field (NULL: no value),
 * @integer or @real for a number field unless @is_null. */
typedef struct
{
  const char *text;
  gint64      integer;
  double      real;
  gboolean    is_null;
} GaValue;

#define GA_TYPE_LAYER (ga_layer_get_type ())
G_DECLARE_FINAL_TYPE (GaLayer, ga_layer, GA, LAYER, GObject)

GaLayer          *ga_layer_new                 (const char       *name);

/* ---- building (reader, one thread, before ga_layer_seal) ---- */
void              ga_layer_set_fields          (GaLayer          *self,
                                                const char * const *names);
/* Before the first feature: how each field is kept (default: all text). */
void              ga_layer_set_field_types     (GaLayer          *self,
                                                const GaFieldType *types);
/* Room for this many features and coordinate pairs (a hint, before the first feature). */
void              ga_layer_reserve             (GaLayer          *self,
                                                guint             n_features,
                                                guint             n_coords);
void              ga_layer_begin_feature       (GaLayer          *self,
                                                GaGeomKind        kind);
void              ga_layer_begin_part          (GaLayer          *self);
void              ga_layer_add_coord           (GaLayer          *self,
                                                double            x,
                                                double            y);
/* The same for @n pairs at once (@xs[i], @ys[i]), into the part begun last. */
void              ga_layer_add_coords          (GaLayer          *self,
                                                const double     *xs,
                                                const double     *ys,
                                                guint             n);
/* values: n_fields strings, each valid UTF-8 or NULL; copied */
void              ga_layer_end_feature         (GaLayer          *self,
                                                const char * const *values);
/* The same with typed values (no text to write and parse back for numbers). */
void              ga_layer_end_feature_values  (GaLayer          *self,
                                                const GaValue    *values);
/* Drops a feature begun but not ended (e.g. a geometry that failed to transform). */
void              ga_layer_abort_feature       (GaLayer          *self);
/* Computes extents, the dominant geometry kind and the spatial index. */
void              ga_layer_seal                (GaLayer          *self);

/* ---- metadata (set by the reader) ---- */
void              ga_layer_set_source          (GaLayer          *self,
                                                const char       *path,
                                                const char       *source_layer);
/* The name shown in the layers panel and legends (a project may rename a layer). */
void              ga_layer_set_name            (GaLayer          *self,
                                                const char       *name);
/* A name for the layer unique in its project ("parks", "layer-3"): set from a project
 * file, or made up on first use. Slides refer to layers by it. */
const char       *ga_layer_get_id              (GaLayer          *self);
void              ga_layer_set_id              (GaLayer          *self,
                                                const char       *id);
/* A placeholder for a project layer whose file could not be read: the reason (naming the
 * file), or NULL for a layer with data. A missing layer has no features. */
const char       *ga_layer_get_missing         (GaLayer          *self);
void              ga_layer_set_missing         (GaLayer          *self,
                                                const char       *message);
const char       *ga_layer_get_path            (GaLayer          *self);
const char       *ga_layer_get_source_layer    (GaLayer          *self);
void              ga_layer_set_crs_name        (GaLayer          *self,
                                                const char       *crs_name);
const char       *ga_layer_get_crs_name        (GaLayer          *self);
/* The CRS the user supplied because the file has none (reader option); NULL otherwise.
 * Reloading the layer (another encoding) or saving a project passes it on. */
void              ga_layer_set_crs_override    (GaLayer          *self,
                                                const char       *definition);
const char       *ga_layer_get_crs_override    (GaLayer          *self);
void              ga_layer_set_encoding        (GaLayer          *self,
                                                const char       *encoding,
                                                GaEncodingOrigin  origin);
const char       *ga_layer_get_encoding        (GaLayer          *self);
GaEncodingOrigin  ga_layer_get_encoding_origin (GaLayer          *self);
const char       *ga_encoding_origin_to_string (GaEncodingOrigin  origin);
/* Lon/lat extent, computed by the reader with PROJ. */
void              ga_layer_set_lonlat_extent   (GaLayer          *self,
                                                const GaExtent   *extent);
void              ga_layer_get_lonlat_extent   (GaLayer          *self,
                                                GaExtent         *extent);

/* ---- reading (any thread, after ga_layer_seal) ---- */
const char       *ga_layer_get_name            (GaLayer          *self);
GaGeomKind        ga_layer_get_geom_kind       (GaLayer          *self);
const char       *ga_geom_kind_to_string       (GaGeomKind        kind);
guint             ga_layer_get_n_features      (GaLayer          *self);
guint             ga_layer_get_n_fields        (GaLayer          *self);
const char       *ga_layer_get_field_name      (GaLayer          *self,
                                                guint             field);
/* UTF-8 or NULL */
/* Valid as long as the layer; NULL for no value. */
const char       *ga_layer_get_value           (GaLayer          *self,
                                                guint             feature,
                                                guint             field);
/* The value as a number: a number field's own, or a text field's text if it is a number
 * (spaces around it allowed). FALSE for no value or not a number. */
gboolean          ga_layer_get_number          (GaLayer          *self,
                                                guint             feature,
                                                guint             field,
                                                double           *number);
GaFieldType       ga_layer_get_field_type      (GaLayer          *self,
                                                guint             field);
int               ga_layer_find_field          (GaLayer          *self,
                                                const char       *name);
/* Mercator extent of the whole layer / of one feature */
void              ga_layer_get_extent          (GaLayer          *self,
                                                GaExtent         *extent);
void              ga_layer_get_feature_extent  (GaLayer          *self,
                                                guint             feature,
                                                GaExtent         *extent);
GaGeomKind        ga_layer_get_feature_kind    (GaLayer          *self,
                                                guint             feature);
guint             ga_layer_get_n_parts         (GaLayer          *self,
                                                guint             feature);
/* Coordinates of one part as x0,y0,x1,y1,… (Mercator metres); *n_coords set to pairs */
const double     *ga_layer_get_part            (GaLayer          *self,
                                                guint             feature,
                                                guint             part,
                                                guint            *n_coords);
guint             ga_layer_get_n_coords        (GaLayer          *self);
/* The points of a point feature (all parts of a multipoint) as x0,y0,x1,y1,…, one call
 * for loops over millions of points; NULL and *n_coords = 0 if @feature is not a point
 * feature or has no coordinates. */
const double     *ga_layer_get_points          (GaLayer          *self,
                                                guint             feature,
                                                guint            *n_coords);
/* Bytes held in memory: geometry (features, parts, coordinates) with the spatial index,
 * and attributes (value pointers and strings, counting the allocator's per-string cost).
 * For the benchmarks (issue 6). */
void              ga_layer_get_memory_size     (GaLayer          *self,
                                                gsize            *geometry,
                                                gsize            *attributes);
/* Features whose extent intersects the query; appends guint ids to @ids in feature order. */
void              ga_layer_query               (GaLayer          *self,
                                                const GaExtent   *query,
                                                GArray           *ids);

/* ---- display state (main thread) ---- */
gboolean          ga_layer_get_visible         (GaLayer          *self);
void              ga_layer_set_visible         (GaLayer          *self,
                                                gboolean          visible);
double            ga_layer_get_opacity         (GaLayer          *self);
void              ga_layer_set_opacity         (GaLayer          *self,
                                                double            opacity);
/* 0xRRGGBB */
guint             ga_layer_get_color           (GaLayer          *self);
void              ga_layer_set_color           (GaLayer          *self,
                                                guint             rgb);

G_END_DECLS
