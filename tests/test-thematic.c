/* test-thematic.c — pixels of every thematic style kind, heatmap honesty, labels, casings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ga-classify.h"
#include "ga-kernel.h"
#include "ga-labeler.h"
#include "ga-legend.h"
#include "ga-render-private.h"
#include "ga-style.h"
#include "ga-thematic-private.h"
#include "ga-thematic.h"

#define HALF GA_MERCATOR_HALF_WORLD
#define ZOOM 14.0
/* Bangkok, roughly: 100.54 E, 13.73 N */
#define CX 11192000.0
#define CY 1543000.0

typedef struct
{
  int r, g, b, a; /* straight 0..255 */
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
  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));
  data = cairo_image_surface_get_data (surface);
  v = *(const guint32 *) (const void *) (data + y * cairo_image_surface_get_stride (surface) +
                                         x * 4);
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
assert_rgba (cairo_surface_t *surface,
             int              x,
             int              y,
             GaRgba           c,
             int              tolerance)
{
  Pixel p = get_pixel (surface, x, y);
  int r = (c >> 24) & 0xff, g = (c >> 16) & 0xff, b = (c >> 8) & 0xff, a = c & 0xff;

  if (ABS (p.r - r) > tolerance || ABS (p.g - g) > tolerance ||
      ABS (p.b - b) > tolerance || ABS (p.a - a) > tolerance)
    g_error ("pixel (%d,%d) is rgba(%d,%d,%d,%d), expected rgba(%d,%d,%d,%d) ± %d",
             x, y, p.r, p.g, p.b, p.a, r, g, b, a, tolerance);
}

static void
init_view (GaRenderView *view,
           int           width,
           int           height)
{
  view->center_x = CX;
  view->center_y = CY;
  view->zoom = ZOOM;
  view->width = width;
  view->height = height;
}

/* A view whose top-left is at world pixel (@wx, @wy) at ZOOM. */
static void
init_view_at (GaRenderView *view,
              double        wx,
              double        wy,
              int           width,
              int           height)
{
  double k = 256.0 * exp2 (ZOOM) / (2.0 * HALF);

  view->zoom = ZOOM;
  view->width = width;
  view->height = height;
  view->center_x = (wx + width / 2.0) / k - HALF;
  view->center_y = HALF - (wy + height / 2.0) / k;
}

static cairo_surface_t *
render (GaLayer            *layer,
        GaStyle            *style,
        const GaRenderView *view,
        gboolean            white)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, view->width,
                                                         view->height);
  cairo_t *cr = cairo_create (surface);

  if (white)
    {
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
    }
  g_assert_true (ga_thematic_draw_layer (cr, view, layer, style, 1.0, NULL));
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static GaLayer *
new_layer (const char *name,
           const char *field_a,
           const char *field_b)
{
  GaLayer *layer = ga_layer_new (name);
  const char *fields[] = { field_a, field_b, NULL };

  ga_layer_set_fields (layer, fields);
  return layer;
}

static void
add_square (GaLayer            *layer,
            const GaRenderView *view,
            double              x0,
            double              y0,
            double              x1,
            double              y1,
            const char         *a,
            const char         *b)
{
  double px[] = { x0, x1, x1, x0, x0 };
  double py[] = { y0, y0, y1, y1, y0 };
  const char *values[] = { a, b };

  ga_layer_begin_feature (layer, GA_GEOM_POLYGON);
  ga_layer_begin_part (layer);
  for (guint i = 0; i < G_N_ELEMENTS (px); i++)
    {
      double mx, my;

      ga_render_view_from_pixel (view, px[i], py[i], &mx, &my);
      ga_layer_add_coord (layer, mx, my);
    }
  ga_layer_end_feature (layer, values);
}

static void
add_point (GaLayer            *layer,
           const GaRenderView *view,
           double              x,
           double              y,
           const char         *a,
           const char         *b)
{
  const char *values[] = { a, b };
  double mx, my;

  ga_render_view_from_pixel (view, x, y, &mx, &my);
  ga_layer_begin_feature (layer, GA_GEOM_POINT);
  ga_layer_begin_part (layer);
  ga_layer_add_coord (layer, mx, my);
  ga_layer_end_feature (layer, values);
}

static void
set_class (GaStyleClass *c,
           const char   *value,
           double        lower,
           double        upper,
           GaRgba        color)
{
  memset (c, 0, sizeof *c);
  c->value = (char *) value;
  c->lower = lower;
  c->upper = upper;
  c->color = color;
}

#define GREEN GA_RGBA (0x2e, 0x9e, 0x44, 0xff)
#define BLUE  GA_RGBA (0x21, 0x66, 0xac, 0xff)
#define RED   GA_RGBA (0xd7, 0x30, 0x27, 0xff)
#define ORANGE GA_RGBA (0xfc, 0x8d, 0x59, 0xff)
#define YELLOW GA_RGBA (0xfe, 0xe0, 0x8b, 0xff)

static GaStyle *
new_style (GaStyleKind kind,
           const char *field)
{
  GaStyle *style = ga_style_new ();

  ga_style_set_kind (style, kind);
  ga_style_set_field (style, field);
  ga_style_set_opacity (style, 1.0);
  ga_style_set_stroke (style, 0);
  ga_style_set_casing (style, 0, 0.0);
  ga_style_set_label (style, NULL, 10.0, 0, 0, 0.0);
  return style;
}

/* ---- categorized and graduated ---- */

static void
test_categorized (void)
{
  GaRenderView view;
  g_autoptr(GaLayer) layer = new_layer ("land", "type", "v");
  g_autoptr(GaStyle) style = new_style (GA_STYLE_CATEGORIZED, "type");
  g_autoptr(cairo_surface_t) s = NULL;
  GaStyleClass classes[2];

  init_view (&view, 300, 100);
  add_square (layer, &view, 10, 10, 90, 90, "park", "5");
  add_square (layer, &view, 110, 10, 190, 90, "lake", "15");
  add_square (layer, &view, 210, 10, 290, 90, "road", "25");
  ga_layer_seal (layer);

  set_class (&classes[0], "lake", 0, 0, BLUE);
  set_class (&classes[1], "park", 0, 0, GREEN);
  ga_style_set_classes (style, classes, 2);
  ga_style_prepare (style, layer);
  g_assert_cmpint (ga_style_class_of_feature (style, layer, 0), ==, 1);
  g_assert_cmpint (ga_style_class_of_feature (style, layer, 2), ==, -1);

  s = render (layer, style, &view, FALSE);
  assert_rgba (s, 50, 50, GREEN, 1);
  assert_rgba (s, 150, 50, BLUE, 1);
  /* no class: not drawn */
  assert_rgba (s, 250, 50, 0, 0);
  /* between the squares: nothing */
  assert_rgba (s, 100, 50, 0, 0);
}

static void
test_graduated (void)
{
  GaRenderView view;
  g_autoptr(GaLayer) layer = new_layer ("land", "type", "v");
  g_autoptr(GaStyle) style = new_style (GA_STYLE_GRADUATED, "v");
  g_autoptr(cairo_surface_t) s = NULL;
  GaStyleClass classes[3];

  init_view (&view, 300, 100);
  add_square (layer, &view, 10, 10, 90, 90, "park", "5");
  add_square (layer, &view, 110, 10, 190, 90, "lake", "15");
  add_square (layer, &view, 210, 10, 290, 90, "road", "25");
  ga_layer_seal (layer);

  set_class (&classes[0], NULL, 0, 10, YELLOW);
  set_class (&classes[1], NULL, 10, 20, ORANGE);
  set_class (&classes[2], NULL, 20, 30, RED);
  ga_style_set_classes (style, classes, 3);
  ga_style_prepare (style, layer);

  s = render (layer, style, &view, FALSE);
  assert_rgba (s, 50, 50, YELLOW, 1);
  assert_rgba (s, 150, 50, ORANGE, 1);
  assert_rgba (s, 250, 50, RED, 1);
}

static void
test_filter (void)
{
  GaRenderView view;
  g_autoptr(GaLayer) layer = new_layer ("land", "type", "v");
  g_autoptr(GaStyle) style = new_style (GA_STYLE_SINGLE, NULL);
  g_autoptr(cairo_surface_t) before = NULL;
  g_autoptr(cairo_surface_t) after = NULL;
  g_autoptr(GError) error = NULL;

  init_view (&view, 300, 100);
  add_square (layer, &view, 10, 10, 90, 90, "park", "5");
  add_square (layer, &view, 110, 10, 190, 90, "lake", "15");
  ga_layer_seal (layer);
  ga_style_set_fill (style, GREEN);
  ga_style_prepare (style, layer);

  before = render (layer, style, &view, FALSE);
  assert_rgba (before, 50, 50, GREEN, 1);
  assert_rgba (before, 150, 50, GREEN, 1);

  g_assert_true (ga_style_set_filter (style, "v > 10", &error));
  g_assert_no_error (error);
  ga_style_prepare (style, layer);
  after = render (layer, style, &view, FALSE);
  assert_rgba (after, 50, 50, 0, 0);
  assert_rgba (after, 150, 50, GREEN, 1);
}

/* ---- proportional circles ---- */

/* How many pixels around (@cx, @cy) are at least half covered (the fill is translucent,
 * so coverage is read from the alpha against the fill's own alpha). */
static double
coverage (cairo_surface_t *s,
          int              cx,
          int              cy,
          int              r)
{
  double sum = 0.0;

  for (int y = cy - r; y <= cy + r; y++)
    for (int x = cx - r; x <= cx + r; x++)
      sum += get_pixel (s, x, y).a >= 0xb8 / 2;
  return sum;
}

static void
test_proportional (void)
{
  GaRenderView view;
  g_autoptr(GaLayer) layer = new_layer ("hotspots", "name", "tco2e");
  g_autoptr(GaStyle) style = new_style (GA_STYLE_PROPORTIONAL, "tco2e");
  g_autoptr(cairo_surface_t) s = NULL;
  double small, big;

  init_view (&view, 300, 200);
  add_point (layer, &view, 70, 100, "a", "100");
  add_point (layer, &view, 200, 100, "b", "400");
  /* a small circle drawn on top of a big one (big first) */
  add_point (layer, &view, 200, 100, "c", "25");
  ga_layer_seal (layer);

  ga_style_classify (style, layer);
  ga_style_set_max_radius (style, 40.0);
  ga_style_set_fill (style, GA_RGBA (0xd7, 0x30, 0x27, 0xff));
  ga_style_set_stroke (style, GA_RGBA (0x80, 0x10, 0x10, 0xff));
  ga_style_prepare (style, layer);
  g_assert_cmpfloat_with_epsilon (ga_style_get_max_value (style), 400.0, 1e-9);

  s = render (layer, style, &view, FALSE);
  small = coverage (s, 70, 100, 28);
  big = coverage (s, 200, 100, 48);
  /* r = 20 and 40 px: areas 4:1 (the outline adds the same ring share to both) */
  g_assert_cmpfloat (fabs (big / small - 4.0) / 4.0, <, 0.05);
  g_assert_cmpfloat (fabs (small - G_PI * 20.5 * 20.5) / (G_PI * 400.0), <, 0.1);
  /* the small circle of "c" (r = 10) is visible on top of the big one: its outline ring */
  {
    Pixel ring = get_pixel (s, 210, 100);
    Pixel inside = get_pixel (s, 200, 100);
    Pixel big_fill = get_pixel (s, 200, 75);

    g_assert_cmpint (ring.r, <, big_fill.r - 20);
    g_assert_cmpint (inside.a, >, big_fill.a);
  }
}

/* ---- heatmap ---- */

static GaLayer *
heat_layer (void)
{
  GaRenderView view;
  GaLayer *layer = new_layer ("hotspots", "name", "w");

  init_view (&view, 400, 300);
  /* a dense cluster at (120, 150) and lone points elsewhere */
  add_point (layer, &view, 120, 150, "a", "3");
  add_point (layer, &view, 123, 151, "b", "3");
  add_point (layer, &view, 118, 147, "c", "3");
  add_point (layer, &view, 121, 153, "d", "3");
  add_point (layer, &view, 300, 100, "e", "3");
  add_point (layer, &view, 310, 220, "f", "3");
  ga_layer_seal (layer);
  return layer;
}

static GaStyle *
heat_style (GaLayer *layer)
{
  GaStyle *style = new_style (GA_STYLE_HEATMAP, NULL);

  ga_style_set_weight_field (style, "w");
  ga_style_set_radius_m (style, 500.0);
  ga_style_set_ramp (style, "ylorrd");
  ga_style_classify (style, layer);
  ga_style_prepare (style, layer);
  return style;
}

static void
test_heatmap_peak (void)
{
  GaRenderView view;
  g_autoptr(GaLayer) layer = heat_layer ();
  g_autoptr(GaStyle) style = heat_style (layer);
  g_autoptr(cairo_surface_t) s = NULL;
  double sx = 0.0, sy = 0.0;
  int best_a = -1, n = 0;

  g_assert_cmpfloat (ga_style_get_scale_max (style), >, 0.0);
  /* The alpha rises over the first 30 % of the scale: with the peak below that, the alpha
   * orders the densities. */
  ga_style_set_scale_max (style, 12.0 * ga_style_kernel (style, 0.0) / 0.25);

  init_view (&view, 400, 300);
  s = render (layer, style, &view, FALSE);
  for (int y = 0; y < view.height; y++)
    for (int x = 0; x < view.width; x++)
      best_a = MAX (best_a, get_pixel (s, x, y).a);
  for (int y = 0; y < view.height; y++)
    for (int x = 0; x < view.width; x++)
      if (get_pixel (s, x, y).a == best_a)
        {
          sx += x;
          sy += y;
          n++;
        }
  g_assert_cmpint (best_a, >, 100);
  g_assert_cmpint (n, >, 0);
  /* the densest place: the cluster around (120.5, 150.5) */
  g_assert_cmpfloat (fabs (sx / n - 120.5), <, 4.0);
  g_assert_cmpfloat (fabs (sy / n - 150.5), <, 4.0);
  /* the lone points are weaker, far from it nothing */
  g_assert_cmpint (get_pixel (s, 300, 100).a, <, best_a);
  g_assert_cmpint (get_pixel (s, 300, 100).a, >, 0);
  g_assert_cmpint (get_pixel (s, 200, 280).a, ==, 0);
}

/* Two overlapping views with different origins at one zoom draw the shared area alike. */
static void
test_heatmap_view_independent (void)
{
  GaRenderView v1, v2;
  g_autoptr(GaLayer) layer = heat_layer ();
  g_autoptr(GaStyle) style = heat_style (layer);
  g_autoptr(cairo_surface_t) a = NULL;
  g_autoptr(cairo_surface_t) b = NULL;
  double k = 256.0 * exp2 (ZOOM) / (2.0 * HALF);
  double wx = round ((CX + HALF) * k - 200.0), wy = round ((HALF - CY) * k - 150.0);
  int dx = 137, dy = 61, max_diff = 0, drawn = 0;

  init_view_at (&v1, wx, wy, 400, 300);
  init_view_at (&v2, wx + dx, wy + dy, 320, 280);
  a = render (layer, style, &v1, FALSE);
  b = render (layer, style, &v2, FALSE);
  for (int y = dy; y < 300; y++)
    for (int x = dx; x < 400; x++)
      {
        Pixel p = get_pixel (a, x, y), q = get_pixel (b, x - dx, y - dy);

        max_diff = MAX (max_diff, ABS (p.a - q.a));
        if (p.a > 0)
          {
            max_diff = MAX (max_diff, MAX (ABS (p.r - q.r), MAX (ABS (p.g - q.g),
                                                                 ABS (p.b - q.b))));
            drawn++;
          }
      }
  g_assert_cmpint (drawn, >, 1000);
  g_assert_cmpint (max_diff, <=, 1);

  /* and tiles of that zoom agree with the view */
  {
    int tx = (int) floor ((wx + dx) / 256.0) + 1, ty = (int) floor ((wy + dy) / 256.0);
    g_autoptr(cairo_surface_t) tile = ga_thematic_render_tile (layer, style, (int) ZOOM, tx, ty,
                                                                256, NULL);
    int ox = tx * 256 - (int) wx, oy = ty * 256 - (int) wy;
    int tile_drawn = 0;

    for (int y = 0; y < 256; y++)
      for (int x = 0; x < 256; x++)
        {
          Pixel p, q;

          if (x + ox < 0 || y + oy < 0 || x + ox >= 400 || y + oy >= 300)
            continue;
          p = get_pixel (tile, x, y);
          q = get_pixel (a, x + ox, y + oy);
          g_assert_cmpint (ABS (p.a - q.a), <=, 1);
          tile_drawn += p.a > 0;
        }
    g_assert_cmpint (tile_drawn, >, 0);
  }
}

/* Composites straight-alpha @c over white, as a map over a white page. */
static void
over_white (GaRgba c,
            int   *rgb)
{
  double a = (c & 0xff) / 255.0;

  rgb[0] = (int) lround (((c >> 24) & 0xff) * a + 255.0 * (1.0 - a));
  rgb[1] = (int) lround (((c >> 16) & 0xff) * a + 255.0 * (1.0 - a));
  rgb[2] = (int) lround (((c >> 8) & 0xff) * a + 255.0 * (1.0 - a));
}

/* The legend's colour bar at fraction f shows the map's colour at density f·scale_max. */
static void
test_heatmap_legend_matches (void)
{
  GaRenderView view;
  g_autoptr(GaLayer) layer = heat_layer ();
  g_autoptr(GaStyle) style = heat_style (layer);
  g_autoptr(cairo_surface_t) map = NULL;
  g_autoptr(cairo_surface_t) legend = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 600, 400);
  cairo_t *cr = cairo_create (legend);
  GaLegendItem item = { layer, style };
  double rect[4], scale_max = ga_style_get_scale_max (style), factor;
  double k = 256.0 * exp2 (ZOOM) / (2.0 * HALF);
  int checked = 0;

  /* the map over white */
  init_view (&view, 400, 300);
  map = render (layer, style, &view, TRUE);

  ga_legend_draw (cr, &item, 1, 1.0);
  cairo_surface_flush (legend);
  g_assert_true (ga_legend_get_heat_bar (cr, &item, 1, 1.0, 0, rect));
  cairo_destroy (cr);
  g_assert_cmpfloat (rect[2], >=, 100.0);

  /* exact: each column of the bar is ga_thematic_heat_color at its centre, over white */
  for (int i = 0; i < (int) rect[2]; i += 7)
    {
      GaRgba c = ga_thematic_heat_color (style, (i + 0.5) / rect[2] * scale_max);
      Pixel p = get_pixel (legend, (int) rect[0] + i, (int) (rect[1] + rect[3] / 2));
      int rgb[3];

      over_white (c, rgb);
      g_assert_cmpint (ABS (p.r - rgb[0]), <=, 1);
      g_assert_cmpint (ABS (p.g - rgb[1]), <=, 1);
      g_assert_cmpint (ABS (p.b - rgb[2]), <=, 1);
    }

  /* independent: map pixels along a line through the lone point "e" at (300, 100), whose
   * density the test computes itself with the published kernel, look up in the bar */
  factor = ga_style_get_mercator_factor (style);
  for (int x = 300; x < 340; x += 3)
    {
      double mx, my, px_m, py_m, d, density;
      int col;
      Pixel p, q;

      ga_render_view_from_pixel (&view, x + 0.5, 100.5, &mx, &my);
      ga_render_view_from_pixel (&view, 300, 100, &px_m, &py_m);
      d = hypot (mx - px_m, my - py_m) * factor;
      if (d >= 500.0)
        break;
      density = 3.0 * 3.0 / (G_PI * 0.25) * pow (1.0 - d * d / 250000.0, 2.0);
      col = (int) floor (density / scale_max * rect[2]);
      if (col >= (int) rect[2])
        continue;
      p = get_pixel (map, x, 100);
      q = get_pixel (legend, (int) rect[0] + col, (int) (rect[1] + rect[3] / 2));
      g_assert_cmpint (ABS (p.r - q.r), <=, 4);
      g_assert_cmpint (ABS (p.g - q.g), <=, 4);
      g_assert_cmpint (ABS (p.b - q.b), <=, 4);
      checked++;
    }
  (void) k;
  g_assert_cmpint (checked, >=, 5);
}

/* ---- grid ---- */

static void
test_grid (void)
{
  GaRenderView view;
  g_autoptr(GaLayer) layer = new_layer ("hotspots", "name", "w");
  g_autoptr(GaStyle) style = new_style (GA_STYLE_GRID, "w");
  g_autoptr(cairo_surface_t) s = NULL;
  const GaGridCell *cells;
  guint n_cells = 0;
  double cell_merc, mx, my, px, py;
  gint64 col, row;
  gboolean seen6 = FALSE, seen10 = FALSE;

  init_view (&view, 400, 300);
  ga_style_set_aggregate (style, GA_AGGREGATE_SUM);
  ga_style_set_cell_size_m (style, 1000.0);
  ga_style_set_hexagons (style, FALSE);
  ga_style_set_ramp (style, "ylorrd");

  /* three points in the cell at the view centre, one in a cell far right */
  ga_render_view_from_pixel (&view, 200, 150, &mx, &my);
  add_point (layer, &view, 200, 150, "a", "1");
  add_point (layer, &view, 200, 150, "b", "2");
  add_point (layer, &view, 200, 150, "c", "3");
  add_point (layer, &view, 380, 150, "d", "10");
  ga_layer_seal (layer);
  ga_style_classify (style, layer);
  {
    GaStyleClass classes[2];

    set_class (&classes[0], NULL, 0, 8, YELLOW);
    set_class (&classes[1], NULL, 8, 20, RED);
    ga_style_set_classes (style, classes, 2);
  }
  ga_style_prepare (style, layer);

  cells = ga_style_get_grid_cells (style, &n_cells);
  g_assert_cmpuint (n_cells, ==, 2);
  for (guint i = 0; i < n_cells; i++)
    {
      seen6 |= fabs (cells[i].value - 6.0) < 1e-9;
      seen10 |= fabs (cells[i].value - 10.0) < 1e-9;
    }
  g_assert_true (seen6 && seen10);

  /* anchored at the Mercator origin */
  cell_merc = 1000.0 / ga_style_get_mercator_factor (style);
  ga_style_grid_cell_of (style, mx, my, &col, &row);
  g_assert_cmpint (col, ==, (gint64) floor (mx / cell_merc));

  s = render (layer, style, &view, FALSE);
  for (guint i = 0; i < n_cells; i++)
    {
      double xy[12], cx = 0, cy = 0;
      guint nv = ga_style_grid_cell_shape (style, cells[i].col, cells[i].row, xy);

      for (guint v = 0; v < nv; v++)
        {
          cx += xy[2 * v] / nv;
          cy += xy[2 * v + 1] / nv;
        }
      ga_render_view_to_pixel (&view, cx, cy, &px, &py);
      if (px < 0 || py < 0 || px >= 400 || py >= 300)
        continue;
      g_assert_cmpint (cells[i].klass, >=, 0);
      assert_rgba (s, (int) px, (int) py, ga_style_get_class (style, cells[i].klass)->color, 1);
    }
  /* each sum in its own class */
  for (guint i = 0; i < n_cells; i++)
    g_assert_cmpint (cells[i].klass, ==, cells[i].value > 8 ? 1 : 0);
}

/* ---- casing ---- */

static void
test_casing (void)
{
  GaRenderView view;
  g_autoptr(GaLayer) layer = new_layer ("lines", "route", "v");
  g_autoptr(GaStyle) style = new_style (GA_STYLE_SINGLE, NULL);
  g_autoptr(cairo_surface_t) s = NULL;
  const char *values[] = { "A", "1" };
  GaRgba casing = GA_RGBA (0x10, 0x20, 0x60, 0xff);

  init_view (&view, 200, 100);
  ga_layer_begin_feature (layer, GA_GEOM_LINE);
  ga_layer_begin_part (layer);
  for (int x = 10; x <= 190; x += 90)
    {
      double mx, my;

      ga_render_view_from_pixel (&view, x, 50, &mx, &my);
      ga_layer_add_coord (layer, mx, my);
    }
  ga_layer_end_feature (layer, values);
  ga_layer_seal (layer);

  ga_style_set_stroke (style, RED);
  ga_style_set_stroke_width (style, 4.0);
  ga_style_set_casing (style, casing, 3.0);
  ga_style_prepare (style, layer);

  s = render (layer, style, &view, TRUE);
  assert_rgba (s, 100, 50, RED, 1);
  assert_rgba (s, 100, 53, casing, 1);   /* 2 px of line, then 3 px of casing */
  assert_rgba (s, 100, 46, casing, 1);
  assert_rgba (s, 100, 57, GA_RGBA (255, 255, 255, 255), 1);
}

/* Stops coloured by their line: white fill, the line colour as the ring. */
static void
test_stops_ring (void)
{
  GaRenderView view;
  g_autoptr(GaLayer) layer = new_layer ("transit_stations", "station", "colour");
  g_autoptr(GaStyle) style = NULL;
  g_autoptr(cairo_surface_t) s = NULL;

  init_view (&view, 100, 60);
  add_point (layer, &view, 30.5, 30.5, "Siam", "#00883A");
  add_point (layer, &view, 70.5, 30.5, "Sukhumvit", "1e4d9c");
  ga_layer_seal (layer);
  style = ga_style_new_for_layer (layer);
  g_assert_cmpint (ga_style_get_theme (style), ==, GA_THEME_TRANSIT_STOPS);
  ga_style_prepare (style, layer);

  s = render (layer, style, &view, FALSE);
  assert_rgba (s, 30, 30, GA_RGBA (255, 255, 255, 255), 2);   /* centre: white */
  assert_rgba (s, 70, 30, GA_RGBA (255, 255, 255, 255), 2);
  /* the ring, 5 px out (radius 5, 2 px wide): each stop in its line's colour */
  assert_rgba (s, 35, 30, GA_RGBA (0x00, 0x88, 0x3a, 0xff), 8);
  assert_rgba (s, 75, 30, GA_RGBA (0x1e, 0x4d, 0x9c, 0xff), 8);
}

/* ---- labels ---- */

static void
test_labels_thai (void)
{
  GaRenderView view;
  g_autoptr(GaLayer) layer = new_layer ("parks", "name", "v");
  g_autoptr(GaStyle) style = new_style (GA_STYLE_SINGLE, NULL);
  g_autoptr(GaLabeler) labeler = ga_labeler_new ();
  g_autoptr(cairo_surface_t) s = NULL;
  const char *thai = "สวนลุมพินี";
  double box[4], k = 256.0 * exp2 (ZOOM) / (2.0 * HALF), ox, oy;
  int dark_in = 0, dark_out = 0;

  init_view (&view, 400, 200);
  add_square (layer, &view, 50, 20, 350, 180, thai, "1");
  ga_layer_seal (layer);
  ga_style_set_fill (style, GA_RGBA (255, 255, 255, 255));
  ga_style_set_label (style, "name", 12.0, GA_RGBA (0, 0, 0, 255), GA_RGBA (255, 255, 255, 255),
                      0.0);
  ga_style_prepare (style, layer);

  s = render (layer, style, &view, TRUE);
  ga_thematic_add_labels (labeler, layer, style);
  g_assert_true (ga_labeler_get_placed_box (labeler, ZOOM, thai, box));
  ox = (CX + HALF) * k - 200.0;
  oy = (HALF - CY) * k - 100.0;
  for (int y = 0; y < 200; y++)
    for (int x = 0; x < 400; x++)
      {
        Pixel p = get_pixel (s, x, y);
        gboolean in = x + ox >= box[0] && x + ox < box[0] + box[2] &&
                      y + oy >= box[1] && y + oy < box[1] + box[3];

        if (p.r < 100)
          {
            if (in)
              dark_in++;
            else
              dark_out++;
          }
      }
  /* the Thai text drew ink in its box and nowhere else; shaped by HarfBuzz it is narrower
   * than 10 separate boxes of 16 px */
  g_assert_cmpint (dark_in, >, 60);
  g_assert_cmpint (dark_out, ==, 0);
  g_assert_cmpfloat (box[2], <, 160.0);
  g_assert_cmpfloat (box[2], >, 40.0);
}

static void
test_labels_no_overlap (void)
{
  GaRenderView view;
  g_autoptr(GaLayer) layer = new_layer ("stops", "name", "v");
  g_autoptr(GaStyle) style = new_style (GA_STYLE_SINGLE, NULL);
  g_autoptr(GaLabeler) labeler = ga_labeler_new ();
  GPtrArray *boxes = g_ptr_array_new_with_free_func (g_free);
  guint placed = 0;

  init_view (&view, 400, 200);
  for (int i = 0; i < 20; i++)
    {
      g_autofree char *name = g_strdup_printf ("สถานี %d", i);

      add_point (layer, &view, 100 + 9 * i, 100 + (i % 3) * 6, name, "1");
    }
  ga_layer_seal (layer);
  ga_style_set_label (style, "name", 11.0, GA_RGBA (0, 0, 0, 255), GA_RGBA (255, 255, 255, 255),
                      0.0);
  ga_style_prepare (style, layer);
  ga_thematic_add_labels (labeler, layer, style);

  for (int i = 0; i < 20; i++)
    {
      g_autofree char *name = g_strdup_printf ("สถานี %d", i);
      double *box = g_new (double, 4);

      if (ga_labeler_get_placed_box (labeler, ZOOM, name, box))
        {
          for (guint j = 0; j < boxes->len; j++)
            {
              const double *o = g_ptr_array_index (boxes, j);

              g_assert_false (box[0] < o[0] + o[2] && o[0] < box[0] + box[2] &&
                              box[1] < o[1] + o[3] && o[1] < box[1] + box[3]);
            }
          g_ptr_array_add (boxes, box);
          placed++;
        }
      else
        {
          g_free (box);
        }
    }
  g_assert_cmpuint (placed, >=, 2);
  g_assert_cmpuint (placed, <, 20);
  g_assert_cmpuint (ga_labeler_get_n_placed (labeler, ZOOM), ==, placed);
  g_ptr_array_unref (boxes);
}

/* A style change (a new snapshot) places labels anew; the filter hides labels too. */
static void
test_labels_follow_style (void)
{
  GaRenderView view;
  g_autoptr(GaLayer) layer = new_layer ("parks", "name", "v");
  g_autoptr(GaStyle) style = new_style (GA_STYLE_SINGLE, NULL);
  g_autoptr(GaStyle) filtered = NULL;
  g_autoptr(cairo_surface_t) a = NULL;
  g_autoptr(cairo_surface_t) b = NULL;
  g_autoptr(GError) error = NULL;
  int dark_a = 0, dark_b = 0;

  init_view (&view, 400, 200);
  add_square (layer, &view, 50, 20, 350, 180, "Lumphini", "1");
  ga_layer_seal (layer);
  ga_style_set_fill (style, GA_RGBA (255, 255, 255, 255));
  ga_style_set_label (style, "name", 12.0, GA_RGBA (0, 0, 0, 255), 0, 0.0);
  ga_style_prepare (style, layer);
  a = render (layer, style, &view, TRUE);

  filtered = ga_style_copy (style);
  g_assert_true (ga_style_set_filter (filtered, "v > 5", &error));
  ga_style_prepare (filtered, layer);
  b = render (layer, filtered, &view, TRUE);
  for (int y = 0; y < 200; y++)
    for (int x = 0; x < 400; x++)
      {
        dark_a += get_pixel (a, x, y).r < 100;
        dark_b += get_pixel (b, x, y).r < 100;
      }
  g_assert_cmpint (dark_a, >, 30);
  g_assert_cmpint (dark_b, ==, 0);
}

/* A labelled snapshot is freed once its renders are done (its cached labeler must not hold
 * it: every style edit would leak one) */
static void
test_labels_snapshot_freed (void)
{
  GaRenderView view;
  g_autoptr(GaLayer) layer = new_layer ("parks", "name", "v");
  GaStyle *style = new_style (GA_STYLE_SINGLE, NULL);
  cairo_surface_t *tile;

  init_view (&view, 400, 200);
  add_square (layer, &view, 50, 20, 350, 180, "Lumphini", "1");
  ga_layer_seal (layer);
  ga_style_set_label (style, "name", 12.0, GA_RGBA (0, 0, 0, 255), 0, 0.0);
  ga_style_prepare (style, layer);
  tile = ga_thematic_render_tile (layer, style, (int) ZOOM, 0, 0, 256, NULL);
  g_assert_nonnull (tile);
  cairo_surface_destroy (tile);
  cairo_surface_destroy (render (layer, style, &view, TRUE));

  g_object_add_weak_pointer (G_OBJECT (style), (gpointer *) &style);
  g_object_unref (style);
  g_assert_null (style);
}

/* ---- the screen's label tiles: one labeler for all layers ---- */

static void
count_colors (cairo_surface_t *s,
              int             *red,
              int             *blue)
{
  int w = cairo_image_surface_get_width (s), h = cairo_image_surface_get_height (s);

  *red = *blue = 0;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        Pixel p = get_pixel (s, x, y);

        if (p.a < 128)
          continue;
        if (p.r > 150 && p.b < 100)
          (*red)++;
        else if (p.b > 150 && p.r < 100)
          (*blue)++;
      }
}

/* The XYZ tile at ZOOM holding the centre, and a view of it and its right neighbour. */
static void
centre_tile (int          *tx,
             int          *ty,
             GaRenderView *pair)
{
  double k = 256.0 * exp2 (ZOOM) / (2.0 * HALF);

  *tx = (int) floor ((CX + HALF) * k / 256.0);
  *ty = (int) floor ((HALF - CY) * k / 256.0);
  init_view_at (pair, *tx * 256.0, *ty * 256.0, 512, 256);
}

static GaLayer *
square_layer (const char         *name,
              const GaRenderView *view,
              double              x0,
              double              x1,
              const char         *label)
{
  GaLayer *layer = new_layer (name, "name", "v");

  add_square (layer, view, x0, 40, x1, 216, label, "1");
  ga_layer_seal (layer);
  return layer;
}

static GaStyle *
label_style (GaLayer *layer,
             GaRgba   color)
{
  GaStyle *style = new_style (GA_STYLE_SINGLE, NULL);

  ga_style_set_fill (style, GA_RGBA (255, 255, 255, 255));
  ga_style_set_label (style, "name", 14.0, color, 0, 0.0);
  ga_style_prepare (style, layer);
  return style;
}

/* Two layers label the same place: the one label tile draws only the top layer's label,
 * and layer tiles drawn without labels have none. */
static void
test_label_tile_collide (void)
{
  GaRenderView pair;
  int tx, ty, red, blue;
  g_autoptr(GaLayer) top = NULL;
  g_autoptr(GaLayer) bottom = NULL;
  g_autoptr(GaStyle) top_style = NULL;
  g_autoptr(GaStyle) bottom_style = NULL;
  g_autoptr(cairo_surface_t) both = NULL;
  g_autoptr(cairo_surface_t) only_bottom = NULL;
  g_autoptr(cairo_surface_t) with = NULL;
  g_autoptr(cairo_surface_t) without = NULL;
  GaLayer *layers[2];
  GaStyle *styles[2];

  centre_tile (&tx, &ty, &pair);
  top = square_layer ("districts", &pair, 40, 216, "Bang Rak District");
  bottom = square_layer ("parks", &pair, 40, 216, "Lumphini Park Area");
  top_style = label_style (top, GA_RGBA (230, 0, 0, 255));
  bottom_style = label_style (bottom, GA_RGBA (0, 0, 230, 255));
  layers[0] = top;
  layers[1] = bottom;
  styles[0] = top_style;
  styles[1] = bottom_style;

  both = ga_thematic_render_label_tile (layers, styles, 2, (int) ZOOM, tx, ty, 256, NULL);
  g_assert_nonnull (both);
  count_colors (both, &red, &blue);
  g_test_message ("both layers: red %d blue %d", red, blue);
  g_assert_cmpint (red, >, 30);
  g_assert_cmpint (blue, ==, 0);

  /* alone, the bottom layer's label is there: the collision is what removed it */
  only_bottom = ga_thematic_render_label_tile (layers + 1, styles + 1, 1, (int) ZOOM, tx, ty,
                                               256, NULL);
  count_colors (only_bottom, &red, &blue);
  g_assert_cmpint (red, ==, 0);
  g_assert_cmpint (blue, >, 30);

  /* layer tiles: with labels as before, without for the screen's overlays */
  with = ga_thematic_render_tile_full (top, top_style, (int) ZOOM, tx, ty, 256, TRUE, NULL);
  without = ga_thematic_render_tile_full (top, top_style, (int) ZOOM, tx, ty, 256, FALSE, NULL);
  count_colors (with, &red, &blue);
  g_assert_cmpint (red, >, 30);
  count_colors (without, &red, &blue);
  g_assert_cmpint (red, ==, 0);
  assert_rgba (without, 128, 128, GA_RGBA (255, 255, 255, 255), 0);

  /* no layers: a transparent tile */
  g_clear_pointer (&both, cairo_surface_destroy);
  both = ga_thematic_render_label_tile (NULL, NULL, 0, (int) ZOOM, tx, ty, 256, NULL);
  g_assert_nonnull (both);
  assert_rgba (both, 128, 128, 0, 0);
}

/* A label crossing the edge of two tiles is drawn half in each, and the halves put side by
 * side are exactly the label drawn in one piece. */
static void
test_label_tile_edge (void)
{
  GaRenderView pair;
  int tx, ty, red, blue, ink_left = 0, ink_right = 0;
  g_autoptr(GaLayer) a = NULL;
  g_autoptr(GaLayer) b = NULL;
  g_autoptr(GaStyle) sa = NULL;
  g_autoptr(GaStyle) sb = NULL;
  g_autoptr(cairo_surface_t) left = NULL;
  g_autoptr(cairo_surface_t) right = NULL;
  g_autoptr(cairo_surface_t) whole = NULL;
  g_autoptr(cairo_surface_t) joined = NULL;
  g_autoptr(GaLabeler) labeler = ga_labeler_new ();
  cairo_t *cr;
  GaLayer *layers[2];
  GaStyle *styles[2];

  centre_tile (&tx, &ty, &pair);
  /* centred on the edge x = 256 */
  a = square_layer ("districts", &pair, 136, 376, "Pathum Wan District");
  /* a second layer elsewhere, so the set really has two layers */
  b = square_layer ("parks", &pair, 420, 500, "P");
  sa = label_style (a, GA_RGBA (230, 0, 0, 255));
  sb = label_style (b, GA_RGBA (0, 0, 230, 255));
  layers[0] = a;
  layers[1] = b;
  styles[0] = sa;
  styles[1] = sb;

  left = ga_thematic_render_label_tile (layers, styles, 2, (int) ZOOM, tx, ty, 256, NULL);
  right = ga_thematic_render_label_tile (layers, styles, 2, (int) ZOOM, tx + 1, ty, 256, NULL);
  g_assert_nonnull (left);
  g_assert_nonnull (right);
  count_colors (right, &red, &blue);
  g_assert_cmpint (blue, >, 5);

  joined = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 512, 256);
  cr = cairo_create (joined);
  cairo_set_source_surface (cr, left, 0, 0);
  cairo_paint (cr);
  cairo_set_source_surface (cr, right, 256, 0);
  cairo_paint (cr);
  cairo_destroy (cr);

  whole = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 512, 256);
  cr = cairo_create (whole);
  ga_thematic_add_labels (labeler, a, sa);
  ga_thematic_add_labels (labeler, b, sb);
  g_assert_true (ga_labeler_draw (labeler, cr, &pair, NULL));
  cairo_destroy (cr);

  for (int y = 0; y < 256; y++)
    {
      Pixel l = get_pixel (joined, 255, y), r = get_pixel (joined, 256, y);

      ink_left += l.a > 0 && l.r > 100;
      ink_right += r.a > 0 && r.r > 100;
      for (int x = 0; x < 512; x++)
        {
          Pixel p = get_pixel (whole, x, y);

          assert_rgba (joined, x, y, GA_RGBA (p.r, p.g, p.b, p.a), 1);
        }
    }
  /* the label really crosses the edge */
  g_assert_cmpint (ink_left, >, 0);
  g_assert_cmpint (ink_right, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/thematic/categorized", test_categorized);
  g_test_add_func ("/thematic/graduated", test_graduated);
  g_test_add_func ("/thematic/filter", test_filter);
  g_test_add_func ("/thematic/proportional", test_proportional);
  g_test_add_func ("/thematic/heatmap/peak", test_heatmap_peak);
  g_test_add_func ("/thematic/heatmap/view-independent", test_heatmap_view_independent);
  g_test_add_func ("/thematic/heatmap/legend-matches", test_heatmap_legend_matches);
  g_test_add_func ("/thematic/grid", test_grid);
  g_test_add_func ("/thematic/casing", test_casing);
  g_test_add_func ("/thematic/stops-ring", test_stops_ring);
  g_test_add_func ("/thematic/labels/thai", test_labels_thai);
  g_test_add_func ("/thematic/labels/no-overlap", test_labels_no_overlap);
  g_test_add_func ("/thematic/labels/follow-style", test_labels_follow_style);
  g_test_add_func ("/thematic/labels/snapshot-freed", test_labels_snapshot_freed);
  g_test_add_func ("/thematic/labels/tile-collide", test_label_tile_collide);
  g_test_add_func ("/thematic/labels/tile-edge", test_label_tile_edge);

  return g_test_run ();
}
