/* test-window.c — the main window under Xvfb: sample city, layer rows, map pixels, bad files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fixtures are written with GDAL at start-up; the basemap is "none" (no network), and the
 * basemap URL points at a closed loopback port in case a test switches it on.
 */
#include "config.h"

#include <gdal.h>
#include <glib/gstdio.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "ga-application.h"
#include "ga-crs-dialog.h"
#include "ga-layer-row.h"
#include "ga-layer-style.h"
#include "ga-overlay-source.h"
#include "ga-renderer.h"
#include "ga-tooltip.h"
#include "ga-window.h"

#include "ga-test-ui.h"


/* Park: a square in lon/lat (GeoJSON, EPSG:4326). */
#define PARK_W 100.50
#define PARK_E 100.53
#define PARK_S 13.73
#define PARK_N 13.76
/* A station in UTM 47N: E 666085.55 N 1518062.57 is 100.536000 E, 13.727000 N (cs2cs). */
#define STATION_E 666085.55
#define STATION_N 1518062.57
#define STATION_LON 100.536
#define STATION_LAT 13.727

/* "thai": a square in lon/lat that overlaps the park's east half, in a shapefile whose DBF
 * holds CP874 text and has no .cpg (so the encoding is detected). */
#define THAI_W 100.515
#define THAI_E 100.545
#define THAI_S 13.735
#define THAI_N 13.765

static const char thai_park[] = "สวนลุมพินี";

/* ---- fixtures ---- */

static void
write_park (const char *path)
{
  GDALDriverH driver = GDALGetDriverByName ("GeoJSON");
  GDALDatasetH ds = GDALCreate (driver, path, 0, 0, 0, GDT_Unknown, NULL);
  OGRSpatialReferenceH srs = OSRNewSpatialReference (NULL);
  OGRLayerH layer;
  OGRFeatureH feature;
  OGRGeometryH ring, polygon;
  OGRFieldDefnH field;

  g_assert_nonnull (ds);
  OSRImportFromEPSG (srs, 4326);
  layer = GDALDatasetCreateLayer (ds, "park", srs, wkbPolygon, NULL);
  field = OGR_Fld_Create ("name", OFTString);
  OGR_L_CreateField (layer, field, TRUE);
  OGR_Fld_Destroy (field);

  ring = OGR_G_CreateGeometry (wkbLinearRing);
  OGR_G_AddPoint_2D (ring, PARK_W, PARK_S);
  OGR_G_AddPoint_2D (ring, PARK_E, PARK_S);
  OGR_G_AddPoint_2D (ring, PARK_E, PARK_N);
  OGR_G_AddPoint_2D (ring, PARK_W, PARK_N);
  OGR_G_AddPoint_2D (ring, PARK_W, PARK_S);
  polygon = OGR_G_CreateGeometry (wkbPolygon);
  OGR_G_AddGeometryDirectly (polygon, ring);
  feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
  OGR_F_SetFieldString (feature, 0, "สวนลุมพินี");
  OGR_F_SetGeometryDirectly (feature, polygon);
  g_assert_cmpint (OGR_L_CreateFeature (layer, feature), ==, OGRERR_NONE);
  OGR_F_Destroy (feature);
  OSRDestroySpatialReference (srs);
  GDALClose (ds);
}

static void
write_stations (const char *path,
                gboolean    with_crs)
{
  GDALDriverH driver = GDALGetDriverByName ("ESRI Shapefile");
  GDALDatasetH ds = GDALCreate (driver, path, 0, 0, 0, GDT_Unknown, NULL);
  OGRSpatialReferenceH srs = OSRNewSpatialReference (NULL);
  const char *lco[] = { "ENCODING=UTF-8", NULL };
  const double pts[][2] = { { STATION_E, STATION_N }, { STATION_E + 3000, STATION_N + 4000 } };
  OGRLayerH layer;
  OGRFieldDefnH field;

  g_assert_nonnull (ds);
  OSRImportFromEPSG (srs, 32647);
  layer = GDALDatasetCreateLayer (ds, with_crs ? "stations" : "noprj", with_crs ? srs : NULL,
                                  wkbPoint, (char **) lco);
  field = OGR_Fld_Create ("name", OFTString);
  OGR_L_CreateField (layer, field, TRUE);
  OGR_Fld_Destroy (field);
  for (guint i = 0; i < G_N_ELEMENTS (pts); i++)
    {
      OGRFeatureH feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
      OGRGeometryH point = OGR_G_CreateGeometry (wkbPoint);

      OGR_G_SetPoint_2D (point, 0, pts[i][0], pts[i][1]);
      OGR_F_SetFieldString (feature, 0, i == 0 ? "Lumphini" : "Asok");
      OGR_F_SetGeometryDirectly (feature, point);
      g_assert_cmpint (OGR_L_CreateFeature (layer, feature), ==, OGRERR_NONE);
      OGR_F_Destroy (feature);
    }
  OSRDestroySpatialReference (srs);
  GDALClose (ds);
}

/* A one-polygon shapefile in EPSG:4326 whose "name" is @thai_park in CP874, without .cpg. */
static void
write_thai (const char *path)
{
  GDALDriverH driver = GDALGetDriverByName ("ESRI Shapefile");
  GDALDatasetH ds = GDALCreate (driver, path, 0, 0, 0, GDT_Unknown, NULL);
  OGRSpatialReferenceH srs = OSRNewSpatialReference (NULL);
  const char *lco[] = { "ENCODING=CP874", NULL };
  g_autofree char *cpg = NULL;
  OGRLayerH layer;
  OGRFeatureH feature;
  OGRGeometryH ring, polygon;
  OGRFieldDefnH field;

  g_assert_nonnull (ds);
  OSRImportFromEPSG (srs, 4326);
  layer = GDALDatasetCreateLayer (ds, "thai", srs, wkbPolygon, (char **) lco);
  field = OGR_Fld_Create ("name", OFTString);
  OGR_Fld_SetWidth (field, 60);
  OGR_L_CreateField (layer, field, TRUE);
  OGR_Fld_Destroy (field);

  ring = OGR_G_CreateGeometry (wkbLinearRing);
  OGR_G_AddPoint_2D (ring, THAI_W, THAI_S);
  OGR_G_AddPoint_2D (ring, THAI_W, THAI_N);
  OGR_G_AddPoint_2D (ring, THAI_E, THAI_N);
  OGR_G_AddPoint_2D (ring, THAI_E, THAI_S);
  OGR_G_AddPoint_2D (ring, THAI_W, THAI_S);
  polygon = OGR_G_CreateGeometry (wkbPolygon);
  OGR_G_AddGeometryDirectly (polygon, ring);
  feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
  OGR_F_SetFieldString (feature, 0, thai_park);
  OGR_F_SetGeometryDirectly (feature, polygon);
  g_assert_cmpint (OGR_L_CreateFeature (layer, feature), ==, OGRERR_NONE);
  OGR_F_Destroy (feature);
  OSRDestroySpatialReference (srs);
  GDALClose (ds);

  /* No .cpg: the reader has to detect the encoding from the bytes. */
  g_assert_true (g_str_has_suffix (path, ".shp"));
  cpg = g_strdup (path);
  strcpy (cpg + strlen (cpg) - 3, "cpg");
  g_assert_true (g_file_test (cpg, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_unlink (cpg), ==, 0);
}

static void
make_fixtures (void)
{
  g_autofree char *park = NULL;
  g_autofree char *stations = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *manifest = NULL;

  ga_test_make_fixture_dir ("ga-test-window-XXXXXX");
  GDALAllRegister ();
  park = ga_test_fixture ("park.geojson");
  stations = ga_test_fixture ("stations.shp");
  bad = ga_test_fixture ("bad.shp");
  manifest = ga_test_fixture ("manifest.txt");
  write_park (park);
  write_stations (stations, TRUE);
  {
    g_autofree char *thai = ga_test_fixture ("thai.shp");

    write_thai (thai);
  }
  {
    g_autofree char *noprj = ga_test_fixture ("noprj.shp");

    write_stations (noprj, FALSE);
  }
  g_assert_true (g_file_set_contents (bad, "this is not a shapefile\n", -1, NULL));
  g_assert_true (g_file_set_contents (manifest, "# bottom first\npark.geojson\nstations.shp\n",
                                      -1, NULL));
}

/* ---- waiting ---- */

/* Waits until style changes have reached the screen (new tiles swapped in) and the map
 * has settled. */
static void
wait_refreshed (GaWindow *win)
{
  GaMapView *view = ga_window_get_map_view (win);
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (ga_map_view_get_n_refreshing (view) > 0 && g_get_monotonic_time () < end)
    ga_test_iterate_ms (10);
  g_assert_cmpuint (ga_map_view_get_n_refreshing (view), ==, 0);
  ga_test_wait_map_settled (win, FALSE);
}

/* ---- inspecting ---- */

/* @symbol's fill composited at its layer alpha over the opaque @bg, as 0–255 RGB. */
static void
blend (const GaSymbol *symbol,
       const int       bg[3],
       int             out[3])
{
  double a = symbol->fill[3] * symbol->layer_alpha;

  for (int i = 0; i < 3; i++)
    out[i] = (int) (symbol->fill[i] * 255.0 * a + bg[i] * (1.0 - a) + 0.5);
}

/* The fill of @layer's style (its theme's default) and its opacity, as a GaSymbol for blend():
 * tiles are drawn opaque and composited at the style opacity × the layer opacity. */
static void
style_symbol (GaLayer  *layer,
              GaSymbol *symbol)
{
  GaStyle *style = ga_layer_style_get (layer);
  GaRgba c = ga_style_get_fill (style);

  g_assert_cmpint (ga_style_get_kind (style), ==, GA_STYLE_SINGLE);
  memset (symbol, 0, sizeof *symbol);
  symbol->fill[0] = ((c >> 24) & 0xff) / 255.0;
  symbol->fill[1] = ((c >> 16) & 0xff) / 255.0;
  symbol->fill[2] = ((c >> 8) & 0xff) / 255.0;
  symbol->fill[3] = (c & 0xff) / 255.0;
  symbol->layer_alpha = ga_style_get_opacity (style);
}

static guint
count_layer_rows (GaWindow *win)
{
  GtkListBox *list = ga_window_get_layer_list (win);
  guint n = 0;

  for (int i = 0; gtk_list_box_get_row_at_index (list, i); i++)
    n++;
  return n;
}

/* ---- layer rows, map layers, toasts ---- */

static GaLayerRow *
layer_row (GaWindow *win,
           GaLayer  *layer)
{
  GtkListBoxRow *row;
  guint pos;

  g_assert_true (ga_layer_store_find (ga_window_get_layer_store (win), layer, &pos));
  row = gtk_list_box_get_row_at_index (ga_window_get_layer_list (win), pos);
  g_assert_true (GA_IS_LAYER_ROW (row));
  g_assert_true (ga_layer_row_get_layer (GA_LAYER_ROW (row)) == layer);
  return GA_LAYER_ROW (row);
}

/* Stacking position of @layer's tile layer in the map's overlay canvas (higher is drawn
 * later, on top). */
static int
map_stack_index (GaWindow *win,
                 GaLayer  *layer)
{
  GaMapView *view = ga_window_get_map_view (win);
  GaTileLayer *map_layer = ga_map_view_get_overlay_layer (view, layer);
  int i;

  g_assert_nonnull (map_layer);
  i = ga_overlay_canvas_get_position (ga_map_view_get_canvas (view), map_layer);
  g_assert_cmpint (i, >=, 0);
  return i;
}

static void
render_map (GaWindow *win,
            GaTestImage    *img)
{
  ga_test_iterate_ms (50);
  ga_test_wait_map_settled (win, FALSE);
  ga_test_render_widget (GTK_WIDGET (ga_map_view_get_map (ga_window_get_map_view (win))), 100, TRUE, img);
}

/* The layer's fill over @bg, composited at layer_alpha × @opacity as the map does. */
static void
blend_at (const GaSymbol *symbol,
          double          opacity,
          const int       bg[3],
          int             out[3])
{
  GaSymbol s = *symbol;

  s.layer_alpha *= opacity;
  blend (&s, bg, out);
}

static GtkWidget *
find_toast_widget (GaWindow *win)
{
  /* AdwToastWidget is private; its type exists once a toast was shown. */
  GType type = g_type_from_name ("AdwToastWidget");

  return type ? ga_test_find_descendant (GTK_WIDGET (win), type) : NULL;
}

/* Dismisses the toasts of @win one by one (queued ones show after the current one) and
 * returns their titles. */
static GPtrArray *
take_toasts (GaWindow *win)
{
  GPtrArray *titles = g_ptr_array_new_with_free_func (g_free);

  for (;;)
    {
      gint64 end = g_get_monotonic_time () + 600 * 1000;
      GtkWidget *shown = NULL;
      g_autoptr(AdwToast) toast = NULL;

      while ((shown = find_toast_widget (win)) == NULL && g_get_monotonic_time () < end)
        ga_test_iterate_ms (10);
      if (shown == NULL)
        break;
      g_object_get (shown, "toast", &toast, NULL);
      g_assert_true (ADW_IS_TOAST (toast));
      g_ptr_array_add (titles, g_strdup (adw_toast_get_title (toast)));
      g_test_message ("toast: %s", adw_toast_get_title (toast));

      /* libadwaita 1.2 crashes when a toast is dismissed during its show animation
       * (adw_animation_skip → "done" on a freed closure): let the animation finish first. */
      ga_test_iterate_ms (400);
      g_object_add_weak_pointer (G_OBJECT (shown), (gpointer *) &shown);
      adw_toast_dismiss (toast);
      end = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;
      while (shown && find_toast_widget (win) == shown && g_get_monotonic_time () < end)
        ga_test_iterate_ms (10);
      if (shown)
        {
          g_assert_true (find_toast_widget (win) != shown);
          g_object_remove_weak_pointer (G_OBJECT (shown), (gpointer *) &shown);
        }
      g_assert_cmpuint (titles->len, <, 20);
    }
  return titles;
}

/* The first event controller of @type on @widget itself (owned by the widget). */
static GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return GTK_EVENT_CONTROLLER (controller);
    }
  return NULL;
}

static GtkDropTarget *
find_file_drop_target (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
      const GType *types;
      gsize n_types = 0;

      if (!GTK_IS_DROP_TARGET (controller))
        continue;
      types = gtk_drop_target_get_gtypes (GTK_DROP_TARGET (controller), &n_types);
      for (gsize t = 0; t < n_types; t++)
        if (types[t] == GDK_TYPE_FILE_LIST)
          return GTK_DROP_TARGET (controller);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkDropTarget *found = find_file_drop_target (child);

      if (found)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_with_css_class (GtkWidget  *widget,
                     const char *css_class)
{
  if (gtk_widget_has_css_class (widget, css_class))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_with_css_class (child, css_class);

      if (found)
        return found;
    }
  return NULL;
}

static GaWindow *
new_window (void)
{
  GaWindow *win = ga_window_new (GTK_APPLICATION (ga_test_app));

  g_action_group_change_action_state (G_ACTION_GROUP (win), "basemap",
                                      g_variant_new_string ("none"));
  g_assert_cmpstr (ga_map_view_get_basemap (ga_window_get_map_view (win)), ==, "none");
  gtk_window_set_default_size (GTK_WINDOW (win), 1000, 700);
  gtk_window_present (GTK_WINDOW (win));
  ga_test_wait_mapped (GTK_WIDGET (ga_map_view_get_map (ga_window_get_map_view (win))));
  return win;
}

static void
open_fixtures (GaWindow            *win,
               const char * const *names)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; names[i]; i++)
    {
      g_autofree char *path = ga_test_fixture (names[i]);

      g_ptr_array_add (files, g_file_new_for_path (path));
    }
  ga_window_open_files (win, (GFile **) files->pdata, files->len);
  ga_test_wait_loaded (win);
  ga_test_wait_map_settled (win, FALSE);
}

/* ---- tests ---- */

static void
test_window_sample_city (void)
{
  g_autofree char *dir = ga_find_sample_dir ();
  g_autoptr(GPtrArray) paths = NULL;
  g_autofree char *manifest = NULL;
  GtkWindow *active;
  GaWindow *win;

  if (dir == NULL || g_strcmp0 (dir, ga_test_fixture_dir) == 0)
    {
      g_test_skip ("The sample city (data/sample/manifest.txt) is not there yet");
      return;
    }
  manifest = g_build_filename (dir, "manifest.txt", NULL);
  if (!g_file_test (manifest, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("data/sample has no manifest.txt yet");
      return;
    }
  paths = ga_sample_list_files (dir);

  g_application_activate (G_APPLICATION (ga_test_app));
  active = gtk_application_get_active_window (GTK_APPLICATION (ga_test_app));
  g_assert_true (GA_IS_WINDOW (active));
  win = GA_WINDOW (active);
  g_action_group_change_action_state (G_ACTION_GROUP (win), "basemap",
                                      g_variant_new_string ("none"));
  ga_test_wait_loaded (win);
  ga_test_wait_map_settled (win, FALSE);

  /* Every manifest entry gives at least one layer (a GeoPackage may give several). */
  g_assert_cmpuint (ga_layer_store_get_n_layers (ga_window_get_layer_store (win)), >=, paths->len);
  g_assert_cmpuint (count_layer_rows (win), ==,
                    ga_layer_store_get_n_layers (ga_window_get_layer_store (win)));
  gtk_window_destroy (GTK_WINDOW (win));
}

static void
test_window_activate_opens_sample_folder (void)
{
  GaWindow *win;
  GaLayerStore *store;

  g_setenv ("GA_SAMPLE_DIR", ga_test_fixture_dir, TRUE);
  g_application_activate (G_APPLICATION (ga_test_app));
  win = GA_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (ga_test_app)));
  g_unsetenv ("GA_SAMPLE_DIR");
  g_assert_true (GA_IS_WINDOW (win));
  ga_test_wait_loaded (win);

  store = ga_window_get_layer_store (win);
  g_assert_cmpuint (ga_layer_store_get_n_layers (store), ==, 2);
  g_assert_cmpuint (count_layer_rows (win), ==, 2);
  /* The manifest lists the bottom layer first: the stations end up on top. */
  g_assert_cmpstr (ga_layer_get_name (ga_layer_store_get (store, 0)), ==, "stations");
  g_assert_cmpstr (ga_layer_get_name (ga_layer_store_get (store, 1)), ==, "park");
  gtk_window_destroy (GTK_WINDOW (win));
}

static void
test_window_toggle_visibility (void)
{
  const char *names[] = { "park.geojson", "stations.shp", NULL };
  GaWindow *win = new_window ();
  GaMapView *view = ga_window_get_map_view (win);
  GtkWidget *map = GTK_WIDGET (ga_map_view_get_map (view));
  ShumateViewport *vp = ga_map_view_get_viewport (view);
  GaLayer *park;
  GtkListBoxRow *park_row;
  GtkSwitch *sw;
  GaSymbol symbol;
  GaTestImage shown = { 0 }, hidden = { 0 }, again = { 0 };
  int c_shown[3], c_hidden[3], c_again[3], expected[3];
  double x, y;
  guint pos;

  open_fixtures (win, names);
  park = ga_test_find_layer (win, "park");
  g_assert_nonnull (park);
  g_assert_true (ga_layer_store_find (ga_window_get_layer_store (win), park, &pos));
  g_assert_cmpuint (pos, ==, 1);

  /* The map zoomed to the new data: the park centre is inside the map. */
  /* Off the centre, where the theme puts the park's name. */
  shumate_viewport_location_to_widget_coords (vp, map, PARK_S + (PARK_N - PARK_S) / 4,
                                              PARK_W + (PARK_E - PARK_W) / 4, &x, &y);
  g_assert_cmpfloat (x, >, 0);
  g_assert_cmpfloat (y, >, 0);
  g_assert_cmpfloat (x, <, gtk_widget_get_width (map));
  g_assert_cmpfloat (y, <, gtk_widget_get_height (map));

  ga_test_render_widget (map, 100, TRUE, &shown);
  ga_test_pixel_at (&shown, x, y, c_shown);

  /* Switch the layer off with the switch in its sidebar row. */
  park_row = gtk_list_box_get_row_at_index (ga_window_get_layer_list (win), pos);
  sw = GTK_SWITCH (ga_test_find_descendant (GTK_WIDGET (park_row), GTK_TYPE_SWITCH));
  g_assert_nonnull (sw);
  g_assert_true (gtk_switch_get_active (sw));
  gtk_switch_set_active (sw, FALSE);
  g_assert_false (ga_layer_get_visible (park));
  ga_test_iterate_ms (50);
  ga_test_render_widget (map, 100, TRUE, &hidden);
  ga_test_pixel_at (&hidden, x, y, c_hidden);

  ga_layer_set_visible (park, TRUE);
  g_assert_true (gtk_switch_get_active (sw));
  ga_test_iterate_ms (50);
  ga_test_render_widget (map, 100, TRUE, &again);
  ga_test_pixel_at (&again, x, y, c_again);

  g_test_message ("park pixel shown (%d,%d,%d) hidden (%d,%d,%d)", c_shown[0], c_shown[1],
                  c_shown[2], c_hidden[0], c_hidden[1], c_hidden[2]);
  g_assert_cmpint (ga_test_color_distance (c_shown, c_hidden), >, 20);
  g_assert_cmpint (ga_test_color_distance (c_shown, c_again), <=, 2);

  /* Shown, the pixel is the layer's fill over the background. */
  style_symbol (park, &symbol);
  blend (&symbol, c_hidden, expected);
  g_assert_cmpint (ga_test_color_distance (c_shown, expected), <=, 6);

  ga_test_image_clear (&shown);
  ga_test_image_clear (&hidden);
  ga_test_image_clear (&again);
  gtk_window_destroy (GTK_WINDOW (win));
}

static void
test_window_point_position (void)
{
  const char *names[] = { "park.geojson", "stations.shp", NULL };
  GaWindow *win = new_window ();
  GaMapView *view = ga_window_get_map_view (win);
  GtkWidget *map = GTK_WIDGET (ga_map_view_get_map (view));
  ShumateViewport *vp = ga_map_view_get_viewport (view);
  GaLayer *stations, *park;
  GaSymbol symbol;
  GaTestImage img = { 0 };
  int c[3], bg[3], expected[3], off[3];
  double x, y;

  open_fixtures (win, names);
  stations = ga_test_find_layer (win, "stations");
  park = ga_test_find_layer (win, "park");
  g_assert_nonnull (stations);
  g_assert_nonnull (park);
  ga_layer_set_visible (park, FALSE);
  /* Transit stops are white circles: a saturated fill stands out from the light background. */
  g_assert_cmpint (ga_style_get_kind (ga_layer_style_get (stations)), ==, GA_STYLE_SINGLE);
  ga_style_set_fill (ga_layer_style_get (stations), GA_RGBA (200, 40, 40, 255));
  wait_refreshed (win);

  shumate_viewport_location_to_widget_coords (vp, map, STATION_LAT, STATION_LON, &x, &y);
  ga_test_iterate_ms (50);
  ga_test_render_widget (map, 100, TRUE, &img);
  ga_test_pixel_at (&img, x, y, c);
  /* 40 px away (no other station there) is the bare background. */
  ga_test_pixel_at (&img, x - 40, y + 40, bg);
  ga_test_pixel_at (&img, x + 40, y - 40, off);
  g_assert_cmpint (ga_test_color_distance (bg, off), <=, 2);

  style_symbol (stations, &symbol);
  blend (&symbol, bg, expected);
  g_test_message ("station pixel (%d,%d,%d) expected (%d,%d,%d) at %.1f,%.1f", c[0], c[1], c[2],
                  expected[0], expected[1], expected[2], x, y);
  g_assert_cmpint (ga_test_color_distance (c, expected), <=, 8);
  g_assert_cmpint (ga_test_color_distance (c, bg), >, 30);

  ga_test_image_clear (&img);
  gtk_window_destroy (GTK_WINDOW (win));
}

static void
test_window_bad_file (void)
{
  const char *names[] = { "bad.shp", "park.geojson", NULL };
  GaWindow *win = new_window ();
  GaMapView *view = ga_window_get_map_view (win);
  GtkWidget *map = GTK_WIDGET (ga_map_view_get_map (view));
  ShumateViewport *vp = ga_map_view_get_viewport (view);
  g_autoptr(GString) text = g_string_new (NULL);
  GaLayer *park;
  GaTestImage img = { 0 };
  int c[3], corner[3];
  double x, y;

  open_fixtures (win, names);

  /* The good file loaded… */
  g_assert_cmpuint (ga_layer_store_get_n_layers (ga_window_get_layer_store (win)), ==, 1);
  g_assert_cmpuint (count_layer_rows (win), ==, 1);
  park = ga_test_find_layer (win, "park");
  g_assert_nonnull (park);

  /* …the bad one is a toast naming it… */
  ga_test_collect_labels (GTK_WIDGET (win), text);
  g_test_message ("labels: %s", text->str);
  g_assert_nonnull (strstr (text->str, "bad.shp"));

  /* …and the map still draws the park. */
  shumate_viewport_location_to_widget_coords (vp, map, (PARK_S + PARK_N) / 2,
                                              (PARK_W + PARK_E) / 2, &x, &y);
  ga_test_render_widget (map, 100, TRUE, &img);
  ga_test_pixel_at (&img, x, y, c);
  ga_test_pixel_at (&img, 5, img.height / 2.0, corner);
  g_assert_cmpint (ga_test_color_distance (c, corner), >, 20);

  ga_test_image_clear (&img);
  gtk_window_destroy (GTK_WINDOW (win));
}

static GaCrsDialog *
find_crs_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (GA_IS_CRS_DIALOG (w))
        return GA_CRS_DIALOG (w);
    }
  return NULL;
}

static void
test_window_asks_for_crs (void)
{
  g_autofree char *path = ga_test_fixture ("noprj.shp");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GaWindow *win = new_window ();
  GaCrsDialog *dialog = NULL;
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  GaLayer *layer;
  GaExtent extent;

  ga_window_open_files (win, &file, 1);
  while ((dialog = find_crs_dialog ()) == NULL && g_get_monotonic_time () < end)
    ga_test_iterate_ms (10);
  g_assert_nonnull (dialog);
  /* Still loading: the file waits for the answer. */
  g_assert_cmpuint (ga_window_get_n_loading (win), ==, 1);
  g_assert_cmpuint (ga_crs_dialog_get_n_items (dialog), >, 10);

  ga_crs_dialog_set_filter (dialog, "32647");
  g_assert_cmpuint (ga_crs_dialog_get_n_items (dialog), >=, 1);
  ga_crs_dialog_choose (dialog, 0);
  ga_test_wait_loaded (win);

  layer = ga_test_find_layer (win, "noprj");
  g_assert_nonnull (layer);
  ga_layer_get_lonlat_extent (layer, &extent);
  /* The first station, read as UTM 47N, is at 100.536 E 13.727 N (to ~1 m). */
  g_assert_cmpfloat_with_epsilon (extent.min_x, STATION_LON, 1e-5);
  g_assert_cmpfloat_with_epsilon (extent.min_y, STATION_LAT, 1e-5);
  gtk_window_destroy (GTK_WINDOW (win));
}

static void
test_window_actions (void)
{
  GaWindow *win = new_window ();
  GaMapView *view = ga_window_get_map_view (win);
  ShumateViewport *vp = ga_map_view_get_viewport (view);
  gint64 end;
  double zoom;

  ga_test_iterate_ms (50);
  shumate_viewport_set_zoom_level (vp, 12.6);

  /* Zoom in snaps to whole levels, even from a fractional zoom. */
  g_action_group_activate_action (G_ACTION_GROUP (win), "zoom-in", NULL);
  end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (shumate_viewport_get_zoom_level (vp) != 13.0 && g_get_monotonic_time () < end)
    ga_test_iterate_ms (10);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (vp), ==, 13.0);
  g_action_group_activate_action (G_ACTION_GROUP (win), "zoom-out", NULL);
  end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while ((zoom = shumate_viewport_get_zoom_level (vp)) != 12.0 && g_get_monotonic_time () < end)
    ga_test_iterate_ms (10);
  g_assert_cmpfloat (zoom, ==, 12.0);

  /* F9 hides the sidebar. */
  g_action_group_activate_action (G_ACTION_GROUP (win), "toggle-sidebar", NULL);
  g_assert_false (adw_flap_get_reveal_flap (ADW_FLAP (ga_test_find_descendant (GTK_WIDGET (win),
                                                                       ADW_TYPE_FLAP))));
  g_action_group_activate_action (G_ACTION_GROUP (win), "toggle-sidebar", NULL);

  /* The keyboard shortcuts window comes from the bundled gtk/help-overlay.ui. */
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (win)));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (win), "show-help-overlay"));
  g_action_group_activate_action (G_ACTION_GROUP (ga_test_app), "about", NULL);
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    GtkWindow *about = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (toplevels) && about == NULL; i++)
      {
        g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

        if (ADW_IS_ABOUT_WINDOW (w))
          about = GTK_WINDOW (w);
      }
    g_assert_nonnull (about);
    gtk_window_destroy (about);
  }
  {
    g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (ga_test_app),
                                                                  "win.toggle-sidebar");
    g_assert_cmpstr (accels[0], ==, "F9");
  }
  gtk_window_destroy (GTK_WINDOW (win));
}

/* The encoding note, and the row's Text Encoding menu reloading the layer in place. */
static void
test_window_encoding_reload (void)
{
  const char *names[] = { "thai.shp", "park.geojson", NULL };
  GaWindow *win = new_window ();
  GaLayerStore *store = ga_window_get_layer_store (win);
  ShumateViewport *vp = ga_map_view_get_viewport (ga_window_get_map_view (win));
  g_autoptr(GaLayer) detected = NULL;
  g_autoptr(GaLayer) latin = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *cp874 = NULL;
  g_autofree char *mojibake = NULL;
  GaLayerRow *row;
  GaLayer *thai;
  GaSymbol symbol;
  GaTestImage before = { 0 }, after = { 0 };
  int c_before[3], c_after[3], bg[3], expected[3];
  double x, y, zoom;
  guint pos, color;
  int field;

  open_fixtures (win, names);
  detected = g_object_ref (ga_test_find_layer (win, "thai"));
  g_assert_true (ga_layer_store_find (store, detected, &pos));
  g_assert_cmpuint (pos, ==, 1);
  g_assert_cmpstr (ga_layer_get_encoding (detected), ==, "CP874");
  g_assert_cmpint (ga_layer_get_encoding_origin (detected), ==, GA_ENCODING_ORIGIN_DETECTED);
  field = ga_layer_find_field (detected, "name");
  g_assert_cmpint (field, >=, 0);
  g_assert_cmpstr (ga_layer_get_value (detected, 0, field), ==, thai_park);

  /* The row tells which encoding was assumed. */
  row = layer_row (win, detected);
  ga_test_collect_labels (GTK_WIDGET (row), text);
  g_test_message ("row labels: %s", text->str);
  g_assert_nonnull (strstr (text->str, "Text read as Thai (CP874)"));

  /* Display state the reload must keep. */
  ga_layer_set_opacity (detected, 0.8);
  color = ga_layer_get_color (detected);
  zoom = shumate_viewport_get_zoom_level (vp);
  /* East of the park, inside "thai" only. */
  ga_test_map_point (win, (PARK_E + THAI_E) / 2, (THAI_S + THAI_N) / 2, &x, &y);
  render_map (win, &before);
  ga_test_pixel_at (&before, x, y, c_before);
  ga_test_pixel_at (&before, 5, before.height / 2.0, bg);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "row.encoding", "s",
                                             "ISO-8859-1"));
  ga_test_wait_loaded (win);

  /* A new layer at the same place, read as Latin-1, with the same look. */
  g_assert_cmpuint (ga_layer_store_get_n_layers (store), ==, 2);
  g_assert_cmpuint (count_layer_rows (win), ==, 2);
  g_assert_false (ga_layer_store_find (store, detected, NULL));
  latin = g_object_ref (ga_layer_store_get (store, 1));
  g_assert_true (latin != detected);
  g_assert_cmpstr (ga_layer_get_name (latin), ==, "thai");
  g_assert_cmpstr (ga_layer_get_name (ga_layer_store_get (store, 0)), ==, "park");
  g_assert_cmpstr (ga_layer_get_encoding (latin), ==, "ISO-8859-1");
  g_assert_cmpint (ga_layer_get_encoding_origin (latin), ==, GA_ENCODING_ORIGIN_OPTION);
  g_assert_cmphex (ga_layer_get_color (latin), ==, color);
  g_assert_cmpfloat_with_epsilon (ga_layer_get_opacity (latin), 0.8, 1e-9);
  g_assert_true (ga_layer_get_visible (latin));
  cp874 = g_convert (thai_park, -1, "CP874", "UTF-8", NULL, NULL, NULL);
  g_assert_nonnull (cp874);
  mojibake = g_convert (cp874, -1, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);
  g_assert_nonnull (mojibake);
  g_assert_cmpstr (ga_layer_get_value (latin, 0, field), ==, mojibake);

  /* The user chose it: no "read as" note any more. */
  row = layer_row (win, latin);
  g_string_truncate (text, 0);
  ga_test_collect_labels (GTK_WIDGET (row), text);
  g_assert_null (strstr (text->str, "Text read as"));

  /* The map did not jump, and draws the new layer exactly like the old one. */
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (vp), ==, zoom);
  g_assert_cmpint (map_stack_index (win, latin), <,
                   map_stack_index (win, ga_layer_store_get (store, 0)));
  render_map (win, &after);
  ga_test_pixel_at (&after, x, y, c_after);
  style_symbol (latin, &symbol);
  blend_at (&symbol, 0.8, bg, expected);
  g_test_message ("thai pixel before (%d,%d,%d) after (%d,%d,%d) expected (%d,%d,%d)",
                  c_before[0], c_before[1], c_before[2], c_after[0], c_after[1], c_after[2],
                  expected[0], expected[1], expected[2]);
  g_assert_cmpint (ga_test_color_distance (c_before, expected), <=, 6);
  g_assert_cmpint (ga_test_color_distance (c_after, c_before), <=, 2);

  /* And back to Thai. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "row.encoding", "s", "CP874"));
  ga_test_wait_loaded (win);
  g_assert_cmpuint (ga_layer_store_get_n_layers (store), ==, 2);
  thai = ga_layer_store_get (store, 1);
  g_assert_true (thai != latin);
  g_assert_cmpstr (ga_layer_get_name (thai), ==, "thai");
  g_assert_cmpstr (ga_layer_get_encoding (thai), ==, "CP874");
  g_assert_cmpint (ga_layer_get_encoding_origin (thai), ==, GA_ENCODING_ORIGIN_OPTION);
  g_assert_cmpstr (ga_layer_get_value (thai, 0, field), ==, thai_park);
  g_assert_cmphex (ga_layer_get_color (thai), ==, color);
  g_assert_cmpfloat_with_epsilon (ga_layer_get_opacity (thai), 0.8, 1e-9);

  ga_test_image_clear (&before);
  ga_test_image_clear (&after);
  gtk_window_destroy (GTK_WINDOW (win));
}

/* Changing the encoding of a layer whose CRS the user chose reads it with that CRS again,
 * without asking twice. */
static void
test_window_reload_keeps_crs (void)
{
  g_autofree char *path = ga_test_fixture ("noprj.shp");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GaWindow *win = new_window ();
  GaCrsDialog *dialog = NULL;
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  g_autoptr(GaLayer) first = NULL;
  GaLayer *again;
  GaExtent extent;

  ga_window_open_files (win, &file, 1);
  while ((dialog = find_crs_dialog ()) == NULL && g_get_monotonic_time () < end)
    ga_test_iterate_ms (10);
  g_assert_nonnull (dialog);
  ga_crs_dialog_set_filter (dialog, "32647");
  ga_crs_dialog_choose (dialog, 0);
  ga_test_wait_loaded (win);
  first = g_object_ref (ga_test_find_layer (win, "noprj"));
  g_assert_nonnull (first);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (layer_row (win, first)), "row.encoding",
                                             "s", "ISO-8859-1"));
  end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (ga_window_get_n_loading (win) > 0 && (dialog = find_crs_dialog ()) == NULL
         && g_get_monotonic_time () < end)
    ga_test_iterate_ms (10);
  g_assert_null (dialog);
  g_assert_cmpuint (ga_window_get_n_loading (win), ==, 0);

  g_assert_cmpuint (ga_layer_store_get_n_layers (ga_window_get_layer_store (win)), ==, 1);
  again = ga_layer_store_get (ga_window_get_layer_store (win), 0);
  g_assert_true (again != first);
  g_assert_cmpstr (ga_layer_get_encoding (again), ==, "ISO-8859-1");
  g_assert_cmpstr (ga_layer_get_crs_name (again), ==, ga_layer_get_crs_name (first));
  ga_layer_get_lonlat_extent (again, &extent);
  g_assert_cmpfloat_with_epsilon (extent.min_x, STATION_LON, 1e-5);
  g_assert_cmpfloat_with_epsilon (extent.min_y, STATION_LAT, 1e-5);
  gtk_window_destroy (GTK_WINDOW (win));
}

/* Move up / move down / remove from the row menu: store, map stacking and pixels follow. */
static void
test_window_move_and_remove (void)
{
  const char *names[] = { "park.geojson", "thai.shp", NULL };
  GaWindow *win = new_window ();
  GaLayerStore *store = ga_window_get_layer_store (win);
  GaMapView *view = ga_window_get_map_view (win);
  g_autoptr(GaLayer) thai = NULL;
  GaLayer *park;
  GaSymbol s_park, s_thai;
  GaTestImage img = { 0 };
  int bg[3], c[3], under[3], thai_on_top[3], park_on_top[3], park_only[3];
  double ox, oy, tx, ty;

  open_fixtures (win, names);
  thai = g_object_ref (ga_test_find_layer (win, "thai"));
  park = ga_test_find_layer (win, "park");
  g_assert_true (ga_layer_store_get (store, 0) == thai);
  g_assert_true (ga_layer_store_get (store, 1) == park);
  g_assert_cmpint (map_stack_index (win, thai), >, map_stack_index (win, park));

  style_symbol (park, &s_park);
  style_symbol (thai, &s_thai);
  /* O: inside both squares; T: inside "thai" only. */
  ga_test_map_point (win, (THAI_W + PARK_E) / 2, (THAI_S + PARK_N) / 2, &ox, &oy);
  ga_test_map_point (win, (PARK_E + THAI_E) / 2, (THAI_S + THAI_N) / 2, &tx, &ty);

  render_map (win, &img);
  ga_test_pixel_at (&img, 5, img.height / 2.0, bg);
  ga_test_pixel_at (&img, ox, oy, c);
  blend (&s_park, bg, under);
  blend (&s_thai, under, thai_on_top);
  blend (&s_thai, bg, under);
  blend (&s_park, under, park_on_top);
  g_test_message ("overlap (%d,%d,%d), thai on top (%d,%d,%d), park on top (%d,%d,%d)",
                  c[0], c[1], c[2], thai_on_top[0], thai_on_top[1], thai_on_top[2],
                  park_on_top[0], park_on_top[1], park_on_top[2]);
  g_assert_cmpint (ga_test_color_distance (thai_on_top, park_on_top), >, 20);
  g_assert_cmpint (ga_test_color_distance (c, thai_on_top), <=, 8);
  ga_test_image_clear (&img);

  /* The top row cannot go higher, the bottom one not lower. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (layer_row (win, thai)), "row.move-up",
                                             NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (layer_row (win, park)),
                                             "row.move-down", NULL));
  g_assert_true (ga_layer_store_get (store, 0) == thai);

  /* Move "thai" down: the park is drawn over it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (layer_row (win, thai)),
                                             "row.move-down", NULL));
  g_assert_true (ga_layer_store_get (store, 0) == park);
  g_assert_true (ga_layer_store_get (store, 1) == thai);
  g_assert_true (ga_layer_row_get_layer (GA_LAYER_ROW (gtk_list_box_get_row_at_index (
                   ga_window_get_layer_list (win), 0))) == park);
  g_assert_cmpint (map_stack_index (win, park), >, map_stack_index (win, thai));
  render_map (win, &img);
  ga_test_pixel_at (&img, ox, oy, c);
  g_assert_cmpint (ga_test_color_distance (c, park_on_top), <=, 8);
  ga_test_image_clear (&img);

  /* And up again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (layer_row (win, thai)), "row.move-up",
                                             NULL));
  g_assert_true (ga_layer_store_get (store, 0) == thai);
  g_assert_cmpint (map_stack_index (win, thai), >, map_stack_index (win, park));
  render_map (win, &img);
  ga_test_pixel_at (&img, ox, oy, c);
  g_assert_cmpint (ga_test_color_distance (c, thai_on_top), <=, 8);
  ga_test_pixel_at (&img, tx, ty, c);
  g_assert_cmpint (ga_test_color_distance (c, bg), >, 20);
  ga_test_image_clear (&img);

  /* Drag "thai" onto the park's row: it takes the park's place (below it). */
  {
    GtkDragSource *source = GTK_DRAG_SOURCE (find_controller (GTK_WIDGET (layer_row (win, thai)),
                                                              GTK_TYPE_DRAG_SOURCE));
    GtkDropTarget *target = GTK_DROP_TARGET (find_controller (GTK_WIDGET (layer_row (win, park)),
                                                              GTK_TYPE_DROP_TARGET));
    g_autoptr(GdkContentProvider) provider = NULL;
    GValue value = G_VALUE_INIT;
    gboolean handled = FALSE;

    g_assert_nonnull (source);
    g_assert_nonnull (target);
    g_signal_emit_by_name (source, "prepare", 10.0, 10.0, &provider);
    g_assert_nonnull (provider);
    g_value_init (&value, GA_TYPE_LAYER);
    g_assert_true (gdk_content_provider_get_value (provider, &value, NULL));
    g_assert_true (g_value_get_object (&value) == thai);

    g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &handled);
    g_value_unset (&value);
    g_assert_true (handled);
    g_assert_true (ga_layer_store_get (store, 0) == park);
    g_assert_true (ga_layer_store_get (store, 1) == thai);
    g_assert_cmpint (map_stack_index (win, park), >, map_stack_index (win, thai));

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (layer_row (win, thai)),
                                               "row.move-up", NULL));
    g_assert_true (ga_layer_store_get (store, 0) == thai);
  }

  /* Remove "thai": its row, its map layer and its pixels go; the park stays. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (layer_row (win, thai)), "row.remove",
                                             NULL));
  g_assert_cmpuint (ga_layer_store_get_n_layers (store), ==, 1);
  g_assert_true (ga_layer_store_get (store, 0) == park);
  g_assert_cmpuint (count_layer_rows (win), ==, 1);
  g_assert_null (ga_map_view_get_overlay_layer (view, thai));
  render_map (win, &img);
  ga_test_pixel_at (&img, tx, ty, c);
  g_assert_cmpint (ga_test_color_distance (c, bg), <=, 2);
  ga_test_pixel_at (&img, ox, oy, c);
  blend (&s_park, bg, park_only);
  g_assert_cmpint (ga_test_color_distance (c, park_only), <=, 8);
  ga_test_image_clear (&img);
  gtk_window_destroy (GTK_WINDOW (win));
}

/* "Zoom to Layer" centres the layer and picks the closest whole zoom that shows all of it. */
static void
test_window_zoom_to_layer (void)
{
  const char *names[] = { "park.geojson", "stations.shp", NULL };
  GaWindow *win = new_window ();
  GaMapView *view = ga_window_get_map_view (win);
  ShumateViewport *vp = ga_map_view_get_viewport (view);
  GtkWidget *map = GTK_WIDGET (ga_map_view_get_map (view));
  GaLayer *stations;
  GaExtent e;
  double lat, lon, zoom, x0, y0, x1, y1, span_x, span_y;
  int width, height;

  open_fixtures (win, names);
  stations = ga_test_find_layer (win, "stations");
  g_assert_nonnull (stations);
  ga_layer_get_lonlat_extent (stations, &e);
  g_assert_cmpfloat (e.max_x - e.min_x, >, 0.02);

  /* Look somewhere else first. */
  shumate_viewport_set_zoom_level (vp, 5);
  shumate_location_set_location (SHUMATE_LOCATION (vp), 1.3, 103.8);
  ga_test_iterate_ms (50);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (layer_row (win, stations)), "row.zoom",
                                             NULL));
  ga_test_wait_map_settled (win, FALSE);
  lat = shumate_location_get_latitude (SHUMATE_LOCATION (vp));
  lon = shumate_location_get_longitude (SHUMATE_LOCATION (vp));
  zoom = shumate_viewport_get_zoom_level (vp);
  g_test_message ("centre %.5f, %.5f zoom %.2f; extent %.5f..%.5f, %.5f..%.5f", lat, lon, zoom,
                  e.min_y, e.max_y, e.min_x, e.max_x);
  g_assert_cmpfloat (lon, >, e.min_x);
  g_assert_cmpfloat (lon, <, e.max_x);
  g_assert_cmpfloat (lat, >, e.min_y);
  g_assert_cmpfloat (lat, <, e.max_y);
  g_assert_cmpfloat (zoom, ==, floor (zoom));

  /* The whole extent is on screen, and one level closer it would not be. */
  width = gtk_widget_get_width (map);
  height = gtk_widget_get_height (map);
  shumate_viewport_location_to_widget_coords (vp, map, e.min_y, e.min_x, &x0, &y0);
  shumate_viewport_location_to_widget_coords (vp, map, e.max_y, e.max_x, &x1, &y1);
  g_assert_cmpfloat (x0, >=, 0);
  g_assert_cmpfloat (x1, <=, width);
  g_assert_cmpfloat (y1, >=, 0);
  g_assert_cmpfloat (y0, <=, height);
  span_x = x1 - x0;
  span_y = y0 - y1;
  g_assert_true (2 * span_x > 0.8 * width || 2 * span_y > 0.8 * height);
  gtk_window_destroy (GTK_WINDOW (win));
}

/* The row's opacity slider changes the map pixel to the expected blend. */
/* The label under @widget that reads @text, depth first */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_str_equal (gtk_label_get_label (GTK_LABEL (widget)), text))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_label (c, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Asks @widget for its tooltip as GTK does when the pointer rests on it: TRUE if it has one. */
static gboolean
query_tooltip (GtkWidget *widget)
{
  g_autoptr(GObject) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  gboolean shown = FALSE;

  g_signal_emit_by_name (widget, "query-tooltip", 1, 1, FALSE, tooltip, &shown);
  return shown;
}

/* The row's tooltips are set through ga_tooltip_set (no pointer query, see ga-tooltip.h),
 * and GTK still gets each one when it asks. */
static void
test_window_layer_row_tooltips (void)
{
  const char *names[] = { "park.geojson", NULL };
  GaWindow *win = new_window ();
  GaLayerRow *row;
  GtkWidget *widget;
  const char *text;

  open_fixtures (win, names);
  row = layer_row (win, ga_test_find_layer (win, "park"));

  widget = ga_test_find_descendant (GTK_WIDGET (row), GTK_TYPE_SWITCH);
  g_assert_nonnull (widget);
  g_assert_cmpstr (ga_tooltip_get (widget), ==, "Show or hide this layer");
  g_assert_true (gtk_widget_get_has_tooltip (widget));
  g_assert_true (query_tooltip (widget));

  widget = ga_test_find_descendant (GTK_WIDGET (row), GTK_TYPE_SCALE);
  g_assert_nonnull (widget);
  g_assert_cmpstr (ga_tooltip_get (widget), ==, "Layer opacity");

  /* the name's tooltip says where the layer comes from */
  widget = find_label (GTK_WIDGET (row), "park");
  g_assert_nonnull (widget);
  text = ga_tooltip_get (widget);
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, "park.geojson"));
  g_assert_true (query_tooltip (widget));

  /* and none once removed */
  ga_tooltip_set (widget, NULL);
  g_assert_null (ga_tooltip_get (widget));
  g_assert_false (gtk_widget_get_has_tooltip (widget));
  g_assert_false (query_tooltip (widget));
  gtk_window_destroy (GTK_WINDOW (win));
}

static void
test_window_opacity (void)
{
  const char *names[] = { "park.geojson", NULL };
  GaWindow *win = new_window ();
  GaLayer *park;
  GtkRange *scale;
  GaSymbol symbol;
  GaTestImage img = { 0 };
  int bg[3], full[3], half[3], expected[3];
  double x, y;

  open_fixtures (win, names);
  park = ga_test_find_layer (win, "park");
  style_symbol (park, &symbol);
  /* Off the centre, where the theme puts the park's name. */
  ga_test_map_point (win, PARK_W + (PARK_E - PARK_W) / 4, PARK_S + (PARK_N - PARK_S) / 4, &x, &y);
  render_map (win, &img);
  ga_test_pixel_at (&img, 5, img.height / 2.0, bg);
  ga_test_pixel_at (&img, x, y, full);
  ga_test_image_clear (&img);

  scale = GTK_RANGE (ga_test_find_descendant (GTK_WIDGET (layer_row (win, park)), GTK_TYPE_SCALE));
  g_assert_nonnull (scale);
  g_assert_cmpfloat (gtk_range_get_value (scale), ==, 100);
  gtk_range_set_value (scale, 50);
  g_assert_cmpfloat_with_epsilon (ga_layer_get_opacity (park), 0.5, 1e-9);

  render_map (win, &img);
  ga_test_pixel_at (&img, x, y, half);
  blend_at (&symbol, 0.5, bg, expected);
  g_test_message ("park pixel 100%% (%d,%d,%d) 50%% (%d,%d,%d) expected (%d,%d,%d)", full[0],
                  full[1], full[2], half[0], half[1], half[2], expected[0], expected[1],
                  expected[2]);
  g_assert_cmpint (ga_test_color_distance (full, half), >, 10);
  g_assert_cmpint (ga_test_color_distance (half, expected), <=, 6);
  ga_test_image_clear (&img);

  /* The slider follows the layer too. */
  ga_layer_set_opacity (park, 0.25);
  g_assert_cmpfloat_with_epsilon (gtk_range_get_value (scale), 25, 1e-9);
  gtk_window_destroy (GTK_WINDOW (win));
}

/* The map keeps its place and size whatever the layer rows show: a row with a long theme
 * name ("Emission hotspots", or a longer translation) once widened the sidebar, so the map
 * moved right by 28 px and was redrawn whole when the layer was added.  The sidebar is
 * now wide enough for the English names in full, and a longer one ellipsizes. */
static void
map_bounds (GaWindow *win, graphene_rect_t *bounds)
{
  GtkWidget *map = GTK_WIDGET (ga_map_view_get_map (ga_window_get_map_view (win)));

  g_assert_true (gtk_widget_compute_bounds (map, GTK_WIDGET (win), bounds));
}

static void
test_window_map_keeps_its_place (void)
{
  const char *names[] = { "park.geojson", NULL };
  GaWindow *win = new_window ();
  graphene_rect_t before, after;
  GtkDropDown *themes;
  GListModel *model;

  ga_test_wait_frame (GTK_WIDGET (win));
  map_bounds (win, &before);
  g_assert_cmpfloat (before.size.width, >, 500);

  open_fixtures (win, names);
  themes = GTK_DROP_DOWN (ga_test_find_descendant (GTK_WIDGET (layer_row (win, ga_test_find_layer (win, "park"))),
                                                   GTK_TYPE_DROP_DOWN));
  g_assert_nonnull (themes);
  model = gtk_drop_down_get_model (themes);
  g_assert_cmpuint (g_list_model_get_n_items (model), >=, 5);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      gtk_drop_down_set_selected (themes, i);
      ga_test_wait_frame (GTK_WIDGET (win));
      map_bounds (win, &after);
      g_test_message ("theme %u: map at x %.0f, %.0f px wide (before the load: x %.0f, %.0f px)",
                      i, after.origin.x, after.size.width, before.origin.x, before.size.width);
      g_assert_cmpfloat (after.origin.x, ==, before.origin.x);
      g_assert_cmpfloat (after.size.width, ==, before.size.width);
    }
  gtk_window_destroy (GTK_WINDOW (win));
}

/* The longest run of the bar's dark half in any row of the scale bar, in pixels */
static int
scale_bar_dark_run (GtkWidget *scale)
{
  GaTestImage img = { 0 };
  int longest = 0;

  ga_test_render_widget (scale, 10, TRUE, &img);
  for (int y = 0; y < img.height; y++)
    {
      int run = 0;

      for (int x = 0; x < img.width; x++)
        {
          int rgb[3];
          int alpha = img.data[(gsize) y * img.stride + 4 * (gsize) x + 3];

          /* opaque and dark: outside the panel the area is transparent */
          ga_test_pixel_at (&img, x + 0.5, y + 0.5, rgb);
          run = (alpha > 200 && rgb[0] < 60 && rgb[1] < 60 && rgb[2] < 60) ? run + 1 : 0;
          longest = MAX (longest, run);
        }
    }
  ga_test_image_clear (&img);
  return longest;
}

static void
on_layout_cb (GdkFrameClock *clock,
              guint         *n_layouts)
{
  (*n_layouts)++;
}

/* The map's scale bar is the exports' (ga_layout_draw_scale_bar): a round ground length at
 * the map centre's latitude, half of it dark. Zooming and panning redraw it and never run
 * the window's layout: on X11 each layout costs GDK a round trip to the server, which waits
 * behind the frames the server has not drawn yet (ShumateScale's labels resized every zoom
 * frame). */
static void
test_window_scale_bar (void)
{
  GaWindow *win = new_window ();
  GaMapView *view = ga_window_get_map_view (win);
  ShumateViewport *viewport = shumate_map_get_viewport (ga_map_view_get_map (view));
  GtkWidget *scale = find_with_css_class (GTK_WIDGET (win), "ga-scale-bar");
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (win));
  /* ground metres per pixel: 156543.034 m × cos(latitude) / 2^zoom (256-px tiles) */
  const double lat = 13.75, ground12 = 156543.03392 * cos (lat * G_PI / 180.0) / 4096.0;
  guint n_layouts = 0;
  gulong id;
  int run;

  g_assert_nonnull (scale);
  ga_map_view_set_center (view, lat, 100.52, 12.0);
  ga_test_iterate_ms (100);
  /* zoom 12: 37.12 m per pixel, at most 148 px of bar: 5 km, 134.7 px */
  run = scale_bar_dark_run (scale);
  g_test_message ("zoom 12: dark half %d px, expected %.1f", run, 5000.0 / ground12 / 2.0);
  g_assert_cmpfloat (fabs (run - 5000.0 / ground12 / 2.0), <=, 1.5);

  /* first let the window finish its own layouts (rows, toasts): 300 ms without one */
  id = g_signal_connect (clock, "layout", G_CALLBACK (on_layout_cb), &n_layouts);
  for (int quiet = 0, waited = 0; quiet < 6 && waited < 200; waited++)
    {
      guint before = n_layouts;

      ga_test_iterate_ms (50);
      quiet = n_layouts == before ? quiet + 1 : 0;
    }
  n_layouts = 0;
  for (int i = 1; i <= 10; i++)
    {
      ga_map_view_set_center (view, lat + 0.001 * i, 100.52 + 0.001 * i, 12.0 + 0.1 * i);
      ga_test_wait_frame (GTK_WIDGET (view));
    }
  g_signal_handler_disconnect (clock, id);
  g_test_message ("layouts while zooming and panning over 10 frames: %u", n_layouts);
  g_assert_cmpuint (n_layouts, ==, 0);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), ==, 13.0);

  /* zoom 13 at 13.76°: 18.56 m per pixel: 2 km, 107.8 px, once the map is still */
  ga_test_iterate_ms (400);
  run = scale_bar_dark_run (scale);
  g_test_message ("zoom 13: dark half %d px, expected %.1f", run,
                  2000.0 / (156543.03392 * cos (13.76 * G_PI / 180.0) / 8192.0) / 2.0);
  g_assert_cmpfloat (fabs (run - 2000.0 / (156543.03392 * cos (13.76 * G_PI / 180.0) / 8192.0) / 2.0),
                     <=, 1.5);
  gtk_window_destroy (GTK_WINDOW (win));
}

typedef struct
{
  GaWindow *win;
  double    lat0, lon0, zoom0;
  guint     row_painted_map_still;  /* frames that painted the row, the map not moved yet */
  gboolean  moved;
} PaintLog;

static void
on_after_paint_log_cb (GdkFrameClock *clock,
                       PaintLog      *log)
{
  GaLayer *layer = ga_test_find_layer (log->win, "park");
  double lat, lon, zoom;
  gboolean moved;

  ga_map_view_get_center (ga_window_get_map_view (log->win), &lat, &lon, &zoom);
  moved = lat != log->lat0 || lon != log->lon0 || zoom != log->zoom0;
  if (!moved && layer != NULL && gtk_widget_get_mapped (GTK_WIDGET (layer_row (log->win, layer))))
    log->row_painted_map_still++;
  log->moved |= moved;
}

/* A load's rows are painted in one frame and the map goes to the new layers in the next:
 * in one frame both, GTK 4.8's cairo renderer would paint one rectangle around the sidebar
 * and the map, nearly the whole window (100 ms of page faults over a basemap on the
 * benchmark machine). */
static void
test_window_rows_then_map (void)
{
  const char *names[] = { "park.geojson", NULL };
  GaWindow *win = new_window ();
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (win));
  PaintLog log = { win, 0, 0, 0, 0, FALSE };
  GaExtent extent;
  double lat, lon, zoom;
  gulong id;

  ga_test_wait_frame (GTK_WIDGET (win));
  ga_map_view_get_center (ga_window_get_map_view (win), &log.lat0, &log.lon0, &log.zoom0);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_log_cb), &log);
  open_fixtures (win, names);
  g_signal_handler_disconnect (clock, id);

  g_test_message ("frames with the row painted and the map not moved yet: %u",
                  log.row_painted_map_still);
  g_assert_cmpuint (log.row_painted_map_still, >=, 1);
  g_assert_true (log.moved);
  /* and the map did go to the park */
  ga_layer_get_lonlat_extent (ga_test_find_layer (win, "park"), &extent);
  ga_map_view_get_center (ga_window_get_map_view (win), &lat, &lon, &zoom);
  g_assert_cmpfloat (lon, >, extent.min_x);
  g_assert_cmpfloat (lon, <, extent.max_x);
  g_assert_cmpfloat (lat, >, extent.min_y);
  g_assert_cmpfloat (lat, <, extent.max_y);
  gtk_window_destroy (GTK_WINDOW (win));
}

/* Dropping files: the good ones load, the bad one is one toast. */
static void
test_window_drop_files (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ga-test-drop-XXXXXX", NULL);
  g_autofree char *lake = g_build_filename (dir, "lake.geojson", NULL);
  g_autofree char *broken = g_build_filename (dir, "broken.geojson", NULL);
  g_autofree char *stops = g_build_filename (dir, "stops.shp", NULL);
  g_autoslist(GFile) list = NULL;
  g_autoptr(GPtrArray) toasts = NULL;
  GaWindow *win = new_window ();
  GaLayerStore *store = ga_window_get_layer_store (win);
  GtkDropTarget *target;
  GValue value = G_VALUE_INIT;
  gboolean handled = FALSE;

  write_park (lake);
  write_stations (stops, TRUE);
  g_assert_true (g_file_set_contents (broken, "{ \"type\": \"FeatureCollection\", \"feat", -1,
                                      NULL));

  target = find_file_drop_target (GTK_WIDGET (win));
  g_assert_nonnull (target);
  /* The order of a drop: the bad file in the middle. */
  list = g_slist_append (list, g_file_new_for_path (lake));
  list = g_slist_append (list, g_file_new_for_path (broken));
  list = g_slist_append (list, g_file_new_for_path (stops));
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (list));
  g_signal_emit_by_name (target, "drop", &value, 300.0, 300.0, &handled);
  g_value_unset (&value);
  g_assert_true (handled);
  ga_test_wait_loaded (win);

  g_assert_cmpuint (ga_layer_store_get_n_layers (store), ==, 2);
  g_assert_cmpuint (count_layer_rows (win), ==, 2);
  g_assert_cmpstr (ga_layer_get_path (ga_layer_store_get (store, 0)), ==, stops);
  g_assert_cmpstr (ga_layer_get_path (ga_layer_store_get (store, 1)), ==, lake);

  toasts = take_toasts (win);
  g_assert_cmpuint (toasts->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (toasts, 0), "broken.geojson"));
  gtk_window_destroy (GTK_WINDOW (win));

  {
    const char *leftovers[] = { "lake.geojson", "broken.geojson", "stops.shp", "stops.shx",
                                "stops.dbf", "stops.prj", "stops.cpg" };

    for (guint i = 0; i < G_N_ELEMENTS (leftovers); i++)
      {
        g_autofree char *path = g_build_filename (dir, leftovers[i], NULL);

        g_unlink (path);
      }
    g_assert_cmpint (g_rmdir (dir), ==, 0);
  }
}

/* Cancel in the progress row: nothing is added, nothing is reported, the row goes. */
static void
test_window_cancel_loading (void)
{
  g_autofree char *path = ga_test_fixture ("big.csv");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GString) csv = g_string_new ("lon,lat,name\n");
  g_autoptr(GPtrArray) toasts = NULL;
  GaWindow *win;
  GtkWidget *load_row, *load_list, *button;
  GtkProgressBar *bar;
  gint64 end;

  /* 300,000 points in the Bangkok box: about a second to read. */
  for (guint i = 0; i < 300000; i++)
    g_string_append_printf (csv, "100.%06u,13.%06u,p%u\n", 300000 + (i % 1000) * 500,
                            500000 + (i / 1000) * 1000, i);
  g_assert_true (g_file_set_contents (path, csv->str, csv->len, NULL));

  win = new_window ();
  ga_window_open_files (win, &file, 1);
  g_assert_cmpuint (ga_window_get_n_loading (win), ==, 1);
  load_row = find_with_css_class (GTK_WIDGET (win), "ga-load-row");
  g_assert_nonnull (load_row);
  g_assert_true (gtk_widget_get_visible (load_row));
  bar = GTK_PROGRESS_BAR (ga_test_find_descendant (load_row, GTK_TYPE_PROGRESS_BAR));
  button = ga_test_find_descendant (load_row, GTK_TYPE_BUTTON);
  g_assert_nonnull (bar);
  g_assert_nonnull (button);

  /* Wait until the worker is reading, then press Cancel. */
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (gtk_progress_bar_get_fraction (bar) == 0 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_test_message ("cancelled at %.3f", gtk_progress_bar_get_fraction (bar));
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (bar), >, 0);
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (bar), <, 0.9);
  g_assert_cmpuint (ga_window_get_n_loading (win), ==, 1);
  g_assert_true (gtk_widget_get_sensitive (button));
  load_list = gtk_widget_get_parent (load_row);
  g_assert_true (GTK_IS_LIST_BOX (load_list));
  g_signal_emit_by_name (button, "clicked");
  ga_test_wait_loaded (win);
  g_assert_false (gtk_widget_get_visible (load_list));

  g_assert_cmpuint (ga_layer_store_get_n_layers (ga_window_get_layer_store (win)), ==, 0);
  g_assert_cmpuint (count_layer_rows (win), ==, 0);
  g_assert_null (find_with_css_class (GTK_WIDGET (win), "ga-load-row"));
  toasts = take_toasts (win);
  g_assert_cmpuint (toasts->len, ==, 0);
  gtk_window_destroy (GTK_WINDOW (win));
  g_unlink (path);
}

/* Pixels of @img close to pure magenta, the colour the labels test gives a layer's names. */
static int
count_magenta (const GaTestImage *img)
{
  int n = 0;

  for (int y = 0; y < img->height; y++)
    for (int x = 0; x < img->width; x++)
      {
        int c[3];

        ga_test_pixel_at (img, x, y, c);
        n += c[0] > 200 && c[1] < 70 && c[2] > 200;
      }
  return n;
}

static guint
n_label_layers (GaTileLayer *labels)
{
  return ga_overlay_source_get_n_label_layers (GA_OVERLAY_SOURCE (ga_tile_layer_get_source (labels)));
}

/* The labels of all layers are drawn by one label layer above every overlay: hiding the
 * layer that owns a label removes it from the map; the overlays' tiles carry none. */
static void
test_window_labels_layer (void)
{
  const char *names[] = { "park.geojson", "stations.shp", NULL };
  GaWindow *win = new_window ();
  GaMapView *view = ga_window_get_map_view (win);
  GtkWidget *map = GTK_WIDGET (ga_map_view_get_map (view));
  GaOverlayCanvas *canvas;
  GaTileLayer *labels;
  GaLayer *park, *stations;
  GaTestImage shown = { 0 }, no_label_layer = { 0 }, hidden = { 0 }, again = { 0 };
  int n_shown, n_no_label_layer, n_hidden, n_again;

  open_fixtures (win, names);
  park = ga_test_find_layer (win, "park");
  stations = ga_test_find_layer (win, "stations");
  g_assert_nonnull (park);
  g_assert_nonnull (stations);

  ga_style_set_label (ga_layer_style_get (park), "name", 20.0, GA_RGBA (255, 0, 255, 255), 0,
                      0.0);
  ga_style_set_label (ga_layer_style_get (stations), "name", 12.0, GA_RGBA (0, 0, 0, 255), 0,
                      0.0);
  wait_refreshed (win);
  labels = ga_map_view_get_label_layer (view);
  g_assert_nonnull (labels);
  g_assert_cmpuint (n_label_layers (labels), ==, 2);
  /* above every overlay */
  canvas = ga_map_view_get_canvas (view);
  g_assert_cmpint (ga_overlay_canvas_get_position (canvas, labels), ==,
                   (int) ga_overlay_canvas_get_n_layers (canvas) - 1);
  g_assert_cmpint (ga_overlay_canvas_get_position (canvas, labels), >,
                   ga_overlay_canvas_get_position (canvas,
                                                   ga_map_view_get_overlay_layer (view, park)));
  g_assert_cmpint (ga_overlay_canvas_get_position (canvas, labels), >,
                   ga_overlay_canvas_get_position (canvas,
                                                   ga_map_view_get_overlay_layer (view,
                                                                                  stations)));
  ga_test_render_widget (map, 100, TRUE, &shown);
  n_shown = count_magenta (&shown);

  /* without the label layer no name is left: the layers' own tiles have none */
  ga_tile_layer_set_visible (labels, FALSE);
  ga_test_render_widget (map, 100, TRUE, &no_label_layer);
  n_no_label_layer = count_magenta (&no_label_layer);
  ga_tile_layer_set_visible (labels, TRUE);

  ga_layer_set_visible (park, FALSE);
  wait_refreshed (win);
  labels = ga_map_view_get_label_layer (view);
  g_assert_cmpuint (n_label_layers (labels), ==, 1);
  ga_test_render_widget (map, 100, TRUE, &hidden);
  n_hidden = count_magenta (&hidden);

  ga_layer_set_visible (park, TRUE);
  wait_refreshed (win);
  ga_test_render_widget (map, 100, TRUE, &again);
  n_again = count_magenta (&again);

  g_test_message ("park label pixels: shown %d, label layer off %d, park hidden %d, again %d",
                  n_shown, n_no_label_layer, n_hidden, n_again);
  g_assert_cmpint (n_shown, >, 30);
  g_assert_cmpint (n_no_label_layer, ==, 0);
  g_assert_cmpint (n_hidden, ==, 0);
  g_assert_cmpint (ABS (n_again - n_shown), <=, n_shown / 20);

  ga_test_image_clear (&shown);
  ga_test_image_clear (&no_label_layer);
  ga_test_image_clear (&hidden);
  ga_test_image_clear (&again);
  gtk_window_destroy (GTK_WINDOW (win));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  ga_test_init_env (&argc, &argv);
  make_fixtures ();
  ga_test_start_app ();

  g_test_add_func ("/window/sample-city", test_window_sample_city);
  g_test_add_func ("/window/activate-opens-sample-folder", test_window_activate_opens_sample_folder);
  g_test_add_func ("/window/toggle-visibility", test_window_toggle_visibility);
  g_test_add_func ("/window/labels-layer", test_window_labels_layer);
  g_test_add_func ("/window/point-position", test_window_point_position);
  g_test_add_func ("/window/bad-file", test_window_bad_file);
  g_test_add_func ("/window/asks-for-crs", test_window_asks_for_crs);
  g_test_add_func ("/window/actions", test_window_actions);
  g_test_add_func ("/window/encoding-reload", test_window_encoding_reload);
  g_test_add_func ("/window/reload-keeps-crs", test_window_reload_keeps_crs);
  g_test_add_func ("/window/move-and-remove", test_window_move_and_remove);
  g_test_add_func ("/window/zoom-to-layer", test_window_zoom_to_layer);
  g_test_add_func ("/window/opacity", test_window_opacity);
  g_test_add_func ("/window/layer-row-tooltips", test_window_layer_row_tooltips);
  g_test_add_func ("/window/map-keeps-its-place", test_window_map_keeps_its_place);
  g_test_add_func ("/window/scale-bar", test_window_scale_bar);
  g_test_add_func ("/window/rows-then-map", test_window_rows_then_map);
  g_test_add_func ("/window/drop-files", test_window_drop_files);
  g_test_add_func ("/window/cancel-loading", test_window_cancel_loading);

  ret = g_test_run ();

  ga_test_stop_app ();
  return ret;
}
