/* test-renderer.c — view maths, tile placement and pixel colours of the cairo renderer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ga-renderer.h"
#include "ga-render-view.h"

#define HALF GA_MERCATOR_HALF_WORLD
#define EARTH_RADIUS 6378137.0

typedef struct
{
  int r, g, b, a; /* straight (un-premultiplied) 0..255 */
} Pixel;

static Pixel
get_pixel (cairo_surface_t *surface,
           int              x,
           int              y)
{
  const unsigned char *data;
  guint32 v;
  Pixel p;

  cairo_surface_flush (surface);
  g_assert_cmpint (cairo_image_surface_get_format (surface), ==, CAIRO_FORMAT_ARGB32);
  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));

  data = cairo_image_surface_get_data (surface);
  v = *(const guint32 *) (const void *) (data + y * cairo_image_surface_get_stride (surface) + x * 4);
  p.a = v >> 24;
  if (p.a == 0)
    {
      p.r = p.g = p.b = 0;
      return p;
    }
  p.r = (((v >> 16) & 0xff) * 255 + p.a / 2) / p.a;
  p.g = (((v >> 8) & 0xff) * 255 + p.a / 2) / p.a;
  p.b = ((v & 0xff) * 255 + p.a / 2) / p.a;
  return p;
}

static void
assert_pixel (cairo_surface_t *surface,
              int              x,
              int              y,
              int              r,
              int              g,
              int              b,
              int              a,
              int              tolerance)
{
  Pixel p = get_pixel (surface, x, y);

  if (ABS (p.r - r) > tolerance || ABS (p.g - g) > tolerance ||
      ABS (p.b - b) > tolerance || ABS (p.a - a) > tolerance)
    g_error ("pixel (%d,%d) is rgba(%d,%d,%d,%d), expected rgba(%d,%d,%d,%d) ± %d",
             x, y, p.r, p.g, p.b, p.a, r, g, b, a, tolerance);
}

/* Independent of the code under test: the spherical Mercator formula. */
static void
lonlat_to_mercator (double  lon,
                    double  lat,
                    double *mx,
                    double *my)
{
  *mx = EARTH_RADIUS * lon * G_PI / 180.0;
  *my = EARTH_RADIUS * log (tan (G_PI / 4.0 + lat * G_PI / 360.0));
}

/* libshumate's documented viewport maths, world pixels at @zoom. */
static void
shumate_world_px (double  lon,
                  double  lat,
                  double  zoom,
                  double *x,
                  double *y)
{
  double world = 256.0 * exp2 (zoom);
  double phi = lat * G_PI / 180.0;

  *x = (lon + 180.0) / 360.0 * world;
  *y = (1.0 - asinh (tan (phi)) / G_PI) / 2.0 * world;
}

static void
add_pixel_ring (GaLayer            *layer,
                const GaRenderView *view,
                double              x0,
                double              y0,
                double              x1,
                double              y1)
{
  double px[] = { x0, x1, x1, x0, x0 };
  double py[] = { y0, y0, y1, y1, y0 };

  ga_layer_begin_part (layer);
  for (guint i = 0; i < G_N_ELEMENTS (px); i++)
    {
      double mx, my;

      ga_render_view_from_pixel (view, px[i], py[i], &mx, &my);
      ga_layer_add_coord (layer, mx, my);
    }
}

static GaLayer *
make_polygon_layer (const GaRenderView *view,
                    double              x0,
                    double              y0,
                    double              x1,
                    double              y1,
                    gboolean            with_hole,
                    guint               rgb)
{
  GaLayer *layer = ga_layer_new ("polygons");

  ga_layer_begin_feature (layer, GA_GEOM_POLYGON);
  add_pixel_ring (layer, view, x0, y0, x1, y1);
  if (with_hole)
    add_pixel_ring (layer, view,
                    x0 + (x1 - x0) * 0.4, y0 + (y1 - y0) * 0.4,
                    x0 + (x1 - x0) * 0.6, y0 + (y1 - y0) * 0.6);
  ga_layer_end_feature (layer, NULL);
  ga_layer_seal (layer);
  ga_layer_set_color (layer, rgb);
  return layer;
}

static GaLayer *
make_line_layer (const GaRenderView *view,
                 double              x0,
                 double              y0,
                 double              x1,
                 double              y1,
                 guint               rgb)
{
  GaLayer *layer = ga_layer_new ("lines");
  double mx, my;

  ga_layer_begin_feature (layer, GA_GEOM_LINE);
  ga_layer_begin_part (layer);
  ga_render_view_from_pixel (view, x0, y0, &mx, &my);
  ga_layer_add_coord (layer, mx, my);
  ga_render_view_from_pixel (view, x1, y1, &mx, &my);
  ga_layer_add_coord (layer, mx, my);
  ga_layer_end_feature (layer, NULL);
  ga_layer_seal (layer);
  ga_layer_set_color (layer, rgb);
  return layer;
}

static GaLayer *
make_point_layer_m (double mx,
                    double my,
                    guint  rgb)
{
  GaLayer *layer = ga_layer_new ("points");

  ga_layer_begin_feature (layer, GA_GEOM_POINT);
  ga_layer_begin_part (layer);
  ga_layer_add_coord (layer, mx, my);
  ga_layer_end_feature (layer, NULL);
  ga_layer_seal (layer);
  ga_layer_set_color (layer, rgb);
  return layer;
}

/* ---- view maths ---- */

static void
test_view_pixels (void)
{
  GaRenderView view = { 0.0, 0.0, 10.0, 800, 600 };
  double res, px, py, mx, my;
  GaExtent e;

  /* 40075016.686 m / (256 * 1024) px */
  res = ga_render_view_get_resolution (&view);
  g_assert_cmpfloat_with_epsilon (res, 152.8740565, 1e-6);

  ga_render_view_to_pixel (&view, 0.0, 0.0, &px, &py);
  g_assert_cmpfloat_with_epsilon (px, 400.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (py, 300.0, 1e-9);

  /* 100 px east, 50 px south: y grows downward */
  ga_render_view_to_pixel (&view, 100 * 152.8740565, -50 * 152.8740565, &px, &py);
  g_assert_cmpfloat_with_epsilon (px, 500.0, 1e-4);
  g_assert_cmpfloat_with_epsilon (py, 350.0, 1e-4);

  ga_render_view_from_pixel (&view, 0.0, 0.0, &mx, &my);
  g_assert_cmpfloat_with_epsilon (mx, -400 * 152.8740565, 1e-3);
  g_assert_cmpfloat_with_epsilon (my, 300 * 152.8740565, 1e-3);

  ga_render_view_get_extent (&view, &e);
  g_assert_cmpfloat_with_epsilon (e.min_x, -400 * 152.8740565, 1e-3);
  g_assert_cmpfloat_with_epsilon (e.max_y, 300 * 152.8740565, 1e-3);

  /* zoom 0: the whole world is 256 px */
  view.zoom = 0.0;
  view.width = view.height = 256;
  ga_render_view_to_pixel (&view, -HALF, HALF, &px, &py);
  g_assert_cmpfloat_with_epsilon (px, 0.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (py, 0.0, 1e-9);
  ga_render_view_to_pixel (&view, HALF, -HALF, &px, &py);
  g_assert_cmpfloat_with_epsilon (px, 256.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (py, 256.0, 1e-9);
}

static void
test_view_extent (void)
{
  GaExtent e = { 1000.0, 2000.0, 1000.0 + 152.8740565 * 900, 2000.0 + 152.8740565 * 300 };
  GaExtent got;
  GaRenderView view;

  /* Width-bound: 900 px of data in 1000 - 2*50 px usable → exactly zoom 10. */
  ga_render_view_init_extent (&view, &e, 1000, 800, 0.05);
  g_assert_cmpfloat_with_epsilon (view.zoom, 10.0, 1e-9);
  g_assert_cmpint (view.width, ==, 1000);
  g_assert_cmpint (view.height, ==, 800);
  g_assert_cmpfloat_with_epsilon (view.center_x, (e.min_x + e.max_x) / 2, 1e-6);
  ga_render_view_get_extent (&view, &got);
  g_assert_cmpfloat (got.min_x, <, e.min_x);
  g_assert_cmpfloat (got.max_x, >, e.max_x);
  g_assert_cmpfloat (got.min_y, <, e.min_y);
  g_assert_cmpfloat (got.max_y, >, e.max_y);

  /* Height-bound */
  ga_render_view_init_extent (&view, &e, 1000, 150, 0.0);
  g_assert_cmpfloat_with_epsilon (view.zoom, 9.0, 1e-9);
}

static void
test_view_tile (void)
{
  GaRenderView view;
  GaExtent e;
  double mx, my, span = 2 * HALF / 1024;
  double wx, wy, px, py;

  ga_render_view_init_tile (&view, 10, 797, 472, 256);
  g_assert_cmpfloat_with_epsilon (view.zoom, 10.0, 1e-12);
  g_assert_cmpint (view.width, ==, 256);
  ga_render_view_get_extent (&view, &e);
  g_assert_cmpfloat_with_epsilon (e.min_x, -HALF + 797 * span, 1e-4);
  g_assert_cmpfloat_with_epsilon (e.max_x, -HALF + 798 * span, 1e-4);
  g_assert_cmpfloat_with_epsilon (e.max_y, HALF - 472 * span, 1e-4);
  g_assert_cmpfloat_with_epsilon (e.min_y, HALF - 473 * span, 1e-4);

  /* Bangkok, 13.75 N 100.5 E, is in tile 10/797/472 */
  lonlat_to_mercator (100.5, 13.75, &mx, &my);
  g_assert_cmpfloat (mx, >, e.min_x);
  g_assert_cmpfloat (mx, <, e.max_x);
  g_assert_cmpfloat (my, >, e.min_y);
  g_assert_cmpfloat (my, <, e.max_y);

  /* …and at the pixel libshumate's formula gives */
  shumate_world_px (100.5, 13.75, 10.0, &wx, &wy);
  ga_render_view_to_pixel (&view, mx, my, &px, &py);
  g_assert_cmpfloat_with_epsilon (px, wx - 797 * 256, 1e-6);
  g_assert_cmpfloat_with_epsilon (py, wy - 472 * 256, 1e-6);

  /* a 512-px tile covers the same ground */
  ga_render_view_init_tile (&view, 10, 797, 472, 512);
  ga_render_view_get_extent (&view, &e);
  g_assert_cmpfloat_with_epsilon (e.min_x, -HALF + 797 * span, 1e-4);
  g_assert_cmpfloat_with_epsilon (e.max_x, -HALF + 798 * span, 1e-4);
}

/* ---- pixels ---- */

static int
blend_over_white (int c, double alpha)
{
  return (int) lround (c * alpha + 255 * (1.0 - alpha));
}

static void
test_symbol_default (void)
{
  g_autoptr(GaLayer) poly = NULL;
  g_autoptr(GaLayer) line = NULL;
  g_autoptr(GaLayer) point = NULL;
  GaRenderView view = { 0, 0, 10, 100, 100 };
  GaSymbol s;

  poly = make_polygon_layer (&view, 10, 10, 20, 20, FALSE, 0x336699);
  ga_symbol_init_default (&s, poly);
  g_assert_cmpfloat_with_epsilon (s.fill[0], 0x33 / 255.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (s.fill[2], 0x99 / 255.0, 1e-9);
  /* opaque colours, the translucency is the layer's */
  g_assert_cmpfloat (s.fill[3], ==, 1.0);
  g_assert_cmpfloat (s.layer_alpha, ==, 0.5);
  g_assert_cmpfloat_with_epsilon (s.stroke[1], 0.6 * 0x66 / 255.0, 1e-9);
  g_assert_cmpfloat (s.stroke[3], ==, 1.0);

  line = make_line_layer (&view, 0, 0, 50, 50, 0x336699);
  ga_symbol_init_default (&s, line);
  g_assert_cmpfloat (s.line_width, ==, 2.5);
  g_assert_cmpfloat (s.layer_alpha, ==, 1.0);
  g_assert_cmpfloat_with_epsilon (s.stroke[2], 0x99 / 255.0, 1e-9);

  point = make_point_layer_m (0, 0, 0x336699);
  ga_symbol_init_default (&s, point);
  g_assert_cmpfloat (s.point_radius, ==, 5.0);
  g_assert_cmpfloat (s.fill[3], ==, 1.0);
  g_assert_cmpfloat (s.stroke[0], ==, 1.0); /* white ring */
  g_assert_cmpfloat (s.stroke[1], ==, 1.0);
}

static void
test_render_colours (void)
{
  GaRenderView view = { 1.0e6, 1.5e6, 12.3, 400, 300 };
  g_autoptr(GaLayer) poly = NULL;
  g_autoptr(GaLayer) line = NULL;
  g_autoptr(GaLayer) point = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  GaSymbol s;
  double mx, my;
  int fr = 0x33, fg = 0xa0, fb = 0x2c;

  /* polygon with a hole: 50.5..150.5 px, hole 90.5..110.5 */
  poly = make_polygon_layer (&view, 50.5, 50.5, 150.5, 150.5, TRUE, 0x33a02c);
  line = make_line_layer (&view, 200.0, 100.5, 350.0, 100.5, 0x1f78b4);
  ga_render_view_from_pixel (&view, 300.5, 200.5, &mx, &my);
  point = make_point_layer_m (mx, my, 0xe31a1c);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, view.width, view.height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  ga_symbol_init_default (&s, poly);
  g_assert_true (ga_renderer_draw_layer_composited (cr, &view, poly, &s, 1.0, NULL));
  ga_symbol_init_default (&s, line);
  g_assert_true (ga_renderer_draw_layer (cr, &view, line, &s, NULL));
  ga_symbol_init_default (&s, point);
  g_assert_true (ga_renderer_draw_layer (cr, &view, point, &s, NULL));
  cairo_destroy (cr);

  /* inside the polygon: the fill composited at half alpha over white */
  assert_pixel (surface, 70, 70, blend_over_white (fr, 0.5), blend_over_white (fg, 0.5),
                blend_over_white (fb, 0.5), 255, 2);
  assert_pixel (surface, 130, 140, blend_over_white (fr, 0.5), blend_over_white (fg, 0.5),
                blend_over_white (fb, 0.5), 255, 2);
  /* in the hole (even-odd): white */
  assert_pixel (surface, 100, 100, 255, 255, 255, 255, 0);
  /* on the outline (1 px centred on x = 50.5 covers pixel column 50): darker, at half alpha */
  assert_pixel (surface, 50, 100, blend_over_white ((int) lround (fr * 0.6), 0.5),
                blend_over_white ((int) lround (fg * 0.6), 0.5),
                blend_over_white ((int) lround (fb * 0.6), 0.5), 255, 2);
  /* outside: white */
  assert_pixel (surface, 30, 30, 255, 255, 255, 255, 0);
  assert_pixel (surface, 160, 100, 255, 255, 255, 255, 0);
  /* on the line (2.5 px centred on y = 100.5): the line colour */
  assert_pixel (surface, 275, 100, 0x1f, 0x78, 0xb4, 255, 1);
  assert_pixel (surface, 275, 104, 255, 255, 255, 255, 0);
  /* the point's centre: its colour; 5 px out: the white ring; 10 px out: background */
  assert_pixel (surface, 300, 200, 0xe3, 0x1a, 0x1c, 255, 1);
  assert_pixel (surface, 302, 201, 0xe3, 0x1a, 0x1c, 255, 1);
  assert_pixel (surface, 305, 200, 255, 255, 255, 255, 10);
  assert_pixel (surface, 310, 200, 255, 255, 255, 255, 0);

  cairo_surface_destroy (surface);
}

static void
test_render_transparent (void)
{
  GaRenderView view = { 0, 0, 14, 200, 200 };
  g_autoptr(GaLayer) poly = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  GaSymbol s;
  Pixel p;

  poly = make_polygon_layer (&view, 20.5, 20.5, 120.5, 120.5, FALSE, 0x33a02c);
  ga_symbol_init_default (&s, poly);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, view.width, view.height);
  cr = cairo_create (surface);
  g_assert_true (ga_renderer_draw_layer (cr, &view, poly, &s, NULL));
  cairo_destroy (cr);

  /* tiles are opaque where drawn: the translucency is applied to the whole layer */
  p = get_pixel (surface, 70, 70);
  g_assert_cmpint (p.a, ==, 255);
  g_assert_cmpint (ABS (p.r - 0x33), <=, 3);
  g_assert_cmpint (ABS (p.g - 0xa0), <=, 3);
  g_assert_cmpint (ABS (p.b - 0x2c), <=, 3);
  /* outside: fully transparent */
  p = get_pixel (surface, 150, 150);
  g_assert_cmpint (p.a, ==, 0);

  cairo_surface_destroy (surface);
}

static void
test_render_tile_seamless (void)
{
  GaRenderView left_view, right_view;
  g_autoptr(GaLayer) poly = NULL;
  cairo_surface_t *left, *right, *empty;
  GaSymbol s;
  int a = 255; /* opaque: the layer, not the tile, is translucent */

  ga_render_view_init_tile (&left_view, 10, 797, 472, 256);
  ga_render_view_init_tile (&right_view, 10, 798, 472, 256);
  /* from x = 128 in the left tile to x = 128 in the right one */
  poly = make_polygon_layer (&left_view, 128.5, 60.5, 256 + 128.5, 200.5, FALSE, 0x33a02c);
  ga_symbol_init_default (&s, poly);

  left = ga_renderer_render_tile (poly, &s, 10, 797, 472, 256, NULL);
  right = ga_renderer_render_tile (poly, &s, 10, 798, 472, 256, NULL);
  g_assert_nonnull (left);
  g_assert_nonnull (right);
  g_assert_cmpint (cairo_image_surface_get_width (left), ==, 256);
  g_assert_cmpint (cairo_image_surface_get_height (left), ==, 256);
  g_assert_cmpint (cairo_image_surface_get_format (left), ==, CAIRO_FORMAT_ARGB32);

  /* only this tile's part: left half of the left tile is empty */
  assert_pixel (left, 100, 128, 0, 0, 0, 0, 0);
  assert_pixel (left, 200, 128, 0x33, 0xa0, 0x2c, a, 3);
  /* the shared edge, both sides: the fill, no seam, no outline */
  assert_pixel (left, 255, 128, 0x33, 0xa0, 0x2c, a, 3);
  assert_pixel (right, 0, 128, 0x33, 0xa0, 0x2c, a, 3);
  assert_pixel (right, 100, 128, 0x33, 0xa0, 0x2c, a, 3);
  assert_pixel (right, 200, 128, 0, 0, 0, 0, 0);
  /* the outline at x = 128.5 in the left tile */
  assert_pixel (left, 128, 128, 0x1f, 0x60, 0x1a, 255, 2); /* 60 % of 0x33a02c */

  /* a tile far away: entirely transparent */
  empty = ga_renderer_render_tile (poly, &s, 10, 100, 100, 256, NULL);
  g_assert_nonnull (empty);
  for (int y = 0; y < 256; y += 15)
    for (int x = 0; x < 256; x += 15)
      assert_pixel (empty, x, y, 0, 0, 0, 0, 0);

  cairo_surface_destroy (left);
  cairo_surface_destroy (right);
  cairo_surface_destroy (empty);
}

/* A point 3 px outside the tile still reaches in: the query must allow for the radius. */
static void
test_render_tile_margin (void)
{
  GaRenderView view;
  g_autoptr(GaLayer) point = NULL;
  cairo_surface_t *tile;
  GaSymbol s;
  double mx, my;

  ga_render_view_init_tile (&view, 12, 3190, 1890, 256);
  ga_render_view_from_pixel (&view, 259.0, 100.0, &mx, &my);
  point = make_point_layer_m (mx, my, 0xe31a1c);
  ga_symbol_init_default (&s, point);
  tile = ga_renderer_render_tile (point, &s, 12, 3190, 1890, 256, NULL);
  g_assert_nonnull (tile);
  g_assert_cmpint (get_pixel (tile, 255, 100).a, >, 200);
  cairo_surface_destroy (tile);
}

/* Points land where libshumate's viewport maths puts them, to within half a pixel. */
static void
test_render_point_placement (void)
{
  const struct { double lon, lat, zoom; } cases[] = {
    { 100.5, 13.75, 10.0 },
    { 100.5342, 13.7307, 14.0 },
    { 103.8198, 1.3521, 12.5 },
    { 105.8342, 21.0278, 16.0 },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GaLayer) point = NULL;
      GaRenderView view;
      cairo_surface_t *surface;
      cairo_t *cr;
      GaSymbol s;
      double mx, my, wx, wy, cx, cy, sum = 0, sx = 0, sy = 0;
      double origin_x, origin_y;

      lonlat_to_mercator (cases[c].lon, cases[c].lat, &mx, &my);
      point = make_point_layer_m (mx, my, 0x000000);
      ga_symbol_init_default (&s, point);
      s.stroke[3] = 0.0; /* no ring: measure the dot alone */

      /* A view whose top-left corner is at world pixel (origin_x, origin_y). */
      shumate_world_px (cases[c].lon, cases[c].lat, cases[c].zoom, &wx, &wy);
      origin_x = floor (wx) - 37.0;
      origin_y = floor (wy) - 51.0;
      view.zoom = cases[c].zoom;
      view.width = 100;
      view.height = 100;
      view.center_x = (origin_x + 50.0) / (256.0 * exp2 (view.zoom)) * 2 * HALF - HALF;
      view.center_y = HALF - (origin_y + 50.0) / (256.0 * exp2 (view.zoom)) * 2 * HALF;

      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, view.width, view.height);
      cr = cairo_create (surface);
      g_assert_true (ga_renderer_draw_layer (cr, &view, point, &s, NULL));
      cairo_destroy (cr);

      for (int y = 0; y < view.height; y++)
        for (int x = 0; x < view.width; x++)
          {
            double a = get_pixel (surface, x, y).a / 255.0;

            sum += a;
            sx += a * (x + 0.5);
            sy += a * (y + 0.5);
          }
      g_assert_cmpfloat (sum, >, 50.0); /* π·5² ≈ 78 */
      cx = sx / sum;
      cy = sy / sum;
      g_assert_cmpfloat_with_epsilon (cx, wx - origin_x, 0.05);
      g_assert_cmpfloat_with_epsilon (cy, wy - origin_y, 0.05);
      cairo_surface_destroy (surface);
    }
}

/* Deep zoom: a polygon far larger than cairo's coordinate range still fills the view. */
static void
test_render_deep_zoom (void)
{
  g_autoptr(GaLayer) poly = ga_layer_new ("big");
  cairo_surface_t *tile;
  GaRenderView view;
  GaSymbol s;
  int a = 255; /* opaque: the layer, not the tile, is translucent */

  ga_render_view_init_tile (&view, 22, 3260000, 1930000, 256);
  ga_layer_begin_feature (poly, GA_GEOM_POLYGON);
  ga_layer_begin_part (poly);
  ga_layer_add_coord (poly, view.center_x - 3.0e6, view.center_y - 3.0e6);
  ga_layer_add_coord (poly, view.center_x + 3.0e6, view.center_y - 3.0e6);
  ga_layer_add_coord (poly, view.center_x + 3.0e6, view.center_y + 1.0);
  ga_layer_add_coord (poly, view.center_x - 3.0e6, view.center_y + 1.0);
  ga_layer_add_coord (poly, view.center_x - 3.0e6, view.center_y - 3.0e6);
  ga_layer_end_feature (poly, NULL);
  ga_layer_seal (poly);
  ga_layer_set_color (poly, 0x33a02c);
  ga_symbol_init_default (&s, poly);

  tile = ga_renderer_render_tile (poly, &s, 22, 3260000, 1930000, 256, NULL);
  g_assert_nonnull (tile);
  /* top edge at 1 m north of the centre = 1/0.0373 px ≈ 26.8 px above row 128 */
  assert_pixel (tile, 10, 250, 0x33, 0xa0, 0x2c, a, 3);
  assert_pixel (tile, 245, 140, 0x33, 0xa0, 0x2c, a, 3);
  assert_pixel (tile, 128, 60, 0, 0, 0, 0, 0);
  cairo_surface_destroy (tile);
}

static void
test_render_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GaLayer) layer = ga_layer_new ("many");
  GaRenderView view;
  cairo_surface_t *surface;
  cairo_t *cr;
  GaSymbol s;

  ga_render_view_init_tile (&view, 10, 797, 472, 256);
  for (guint i = 0; i < 2000; i++)
    {
      ga_layer_begin_feature (layer, GA_GEOM_POINT);
      ga_layer_begin_part (layer);
      ga_layer_add_coord (layer, view.center_x + i, view.center_y);
      ga_layer_end_feature (layer, NULL);
    }
  ga_layer_seal (layer);
  ga_symbol_init_default (&s, layer);

  /* not cancelled: works */
  surface = ga_renderer_render_tile (layer, &s, 10, 797, 472, 256, cancellable);
  g_assert_nonnull (surface);
  cairo_surface_destroy (surface);

  g_cancellable_cancel (cancellable);
  g_assert_null (ga_renderer_render_tile (layer, &s, 10, 797, 472, 256, cancellable));

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 256, 256);
  cr = cairo_create (surface);
  g_assert_false (ga_renderer_draw_layer (cr, &view, layer, &s, cancellable));
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Workers render tiles of one sealed layer in parallel. */
typedef struct
{
  GaLayer *layer;
  const GaSymbol *symbol;
  int x;
  guint32 checksum;
} Job;

static guint32
checksum_surface (cairo_surface_t *surface)
{
  const guint32 *data = (const guint32 *) (const void *) cairo_image_surface_get_data (surface);
  int n = cairo_image_surface_get_stride (surface) / 4 * cairo_image_surface_get_height (surface);
  guint32 h = 2166136261u;

  for (int i = 0; i < n; i++)
    h = (h ^ data[i]) * 16777619u;
  return h;
}

static gpointer
render_job (gpointer data)
{
  Job *job = data;

  for (int k = 0; k < 20; k++)
    {
      cairo_surface_t *surface = ga_renderer_render_tile (job->layer, job->symbol, 10,
                                                          job->x, 472, 256, NULL);
      guint32 sum = checksum_surface (surface);

      if (k == 0)
        job->checksum = sum;
      else
        g_assert_cmpuint (sum, ==, job->checksum);
      cairo_surface_destroy (surface);
    }
  return NULL;
}

static void
test_render_threads (void)
{
  GaRenderView view;
  g_autoptr(GaLayer) poly = NULL;
  GaSymbol s;
  Job jobs[4];
  GThread *threads[4];

  ga_render_view_init_tile (&view, 10, 797, 472, 256);
  poly = make_polygon_layer (&view, -300.5, 10.5, 700.5, 200.5, TRUE, 0x33a02c);
  ga_symbol_init_default (&s, poly);

  for (int i = 0; i < 4; i++)
    {
      jobs[i] = (Job) { poly, &s, 796 + i, 0 };
      threads[i] = g_thread_new ("render", render_job, &jobs[i]);
    }
  for (int i = 0; i < 4; i++)
    g_thread_join (threads[i]);
  /* tiles 797 and 798 both lie fully inside the outer ring but cross the hole differently */
  g_assert_cmpuint (jobs[1].checksum, !=, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/renderer/view/pixels", test_view_pixels);
  g_test_add_func ("/renderer/view/extent", test_view_extent);
  g_test_add_func ("/renderer/view/tile", test_view_tile);
  g_test_add_func ("/renderer/symbol/default", test_symbol_default);
  g_test_add_func ("/renderer/render/colours", test_render_colours);
  g_test_add_func ("/renderer/render/transparent", test_render_transparent);
  g_test_add_func ("/renderer/render/tile-seamless", test_render_tile_seamless);
  g_test_add_func ("/renderer/render/tile-margin", test_render_tile_margin);
  g_test_add_func ("/renderer/render/point-placement", test_render_point_placement);
  g_test_add_func ("/renderer/render/deep-zoom", test_render_deep_zoom);
  g_test_add_func ("/renderer/render/cancelled", test_render_cancelled);
  g_test_add_func ("/renderer/render/threads", test_render_threads);

  return g_test_run ();
}
