/* test-style-editor.c — style edits change the map's pixels; the legend shows the colours;
 * a bad filter is reported inline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <gdal.h>
#include <glib/gstdio.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <string.h>

#include "ga-application.h"
#include "ga-layer-style.h"
#include "ga-overlay-source.h"
#include "ga-style-editor.h"
#include "ga-window.h"

#include "ga-test-ui.h"

/* ---- fixtures: GeoJSON polygons in lon/lat ---- */

/* ---- waiting ---- */

/* ---- pixels ---- */

/* Number of pixels of @img within @tolerance of @rgb. */
static guint
count_color (const GaTestImage *img,
             const int    rgb[3],
             int          tolerance)
{
  guint n = 0;

  for (int y = 0; y < img->height; y++)
    for (int x = 0; x < img->width; x++)
      {
        int c[3];

        ga_test_pixel_at (img, x, y, c);
        if (ga_test_color_distance (c, rgb) <= tolerance)
          n++;
      }
  return n;
}

/* "zones": two squares side by side, kinds "a" (west) and "b" (east). */
static const GaTestSquare zones[] = {
  { 100.50, 13.73, 100.52, 13.75, { "a", "1" } },
  { 100.53, 13.73, 100.55, 13.75, { "b", "2" } },
};
static const char *zone_fields[] = { "kind", "rank:r", NULL };
static char *zones_path;

static void
set_button_color (GtkColorButton *button,
                  double          r,
                  double          g,
                  double          b)
{
  GdkRGBA rgba = { r, g, b, 1.0 };

  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  g_signal_emit_by_name (button, "color-set");
}

static void
test_style_editor_fill_and_classes (void)
{
  const char *paths[] = { zones_path, NULL };
  GaWindow *win = ga_test_new_window_with (paths);
  GaMapView *view = ga_window_get_map_view (win);
  GtkWidget *map = GTK_WIDGET (ga_map_view_get_map (view));
  GaLayer *layer = ga_test_find_layer (win, "zones");
  GaStyle *style;
  GaStyleEditor *editor;
  GtkColorButton *button;
  GaTestImage before = { 0 }, after = { 0 }, classes = { 0 }, legend = { 0 };
  const int blue[3] = { 0, 0, 255 }, red[3] = { 255, 0, 0 };
  int c_before[3], c_after[3], c_a[3], c_b[3];
  double xa, ya, xb, yb;
  guint index_a = 0;

  g_assert_nonnull (layer);
  style = ga_layer_style_get (layer);
  editor = GA_STYLE_EDITOR (ga_window_edit_style (win, layer));
  g_assert_true (ga_style_editor_get_style (editor) == style);
  ga_style_set_kind (style, GA_STYLE_SINGLE);
  ga_style_set_opacity (style, 1.0);
  ga_style_set_label (style, NULL, 10, 0, 0, 0);
  ga_test_wait_map_settled (win, TRUE);

  /* South-west quarter of each zone, away from any label. */
  ga_test_map_point (win, 100.505, 13.735, &xa, &ya);
  ga_test_map_point (win, 100.535, 13.735, &xb, &yb);
  ga_test_render_widget (map, 10, TRUE, &before);
  ga_test_pixel_at (&before, xa, ya, c_before);

  /* Single symbol: pure blue fill through the editor's colour button. */
  button = ga_style_editor_get_fill_button (editor);
  g_assert_nonnull (button);
  set_button_color (button, 0, 0, 1);
  g_assert_cmphex (ga_style_get_fill (style) >> 8, ==, 0x0000ff);
  ga_test_wait_map_settled (win, TRUE);
  ga_test_render_widget (map, 10, TRUE, &after);
  ga_test_pixel_at (&after, xa, ya, c_after);
  g_test_message ("fill before (%d,%d,%d) after (%d,%d,%d)", c_before[0], c_before[1], c_before[2],
                  c_after[0], c_after[1], c_after[2]);
  g_assert_cmpint (ga_test_color_distance (c_after, blue), <=, 4);
  g_assert_cmpint (ga_test_color_distance (c_before, blue), >, 40);

  /* Categorized by "kind": make the class of "a" red in the editor. */
  ga_style_set_kind (style, GA_STYLE_CATEGORIZED);
  ga_style_set_field (style, "kind");
  ga_style_classify (style, layer);
  g_assert_cmpuint (ga_style_get_n_classes (style), >=, 2);
  for (guint i = 0; i < ga_style_get_n_classes (style); i++)
    if (g_strcmp0 (ga_style_get_class (style, i)->value, "a") == 0)
      index_a = i;
  g_assert_cmpstr (ga_style_get_class (style, index_a)->value, ==, "a");
  button = ga_style_editor_get_class_button (editor, index_a);
  g_assert_nonnull (button);
  set_button_color (button, 1, 0, 0);
  g_assert_cmphex (ga_style_get_class (style, index_a)->color >> 8, ==, 0xff0000);
  ga_test_wait_map_settled (win, TRUE);
  ga_test_render_widget (map, 10, TRUE, &classes);
  ga_test_pixel_at (&classes, xa, ya, c_a);
  ga_test_pixel_at (&classes, xb, yb, c_b);
  g_test_message ("class a (%d,%d,%d) b (%d,%d,%d)", c_a[0], c_a[1], c_a[2], c_b[0], c_b[1], c_b[2]);
  g_assert_cmpint (ga_test_color_distance (c_a, red), <=, 4);
  g_assert_cmpint (ga_test_color_distance (c_b, red), >, 40);

  /* The legend panel shows the class colour (same drawing code as exports). */
  g_assert_true (ga_map_view_get_legend_visible (view));
  ga_test_render_widget (ga_map_view_get_legend_area (view), 10, TRUE, &legend);
  g_test_message ("legend %dx%d, red pixels %u", legend.width, legend.height,
                  count_color (&legend, red, 4));
  g_assert_cmpuint (count_color (&legend, red, 4), >=, 20);

  /* L hides it. */
  g_action_group_activate_action (G_ACTION_GROUP (win), "toggle-legend", NULL);
  ga_test_iterate_ms (20);
  g_assert_false (gtk_widget_get_visible (ga_map_view_get_legend_area (view)));

  ga_test_image_clear (&before);
  ga_test_image_clear (&after);
  ga_test_image_clear (&classes);
  ga_test_image_clear (&legend);
  gtk_window_destroy (GTK_WINDOW (editor));
  gtk_window_destroy (GTK_WINDOW (win));
}

static void
test_style_editor_filter (void)
{
  const char *paths[] = { zones_path, NULL };
  GaWindow *win = ga_test_new_window_with (paths);
  GaMapView *view = ga_window_get_map_view (win);
  GtkWidget *map = GTK_WIDGET (ga_map_view_get_map (view));
  GaLayer *layer = ga_test_find_layer (win, "zones");
  GaStyle *style = ga_layer_style_get (layer);
  GaStyleEditor *editor = GA_STYLE_EDITOR (ga_window_edit_style (win, layer));
  GaTestImage img = { 0 }, bare = { 0 };
  int c_a[3], c_b[3], bg[3];
  double xa, ya, xb, yb;

  ga_style_set_kind (style, GA_STYLE_SINGLE);
  ga_style_set_fill (style, GA_RGBA (0, 0, 255, 255));
  ga_style_set_opacity (style, 1.0);
  ga_test_map_point (win, 100.505, 13.735, &xa, &ya);
  ga_test_map_point (win, 100.535, 13.735, &xb, &yb);

  /* A bad expression: the message under the field, the old filter stays. */
  g_assert_null (ga_style_editor_get_filter_error (editor));
  ga_style_editor_apply_filter (editor, "kind = = 'a'");
  g_test_message ("filter error: %s", ga_style_editor_get_filter_error (editor));
  g_assert_nonnull (ga_style_editor_get_filter_error (editor));
  g_assert_cmpuint (strlen (ga_style_editor_get_filter_error (editor)), >, 5);
  g_assert_true (ga_style_get_filter (style) == NULL || *ga_style_get_filter (style) == '\0');

  /* A good one clears the error and hides zone "b" on the map. */
  ga_style_editor_apply_filter (editor, "kind = 'a'");
  g_assert_null (ga_style_editor_get_filter_error (editor));
  g_assert_cmpstr (ga_style_get_filter (style), ==, "kind = 'a'");
  ga_test_wait_map_settled (win, TRUE);
  ga_test_render_widget (map, 10, TRUE, &img);
  ga_test_pixel_at (&img, xa, ya, c_a);
  ga_test_pixel_at (&img, xb, yb, c_b);
  ga_layer_set_visible (layer, FALSE);
  ga_test_iterate_ms (50);
  ga_test_render_widget (map, 10, TRUE, &bare);
  ga_test_pixel_at (&bare, xb, yb, bg);
  g_test_message ("a (%d,%d,%d) b (%d,%d,%d) bg (%d,%d,%d)", c_a[0], c_a[1], c_a[2],
                  c_b[0], c_b[1], c_b[2], bg[0], bg[1], bg[2]);
  g_assert_cmpint (ga_test_color_distance (c_a, (int[3]) { 0, 0, 255 }), <=, 4);
  g_assert_cmpint (ga_test_color_distance (c_b, bg), <=, 2);

  ga_test_image_clear (&img);
  ga_test_image_clear (&bare);
  gtk_window_destroy (GTK_WINDOW (editor));
  gtk_window_destroy (GTK_WINDOW (win));
}

/* The first AdwComboRow titled @title under @widget. */
static GtkWidget *
find_combo_row (GtkWidget  *widget,
                const char *title)
{
  if (ADW_IS_COMBO_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_combo_row (c, title);

      if (found)
        return found;
    }
  return NULL;
}

/* A style chosen in the editor is classified in a worker: the kind changes at once, the
 * classes when the main loop gets them (a heatmap of a million points takes 0.6 s). */
static void
test_style_editor_classify_in_worker (void)
{
  const char *paths[] = { zones_path, NULL };
  GaWindow *win = ga_test_new_window_with (paths);
  GaLayer *layer = ga_test_find_layer (win, "zones");
  GaStyle *style = ga_layer_style_get (layer);
  GaStyleEditor *editor = GA_STYLE_EDITOR (ga_window_edit_style (win, layer));
  GtkWidget *kind_row;
  gboolean found_a = FALSE;
  gint64 end;

  ga_style_set_kind (style, GA_STYLE_SINGLE);
  ga_test_iterate_ms (50);
  kind_row = find_combo_row (GTK_WIDGET (editor), "Style");
  g_assert_nonnull (kind_row);
  for (guint i = 0; ga_style_get_kind (style) != GA_STYLE_CATEGORIZED; i++)
    {
      g_assert_cmpuint (i, <, 6);
      adw_combo_row_set_selected (ADW_COMBO_ROW (kind_row), i);
    }
  g_assert_cmpuint (ga_style_get_n_classes (style), ==, 0);
  g_assert_true (ga_style_editor_get_classifying (editor));

  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (ga_style_editor_get_classifying (editor) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (ga_style_editor_get_classifying (editor));
  g_assert_cmpint (ga_style_get_kind (style), ==, GA_STYLE_CATEGORIZED);
  g_assert_cmpuint (ga_style_get_n_classes (style), >=, 2);
  for (guint i = 0; i < ga_style_get_n_classes (style); i++)
    found_a |= g_strcmp0 (ga_style_get_class (style, i)->value, "a") == 0;
  g_assert_true (found_a);

  gtk_window_destroy (GTK_WINDOW (editor));
  gtk_window_destroy (GTK_WINDOW (win));
}

/* "Load Style…" of a style file without classes: the classes are made for this layer in a
 * worker, not on the main thread; a file that is no style is an error naming it. */
static void
test_style_editor_load_classifies_in_worker (void)
{
  const char *paths[] = { zones_path, NULL };
  GaWindow *win = ga_test_new_window_with (paths);
  GaLayer *layer = ga_test_find_layer (win, "zones");
  GaStyle *style = ga_layer_style_get (layer);
  GaStyleEditor *editor = GA_STYLE_EDITOR (ga_window_edit_style (win, layer));
  g_autofree char *path = ga_test_fixture ("categorized.json");
  g_autofree char *bad = ga_test_fixture ("not-a-style.json");
  g_autoptr(GaStyle) preset = ga_style_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  gint64 end;

  ga_style_set_kind (preset, GA_STYLE_CATEGORIZED);
  ga_style_set_field (preset, "kind");
  g_assert_cmpuint (ga_style_get_n_classes (preset), ==, 0);
  node = ga_style_to_json (preset);
  json_generator_set_root (generator, node);
  g_assert_true (json_generator_to_file (generator, path, &error));
  g_assert_no_error (error);

  ga_style_set_kind (style, GA_STYLE_SINGLE);
  ga_test_iterate_ms (50);
  g_assert_true (ga_style_editor_load_file (editor, path, &error));
  g_assert_no_error (error);
  /* loaded at once, classified later */
  g_assert_cmpint (ga_style_get_kind (style), ==, GA_STYLE_CATEGORIZED);
  g_assert_cmpuint (ga_style_get_n_classes (style), ==, 0);
  g_assert_true (ga_style_editor_get_classifying (editor));
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (ga_style_editor_get_classifying (editor) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (ga_style_editor_get_classifying (editor));
  g_assert_cmpuint (ga_style_get_n_classes (style), >=, 2);

  g_assert_true (g_file_set_contents (bad, "[ 1, 2 ]", -1, NULL));
  g_assert_false (ga_style_editor_load_file (editor, bad, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "not-a-style.json"));
  /* the edited style is kept */
  g_assert_cmpint (ga_style_get_kind (style), ==, GA_STYLE_CATEGORIZED);

  g_unlink (path);
  g_unlink (bad);
  gtk_window_destroy (GTK_WINDOW (editor));
  gtk_window_destroy (GTK_WINDOW (win));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  ga_test_setup_app (&argc, &argv);
  zones_path = ga_test_write_squares ("zones", zone_fields, zones, G_N_ELEMENTS (zones));

  g_test_add_func ("/style-editor/fill-and-classes", test_style_editor_fill_and_classes);
  g_test_add_func ("/style-editor/filter", test_style_editor_filter);
  g_test_add_func ("/style-editor/classify-in-worker", test_style_editor_classify_in_worker);
  g_test_add_func ("/style-editor/load-classifies-in-worker",
                   test_style_editor_load_classifies_in_worker);

  ret = g_test_run ();
  ga_test_stop_app ();
  return ret;
}
