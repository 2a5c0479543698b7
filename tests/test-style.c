/* test-style.c — style kinds, classes, heatmap scale, grid cells, filter, JSON round trip
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "ga-classify.h"
#include "ga-error.h"
#include "ga-kernel.h"
#include "ga-style.h"

/* Points at (x, y) Mercator metres with fields kind, amount. */
static GaLayer *
make_points (const double *xy, const char * const *values, guint n)
{
  const char *fields[] = { "kind", "tco2e", NULL };
  GaLayer *layer = ga_layer_new ("points");

  ga_layer_set_fields (layer, fields);
  for (guint i = 0; i < n; i++)
    {
      ga_layer_begin_feature (layer, GA_GEOM_POINT);
      ga_layer_begin_part (layer);
      ga_layer_add_coord (layer, xy[2 * i], xy[2 * i + 1]);
      ga_layer_end_feature (layer, values + 2 * i);
    }
  ga_layer_seal (layer);
  return layer;
}

static void
test_categorized (void)
{
  /* 14 kinds: a ×3, b ×2, then c … n once each, and one NULL */
  double xy[2 * 20] = { 0 };
  const char *values[2 * 20] = {
    "a", "1", "b", "1", "a", "1", "c", "1", "b", "1", "a", "1", "d", "1", "e", "1", "f", "1",
    "g", "1", "h", "1", "i", "1", "j", "1", "k", "1", "l", "1", "m", "1", "n", "1", NULL, "1",
  };
  g_autoptr (GaLayer) layer = make_points (xy, values, 18);
  g_autoptr (GaStyle) style = ga_style_new ();
  GaRgba set2[12];

  ga_style_set_kind (style, GA_STYLE_CATEGORIZED);
  ga_style_set_field (style, "kind");
  ga_style_set_ramp (style, "set2");
  ga_style_classify (style, layer);
  g_assert_cmpuint (ga_style_get_n_classes (style), ==, 13);  /* 12 + other */
  g_assert_cmpstr (ga_style_get_class (style, 0)->value, ==, "a");
  g_assert_cmpstr (ga_style_get_class (style, 1)->value, ==, "b");
  g_assert_cmpstr (ga_style_get_class (style, 2)->value, ==, "c");   /* first seen of the 1s */
  g_assert_null (ga_style_get_class (style, 12)->value);
  g_assert_cmpstr (ga_style_get_class (style, 12)->label, ==, "Other");
  ga_ramp_colors ("set2", 12, set2);
  g_assert_cmphex (ga_style_get_class (style, 0)->color, ==, set2[0]);

  ga_style_prepare (style, layer);
  g_assert_cmpint (ga_style_class_of_feature (style, layer, 0), ==, 0);
  g_assert_cmpint (ga_style_class_of_feature (style, layer, 1), ==, 1);
  g_assert_cmpint (ga_style_class_of_feature (style, layer, 16), ==, 12);  /* "n": other */
  g_assert_cmpint (ga_style_class_of_feature (style, layer, 17), ==, 12);  /* NULL: other */

  /* editable colours */
  ga_style_set_class_color (style, 1, 0x123456ff);
  g_assert_cmphex (ga_style_get_class (style, 1)->color, ==, 0x123456ff);
}

static void
test_graduated (void)
{
  double xy[2 * 6] = { 0 };
  const char *values[2 * 6] = {
    "x", "0", "x", "10", "x", "20", "x", "30", "x", "abc", "x", NULL,
  };
  g_autoptr (GaLayer) layer = make_points (xy, values, 6);
  g_autoptr (GaStyle) style = ga_style_new ();
  GaRgba greens[3];

  ga_style_set_kind (style, GA_STYLE_GRADUATED);
  ga_style_set_field (style, "tco2e");
  ga_style_set_method (style, GA_CLASSIFY_EQUAL_INTERVAL);
  ga_style_set_n_classes_wanted (style, 3);
  ga_style_set_ramp (style, "greens");
  ga_style_classify (style, layer);
  g_assert_cmpuint (ga_style_get_n_classes (style), ==, 3);
  g_assert_cmpfloat (ga_style_get_class (style, 0)->lower, ==, 0);
  g_assert_cmpfloat (ga_style_get_class (style, 0)->upper, ==, 10);
  g_assert_cmpfloat (ga_style_get_class (style, 2)->upper, ==, 30);
  g_assert_cmpstr (ga_style_get_class (style, 0)->label, ==, "0 – 10");
  ga_ramp_colors ("greens", 3, greens);
  g_assert_cmphex (ga_style_get_class (style, 2)->color, ==, greens[2]);

  ga_style_prepare (style, layer);
  g_assert_cmpint (ga_style_class_of_feature (style, layer, 0), ==, 0);  /* min included */
  g_assert_cmpint (ga_style_class_of_feature (style, layer, 1), ==, 0);  /* 10: upper edge */
  g_assert_cmpint (ga_style_class_of_feature (style, layer, 2), ==, 1);
  g_assert_cmpint (ga_style_class_of_feature (style, layer, 3), ==, 2);
  g_assert_cmpint (ga_style_class_of_feature (style, layer, 4), ==, -1); /* not a number */
  g_assert_cmpint (ga_style_class_of_feature (style, layer, 5), ==, -1); /* NULL */
}

static void
test_filter (void)
{
  double xy[2 * 3] = { 0 };
  const char *values[2 * 3] = { "park", "5", "shop", "2000", "park", "1500" };
  g_autoptr (GaLayer) layer = make_points (xy, values, 3);
  g_autoptr (GaStyle) style = ga_style_new ();
  g_autoptr (GError) error = NULL;
  guint changes = 0;

  g_signal_connect_swapped (style, "changed", G_CALLBACK (g_atomic_int_inc), &changes);
  g_assert_true (ga_style_set_filter (style, "tco2e > 1000", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 1);
  ga_style_prepare (style, layer);
  g_assert_false (ga_style_feature_visible (style, layer, 0));
  g_assert_true (ga_style_feature_visible (style, layer, 1));
  g_assert_true (ga_style_feature_visible (style, layer, 2));

  /* a bad filter is refused and the old one stays */
  g_assert_false (ga_style_set_filter (style, "tco2e >", &error));
  g_assert_error (error, GA_ERROR, GA_ERROR_BAD_ARGUMENT);
  g_assert_cmpstr (ga_style_get_filter (style), ==, "tco2e > 1000");
  g_clear_error (&error);

  g_assert_true (ga_style_set_filter (style, "", &error));
  g_assert_null (ga_style_get_filter (style));
  g_assert_true (ga_style_feature_visible (style, layer, 0));
}

static void
test_heatmap_scale (void)
{
  /* at the equator (Mercator metres = ground metres): weights 10 and 5 at one place, and a
   * far point of weight 1. Density at the pair = (10 + 5) · 3 / (π · 1 km²) = 14.3 /km² */
  const double xy[] = { 0, 0, 0, 0, 50000, 0 };
  const char *values[] = { "a", "10", "b", "5", "c", "1" };
  g_autoptr (GaLayer) layer = make_points (xy, values, 3);
  g_autoptr (GaStyle) style = ga_style_new ();

  ga_style_set_kind (style, GA_STYLE_HEATMAP);
  ga_style_set_weight_field (style, "tco2e");
  ga_style_set_radius_m (style, 1000);
  ga_style_classify (style, layer);
  g_assert_cmpfloat_with_epsilon (ga_style_get_max_value (style), 45 / G_PI, 1e-9);
  g_assert_cmpfloat (ga_style_get_scale_max (style), ==, 20);
  g_assert_cmpstr (ga_style_get_unit (style), ==, "tco2e/km²");
  g_assert_cmpfloat_with_epsilon (ga_style_kernel (style, 0), 3e6 / (G_PI * 1e6), 1e-9);
  g_assert_cmpfloat (ga_style_kernel (style, 1000), ==, 0);
  g_assert_cmpfloat_with_epsilon (ga_style_get_mercator_factor (style), 1.0, 1e-12);

  /* the kernel integrates to 1 (numerically, rings of 1 m) */
  {
    double total = 0;

    for (double r = 0.5; r < 1000; r += 1)
      total += ga_style_kernel (style, r) / 1e6 * 2 * G_PI * r;
    g_assert_cmpfloat_with_epsilon (total, 1.0, 1e-4);
  }
}

static void
test_heatmap_latitude (void)
{
  /* at 60° N one Mercator metre is half a ground metre: two points 1,000 Mercator metres
   * apart are 500 m apart on the ground */
  double y = 6378137.0 * log (tan (G_PI / 4 + 60 * G_PI / 360.0));
  const double xy[] = { 0, y, 1000, y };
  const char *values[] = { "a", "1", "b", "1" };
  g_autoptr (GaLayer) layer = make_points (xy, values, 2);
  g_autoptr (GaStyle) style = ga_style_new ();
  double u = 1 - 0.25;  /* d = 500 m, h = 1000 m */

  ga_style_set_kind (style, GA_STYLE_HEATMAP);
  ga_style_set_radius_m (style, 1000);
  ga_style_classify (style, layer);
  g_assert_cmpfloat_with_epsilon (ga_style_get_mercator_factor (style), 0.5, 1e-3);
  g_assert_cmpfloat_with_epsilon (ga_style_get_max_value (style), 3 / G_PI * (1 + u * u), 1e-2);
  g_assert_cmpstr (ga_style_get_unit (style), ==, "points/km²");
}

static void
test_grid (void)
{
  const double xy[] = { 100, 100, 200, 200, 1500, 100, 1600, 900, 1700, 300 };
  const char *values[] = { "a", "1", "a", "2", "a", "3", "a", "4", "a", "5" };
  g_autoptr (GaLayer) layer = make_points (xy, values, 5);
  g_autoptr (GaStyle) style = ga_style_new ();
  const GaGridCell *cells;
  guint n;
  double shape[12];

  ga_style_set_kind (style, GA_STYLE_GRID);
  ga_style_set_hexagons (style, FALSE);
  ga_style_set_cell_size_m (style, 1000);
  ga_style_set_n_classes_wanted (style, 3);
  ga_style_set_method (style, GA_CLASSIFY_EQUAL_INTERVAL);
  ga_style_classify (style, layer);
  cells = ga_style_get_grid_cells (style, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (cells[0].col, ==, 0);
  g_assert_cmpfloat (cells[0].value, ==, 2);
  g_assert_cmpint (cells[1].col, ==, 1);
  g_assert_cmpfloat (cells[1].value, ==, 3);
  g_assert_cmpint (cells[1].klass, ==, 2);
  g_assert_cmpuint (ga_style_grid_cell_shape (style, 1, 0, shape), ==, 4);
  g_assert_cmpfloat_with_epsilon (shape[0], 1000, 1e-3);
  g_assert_cmpfloat_with_epsilon (shape[4], 2000, 1e-3);

  /* sums of the amount field */
  ga_style_set_aggregate (style, GA_AGGREGATE_SUM);
  ga_style_set_field (style, "tco2e");
  ga_style_classify (style, layer);
  cells = ga_style_get_grid_cells (style, &n);
  g_assert_cmpfloat (cells[0].value, ==, 3);
  g_assert_cmpfloat (cells[1].value, ==, 12);

  /* hexagons: every point lies inside the hexagon of its cell */
  ga_style_set_hexagons (style, TRUE);
  ga_style_classify (style, layer);
  for (guint i = 0; i < 5; i++)
    {
      gint64 col, row;
      double cx = 0, cy = 0;

      ga_style_grid_cell_of (style, xy[2 * i], xy[2 * i + 1], &col, &row);
      g_assert_cmpuint (ga_style_grid_cell_shape (style, col, row, shape), ==, 6);
      for (guint v = 0; v < 6; v++)
        {
          cx += shape[2 * v] / 6;
          cy += shape[2 * v + 1] / 6;
        }
      /* inside the inscribed circle (radius 500) or at most the circumradius away */
      g_assert_cmpfloat (hypot (xy[2 * i] - cx, xy[2 * i + 1] - cy), <=, 1000 / sqrt (3) + 1e-6);
    }
}

static void
test_json_round_trip (void)
{
  g_autoptr (GaStyle) style = ga_style_new ();
  g_autoptr (GaStyle) back = NULL;
  g_autoptr (JsonNode) node = NULL, node2 = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *a = NULL, *b = NULL;
  const double dash[] = { 4, 2 };
  GaStyleClass classes[2] = {
    { (char *) "สวน", 0, 0, 0x4caf50ff, (char *) "สวนสาธารณะ" },
    { NULL, 0, 0, 0x9e9e9eff, (char *) "Other" },
  };

  ga_style_set_kind (style, GA_STYLE_CATEGORIZED);
  ga_style_set_field (style, "ประเภท");
  ga_style_set_method (style, GA_CLASSIFY_QUANTILE);
  ga_style_set_n_classes_wanted (style, 7);
  ga_style_set_ramp (style, "viridis");
  ga_style_set_fill (style, 0x11223344);
  ga_style_set_stroke (style, 0x55667788);
  ga_style_set_stroke_width (style, 2.5);
  ga_style_set_dash (style, dash, 2);
  ga_style_set_casing (style, 0xffffffff, 2);
  ga_style_set_opacity (style, 0.6);
  ga_style_set_point_shape (style, GA_POINT_DIAMOND);
  ga_style_set_point_size (style, 7);
  ga_style_set_classes (style, classes, 2);
  ga_style_set_max_radius (style, 30);
  ga_style_set_weight_field (style, "tco2e");
  ga_style_set_radius_m (style, 750);
  ga_style_set_scale_max (style, 5000);
  ga_style_set_unit (style, "tCO2e/km²/yr");
  ga_style_set_cell_size_m (style, 250);
  ga_style_set_hexagons (style, FALSE);
  ga_style_set_aggregate (style, GA_AGGREGATE_SUM);
  ga_style_set_label (style, "ชื่อ", 12, 0x112233ff, 0xffffffcc, 13);
  g_assert_true (ga_style_set_filter (style, "ประเภท = 'สวน'", NULL));

  node = ga_style_to_json (style);
  back = ga_style_new_from_json (node, &error);
  g_assert_no_error (error);
  node2 = ga_style_to_json (back);
  a = json_to_string (node, TRUE);
  b = json_to_string (node2, TRUE);
  g_assert_cmpstr (a, ==, b);

  g_assert_cmpint (ga_style_get_kind (back), ==, GA_STYLE_CATEGORIZED);
  g_assert_cmpstr (ga_style_get_field (back), ==, "ประเภท");
  g_assert_cmpint (ga_style_get_method (back), ==, GA_CLASSIFY_QUANTILE);
  g_assert_cmpuint (ga_style_get_n_classes_wanted (back), ==, 7);
  g_assert_cmpstr (ga_style_get_ramp (back), ==, "viridis");
  g_assert_cmphex (ga_style_get_fill (back), ==, 0x11223344);
  g_assert_cmpfloat (ga_style_get_dash (back, NULL)[1], ==, 2);
  g_assert_cmpfloat (ga_style_get_casing_width (back), ==, 2);
  g_assert_cmpfloat (ga_style_get_opacity (back), ==, 0.6);
  g_assert_cmpint (ga_style_get_point_shape (back), ==, GA_POINT_DIAMOND);
  g_assert_cmpstr (ga_style_get_class (back, 0)->value, ==, "สวน");
  g_assert_null (ga_style_get_class (back, 1)->value);
  g_assert_cmpstr (ga_style_get_unit (back), ==, "tCO2e/km²/yr");
  g_assert_cmphex (ga_style_get_label_halo (back), ==, 0xffffffcc);
  g_assert_cmpfloat (ga_style_get_label_min_zoom (back), ==, 13);
  g_assert_cmpstr (ga_style_get_filter (back), ==, "ประเภท = 'สวน'");

  /* the copy for workers is equal too */
  {
    g_autoptr (GaStyle) copy = ga_style_copy (style);
    g_autoptr (JsonNode) node3 = ga_style_to_json (copy);
    g_autofree char *c = json_to_string (node3, TRUE);

    g_assert_cmpstr (a, ==, c);
  }
}

static void
test_bad_json (void)
{
  g_autofree char *dir = g_dir_make_tmp ("style-XXXXXX", NULL);
  g_autofree char *broken = g_build_filename (dir, "broken.json", NULL);
  g_autofree char *wrong = g_build_filename (dir, "wrong.json", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.json", NULL);
  g_autoptr (GError) error = NULL;
  GaStyle *style;

  g_assert_true (g_file_set_contents (broken, "{ \"kind\": ", -1, NULL));
  g_assert_true (g_file_set_contents (wrong, "{ \"kind\": \"pie-chart\" }", -1, NULL));

  style = ga_style_new_from_file (broken, &error);
  g_assert_null (style);
  g_assert_error (error, GA_ERROR, GA_ERROR_CORRUPT);
  g_assert_true (g_str_has_prefix (error->message, "The style file “broken.json” is not valid "
                                   "JSON"));
  g_clear_error (&error);

  style = ga_style_new_from_file (wrong, &error);
  g_assert_null (style);
  g_assert_cmpstr (error->message, ==, "The style file “wrong.json” is not a Green Atlas "
                   "style: Unknown style kind “pie-chart”.");
  g_clear_error (&error);

  style = ga_style_new_from_file (missing, &error);
  g_assert_null (style);
  g_assert_error (error, GA_ERROR, GA_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "The style file “missing.json” does not exist.");

  g_unlink (broken);
  g_unlink (wrong);
  g_rmdir (dir);
}

static void
test_presets (void)
{
  const char *source = g_getenv ("GA_SOURCE_DIR");
  static const struct
  {
    const char *file;
    GaTheme     theme;
    GaStyleKind kind;
  } presets[] = {
    { "green-space.json", GA_THEME_GREEN_SPACE, GA_STYLE_SINGLE },
    { "transit-lines.json", GA_THEME_TRANSIT_LINES, GA_STYLE_CATEGORIZED },
    { "transit-stops.json", GA_THEME_TRANSIT_STOPS, GA_STYLE_SINGLE },
    { "emissions.json", GA_THEME_EMISSIONS, GA_STYLE_PROPORTIONAL },
    { "emissions-heatmap.json", GA_THEME_EMISSIONS, GA_STYLE_HEATMAP },
    { "districts.json", GA_THEME_DISTRICTS, GA_STYLE_SINGLE },
  };

  g_assert_nonnull (source);
  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    {
      g_autofree char *path = g_build_filename (source, "resources", "styles",
                                                presets[i].file, NULL);
      g_autoptr (GError) error = NULL;
      g_autoptr (GaStyle) style = ga_style_new_from_file (path, &error);

      g_assert_no_error (error);
      g_assert_cmpint (ga_style_get_theme (style), ==, presets[i].theme);
      g_assert_cmpint (ga_style_get_kind (style), ==, presets[i].kind);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/style/categorized", test_categorized);
  g_test_add_func ("/style/graduated", test_graduated);
  g_test_add_func ("/style/filter", test_filter);
  g_test_add_func ("/style/heatmap-scale", test_heatmap_scale);
  g_test_add_func ("/style/heatmap-latitude", test_heatmap_latitude);
  g_test_add_func ("/style/grid", test_grid);
  g_test_add_func ("/style/json-round-trip", test_json_round_trip);
  g_test_add_func ("/style/bad-json", test_bad_json);
  g_test_add_func ("/style/presets", test_presets);
  return g_test_run ();
}
