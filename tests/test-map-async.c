/* test-map-async.c — styles made and prepared off the main thread, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 6: the default style of a loaded layer, and the snapshot the map draws it with, are
 * made in the load worker; any other snapshot is prepared in a worker by the map view
 * (ga_overlay_source_new_async), which shows the layer's map layer once it is ready.  These
 * tests check the behaviour, not the timing (bench-map-ui measures that): a loaded layer
 * arrives with its default style and a ready overlay; a layer added without a snapshot has
 * a hidden overlay until it is ready and then shows the features; a restyle while the first
 * snapshot is still being prepared ends with one overlay in the new style; and Cancel while
 * the styles are being made leaves nothing behind and a window that still loads files.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "ga-layer-row.h"
#include "ga-layer-style.h"
#include "ga-overlay-source.h"
#include "ga-reader.h"
#include "ga-window.h"

#include "ga-test-ui.h"

#define SQ_W 100.50
#define SQ_E 100.53
#define SQ_S 13.73
#define SQ_N 13.76

static char *square_path;


static void
open_path (GaWindow   *win,
           const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  ga_window_open_files (win, &file, 1);
}

/* Runs the main loop one iteration at a time until the store has a layer: the first
 * moment the map view has seen it. */
static GaLayer *
iterate_until_added (GaWindow *win)
{
  GaLayerStore *store = ga_window_get_layer_store (win);
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (ga_layer_store_get_n_layers (store) == 0 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (ga_layer_store_get_n_layers (store), ==, 1);
  return ga_layer_store_get (store, 0);
}

/* Overlay map layers in the map that draw @layer (placeholders included). */
static guint
count_overlays_of (GaWindow *win,
                   GaLayer  *layer)
{
  GaOverlayCanvas *canvas = ga_map_view_get_canvas (ga_window_get_map_view (win));
  guint n = 0;

  for (guint i = 0; i < ga_overlay_canvas_get_n_layers (canvas); i++)
    {
      ShumateMapSource *source = ga_tile_layer_get_source (ga_overlay_canvas_get_layer (canvas, i));

      if (GA_IS_OVERLAY_SOURCE (source)
          && ga_overlay_source_get_layer (GA_OVERLAY_SOURCE (source)) == layer)
        n++;
    }
  return n;
}

/* The colour of the map at the square's centre and well outside it. */
static void
square_pixels (GaWindow *win,
               int       inside[3],
               int       outside[3])
{
  GtkWidget *map = GTK_WIDGET (ga_map_view_get_map (ga_window_get_map_view (win)));
  GaTestImage img = { 0 };
  double x, y, w, wy;

  ga_test_wait_map_settled (win, TRUE);
  ga_test_map_point (win, (SQ_W + SQ_E) / 2, (SQ_S + SQ_N) / 2, &x, &y);
  ga_test_map_point (win, SQ_W, SQ_S, &w, &wy);
  ga_test_render_widget (map, 100, TRUE, &img);
  /* The map shows the square with a margin: its left edge is background. */
  g_assert_cmpfloat (w, >, 10);
  ga_test_pixel_at (&img, x, y, inside);
  ga_test_pixel_at (&img, 3, y, outside);
  ga_test_image_clear (&img);
}

/* A loaded layer reaches the store with its default style and the snapshot the map draws
 * it with, both made by the load worker: its overlay is ready at once. */
static void
test_load_default_style (void)
{
  GaWindow *win = ga_test_new_window ();
  GaMapView *view = ga_window_get_map_view (win);
  g_autoptr(GaStyle) fresh = NULL;
  g_autoptr(JsonNode) a = NULL, b = NULL;
  GaLayer *layer;
  GaTileLayer *overlay;
  GaStyle *drawn;
  int inside[3], outside[3];

  open_path (win, square_path);
  layer = iterate_until_added (win);
  g_assert_true (ga_layer_style_has (layer));
  fresh = ga_style_new_for_layer (layer);
  a = ga_style_to_json (ga_layer_style_get (layer));
  b = ga_style_to_json (fresh);
  g_assert_true (json_node_equal (a, b));

  overlay = ga_map_view_get_overlay_layer (view, layer);
  g_assert_nonnull (overlay);
  drawn = ga_map_view_get_drawn_style (view, layer);
  g_assert_nonnull (drawn);
  g_assert_true (drawn != ga_layer_style_get (layer));
  g_assert_cmpuint (ga_style_get_fill (drawn), ==, ga_style_get_fill (ga_layer_style_get (layer)));
  g_assert_true (ga_tile_layer_get_visible (overlay));
  /* Used once: a later source for the same style prepares its own. */
  g_assert_null (ga_overlay_source_take_prepared (layer, ga_layer_style_get (layer)));

  ga_test_wait_loaded (win);
  square_pixels (win, inside, outside);
  g_assert_cmpuint (ga_map_view_get_n_refreshing (view), ==, 0);
  g_assert_cmpuint (count_overlays_of (win, layer), ==, 1);
  g_test_message ("inside %d,%d,%d outside %d,%d,%d", inside[0], inside[1], inside[2],
                  outside[0], outside[1], outside[2]);
  g_assert_cmpint (ga_test_color_distance (inside, outside), >, 60);
  gtk_window_destroy (GTK_WINDOW (win));
}

/* The load worker's snapshot is only used for the style it was made from, unchanged. */
static void
test_prepared_snapshot_matches (void)
{
  g_autoptr(GPtrArray) layers = ga_reader_load (square_path, NULL, NULL, NULL, NULL, NULL);
  GaLayer *layer;
  g_autoptr(GaStyle) style = NULL, other = NULL, snapshot = NULL, taken = NULL;

  g_assert_nonnull (layers);
  layer = g_ptr_array_index (layers, 0);
  style = ga_style_new_for_layer (layer);
  other = ga_style_copy (style);
  snapshot = ga_style_copy (style);
  ga_style_prepare (snapshot, layer);

  ga_overlay_source_attach_prepared (layer, style, snapshot);
  g_assert_null (ga_overlay_source_take_prepared (layer, other));
  g_assert_null (ga_overlay_source_take_prepared (layer, style));

  ga_overlay_source_attach_prepared (layer, style, snapshot);
  ga_style_set_fill (style, GA_RGBA (1, 2, 3, 255));
  g_assert_null (ga_overlay_source_take_prepared (layer, style));

  ga_overlay_source_attach_prepared (layer, style, snapshot);
  taken = ga_overlay_source_take_prepared (layer, style);
  g_assert_true (taken == snapshot);
  /* No handler left on the style. */
  ga_style_set_fill (style, GA_RGBA (4, 5, 6, 255));
}

/* Adds @path's layer to the window's store with a single-colour style, as a project does:
 * without a snapshot prepared ahead. */
static GaLayer *
add_styled (GaWindow   *win,
            const char *path,
            GaRgba      fill)
{
  g_autoptr(GPtrArray) layers = ga_reader_load (path, NULL, NULL, NULL, NULL, NULL);
  g_autoptr(GaStyle) style = NULL;
  GaLayer *layer;

  g_assert_nonnull (layers);
  layer = g_ptr_array_index (layers, 0);
  style = ga_style_new_for_layer (layer);
  ga_style_set_kind (style, GA_STYLE_SINGLE);
  ga_style_set_fill (style, fill);
  ga_style_set_opacity (style, 1.0);
  ga_layer_style_set (layer, style);
  ga_layer_store_add (ga_window_get_layer_store (win), layer);
  return layer;
}

static void
zoom_to_square (GaWindow *win)
{
  GaExtent extent;

  ga_layer_store_get_extent (ga_window_get_layer_store (win), TRUE, &extent);
  ga_map_view_zoom_to_extent (ga_window_get_map_view (win), &extent, FALSE);
}

/* A layer added without a snapshot: its overlay stays hidden (no snapshot to draw with)
 * until a worker has prepared one, then draws the square in its style. */
static void
test_added_layer_prepared_async (void)
{
  const int magenta[3] = { 255, 0, 255 };
  GaWindow *win = ga_test_new_window ();
  GaMapView *view = ga_window_get_map_view (win);
  GaTileLayer *overlay;
  GaLayer *layer;
  int inside[3], outside[3];

  layer = add_styled (win, square_path, GA_RGBA (255, 0, 255, 255));
  /* Not prepared yet: the worker's result needs a main-loop iteration. */
  overlay = ga_map_view_get_overlay_layer (view, layer);
  g_assert_nonnull (overlay);
  g_assert_null (ga_map_view_get_drawn_style (view, layer));
  g_assert_false (ga_tile_layer_get_visible (overlay));
  g_assert_cmpuint (ga_map_view_get_n_refreshing (view), >=, 1);
  g_assert_cmpuint (ga_overlay_source_get_n_pending (), >=, 1);
  /* Hiding and showing it meanwhile keeps it hidden until it can draw. */
  ga_layer_set_visible (layer, FALSE);
  ga_layer_set_visible (layer, TRUE);
  g_assert_false (ga_tile_layer_get_visible (overlay));

  zoom_to_square (win);
  square_pixels (win, inside, outside);
  g_assert_true (ga_map_view_get_overlay_layer (view, layer) == overlay);
  g_assert_true (ga_tile_layer_get_visible (overlay));
  g_assert_cmpuint (ga_style_get_fill (ga_map_view_get_drawn_style (view, layer)), ==,
                    GA_RGBA (255, 0, 255, 255));
  g_assert_cmpuint (ga_map_view_get_n_refreshing (view), ==, 0);
  g_assert_cmpint (ga_test_color_distance (inside, magenta), <, 30);

  ga_layer_set_visible (layer, FALSE);
  g_assert_false (ga_tile_layer_get_visible (overlay));
  ga_layer_set_visible (layer, TRUE);
  g_assert_true (ga_tile_layer_get_visible (overlay));
  gtk_window_destroy (GTK_WINDOW (win));
}

/* A style change before the first snapshot is ready replaces it: one overlay, new colour;
 * a change of a ready layer swaps in the new colour. */
static void
test_restyle_while_preparing (void)
{
  GaWindow *win = ga_test_new_window ();
  GaMapView *view = ga_window_get_map_view (win);
  GaLayer *layer;
  GaStyle *style;
  int inside[3], outside[3];

  layer = add_styled (win, square_path, GA_RGBA (255, 0, 255, 255));
  g_assert_null (ga_map_view_get_drawn_style (view, layer));
  style = ga_layer_style_get (layer);
  ga_style_set_fill (style, GA_RGBA (0, 160, 0, 255));
  ga_map_view_restyle (view, layer);

  zoom_to_square (win);
  square_pixels (win, inside, outside);
  g_assert_cmpuint (ga_style_get_fill (ga_map_view_get_drawn_style (view, layer)), ==,
                    GA_RGBA (0, 160, 0, 255));
  g_assert_cmpuint (count_overlays_of (win, layer), ==, 1);
  g_assert_cmpint (ga_test_color_distance (inside, (const int[3]) { 0, 160, 0 }), <, 30);

  ga_style_set_fill (style, GA_RGBA (0, 0, 255, 255));
  ga_map_view_restyle (view, layer);
  g_assert_cmpuint (ga_map_view_get_n_refreshing (view), >=, 1);
  square_pixels (win, inside, outside);
  g_assert_cmpint (ga_test_color_distance (inside, (const int[3]) { 0, 0, 255 }), <, 30);
  g_assert_cmpuint (count_overlays_of (win, layer), ==, 1);
  gtk_window_destroy (GTK_WINDOW (win));
}

/* Cancel while the read file's layers get their default styles: no layer, no toast, the
 * row goes, and the window then loads and shows another file. */
static void
test_cancel_while_styling (void)
{
  g_autofree char *path = ga_test_fixture ("points.csv");
  g_autoptr(GString) csv = g_string_new ("lon,lat,name,tco2e\n");
  GaWindow *win;
  GtkWidget *bar, *row, *button;
  GaLayerStore *store;
  gint64 end;
  int inside[3], outside[3];

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (csv, "100.%06u,13.%06u,p%u,%u.5\n", 300000 + (i % 100) * 500,
                            500000 + (i / 100) * 1000, i, (i * 7919) % 10007);
  g_assert_true (g_file_set_contents (path, csv->str, csv->len, NULL));

  win = ga_test_new_window ();
  store = ga_window_get_layer_store (win);
  open_path (win, path);
  bar = ga_test_find_descendant (GTK_WIDGET (win), GTK_TYPE_PROGRESS_BAR);
  g_assert_nonnull (bar);
  /* The file is read when the row says the styles are being made. */
  end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!gtk_progress_bar_get_show_text (GTK_PROGRESS_BAR (bar))
         && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_progress_bar_get_show_text (GTK_PROGRESS_BAR (bar)));
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (bar)), ==, 1.0);
  g_assert_cmpuint (ga_window_get_n_loading (win), ==, 1);
  g_assert_cmpuint (ga_layer_store_get_n_layers (store), ==, 0);

  row = gtk_widget_get_ancestor (bar, GTK_TYPE_LIST_BOX_ROW);
  button = ga_test_find_descendant (row, GTK_TYPE_BUTTON);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  ga_test_wait_loaded (win);
  g_assert_cmpuint (ga_layer_store_get_n_layers (store), ==, 0);
  g_assert_cmpuint (ga_window_get_n_toasts (win), ==, 0);
  g_assert_null (ga_test_find_descendant (GTK_WIDGET (win), GTK_TYPE_PROGRESS_BAR));

  /* Still usable. */
  open_path (win, square_path);
  ga_test_wait_loaded (win);
  g_assert_cmpuint (ga_layer_store_get_n_layers (store), ==, 1);
  square_pixels (win, inside, outside);
  g_assert_cmpint (ga_test_color_distance (inside, outside), >, 60);
  gtk_window_destroy (GTK_WINDOW (win));
  g_unlink (path);
}

/* Two files: the big one first.  The small one is read first and waits (its layer's colour
 * depends on how many layers the big one has) without making styles; Cancel ends it at
 * once, and only the big file's layer arrives, with the first colour of the palette. */
static void
test_cancel_while_waiting (void)
{
  g_autofree char *path = ga_test_fixture ("big.csv");
  g_autoptr(GString) csv = g_string_new ("lon,lat,name\n");
  g_autoptr(GFile) big = NULL, small = NULL;
  GFile *files[2];
  GaWindow *win;
  GaLayerStore *store;
  GtkWidget *list, *big_row, *small_row, *small_bar, *big_bar, *button;
  gint64 end;

  /* 300,000 points: about a second to read. */
  for (guint i = 0; i < 300000; i++)
    g_string_append_printf (csv, "100.%06u,13.%06u,p%u\n", 300000 + (i % 1000) * 500,
                            500000 + (i / 1000) * 1000, i);
  g_assert_true (g_file_set_contents (path, csv->str, csv->len, NULL));
  big = g_file_new_for_path (path);
  small = g_file_new_for_path (square_path);
  files[0] = big;
  files[1] = small;

  win = ga_test_new_window ();
  store = ga_window_get_layer_store (win);
  ga_window_open_files (win, files, 2);
  big_bar = ga_test_find_descendant (GTK_WIDGET (win), GTK_TYPE_PROGRESS_BAR);
  g_assert_nonnull (big_bar);
  big_row = gtk_widget_get_ancestor (big_bar, GTK_TYPE_LIST_BOX_ROW);
  list = gtk_widget_get_parent (big_row);
  small_row = gtk_widget_get_next_sibling (big_row);
  g_assert_nonnull (small_row);
  small_bar = ga_test_find_descendant (small_row, GTK_TYPE_PROGRESS_BAR);

  end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (small_bar)) < 1.0
         && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (small_bar)), ==, 1.0);
  /* The big file is still being read (else this test proves nothing). */
  g_test_message ("big file at %.2f", gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (big_bar)));
  g_assert_cmpuint (ga_window_get_n_loading (win), ==, 2);
  g_assert_false (gtk_progress_bar_get_show_text (GTK_PROGRESS_BAR (big_bar)));
  g_assert_false (gtk_progress_bar_get_show_text (GTK_PROGRESS_BAR (small_bar)));
  g_assert_true (gtk_widget_get_visible (small_row));

  button = ga_test_find_descendant (small_row, GTK_TYPE_BUTTON);
  g_signal_emit_by_name (button, "clicked");
  /* at once when it waits; if its read had ended but not been handed over yet, when it is */
  end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (gtk_widget_get_visible (small_row) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (gtk_widget_get_visible (small_row));
  g_assert_true (gtk_widget_get_visible (big_row));

  ga_test_wait_loaded (win);
  g_assert_false (gtk_widget_get_visible (list));
  g_assert_cmpuint (ga_layer_store_get_n_layers (store), ==, 1);
  g_assert_cmpuint (ga_layer_get_n_features (ga_layer_store_get (store, 0)), ==, 300000);
  g_assert_cmphex (ga_layer_get_color (ga_layer_store_get (store, 0)), ==, ga_palette_color (0));
  g_assert_cmpuint (ga_window_get_n_toasts (win), ==, 0);
  gtk_window_destroy (GTK_WINDOW (win));
  g_unlink (path);
}

static void
count_change (guint *changes)
{
  (*changes)++;
}

/* A theme chosen in the layer row is applied to a copy in a worker (a heatmap of a million
 * points classifies for 0.6 s): the layer's style changes when the main loop gets the copy,
 * with one "changed", exactly as applying the theme at once would; of two themes chosen
 * one after the other the second wins and the first never lands. */
static void
test_theme_in_worker (void)
{
  static const GaTheme order[] = { GA_THEME_GREEN_SPACE, GA_THEME_TRANSIT_LINES,
                                   GA_THEME_TRANSIT_STOPS, GA_THEME_EMISSIONS,
                                   GA_THEME_DISTRICTS, GA_THEME_OTHER };
  GaWindow *win = ga_test_new_window ();
  GaLayer *layer;
  GaStyle *style;
  GtkWidget *row, *dropdown;
  g_autoptr(GaStyle) expected = ga_style_new ();
  g_autoptr(JsonNode) a = NULL, b = NULL;
  guint changes = 0, first = G_MAXUINT, second = G_MAXUINT;
  gint64 end;

  open_path (win, square_path);
  layer = iterate_until_added (win);
  ga_test_wait_loaded (win);
  style = ga_layer_style_get (layer);
  row = ga_test_find_descendant (GTK_WIDGET (win), GA_TYPE_LAYER_ROW);
  g_assert_nonnull (row);
  dropdown = ga_test_find_descendant (row, GTK_TYPE_DROP_DOWN);
  g_assert_nonnull (dropdown);
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (order[i] != ga_style_get_theme (style) && order[i] != GA_THEME_OTHER)
      {
        if (first == G_MAXUINT)
          first = i;
        else if (second == G_MAXUINT)
          second = i;
      }
  g_signal_connect_swapped (style, "changed", G_CALLBACK (count_change), &changes);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), first);
  g_assert_cmpint (ga_style_get_theme (style), !=, order[first]); /* not on this thread */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), second);
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (ga_style_get_theme (style) != order[second] && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (ga_style_get_theme (style), ==, order[second]);
  /* the first theme's worker was cancelled: nothing more arrives */
  end = g_get_monotonic_time () + G_USEC_PER_SEC / 3;
  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (ga_style_get_theme (style), ==, order[second]);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), ==, second);

  ga_style_apply_theme (expected, order[second], layer);
  a = ga_style_to_json (style);
  b = ga_style_to_json (expected);
  g_assert_true (json_node_equal (a, b));
  g_signal_handlers_disconnect_by_data (style, &changes);
  gtk_window_destroy (GTK_WINDOW (win));
}

int
main (int   argc,
      char *argv[])
{
  const char *fields[] = { "name", NULL };
  const GaTestSquare square = { SQ_W, SQ_S, SQ_E, SQ_N, { "Square" } };
  int ret;

  ga_test_setup_app (&argc, &argv);
  square_path = ga_test_write_squares ("square", fields, &square, 1);

  g_test_add_func ("/map-async/load-default-style", test_load_default_style);
  g_test_add_func ("/map-async/prepared-snapshot-matches", test_prepared_snapshot_matches);
  g_test_add_func ("/map-async/added-layer-prepared-async", test_added_layer_prepared_async);
  g_test_add_func ("/map-async/restyle-while-preparing", test_restyle_while_preparing);
  g_test_add_func ("/map-async/cancel-while-styling", test_cancel_while_styling);
  g_test_add_func ("/map-async/cancel-while-waiting", test_cancel_while_waiting);
  g_test_add_func ("/map-async/theme-in-worker", test_theme_in_worker);

  ret = g_test_run ();

  ga_test_stop_app ();
  g_unlink (square_path);
  g_free (square_path);
  return ret;
}
