/* ga-layer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ga-layer"

#include "config.h"

#include <math.h>
#include <string.h>

#include "ga-columns.h"
#include "ga-layer.h"
#include "ga-memory.h"

/* 16 bytes a feature (issue 6: at most 40 bytes per vertex). A feature of one part (every
 * point, most lines and polygons) keeps its coordinate range itself; only multi-part
 * features use the parts array. A feature of one coordinate (a point) has no stored extent:
 * it is that coordinate. */
typedef struct
{
  guint32 first;   /* multi: index of the first part; else of the first coordinate pair */
  guint32 n;       /* multi: parts; else coordinate pairs of the one part */
  guint32 extent;  /* index into extents, or NO_EXTENT */
  guint8  kind;
  guint8  multi;
} Feature;

#define NO_EXTENT G_MAXUINT32

typedef struct
{
  guint32 first_coord; /* index of the pair, not of the double */
  guint32 n_coords;
} Part;


struct _GaLayer
{
  GObject parent_instance;

  char *name;
  char *id;
  char *missing;
  char *path;
  char *source_layer;
  char *crs_name;
  char *crs_override;
  char *encoding;
  GaEncodingOrigin encoding_origin;

  GStrv fields;
  guint n_fields;

  GArray *features;   /* Feature; NULL while every feature is a point (see feature_at) */
  guint n_features;
  guint reserved_features;
  Feature open;       /* building: the feature between begin and end */
  gboolean building;
  GArray *parts;      /* Part; while building, the parts of the open feature too */
  GArray *coords;     /* double pairs */
  GArray *extents;    /* GaExtent of features with other than one coordinate */
  GaColumns *columns; /* attribute values (ga-columns.h) */

  /* building: the open feature */
  guint32 open_first_part;
  GaExtent open_extent;

  GaGeomKind kind;
  GaExtent extent;
  GaExtent lonlat_extent;
  gboolean sealed;

  /* Uniform grid index over feature extents. */
  guint grid_w, grid_h;
  double cell_w, cell_h;
  guint32 *cell_start; /* grid_w*grid_h+1 offsets into cell_ids */
  guint32 *cell_ids;

  gboolean visible;
  double opacity;
  guint color;
};

G_DEFINE_FINAL_TYPE (GaLayer, ga_layer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_VISIBLE,
  PROP_OPACITY,
  PROP_COLOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
extent_reset (GaExtent *e)
{
  e->min_x = e->min_y = G_MAXDOUBLE;
  e->max_x = e->max_y = -G_MAXDOUBLE;
}

static void
extent_add (GaExtent *e, double x, double y)
{
  e->min_x = MIN (e->min_x, x);
  e->min_y = MIN (e->min_y, y);
  e->max_x = MAX (e->max_x, x);
  e->max_y = MAX (e->max_y, y);
}

static gboolean
extent_valid (const GaExtent *e)
{
  return e->min_x <= e->max_x && e->min_y <= e->max_y;
}

/* A layer of single points (a million emission sources) stores no Feature at all: feature
 * i is coordinate pair i. The array appears with the first feature that is anything else. */
static inline Feature
feature_at (GaLayer *self,
            guint    i)
{
  Feature f = { i, 1, NO_EXTENT, GA_GEOM_POINT, FALSE };

  if (self->features != NULL)
    f = g_array_index (self->features, Feature, i);
  return f;
}

static void
materialize_features (GaLayer *self)
{
  if (self->features != NULL)
    return;
  self->features = g_array_sized_new (FALSE, FALSE, sizeof (Feature),
                                      MAX (self->reserved_features, self->n_features + 1));
  for (guint i = 0; i < self->n_features; i++)
    {
      Feature f = { i, 1, NO_EXTENT, GA_GEOM_POINT, FALSE };

      g_array_append_val (self->features, f);
    }
}

static void
ga_layer_finalize (GObject *object)
{
  GaLayer *self = (GaLayer *)object;

  g_free (self->name);
  g_free (self->id);
  g_free (self->missing);
  g_free (self->path);
  g_free (self->source_layer);
  g_free (self->crs_name);
  g_free (self->crs_override);
  g_free (self->encoding);
  g_strfreev (self->fields);
  g_clear_pointer (&self->features, g_array_unref);
  g_array_unref (self->parts);
  g_array_unref (self->coords);
  g_array_unref (self->extents);
  ga_columns_free (self->columns);
  g_free (self->cell_start);
  g_free (self->cell_ids);

  G_OBJECT_CLASS (ga_layer_parent_class)->finalize (object);
}

static void
ga_layer_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  GaLayer *self = GA_LAYER (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_VISIBLE:
      g_value_set_boolean (value, self->visible);
      break;
    case PROP_OPACITY:
      g_value_set_double (value, self->opacity);
      break;
    case PROP_COLOR:
      g_value_set_uint (value, self->color);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ga_layer_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  GaLayer *self = GA_LAYER (object);

  switch (prop_id)
    {
    case PROP_NAME:
      ga_layer_set_name (self, g_value_get_string (value));
      break;
    case PROP_VISIBLE:
      ga_layer_set_visible (self, g_value_get_boolean (value));
      break;
    case PROP_OPACITY:
      ga_layer_set_opacity (self, g_value_get_double (value));
      break;
    case PROP_COLOR:
      ga_layer_set_color (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ga_layer_class_init (GaLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ga_layer_finalize;
  object_class->get_property = ga_layer_get_property;
  object_class->set_property = ga_layer_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VISIBLE] =
    g_param_spec_boolean ("visible", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OPACITY] =
    g_param_spec_double ("opacity", NULL, NULL, 0.0, 1.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLOR] =
    g_param_spec_uint ("color", NULL, NULL, 0, 0xffffff, 0x33a02c,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ga_layer_init (GaLayer *self)
{
  self->parts = g_array_new (FALSE, FALSE, sizeof (Part));
  self->coords = g_array_new (FALSE, FALSE, sizeof (double));
  self->extents = g_array_new (FALSE, FALSE, sizeof (GaExtent));
  self->columns = ga_columns_new (0, NULL);
  self->fields = g_new0 (char *, 1);
  self->visible = TRUE;
  self->opacity = 1.0;
  self->color = 0x33a02c;
  extent_reset (&self->extent);
  extent_reset (&self->lonlat_extent);
}

GaLayer *
ga_layer_new (const char *name)
{
  return g_object_new (GA_TYPE_LAYER, "name", name, NULL);
}

/* ---- building ---- */

void
ga_layer_set_fields (GaLayer *self, const char * const *names)
{
  g_return_if_fail (GA_IS_LAYER (self));
  g_return_if_fail (self->n_features == 0);

  g_strfreev (self->fields);
  self->fields = g_strdupv ((char **)names);
  self->n_fields = self->fields ? g_strv_length (self->fields) : 0;
  if (self->fields == NULL)
    self->fields = g_new0 (char *, 1);
  ga_columns_free (self->columns);
  self->columns = ga_columns_new (self->n_fields, NULL);
}

void
ga_layer_set_field_types (GaLayer           *self,
                          const GaFieldType *types)
{
  g_return_if_fail (GA_IS_LAYER (self));
  g_return_if_fail (self->n_features == 0);

  ga_columns_free (self->columns);
  self->columns = ga_columns_new (self->n_fields, types);
}

GaFieldType
ga_layer_get_field_type (GaLayer *self,
                         guint    field)
{
  g_return_val_if_fail (GA_IS_LAYER (self), GA_FIELD_TEXT);
  g_return_val_if_fail (field < self->n_fields, GA_FIELD_TEXT);
  return ga_columns_get_type (self->columns, field);
}

static inline void
feature_extent (GaLayer       *self,
                const Feature *f,
                GaExtent      *e)
{
  if (f->extent != NO_EXTENT)
    {
      *e = g_array_index (self->extents, GaExtent, f->extent);
    }
  else
    {
      const double *xy = &g_array_index (self->coords, double, (gsize) f->first * 2);

      e->min_x = e->max_x = xy[0];
      e->min_y = e->max_y = xy[1];
    }
}

void
ga_layer_begin_feature (GaLayer *self, GaGeomKind kind)
{
  Feature f = { 0 };

  g_return_if_fail (GA_IS_LAYER (self));
  g_return_if_fail (!self->sealed);

  f.first = self->coords->len / 2;
  f.n = 0;
  f.kind = kind;
  f.extent = NO_EXTENT;
  self->open_first_part = self->parts->len;
  extent_reset (&self->open_extent);
  self->open = f;
  self->building = TRUE;
}

void
ga_layer_begin_part (GaLayer *self)
{
  Part p;

  g_return_if_fail (self->building);

  p.first_coord = self->coords->len / 2;
  p.n_coords = 0;
  g_array_append_val (self->parts, p);
}

void
ga_layer_add_coord (GaLayer *self, double x, double y)
{
  Part *p;
  double xy[2] = { x, y };

  g_return_if_fail (self->parts->len > self->open_first_part);

  p = &g_array_index (self->parts, Part, self->parts->len - 1);
  g_array_append_vals (self->coords, xy, 2);
  p->n_coords++;
  extent_add (&self->open_extent, x, y);
}

void
ga_layer_add_coords (GaLayer      *self,
                     const double *xs,
                     const double *ys,
                     guint         n)
{
  Part *p;
  double *xy;
  guint len;
  GaExtent e;

  g_return_if_fail (self->parts->len > self->open_first_part);

  p = &g_array_index (self->parts, Part, self->parts->len - 1);
  len = self->coords->len;
  g_array_set_size (self->coords, len + 2 * (gsize) n);
  xy = &g_array_index (self->coords, double, len);
  e = self->open_extent;
  for (guint i = 0; i < n; i++)
    {
      xy[2 * i] = xs[i];
      xy[2 * i + 1] = ys[i];
      e.min_x = MIN (e.min_x, xs[i]);
      e.min_y = MIN (e.min_y, ys[i]);
      e.max_x = MAX (e.max_x, xs[i]);
      e.max_y = MAX (e.max_y, ys[i]);
    }
  self->open_extent = e;
  p->n_coords += n;
}

static void
close_feature (GaLayer *self)
{
  Feature *f;
  guint n_parts;

  /* one part: the feature holds its coordinate range, the part goes */
  f = &self->open;
  n_parts = self->parts->len - self->open_first_part;
  if (n_parts == 1)
    {
      const Part *p = &g_array_index (self->parts, Part, self->open_first_part);

      f->first = p->first_coord;
      f->n = p->n_coords;
      f->multi = FALSE;
      g_array_set_size (self->parts, self->open_first_part);
    }
  else if (n_parts > 1)
    {
      f->first = self->open_first_part;
      f->n = n_parts;
      f->multi = TRUE;
    }
  else
    {
      f->n = 0;
      f->multi = FALSE;
    }
  self->open_first_part = self->parts->len;
  if (f->multi || f->n != 1)
    {
      f->extent = self->extents->len;
      g_array_append_val (self->extents, self->open_extent);
    }
  if (self->features == NULL &&
      (f->kind != GA_GEOM_POINT || f->multi || f->n != 1 || f->first != self->n_features))
    materialize_features (self);
  if (self->features != NULL)
    g_array_append_val (self->features, *f);
  self->n_features++;
  self->building = FALSE;
}

void
ga_layer_end_feature (GaLayer *self, const char * const *values)
{
  g_return_if_fail (self->building);

  close_feature (self);
  ga_columns_append_texts (self->columns, values);
}

void
ga_layer_end_feature_values (GaLayer       *self,
                             const GaValue *values)
{
  g_return_if_fail (self->building);
  g_return_if_fail (values != NULL || self->n_fields == 0);

  close_feature (self);
  ga_columns_append_values (self->columns, values);
}

void
ga_layer_abort_feature (GaLayer *self)
{
  Feature *f;

  g_return_if_fail (self->building);

  f = &self->open;
  g_array_set_size (self->coords, (gsize) f->first * 2);
  g_array_set_size (self->parts, self->open_first_part);
  self->building = FALSE;
}

void
ga_layer_reserve (GaLayer *self,
                  guint    n_features,
                  guint    n_coords)
{
  g_return_if_fail (GA_IS_LAYER (self));
  g_return_if_fail (self->n_features == 0);

  /* a layer of points may never need its Feature array: made when needed, this big */
  self->reserved_features = n_features;
  ga_columns_reserve (self->columns, n_features);
  g_array_unref (self->coords);
  self->coords = g_array_sized_new (FALSE, FALSE, sizeof (double), n_coords * 2);
  /* the reader fills all of it next */
  ga_memory_prefault (self->coords->data, (gsize) n_coords * 2 * sizeof (double));
}

static void
build_index (GaLayer *self)
{
  guint n = self->n_features;
  guint n_cells;
  double w, h;
  guint32 *counts;
  guint total = 0;

  g_clear_pointer (&self->cell_start, g_free);
  g_clear_pointer (&self->cell_ids, g_free);

  if (n == 0 || !extent_valid (&self->extent))
    {
      self->grid_w = self->grid_h = 0;
      return;
    }

  /* About four features per cell, at most 1024x1024 cells. */
  w = MAX (self->extent.max_x - self->extent.min_x, 1.0);
  h = MAX (self->extent.max_y - self->extent.min_y, 1.0);
  n_cells = CLAMP (n / 4, 1, 1024 * 1024);
  self->grid_w = CLAMP ((guint) ceil (sqrt (n_cells * w / h)), 1, 1024);
  self->grid_h = CLAMP ((guint) ceil ((double) n_cells / self->grid_w), 1, 1024);
  self->cell_w = w / self->grid_w;
  self->cell_h = h / self->grid_h;

  counts = g_new0 (guint32, (gsize) self->grid_w * self->grid_h + 1);

  for (int pass = 0; pass < 2; pass++)
    {
      /* a layer of points only (no Feature records): each is in one cell */
      for (guint i = 0; i < n && self->features == NULL; i++)
        {
          const double *xy = &g_array_index (self->coords, double, (gsize) i * 2);
          gsize cell;

          if (!(xy[0] == xy[0] && xy[1] == xy[1]))
            continue;
          cell = (gsize) MIN ((guint) ((xy[1] - self->extent.min_y) / self->cell_h),
                              self->grid_h - 1) * self->grid_w +
                 MIN ((guint) ((xy[0] - self->extent.min_x) / self->cell_w), self->grid_w - 1);
          if (pass == 0)
            counts[cell]++;
          else
            self->cell_ids[self->cell_start[cell] + counts[cell]++] = i;
        }
      for (guint i = 0; i < n && self->features != NULL; i++)
        {
          const Feature f = feature_at (self, i);
          GaExtent fe;
          guint cx0, cx1, cy0, cy1;

          feature_extent (self, &f, &fe);
          if (!extent_valid (&fe))
            continue;

          cx0 = MIN ((guint) ((fe.min_x - self->extent.min_x) / self->cell_w), self->grid_w - 1);
          cx1 = MIN ((guint) ((fe.max_x - self->extent.min_x) / self->cell_w), self->grid_w - 1);
          cy0 = MIN ((guint) ((fe.min_y - self->extent.min_y) / self->cell_h), self->grid_h - 1);
          cy1 = MIN ((guint) ((fe.max_y - self->extent.min_y) / self->cell_h), self->grid_h - 1);

          for (guint cy = cy0; cy <= cy1; cy++)
            for (guint cx = cx0; cx <= cx1; cx++)
              {
                gsize cell = (gsize) cy * self->grid_w + cx;

                if (pass == 0)
                  counts[cell]++;
                else
                  self->cell_ids[self->cell_start[cell] + counts[cell]++] = i;
              }
        }

      if (pass == 0)
        {
          self->cell_start = g_new (guint32, (gsize) self->grid_w * self->grid_h + 1);
          ga_memory_prefault (self->cell_start,
                              sizeof (guint32) * ((gsize) self->grid_w * self->grid_h + 1));
          for (gsize c = 0; c < (gsize) self->grid_w * self->grid_h; c++)
            {
              self->cell_start[c] = total;
              total += counts[c];
              counts[c] = 0;
            }
          self->cell_start[(gsize) self->grid_w * self->grid_h] = total;
          self->cell_ids = g_new (guint32, MAX (total, 1));
          ga_memory_prefault (self->cell_ids, sizeof (guint32) * MAX (total, 1));
        }
    }

  g_free (counts);
}

void
ga_layer_seal (GaLayer *self)
{
  guint counts[4] = { 0 };

  g_return_if_fail (GA_IS_LAYER (self));

  extent_reset (&self->extent);
  /* a layer of points only: its extent is that of its coordinates */
  for (guint i = 0; i < self->n_features && self->features == NULL; i++)
    {
      const double *xy = &g_array_index (self->coords, double, (gsize) i * 2);

      if (xy[0] == xy[0] && xy[1] == xy[1])
        extent_add (&self->extent, xy[0], xy[1]);
      counts[GA_GEOM_POINT]++;
    }
  for (guint i = 0; i < self->n_features && self->features != NULL; i++)
    {
      const Feature f = feature_at (self, i);
      GaExtent fe;

      feature_extent (self, &f, &fe);
      if (extent_valid (&fe))
        {
          extent_add (&self->extent, fe.min_x, fe.min_y);
          extent_add (&self->extent, fe.max_x, fe.max_y);
        }
      if (f.kind < G_N_ELEMENTS (counts))
        counts[f.kind]++;
    }

  self->kind = GA_GEOM_NONE;
  for (guint k = GA_GEOM_POINT; k <= GA_GEOM_POLYGON; k++)
    if (counts[k] > counts[self->kind])
      self->kind = k;

  build_index (self);

  /* read-only from now on */
  ga_columns_seal (self->columns);
  self->sealed = TRUE;
}

/* ---- metadata ---- */

void
ga_layer_set_source (GaLayer *self, const char *path, const char *source_layer)
{
  g_return_if_fail (GA_IS_LAYER (self));
  g_free (self->path);
  self->path = g_strdup (path);
  g_free (self->source_layer);
  self->source_layer = g_strdup (source_layer);
}

void
ga_layer_set_name (GaLayer *self, const char *name)
{
  g_return_if_fail (GA_IS_LAYER (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;
  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
ga_layer_get_id (GaLayer *self)
{
  static gint counter = 0;

  g_return_val_if_fail (GA_IS_LAYER (self), NULL);

  if (self->id == NULL)
    self->id = g_strdup_printf ("layer-%d", g_atomic_int_add (&counter, 1) + 1);
  return self->id;
}

void
ga_layer_set_id (GaLayer *self, const char *id)
{
  g_return_if_fail (GA_IS_LAYER (self));
  g_free (self->id);
  self->id = g_strdup (id);
}

const char *
ga_layer_get_missing (GaLayer *self)
{
  g_return_val_if_fail (GA_IS_LAYER (self), NULL);
  return self->missing;
}

void
ga_layer_set_missing (GaLayer *self, const char *message)
{
  g_return_if_fail (GA_IS_LAYER (self));
  g_free (self->missing);
  self->missing = g_strdup (message);
}

const char *
ga_layer_get_path (GaLayer *self)
{
  g_return_val_if_fail (GA_IS_LAYER (self), NULL);
  return self->path;
}

const char *
ga_layer_get_source_layer (GaLayer *self)
{
  g_return_val_if_fail (GA_IS_LAYER (self), NULL);
  return self->source_layer;
}

void
ga_layer_set_crs_name (GaLayer *self, const char *crs_name)
{
  g_return_if_fail (GA_IS_LAYER (self));
  g_free (self->crs_name);
  self->crs_name = g_strdup (crs_name);
}

const char *
ga_layer_get_crs_name (GaLayer *self)
{
  g_return_val_if_fail (GA_IS_LAYER (self), NULL);
  return self->crs_name;
}

void
ga_layer_set_crs_override (GaLayer *self, const char *definition)
{
  g_return_if_fail (GA_IS_LAYER (self));
  g_free (self->crs_override);
  self->crs_override = g_strdup (definition);
}

const char *
ga_layer_get_crs_override (GaLayer *self)
{
  g_return_val_if_fail (GA_IS_LAYER (self), NULL);
  return self->crs_override;
}

void
ga_layer_set_encoding (GaLayer *self, const char *encoding, GaEncodingOrigin origin)
{
  g_return_if_fail (GA_IS_LAYER (self));
  g_free (self->encoding);
  self->encoding = g_strdup (encoding);
  self->encoding_origin = origin;
}

const char *
ga_layer_get_encoding (GaLayer *self)
{
  g_return_val_if_fail (GA_IS_LAYER (self), NULL);
  return self->encoding;
}

GaEncodingOrigin
ga_layer_get_encoding_origin (GaLayer *self)
{
  g_return_val_if_fail (GA_IS_LAYER (self), GA_ENCODING_ORIGIN_NONE);
  return self->encoding_origin;
}

const char *
ga_encoding_origin_to_string (GaEncodingOrigin origin)
{
  switch (origin)
    {
    case GA_ENCODING_ORIGIN_CPG: return "cpg";
    case GA_ENCODING_ORIGIN_LDID: return "language byte";
    case GA_ENCODING_ORIGIN_DETECTED: return "detected";
    case GA_ENCODING_ORIGIN_OPTION: return "option";
    case GA_ENCODING_ORIGIN_ASCII: return "ASCII text";
    case GA_ENCODING_ORIGIN_NONE:
    default: return "format";
    }
}

void
ga_layer_set_lonlat_extent (GaLayer *self, const GaExtent *extent)
{
  g_return_if_fail (GA_IS_LAYER (self));
  self->lonlat_extent = *extent;
}

void
ga_layer_get_lonlat_extent (GaLayer *self, GaExtent *extent)
{
  g_return_if_fail (GA_IS_LAYER (self));
  *extent = self->lonlat_extent;
}

/* ---- reading ---- */

const char *
ga_layer_get_name (GaLayer *self)
{
  g_return_val_if_fail (GA_IS_LAYER (self), NULL);
  return self->name;
}

GaGeomKind
ga_layer_get_geom_kind (GaLayer *self)
{
  g_return_val_if_fail (GA_IS_LAYER (self), GA_GEOM_NONE);
  return self->kind;
}

const char *
ga_geom_kind_to_string (GaGeomKind kind)
{
  switch (kind)
    {
    case GA_GEOM_POINT: return "point";
    case GA_GEOM_LINE: return "line";
    case GA_GEOM_POLYGON: return "polygon";
    case GA_GEOM_NONE:
    default: return "none";
    }
}

guint
ga_layer_get_n_features (GaLayer *self)
{
  g_return_val_if_fail (GA_IS_LAYER (self), 0);
  return self->n_features;
}

guint
ga_layer_get_n_fields (GaLayer *self)
{
  g_return_val_if_fail (GA_IS_LAYER (self), 0);
  return self->n_fields;
}

const char *
ga_layer_get_field_name (GaLayer *self, guint field)
{
  g_return_val_if_fail (GA_IS_LAYER (self), NULL);
  g_return_val_if_fail (field < self->n_fields, NULL);
  return self->fields[field];
}

const char *
ga_layer_get_value (GaLayer *self, guint feature, guint field)
{
  g_return_val_if_fail (GA_IS_LAYER (self), NULL);
  g_return_val_if_fail (feature < self->n_features && field < self->n_fields, NULL);
  return ga_columns_get_text (self->columns, feature, field);
}

gboolean
ga_layer_get_number (GaLayer *self,
                     guint    feature,
                     guint    field,
                     double  *number)
{
  g_return_val_if_fail (GA_IS_LAYER (self), FALSE);
  g_return_val_if_fail (feature < self->n_features && field < self->n_fields, FALSE);
  g_return_val_if_fail (number != NULL, FALSE);
  return ga_columns_get_number (self->columns, feature, field, number);
}

int
ga_layer_find_field (GaLayer *self, const char *name)
{
  g_return_val_if_fail (GA_IS_LAYER (self), -1);
  for (guint i = 0; i < self->n_fields; i++)
    if (g_ascii_strcasecmp (self->fields[i], name) == 0)
      return (int) i;
  return -1;
}

void
ga_layer_get_extent (GaLayer *self, GaExtent *extent)
{
  g_return_if_fail (GA_IS_LAYER (self));
  *extent = self->extent;
}

void
ga_layer_get_feature_extent (GaLayer *self, guint feature, GaExtent *extent)
{
  g_return_if_fail (GA_IS_LAYER (self));
  g_return_if_fail (feature < self->n_features);
  {
    const Feature f = feature_at (self, feature);

    feature_extent (self, &f, extent);
  }
}

GaGeomKind
ga_layer_get_feature_kind (GaLayer *self, guint feature)
{
  g_return_val_if_fail (GA_IS_LAYER (self), GA_GEOM_NONE);
  g_return_val_if_fail (feature < self->n_features, GA_GEOM_NONE);
  return feature_at (self, feature).kind;
}

guint
ga_layer_get_n_parts (GaLayer *self, guint feature)
{
  g_return_val_if_fail (GA_IS_LAYER (self), 0);
  g_return_val_if_fail (feature < self->n_features, 0);
  {
    const Feature f = feature_at (self, feature);

    return f.multi ? f.n : f.n > 0 ? 1 : 0;
  }
}

const double *
ga_layer_get_part (GaLayer *self, guint feature, guint part, guint *n_coords)
{
  Feature fv;
  const Feature *f = &fv;
  const Part *p;

  g_return_val_if_fail (GA_IS_LAYER (self), NULL);
  g_return_val_if_fail (feature < self->n_features, NULL);

  fv = feature_at (self, feature);
  if (!f->multi)
    {
      g_return_val_if_fail (part == 0 && f->n > 0, NULL);
      if (n_coords)
        *n_coords = f->n;
      return &g_array_index (self->coords, double, (gsize) f->first * 2);
    }
  g_return_val_if_fail (part < f->n, NULL);
  p = &g_array_index (self->parts, Part, f->first + part);
  if (n_coords)
    *n_coords = p->n_coords;
  return &g_array_index (self->coords, double, (gsize) p->first_coord * 2);
}

const double *
ga_layer_get_points (GaLayer *self, guint feature, guint *n_coords)
{
  Feature fv;
  const Feature *f = &fv;
  const Part *p0, *p1;

  g_return_val_if_fail (GA_IS_LAYER (self), NULL);
  g_return_val_if_fail (feature < self->n_features, NULL);
  g_return_val_if_fail (n_coords != NULL, NULL);

  fv = feature_at (self, feature);
  *n_coords = 0;
  if (f->kind != GA_GEOM_POINT || f->n == 0)
    return NULL;
  if (!f->multi)
    {
      *n_coords = f->n;
      return &g_array_index (self->coords, double, (gsize) f->first * 2);
    }
  /* the parts of a feature, and their coordinates, are stored one after another */
  p0 = &g_array_index (self->parts, Part, f->first);
  p1 = &g_array_index (self->parts, Part, f->first + f->n - 1);
  *n_coords = p1->first_coord + p1->n_coords - p0->first_coord;
  return *n_coords > 0 ? &g_array_index (self->coords, double, (gsize) p0->first_coord * 2)
                       : NULL;
}

guint
ga_layer_get_n_coords (GaLayer *self)
{
  g_return_val_if_fail (GA_IS_LAYER (self), 0);
  return self->coords->len / 2;
}

void
ga_layer_get_memory_size (GaLayer *self,
                          gsize   *geometry,
                          gsize   *attributes)
{
  gsize geom = 0, attr = 0;

  g_return_if_fail (GA_IS_LAYER (self));

  if (self->features != NULL)
    geom += (gsize) self->features->len * sizeof (Feature);
  geom += (gsize) self->parts->len * sizeof (Part);
  geom += (gsize) self->coords->len * sizeof (double);
  geom += (gsize) self->extents->len * sizeof (GaExtent);
  if (self->cell_start != NULL)
    geom += ((gsize) self->grid_w * self->grid_h + 1) * sizeof (guint32) +
            (gsize) self->cell_start[(gsize) self->grid_w * self->grid_h] * sizeof (guint32);

  attr += ga_columns_get_memory_size (self->columns);

  if (geometry != NULL)
    *geometry = geom;
  if (attributes != NULL)
    *attributes = attr;
}

/* From this many ids on, ga_layer_query dedupes through a bitmap rather than a sort. */
#define QUERY_BITMAP_MIN 1024

static int
compare_guint (gconstpointer a, gconstpointer b)
{
  guint x = *(const guint *)a, y = *(const guint *)b;
  return x < y ? -1 : x > y;
}

void
ga_layer_query (GaLayer *self, const GaExtent *q, GArray *ids)
{
  guint cx0, cx1, cy0, cy1;
  guint start;
  guint32 last = G_MAXUINT32;

  g_return_if_fail (GA_IS_LAYER (self));
  g_return_if_fail (self->sealed);

  if (self->grid_w == 0 ||
      q->max_x < self->extent.min_x || q->min_x > self->extent.max_x ||
      q->max_y < self->extent.min_y || q->min_y > self->extent.max_y)
    return;

  cx0 = (guint) CLAMP ((q->min_x - self->extent.min_x) / self->cell_w, 0, self->grid_w - 1);
  cx1 = (guint) CLAMP ((q->max_x - self->extent.min_x) / self->cell_w, 0, self->grid_w - 1);
  cy0 = (guint) CLAMP ((q->min_y - self->extent.min_y) / self->cell_h, 0, self->grid_h - 1);
  cy1 = (guint) CLAMP ((q->max_y - self->extent.min_y) / self->cell_h, 0, self->grid_h - 1);

  start = ids->len;
  for (guint cy = cy0; cy <= cy1; cy++)
    for (guint cx = cx0; cx <= cx1; cx++)
      {
        gsize cell = (gsize) cy * self->grid_w + cx;
        double ex = self->cell_w * 1e-6, ey = self->cell_h * 1e-6;

        /* A cell inside the query (with a margin for rounding): every feature indexed in it
         * overlaps it, so no need to look at the feature's extent. */
        if (self->extent.min_x + cx * self->cell_w - ex >= q->min_x &&
            self->extent.min_x + (cx + 1) * self->cell_w + ex <= q->max_x &&
            self->extent.min_y + cy * self->cell_h - ey >= q->min_y &&
            self->extent.min_y + (cy + 1) * self->cell_h + ey <= q->max_y)
          {
            g_array_append_vals (ids, &self->cell_ids[self->cell_start[cell]],
                                 self->cell_start[cell + 1] - self->cell_start[cell]);
            continue;
          }
        for (guint32 k = self->cell_start[cell]; k < self->cell_start[cell + 1]; k++)
          {
            guint id = self->cell_ids[k];
            const Feature f = feature_at (self, id);
            GaExtent fe;

            feature_extent (self, &f, &fe);
            if (fe.max_x < q->min_x || fe.min_x > q->max_x ||
                fe.max_y < q->min_y || fe.min_y > q->max_y)
              continue;
            g_array_append_val (ids, id);
          }
      }

  /* Features spanning several cells appear more than once: sort and dedupe. Many ids (a
   * whole layer in view): through a bitmap of the features, O(n) instead of a sort. */
  if (ids->len - start > QUERY_BITMAP_MIN &&
      (gsize) (ids->len - start) * 8 >= (self->n_features + 63) / 64)
    {
      guint n_words = (self->n_features + 63) / 64;
      g_autofree guint64 *bits = g_new0 (guint64, n_words);
      guint lo = n_words, hi = 0, out = start;

      for (guint i = start; i < ids->len; i++)
        {
          guint id = g_array_index (ids, guint, i);

          bits[id / 64] |= G_GUINT64_CONSTANT (1) << (id % 64);
          lo = MIN (lo, id / 64);
          hi = MAX (hi, id / 64);
        }
      for (guint w = lo; w <= hi; w++)
        for (guint64 b = bits[w]; b != 0; b &= b - 1)
          g_array_index (ids, guint, out++) = w * 64 + (guint) __builtin_ctzll (b);
      g_array_set_size (ids, out);
    }
  else if (ids->len - start > 1)
    {
      guint out = start;

      qsort (&g_array_index (ids, guint, start), ids->len - start, sizeof (guint), compare_guint);
      for (guint i = start; i < ids->len; i++)
        {
          guint id = g_array_index (ids, guint, i);
          if (id != last)
            g_array_index (ids, guint, out++) = id;
          last = id;
        }
      g_array_set_size (ids, out);
    }
}

/* ---- display state ---- */

gboolean
ga_layer_get_visible (GaLayer *self)
{
  g_return_val_if_fail (GA_IS_LAYER (self), FALSE);
  return self->visible;
}

void
ga_layer_set_visible (GaLayer *self, gboolean visible)
{
  g_return_if_fail (GA_IS_LAYER (self));
  visible = !!visible;
  if (self->visible == visible)
    return;
  self->visible = visible;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE]);
}

double
ga_layer_get_opacity (GaLayer *self)
{
  g_return_val_if_fail (GA_IS_LAYER (self), 1.0);
  return self->opacity;
}

void
ga_layer_set_opacity (GaLayer *self, double opacity)
{
  g_return_if_fail (GA_IS_LAYER (self));
  opacity = CLAMP (opacity, 0.0, 1.0);
  if (self->opacity == opacity)
    return;
  self->opacity = opacity;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPACITY]);
}

guint
ga_layer_get_color (GaLayer *self)
{
  g_return_val_if_fail (GA_IS_LAYER (self), 0);
  return self->color;
}

void
ga_layer_set_color (GaLayer *self, guint rgb)
{
  g_return_if_fail (GA_IS_LAYER (self));
  rgb &= 0xffffff;
  if (self->color == rgb)
    return;
  self->color = rgb;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
}
