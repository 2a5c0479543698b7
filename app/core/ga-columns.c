/* ga-columns.c — a layer's attribute values, one column per field (private to GaLayer)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ga-layer"

#include "config.h"

#include <math.h>
#include <string.h>

#include "ga-classify.h"
#include "ga-columns.h"
#include "ga-memory.h"

/* Short text values are stored once: a field like "sector" has a handful of values for a
 * million features. A field whose values mostly differ (ids, names) stops being looked up
 * after its first thousand values. */
#define DEDUPE_MAX_LEN      24
#define DEDUPE_MAX_ENTRIES  65536

#define NULL_INT32 G_MININT32
#define NULL_INT64 G_MININT64

typedef struct
{
  GaFieldType  type;
  guint        width;          /* bytes a value */
  GArray      *data;           /* TEXT: guint32 offsets into text (0 = NULL); INTEGER:
                                * gint32 or gint64 (NULL_INT*); REAL: double (NaN = NULL) */
  guint32      dedupe_tries;
  guint32      dedupe_hits;
  /* numbers as text, made on first use */
  guint32     *number_offsets; /* per row, into number_text (0 = NULL) */
  GByteArray  *number_text;
} Column;

struct _GaColumns
{
  guint       n_fields;
  Column     *columns;
  guint       n_rows;
  guint       reserved;
  GByteArray *text;            /* starts with one unused byte: offset 0 is NULL */
  GHashTable *dedupe;          /* building: short value → offset + 1 */
  GMutex      lock;            /* making number text */
};

/* ---- numbers as text ---- */

/* Appends @v in decimal, without printf (a million values a second matter here). */
static void
append_uint64 (GByteArray *out, guint64 v)
{
  char digits[24];
  int n = 0;

  do
    {
      digits[n++] = '0' + (char) (v % 10);
      v /= 10;
    }
  while (v != 0);
  while (n > 0)
    g_byte_array_append (out, (const guint8 *) &digits[--n], 1);
}

/* An integer as OGR writes it ("%lld"), NUL-terminated. */
static void
integer_text (gint64 value, GByteArray *out)
{
  if (value < 0)
    {
      g_byte_array_append (out, (const guint8 *) "-", 1);
      append_uint64 (out, (guint64) 0 - (guint64) value);
    }
  else
    append_uint64 (out, (guint64) value);
  g_byte_array_append (out, (const guint8 *) "", 1);
}

/* A real number as people wrote it: "11.54", not the "11.539999999999999" a DBF's 15
 * decimals give back. 15 significant digits is what a double holds exactly. */
static void
real_text (double value, GByteArray *out)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  double a = fabs (value), scale = 1.0;

  /* Most numbers in attribute tables have a few decimals: write those without printf,
   * exactly as "%.15g" would (the double nearest m / 10^k prints as that decimal). */
  if (a >= 1e-4 && a < 1e9)
    for (int k = 0; k <= 6; k++, scale *= 10.0)
      {
        double m = round (a * scale);

        if (m / scale == a)
          {
            guint64 mi = (guint64) m, ip, frac;
            guint64 p10 = 1;
            char digits[32];
            int nd;

            for (int j = 0; j < k; j++)
              p10 *= 10;
            ip = mi / p10;
            frac = mi % p10;
            if (value < 0)
              g_byte_array_append (out, (const guint8 *) "-", 1);
            append_uint64 (out, ip);
            if (frac != 0)
              {
                /* k digits with leading zeros, trailing zeros dropped */
                for (int j = 0; j < k; j++)
                  {
                    digits[k - 1 - j] = '0' + (char) (frac % 10);
                    frac /= 10;
                  }
                nd = k;
                while (nd > 0 && digits[nd - 1] == '0')
                  nd--;
                g_byte_array_append (out, (const guint8 *) ".", 1);
                g_byte_array_append (out, (const guint8 *) digits, (guint) nd);
              }
            g_byte_array_append (out, (const guint8 *) "", 1);
            return;
          }
      }
  g_ascii_formatd (buf, sizeof buf, "%.15g", value);
  g_byte_array_append (out, (const guint8 *) buf, (guint) strlen (buf) + 1);
}

/* ---- building ---- */

static guint
type_width (GaFieldType type)
{
  return type == GA_FIELD_REAL ? sizeof (double) : sizeof (guint32);
}

GaColumns *
ga_columns_new (guint              n_fields,
                const GaFieldType *types)
{
  GaColumns *self = g_new0 (GaColumns, 1);

  self->n_fields = n_fields;
  self->columns = g_new0 (Column, MAX (n_fields, 1));
  for (guint i = 0; i < n_fields; i++)
    {
      Column *c = &self->columns[i];

      c->type = types != NULL ? types[i] : GA_FIELD_TEXT;
      c->width = type_width (c->type);
      c->data = g_array_new (FALSE, FALSE, c->width);
    }
  self->text = g_byte_array_new ();
  g_byte_array_append (self->text, (const guint8 *) "", 1);
  g_mutex_init (&self->lock);
  return self;
}

void
ga_columns_free (GaColumns *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->n_fields; i++)
    {
      g_array_unref (self->columns[i].data);
      g_free (self->columns[i].number_offsets);
      if (self->columns[i].number_text != NULL)
        g_byte_array_unref (self->columns[i].number_text);
    }
  g_free (self->columns);
  g_byte_array_unref (self->text);
  g_clear_pointer (&self->dedupe, g_hash_table_unref);
  g_mutex_clear (&self->lock);
  g_free (self);
}

void
ga_columns_reserve (GaColumns *self,
                    guint      n_rows)
{
  g_return_if_fail (self->n_rows == 0);

  self->reserved = n_rows;
  for (guint i = 0; i < self->n_fields; i++)
    {
      Column *c = &self->columns[i];

      g_array_unref (c->data);
      c->data = g_array_sized_new (FALSE, FALSE, c->width, n_rows);
      ga_memory_prefault (c->data->data, (gsize) c->width * n_rows);
    }
}

/* Offset of a copy of @v (a value of @c) in the text block. */
static guint32
store_text (GaColumns  *self,
            Column     *c,
            const char *v)
{
  gsize len = strlen (v);
  gpointer found;
  guint32 offset;
  gboolean dedupe = len <= DEDUPE_MAX_LEN &&
                    (c->dedupe_tries < 1024 || c->dedupe_hits * 2 > c->dedupe_tries);

  if (dedupe)
    {
      c->dedupe_tries++;
      if (self->dedupe == NULL)
        self->dedupe = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      found = g_hash_table_lookup (self->dedupe, v);
      if (found != NULL)
        {
          c->dedupe_hits++;
          return GPOINTER_TO_UINT (found) - 1;
        }
    }
  if (self->text->len + len + 1 > G_MAXUINT32)
    {
      g_warning ("more than 4 GB of attribute text; values left out");
      return 0;
    }
  offset = self->text->len;
  g_byte_array_append (self->text, (const guint8 *) v, (guint) len + 1);
  if (dedupe && g_hash_table_size (self->dedupe) < DEDUPE_MAX_ENTRIES)
    g_hash_table_insert (self->dedupe, g_strndup (v, len), GUINT_TO_POINTER (offset + 1));
  return offset;
}

static void
append_text (GaColumns  *self,
             Column     *c,
             const char *v)
{
  guint32 offset = 0;

  if (v != NULL && !g_utf8_validate (v, -1, NULL))
    {
      g_autofree char *valid = g_utf8_make_valid (v, -1);

      offset = store_text (self, c, valid);
    }
  else if (v != NULL)
    offset = store_text (self, c, v);
  g_array_append_val (c->data, offset);
}

/* A 4-byte integer column meets a value it cannot hold: 8 bytes a value from now on. */
static void
widen (GaColumns *self,
       Column    *c)
{
  GArray *wide = g_array_sized_new (FALSE, FALSE, sizeof (gint64), MAX (self->reserved, c->data->len));

  for (guint r = 0; r < c->data->len; r++)
    {
      gint32 v = g_array_index (c->data, gint32, r);
      gint64 w = v == NULL_INT32 ? NULL_INT64 : v;

      g_array_append_val (wide, w);
    }
  g_array_unref (c->data);
  c->data = wide;
  c->width = sizeof (gint64);
}

static void
append_integer (GaColumns *self,
                Column    *c,
                gboolean   is_null,
                gint64     v)
{
  if (!is_null && c->width == sizeof (gint32) &&
      (v <= NULL_INT32 || v > G_MAXINT32))
    widen (self, c);
  if (c->width == sizeof (gint32))
    {
      gint32 n = is_null ? NULL_INT32 : (gint32) v;

      g_array_append_val (c->data, n);
    }
  else
    {
      gint64 n = is_null || v == NULL_INT64 ? NULL_INT64 : v;

      g_array_append_val (c->data, n);
    }
}

static void
append_real (Column   *c,
             gboolean  is_null,
             double    v)
{
  double n = is_null ? NAN : v;

  g_array_append_val (c->data, n);
}

void
ga_columns_append_texts (GaColumns          *self,
                         const char * const *values)
{
  for (guint i = 0; i < self->n_fields; i++)
    {
      Column *c = &self->columns[i];
      const char *v = values != NULL ? values[i] : NULL;
      double d = 0.0;
      gint64 n = 0;

      switch (c->type)
        {
        case GA_FIELD_TEXT:
          append_text (self, c, v);
          break;
        case GA_FIELD_INTEGER:
          if (v != NULL && g_ascii_string_to_signed (v, 10, G_MININT64, G_MAXINT64, &n, NULL))
            append_integer (self, c, FALSE, n);
          else
            append_integer (self, c, TRUE, 0);
          break;
        case GA_FIELD_REAL:
          append_real (c, !ga_parse_number (v, &d), d);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  self->n_rows++;
}

void
ga_columns_append_values (GaColumns     *self,
                          const GaValue *values)
{
  for (guint i = 0; i < self->n_fields; i++)
    {
      Column *c = &self->columns[i];
      const GaValue *v = &values[i];

      switch (c->type)
        {
        case GA_FIELD_TEXT:
          append_text (self, c, v->is_null ? NULL : v->text);
          break;
        case GA_FIELD_INTEGER:
          append_integer (self, c, v->is_null, v->integer);
          break;
        case GA_FIELD_REAL:
          append_real (c, v->is_null || !isfinite (v->real), v->real);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  self->n_rows++;
}

void
ga_columns_seal (GaColumns *self)
{
  /* Give back the room the text block grew into. (The columns are left as they are: their
   * unused room is never touched, so it costs address space, not memory, and a copy would
   * double the peak.) realloc shrinks in place. */
  if (self->text->len > 0)
    {
      guint len = self->text->len;
      guint8 *data = g_byte_array_free (self->text, FALSE);

      self->text = g_byte_array_new_take (g_realloc (data, len), len);
    }
  g_clear_pointer (&self->dedupe, g_hash_table_unref);
}

/* ---- reading ---- */

GaFieldType
ga_columns_get_type (GaColumns *self,
                     guint      field)
{
  g_return_val_if_fail (field < self->n_fields, GA_FIELD_TEXT);
  return self->columns[field].type;
}

static gboolean
get_integer (const Column *c,
             guint         row,
             gint64       *v)
{
  if (c->width == sizeof (gint32))
    {
      gint32 n = g_array_index (c->data, gint32, row);

      *v = n;
      return n != NULL_INT32;
    }
  *v = g_array_index (c->data, gint64, row);
  return *v != NULL_INT64;
}

/* The text of every value of a number column, made once (under the lock: tiles are drawn
 * on several threads). */
static const guint32 *
number_offsets (GaColumns *self,
                Column    *c)
{
  guint32 *offsets = g_atomic_pointer_get (&c->number_offsets);

  if (offsets != NULL)
    return offsets;

  g_mutex_lock (&self->lock);
  offsets = c->number_offsets;
  if (offsets == NULL)
    {
      GByteArray *text = g_byte_array_new ();

      offsets = g_new (guint32, MAX (self->n_rows, 1));
      g_byte_array_append (text, (const guint8 *) "", 1);
      for (guint r = 0; r < self->n_rows; r++)
        {
          gint64 n;
          double d;

          offsets[r] = text->len;
          if (c->type == GA_FIELD_INTEGER && get_integer (c, r, &n))
            integer_text (n, text);
          else if (c->type == GA_FIELD_REAL && !isnan (d = g_array_index (c->data, double, r)))
            real_text (d, text);
          else
            offsets[r] = 0;
        }
      c->number_text = text;
      g_atomic_pointer_set (&c->number_offsets, offsets);
    }
  g_mutex_unlock (&self->lock);
  return offsets;
}

const char *
ga_columns_get_text (GaColumns *self,
                     guint      row,
                     guint      field)
{
  Column *c;
  guint32 offset;

  g_return_val_if_fail (row < self->n_rows && field < self->n_fields, NULL);

  c = &self->columns[field];
  if (c->type == GA_FIELD_TEXT)
    {
      offset = g_array_index (c->data, guint32, row);
      return offset != 0 ? (const char *) self->text->data + offset : NULL;
    }
  offset = number_offsets (self, c)[row];
  return offset != 0 ? (const char *) c->number_text->data + offset : NULL;
}

gboolean
ga_columns_get_number (GaColumns *self,
                       guint      row,
                       guint      field,
                       double    *number)
{
  const Column *c;
  gint64 n;
  double d;

  g_return_val_if_fail (row < self->n_rows && field < self->n_fields, FALSE);

  c = &self->columns[field];
  switch (c->type)
    {
    case GA_FIELD_INTEGER:
      if (!get_integer (c, row, &n))
        return FALSE;
      *number = (double) n;
      return TRUE;
    case GA_FIELD_REAL:
      d = g_array_index (c->data, double, row);
      if (isnan (d))
        return FALSE;
      *number = d;
      return TRUE;
    case GA_FIELD_TEXT:
    default:
      return ga_parse_number (ga_columns_get_text (self, row, field), number);
    }
}

gsize
ga_columns_get_memory_size (GaColumns *self)
{
  gsize size = self->text->len;

  for (guint i = 0; i < self->n_fields; i++)
    {
      Column *c = &self->columns[i];

      size += (gsize) c->data->len * c->width;
      if (g_atomic_pointer_get (&c->number_offsets) != NULL)
        size += (gsize) self->n_rows * sizeof (guint32) + c->number_text->len;
    }
  return size;
}
