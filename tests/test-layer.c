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
  g_test_add_func ("/layer/invalid-utf8", test_layer_invalid_utf8);
  g_test_add_func ("/layer-store/order", test_layer_store_order);
  return g_test_run ();
}
