/* test-theme.c — theme guessing (English and Thai) and each theme's default style
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ga-kernel.h"
#include "ga-style.h"

/* A layer of @n features of @kind with @fields; values[i * n_fields + f]. */
static GaLayer *
make_layer (const char *name, GaGeomKind kind, const char * const *fields,
            const char * const *values, guint n)
{
  GaLayer *layer = ga_layer_new (name);
  guint n_fields = g_strv_length ((char **) fields);

  ga_layer_set_fields (layer, fields);
  for (guint i = 0; i < n; i++)
    {
      ga_layer_begin_feature (layer, kind);
      ga_layer_begin_part (layer);
      ga_layer_add_coord (layer, 11190000 + i * 100.0, 1545000);
      if (kind != GA_GEOM_POINT)
        ga_layer_add_coord (layer, 11190000 + i * 100.0 + 50, 1545050);
      if (kind == GA_GEOM_POLYGON)
        {
          ga_layer_add_coord (layer, 11190000 + i * 100.0, 1545050);
          ga_layer_add_coord (layer, 11190000 + i * 100.0, 1545000);
        }
      ga_layer_end_feature (layer, values + i * n_fields);
    }
  ga_layer_seal (layer);
  return layer;
}

static GaTheme
guess (const char *name, GaGeomKind kind, const char * const *fields)
{
  const char *values[16] = { NULL };
  g_autoptr (GaLayer) layer = make_layer (name, kind, fields, values, 1);

  return ga_theme_guess (layer);
}

static void
test_guess (void)
{
  const char *none[] = { "id", NULL };
  const char *stop_fields[] = { "stop_id", "stop_name", NULL };
  const char *route_fields[] = { "route_id", "route_short_name", NULL };
  const char *khet[] = { "ชื่อเขต", NULL };

  /* English names */
  g_assert_cmpint (guess ("Parks", GA_GEOM_POLYGON, none), ==, GA_THEME_GREEN_SPACE);
  g_assert_cmpint (guess ("green_areas", GA_GEOM_POLYGON, none), ==, GA_THEME_GREEN_SPACE);
  g_assert_cmpint (guess ("BTS lines", GA_GEOM_LINE, none), ==, GA_THEME_TRANSIT_LINES);
  g_assert_cmpint (guess ("mrt_routes", GA_GEOM_LINE, none), ==, GA_THEME_TRANSIT_LINES);
  g_assert_cmpint (guess ("Stations", GA_GEOM_POINT, none), ==, GA_THEME_TRANSIT_STOPS);
  g_assert_cmpint (guess ("bus_stops", GA_GEOM_POINT, none), ==, GA_THEME_TRANSIT_STOPS);
  g_assert_cmpint (guess ("District boundaries", GA_GEOM_POLYGON, none), ==,
                   GA_THEME_DISTRICTS);
  g_assert_cmpint (guess ("khet", GA_GEOM_POLYGON, none), ==, GA_THEME_DISTRICTS);
  g_assert_cmpint (guess ("Amphoe", GA_GEOM_POLYGON, none), ==, GA_THEME_DISTRICTS);
  /* Thai names */
  g_assert_cmpint (guess ("สวนสาธารณะ", GA_GEOM_POLYGON, none), ==, GA_THEME_GREEN_SPACE);
  g_assert_cmpint (guess ("รถไฟฟ้าสายสีเขียว", GA_GEOM_LINE, none), ==, GA_THEME_TRANSIT_LINES);
  g_assert_cmpint (guess ("สถานีรถไฟฟ้า", GA_GEOM_POINT, none), ==, GA_THEME_TRANSIT_STOPS);
  g_assert_cmpint (guess ("ป้ายรถเมล์", GA_GEOM_POINT, none), ==, GA_THEME_TRANSIT_STOPS);
  g_assert_cmpint (guess ("เขตกรุงเทพ", GA_GEOM_POLYGON, none), ==, GA_THEME_DISTRICTS);
  g_assert_cmpint (guess ("แขวง", GA_GEOM_POLYGON, none), ==, GA_THEME_DISTRICTS);
  g_assert_cmpint (guess ("อำเภอ", GA_GEOM_POLYGON, none), ==, GA_THEME_DISTRICTS);
  /* from attribute names */
  g_assert_cmpint (guess ("layer1", GA_GEOM_POINT, stop_fields), ==, GA_THEME_TRANSIT_STOPS);
  g_assert_cmpint (guess ("layer2", GA_GEOM_LINE, route_fields), ==, GA_THEME_TRANSIT_LINES);
  /* geometry matters: a "parks" point layer is not a line theme, an outline is not a line */
  g_assert_cmpint (guess ("outlines", GA_GEOM_LINE, none), ==, GA_THEME_OTHER);
  g_assert_cmpint (guess ("roads", GA_GEOM_LINE, none), ==, GA_THEME_OTHER);
  g_assert_cmpint (guess ("buildings", GA_GEOM_POLYGON, khet), ==, GA_THEME_OTHER);

  /* emissions need a numeric amount field */
  {
    const char *f[] = { "name", "tco2e", NULL };
    const char *v[] = { "Factory", "1200.5", "Depot", "300" };
    g_autoptr (GaLayer) a = make_layer ("co2_sources", GA_GEOM_POINT, f, v, 2);
    g_autoptr (GaLayer) b = make_layer ("แหล่งปล่อยก๊าซ", GA_GEOM_POINT, f, v, 2);
    g_autoptr (GaLayer) c = make_layer ("points", GA_GEOM_POINT, f, v, 2);

    g_assert_cmpint (ga_theme_guess (a), ==, GA_THEME_EMISSIONS);
    g_assert_cmpint (ga_theme_guess (b), ==, GA_THEME_EMISSIONS);
    g_assert_cmpint (ga_theme_guess (c), ==, GA_THEME_EMISSIONS);  /* field name tco2e */
  }
  {
    const char *f[] = { "name", "emission", NULL };
    const char *v[] = { "Factory", "high", "Depot", "low" };
    g_autoptr (GaLayer) d = make_layer ("emissions", GA_GEOM_POINT, f, v, 2);

    g_assert_cmpint (ga_theme_guess (d), ==, GA_THEME_OTHER);  /* no number to size by */
  }

  g_assert_cmpstr (ga_theme_to_string (GA_THEME_TRANSIT_STOPS), ==, "transit-stops");
  g_assert_cmpint (ga_theme_from_string ("districts"), ==, GA_THEME_DISTRICTS);
  g_assert_cmpint (ga_theme_from_string ("bogus"), ==, GA_THEME_OTHER);
}

static void
test_green_defaults (void)
{
  const char *f[] = { "id", "name_th", NULL };
  const char *v[] = { "1", "สวนลุมพินี" };
  g_autoptr (GaLayer) layer = make_layer ("สวน", GA_GEOM_POLYGON, f, v, 1);
  g_autoptr (GaStyle) style = ga_style_new_for_layer (layer);

  g_assert_cmpint (ga_style_get_theme (style), ==, GA_THEME_GREEN_SPACE);
  g_assert_cmpint (ga_style_get_kind (style), ==, GA_STYLE_SINGLE);
  g_assert_cmphex (ga_style_get_fill (style), ==, 0x4caf50ff);
  g_assert_cmphex (ga_style_get_stroke (style), ==, 0x2e7d32ff);
  g_assert_cmpfloat (ga_style_get_opacity (style), ==, 0.75);
  g_assert_cmpstr (ga_style_get_label_field (style), ==, "name_th");
}

static void
check_route_colors (const char * const *values, guint n, const char *field)
{
  const char *f[] = { "route_short_name", field, NULL };
  g_autoptr (GaLayer) layer = make_layer ("routes", GA_GEOM_LINE, f, values, n);
  g_autoptr (GaStyle) style = ga_style_new_for_layer (layer);
  GaRgba c;

  g_assert_cmpint (ga_style_get_theme (style), ==, GA_THEME_TRANSIT_LINES);
  g_assert_cmpint (ga_style_get_kind (style), ==, GA_STYLE_CATEGORIZED);
  g_assert_cmpstr (ga_style_get_field (style), ==, field);
  g_assert_true (ga_style_get_color_keyed (style));
  g_assert_cmpfloat (ga_style_get_stroke_width (style), ==, 4);
  g_assert_cmpfloat (ga_style_get_casing_width (style), ==, 2);
  g_assert_cmphex (ga_style_get_casing (style), ==, 0xffffffff);
  ga_style_prepare (style, layer);
  /* feature 0: Sukhumvit green, 1: Silom dark green, 2: same green as 0 in another spelling */
  g_assert_true (ga_style_feature_color (style, layer, 0, &c));
  g_assert_cmphex (c, ==, 0x7fbf3fff);
  g_assert_true (ga_style_feature_color (style, layer, 1, &c));
  g_assert_cmphex (c, ==, 0x00704aff);
  g_assert_true (ga_style_feature_color (style, layer, 2, &c));
  g_assert_cmphex (c, ==, 0x7fbf3fff);
  g_assert_cmpint (ga_style_class_of_feature (style, layer, 0), ==,
                   ga_style_class_of_feature (style, layer, 2));
  g_assert_cmpuint (ga_style_get_n_classes (style), ==, 2);
  g_assert_cmpstr (ga_style_get_class (style, 0)->label, ==, "Sukhumvit, Sukhumvit ext");
}

static void
test_transit_colors (void)
{
  const char *with_hash[] = { "Sukhumvit", "#7FBF3F", "Silom", "#00704a",
                              "Sukhumvit ext", "#7fbf3f" };
  const char *without_hash[] = { "Sukhumvit", "7FBF3F", "Silom", "00704A",
                                 "Sukhumvit ext", "7fbf3f" };
  const char *mixed[] = { "Sukhumvit", "7fbf3f", "Silom", "#00704A",
                          "Sukhumvit ext", "#7FBF3F" };

  check_route_colors (with_hash, 3, "route_color");
  check_route_colors (without_hash, 3, "route_color");
  check_route_colors (mixed, 3, "Colour");
}

static void
test_transit_by_name (void)
{
  const char *f[] = { "ref", "kind", NULL };
  const char *v[] = { "1", "bus", "2", "bus", "1", "bus", "8", "bus" };
  g_autoptr (GaLayer) layer = make_layer ("bus routes", GA_GEOM_LINE, f, v, 4);
  g_autoptr (GaStyle) style = ga_style_new_for_layer (layer);

  g_assert_cmpint (ga_style_get_kind (style), ==, GA_STYLE_CATEGORIZED);
  g_assert_cmpstr (ga_style_get_field (style), ==, "ref");
  g_assert_false (ga_style_get_color_keyed (style));
  /* most frequent first, Dark2 palette */
  g_assert_cmpstr (ga_style_get_class (style, 0)->value, ==, "1");
  g_assert_cmpstr (ga_style_get_class (style, 1)->value, ==, "2");
  g_assert_cmphex (ga_style_get_class (style, 0)->color, ==, 0x1b9e77ff);
  g_assert_cmphex (ga_style_get_class (style, 1)->color, ==, 0xd95f02ff);
}

static void
test_stops_defaults (void)
{
  const char *f[] = { "stop_id", "stop_name", NULL };
  const char *v[] = { "S1", "สยาม" };
  g_autoptr (GaLayer) layer = make_layer ("stops", GA_GEOM_POINT, f, v, 1);
  g_autoptr (GaStyle) style = ga_style_new_for_layer (layer);

  g_assert_cmpint (ga_style_get_theme (style), ==, GA_THEME_TRANSIT_STOPS);
  g_assert_cmphex (ga_style_get_fill (style), ==, 0xffffffff);
  g_assert_cmphex (ga_style_get_stroke (style), ==, 0x424242ff);
  g_assert_cmpfloat (ga_style_get_point_size (style), ==, 5);
  g_assert_cmpstr (ga_style_get_label_field (style), ==, "stop_name");
  g_assert_cmpfloat (ga_style_get_label_min_zoom (style), ==, 14);
}

static void
test_emission_defaults (void)
{
  const char *f[] = { "name", "tco2e", NULL };
  const char *v[] = { "A", "1000", "B", "250", "C", "n/a", "D", "62.5" };
  g_autoptr (GaLayer) layer = make_layer ("CO2 emissions", GA_GEOM_POINT, f, v, 4);
  g_autoptr (GaStyle) style = ga_style_new_for_layer (layer);

  g_assert_cmpint (ga_style_get_theme (style), ==, GA_THEME_EMISSIONS);
  g_assert_cmpint (ga_style_get_kind (style), ==, GA_STYLE_PROPORTIONAL);
  g_assert_cmpstr (ga_style_get_field (style), ==, "tco2e");
  g_assert_cmpfloat (ga_style_get_max_value (style), ==, 1000);
  g_assert_cmpfloat (ga_style_get_max_radius (style), ==, 18);
  /* nested reference circles: max, max/4, max/16 on 1-2-5 numbers */
  g_assert_cmpuint (ga_style_get_n_classes (style), ==, 3);
  g_assert_cmpfloat (ga_style_get_class (style, 0)->lower, ==, 1000);
  g_assert_cmpfloat (ga_style_get_class (style, 1)->lower, ==, 200);
  g_assert_cmpfloat (ga_style_get_class (style, 2)->lower, ==, 50);
  ga_style_prepare (style, layer);
  g_assert_cmpint (ga_style_class_of_feature (style, layer, 0), ==, 0);
  g_assert_cmpint (ga_style_class_of_feature (style, layer, 2), ==, -1);  /* "n/a" */
}

/* A whole emission inventory: circles sized by the amount would merge into one blob, so
 * above 200,000 points the default colours dots by quantile class instead. */
static void
test_dense_emission_defaults (void)
{
  const char *f[] = { "tco2e", NULL };
  const guint counts[] = { 200000, 200001 };

  for (guint c = 0; c < G_N_ELEMENTS (counts); c++)
    {
      g_autoptr (GaLayer) layer = ga_layer_new ("emissions");
      g_autoptr (GaStyle) style = NULL;

      ga_layer_set_fields (layer, f);
      for (guint i = 0; i < counts[c]; i++)
        {
          char value[32];
          const char *values[] = { value };

          g_snprintf (value, sizeof value, "%u", i % 1000);
          ga_layer_begin_feature (layer, GA_GEOM_POINT);
          ga_layer_begin_part (layer);
          ga_layer_add_coord (layer, 11190000 + (i % 1000) * 10.0, 1545000 + (i / 1000) * 10.0);
          ga_layer_end_feature (layer, values);
        }
      ga_layer_seal (layer);
      style = ga_style_new_for_layer (layer);
      g_assert_cmpint (ga_style_get_theme (style), ==, GA_THEME_EMISSIONS);
      if (counts[c] <= 200000)
        {
          g_assert_cmpint (ga_style_get_kind (style), ==, GA_STYLE_PROPORTIONAL);
          continue;
        }
      g_assert_cmpint (ga_style_get_kind (style), ==, GA_STYLE_GRADUATED);
      g_assert_cmpint (ga_style_get_method (style), ==, GA_CLASSIFY_QUANTILE);
      g_assert_cmpstr (ga_style_get_field (style), ==, "tco2e");
      g_assert_cmpfloat (ga_style_get_point_size (style), ==, 3);
      g_assert_cmpuint (ga_style_get_n_classes (style), >=, 3);
      ga_style_prepare (style, layer);
      /* quantile classes of 0..999 repeated: the smallest value in the first class, the
       * largest in the last */
      g_assert_cmpint (ga_style_class_of_feature (style, layer, 0), ==, 0);
      g_assert_cmpint (ga_style_class_of_feature (style, layer, 999), ==,
                       (int) ga_style_get_n_classes (style) - 1);
    }
}

static void
test_district_defaults (void)
{
  const char *f[] = { "dname", NULL };
  const char *v[] = { "ปทุมวัน" };
  g_autoptr (GaLayer) layer = make_layer ("เขต", GA_GEOM_POLYGON, f, v, 1);
  g_autoptr (GaStyle) style = ga_style_new_for_layer (layer);

  g_assert_cmpint (ga_style_get_theme (style), ==, GA_THEME_DISTRICTS);
  g_assert_cmphex (ga_style_get_fill (style) & 0xff, ==, 0);
  g_assert_cmpfloat (ga_style_get_stroke_width (style), ==, 1.5);
  g_assert_cmpstr (ga_style_get_label_field (style), ==, "dname");
}

static void
test_other_defaults (void)
{
  const char *f[] = { "id", NULL };
  const char *v[] = { "1" };
  g_autoptr (GaLayer) layer = make_layer ("buildings", GA_GEOM_POLYGON, f, v, 1);
  g_autoptr (GaStyle) style = NULL;

  ga_layer_set_color (layer, 0x336699);
  style = ga_style_new_for_layer (layer);
  g_assert_cmpint (ga_style_get_theme (style), ==, GA_THEME_OTHER);
  g_assert_cmphex (ga_style_get_fill (style), ==, 0x336699ff);
  g_assert_cmpfloat (ga_style_get_opacity (style), ==, 0.5);

  /* changing the theme applies that theme's defaults */
  ga_style_apply_theme (style, GA_THEME_GREEN_SPACE, layer);
  g_assert_cmphex (ga_style_get_fill (style), ==, 0x4caf50ff);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/theme/guess", test_guess);
  g_test_add_func ("/theme/green-space", test_green_defaults);
  g_test_add_func ("/theme/transit-colors", test_transit_colors);
  g_test_add_func ("/theme/transit-by-name", test_transit_by_name);
  g_test_add_func ("/theme/stops", test_stops_defaults);
  g_test_add_func ("/theme/emissions", test_emission_defaults);
  g_test_add_func ("/theme/emissions-dense", test_dense_emission_defaults);
  g_test_add_func ("/theme/districts", test_district_defaults);
  g_test_add_func ("/theme/other", test_other_defaults);
  return g_test_run ();
}
