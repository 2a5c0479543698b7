/* test-overlay-canvas.c — every overlay composited in one map layer, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 6: the map view draws all overlays with one GaOverlayCanvas.  These tests check
 * what it draws, not how fast (bench-map-ui measures that):
 * - two translucent layers over each other come out as each layer's opacity applied to the
 *   layer as a whole, bottom first, as exports composite them, also when the canvas merges
 *   the tiles of a place into one image;
 * - right after a zoom in or out, before any tile of the new level is filled, the canvas
 *   draws the tiles of the level it came from in their place, not a hole;
 * - zooming through many levels keeps a bounded number of tiles, drawn by one thread fewer
 *   than there are cores while the map moves and by one per core once it is still;
 * - a layer taken out while its fills run ends with no tile and nothing pending.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "ga-basemap.h"
#include "ga-basemap-source.h"
#include <math.h>

#include "ga-layer-style.h"
#include "ga-map-view.h"
#include "ga-overlay-canvas.h"
#include "ga-overlay-source.h"
#include "ga-reader.h"
#include "ga-tile-ink.h"
#include "ga-window.h"

#include "ga-test-ui.h"

/* two squares overlapping in their middle third, in Bangkok */
#define A_W 100.50
#define A_E 100.56
#define B_W 100.53
#define B_E 100.59
#define SQ_S 13.73
#define SQ_N 13.76

static char *a_path;
static char *b_path;


/* @path's layer on top, filled with @fill, drawn at @opacity. */
static GaLayer *
add_styled (GaWindow   *win,
            const char *path,
            GaRgba      fill,
            double      opacity)
{
  g_autoptr(GPtrArray) layers = ga_reader_load (path, NULL, NULL, NULL, NULL, NULL);
  g_autoptr(GaStyle) style = NULL;
  GaLayer *layer;

  g_assert_nonnull (layers);
  layer = g_ptr_array_index (layers, 0);
  style = ga_style_new_for_layer (layer);
  ga_style_set_kind (style, GA_STYLE_SINGLE);
  ga_style_set_fill (style, fill);
  ga_style_set_stroke (style, fill);
  ga_style_set_opacity (style, 1.0);
  ga_layer_style_set (layer, style);
  ga_layer_set_opacity (layer, opacity);
  ga_layer_store_add (ga_window_get_layer_store (win), layer);
  return layer;
}

static void
center_on (GaWindow *win,
           double    lon,
           double    lat,
           double    zoom)
{
  ShumateViewport *vp = ga_map_view_get_viewport (ga_window_get_map_view (win));

  shumate_viewport_set_zoom_level (vp, zoom);
  shumate_location_set_location (SHUMATE_LOCATION (vp), lat, lon);
}

/* The canvas alone, drawn now from what it has (no frame, no main-loop iteration: no tile
 * can be filled meanwhile), into @img. */
static void
draw_canvas_now (GaOverlayCanvas *canvas,
                 GaTestImage     *img)
{
  GtkWidget *widget = GTK_WIDGET (canvas);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;

  img->width = gtk_widget_get_width (widget);
  img->height = gtk_widget_get_height (widget);
  g_assert_cmpint (img->width, >, 100);
  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);

  img->stride = (gsize) cairo_format_stride_for_width (CAIRO_FORMAT_ARGB32, img->width);
  img->data = g_malloc0 (img->stride * img->height);
  surface = cairo_image_surface_create_for_data (img->data, CAIRO_FORMAT_ARGB32, img->width,
                                                 img->height, (int) img->stride);
  cr = cairo_create (surface);
  if (node != NULL)
    gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
}

static int
alpha_at (const GaTestImage *img,
          double             x,
          double             y)
{
  return img->data[(int) y * img->stride + (int) x * 4 + 3];
}

/* Red at 50 % under blue at 50 %: where they overlap, blue over (red over the map). */
static void
test_translucent_layers (void)
{
  GaWindow *win = ga_test_new_window ();
  GaMapView *view = ga_window_get_map_view (win);
  GaOverlayCanvas *canvas = ga_map_view_get_canvas (view);
  GaTestImage img = { 0 };
  double x, y;
  int bg[3], red_only[3], both[3], blue_only[3], expected[3];
  const double mid = (SQ_S + SQ_N) / 2;

  add_styled (win, a_path, GA_RGBA (255, 0, 0, 255), 0.5);
  add_styled (win, b_path, GA_RGBA (0, 0, 255, 255), 0.5);
  center_on (win, (A_W + B_E) / 2, mid, 13);
  ga_test_wait_map_settled (win, TRUE);
  g_assert_cmpuint (ga_overlay_canvas_get_n_layers (canvas), ==, 2 + 1 /* labels */);

  ga_test_render_widget (GTK_WIDGET (ga_map_view_get_map (view)), 100, TRUE, &img);
  ga_test_map_point (win, A_W - 0.01, mid, &x, &y);
  ga_test_pixel_at (&img, x, y, bg);
  ga_test_map_point (win, (A_W + B_W) / 2, mid, &x, &y);
  ga_test_pixel_at (&img, x, y, red_only);
  ga_test_map_point (win, (B_W + A_E) / 2, mid, &x, &y);
  ga_test_pixel_at (&img, x, y, both);
  ga_test_map_point (win, (A_E + B_E) / 2, mid, &x, &y);
  ga_test_pixel_at (&img, x, y, blue_only);
  g_test_message ("bg %d,%d,%d red %d,%d,%d both %d,%d,%d blue %d,%d,%d", bg[0], bg[1], bg[2],
                  red_only[0], red_only[1], red_only[2], both[0], both[1], both[2],
                  blue_only[0], blue_only[1], blue_only[2]);

  for (int c = 0; c < 3; c++)
    {
      const int red[3] = { 255, 0, 0 }, blue[3] = { 0, 0, 255 };

      g_assert_cmpint (ABS (red_only[c] - (red[c] + bg[c]) / 2), <=, 3);
      g_assert_cmpint (ABS (blue_only[c] - (blue[c] + bg[c]) / 2), <=, 3);
      expected[c] = (blue[c] + red_only[c]) / 2;
    }
  /* bottom first: red under blue, not the other way round */
  g_assert_cmpint (ga_test_color_distance (both, expected), <=, 4);
  /* the overlap's tiles were merged into one image */
  g_assert_cmpuint (ga_overlay_canvas_get_n_merged (canvas), >, 0);

  ga_test_image_clear (&img);
  gtk_window_destroy (GTK_WINDOW (win));
}

/* A change that touches every place (a layer's opacity) is merged over several frames, at
 * most 8 places a frame, and drawn right from the first: the others layer by layer. */
static void
test_merges_per_frame (void)
{
  GaWindow *win = ga_test_new_window ();
  GaMapView *view = ga_window_get_map_view (win);
  GaOverlayCanvas *canvas = ga_map_view_get_canvas (view);
  const double lon = (B_W + A_E) / 2, lat = (SQ_S + SQ_N) / 2;
  GaTestImage img = { 0 };
  GaLayer *blue;
  guint made, frames = 0, places = 0;
  double x, y;
  int before[3], after[3];

  add_styled (win, a_path, GA_RGBA (255, 0, 0, 255), 1.0);
  blue = add_styled (win, b_path, GA_RGBA (0, 0, 255, 255), 0.5);
  /* the overlap fills the view: every place has both layers */
  center_on (win, lon, lat, 15);
  ga_test_wait_map_settled (win, TRUE);
  draw_canvas_now (canvas, &img);
  ga_test_map_point (win, lon, lat, &x, &y);
  ga_test_pixel_at (&img, x, y, before);
  ga_test_image_clear (&img);

  ga_layer_set_opacity (blue, 0.25);
  for (;;)
    {
      made = ga_overlay_canvas_get_n_merges_made (canvas);
      draw_canvas_now (canvas, &img);
      made = ga_overlay_canvas_get_n_merges_made (canvas) - made;
      if (frames == 0)
        ga_test_pixel_at (&img, x, y, after);
      ga_test_image_clear (&img);
      g_test_message ("frame %u: %u merged", frames, made);
      g_assert_cmpuint (made, <=, 8);
      places += made;
      if (made == 0)
        break;
      frames++;
      g_assert_cmpuint (frames, <, 20);
    }
  /* more places than one frame merges, and the new opacity shows at once */
  g_assert_cmpuint (frames, >=, 2);
  g_test_message ("centre before %d,%d,%d after %d,%d,%d", before[0], before[1], before[2],
                  after[0], after[1], after[2]);
  g_assert_cmpint (after[2], <, before[2] - 40);
  g_assert_cmpint (after[0], >, before[0] + 40);

  /* In the window, the frames that merge the rest come by themselves: nothing else has to
   * change after the first. */
  made = ga_overlay_canvas_get_n_merges_made (canvas);
  ga_layer_set_opacity (blue, 0.5);
  ga_test_iterate_ms (600);
  g_test_message ("%u places, %u merged by the window's frames", places,
                  ga_overlay_canvas_get_n_merges_made (canvas) - made);
  g_assert_cmpuint (ga_overlay_canvas_get_n_merges_made (canvas) - made, ==, places);
  draw_canvas_now (canvas, &img);
  ga_test_image_clear (&img);
  g_assert_cmpuint (ga_overlay_canvas_get_n_drawn_merged (canvas), ==, places);

  /* A fade changes the places on every frame: they are merged every other frame at most,
   * and all of them again once it ends. */
  for (int i = 0; i < 6; i++)
    {
      ga_layer_set_opacity (blue, 0.3 + 0.05 * i);
      draw_canvas_now (canvas, &img);
      ga_test_image_clear (&img);
    }
  ga_test_iterate_ms (600);
  draw_canvas_now (canvas, &img);
  ga_test_image_clear (&img);
  g_test_message ("after a fade: %u of %u places merged", ga_overlay_canvas_get_n_drawn_merged (canvas),
                  places);
  g_assert_cmpuint (ga_overlay_canvas_get_n_drawn_merged (canvas), ==, places);

  gtk_window_destroy (GTK_WINDOW (win));
}

/* After a zoom the new level's tiles are not filled yet: the old level's stand in. */
static void
test_stand_ins (void)
{
  GaWindow *win = ga_test_new_window ();
  GaMapView *view = ga_window_get_map_view (win);
  GaOverlayCanvas *canvas = ga_map_view_get_canvas (view);
  ShumateViewport *vp = ga_map_view_get_viewport (view);
  const double lon = (A_W + A_E) / 2, lat = (SQ_S + SQ_N) / 2;
  double x, y;

  add_styled (win, a_path, GA_RGBA (255, 0, 0, 255), 1.0);
  center_on (win, lon, lat, 13);
  ga_test_wait_map_settled (win, TRUE);

  for (int step = 0; step < 2; step++)
    {
      double zoom = step == 0 ? 14.5 : 12.0;
      GaTestImage img = { 0 };
      int rgb[3];
      const int red[3] = { 255, 0, 0 };

      shumate_viewport_set_zoom_level (vp, zoom);
      draw_canvas_now (canvas, &img);
      ga_test_map_point (win, lon, lat, &x, &y);
      ga_test_pixel_at (&img, x, y, rgb);
      g_test_message ("zoom %.1f: centre %d,%d,%d alpha %d", zoom, rgb[0], rgb[1], rgb[2],
                      alpha_at (&img, x, y));
      g_assert_cmpint (alpha_at (&img, x, y), ==, 255);
      g_assert_cmpint (ga_test_color_distance (rgb, red), <=, 2);
      /* and far outside the square, nothing */
      ga_test_map_point (win, A_W - 0.05, lat, &x, &y);
      if (x >= 0 && x < img.width)
        g_assert_cmpint (alpha_at (&img, x, y), ==, 0);
      ga_test_image_clear (&img);
      ga_test_wait_map_settled (win, TRUE);
    }

  gtk_window_destroy (GTK_WINDOW (win));
}

/* Zooming through ten levels keeps at most three times the tiles in view (and 64). */
static void
test_tiles_bounded (void)
{
  GaWindow *win = ga_test_new_window ();
  GaMapView *view = ga_window_get_map_view (win);
  GaOverlayCanvas *canvas = ga_map_view_get_canvas (view);
  GtkWidget *widget = GTK_WIDGET (canvas);
  GaTileLayer *tiles;
  GaLayer *layer;
  guint in_view, most = 0;

  layer = add_styled (win, a_path, GA_RGBA (255, 0, 0, 255), 1.0);
  for (int z = 6; z <= 16; z++)
    {
      center_on (win, (A_W + A_E) / 2, (SQ_S + SQ_N) / 2, z);
      ga_test_wait_map_settled (win, TRUE);
      tiles = ga_map_view_get_overlay_layer (view, layer);
      most = MAX (most, ga_tile_layer_get_n_tiles (tiles));
    }
  in_view = (guint) ((gtk_widget_get_width (widget) / 256 + 2)
                     * (gtk_widget_get_height (widget) / 256 + 2));
  g_test_message ("tiles kept: at most %u, %u in view", most, in_view);
  /* 11 levels of tiles in view would be far more */
  g_assert_cmpuint (most, >, in_view / 2);
  g_assert_cmpuint (most, <=, MAX (3 * in_view, 64) + in_view);
  /* Drawn by one thread per core at most; while the map moves, by one fewer (the window
   * keeps a core), and by all once it has been still for a moment. */
  g_test_message ("at most %u tiles drawn at once, %u cores", ga_overlay_source_get_peak_fills (),
                  g_get_num_processors ());
  g_assert_cmpuint (ga_overlay_source_get_peak_fills (), >=, 1);
  g_assert_cmpuint (ga_overlay_source_get_peak_fills (), <=, MAX (1, g_get_num_processors ()));
  center_on (win, (A_W + A_E) / 2 + 0.001, (SQ_S + SQ_N) / 2, 16);
  g_assert_cmpuint (ga_overlay_source_get_max_fills (), ==, MAX (1, g_get_num_processors () - 1));
  ga_test_iterate_ms (600);
  g_assert_cmpuint (ga_overlay_source_get_max_fills (), ==, MAX (1, g_get_num_processors ()));

  gtk_window_destroy (GTK_WINDOW (win));
}

/* A basemap of 256-px tiles is the canvas's bottom layer.  Past its deepest level (16 for
 * the bundled sample) it is drawn from its deepest tiles, scaled, while the layers above
 * draw their own tiles of the current level: the square's edge stays sharp. */
static void
test_basemap_in_canvas (void)
{
  g_autofree char *mbtiles = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "data",
                                               "sample-city.mbtiles", NULL);
  GaWindow *win = ga_test_new_window ();
  GaMapView *view = ga_window_get_map_view (win);
  GaOverlayCanvas *canvas = ga_map_view_get_canvas (view);
  g_autoptr(GaBasemap) basemap = NULL;
  g_autoptr(GError) error = NULL;
  GaTestImage img = { 0 };
  GaBasemapSource *base;
  const double lat = (SQ_S + SQ_N) / 2;
  double x, y, ex, ey;
  int inside[3], outside[3];
  const int red[3] = { 255, 0, 0 };

  if (!g_file_test (mbtiles, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the sample basemap is not built");
      gtk_window_destroy (GTK_WINDOW (win));
      return;
    }
  basemap = ga_basemap_new_from_spec (mbtiles, &error);
  g_assert_no_error (error);
  g_assert_true (ga_map_view_set_basemap (view, mbtiles, basemap, &error));
  g_assert_no_error (error);
  base = ga_map_view_get_basemap_source (view);
  g_assert_true (ga_tile_layer_get_source (ga_overlay_canvas_get_layer (canvas, 0))
                 == ga_basemap_source_get_map_source (base));
  g_assert_cmpuint (shumate_map_source_get_max_zoom_level (ga_basemap_source_get_map_source (base)),
                    ==, 16);

  add_styled (win, a_path, GA_RGBA (255, 0, 0, 255), 1.0);
  /* the basemap stays at the bottom */
  g_assert_true (ga_tile_layer_get_source (ga_overlay_canvas_get_layer (canvas, 0))
                 == ga_basemap_source_get_map_source (base));
  /* through level 16 to 18 over the square's west edge */
  center_on (win, A_W, lat, 16);
  ga_test_wait_map_settled (win, TRUE);
  center_on (win, A_W, lat, 18);
  ga_test_wait_map_settled (win, TRUE);

  draw_canvas_now (canvas, &img);
  ga_test_map_point (win, A_W, lat, &ex, &ey);
  g_test_message ("edge at %.1f,%.1f in %dx%d", ex, ey, img.width, img.height);
  x = ex + 2;
  y = ey;
  ga_test_pixel_at (&img, x, y, inside);
  ga_test_pixel_at (&img, ex - 2, y, outside);
  g_test_message ("2 px inside %d,%d,%d, 2 px outside %d,%d,%d (alpha %d)", inside[0], inside[1],
                  inside[2], outside[0], outside[1], outside[2], alpha_at (&img, ex - 2, y));
  /* the layer's own level-18 tile: sharp */
  g_assert_cmpint (ga_test_color_distance (inside, red), <=, 2);
  /* the basemap, from level 16: opaque, and no red bleeding out of the square */
  g_assert_cmpint (alpha_at (&img, ex - 2, y), ==, 255);
  g_assert_cmpint (outside[0] - outside[1], <, 15);

  ga_test_image_clear (&img);
  gtk_window_destroy (GTK_WINDOW (win));
}

/* With the map on square A at zoom 13 and settled: a tile layer of square A (not in the
 * canvas) and its source in *@source. */
static GaTileLayer *
square_a_tiles (GaWindow         *win,
                GaOverlaySource **source)
{
  g_autoptr(GPtrArray) layers = ga_reader_load (a_path, NULL, NULL, NULL, NULL, NULL);
  g_autoptr(GaStyle) style = NULL;

  g_assert_nonnull (layers);
  center_on (win, (A_W + A_E) / 2, (SQ_S + SQ_N) / 2, 13);
  ga_test_wait_map_settled (win, TRUE);
  style = ga_style_new_for_layer (g_ptr_array_index (layers, 0));
  *source = ga_overlay_source_new (g_ptr_array_index (layers, 0), style);
  return ga_tile_layer_new (SHUMATE_MAP_SOURCE (*source));
}

static void
on_filled_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;

  g_assert_true (shumate_map_source_fill_tile_finish (SHUMATE_MAP_SOURCE (object), result,
                                                      NULL));
  *done = TRUE;
}

/* A layer's tile comes from its worker with its ink already found, so the canvas does not
 * scan it in a frame. Tile 13/6383/3780 (100.503-100.547 E) lies inside square A across,
 * and the square's south edge (SQ_S) crosses it. */
static void
test_ink_found_by_worker (void)
{
  g_autoptr(GPtrArray) layers = ga_reader_load (a_path, NULL, NULL, NULL, NULL, NULL);
  g_autoptr(GaStyle) style = NULL;
  g_autoptr(GaOverlaySource) source = NULL;
  g_autoptr(ShumateTile) tile = shumate_tile_new_full (6383, 3780, 256, 13);
  /* the south edge's row in the tile: Web Mercator y in tiles of level 13 */
  double south_row = ((1.0 - asinh (tan (SQ_S * G_PI / 180.0)) / G_PI) / 2.0 * 8192.0 - 3780.0)
                     * 256.0;
  gboolean done = FALSE;
  cairo_surface_t *surface;
  const GaInk *ink;

  g_assert_nonnull (layers);
  style = ga_style_new_for_layer (g_ptr_array_index (layers, 0));
  source = ga_overlay_source_new (g_ptr_array_index (layers, 0), style);
  shumate_map_source_fill_tile_async (SHUMATE_MAP_SOURCE (source), tile, NULL, on_filled_cb,
                                      &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  surface = ga_overlay_source_get_tile_surface (tile);
  g_assert_nonnull (surface);
  ink = ga_tile_ink_peek (surface);
  g_assert_nonnull (ink);
  g_test_message ("ink %d,%d-%d,%d; south edge at row %.1f", ink->x0, ink->y0, ink->x1,
                  ink->y1, south_row);
  g_assert_cmpint (ink->x0, ==, 0);
  g_assert_cmpint (ink->x1, ==, 256);
  g_assert_cmpint (ink->y0, ==, 0);
  /* the outline reaches a pixel or so past the edge */
  g_assert_cmpint (ABS (ink->y1 - (int) ceil (south_row)), <=, 2);
}

/* A layer out of the canvas while its tiles are being filled keeps nothing. */
static void
test_removed_while_filling (void)
{
  GaWindow *win = ga_test_new_window ();
  GaMapView *view = ga_window_get_map_view (win);
  GaOverlayCanvas *canvas = ga_map_view_get_canvas (view);
  g_autoptr(GaOverlaySource) source = NULL;
  g_autoptr(GaTileLayer) tiles = square_a_tiles (win, &source);
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  ga_overlay_canvas_add_layer (canvas, tiles);
  /* the fills start from an idle before the next frame */
  while (ga_overlay_source_get_pending (source) == 0 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (ga_overlay_source_get_pending (source), >, 0);
  g_assert_cmpuint (ga_tile_layer_get_n_tiles (tiles), >, 0);

  ga_overlay_canvas_remove_layer (canvas, tiles);
  g_assert_false (ga_overlay_canvas_has_layer (canvas, tiles));
  g_assert_cmpuint (ga_tile_layer_get_n_tiles (tiles), ==, 0);
  while (ga_overlay_source_get_pending (source) > 0 && g_get_monotonic_time () < end)
    ga_test_iterate_ms (5);
  g_assert_cmpuint (ga_overlay_source_get_pending (source), ==, 0);
  /* what finished after it was taken out was not kept */
  g_assert_cmpuint (ga_tile_layer_get_n_tiles (tiles), ==, 0);

  gtk_window_destroy (GTK_WINDOW (win));
}

/* A layer changes the canvas's frames only while it shows: one added without tiles, or
 * filling under cover at opacity 0 (a restyle's replacement), draws no frame (over a
 * basemap every frame of the canvas repaints the whole map); shown, then hidden, it does. */
static void
test_redraws_only_what_shows (void)
{
  GaWindow *win = ga_test_new_window ();
  GaOverlayCanvas *canvas = ga_map_view_get_canvas (ga_window_get_map_view (win));
  g_autoptr(GaOverlaySource) source = NULL;
  g_autoptr(GaTileLayer) tiles = square_a_tiles (win, &source);
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  GaTestImage img = { 0 };
  double cx, cy;
  guint64 frames;

  ga_test_map_point (win, (A_W + A_E) / 2, (SQ_S + SQ_N) / 2, &cx, &cy);
  ga_tile_layer_set_opacity (tiles, 0.0);

  frames = ga_overlay_canvas_get_n_frames (canvas);
  ga_overlay_canvas_add_layer (canvas, tiles);
  while ((ga_tile_layer_get_n_tiles (tiles) == 0 || ga_overlay_source_get_pending (source) > 0)
         && g_get_monotonic_time () < end)
    ga_test_iterate_ms (5);
  ga_test_iterate_ms (200);
  g_assert_cmpuint (ga_tile_layer_get_n_tiles (tiles), >, 0);
  g_assert_cmpuint (ga_overlay_source_get_pending (source), ==, 0);
  g_test_message ("frames while the layer was added and filled at opacity 0: %" G_GUINT64_FORMAT,
                  ga_overlay_canvas_get_n_frames (canvas) - frames);
  g_assert_cmpuint (ga_overlay_canvas_get_n_frames (canvas), ==, frames);

  /* shown: drawn */
  ga_tile_layer_set_opacity (tiles, 1.0);
  ga_test_wait_frame (GTK_WIDGET (win));
  g_assert_cmpuint (ga_overlay_canvas_get_n_frames (canvas), >, frames);
  draw_canvas_now (canvas, &img);
  g_assert_cmpint (alpha_at (&img, cx, cy), ==, 255);
  ga_test_image_clear (&img);

  /* hidden again: drawn once more, without it */
  frames = ga_overlay_canvas_get_n_frames (canvas);
  ga_tile_layer_set_visible (tiles, FALSE);
  ga_test_wait_frame (GTK_WIDGET (win));
  g_assert_cmpuint (ga_overlay_canvas_get_n_frames (canvas), >, frames);
  draw_canvas_now (canvas, &img);
  g_assert_cmpint (alpha_at (&img, cx, cy), ==, 0);
  ga_test_image_clear (&img);

  ga_overlay_canvas_remove_layer (canvas, tiles);
  gtk_window_destroy (GTK_WINDOW (win));
}

static void
canvas_node_bounds (GaOverlayCanvas *canvas,
                    graphene_rect_t *bounds)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;

  GTK_WIDGET_GET_CLASS (canvas)->snapshot (GTK_WIDGET (canvas), snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  gsk_render_node_get_bounds (node, bounds);
}

/* The canvas's node covers the squares' pixels, not the whole tiles they are in: the
 * rectangle GTK's cairo renderer paints each frame follows the data (a zoom grows it
 * smoothly instead of a tile at a time). */
static void
test_node_covers_ink (void)
{
  GaWindow *win = ga_test_new_window ();
  GaOverlayCanvas *canvas = ga_map_view_get_canvas (ga_window_get_map_view (win));
  graphene_rect_t bounds;
  double x0, y0, x1, y1;

  add_styled (win, a_path, GA_RGBA (255, 0, 0, 255), 1.0);
  center_on (win, (A_W + A_E) / 2, (SQ_S + SQ_N) / 2, 13.3);
  ga_test_wait_map_settled (win, TRUE);
  ga_test_map_point (win, A_W, SQ_N, &x0, &y0);
  ga_test_map_point (win, A_E, SQ_S, &x1, &y1);

  canvas_node_bounds (canvas, &bounds);
  g_test_message ("square %.1f,%.1f-%.1f,%.1f; node %.0f,%.0f %.0fx%.0f", x0, y0, x1, y1,
                  bounds.origin.x, bounds.origin.y, bounds.size.width, bounds.size.height);
  /* the outline, antialiasing and a pixel each for filtering (tiles scaled 1.23x): within
   * 6 px of the square, where tiles would be 256 px steps */
  g_assert_cmpfloat (fabs (bounds.origin.x - x0), <=, 6.0);
  g_assert_cmpfloat (fabs (bounds.origin.y - y0), <=, 6.0);
  g_assert_cmpfloat (fabs (bounds.origin.x + bounds.size.width - x1), <=, 6.0);
  g_assert_cmpfloat (fabs (bounds.origin.y + bounds.size.height - y1), <=, 6.0);
  gtk_window_destroy (GTK_WINDOW (win));
}

/* While the map moves, the node keeps the largest size it had (a zoom out and in again
 * paints into the frame buffers it had, not into larger, fresh ones); once the map is
 * still, it fits the ink again. */
static void
test_node_keeps_size_while_moving (void)
{
  GaWindow *win = ga_test_new_window ();
  GaOverlayCanvas *canvas = ga_map_view_get_canvas (ga_window_get_map_view (win));
  graphene_rect_t still, moving, settled;
  double x0, y0, x1, y1;

  add_styled (win, a_path, GA_RGBA (255, 0, 0, 255), 1.0);
  center_on (win, (A_W + A_E) / 2, (SQ_S + SQ_N) / 2, 13.3);
  ga_test_wait_map_settled (win, TRUE);
  canvas_node_bounds (canvas, &still);

  /* a zoom out by one level: the square is half as wide, the node as wide as before */
  for (int i = 1; i <= 5; i++)
    {
      center_on (win, (A_W + A_E) / 2, (SQ_S + SQ_N) / 2, 13.3 - 0.2 * i);
      ga_test_wait_frame (GTK_WIDGET (win));
    }
  canvas_node_bounds (canvas, &moving);
  ga_test_wait_map_settled (win, TRUE);
  ga_test_iterate_ms (400);
  canvas_node_bounds (canvas, &settled);
  ga_test_map_point (win, A_W, SQ_N, &x0, &y0);
  ga_test_map_point (win, A_E, SQ_S, &x1, &y1);
  g_test_message ("still %.0fx%.0f, moving %.0fx%.0f, settled %.0fx%.0f (square %.0fx%.0f)",
                  still.size.width, still.size.height, moving.size.width, moving.size.height,
                  settled.size.width, settled.size.height, x1 - x0, y1 - y0);
  g_assert_cmpfloat (moving.size.width, >=, still.size.width);
  g_assert_cmpfloat (moving.size.height, >=, still.size.height);
  g_assert_cmpfloat (fabs (settled.size.width - (x1 - x0)), <=, 12.0);
  g_assert_cmpfloat (fabs (settled.size.height - (y1 - y0)), <=, 12.0);
  g_assert_cmpfloat (settled.size.width, <, 0.6 * still.size.width);
  gtk_window_destroy (GTK_WINDOW (win));
}

int
main (int   argc,
      char *argv[])
{
  const char *fields[] = { "name", NULL };
  const GaTestSquare a = { A_W, SQ_S, A_E, SQ_N, { "A" } };
  const GaTestSquare b = { B_W, SQ_S, B_E, SQ_N, { "B" } };
  int ret;

  ga_test_setup_app (&argc, &argv);
  a_path = ga_test_write_squares ("square-a", fields, &a, 1);
  b_path = ga_test_write_squares ("square-b", fields, &b, 1);

  g_test_add_func ("/overlay-canvas/translucent-layers", test_translucent_layers);
  g_test_add_func ("/overlay-canvas/merges-per-frame", test_merges_per_frame);
  g_test_add_func ("/overlay-canvas/stand-ins", test_stand_ins);
  g_test_add_func ("/overlay-canvas/tiles-bounded", test_tiles_bounded);
  g_test_add_func ("/overlay-canvas/removed-while-filling", test_removed_while_filling);
  g_test_add_func ("/overlay-canvas/basemap-in-canvas", test_basemap_in_canvas);
  g_test_add_func ("/overlay-canvas/redraws-only-what-shows", test_redraws_only_what_shows);
  g_test_add_func ("/overlay-canvas/node-covers-ink", test_node_covers_ink);
  g_test_add_func ("/overlay-canvas/ink-found-by-worker", test_ink_found_by_worker);
  g_test_add_func ("/overlay-canvas/node-keeps-size-while-moving", test_node_keeps_size_while_moving);

  ret = g_test_run ();

  ga_test_stop_app ();
  g_unlink (a_path);
  g_unlink (b_path);
  g_free (a_path);
  g_free (b_path);
  return ret;
}
