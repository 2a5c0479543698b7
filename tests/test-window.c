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
#include "ga-overlay-source.h"
#include "ga-renderer.h"
#include "ga-window.h"

static GaApplication *app;
static char *fixture_dir;

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

static char *
fixture (const char *name)
{
  return g_build_filename (fixture_dir, name, NULL);
}

static void
make_fixtures (void)
{
  g_autofree char *park = NULL;
  g_autofree char *stations = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *manifest = NULL;

  fixture_dir = g_dir_make_tmp ("ga-test-window-XXXXXX", NULL);
  g_assert_nonnull (fixture_dir);
  GDALAllRegister ();
  park = fixture ("park.geojson");
  stations = fixture ("stations.shp");
  bad = fixture ("bad.shp");
  manifest = fixture ("manifest.txt");
  write_park (park);
  write_stations (stations, TRUE);
  {
    g_autofree char *noprj = fixture ("noprj.shp");

    write_stations (noprj, FALSE);
  }
  g_assert_true (g_file_set_contents (bad, "this is not a shapefile\n", -1, NULL));
  g_assert_true (g_file_set_contents (manifest, "# bottom first\npark.geojson\nstations.shp\n",
                                      -1, NULL));
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

static void
wait_loaded (GaWindow *win)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (ga_window_get_n_loading (win) > 0 && g_get_monotonic_time () < end)
    iterate_ms (10);
  g_assert_cmpuint (ga_window_get_n_loading (win), ==, 0);
}

static void
wait_mapped (GtkWidget *widget)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!(gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 100)
         && g_get_monotonic_time () < end)
    iterate_ms (10);
  g_assert_true (gtk_widget_get_mapped (widget));
}

/* Waits until the view stops moving and no overlay tile is being drawn, for 300 ms. */
static void
wait_map_settled (GaWindow *win)
{
  ShumateViewport *vp = ga_map_view_get_viewport (ga_window_get_map_view (win));
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
          && ga_overlay_source_get_n_pending () == 0)
        stable++;
      else
        stable = 0;
      memcpy (last, now, sizeof now);
      last_filled = filled;
      iterate_ms (10);
    }
  g_assert_cmpuint (stable, >=, 30);
}

/* ---- inspecting ---- */

typedef struct
{
  guint8 *data;
  int     width, height;
  gsize   stride;
} Image;

static void
image_clear (Image *img)
{
  g_clear_pointer (&img->data, g_free);
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gboolean      *painted)
{
  *painted = TRUE;
}

/* Waits for one painted frame of @widget's window, so layout is done. */
static void
wait_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  gboolean painted = FALSE;
  gulong id;

  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &painted);
  gtk_widget_queue_draw (widget);
  while (!painted && g_get_monotonic_time () < end)
    iterate_ms (5);
  g_signal_handler_disconnect (clock, id);
  g_assert_true (painted);
}

static void
render_widget (GtkWidget *widget,
               Image     *img)
{
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  g_assert_true (gtk_widget_is_drawable (widget));
  img->width = gtk_widget_get_width (widget);
  img->height = gtk_widget_get_height (widget);
  g_assert_cmpint (img->width, >, 100);
  g_assert_cmpint (img->height, >, 100);

  /* A widget paintable is empty while a resize is pending: render after a painted frame. */
  for (int attempt = 0; attempt < 5 && node == NULL; attempt++)
    {
      g_autoptr(GdkPaintable) paintable = NULL;
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      wait_frame (widget);
      paintable = gtk_widget_paintable_new (widget);
      gdk_paintable_snapshot (paintable, snapshot, img->width, img->height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, img->width, img->height));
  img->stride = img->width * 4;
  img->data = g_malloc (img->stride * img->height);
  gdk_texture_download (texture, img->data, img->stride);
}

/* RGB of pixel (x, y); texture downloads are cairo ARGB32 (BGRA bytes on little endian). */
static void
pixel_at (const Image *img,
          double       x,
          double       y,
          int          rgb[3])
{
  int ix = (int) x, iy = (int) y;
  const guint8 *p;

  g_assert_cmpint (ix, >=, 0);
  g_assert_cmpint (iy, >=, 0);
  g_assert_cmpint (ix, <, img->width);
  g_assert_cmpint (iy, <, img->height);
  p = img->data + iy * img->stride + ix * 4;
  rgb[0] = p[2];
  rgb[1] = p[1];
  rgb[2] = p[0];
}

static int
color_distance (const int a[3],
                const int b[3])
{
  return MAX (ABS (a[0] - b[0]), MAX (ABS (a[1] - b[1]), ABS (a[2] - b[2])));
}

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

static guint
count_layer_rows (GaWindow *win)
{
  GtkListBox *list = ga_window_get_layer_list (win);
  guint n = 0;

  for (int i = 0; gtk_list_box_get_row_at_index (list, i); i++)
    n++;
  return n;
}

static GaLayer *
find_layer (GaWindow   *win,
            const char *name)
{
  GaLayerStore *store = ga_window_get_layer_store (win);

  for (guint i = 0; i < ga_layer_store_get_n_layers (store); i++)
    {
      GaLayer *layer = ga_layer_store_get (store, i);

      if (g_strcmp0 (ga_layer_get_name (layer), name) == 0)
        return layer;
    }
  return NULL;
}

static GaWindow *
new_window (void)
{
  GaWindow *win = ga_window_new (GTK_APPLICATION (app));

  g_action_group_change_action_state (G_ACTION_GROUP (win), "basemap",
                                      g_variant_new_string ("none"));
  g_assert_cmpstr (ga_map_view_get_basemap (ga_window_get_map_view (win)), ==, "none");
  gtk_window_set_default_size (GTK_WINDOW (win), 1000, 700);
  gtk_window_present (GTK_WINDOW (win));
  wait_mapped (GTK_WIDGET (ga_map_view_get_map (ga_window_get_map_view (win))));
  return win;
}

static void
open_fixtures (GaWindow            *win,
               const char * const *names)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; names[i]; i++)
    {
      g_autofree char *path = fixture (names[i]);

      g_ptr_array_add (files, g_file_new_for_path (path));
    }
  ga_window_open_files (win, (GFile **) files->pdata, files->len);
  wait_loaded (win);
  wait_map_settled (win);
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

  if (dir == NULL || g_strcmp0 (dir, fixture_dir) == 0)
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

  g_application_activate (G_APPLICATION (app));
  active = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (GA_IS_WINDOW (active));
  win = GA_WINDOW (active);
  g_action_group_change_action_state (G_ACTION_GROUP (win), "basemap",
                                      g_variant_new_string ("none"));
  wait_loaded (win);
  wait_map_settled (win);

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

  g_setenv ("GA_SAMPLE_DIR", fixture_dir, TRUE);
  g_application_activate (G_APPLICATION (app));
  win = GA_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_unsetenv ("GA_SAMPLE_DIR");
  g_assert_true (GA_IS_WINDOW (win));
  wait_loaded (win);

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
  Image shown = { 0 }, hidden = { 0 }, again = { 0 };
  int c_shown[3], c_hidden[3], c_again[3], expected[3];
  double x, y;
  guint pos;

  open_fixtures (win, names);
  park = find_layer (win, "park");
  g_assert_nonnull (park);
  g_assert_true (ga_layer_store_find (ga_window_get_layer_store (win), park, &pos));
  g_assert_cmpuint (pos, ==, 1);

  /* The map zoomed to the new data: the park centre is inside the map. */
  shumate_viewport_location_to_widget_coords (vp, map, (PARK_S + PARK_N) / 2,
                                              (PARK_W + PARK_E) / 2, &x, &y);
  g_assert_cmpfloat (x, >, 0);
  g_assert_cmpfloat (y, >, 0);
  g_assert_cmpfloat (x, <, gtk_widget_get_width (map));
  g_assert_cmpfloat (y, <, gtk_widget_get_height (map));

  render_widget (map, &shown);
  pixel_at (&shown, x, y, c_shown);

  /* Switch the layer off with the switch in its sidebar row. */
  park_row = gtk_list_box_get_row_at_index (ga_window_get_layer_list (win), pos);
  sw = GTK_SWITCH (find_descendant (GTK_WIDGET (park_row), GTK_TYPE_SWITCH));
  g_assert_nonnull (sw);
  g_assert_true (gtk_switch_get_active (sw));
  gtk_switch_set_active (sw, FALSE);
  g_assert_false (ga_layer_get_visible (park));
  iterate_ms (50);
  render_widget (map, &hidden);
  pixel_at (&hidden, x, y, c_hidden);

  ga_layer_set_visible (park, TRUE);
  g_assert_true (gtk_switch_get_active (sw));
  iterate_ms (50);
  render_widget (map, &again);
  pixel_at (&again, x, y, c_again);

  g_test_message ("park pixel shown (%d,%d,%d) hidden (%d,%d,%d)", c_shown[0], c_shown[1],
                  c_shown[2], c_hidden[0], c_hidden[1], c_hidden[2]);
  g_assert_cmpint (color_distance (c_shown, c_hidden), >, 20);
  g_assert_cmpint (color_distance (c_shown, c_again), <=, 2);

  /* Shown, the pixel is the layer's fill over the background. */
  ga_symbol_init_default (&symbol, park);
  blend (&symbol, c_hidden, expected);
  g_assert_cmpint (color_distance (c_shown, expected), <=, 6);

  image_clear (&shown);
  image_clear (&hidden);
  image_clear (&again);
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
  Image img = { 0 };
  int c[3], bg[3], expected[3], off[3];
  double x, y;

  open_fixtures (win, names);
  stations = find_layer (win, "stations");
  park = find_layer (win, "park");
  g_assert_nonnull (stations);
  g_assert_nonnull (park);
  ga_layer_set_visible (park, FALSE);

  shumate_viewport_location_to_widget_coords (vp, map, STATION_LAT, STATION_LON, &x, &y);
  iterate_ms (50);
  render_widget (map, &img);
  pixel_at (&img, x, y, c);
  /* 40 px away (no other station there) is the bare background. */
  pixel_at (&img, x - 40, y + 40, bg);
  pixel_at (&img, x + 40, y - 40, off);
  g_assert_cmpint (color_distance (bg, off), <=, 2);

  ga_symbol_init_default (&symbol, stations);
  blend (&symbol, bg, expected);
  g_test_message ("station pixel (%d,%d,%d) expected (%d,%d,%d) at %.1f,%.1f", c[0], c[1], c[2],
                  expected[0], expected[1], expected[2], x, y);
  g_assert_cmpint (color_distance (c, expected), <=, 8);
  g_assert_cmpint (color_distance (c, bg), >, 30);

  image_clear (&img);
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
  Image img = { 0 };
  int c[3], corner[3];
  double x, y;

  open_fixtures (win, names);

  /* The good file loaded… */
  g_assert_cmpuint (ga_layer_store_get_n_layers (ga_window_get_layer_store (win)), ==, 1);
  g_assert_cmpuint (count_layer_rows (win), ==, 1);
  park = find_layer (win, "park");
  g_assert_nonnull (park);

  /* …the bad one is a toast naming it… */
  collect_labels (GTK_WIDGET (win), text);
  g_test_message ("labels: %s", text->str);
  g_assert_nonnull (strstr (text->str, "bad.shp"));

  /* …and the map still draws the park. */
  shumate_viewport_location_to_widget_coords (vp, map, (PARK_S + PARK_N) / 2,
                                              (PARK_W + PARK_E) / 2, &x, &y);
  render_widget (map, &img);
  pixel_at (&img, x, y, c);
  pixel_at (&img, 5, img.height / 2.0, corner);
  g_assert_cmpint (color_distance (c, corner), >, 20);

  image_clear (&img);
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
  g_autofree char *path = fixture ("noprj.shp");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GaWindow *win = new_window ();
  GaCrsDialog *dialog = NULL;
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  GaLayer *layer;
  GaExtent extent;

  ga_window_open_files (win, &file, 1);
  while ((dialog = find_crs_dialog ()) == NULL && g_get_monotonic_time () < end)
    iterate_ms (10);
  g_assert_nonnull (dialog);
  /* Still loading: the file waits for the answer. */
  g_assert_cmpuint (ga_window_get_n_loading (win), ==, 1);
  g_assert_cmpuint (ga_crs_dialog_get_n_items (dialog), >, 10);

  ga_crs_dialog_set_filter (dialog, "32647");
  g_assert_cmpuint (ga_crs_dialog_get_n_items (dialog), >=, 1);
  ga_crs_dialog_choose (dialog, 0);
  wait_loaded (win);

  layer = find_layer (win, "noprj");
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

  iterate_ms (50);
  shumate_viewport_set_zoom_level (vp, 12.6);

  /* Zoom in snaps to whole levels, even from a fractional zoom. */
  g_action_group_activate_action (G_ACTION_GROUP (win), "zoom-in", NULL);
  end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (shumate_viewport_get_zoom_level (vp) != 13.0 && g_get_monotonic_time () < end)
    iterate_ms (10);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (vp), ==, 13.0);
  g_action_group_activate_action (G_ACTION_GROUP (win), "zoom-out", NULL);
  end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while ((zoom = shumate_viewport_get_zoom_level (vp)) != 12.0 && g_get_monotonic_time () < end)
    iterate_ms (10);
  g_assert_cmpfloat (zoom, ==, 12.0);

  /* F9 hides the sidebar. */
  g_action_group_activate_action (G_ACTION_GROUP (win), "toggle-sidebar", NULL);
  g_assert_false (adw_flap_get_reveal_flap (ADW_FLAP (find_descendant (GTK_WIDGET (win),
                                                                       ADW_TYPE_FLAP))));
  g_action_group_activate_action (G_ACTION_GROUP (win), "toggle-sidebar", NULL);

  /* The keyboard shortcuts window comes from the bundled gtk/help-overlay.ui. */
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (win)));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (win), "show-help-overlay"));
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
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
    g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                  "win.toggle-sidebar");
    g_assert_cmpstr (accels[0], ==, "F9");
  }
  gtk_window_destroy (GTK_WINDOW (win));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cache = NULL;
  int ret;

  /* libshumate caches tiles under XDG_CACHE_HOME: keep it out of the user's home. */
  cache = g_dir_make_tmp ("ga-test-cache-XXXXXX", NULL);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_setenv ("GA_BASEMAP_URL", "http://127.0.0.1:9/{z}/{x}/{y}.png", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);

  g_test_init (&argc, &argv, NULL);
  make_fixtures ();

  app = ga_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  /* No window closing may quit the (not running) application between tests. */
  g_application_hold (G_APPLICATION (app));

  g_test_add_func ("/window/sample-city", test_window_sample_city);
  g_test_add_func ("/window/activate-opens-sample-folder", test_window_activate_opens_sample_folder);
  g_test_add_func ("/window/toggle-visibility", test_window_toggle_visibility);
  g_test_add_func ("/window/point-position", test_window_point_position);
  g_test_add_func ("/window/bad-file", test_window_bad_file);
  g_test_add_func ("/window/asks-for-crs", test_window_asks_for_crs);
  g_test_add_func ("/window/actions", test_window_actions);

  ret = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return ret;
}
