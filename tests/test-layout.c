/* test-layout.c — a layout page: title, map clipped to its frame, legend, scale bar, arrow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ga-layout-private.h"
#include "ga-layout.h"
#include "ga-style.h"

/* Bangkok, in Web Mercator metres */
#define CX 11188000.0
#define CY 1546000.0

#define FILL_R 0x2e
#define FILL_G 0x7d
#define FILL_B 0x32
#define CLASS2 GA_RGBA (0xd9, 0x5f, 0x02, 0xff)

typedef struct
{
  int r, g, b, a;
} Pixel;

static Pixel
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  const unsigned char *data = cairo_image_surface_get_data (surface);
  guint32 v = *(const guint32 *) (const void *) (data + y * cairo_image_surface_get_stride (surface)
                                                 + x * 4);
  Pixel p = { (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff, v >> 24 };

  return p;
}

static gboolean
is_dark (Pixel p)
{
  return p.r < 90 && p.g < 90 && p.b < 90;
}

static gboolean
is_rgb (Pixel p,
        int   r,
        int   g,
        int   b,
        int   tolerance)
{
  return ABS (p.r - r) <= tolerance && ABS (p.g - g) <= tolerance && ABS (p.b - b) <= tolerance;
}

static void
assert_white (cairo_surface_t *surface,
              int              x,
              int              y)
{
  Pixel p = pixel (surface, x, y);

  if (!is_rgb (p, 255, 255, 255, 0))
    g_error ("pixel (%d,%d) is rgb(%d,%d,%d), expected white", x, y, p.r, p.g, p.b);
}

/* A square of @half metres around (CX, CY), with one field "kind" = @kind. */
static GaLayer *
square_layer (const char *name,
              double      half,
              const char *kind)
{
  GaLayer *layer = ga_layer_new (name);
  const char *fields[] = { "kind", NULL };
  const char *row[] = { kind };
  double xy[] = { -1, -1, 1, -1, 1, 1, -1, 1, -1, -1 };

  ga_layer_set_fields (layer, fields);
  ga_layer_begin_feature (layer, GA_GEOM_POLYGON);
  ga_layer_begin_part (layer);
  for (guint i = 0; i < G_N_ELEMENTS (xy) / 2; i++)
    ga_layer_add_coord (layer, CX + half * xy[2 * i], CY + half * xy[2 * i + 1]);
  ga_layer_end_feature (layer, row);
  ga_layer_seal (layer);
  return layer;
}

static GaStyle *
single_fill (void)
{
  GaStyle *style = ga_style_new ();

  ga_style_set_kind (style, GA_STYLE_SINGLE);
  ga_style_set_fill (style, GA_RGBA (FILL_R, FILL_G, FILL_B, 0xff));
  ga_style_set_stroke_width (style, 0.0);
  ga_style_set_opacity (style, 1.0);
  return style;
}

static GaStyle *
two_classes (void)
{
  GaStyle *style = ga_style_new ();
  GaStyleClass classes[2];

  memset (classes, 0, sizeof classes);
  ga_style_set_kind (style, GA_STYLE_CATEGORIZED);
  ga_style_set_field (style, "kind");
  classes[0].value = (char *) "park";
  classes[0].color = GA_RGBA (FILL_R, FILL_G, FILL_B, 0xff);
  classes[1].value = (char *) "lake";
  classes[1].color = CLASS2;
  ga_style_set_classes (style, classes, 2);
  return style;
}

/* A page of a 2 x 1.5 km area inside a 40 km square of one colour. */
static GaLayoutPage *
test_page (GaStyle *style)
{
  GaLayoutPage *page = ga_layout_page_new ();
  GaLayer *layer = square_layer ("Parks", 20000.0, "park");

  ga_style_prepare (style, layer);
  g_ptr_array_add (page->layers, layer);
  g_ptr_array_add (page->styles, style);
  page->extent.min_x = CX - 1000.0;
  page->extent.max_x = CX + 1000.0;
  page->extent.min_y = CY - 750.0;
  page->extent.max_y = CY + 750.0;
  page->title = g_strdup ("Green Atlas แผนที่");
  page->subtitle = g_strdup ("Subtitle");
  page->caption = g_strdup ("A caption under the title");
  page->attribution = g_strdup ("© Test tiles");
  page->date = g_date_time_new_utc (2026, 11, 27, 10, 0, 0);
  return page;
}

static cairo_surface_t *
draw_page (const GaLayoutPage *page,
           int                 width,
           int                 height,
           double              scale)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  g_assert_true (ga_layout_draw (cr, page, width, height, scale, NULL, NULL));
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* ---- tests ---- */

static void
test_presets (void)
{
  static const struct { const char *name; GaLayoutPreset preset; double w, h; } cases[] = {
    { "slide", GA_LAYOUT_SLIDE, 960, 540 },
    { "a4", GA_LAYOUT_A4, 842, 595 },
    { "A3", GA_LAYOUT_A3, 1191, 842 },
    { "a0", GA_LAYOUT_A0, 3370, 2384 },
  };
  GaLayoutPreset preset;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double w, h;

      g_assert_true (ga_layout_preset_from_string (cases[i].name, &preset));
      g_assert_cmpint (preset, ==, cases[i].preset);
      {
        g_autofree char *lower = g_ascii_strdown (cases[i].name, -1);

        g_assert_cmpstr (ga_layout_preset_to_string (preset), ==, lower);
      }
      g_assert_nonnull (ga_layout_preset_get_label (preset));
      ga_layout_preset_get_size (preset, FALSE, &w, &h);
      g_assert_cmpfloat (w, ==, cases[i].w);
      g_assert_cmpfloat (h, ==, cases[i].h);
      ga_layout_preset_get_size (preset, TRUE, &w, &h);
      g_assert_cmpfloat (w, ==, cases[i].h);
      g_assert_cmpfloat (h, ==, cases[i].w);
    }
  g_assert_false (ga_layout_preset_from_string ("letter", &preset));
  g_assert_false (ga_layout_preset_from_string (NULL, &preset));
}

static void
test_scale_bar_length (void)
{
  double metres, width;
  g_autofree char *km = NULL;
  g_autofree char *m = NULL;

  /* 10 Mercator m/px at 13.75° N: cos 13.75° = 0.9713421, so 9.713421 ground m/px; 150 px
   * hold 1457 m, the round length is 1000 m, drawn 1000 / 9.713421 = 102.95 px long */
  width = ga_layout_scale_bar_length (10.0, 13.75, 150.0, &metres);
  g_assert_cmpfloat_with_epsilon (metres, 1000.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (width, 102.9503, 1e-3);

  /* 2.5 m/px at the equator, 100 px = 250 m → 200 m in 80 px */
  width = ga_layout_scale_bar_length (2.5, 0.0, 100.0, &metres);
  g_assert_cmpfloat_with_epsilon (metres, 200.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (width, 80.0, 1e-9);

  /* 600 m at 60° N is 300 ground metres: 180 px = 54 km → 50 km in 166.67 px */
  width = ga_layout_scale_bar_length (600.0, 60.0, 180.0, &metres);
  g_assert_cmpfloat_with_epsilon (metres, 50000.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (width, 50000.0 / 300.0, 1e-6);

  /* exactly a round number fits */
  width = ga_layout_scale_bar_length (1.0, 0.0, 500.0, &metres);
  g_assert_cmpfloat_with_epsilon (metres, 500.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (width, 500.0, 1e-9);

  g_assert_cmpfloat (ga_layout_scale_bar_length (0.0, 10.0, 100.0, &metres), ==, 0.0);
  g_assert_cmpfloat (metres, ==, 0.0);

  km = ga_layout_format_distance (2000.0);
  m = ga_layout_format_distance (500.0);
  g_assert_cmpstr (km, ==, "2 km");
  g_assert_cmpstr (m, ==, "500 m");
}

static void
test_date (void)
{
  g_autoptr(GDateTime) date = g_date_time_new_utc (2026, 11, 27, 10, 0, 0);
  g_autoptr(GDateTime) jan = g_date_time_new_utc (2025, 1, 3, 10, 0, 0);
  g_autofree char *gregorian = ga_layout_format_date_era (date, FALSE);
  g_autofree char *buddhist = ga_layout_format_date_era (date, TRUE);
  g_autofree char *buddhist_jan = ga_layout_format_date_era (jan, TRUE);
  g_autofree char *plain = ga_layout_format_date (date);

  g_assert_cmpstr (gregorian, ==, "27 November 2026");
  g_assert_nonnull (strstr (buddhist, "2569"));
  g_assert_null (strstr (buddhist, "2026"));
  g_assert_true (g_str_has_prefix (buddhist, "27 "));
  g_assert_nonnull (strstr (buddhist_jan, "2568"));
  /* the tests run in English (LC_ALL=C.UTF-8): the Gregorian calendar */
  g_assert_cmpstr (plain, ==, "27 November 2026");
}

static void
test_page_pixels (void)
{
  g_autoptr(GaLayoutPage) page = test_page (two_classes ());
  cairo_surface_t *png;
  GaLayoutGeometry g;
  GaRenderView view;
  GaExtent shown;
  const int W = 1123, H = 794;
  int dark = 0, x, y, fx0, fy0, fx1, fy1, cx, cy;
  int first_class = -1, second_class = -1;
  double mx, my;

  ga_layout_get_geometry (page, W, H, 1.0, &g, &view);
  png = draw_page (page, W, H, 1.0);

  /* the map view matches the frame, and shows the whole extent */
  ga_layout_get_map_view (page, W, H, 1.0, &view, &mx, &my);
  g_assert_cmpfloat (mx, ==, g.frame[0]);
  g_assert_cmpfloat (my, ==, g.frame[1]);
  g_assert_cmpfloat_with_epsilon (view.width * g.map_scale, g.frame[2], 1e-6);
  ga_render_view_get_extent (&view, &shown);
  g_assert_cmpfloat (shown.min_x, <=, page->extent.min_x + 1e-6);
  g_assert_cmpfloat (shown.max_x, >=, page->extent.max_x - 1e-6);
  g_assert_cmpfloat (shown.min_y, <=, page->extent.min_y + 1e-6);
  g_assert_cmpfloat (shown.max_y, >=, page->extent.max_y - 1e-6);

  fx0 = (int) ceil (g.frame[0]);
  fy0 = (int) ceil (g.frame[1]);
  fx1 = (int) floor (g.frame[0] + g.frame[2]);
  fy1 = (int) floor (g.frame[1] + g.frame[3]);
  g_assert_cmpint (fx0, >, 5);
  g_assert_cmpint (fy0, >, 40);   /* below the title band */
  g_assert_cmpint (fy1, <, H - 10);

  /* the title is drawn in its band, above the frame */
  g_assert_cmpfloat (g.title[3], >, 20.0);
  g_assert_cmpfloat (g.title[1] + g.title[3], <=, g.frame[1]);
  for (y = (int) g.title[1]; y < (int) (g.title[1] + g.title[3]); y++)
    for (x = (int) g.title[0]; x < (int) (g.title[0] + g.title[2]); x++)
      if (is_dark (pixel (png, x, y)))
        dark++;
  g_assert_cmpint (dark, >, 300);

  /* the layer fills the frame (it is 20 times larger than the extent) and nothing outside:
   * the page margins around the frame stay white */
  cx = (fx0 + fx1) / 2;
  cy = (fy0 + fy1) / 2;
  g_assert_true (is_rgb (pixel (png, cx, cy), FILL_R, FILL_G, FILL_B, 1));
  g_assert_true (is_rgb (pixel (png, cx, fy0 + 3), FILL_R, FILL_G, FILL_B, 1));
  assert_white (png, fx0 / 2, cy);
  assert_white (png, (fx1 + W) / 2, cy);
  assert_white (png, cx, fy0 - 3);
  assert_white (png, cx + 40, fy1 + 3);

  /* the legend: two swatches in the classes' colours, in their order, bottom left */
  g_assert_cmpfloat (g.legend[2], >, 20.0);
  g_assert_cmpfloat (g.legend[0], >, g.frame[0]);
  g_assert_cmpfloat (g.legend[1] + g.legend[3], <, g.frame[1] + g.frame[3]);
  g_assert_cmpfloat (g.legend[0] + g.legend[2] / 2, <, cx);
  x = (int) (g.legend[0] + (10.0 + 11.0) * g.legend_scale);  /* swatch centre: pad + w / 2 */
  for (y = (int) g.legend[1]; y < (int) (g.legend[1] + g.legend[3]); y++)
    {
      Pixel p = pixel (png, x, y);

      if (first_class < 0 && is_rgb (p, FILL_R, FILL_G, FILL_B, 1))
        first_class = y;
      if (second_class < 0 && is_rgb (p, 0xd9, 0x5f, 0x02, 1))
        second_class = y;
    }
  g_assert_cmpint (first_class, >, 0);
  g_assert_cmpint (second_class, >, first_class);

  /* the scale bar, bottom right: its longest dark row is a round ground length at the
   * map's resolution (metres per pixel × cos latitude) */
  g_assert_cmpfloat (g.scale_bar[2], >, 20.0);
  g_assert_cmpfloat (g.scale_bar[0], >, cx);
  g_assert_cmpfloat (g.scale_bar[1], >, cy);
  {
    int longest = 0;
    double mpp = ga_render_view_get_resolution (&view) / g.map_scale;
    double lat = atan (sinh (view.center_y / (GA_MERCATOR_HALF_WORLD / G_PI))) * 180.0 / G_PI;
    double metres, mantissa, expected;

    for (y = (int) g.scale_bar[1]; y < (int) (g.scale_bar[1] + g.scale_bar[3]); y++)
      {
        int run = 0;

        for (x = (int) g.scale_bar[0]; x < (int) (g.scale_bar[0] + g.scale_bar[2]); x++)
          {
            run = is_dark (pixel (png, x, y)) ? run + 1 : 0;
            longest = MAX (longest, run);
          }
      }
    g_assert_cmpfloat (lat, >, 13.0);
    g_assert_cmpfloat (lat, <, 14.5);
    metres = longest * mpp * cos (lat * G_PI / 180.0);
    mantissa = metres / pow (10.0, floor (log10 (metres) + 0.01));
    g_test_message ("scale bar: %d px = %.1f m", longest, metres);
    g_assert_true (fabs (mantissa - 1.0) < 0.03 || fabs (mantissa - 2.0) < 0.06 ||
                   fabs (mantissa - 5.0) < 0.15);
    /* and it is the length ga_layout_scale_bar_length() gives for that round number */
    expected = pow (10.0, floor (log10 (metres) + 0.01)) * round (mantissa)
               / (mpp * cos (lat * G_PI / 180.0));
    g_assert_cmpfloat (fabs (longest - expected), <=, 2.0);
  }

  /* the north arrow, top right inside the frame: a two-tone needle (dark west half) */
  g_assert_cmpfloat (g.north_arrow[2], >, 20.0);
  g_assert_cmpfloat_with_epsilon (g.north_arrow[0] + g.north_arrow[2],
                                  g.frame[0] + g.frame[2] - 10.0 * g.unit, 1e-6);
  g_assert_cmpfloat (g.north_arrow[1], <, cy);
  {
    /* rows between the tip (0.42 of the box) and the notch (0.75): the needle's halves
     * reach half · (y − tip) / (base − tip) each side; the west one is dark, the east white */
    double ax = g.north_arrow[0] + g.north_arrow[2] / 2.0;
    double size = g.north_arrow[2], half = size * 0.15;
    int dark_west = 0, white_east = 0, rows = 0;

    for (y = (int) (g.north_arrow[1] + size * 0.64); y < (int) (g.north_arrow[1] + size * 0.74);
         y++, rows++)
      {
        double rel = (y + 0.5 - g.north_arrow[1]) / size;
        double reach = half * (rel - 0.42) / (0.86 - 0.42);

        dark_west += is_dark (pixel (png, (int) floor (ax - reach / 2.0), y));
        white_east += is_rgb (pixel (png, (int) floor (ax + reach / 2.0), y), 255, 255, 255, 60);
      }
    g_assert_cmpint (rows, >=, 3);
    g_assert_cmpint (dark_west, ==, rows);
    g_assert_cmpint (white_east, ==, rows);
  }

  /* the footer: attribution left, date right, under the frame */
  g_assert_cmpfloat (g.footer[1], >, g.frame[1] + g.frame[3]);
  dark = 0;
  for (y = (int) g.footer[1]; y < (int) (g.footer[1] + g.footer[3]); y++)
    for (x = W - 120; x < W - 10; x++)
      if (!is_rgb (pixel (png, x, y), 255, 255, 255, 60))
        dark++;
  g_assert_cmpint (dark, >, 20);

  cairo_surface_destroy (png);
}

static void
test_page_scale (void)
{
  g_autoptr(GaLayoutPage) page = test_page (single_fill ());
  GaLayoutGeometry small, large;

  /* 300 dpi: the same page, everything 300/96 times larger */
  ga_layout_get_geometry (page, 1123, 794, 1.0, &small, NULL);
  ga_layout_get_geometry (page, 1123 * 3.125, 794 * 3.125, 3.125, &large, NULL);
  g_assert_cmpfloat_with_epsilon (large.unit, small.unit * 3.125, 1e-3);
  g_assert_cmpfloat_with_epsilon (large.frame[1], small.frame[1] * 3.125, 3.0);
  g_assert_cmpfloat_with_epsilon (large.legend[3], small.legend[3] * 3.125, 6.0);

  /* no title, no legend, no furniture: the frame takes the page */
  g_clear_pointer (&page->title, g_free);
  g_clear_pointer (&page->subtitle, g_free);
  g_clear_pointer (&page->caption, g_free);
  page->legend = page->scale_bar = page->north_arrow = FALSE;
  ga_layout_get_geometry (page, 1123, 794, 1.0, &small, NULL);
  g_assert_cmpfloat (small.title[3], ==, 0.0);
  g_assert_cmpfloat (small.legend[2], ==, 0.0);
  g_assert_cmpfloat (small.scale_bar[2], ==, 0.0);
  g_assert_cmpfloat (small.north_arrow[2], ==, 0.0);
  g_assert_cmpfloat (small.frame[1], ==, small.frame[0]);
}

static void
test_thai_text (void)
{
  g_autoptr(GaLayoutPage) page = test_page (single_fill ());
  cairo_surface_t *png;
  GaLayoutGeometry g;
  int dark = 0;

  /* a Thai title alone still gives a title band with ink */
  g_free (page->title);
  page->title = g_strdup ("พื้นที่สีเขียว กรุงเทพมหานคร");
  ga_layout_get_geometry (page, 960, 540, 1.0, &g, NULL);
  png = draw_page (page, 960, 540, 1.0);
  for (int y = (int) g.title[1]; y < (int) (g.title[1] + g.title[3]); y++)
    for (int x = (int) g.title[0]; x < (int) (g.title[0] + g.title[2]); x++)
      if (is_dark (pixel (png, x, y)))
        dark++;
  g_assert_cmpint (dark, >, 300);
  cairo_surface_destroy (png);
}

static void
test_cancelled (void)
{
  g_autoptr(GaLayoutPage) page = test_page (single_fill ());
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 200, 100);
  cairo_t *cr = cairo_create (surface);

  g_cancellable_cancel (cancellable);
  g_assert_false (ga_layout_draw (cr, page, 200, 100, 1.0, NULL, cancellable));
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_page_copy (void)
{
  g_autoptr(GaLayoutPage) page = test_page (single_fill ());
  g_autoptr(GaLayoutPage) copy = NULL;
  const char *sources[] = { "Parks: parks.shp", NULL };

  page->sources = g_strdupv ((char **) sources);
  copy = ga_layout_page_copy (page);
  g_assert_true (copy->layers->pdata[0] == page->layers->pdata[0]);
  g_assert_true (copy->styles->pdata[0] == page->styles->pdata[0]);
  g_assert_cmpstr (copy->title, ==, page->title);
  g_assert_true (copy->title != page->title);
  g_assert_cmpstr (copy->sources[0], ==, "Parks: parks.shp");
  g_assert_true (g_date_time_equal (copy->date, page->date));
  g_assert_cmpfloat (copy->extent.min_x, ==, page->extent.min_x);
}

static void
test_mercator (void)
{
  double x, y;

  /* EPSG:3857 of 100.5° E, 13.75° N (cs2cs: 11187608.82, 1545550.20) */
  ga_layout_lonlat_to_mercator (100.5, 13.75, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 11187608.82, 0.01);
  g_assert_cmpfloat_with_epsilon (y, 1545550.20, 0.01);
  g_assert_cmpfloat_with_epsilon (ga_layout_mercator_to_lat (y), 13.75, 1e-9);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/layout/presets", test_presets);
  g_test_add_func ("/layout/scale-bar-length", test_scale_bar_length);
  g_test_add_func ("/layout/date", test_date);
  g_test_add_func ("/layout/page-pixels", test_page_pixels);
  g_test_add_func ("/layout/page-scale", test_page_scale);
  g_test_add_func ("/layout/thai-text", test_thai_text);
  g_test_add_func ("/layout/cancelled", test_cancelled);
  g_test_add_func ("/layout/page-copy", test_page_copy);
  g_test_add_func ("/layout/mercator", test_mercator);

  return g_test_run ();
}
