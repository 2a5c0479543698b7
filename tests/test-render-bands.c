/* test-render-bands.c — an export drawn by several threads, a band each, has exactly the
 * pixels one thread draws
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <math.h>
#include <string.h>

#include "ga-layout-private.h"
#include "ga-render-bands.h"
#include "ga-render-private.h"
#include "ga-render-view.h"
#include "ga-style.h"

#define W 1500
#define H 1000

/* A seeded city: polygons, lines, points with a value, over a 20 km square. */
static GaLayer *
make_layer (GaGeomKind kind,
            guint      n,
            guint32    seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  const char *fields[] = { "value", NULL };
  GaLayer *layer = ga_layer_new (kind == GA_GEOM_POINT ? "points"
                                 : kind == GA_GEOM_LINE ? "lines" : "polygons");

  ga_layer_set_fields (layer, fields);
  for (guint i = 0; i < n; i++)
    {
      double x = 11190000.0 + g_rand_double_range (rand, 0, 20000);
      double y = 1540000.0 + g_rand_double_range (rand, 0, 20000);
      g_autofree char *value = g_strdup_printf ("%.2f", g_rand_double_range (rand, 0, 1000));
      const char *values[] = { value };

      ga_layer_begin_feature (layer, kind);
      ga_layer_begin_part (layer);
      ga_layer_add_coord (layer, x, y);
      if (kind != GA_GEOM_POINT)
        {
          guint m = 3 + g_rand_int_range (rand, 0, 8);

          for (guint k = 1; k < m; k++)
            ga_layer_add_coord (layer, x + 600.0 * cos (k * 2 * G_PI / m + i),
                                y + 600.0 * sin (k * 2 * G_PI / m + i));
        }
      ga_layer_end_feature (layer, values);
    }
  ga_layer_seal (layer);
  return layer;
}

static cairo_surface_t *
draw (guint         threads,
      GaLayer     **layers,
      GaStyle     **styles,
      guint         n,
      guint        *n_split)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cairo_t *cr = cairo_create (surface);
  GaRenderView view;
  GaExtent extent = { 11189000.0, 1539000.0, 11211000.0, 1561000.0 };
  const double opacities[] = { 1.0, 0.6, 1.0, 1.0, 0.5 };
  guint before;

  ga_render_view_init_extent (&view, &extent, W, H, 0.0);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  _ga_render_bands_set_max_threads (threads);
  before = _ga_render_bands_get_n_split ();
  g_assert_true (ga_layout_draw_map_layers (cr, &view, layers, styles, opacities, n, NULL));
  *n_split = _ga_render_bands_get_n_split () - before;
  _ga_render_bands_set_max_threads (0);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static guint
count_differences (cairo_surface_t *a,
                   cairo_surface_t *b,
                   guint           *n_coloured)
{
  const guint8 *pa = cairo_image_surface_get_data (a);
  const guint8 *pb = cairo_image_surface_get_data (b);
  int stride = cairo_image_surface_get_stride (a);
  guint diff = 0;

  *n_coloured = 0;
  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x++)
      {
        guint32 va = *(const guint32 *) (const void *) (pa + (gsize) y * stride + x * 4);
        guint32 vb = *(const guint32 *) (const void *) (pb + (gsize) y * stride + x * 4);

        diff += va != vb;
        *n_coloured += va != 0xffffffff;
      }
  return diff;
}

static void
test_bands_same_pixels (void)
{
  g_autoptr(GaLayer) polygons = make_layer (GA_GEOM_POLYGON, 3000, 1);
  g_autoptr(GaLayer) lines = make_layer (GA_GEOM_LINE, 2000, 2);
  g_autoptr(GaLayer) points = make_layer (GA_GEOM_POINT, 60000, 3);
  g_autoptr(GaLayer) heat = make_layer (GA_GEOM_POINT, 5000, 4);
  g_autoptr(GaStyle) polygon_style = ga_style_new_for_layer (polygons);
  g_autoptr(GaStyle) line_style = ga_style_new_for_layer (lines);
  g_autoptr(GaStyle) point_style = ga_style_new_for_layer (points);
  g_autoptr(GaStyle) heat_style = ga_style_new_for_layer (heat);
  g_autoptr(GaStyle) top_style = ga_style_new_for_layer (points);
  /* top first: classed points, 60 % lines, a heatmap (drawn whole, between two split runs),
   * points, half-transparent polygons */
  GaLayer *layers[] = { points, lines, heat, points, polygons };
  GaStyle *styles[] = { point_style, line_style, heat_style, top_style, polygon_style };
  g_autoptr(cairo_surface_t) one = NULL;
  g_autoptr(cairo_surface_t) three = NULL;
  guint n_split_one, n_split_three, n_coloured;

  ga_style_set_kind (point_style, GA_STYLE_GRADUATED);
  ga_style_set_field (point_style, "value");
  ga_style_classify (point_style, points);
  ga_style_set_kind (heat_style, GA_STYLE_HEATMAP);
  ga_style_classify (heat_style, heat);
  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    ga_style_prepare (styles[i], layers[i]);

  one = draw (1, layers, styles, G_N_ELEMENTS (layers), &n_split_one);
  three = draw (3, layers, styles, G_N_ELEMENTS (layers), &n_split_three);

  g_assert_cmpuint (n_split_one, ==, 0);
  g_assert_cmpuint (n_split_three, ==, 2); /* the runs above and below the heatmap */
  g_assert_cmpuint (count_differences (one, three, &n_coloured), ==, 0);
  /* the scene covers most of the image: the comparison is not of two blank pages */
  g_assert_cmpuint (n_coloured, >, W * H / 2);
}

static gboolean
count_calls (cairo_t      *cr,
             gpointer      data,
             GCancellable *cancellable)
{
  g_atomic_int_inc ((gint *) data);
  cairo_rectangle (cr, 10, 10, 100, 100);
  cairo_fill (cr);
  return TRUE;
}

/* Vector pages, small images and scaled contexts are drawn once, on the caller's thread. */
static void
test_bands_drawn_once (void)
{
  g_autoptr(cairo_surface_t) small = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 512, 512);
  g_autoptr(cairo_surface_t) big = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  g_autoptr(cairo_surface_t) pdf = cairo_pdf_surface_create (NULL, 800, 600);
  cairo_surface_t *targets[] = { small, pdf, big, big };
  gint expected[] = { 1, 1, 1, 8 }; /* scaled; then 2 threads × 4 bands */

  _ga_render_bands_set_max_threads (2);
  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      cairo_t *cr = cairo_create (targets[i]);
      gint calls = 0;

      if (i == 2)
        cairo_scale (cr, 2.0, 2.0);
      g_assert_true (ga_render_bands (cr, count_calls, &calls, NULL));
      g_assert_cmpint (calls, ==, expected[i]);
      cairo_destroy (cr);
    }
  _ga_render_bands_set_max_threads (0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render-bands/same-pixels", test_bands_same_pixels);
  g_test_add_func ("/render-bands/drawn-once", test_bands_drawn_once);
  return g_test_run ();
}
