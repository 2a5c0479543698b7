/* ga-feature-pipe.c — OGR features into a GaLayer, reprojected and stored on a second thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ga-reader"

#include "config.h"

#include <math.h>
#include <string.h>

#include "ga-feature-pipe.h"

#define MERCATOR_MAX_LAT 85.0511287798066

/* A batch ends at this many features or coordinate pairs; three batches circulate. PROJ
 * costs about a microsecond a call, more than one point's transformation: a batch is one
 * call per transform. */
#define BATCH_RECORDS 4096
#define BATCH_COORDS  65536
#define N_BATCHES     3

typedef enum
{
  VALUE_NULL,
  VALUE_REAL,
  VALUE_INTEGER,
  VALUE_TEXT,
} ValueType;

typedef struct
{
  ValueType type;
  union
  {
    double  real;
    gint64  integer;
    gsize   text;    /* offset into Batch.text */
  } v;
} RawValue;

/* One feature of the layer to be: a kind and its parts. The records of one OGR feature
 * share its values. */
typedef struct
{
  guint32 first_part;
  guint32 n_parts;
  guint32 first_value;
  guint8  kind;
} Record;

typedef struct
{
  guint32 first;   /* coordinate pair */
  guint32 n;
} RawPart;

typedef struct
{
  GArray  *records;  /* Record */
  GArray  *parts;    /* RawPart */
  GArray  *xs, *ys;  /* double */
  GArray  *values;   /* RawValue, n_fields per OGR feature */
  GString *text;     /* text values, NUL-terminated one after another */
  GArray  *bad;      /* guint8 per coordinate pair: cannot be reprojected */
} Batch;

struct _GaFeaturePipe
{
  GaLayer            *layer;
  GaTransform        *to_lonlat;
  GaTransform        *to_merc;
  guint               n_fields;
  OGRFieldType       *field_types;
  gboolean            fix_text;
  GaEncodingSniffer  *fixes;

  Batch              *batches[N_BATCHES];
  Batch              *filling;    /* the batch push() writes into */
  GAsyncQueue        *full;       /* Batch *, or the pipe itself as the end */
  GAsyncQueue        *empty;      /* Batch * */
  GThread            *thread;     /* NULL: stored on the pushing thread */

  /* storing side */
  GPtrArray          *scratch;    /* GString per field */
  GArray             *out;        /* GaValue per field */
  GaExtent            lonlat;
  guint               dropped;
};

/* ---- batches ---- */

static Batch *
batch_new (void)
{
  Batch *b = g_new0 (Batch, 1);

  b->records = g_array_sized_new (FALSE, FALSE, sizeof (Record), BATCH_RECORDS);
  b->parts = g_array_sized_new (FALSE, FALSE, sizeof (RawPart), BATCH_RECORDS);
  b->xs = g_array_sized_new (FALSE, FALSE, sizeof (double), BATCH_RECORDS);
  b->ys = g_array_sized_new (FALSE, FALSE, sizeof (double), BATCH_RECORDS);
  b->values = g_array_new (FALSE, FALSE, sizeof (RawValue));
  b->bad = g_array_new (FALSE, TRUE, sizeof (guint8));
  b->text = g_string_new (NULL);
  return b;
}

static void
batch_clear (Batch *b)
{
  g_array_set_size (b->records, 0);
  g_array_set_size (b->parts, 0);
  g_array_set_size (b->xs, 0);
  g_array_set_size (b->ys, 0);
  g_array_set_size (b->values, 0);
  g_string_truncate (b->text, 0);
}

static void
batch_free (Batch *b)
{
  if (b == NULL)
    return;
  g_array_unref (b->records);
  g_array_unref (b->parts);
  g_array_unref (b->xs);
  g_array_unref (b->ys);
  g_array_unref (b->values);
  g_array_unref (b->bad);
  g_string_free (b->text, TRUE);
  g_free (b);
}

/* ---- text ---- */

char *
ga_feature_pipe_text (const char        *raw,
                      gboolean           fix,
                      GaEncodingSniffer *fixes)
{
  if (raw == NULL)
    return NULL;
  if (g_utf8_validate (raw, -1, NULL))
    return g_strdup (raw);
  if (!fix)
    return g_utf8_make_valid (raw, -1);

  /* A format that should be UTF-8 but is not (e.g. a CSV saved in TIS-620). */
  ga_encoding_sniffer_feed (fixes, raw, -1);
  return ga_encoding_to_utf8 (raw, -1, ga_text_kind_to_encoding (ga_encoding_detect (raw, -1)));
}

/* ---- reading side: copies of the geometry and values ---- */

static guint
kinds_of (OGRGeometryH g)
{
  guint mask = 0;

  if (g == NULL || OGR_G_IsEmpty (g))
    return 0;

  switch (wkbFlatten (OGR_G_GetGeometryType (g)))
    {
    case wkbPoint:
      return 1u << GA_GEOM_POINT;
    case wkbLineString:
    case wkbLinearRing:
      return 1u << GA_GEOM_LINE;
    case wkbPolygon:
    case wkbTriangle:
      return 1u << GA_GEOM_POLYGON;
    case wkbMultiPoint:
    case wkbMultiLineString:
    case wkbMultiPolygon:
    case wkbGeometryCollection:
    case wkbPolyhedralSurface:
    case wkbTIN:
      for (int i = 0; i < OGR_G_GetGeometryCount (g); i++)
        mask |= kinds_of (OGR_G_GetGeometryRef (g, i));
      return mask;
    default:
      return 0;
    }
}

static void
copy_points (Batch *b, Record *r, OGRGeometryH g)
{
  int n = OGR_G_GetPointCount (g);
  RawPart part;

  if (n <= 0)
    return;

  part.first = b->xs->len;
  part.n = (guint32) n;
  g_array_set_size (b->xs, b->xs->len + (guint) n);
  g_array_set_size (b->ys, b->ys->len + (guint) n);
  OGR_G_GetPoints (g, &g_array_index (b->xs, double, part.first), sizeof (double),
                   &g_array_index (b->ys, double, part.first), sizeof (double), NULL, 0);
  g_array_append_val (b->parts, part);
  r->n_parts++;
}

static void
copy_parts (Batch *b, Record *r, OGRGeometryH g, GaGeomKind kind)
{
  if (g == NULL || OGR_G_IsEmpty (g))
    return;

  switch (wkbFlatten (OGR_G_GetGeometryType (g)))
    {
    case wkbPoint:
      if (kind == GA_GEOM_POINT)
        {
          double x = OGR_G_GetX (g, 0), y = OGR_G_GetY (g, 0);
          RawPart part = { b->xs->len, 1 };

          g_array_append_val (b->xs, x);
          g_array_append_val (b->ys, y);
          g_array_append_val (b->parts, part);
          r->n_parts++;
        }
      break;
    case wkbLineString:
    case wkbLinearRing:
      if (kind == GA_GEOM_LINE)
        copy_points (b, r, g);
      break;
    case wkbPolygon:
    case wkbTriangle:
      if (kind == GA_GEOM_POLYGON)
        for (int i = 0; i < OGR_G_GetGeometryCount (g); i++)
          copy_points (b, r, OGR_G_GetGeometryRef (g, i));
      break;
    case wkbMultiPoint:
    case wkbMultiLineString:
    case wkbMultiPolygon:
    case wkbGeometryCollection:
    case wkbPolyhedralSurface:
    case wkbTIN:
      for (int i = 0; i < OGR_G_GetGeometryCount (g); i++)
        copy_parts (b, r, OGR_G_GetGeometryRef (g, i), kind);
      break;
    default:
      break;
    }
}

static void
copy_values (GaFeaturePipe *pipe, Batch *b, OGRFeatureH f)
{
  for (guint i = 0; i < pipe->n_fields; i++)
    {
      RawValue v = { VALUE_NULL, { 0 } };

      if (!OGR_F_IsFieldSetAndNotNull (f, (int) i))
        ;
      else if (pipe->field_types[i] == OFTReal)
        {
          v.type = VALUE_REAL;
          v.v.real = OGR_F_GetFieldAsDouble (f, (int) i);
        }
      else if (pipe->field_types[i] == OFTInteger || pipe->field_types[i] == OFTInteger64)
        {
          v.type = VALUE_INTEGER;
          v.v.integer = OGR_F_GetFieldAsInteger64 (f, (int) i);
        }
      else
        {
          const char *raw = OGR_F_GetFieldAsString (f, (int) i);

          if (raw != NULL)
            {
              v.type = VALUE_TEXT;
              v.v.text = b->text->len;
              g_string_append_len (b->text, raw, (gssize) strlen (raw) + 1);
            }
        }
      g_array_append_val (b->values, v);
    }
}

/* ---- storing side ---- */

/* The values of the OGR feature whose values start at @first, as the layer takes them */
static const GaValue *
layer_values (GaFeaturePipe *pipe, Batch *b, guint first)
{
  const RawValue *values = &g_array_index (b->values, RawValue, first);
  GaValue *out = (GaValue *) (void *) pipe->out->data;

  for (guint i = 0; i < pipe->n_fields; i++)
    {
      GString *buf = g_ptr_array_index (pipe->scratch, i);
      GaValue *v = &out[i];

      memset (v, 0, sizeof *v);
      switch (values[i].type)
        {
        case VALUE_NULL:
          v->is_null = TRUE;
          break;
        case VALUE_REAL:
          v->real = values[i].v.real;
          break;
        case VALUE_INTEGER:
          v->integer = values[i].v.integer;
          break;
        case VALUE_TEXT:
          {
            const char *raw = b->text->str + values[i].v.text;

            if (g_utf8_validate (raw, -1, NULL))
              v->text = raw;
            else
              {
                g_autofree char *fixed = ga_feature_pipe_text (raw, pipe->fix_text, pipe->fixes);

                g_string_assign (buf, fixed != NULL ? fixed : "");
                v->text = fixed != NULL ? buf->str : NULL;
              }
            v->is_null = v->text == NULL;
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return out;
}

static void
store_batch (GaFeaturePipe *pipe, Batch *b)
{
  guint n = b->xs->len;
  double *xs = (double *) (void *) b->xs->data, *ys = (double *) (void *) b->ys->data;
  guint8 *bad;
  guint values_done = G_MAXUINT;

  g_array_set_size (b->bad, n);
  bad = (guint8 *) b->bad->data;
  for (guint i = 0; i < n; i++)
    {
      bad[i] = !isfinite (xs[i]) || !isfinite (ys[i]);
      if (bad[i])
        xs[i] = ys[i] = 0.0;
    }

  ga_transform_apply (pipe->to_lonlat, xs, ys, n);
  for (guint i = 0; i < n; i++)
    {
      /* PROJ passes geographic input through unchecked: latitude 625° is not a place */
      if (bad[i] || xs[i] == HUGE_VAL || ys[i] == HUGE_VAL || fabs (ys[i]) > 90.0 + 1e-9)
        {
          bad[i] = TRUE;
          xs[i] = ys[i] = 0.0;
          continue;
        }
      ys[i] = CLAMP (ys[i], -MERCATOR_MAX_LAT, MERCATOR_MAX_LAT);
    }

  /* the lon/lat extent of the features kept */
  for (guint r = 0; r < b->records->len; r++)
    {
      Record *rec = &g_array_index (b->records, Record, r);
      const RawPart *parts = &g_array_index (b->parts, RawPart, rec->first_part);
      gboolean ok = TRUE;

      for (guint p = 0; p < rec->n_parts && ok; p++)
        for (guint i = parts[p].first; i < parts[p].first + parts[p].n; i++)
          if (bad[i])
            {
              ok = FALSE;
              break;
            }
      if (!ok)
        {
          rec->kind = G_MAXUINT8; /* dropped */
          continue;
        }
      for (guint p = 0; p < rec->n_parts; p++)
        for (guint i = parts[p].first; i < parts[p].first + parts[p].n; i++)
          {
            pipe->lonlat.min_x = MIN (pipe->lonlat.min_x, xs[i]);
            pipe->lonlat.max_x = MAX (pipe->lonlat.max_x, xs[i]);
            pipe->lonlat.min_y = MIN (pipe->lonlat.min_y, ys[i]);
            pipe->lonlat.max_y = MAX (pipe->lonlat.max_y, ys[i]);
          }
    }

  ga_transform_apply (pipe->to_merc, xs, ys, n);

  for (guint r = 0; r < b->records->len; r++)
    {
      const Record *rec = &g_array_index (b->records, Record, r);
      const RawPart *parts = &g_array_index (b->parts, RawPart, rec->first_part);
      gboolean ok = rec->kind != G_MAXUINT8;

      for (guint p = 0; p < rec->n_parts && ok; p++)
        for (guint i = parts[p].first; i < parts[p].first + parts[p].n; i++)
          if (xs[i] == HUGE_VAL || ys[i] == HUGE_VAL)
            {
              ok = FALSE;
              break;
            }
      if (!ok)
        {
          pipe->dropped++;
          continue;
        }

      if (values_done != rec->first_value)
        {
          layer_values (pipe, b, rec->first_value);
          values_done = rec->first_value;
        }
      ga_layer_begin_feature (pipe->layer, rec->kind);
      for (guint p = 0; p < rec->n_parts; p++)
        {
          ga_layer_begin_part (pipe->layer);
          ga_layer_add_coords (pipe->layer, xs + parts[p].first, ys + parts[p].first,
                               parts[p].n);
        }
      ga_layer_end_feature_values (pipe->layer, (const GaValue *) (void *) pipe->out->data);
    }
}

static gpointer
store_thread (gpointer data)
{
  GaFeaturePipe *pipe = data;

  for (;;)
    {
      gpointer item = g_async_queue_pop (pipe->full);

      if (item == pipe)
        break;
      store_batch (pipe, item);
      batch_clear (item);
      g_async_queue_push (pipe->empty, item);
    }
  return NULL;
}

/* Hands the filling batch to the storing side and takes an empty one. */
static void
send_batch (GaFeaturePipe *pipe)
{
  if (pipe->filling->records->len == 0)
    return;
  if (pipe->thread == NULL)
    {
      store_batch (pipe, pipe->filling);
      batch_clear (pipe->filling);
      return;
    }
  g_async_queue_push (pipe->full, pipe->filling);
  pipe->filling = g_async_queue_pop (pipe->empty);
}

/* ---- API ---- */

static void
gstring_free_all (gpointer data)
{
  g_string_free (data, TRUE);
}

GaFeaturePipe *
ga_feature_pipe_new (GaLayer            *layer,
                     GaTransform        *to_lonlat,
                     GaTransform        *to_merc,
                     guint               n_fields,
                     const OGRFieldType *field_types,
                     gboolean            fix_text,
                     GaEncodingSniffer  *fixes,
                     gboolean            threaded)
{
  GaFeaturePipe *pipe = g_new0 (GaFeaturePipe, 1);

  pipe->layer = layer;
  pipe->to_lonlat = to_lonlat;
  pipe->to_merc = to_merc;
  pipe->n_fields = n_fields;
  pipe->field_types = g_memdup2 (field_types, sizeof (OGRFieldType) * MAX (n_fields, 1));
  pipe->fix_text = fix_text;
  pipe->fixes = fixes;
  pipe->scratch = g_ptr_array_new_with_free_func (gstring_free_all);
  for (guint i = 0; i < n_fields; i++)
    g_ptr_array_add (pipe->scratch, g_string_sized_new (32));
  pipe->out = g_array_new (FALSE, TRUE, sizeof (GaValue));
  g_array_set_size (pipe->out, MAX (n_fields, 1));
  pipe->lonlat.min_x = pipe->lonlat.min_y = G_MAXDOUBLE;
  pipe->lonlat.max_x = pipe->lonlat.max_y = -G_MAXDOUBLE;

  pipe->full = g_async_queue_new ();
  pipe->empty = g_async_queue_new ();
  for (guint i = 0; i < (threaded ? N_BATCHES : 1); i++)
    pipe->batches[i] = batch_new ();
  pipe->filling = pipe->batches[0];
  if (threaded)
    {
      for (guint i = 1; i < N_BATCHES; i++)
        g_async_queue_push (pipe->empty, pipe->batches[i]);
      pipe->thread = g_thread_new ("ga-reader-store", store_thread, pipe);
    }
  return pipe;
}

void
ga_feature_pipe_push (GaFeaturePipe *pipe,
                      OGRFeatureH    feature)
{
  g_auto (OGRGeometryH) linear = NULL;
  OGRGeometryH geom = OGR_F_GetGeometryRef (feature);
  OGRwkbGeometryType type = geom != NULL ? OGR_G_GetGeometryType (geom) : wkbNone;
  Batch *b = pipe->filling;
  guint32 first_value = b->values->len;
  guint mask;

  copy_values (pipe, b, feature);

  /* a point (a million of them make an emission inventory) the short way: what the
   * general way below makes of it, with fewer calls into OGR */
  if (wkbFlatten (type) == wkbPoint && !OGR_G_IsEmpty (geom))
    {
      Record r = { b->parts->len, 1, first_value, GA_GEOM_POINT };
      RawPart part = { b->xs->len, 1 };
      double x = OGR_G_GetX (geom, 0), y = OGR_G_GetY (geom, 0);

      g_array_append_val (b->xs, x);
      g_array_append_val (b->ys, y);
      g_array_append_val (b->parts, part);
      g_array_append_val (b->records, r);
      if (b->records->len >= BATCH_RECORDS || b->xs->len >= BATCH_COORDS)
        send_batch (pipe);
      return;
    }

  if (geom != NULL && OGR_GT_IsNonLinear (type))
    {
      linear = OGR_G_GetLinearGeometry (geom, 0, NULL);
      geom = linear;
    }

  mask = kinds_of (geom);
  if (mask == 0)
    {
      Record r = { b->parts->len, 0, first_value, GA_GEOM_NONE };

      g_array_append_val (b->records, r);
    }
  for (guint kind = GA_GEOM_POINT; kind <= GA_GEOM_POLYGON; kind++)
    {
      Record r = { b->parts->len, 0, first_value, (guint8) kind };

      if (!(mask & (1u << kind)))
        continue;
      copy_parts (b, &r, geom, kind);
      g_array_append_val (b->records, r);
    }

  if (b->records->len >= BATCH_RECORDS || b->xs->len >= BATCH_COORDS)
    send_batch (pipe);
}

guint
ga_feature_pipe_finish (GaFeaturePipe *pipe,
                        GaExtent      *lonlat)
{
  guint dropped;

  send_batch (pipe);
  if (pipe->thread != NULL)
    {
      g_async_queue_push (pipe->full, pipe);
      g_thread_join (pipe->thread);
    }

  dropped = pipe->dropped;
  if (lonlat != NULL)
    *lonlat = pipe->lonlat;

  for (guint i = 0; i < N_BATCHES; i++)
    batch_free (pipe->batches[i]);
  g_async_queue_unref (pipe->full);
  g_async_queue_unref (pipe->empty);
  g_ptr_array_unref (pipe->scratch);
  g_array_unref (pipe->out);
  g_free (pipe->field_types);
  g_free (pipe);
  return dropped;
}
