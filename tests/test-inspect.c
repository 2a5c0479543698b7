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

static GaApplication *app;
static char *fixture_dir;

/* ---- fixtures: GeoJSON polygons in lon/lat ---- */

typedef struct
{
  double      w, s, e, n;
  const char *values[3];
} Square;

static char *
write_squares (const char         *name,
               const char * const *fields,
               const Square       *squares,
               guint               n_squares)
{
  g_autofree char *file = g_strdup_printf ("%s.geojson", name);
  char *path = g_build_filename (fixture_dir, file, NULL);
  GDALDriverH driver = GDALGetDriverByName ("GeoJSON");
  GDALDatasetH ds = GDALCreate (driver, path, 0, 0, 0, GDT_Unknown, NULL);
  OGRSpatialReferenceH srs = OSRNewSpatialReference (NULL);
  OGRLayerH layer;
  guint n_fields = 0;

  g_assert_nonnull (ds);
  OSRImportFromEPSG (srs, 4326);
  OSRSetAxisMappingStrategy (srs, OAMS_TRADITIONAL_GIS_ORDER);
  layer = GDALDatasetCreateLayer (ds, name, srs, wkbPolygon, NULL);
  for (; fields[n_fields]; n_fields++)
    {
      /* "name:r" is a real (numeric) field */
      g_auto(GStrv) parts = g_strsplit (fields[n_fields], ":", 2);
      OGRFieldDefnH field = OGR_Fld_Create (parts[0], parts[1] ? OFTReal : OFTString);

      OGR_L_CreateField (layer, field, TRUE);
      OGR_Fld_Destroy (field);
    }
  for (guint i = 0; i < n_squares; i++)
    {
      const Square *sq = &squares[i];
      OGRGeometryH ring = OGR_G_CreateGeometry (wkbLinearRing);
      OGRGeometryH polygon = OGR_G_CreateGeometry (wkbPolygon);
      OGRFeatureH feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));

      OGR_G_AddPoint_2D (ring, sq->w, sq->s);
      OGR_G_AddPoint_2D (ring, sq->e, sq->s);
      OGR_G_AddPoint_2D (ring, sq->e, sq->n);
      OGR_G_AddPoint_2D (ring, sq->w, sq->n);
      OGR_G_AddPoint_2D (ring, sq->w, sq->s);
      OGR_G_AddGeometryDirectly (polygon, ring);
      for (guint f = 0; f < n_fields; f++)
        OGR_F_SetFieldString (feature, f, sq->values[f]);
      OGR_F_SetGeometryDirectly (feature, polygon);
      g_assert_cmpint (OGR_L_CreateFeature (layer, feature), ==, OGRERR_NONE);
      OGR_F_Destroy (feature);
    }
  OSRDestroySpatialReference (srs);
  GDALClose (ds);
  return path;
}

/* ---- waiting ---- */

static gboolean
on_tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static void
iterate_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;
  guint id = g_timeout_add (10, on_tick_cb, NULL);

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
}

/* Waits until the view stops moving, no style refresh is pending and no overlay tile is
 * being drawn, for 300 ms. */
static void
wait_map_settled (GaWindow *win)
{
  GaMapView *view = ga_window_get_map_view (win);
  ShumateViewport *vp = ga_map_view_get_viewport (view);
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  double last[3] = { 0 };
  guint last_filled = G_MAXUINT;
  guint stable = 0;

  while (g_get_monotonic_time () < end && stable < 30)
    {
      double now[3] = { shumate_viewport_get_zoom_level (vp),
                        shumate_location_get_latitude (SHUMATE_LOCATION (vp)),
                        shumate_location_get_longitude (SHUMATE_LOCATION (vp)) };
      guint filled = ga_overlay_source_get_n_filled ();

      if (memcmp (now, last, sizeof now) == 0 && filled == last_filled
          && ga_overlay_source_get_n_pending () == 0 && ga_map_view_get_n_refreshing (view) == 0)
        stable++;
      else
        stable = 0;
      memcpy (last, now, sizeof now);
      last_filled = filled;
      iterate_ms (10);
    }
  g_assert_cmpuint (stable, >=, 30);
}

static GaWindow *
new_window_with (const char * const *paths)
{
  GaWindow *win = ga_window_new (GTK_APPLICATION (app));
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  GtkWidget *map = GTK_WIDGET (ga_map_view_get_map (ga_window_get_map_view (win)));
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  g_action_group_change_action_state (G_ACTION_GROUP (win), "basemap",
                                      g_variant_new_string ("none"));
  gtk_window_set_default_size (GTK_WINDOW (win), 1000, 700);
  gtk_window_present (GTK_WINDOW (win));
  while (!(gtk_widget_get_mapped (map) && gtk_widget_get_width (map) > 100)
         && g_get_monotonic_time () < end)
    iterate_ms (10);
  g_assert_true (gtk_widget_get_mapped (map));

  for (guint i = 0; paths[i]; i++)
    g_ptr_array_add (files, g_file_new_for_path (paths[i]));
  ga_window_open_files (win, (GFile **) files->pdata, files->len);
  while (ga_window_get_n_loading (win) > 0 && g_get_monotonic_time () < end)
    iterate_ms (10);
  g_assert_cmpuint (ga_window_get_n_loading (win), ==, 0);
  wait_map_settled (win);
  return win;
}

static GaLayer *
find_layer (GaWindow   *win,
            const char *name)
{
  GaLayerStore *store = ga_window_get_layer_store (win);

  for (guint i = 0; i < ga_layer_store_get_n_layers (store); i++)
    if (g_strcmp0 (ga_layer_get_name (ga_layer_store_get (store, i)), name) == 0)
      return ga_layer_store_get (store, i);
  return NULL;
}

static void
map_point (GaWindow *win,
           double    lon,
           double    lat,
           double   *x,
           double   *y)
{
  GaMapView *view = ga_window_get_map_view (win);

  shumate_viewport_location_to_widget_coords (ga_map_view_get_viewport (view),
                                              GTK_WIDGET (ga_map_view_get_map (view)),
                                              lat, lon, x, y);
}

static void
collect_labels (GtkWidget *widget,
                GString   *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    {
      g_string_append (text, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (text, '\n');
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, text);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found)
        return found;
    }
  return NULL;
}

static void
setup_app (int    *argc,
           char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cache = g_dir_make_tmp ("ga-test-cache-XXXXXX", NULL);

  /* libshumate caches tiles under XDG_CACHE_HOME: keep it out of the user's home. */
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_setenv ("GA_BASEMAP_URL", "http://127.0.0.1:9/{z}/{x}/{y}.png", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_test_init (argc, argv, NULL);
  GDALAllRegister ();
  fixture_dir = g_dir_make_tmp ("ga-test-ui-XXXXXX", NULL);
  g_assert_nonnull (fixture_dir);

  app = ga_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));
}

/* "plots": 0 and 1 overlap around (100.515, 13.745); 2 stands alone with a Thai name. */
static const Square plots[] = {
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
  GaWindow *win = new_window_with (paths);

  *layer = find_layer (win, "plots");
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

  map_point (win, 100.565, 13.735, &x, &y);
  g_assert_cmpuint (ga_map_view_inspect_at (view, x, y), ==, 1);
  iterate_ms (50);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));

  /* All attributes with their field names; the Thai name exactly as stored. */
  collect_labels (GTK_WIDGET (popover), text);
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
  map_point (win, 100.545, 13.70, &x, &y);
  g_assert_cmpuint (ga_map_view_inspect_at (view, x, y), ==, 0);
  iterate_ms (50);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_false (ga_map_view_get_highlight (view, NULL, NULL));

  /* A hidden layer answers no clicks. */
  ga_layer_set_visible (layer, FALSE);
  map_point (win, 100.565, 13.735, &x, &y);
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
  map_point (win, 100.515, 13.745, &x, &y);
  g_assert_cmpuint (ga_map_view_inspect_at (view, x, y), ==, 2);
  iterate_ms (50);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  list = GTK_LIST_BOX (find_descendant (GTK_WIDGET (popover), GTK_TYPE_LIST_BOX));
  g_assert_nonnull (list);
  collect_labels (GTK_WIDGET (list), text);
  g_test_message ("chooser:\n%s", text->str);
  g_assert_nonnull (strstr (text->str, "alpha\nplots\nBeta\nplots\n"));
  g_assert_nonnull (gtk_list_box_get_row_at_index (list, 1));
  g_assert_null (gtk_list_box_get_row_at_index (list, 2));

  /* Choosing "Beta" shows its attributes and highlights it. */
  row = gtk_list_box_get_row_at_index (list, 1);
  g_signal_emit_by_name (list, "row-activated", row);
  iterate_ms (50);
  stack = find_descendant (GTK_WIDGET (popover), GTK_TYPE_STACK);
  g_assert_nonnull (stack);
  collect_labels (gtk_stack_get_visible_child (GTK_STACK (stack)), after);
  g_assert_nonnull (strstr (after->str, "Beta\n"));
  g_assert_nonnull (strstr (after->str, "100\n"));
  g_assert_null (strstr (after->str, "alpha"));
  g_assert_true (ga_map_view_get_highlight (view, &hl, &feature));
  g_assert_true (hl == layer);
  g_assert_cmpuint (feature, ==, 0);

  /* The style's filter hides features from clicks too. */
  g_assert_true (ga_style_set_filter (ga_layer_style_get (layer), "value > 50", NULL));
  wait_map_settled (win);
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
  iterate_ms (20);
  g_assert_cmpuint (row_feature (rows, 0), ==, 1);
  g_assert_cmpuint (row_feature (rows, 1), ==, 2);
  g_assert_cmpuint (row_feature (rows, 2), ==, 0);
  ga_attribute_table_sort_by (table, 1, FALSE);
  iterate_ms (20);
  g_assert_cmpuint (row_feature (rows, 0), ==, 0);
  g_assert_cmpuint (row_feature (rows, 2), ==, 1);

  /* Text: in collation order. */
  ga_attribute_table_sort_by (table, 0, TRUE);
  iterate_ms (20);
  for (guint i = 0; i + 1 < 3; i++)
    {
      const char *a = ga_layer_get_value (layer, row_feature (rows, i), 0);
      const char *b = ga_layer_get_value (layer, row_feature (rows, i + 1), 0);

      g_assert_cmpint (g_utf8_collate (a, b), <=, 0);
    }

  /* The text filter: any field, ignoring case; Thai too. */
  ga_attribute_table_set_search (table, "ALP");
  iterate_ms (50);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  g_assert_cmpuint (row_feature (rows, 0), ==, 1);
  ga_attribute_table_set_search (table, "park");
  iterate_ms (50);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 2);
  ga_attribute_table_set_search (table, "ลุมพินี");
  iterate_ms (50);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  g_assert_cmpuint (row_feature (rows, 0), ==, 2);
  ga_attribute_table_set_search (table, "");
  iterate_ms (50);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);

  /* The layer's style filter decides which features are listed at all. */
  g_assert_true (ga_style_set_filter (ga_layer_style_get (layer), "value < 50", NULL));
  iterate_ms (50);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 2);
  g_assert_true (ga_style_set_filter (ga_layer_style_get (layer), NULL, NULL));
  iterate_ms (50);
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
  wait_map_settled (win);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    if (row_feature (rows, i) == 2)
      pos = i;
  g_assert_cmpuint (pos, !=, G_MAXUINT);
  ga_attribute_table_select (table, pos);
  wait_map_settled (win);

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

  setup_app (&argc, &argv);
  plots_path = write_squares ("plots", plot_fields, plots, G_N_ELEMENTS (plots));

  g_test_add_func ("/inspect/one-feature", test_inspect_one_feature);
  g_test_add_func ("/inspect/chooser", test_inspect_chooser);
  g_test_add_func ("/inspect/table-sort-filter", test_inspect_table_sort_filter);
  g_test_add_func ("/inspect/table-select", test_inspect_table_select);

  ret = g_test_run ();
  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return ret;
}
