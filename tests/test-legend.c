/* test-legend.c — the legend shows the map's colours, grows with classes and scales
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ga-legend.h"
#include "ga-style.h"

#define GREEN  GA_RGBA (0x1b, 0x9e, 0x77, 0xff)
#define ORANGE GA_RGBA (0xd9, 0x5f, 0x02, 0xff)
#define PURPLE GA_RGBA (0x75, 0x70, 0xb3, 0xff)
#define PINK   GA_RGBA (0xe7, 0x29, 0x8a, 0xff)
#define LIME   GA_RGBA (0x66, 0xa6, 0x1e, 0xff)
#define GOLD   GA_RGBA (0xe6, 0xab, 0x02, 0xff)

static const GaRgba colors[] = { GREEN, ORANGE, PURPLE, PINK, LIME, GOLD };
static const char *values[] = { "park", "lake", "forest", "สวนสาธารณะ", "field", "garden" };

static GaLayer *
polygon_layer (void)
{
  GaLayer *layer = ga_layer_new ("Parks สวน");
  const char *fields[] = { "kind", NULL };
  const char *row[] = { "park" };
  double xy[] = { 0, 0, 100, 0, 100, 100, 0, 100, 0, 0 };

  ga_layer_set_fields (layer, fields);
  ga_layer_begin_feature (layer, GA_GEOM_POLYGON);
  ga_layer_begin_part (layer);
  for (guint i = 0; i < G_N_ELEMENTS (xy) / 2; i++)
    ga_layer_add_coord (layer, 11190000 + xy[2 * i], 1540000 + xy[2 * i + 1]);
  ga_layer_end_feature (layer, row);
  ga_layer_seal (layer);
  return layer;
}

static GaStyle *
categorized (guint n)
{
  GaStyle *style = ga_style_new ();
  GaStyleClass classes[G_N_ELEMENTS (colors)];

  g_assert_cmpuint (n, <=, G_N_ELEMENTS (colors));
  ga_style_set_kind (style, GA_STYLE_CATEGORIZED);
  ga_style_set_field (style, "kind");
  ga_style_set_stroke (style, GA_RGBA (0x33, 0x33, 0x33, 0xff));
  ga_style_set_stroke_width (style, 1.0);
  for (guint i = 0; i < n; i++)
    {
      memset (&classes[i], 0, sizeof classes[i]);
      classes[i].value = (char *) values[i];
      classes[i].color = colors[i];
    }
  ga_style_set_classes (style, classes, n);
  return style;
}

static cairo_surface_t *
draw_legend (const GaLegendItem *items,
             guint               n,
             double              scale,
             double             *w,
             double             *h)
{
  cairo_surface_t *probe = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (probe);
  cairo_surface_t *surface;

  ga_legend_measure (cr, items, n, scale, w, h);
  cairo_destroy (cr);
  cairo_surface_destroy (probe);
  g_assert_cmpfloat (*w, >, 10.0);
  g_assert_cmpfloat (*h, >, 10.0);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (*w), (int) ceil (*h));
  cr = cairo_create (surface);
  ga_legend_draw (cr, items, n, scale);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* How many pixels are exactly @c (opaque). */
static guint
count_color (cairo_surface_t *s,
             GaRgba           c)
{
  const unsigned char *data = cairo_image_surface_get_data (s);
  int stride = cairo_image_surface_get_stride (s);
  guint32 want = 0xff000000u | ((c >> 8) & 0xffffff);
  guint n = 0;

  for (int y = 0; y < cairo_image_surface_get_height (s); y++)
    for (int x = 0; x < cairo_image_surface_get_width (s); x++)
      if (*(const guint32 *) (const void *) (data + y * stride + 4 * x) == want)
        n++;
  return n;
}

static void
test_swatch_colors (void)
{
  g_autoptr(GaLayer) layer = polygon_layer ();
  g_autoptr(GaStyle) style = categorized (4);
  GaLegendItem item = { layer, style };
  double w, h;
  cairo_surface_t *s = draw_legend (&item, 1, 1.0, &w, &h);

  /* every class swatch is filled with exactly the class colour (inside its outline) */
  for (guint i = 0; i < 4; i++)
    g_assert_cmpuint (count_color (s, colors[i]), >, 150);
  /* a colour that is not a class is nowhere */
  g_assert_cmpuint (count_color (s, LIME), ==, 0);

  /* an edited class colour shows in the legend */
  ga_style_set_class_color (style, 1, GOLD);
  cairo_surface_destroy (s);
  s = draw_legend (&item, 1, 1.0, &w, &h);
  g_assert_cmpuint (count_color (s, GOLD), >, 150);
  g_assert_cmpuint (count_color (s, ORANGE), ==, 0);
  cairo_surface_destroy (s);
}

static void
test_grows_with_classes (void)
{
  g_autoptr(GaLayer) layer = polygon_layer ();
  g_autoptr(GaStyle) three = categorized (3);
  g_autoptr(GaStyle) six = categorized (6);
  GaLegendItem a = { layer, three }, b = { layer, six };
  GaLegendItem both[2] = { { layer, three }, { layer, six } };
  double w3, h3, w6, h6, w2, h2;
  cairo_surface_t *s;

  s = draw_legend (&a, 1, 1.0, &w3, &h3);
  cairo_surface_destroy (s);
  s = draw_legend (&b, 1, 1.0, &w6, &h6);
  cairo_surface_destroy (s);
  /* three more rows, each at least a swatch high */
  g_assert_cmpfloat (h6 - h3, >=, 3 * 14.0);
  g_assert_cmpfloat (h6 - h3, <=, 3 * 30.0);
  /* two items: taller than either */
  s = draw_legend (both, 2, 1.0, &w2, &h2);
  cairo_surface_destroy (s);
  g_assert_cmpfloat (h2, >, h6 + h3 / 2.0);
}

/* A filtered layer says so under its classes: one more line of text */
static void
test_filter_noted (void)
{
  g_autoptr(GaLayer) layer = polygon_layer ();
  g_autoptr(GaStyle) style = categorized (3);
  g_autoptr(GError) error = NULL;
  GaLegendItem it = { layer, style };
  double w0, h0, w1, h1;
  cairo_surface_t *s;

  s = draw_legend (&it, 1, 1.0, &w0, &h0);
  cairo_surface_destroy (s);
  g_assert_true (ga_style_set_filter (style, "kind = 'park'", &error));
  g_assert_no_error (error);
  s = draw_legend (&it, 1, 1.0, &w1, &h1);
  cairo_surface_destroy (s);
  g_assert_cmpfloat (h1 - h0, >=, 10.0);
  g_assert_cmpfloat (h1 - h0, <=, 30.0);
}

static void
test_scale (void)
{
  g_autoptr(GaLayer) layer = polygon_layer ();
  g_autoptr(GaStyle) style = categorized (4);
  GaLegendItem item = { layer, style };
  double w1, h1, w2, h2;
  cairo_surface_t *s1 = draw_legend (&item, 1, 1.0, &w1, &h1);
  cairo_surface_t *s2 = draw_legend (&item, 1, 2.0, &w2, &h2);

  g_assert_cmpfloat (fabs (w2 / w1 - 2.0), <, 0.05);
  g_assert_cmpfloat (fabs (h2 / h1 - 2.0), <, 0.05);
  /* the swatches are 4x the area */
  g_assert_cmpfloat (fabs ((double) count_color (s2, GREEN) / count_color (s1, GREEN) - 4.0),
                     <, 0.6);
  cairo_surface_destroy (s1);
  cairo_surface_destroy (s2);
}

/* Proportional symbols: nested reference circles whose areas follow the values. */
static void
test_proportional_circles (void)
{
  GaLayer *layer = ga_layer_new ("Emissions");
  const char *fields[] = { "tco2e", NULL };
  const char *v1[] = { "100" }, *v2[] = { "1600" };
  g_autoptr(GaStyle) style = ga_style_new ();
  GaLegendItem item = { layer, style };
  double w, h;
  cairo_surface_t *s;

  ga_layer_set_fields (layer, fields);
  ga_layer_begin_feature (layer, GA_GEOM_POINT);
  ga_layer_begin_part (layer);
  ga_layer_add_coord (layer, 11190000, 1540000);
  ga_layer_end_feature (layer, v1);
  ga_layer_begin_feature (layer, GA_GEOM_POINT);
  ga_layer_begin_part (layer);
  ga_layer_add_coord (layer, 11190100, 1540000);
  ga_layer_end_feature (layer, v2);
  ga_layer_seal (layer);

  ga_style_set_kind (style, GA_STYLE_PROPORTIONAL);
  ga_style_set_field (style, "tco2e");
  ga_style_classify (style, layer);
  ga_style_set_max_radius (style, 30.0);
  s = draw_legend (&item, 1, 1.0, &w, &h);
  /* the biggest reference circle (≤ max value) fits: as tall as at most 2·30 px + title */
  g_assert_cmpfloat (h, >, 40.0);
  g_assert_cmpfloat (h, <, 2 * 30.0 + 60.0);
  cairo_surface_destroy (s);
  g_object_unref (layer);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/legend/swatch-colors", test_swatch_colors);
  g_test_add_func ("/legend/grows-with-classes", test_grows_with_classes);
  g_test_add_func ("/legend/scale", test_scale);
  g_test_add_func ("/legend/filter-noted", test_filter_noted);
  g_test_add_func ("/legend/proportional-circles", test_proportional_circles);

  return g_test_run ();
}
