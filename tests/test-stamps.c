/* test-stamps.c — stamped point symbols against the same symbols drawn as cairo paths
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ga-renderer-private.h"
#include "ga-style.h"
#include "ga-thematic.h"

#define ZOOM 14.0
/* Bangkok, roughly: 100.54 E, 13.73 N */
#define CX 11192000.0
#define CY 1543000.0
#define WIDTH  320
#define HEIGHT 240

static void
init_view (GaRenderView *view)
{
  view->center_x = CX;
  view->center_y = CY;
  view->zoom = ZOOM;
  view->width = WIDTH;
  view->height = HEIGHT;
}

static void
add_point (GaLayer            *layer,
           const GaRenderView *view,
           double              x,
           double              y,
           const char         *value)
{
  const char *values[] = { value };
  double mx, my;

  ga_render_view_from_pixel (view, x, y, &mx, &my);
  ga_layer_begin_feature (layer, GA_GEOM_POINT);
  ga_layer_begin_part (layer);
  ga_layer_add_coord (layer, mx, my);
  ga_layer_end_feature (layer, values);
}

static cairo_surface_t *
white_image (void)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (s);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_destroy (cr);
  return s;
}

/* The layer drawn into an image (stamped), or into a recording surface (a vector target:
 * paths) that is then played back onto the image. */
static cairo_surface_t *
draw (GaLayer            *layer,
      GaStyle            *style,
      const GaRenderView *view,
      gboolean            as_paths)
{
  cairo_surface_t *image = white_image ();
  cairo_t *cr;

  if (as_paths)
    {
      cairo_rectangle_t extent = { 0, 0, WIDTH, HEIGHT };
      cairo_surface_t *rec = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extent);

      cr = cairo_create (rec);
      /* the stamper refuses a vector target: what is recorded are paths */
      g_assert_null (ga_point_stamper_new (cr, GA_STAMP_PHASES_COARSE));
      g_assert_true (ga_thematic_draw_layer (cr, view, layer, style, 1.0, NULL));
      cairo_destroy (cr);
      cr = cairo_create (image);
      cairo_set_source_surface (cr, rec, 0, 0);
      cairo_paint (cr);
      cairo_destroy (cr);
      cairo_surface_destroy (rec);
    }
  else
    {
      cr = cairo_create (image);
      g_assert_true (ga_thematic_draw_layer (cr, view, layer, style, 1.0, NULL));
      cairo_destroy (cr);
    }
  cairo_surface_flush (image);
  return image;
}

typedef struct
{
  int    max;        /* largest channel difference */
  double mean;       /* mean channel difference over the image */
  guint  n_diff;     /* pixels that differ at all */
  guint  n_large;    /* pixels with a channel more than 64 apart */
  guint  n_drawn;    /* pixels that are not white in @b */
} Diff;

static Diff
compare (cairo_surface_t *a,
         cairo_surface_t *b)
{
  const guint8 *da = cairo_image_surface_get_data (a), *db = cairo_image_surface_get_data (b);
  int stride = cairo_image_surface_get_stride (a);
  Diff d = { 0 };
  double sum = 0;

  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < WIDTH; x++)
      {
        guint32 pa = *(const guint32 *) (const void *) (da + y * stride + 4 * x);
        guint32 pb = *(const guint32 *) (const void *) (db + y * stride + 4 * x);
        int worst = 0;

        for (int c = 0; c < 32; c += 8)
          {
            int ca = (pa >> c) & 0xff, cb = (pb >> c) & 0xff;

            worst = MAX (worst, ABS (ca - cb));
            sum += ABS (ca - cb);
          }
        d.max = MAX (d.max, worst);
        d.n_diff += worst > 0;
        d.n_large += worst > 64;
        d.n_drawn += pb != 0xffffffffu;
      }
  d.mean = sum / (4.0 * WIDTH * HEIGHT);
  return d;
}

/* Proportional circles of many sizes (more sizes than the stamper used to keep), at
 * fractional positions, overlapping: stamped, they are the circles cairo draws as paths
 * but for anti-aliased edge pixels (position within 1/8 px, radius within 1/8 px). */
static void
test_proportional_matches_paths (void)
{
  GaRenderView view;
  g_autoptr (GaLayer) layer = ga_layer_new ("emissions");
  g_autoptr (GaStyle) style = ga_style_new ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (6);
  const char *fields[] = { "tco2e", NULL };
  cairo_surface_t *stamped, *paths;
  Diff d;

  init_view (&view);
  ga_layer_set_fields (layer, fields);
  for (guint i = 0; i < 150; i++)
    {
      char value[32];

      g_snprintf (value, sizeof value, "%.3f", g_rand_double_range (rand, 0.01, 100.0));
      add_point (layer, &view, g_rand_double_range (rand, 10, WIDTH - 10),
                 g_rand_double_range (rand, 10, HEIGHT - 10), value);
    }
  /* one whose radius (40 · √(17.3/100) = 16.637… px) the stamp rounds to 16.75 */
  add_point (layer, &view, 160.37, 120.81, "17.3");
  ga_layer_seal (layer);

  ga_style_set_kind (style, GA_STYLE_PROPORTIONAL);
  ga_style_set_field (style, "tco2e");
  ga_style_classify (style, layer);
  ga_style_set_max_radius (style, 40.0);
  ga_style_set_fill (style, GA_RGBA (0xf0, 0x3b, 0x20, 0xff));
  ga_style_set_stroke (style, GA_RGBA (0xbd, 0x00, 0x26, 0xff));
  ga_style_prepare (style, layer);

  stamped = draw (layer, style, &view, FALSE);
  paths = draw (layer, style, &view, TRUE);
  d = compare (stamped, paths);
  g_test_message ("max %d, mean %.3f, %u differ, %u by more than 64, %u drawn", d.max, d.mean,
                  d.n_diff, d.n_large, d.n_drawn);
  /* the circles cover most of the image */
  g_assert_cmpuint (d.n_drawn, >, WIDTH * HEIGHT / 2);
  /* stamps were used: their rounding moves some edge pixels … */
  g_assert_cmpuint (d.n_diff, >, 0);
  /* … but only a little, and only a few by much */
  g_assert_cmpfloat (d.mean, <, 1.5);
  g_assert_cmpuint (d.n_large, <, d.n_drawn / 200);
  g_assert_cmpint (d.max, <=, 96);
  cairo_surface_destroy (stamped);
  cairo_surface_destroy (paths);
}

static double
alpha_sum (cairo_surface_t *s)
{
  const guint8 *data = cairo_image_surface_get_data (s);
  int stride = cairo_image_surface_get_stride (s);
  double sum = 0;

  cairo_surface_flush (s);
  for (int y = 0; y < cairo_image_surface_get_height (s); y++)
    for (int x = 0; x < cairo_image_surface_get_width (s); x++)
      sum += data[y * stride + 4 * x + 3];
  return sum / 255.0;
}

/* Radii a quarter pixel apart stay a quarter pixel apart: each stamp covers what cairo's
 * circle of that radius covers. */
static void
test_distinct_radii (void)
{
  const double fill[4] = { 0.9, 0.2, 0.1, 0.72 };
  const double ring[4] = { 0.5, 0.0, 0.1, 1.0 };
  double previous = 0;

  for (double r = 1.0; r <= 12.0; r += 0.25)
    {
      cairo_surface_t *a = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 40, 40);
      cairo_surface_t *b = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 40, 40);
      cairo_t *cr = cairo_create (a);
      GaPointStamper *stamper;
      double stamped, path;

      cairo_set_line_width (cr, 1.0);
      stamper = ga_point_stamper_new (cr, GA_STAMP_PHASES_COARSE);
      g_assert_nonnull (stamper);
      /* a quarter-pixel phase: the stamp sits exactly where the path is */
      g_assert_true (ga_point_stamper_draw (stamper, ga_point_path_circle, 0, r, fill, ring,
                                            20.125, 19.625));
      ga_point_stamper_free (stamper);
      cairo_destroy (cr);

      cr = cairo_create (b);
      cairo_set_line_width (cr, 1.0);
      ga_point_path_circle (cr, 0, 20.125, 19.625, r);
      cairo_set_source_rgba (cr, fill[0], fill[1], fill[2], fill[3]);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, ring[0], ring[1], ring[2], ring[3]);
      cairo_stroke (cr);
      cairo_destroy (cr);

      stamped = alpha_sum (a);
      path = alpha_sum (b);
      g_assert_cmpfloat (fabs (stamped - path), <, 0.5 + 0.002 * path);
      g_assert_cmpfloat (stamped, >, previous + 0.5);
      previous = stamped;
      cairo_surface_destroy (a);
      cairo_surface_destroy (b);
    }
}

/* Stamps are blended four pixels at a time, past their coverage where the clip leaves
 * room: on an image of noise, with points on and across every edge of a clip, no pixel
 * outside the clip and none beyond the symbols' reach may change, and the symbols must
 * still be drawn. */
static void
test_stamps_leave_the_rest (void)
{
  const double fill[4] = { 0.8, 0.2, 0.1, 1.0 }, ring[4] = { 1.0, 1.0, 1.0, 1.0 };
  const double radius = 5.0, reach = radius * 1.3 + 0.75 + 1.0;
  const int w = 96, h = 64, cx0 = 7, cy0 = 5, cx1 = 83, cy1 = 57;
  cairo_surface_t *img = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  g_autofree guint32 *before = g_new (guint32, (gsize) w * h);
  GArray *centres = g_array_new (FALSE, FALSE, sizeof (double));
  GRand *rand = g_rand_new_with_seed (6);
  GaPointStamper *stamper;
  guint32 *px;
  cairo_t *cr;
  int stride, changed = 0;

  cairo_surface_flush (img);
  px = (guint32 *) (void *) cairo_image_surface_get_data (img);
  stride = cairo_image_surface_get_stride (img) / 4;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 a = g_rand_int_range (rand, 0, 256);
        guint32 c = g_rand_int (rand);
        guint32 r = ((c & 0xff) * a) / 255, g = (((c >> 8) & 0xff) * a) / 255,
                b = (((c >> 16) & 0xff) * a) / 255;

        px[y * stride + x] = before[y * w + x] = a << 24 | r << 16 | g << 8 | b;
      }
  cairo_surface_mark_dirty (img);

  cr = cairo_create (img);
  cairo_rectangle (cr, cx0, cy0, cx1 - cx0, cy1 - cy0);
  cairo_clip (cr);
  cairo_set_line_width (cr, 1.5);
  stamper = ga_point_stamper_new (cr, GA_STAMP_PHASES);
  g_assert_nonnull (stamper);
  /* along each edge of the clip, at every offset across it and many sub-pixel phases */
  for (int i = 0; i < 40; i++)
    {
      double t = g_rand_double (rand), off = -8.0 + 16.0 * g_rand_double (rand);
      double pts[4][2] = {
        { cx0 + off, cy0 + t * (cy1 - cy0) }, { cx1 + off, cy0 + t * (cy1 - cy0) },
        { cx0 + t * (cx1 - cx0), cy0 + off }, { cx0 + t * (cx1 - cx0), cy1 + off },
      };

      for (int k = 0; k < 4; k++)
        {
          g_assert_true (ga_point_stamper_draw (stamper, ga_point_path_circle, 0, radius, fill,
                                                ring, pts[k][0], pts[k][1]));
          g_array_append_vals (centres, pts[k], 2);
        }
    }
  ga_point_stamper_free (stamper);
  cairo_destroy (cr);
  cairo_surface_flush (img);

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        gboolean inside = x >= cx0 && x < cx1 && y >= cy0 && y < cy1;
        gboolean near = FALSE;

        for (guint i = 0; i < centres->len && inside && !near; i += 2)
          near = hypot (x + 0.5 - g_array_index (centres, double, i),
                        y + 0.5 - g_array_index (centres, double, i + 1)) < reach;
        if (!near)
          g_assert_cmphex (px[y * stride + x], ==, before[y * w + x]);
        else if (px[y * stride + x] != before[y * w + x])
          changed++;
      }
  /* 160 symbols, most of them partly inside: many hundreds of pixels of theirs */
  g_assert_cmpint (changed, >, 2000);

  g_array_unref (centres);
  g_rand_free (rand);
  cairo_surface_destroy (img);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/stamps/proportional-matches-paths", test_proportional_matches_paths);
  g_test_add_func ("/stamps/distinct-radii", test_distinct_radii);
  g_test_add_func ("/stamps/leave-the-rest", test_stamps_leave_the_rest);
  return g_test_run ();
}
