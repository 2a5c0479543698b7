/* test-layer.c — geometry storage, extents and the spatial index of GaLayer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ga-layer.h"
#include "ga-layer-store.h"

static GaLayer *
make_grid_layer (guint n)
{
  GaLayer *layer = ga_layer_new ("grid");
  const char *fields[] = { "id", NULL };

  ga_layer_set_fields (layer, fields);
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      {
        g_autofree char *id = g_strdup_printf ("%u", i * n + j);
        const char *values[] = { id };

        ga_layer_begin_feature (layer, GA_GEOM_POLYGON);
        ga_layer_begin_part (layer);
        ga_layer_add_coord (layer, i * 100.0, j * 100.0);
        ga_layer_add_coord (layer, i * 100.0 + 50, j * 100.0);
        ga_layer_add_coord (layer, i * 100.0 + 50, j * 100.0 + 50);
        ga_layer_add_coord (layer, i * 100.0, j * 100.0);
        ga_layer_end_feature (layer, values);
      }
  ga_layer_seal (layer);
  return layer;
}

static void
test_layer_build (void)
{
  g_autoptr(GaLayer) layer = make_grid_layer (10);
  GaExtent e;
  guint n;
  const double *xy;

  g_assert_cmpuint (ga_layer_get_n_features (layer), ==, 100);
  g_assert_cmpuint (ga_layer_get_n_coords (layer), ==, 400);
  g_assert_cmpint (ga_layer_get_geom_kind (layer), ==, GA_GEOM_POLYGON);
  ga_layer_get_extent (layer, &e);
  g_assert_cmpfloat (e.min_x, ==, 0);
  g_assert_cmpfloat (e.max_x, ==, 950);
  g_assert_cmpfloat (e.max_y, ==, 950);
  xy = ga_layer_get_part (layer, 23, 0, &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpfloat (xy[0], ==, 200);
  g_assert_cmpfloat (xy[1], ==, 300);
  g_assert_cmpstr (ga_layer_get_value (layer, 23, 0), ==, "23");
  g_assert_cmpint (ga_layer_find_field (layer, "ID"), ==, 0);
}

static void
test_layer_query (void)
{
  g_autoptr(GaLayer) layer = make_grid_layer (40);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint));
  GaExtent q = { 120, 120, 330, 225 };

  ga_layer_query (layer, &q, ids);
  /* Columns i=1..3 (x 100..350 intersect 120..330), rows j=1..2 (y 100..250 intersect 120..225) */
  g_assert_cmpuint (ids->len, ==, 6);
  for (guint k = 0; k < ids->len; k++)
    {
      guint id = g_array_index (ids, guint, k);
      guint i = id / 40, j = id % 40;
      g_assert_cmpuint (i, >=, 1);
      g_assert_cmpuint (i, <=, 3);
      g_assert_cmpuint (j, >=, 1);
      g_assert_cmpuint (j, <=, 2);
    }

  g_array_set_size (ids, 0);
  q = (GaExtent) { 10000, 10000, 20000, 20000 };
  ga_layer_query (layer, &q, ids);
  g_assert_cmpuint (ids->len, ==, 0);
}

/* A layer of single points keeps no per-feature record (16 bytes a point); the first other
 * feature (here a multi-point, an aborted one, a line) brings the records back, with every
 * earlier point still where it was. */
static void
add_point (GaLayer *layer, double x, double y, const char *id)
{
  const char *values[] = { id };

  ga_layer_begin_feature (layer, GA_GEOM_POINT);
  ga_layer_begin_part (layer);
  ga_layer_add_coord (layer, x, y);
  ga_layer_end_feature (layer, values);
}

static void
test_layer_points_only (void)
{
  g_autoptr(GaLayer) points = ga_layer_new ("points");
  g_autoptr(GaLayer) mixed = ga_layer_new ("mixed");
  const char *fields[] = { "id", NULL };
  const char *multi_values[] = { "multi" };
  gsize geometry, coords_bytes;
  GaExtent e;
  guint n;
  const double *xy;

  ga_layer_set_fields (points, fields);
  ga_layer_set_fields (mixed, fields);
  ga_layer_reserve (points, 1000, 1000);
  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", i);

      add_point (points, i, 2.0 * i, id);
      add_point (mixed, i, 2.0 * i, id);
    }
  /* an aborted feature leaves nothing behind */
  ga_layer_begin_feature (mixed, GA_GEOM_POINT);
  ga_layer_begin_part (mixed);
  ga_layer_add_coord (mixed, -1, -1);
  ga_layer_abort_feature (mixed);
  /* a multi-point: two parts */
  ga_layer_begin_feature (mixed, GA_GEOM_POINT);
  ga_layer_begin_part (mixed);
  ga_layer_add_coord (mixed, 5000, 5000);
  ga_layer_begin_part (mixed);
  ga_layer_add_coord (mixed, 5001, 5002);
  ga_layer_end_feature (mixed, multi_values);
  add_point (mixed, 7000, 7000, "after");
  ga_layer_seal (points);
  ga_layer_seal (mixed);

  /* the points layer: coordinates and index, no feature records */
  ga_layer_get_memory_size (points, &geometry, NULL);
  coords_bytes = 1000 * 2 * sizeof (double);
  g_assert_cmpuint (geometry, >=, coords_bytes);
  g_assert_cmpuint (geometry, <, coords_bytes + 1000 * 8 + 64);

  g_assert_cmpuint (ga_layer_get_n_features (points), ==, 1000);
  g_assert_cmpuint (ga_layer_get_n_features (mixed), ==, 1002);
  for (guint i = 0; i < 1000; i += 37)
    {
      g_autofree char *id = g_strdup_printf ("%u", i);

      for (guint k = 0; k < 2; k++)
        {
          GaLayer *layer = k == 0 ? points : mixed;

          g_assert_cmpint (ga_layer_get_feature_kind (layer, i), ==, GA_GEOM_POINT);
          g_assert_cmpuint (ga_layer_get_n_parts (layer, i), ==, 1);
          xy = ga_layer_get_part (layer, i, 0, &n);
          g_assert_cmpuint (n, ==, 1);
          g_assert_cmpfloat (xy[0], ==, i);
          g_assert_cmpfloat (xy[1], ==, 2.0 * i);
          ga_layer_get_feature_extent (layer, i, &e);
          g_assert_cmpfloat (e.min_x, ==, i);
          g_assert_cmpfloat (e.max_y, ==, 2.0 * i);
          g_assert_cmpstr (ga_layer_get_value (layer, i, 0), ==, id);
        }
    }
  g_assert_cmpuint (ga_layer_get_n_parts (mixed, 1000), ==, 2);
  xy = ga_layer_get_points (mixed, 1000, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpfloat (xy[2], ==, 5001);
  g_assert_cmpfloat (xy[3], ==, 5002);
  g_assert_cmpstr (ga_layer_get_value (mixed, 1000, 0), ==, "multi");
  xy = ga_layer_get_part (mixed, 1001, 0, &n);
  g_assert_cmpfloat (xy[0], ==, 7000);
  g_assert_cmpstr (ga_layer_get_value (mixed, 1001, 0), ==, "after");

  /* the index finds points of both layers */
  {
    g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint));
    GaExtent q = { 99.5, 0, 100.5, 10000 };

    ga_layer_query (points, &q, ids);
    g_assert_cmpuint (ids->len, ==, 1);
    g_assert_cmpuint (g_array_index (ids, guint, 0), ==, 100);
    g_array_set_size (ids, 0);
    q = (GaExtent) { 4999, 4999, 5003, 5003 };
    ga_layer_query (mixed, &q, ids);
    g_assert_cmpuint (ids->len, ==, 1);
    g_assert_cmpuint (g_array_index (ids, guint, 0), ==, 1000);
  }
}

/* Number fields are kept as numbers and written as text on demand, the way the reader wrote
 * them before: "%lld" for integers, 15 significant digits for reals, NULL for no value. */
static gpointer
read_column (gpointer data)
{
  GaLayer *layer = data;
  GString *all = g_string_new (NULL);

  for (guint i = 0; i < ga_layer_get_n_features (layer); i++)
    {
      const char *v = ga_layer_get_value (layer, i, 2);

      g_string_append (all, v != NULL ? v : "(null)");
      g_string_append_c (all, ';');
    }
  return g_string_free (all, FALSE);
}

/* ga_layer_add_coords (a part's pairs at once, as the reader stores them) builds what
 * ga_layer_add_coord builds pair by pair: coordinates, parts and extents. */
static void
test_layer_add_coords (void)
{
  g_autoptr(GaLayer) one = ga_layer_new ("one by one");
  g_autoptr(GaLayer) bulk = ga_layer_new ("at once");
  const double xs[] = { 10, 40, 40, 10, 10, 20, 30, 30, 20 };
  const double ys[] = { 10, 10, 50, 50, 10, 20, 20, 40, 20 };
  const guint part_n[] = { 5, 4 };

  for (guint f = 0; f < 3; f++)
    {
      guint first = 0;

      ga_layer_begin_feature (one, GA_GEOM_POLYGON);
      ga_layer_begin_feature (bulk, GA_GEOM_POLYGON);
      for (guint p = 0; p < (f == 1 ? 1 : 2); p++)
        {
          double dx[5], dy[5];

          for (guint i = 0; i < part_n[p]; i++)
            {
              dx[i] = xs[first + i] + 100.0 * f;
              dy[i] = ys[first + i] - 7.0 * f;
            }
          ga_layer_begin_part (one);
          for (guint i = 0; i < part_n[p]; i++)
            ga_layer_add_coord (one, dx[i], dy[i]);
          ga_layer_begin_part (bulk);
          ga_layer_add_coords (bulk, dx, dy, part_n[p]);
          ga_layer_add_coords (bulk, dx, dy, 0);
          first += part_n[p];
        }
      ga_layer_end_feature (one, NULL);
      ga_layer_end_feature (bulk, NULL);
    }
  ga_layer_seal (one);
  ga_layer_seal (bulk);

  g_assert_cmpuint (ga_layer_get_n_coords (bulk), ==, 23);
  g_assert_cmpuint (ga_layer_get_n_coords (bulk), ==, ga_layer_get_n_coords (one));
  for (guint f = 0; f < 3; f++)
    {
      GaExtent a, b;

      g_assert_cmpuint (ga_layer_get_n_parts (bulk, f), ==, ga_layer_get_n_parts (one, f));
      for (guint p = 0; p < ga_layer_get_n_parts (one, f); p++)
        {
          guint na, nb;
          const double *pa = ga_layer_get_part (one, f, p, &na);
          const double *pb = ga_layer_get_part (bulk, f, p, &nb);

          g_assert_cmpuint (nb, ==, na);
          for (guint i = 0; i < 2 * na; i++)
            g_assert_cmpfloat (pb[i], ==, pa[i]);
        }
      ga_layer_get_feature_extent (one, f, &a);
      ga_layer_get_feature_extent (bulk, f, &b);
      g_assert_cmpfloat (b.min_x, ==, 10.0 + 100.0 * f);
      g_assert_cmpfloat (b.max_y, ==, 50.0 - 7.0 * f);
      g_assert_true (a.min_x == b.min_x && a.min_y == b.min_y && a.max_x == b.max_x &&
                     a.max_y == b.max_y);
    }
}

static void
test_layer_number_fields (void)
{
  g_autoptr(GaLayer) layer = ga_layer_new ("numbers");
  g_autoptr(GaLayer) as_text = ga_layer_new ("as text");
  const char *fields[] = { "name", "count", "tco2e", NULL };
  const GaFieldType types[] = { GA_FIELD_TEXT, GA_FIELD_INTEGER, GA_FIELD_REAL };
  static const struct
  {
    gboolean null;
    gint64   integer;
    double   real;
  } rows[] = {
    { FALSE, 42, 11.54 },
    { FALSE, -7, -0.125 },
    { TRUE, 0, 0 },
    { FALSE, 0, 1e-5 },
    { FALSE, G_GINT64_CONSTANT (5000000000), 123456789.123 },
    { FALSE, G_MININT32, 1e300 },
  };
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  gsize numbers_size, text_size;
  double d;

  ga_layer_set_fields (layer, fields);
  ga_layer_set_field_types (layer, types);
  ga_layer_set_fields (as_text, fields);
  for (guint k = 0; k < 2000; k++)
    {
      guint r = k % G_N_ELEMENTS (rows);
      GaValue values[3] = { { "x" } };
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      char *integer_text = NULL, *real_text = NULL;
      const char *texts[3] = { "x" };

      values[1].integer = rows[r].integer + k;
      values[1].is_null = rows[r].null;
      values[2].real = rows[r].real + k;
      values[2].is_null = rows[r].null;
      /* the reference: printf's "%lld" and "%.15g" */
      if (!rows[r].null)
        {
          integer_text = g_strdup_printf ("%" G_GINT64_FORMAT, rows[r].integer + k);
          real_text = g_strdup (g_ascii_formatd (buf, sizeof buf, "%.15g", rows[r].real + k));
        }
      texts[1] = integer_text;
      texts[2] = real_text;
      g_ptr_array_add (expected, integer_text);
      g_ptr_array_add (expected, real_text);
      ga_layer_begin_feature (layer, GA_GEOM_NONE);
      ga_layer_end_feature_values (layer, values);
      ga_layer_begin_feature (as_text, GA_GEOM_NONE);
      ga_layer_end_feature (as_text, texts);
    }
  ga_layer_seal (layer);
  ga_layer_seal (as_text);

  g_assert_cmpint (ga_layer_get_field_type (layer, 1), ==, GA_FIELD_INTEGER);
  g_assert_cmpint (ga_layer_get_field_type (as_text, 1), ==, GA_FIELD_TEXT);
  /* numbers first: their text is not made until asked for */
  ga_layer_get_memory_size (layer, NULL, &numbers_size);
  ga_layer_get_memory_size (as_text, NULL, &text_size);
  g_assert_cmpuint (numbers_size, <, text_size);
  g_assert_true (ga_layer_get_number (layer, 4, 1, &d));
  g_assert_cmpfloat (d, ==, 5000000004.0);
  g_assert_true (ga_layer_get_number (layer, 0, 2, &d));
  g_assert_cmpfloat (d, ==, 11.54);
  g_assert_false (ga_layer_get_number (layer, 2, 2, &d));
  g_assert_false (ga_layer_get_number (layer, 0, 0, &d)); /* "x" */
  g_assert_true (ga_layer_get_number (as_text, 1, 2, &d));
  g_assert_cmpfloat (d, ==, 0.875);

  /* the text of a column is made once, by whichever thread asks first */
  {
    GThread *threads[4];
    g_autofree char *reference = read_column (as_text);

    for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
      threads[t] = g_thread_new ("reader", read_column, layer);
    for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
      {
        g_autofree char *got = g_thread_join (threads[t]);

        g_assert_cmpstr (got, ==, reference);
      }
  }
  for (guint k = 0; k < 2000; k++)
    {
      g_assert_cmpstr (ga_layer_get_value (layer, k, 1), ==, expected->pdata[2 * k]);
      g_assert_cmpstr (ga_layer_get_value (layer, k, 2), ==, expected->pdata[2 * k + 1]);
      g_assert_cmpstr (ga_layer_get_value (layer, k, 0), ==, "x");
    }
  /* the same pointer every time: callers may keep it as long as the layer */
  g_assert_true (ga_layer_get_value (layer, 3, 2) == ga_layer_get_value (layer, 3, 2));
}

static void
test_layer_invalid_utf8 (void)
{
  g_autoptr(GaLayer) layer = ga_layer_new ("bad");
  const char *fields[] = { "name", NULL };
  const char *values[] = { "\xca\xc7\xb9" }; /* TIS-620 bytes, not UTF-8 */

  ga_layer_set_fields (layer, fields);
  ga_layer_begin_feature (layer, GA_GEOM_POINT);
  ga_layer_begin_part (layer);
  ga_layer_add_coord (layer, 1, 2);
  ga_layer_end_feature (layer, values);
  ga_layer_seal (layer);
  g_assert_true (g_utf8_validate (ga_layer_get_value (layer, 0, 0), -1, NULL));
}

static void
test_layer_store_order (void)
{
  g_autoptr(GaLayerStore) store = ga_layer_store_new ();
  g_autoptr(GaLayer) a = make_grid_layer (2);
  g_autoptr(GaLayer) b = make_grid_layer (3);
  g_autoptr(GaLayer) c = make_grid_layer (4);
  guint pos;

  ga_layer_store_add (store, a);
  ga_layer_store_add (store, b);
  ga_layer_store_add (store, c);
  /* newest on top */
  g_assert_true (ga_layer_store_get (store, 0) == c);
  g_assert_true (ga_layer_store_get (store, 2) == a);
  g_assert_cmpuint (ga_layer_get_color (a), !=, ga_layer_get_color (b));

  ga_layer_store_move (store, a, 0);
  g_assert_true (ga_layer_store_get (store, 0) == a);
  g_assert_true (ga_layer_store_get (store, 1) == c);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 3);

  /* a reload keeps the place and the look, and uses up no palette colour */
  {
    g_autoptr(GaLayer) c2 = make_grid_layer (4);
    g_autoptr(GaLayer) d = make_grid_layer (2);

    ga_layer_set_opacity (c, 0.3);
    ga_layer_store_replace (store, c, c2);
    g_assert_true (ga_layer_store_get (store, 1) == c2);
    g_assert_cmpuint (ga_layer_get_color (c2), ==, ga_layer_get_color (c));
    g_assert_cmpfloat (ga_layer_get_opacity (c2), ==, 0.3);
    ga_layer_store_add (store, d);
    g_assert_cmpuint (ga_layer_get_color (d), ==, ga_palette_color (3));
    ga_layer_store_remove (store, d);
    ga_layer_store_replace (store, c2, c);
  }

  ga_layer_store_remove (store, c);
  g_assert_false (ga_layer_store_find (store, c, &pos));
  g_assert_true (ga_layer_store_find (store, b, &pos));
  g_assert_cmpuint (pos, ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/layer/build", test_layer_build);
  g_test_add_func ("/layer/query", test_layer_query);
  g_test_add_func ("/layer/points-only", test_layer_points_only);
  g_test_add_func ("/layer/add-coords", test_layer_add_coords);
  g_test_add_func ("/layer/number-fields", test_layer_number_fields);
  g_test_add_func ("/layer/invalid-utf8", test_layer_invalid_utf8);
  g_test_add_func ("/layer-store/order", test_layer_store_order);
  return g_test_run ();
}
