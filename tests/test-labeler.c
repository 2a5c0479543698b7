/* test-labeler.c — Thai labels shaped by Pango, collisions, labels across tile edges
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "ga-labeler.h"
#include "ga-render-private.h"
#include "ga-renderer.h"

#define ZOOM 14
#define THAI_NAME "สวนลุมพินี"

/* Mercator metres of a world pixel at zoom @z. */
static void
world_to_mercator (double  wx,
                   double  wy,
                   int     z,
                   double *mx,
                   double *my)
{
  double k = 256.0 * pow (2.0, z) / (2.0 * GA_MERCATOR_HALF_WORLD);

  *mx = wx / k - GA_MERCATOR_HALF_WORLD;
  *my = GA_MERCATOR_HALF_WORLD - wy / k;
}

/* A point layer; each point gets "name" and "rank". */
static GaLayer *
make_points (const char   *layer_name,
             guint         n,
             const double *world_xy,
             const char  **names,
             const char  **ranks)
{
  const char *fields[] = { "name", "rank", NULL };
  GaLayer *layer = ga_layer_new (layer_name);

  ga_layer_set_fields (layer, fields);
  for (guint i = 0; i < n; i++)
    {
      const char *values[] = { names[i], ranks ? ranks[i] : NULL };
      double mx, my;

      world_to_mercator (world_xy[2 * i], world_xy[2 * i + 1], ZOOM, &mx, &my);
      ga_layer_begin_feature (layer, GA_GEOM_POINT);
      ga_layer_begin_part (layer);
      ga_layer_add_coord (layer, mx, my);
      ga_layer_end_feature (layer, values);
    }
  ga_layer_seal (layer);
  return layer;
}

static void
label_symbol (GaSymbol *s,
              GaLayer  *layer,
              gboolean  halo)
{
  ga_symbol_init_default (s, layer);
  g_strlcpy (s->label_text, "{name}", sizeof s->label_text);
  g_strlcpy (s->label_rank_field, "rank", sizeof s->label_rank_field);
  s->label_size = 16.0;
  s->label_color[0] = s->label_color[1] = s->label_color[2] = 0.0;
  s->label_color[3] = 1.0;
  if (halo)
    {
      s->label_halo[0] = s->label_halo[1] = s->label_halo[2] = s->label_halo[3] = 1.0;
      s->label_halo_width = 2.0;
    }
}

static cairo_surface_t *
render (GaLabeler          *labeler,
        const GaRenderView *view)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, view->width,
                                                         view->height);
  cairo_t *cr = cairo_create (surface);

  g_assert_true (ga_labeler_draw (labeler, cr, view, NULL));
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* The view of @w x @h pixels whose top-left is world pixel (@ox, @oy). */
static void
view_at (GaRenderView *view,
         double        ox,
         double        oy,
         int           w,
         int           h)
{
  world_to_mercator (ox + w / 2.0, oy + h / 2.0, ZOOM, &view->center_x, &view->center_y);
  view->zoom = ZOOM;
  view->width = w;
  view->height = h;
}

static gboolean
ink_box (cairo_surface_t *s,
         int              box[4])
{
  int w = cairo_image_surface_get_width (s), h = cairo_image_surface_get_height (s);
  int stride = cairo_image_surface_get_stride (s);
  const guint8 *data = cairo_image_surface_get_data (s);
  gboolean any = FALSE;

  box[0] = w;
  box[1] = h;
  box[2] = -1;
  box[3] = -1;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 px = *(const guint32 *) (const void *) (data + y * stride + 4 * x);

        if ((px >> 24) == 0)
          continue;
        any = TRUE;
        box[0] = MIN (box[0], x);
        box[1] = MIN (box[1], y);
        box[2] = MAX (box[2], x);
        box[3] = MAX (box[3], y);
      }
  return any;
}

static void
test_thai_shaped (void)
{
  /* An anchor in the middle of a 256-px view. */
  const double ox = 12760.0 * 256, oy = 7560.0 * 256;
  double xy[2] = { ox + 128, oy + 128 };
  const char *names[] = { THAI_NAME };
  g_autoptr(GaLayer) layer = make_points ("parks", 1, xy, names, NULL);
  g_autoptr(GaLabeler) labeler = ga_labeler_new ();
  g_autoptr(cairo_surface_t) surface = NULL;
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (map);
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *desc;
  GaRenderView view;
  GaSymbol s;
  double box[4];
  int ink[4];

  /* Every Thai character has a glyph in the fonts the labeler asks for (no tofu). */
  desc = pango_font_description_from_string (GA_LABELER_FONT_FAMILIES " 16px");
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_text (layout, THAI_NAME, -1);
  g_assert_cmpint (pango_layout_get_unknown_glyphs_count (layout), ==, 0);
  g_object_unref (layout);
  g_object_unref (context);

  label_symbol (&s, layer, FALSE);
  ga_labeler_add_layer (labeler, layer, &s);
  g_assert_cmpuint (ga_labeler_get_n_placed (labeler, ZOOM), ==, 1);
  g_assert_true (ga_labeler_get_placed_box (labeler, ZOOM, THAI_NAME, box));

  view_at (&view, ox, oy, 256, 256);
  surface = render (labeler, &view);
  g_assert_true (ink_box (surface, ink));

  /* The ink lies inside the placed box (view pixels) … */
  g_assert_cmpint (ink[0], >=, (int) floor (box[0] - ox));
  g_assert_cmpint (ink[1], >=, (int) floor (box[1] - oy));
  g_assert_cmpint (ink[2], <=, (int) ceil (box[0] + box[2] - ox));
  g_assert_cmpint (ink[3], <=, (int) ceil (box[1] + box[3] - oy));
  /* … is centred on the anchor … */
  g_assert_cmpfloat (fabs ((ink[0] + ink[2]) / 2.0 - 128.0), <, 4.0);
  g_assert_cmpfloat (fabs ((ink[1] + ink[3]) / 2.0 - 128.0), <, 6.0);
  /* … and is as wide as ten shaped Thai characters at 16 px (not one glyph, not a box row):
   * combining vowels stack, so it is narrower than ten full cells. */
  g_assert_cmpint (ink[2] - ink[0], >, 45);
  g_assert_cmpint (ink[2] - ink[0], <, 120);
  g_assert_cmpint (ink[3] - ink[1], >, 10);
}

static void
test_collision_rank (void)
{
  const double ox = 12760.0 * 256, oy = 7560.0 * 256;
  /* Two labels 4 px apart: they overlap. "HIGH" has the smaller rank. */
  double xy[4] = { ox + 128, oy + 128, ox + 132, oy + 130 };
  const char *names[] = { "LOW label", "HIGH label" };
  const char *ranks[] = { "5", "1" };
  g_autoptr(GaLayer) layer = make_points ("places", 2, xy, names, ranks);
  g_autoptr(GaLabeler) labeler = ga_labeler_new ();
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autoptr(cairo_surface_t) alone = NULL;
  g_autoptr(GaLayer) high_only = NULL;
  g_autoptr(GaLabeler) labeler_high = ga_labeler_new ();
  double box[4];
  GaRenderView view;
  GaSymbol s;

  label_symbol (&s, layer, TRUE);
  ga_labeler_add_layer (labeler, layer, &s);
  g_assert_cmpuint (ga_labeler_get_n_placed (labeler, ZOOM), ==, 1);
  g_assert_true (ga_labeler_get_placed_box (labeler, ZOOM, "HIGH label", box));
  g_assert_false (ga_labeler_get_placed_box (labeler, ZOOM, "LOW label", box));

  /* What is drawn is exactly the high-priority label alone. */
  high_only = make_points ("places", 1, xy + 2, names + 1, ranks + 1);
  label_symbol (&s, high_only, TRUE);
  ga_labeler_add_layer (labeler_high, high_only, &s);
  view_at (&view, ox, oy, 256, 256);
  surface = render (labeler, &view);
  alone = render (labeler_high, &view);
  g_assert_cmpmem (cairo_image_surface_get_data (surface), 256 * 4 * 256,
                   cairo_image_surface_get_data (alone), 256 * 4 * 256);

  /* Far apart, both are placed. */
  {
    double far[4] = { ox + 40, oy + 40, ox + 200, oy + 200 };
    g_autoptr(GaLayer) apart = make_points ("places", 2, far, names, ranks);
    g_autoptr(GaLabeler) l2 = ga_labeler_new ();

    label_symbol (&s, apart, TRUE);
    ga_labeler_add_layer (l2, apart, &s);
    g_assert_cmpuint (ga_labeler_get_n_placed (l2, ZOOM), ==, 2);
  }
}

static void
test_collision_layer_priority (void)
{
  const double ox = 12760.0 * 256, oy = 7560.0 * 256;
  double a[2] = { ox + 128, oy + 128 }, b[2] = { ox + 130, oy + 127 };
  const char *na[] = { "district" }, *nb[] = { "landmark" };
  g_autoptr(GaLayer) low = make_points ("landmarks", 1, a, nb, NULL);
  g_autoptr(GaLayer) high = make_points ("districts", 1, b, na, NULL);
  g_autoptr(GaLabeler) labeler = ga_labeler_new ();
  GaSymbol s;
  double box[4];

  /* added first, but a lower priority */
  label_symbol (&s, low, FALSE);
  s.label_priority = 1;
  ga_labeler_add_layer (labeler, low, &s);
  label_symbol (&s, high, FALSE);
  s.label_priority = 10;
  ga_labeler_add_layer (labeler, high, &s);

  g_assert_cmpuint (ga_labeler_get_n_placed (labeler, ZOOM), ==, 1);
  g_assert_true (ga_labeler_get_placed_box (labeler, ZOOM, "district", box));

  /* Below the label's minimum zoom nothing is placed. */
  {
    g_autoptr(GaLabeler) l2 = ga_labeler_new ();

    label_symbol (&s, high, FALSE);
    s.label_min_zoom = ZOOM + 1;
    ga_labeler_add_layer (l2, high, &s);
    g_assert_cmpuint (ga_labeler_get_n_placed (l2, ZOOM), ==, 0);
    g_assert_cmpuint (ga_labeler_get_n_placed (l2, ZOOM + 1), ==, 1);
  }
}

/* A label centred on the border of two tiles: both tiles draw their half, and together they
 * are exactly the 512-px image of the same place. */
static void
test_tile_edge (void)
{
  const int tx = 12760, ty = 7560;
  double xy[2] = { (tx + 1) * 256.0, ty * 256.0 + 128.0 };
  const char *names[] = { THAI_NAME " Lumphini" };
  g_autoptr(GaLayer) layer = make_points ("parks", 1, xy, names, NULL);
  g_autoptr(GaLabeler) labeler = ga_labeler_new ();
  g_autoptr(cairo_surface_t) left = NULL;
  g_autoptr(cairo_surface_t) right = NULL;
  g_autoptr(cairo_surface_t) wide = NULL;
  GaRenderView view;
  GaSymbol s;
  int ink[4];
  int stride_t, stride_w;
  const guint8 *dl, *dr, *dw;
  guint ink_left_edge = 0, ink_right_edge = 0;

  label_symbol (&s, layer, TRUE);
  ga_labeler_add_layer (labeler, layer, &s);

  ga_render_view_init_tile (&view, ZOOM, tx, ty, 256);
  left = render (labeler, &view);
  ga_render_view_init_tile (&view, ZOOM, tx + 1, ty, 256);
  right = render (labeler, &view);
  view_at (&view, tx * 256.0, ty * 256.0, 512, 256);
  wide = render (labeler, &view);

  g_assert_true (ink_box (left, ink));
  g_assert_cmpint (ink[2], ==, 255);   /* reaches the right edge */
  g_assert_true (ink_box (right, ink));
  g_assert_cmpint (ink[0], ==, 0);     /* starts at the left edge */

  stride_t = cairo_image_surface_get_stride (left);
  stride_w = cairo_image_surface_get_stride (wide);
  dl = cairo_image_surface_get_data (left);
  dr = cairo_image_surface_get_data (right);
  dw = cairo_image_surface_get_data (wide);
  for (int y = 0; y < 256; y++)
    {
      g_assert_cmpmem (dl + y * stride_t, 256 * 4, dw + y * stride_w, 256 * 4);
      g_assert_cmpmem (dr + y * stride_t, 256 * 4, dw + y * stride_w + 256 * 4, 256 * 4);
      if (dl[y * stride_t + 255 * 4 + 3] != 0)
        ink_left_edge++;
      if (dr[y * stride_t + 3] != 0)
        ink_right_edge++;
    }
  /* The two halves meet: ink on both sides of the border, in the same rows. */
  g_assert_cmpuint (ink_left_edge, >, 3);
  g_assert_cmpuint (ink_right_edge, >, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/labeler/thai-shaped", test_thai_shaped);
  g_test_add_func ("/labeler/collision-rank", test_collision_rank);
  g_test_add_func ("/labeler/collision-layer-priority", test_collision_layer_priority);
  g_test_add_func ("/labeler/tile-edge", test_tile_edge);

  return g_test_run ();
}
