/* test-inspect.c — clicking features, the chooser for overlapping ones, the attribute table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fixtures are GeoJSON squares written with GDAL; the basemap is "none" (no network).
 */
#include "config.h"

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <string.h>

#include "ga-application.h"
#include "ga-attribute-table.h"
#include "ga-feature-list.h"
#include "ga-layer-style.h"
#include "ga-overlay-source.h"
#include "ga-window.h"

#include "ga-test-ui.h"


/* ---- fixtures: GeoJSON polygons in lon/lat ---- */

/* ---- waiting ---- */

/* "plots": 0 and 1 overlap around (100.515, 13.745); 2 stands alone with a Thai name. */
static const GaTestSquare plots[] = {
  { 100.50, 13.73, 100.52, 13.75, { "Beta", "100", "park" } },
  { 100.51, 13.74, 100.53, 13.76, { "alpha", "5", "plaza" } },
  { 100.56, 13.73, 100.58, 13.75, { "สวนลุมพินี", "20", "park" } },
};
static const char *plot_fields[] = { "name", "value:r", "kind", NULL };
static char *plots_path;

/* ---- tests ---- */

static GaWindow *
open_plots (GaLayer **layer)
{
  const char *paths[] = { plots_path, NULL };
  GaWindow *win = ga_test_new_window_with (paths);

  *layer = ga_test_find_layer (win, "plots");
  g_assert_nonnull (*layer);
  g_assert_cmpuint (ga_layer_get_n_features (*layer), ==, 3);
  return win;
}

static void
test_inspect_one_feature (void)
{
  GaLayer *layer, *hl = NULL;
  GaWindow *win = open_plots (&layer);
  GaMapView *view = ga_window_get_map_view (win);
  GtkPopover *popover = ga_map_view_get_inspect_popover (view);
  g_autoptr(GString) text = g_string_new (NULL);
  guint feature = 99;
  double x, y;

  ga_test_map_point (win, 100.565, 13.735, &x, &y);
  g_assert_cmpuint (ga_map_view_inspect_at (view, x, y), ==, 1);
  ga_test_iterate_ms (50);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));

  /* All attributes with their field names; the Thai name exactly as stored. */
  ga_test_collect_labels (GTK_WIDGET (popover), text);
  g_test_message ("popover:\n%s", text->str);
  g_assert_nonnull (strstr (text->str, "plots\n"));
  g_assert_nonnull (strstr (text->str, "name\n"));
  g_assert_nonnull (strstr (text->str, "value\n"));
  g_assert_nonnull (strstr (text->str, "kind\n"));
  g_assert_nonnull (strstr (text->str, "สวนลุมพินี\n"));
  g_assert_nonnull (strstr (text->str, "20\n"));
  g_assert_null (strstr (text->str, "Beta"));

  g_assert_true (ga_map_view_get_highlight (view, &hl, &feature));
  g_assert_true (hl == layer);
  g_assert_cmpuint (feature, ==, 2);

  /* Empty map: nothing to show, the popover closes and the highlight goes. */
  ga_test_map_point (win, 100.545, 13.70, &x, &y);
  g_assert_cmpuint (ga_map_view_inspect_at (view, x, y), ==, 0);
  ga_test_iterate_ms (50);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_false (ga_map_view_get_highlight (view, NULL, NULL));

  /* A hidden layer answers no clicks. */
  ga_layer_set_visible (layer, FALSE);
  ga_test_map_point (win, 100.565, 13.735, &x, &y);
  g_assert_cmpuint (ga_map_view_hit_test (view, x, y, NULL, NULL), ==, 0);

  gtk_window_destroy (GTK_WINDOW (win));
}

static void
test_inspect_chooser (void)
{
  GaLayer *layer, *hl = NULL;
  GaWindow *win = open_plots (&layer);
  GaMapView *view = ga_window_get_map_view (win);
  GtkPopover *popover = ga_map_view_get_inspect_popover (view);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);
  GtkListBox *list;
  GtkListBoxRow *row;
  GtkWidget *stack;
  guint feature = 99;
  double x, y;

  /* In the overlap of 0 and 1: a list to choose from, the feature drawn last first. */
  ga_test_map_point (win, 100.515, 13.745, &x, &y);
  g_assert_cmpuint (ga_map_view_inspect_at (view, x, y), ==, 2);
  ga_test_iterate_ms (50);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  list = GTK_LIST_BOX (ga_test_find_descendant (GTK_WIDGET (popover), GTK_TYPE_LIST_BOX));
  g_assert_nonnull (list);
  ga_test_collect_labels (GTK_WIDGET (list), text);
  g_test_message ("chooser:\n%s", text->str);
  g_assert_nonnull (strstr (text->str, "alpha\nplots\nBeta\nplots\n"));
  g_assert_nonnull (gtk_list_box_get_row_at_index (list, 1));
  g_assert_null (gtk_list_box_get_row_at_index (list, 2));

  /* Choosing "Beta" shows its attributes and highlights it. */
  row = gtk_list_box_get_row_at_index (list, 1);
  g_signal_emit_by_name (list, "row-activated", row);
  stack = ga_test_find_descendant (GTK_WIDGET (popover), GTK_TYPE_STACK);
  g_assert_nonnull (stack);
  /* the page switch is not immediate on a loaded machine: wait for it (at most 3 s) */
  for (int i = 0; i < 300 && ga_test_find_descendant (gtk_stack_get_visible_child (GTK_STACK (stack)),
                                                       GTK_TYPE_LIST_BOX) != NULL; i++)
    ga_test_iterate_ms (10);
  ga_test_collect_labels (gtk_stack_get_visible_child (GTK_STACK (stack)), after);
  g_assert_nonnull (strstr (after->str, "Beta\n"));
  g_assert_nonnull (strstr (after->str, "100\n"));
  g_assert_null (strstr (after->str, "alpha"));
  g_assert_true (ga_map_view_get_highlight (view, &hl, &feature));
  g_assert_true (hl == layer);
  g_assert_cmpuint (feature, ==, 0);

  /* The style's filter hides features from clicks too. */
  g_assert_true (ga_style_set_filter (ga_layer_style_get (layer), "value > 50", NULL));
  ga_test_wait_map_settled (win, TRUE);
  g_assert_cmpuint (ga_map_view_hit_test (view, x, y, NULL, NULL), ==, 1);

  gtk_popover_popdown (popover);
  gtk_window_destroy (GTK_WINDOW (win));
}

static guint
row_feature (GListModel *rows,
             guint       position)
{
  g_autoptr(GaFeatureRow) row = g_list_model_get_item (rows, position);

  g_assert_nonnull (row);
  return ga_feature_row_get_feature (row);
}

static void
test_inspect_table_sort_filter (void)
{
  GaLayer *layer;
  GaWindow *win = open_plots (&layer);
  GaAttributeTable *table = GA_ATTRIBUTE_TABLE (ga_window_show_attributes (win, layer));
  GListModel *rows = ga_attribute_table_get_rows (table);

  g_assert_true (GA_IS_ATTRIBUTE_TABLE (table));
  g_assert_true (ga_window_show_attributes (win, layer) == GTK_WINDOW (table));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);
  g_assert_false (ga_attribute_table_is_numeric (table, 0));
  g_assert_true (ga_attribute_table_is_numeric (table, 1));

  /* Numeric: 5 < 20 < 100 (as text "100" would come first). */
  ga_attribute_table_sort_by (table, 1, TRUE);
  ga_test_iterate_ms (20);
  g_assert_cmpuint (row_feature (rows, 0), ==, 1);
  g_assert_cmpuint (row_feature (rows, 1), ==, 2);
  g_assert_cmpuint (row_feature (rows, 2), ==, 0);
  ga_attribute_table_sort_by (table, 1, FALSE);
  ga_test_iterate_ms (20);
  g_assert_cmpuint (row_feature (rows, 0), ==, 0);
  g_assert_cmpuint (row_feature (rows, 2), ==, 1);

  /* Text: in collation order. */
  ga_attribute_table_sort_by (table, 0, TRUE);
  ga_test_iterate_ms (20);
  for (guint i = 0; i + 1 < 3; i++)
    {
      const char *a = ga_layer_get_value (layer, row_feature (rows, i), 0);
      const char *b = ga_layer_get_value (layer, row_feature (rows, i + 1), 0);

      g_assert_cmpint (g_utf8_collate (a, b), <=, 0);
    }

  /* The text filter: any field, ignoring case; Thai too. */
  ga_attribute_table_set_search (table, "ALP");
  ga_test_iterate_ms (50);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  g_assert_cmpuint (row_feature (rows, 0), ==, 1);
  ga_attribute_table_set_search (table, "park");
  ga_test_iterate_ms (50);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 2);
  ga_attribute_table_set_search (table, "ลุมพินี");
  ga_test_iterate_ms (50);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  g_assert_cmpuint (row_feature (rows, 0), ==, 2);
  ga_attribute_table_set_search (table, "");
  ga_test_iterate_ms (50);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);

  /* The layer's style filter decides which features are listed at all. */
  g_assert_true (ga_style_set_filter (ga_layer_style_get (layer), "value < 50", NULL));
  ga_test_iterate_ms (50);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 2);
  g_assert_true (ga_style_set_filter (ga_layer_style_get (layer), NULL, NULL));
  ga_test_iterate_ms (50);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);

  gtk_window_destroy (GTK_WINDOW (table));
  gtk_window_destroy (GTK_WINDOW (win));
}

static void
test_inspect_table_select (void)
{
  GaLayer *layer, *hl = NULL;
  GaWindow *win = open_plots (&layer);
  GaMapView *view = ga_window_get_map_view (win);
  ShumateViewport *vp = ga_map_view_get_viewport (view);
  GaAttributeTable *table = GA_ATTRIBUTE_TABLE (ga_window_show_attributes (win, layer));
  GListModel *rows = ga_attribute_table_get_rows (table);
  guint feature = 99, pos = G_MAXUINT;
  double lat, lon;

  /* Away from the Thai park first. */
  shumate_viewport_set_zoom_level (vp, 12);
  shumate_location_set_location (SHUMATE_LOCATION (vp), 13.9, 100.3);
  ga_test_wait_map_settled (win, TRUE);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    if (row_feature (rows, i) == 2)
      pos = i;
  g_assert_cmpuint (pos, !=, G_MAXUINT);
  ga_attribute_table_select (table, pos);
  ga_test_wait_map_settled (win, TRUE);

  lat = shumate_location_get_latitude (SHUMATE_LOCATION (vp));
  lon = shumate_location_get_longitude (SHUMATE_LOCATION (vp));
  g_test_message ("after selecting: %.5f, %.5f zoom %.2f", lat, lon,
                  shumate_viewport_get_zoom_level (vp));
  g_assert_cmpfloat_with_epsilon (lat, 13.74, 0.003);
  g_assert_cmpfloat_with_epsilon (lon, 100.57, 0.003);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (vp), >=, 13);
  g_assert_true (ga_map_view_get_highlight (view, &hl, &feature));
  g_assert_true (hl == layer);
  g_assert_cmpuint (feature, ==, 2);

  gtk_window_destroy (GTK_WINDOW (table));
  gtk_window_destroy (GTK_WINDOW (win));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  ga_test_setup_app (&argc, &argv);
  plots_path = ga_test_write_squares ("plots", plot_fields, plots, G_N_ELEMENTS (plots));

  g_test_add_func ("/inspect/one-feature", test_inspect_one_feature);
  g_test_add_func ("/inspect/chooser", test_inspect_chooser);
  g_test_add_func ("/inspect/table-sort-filter", test_inspect_table_sort_filter);
  g_test_add_func ("/inspect/table-select", test_inspect_table_select);

  ret = g_test_run ();
  ga_test_stop_app ();
  return ret;
}
