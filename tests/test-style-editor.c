/* test-style-editor.c — style edits change the map's pixels; the legend shows the colours;
 * a bad filter is reported inline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <string.h>

#include "ga-application.h"
#include "ga-layer-style.h"
#include "ga-overlay-source.h"
#include "ga-style-editor.h"
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

G_GNUC_UNUSED static void
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

G_GNUC_UNUSED static GtkWidget *
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

/* ---- pixels ---- */

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
  g_assert_cmpint (img->width, >, 10);
  g_assert_cmpint (img->height, >, 10);
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

/* Number of pixels of @img within @tolerance of @rgb. */
static guint
count_color (const Image *img,
             const int    rgb[3],
             int          tolerance)
{
  guint n = 0;

  for (int y = 0; y < img->height; y++)
    for (int x = 0; x < img->width; x++)
      {
        int c[3];

        pixel_at (img, x, y, c);
        if (color_distance (c, rgb) <= tolerance)
          n++;
      }
  return n;
}

/* "zones": two squares side by side, kinds "a" (west) and "b" (east). */
static const Square zones[] = {
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
  GaWindow *win = new_window_with (paths);
  GaMapView *view = ga_window_get_map_view (win);
  GtkWidget *map = GTK_WIDGET (ga_map_view_get_map (view));
  GaLayer *layer = find_layer (win, "zones");
  GaStyle *style;
  GaStyleEditor *editor;
  GtkColorButton *button;
  Image before = { 0 }, after = { 0 }, classes = { 0 }, legend = { 0 };
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
  wait_map_settled (win);

  /* South-west quarter of each zone, away from any label. */
  map_point (win, 100.505, 13.735, &xa, &ya);
  map_point (win, 100.535, 13.735, &xb, &yb);
  render_widget (map, &before);
  pixel_at (&before, xa, ya, c_before);

  /* Single symbol: pure blue fill through the editor's colour button. */
  button = ga_style_editor_get_fill_button (editor);
  g_assert_nonnull (button);
  set_button_color (button, 0, 0, 1);
  g_assert_cmphex (ga_style_get_fill (style) >> 8, ==, 0x0000ff);
  wait_map_settled (win);
  render_widget (map, &after);
  pixel_at (&after, xa, ya, c_after);
  g_test_message ("fill before (%d,%d,%d) after (%d,%d,%d)", c_before[0], c_before[1], c_before[2],
                  c_after[0], c_after[1], c_after[2]);
  g_assert_cmpint (color_distance (c_after, blue), <=, 4);
  g_assert_cmpint (color_distance (c_before, blue), >, 40);

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
  wait_map_settled (win);
  render_widget (map, &classes);
  pixel_at (&classes, xa, ya, c_a);
  pixel_at (&classes, xb, yb, c_b);
  g_test_message ("class a (%d,%d,%d) b (%d,%d,%d)", c_a[0], c_a[1], c_a[2], c_b[0], c_b[1], c_b[2]);
  g_assert_cmpint (color_distance (c_a, red), <=, 4);
  g_assert_cmpint (color_distance (c_b, red), >, 40);

  /* The legend panel shows the class colour (same drawing code as exports). */
  g_assert_true (ga_map_view_get_legend_visible (view));
  render_widget (ga_map_view_get_legend_area (view), &legend);
  g_test_message ("legend %dx%d, red pixels %u", legend.width, legend.height,
                  count_color (&legend, red, 4));
  g_assert_cmpuint (count_color (&legend, red, 4), >=, 20);

  /* L hides it. */
  g_action_group_activate_action (G_ACTION_GROUP (win), "toggle-legend", NULL);
  iterate_ms (20);
  g_assert_false (gtk_widget_get_visible (ga_map_view_get_legend_area (view)));

  image_clear (&before);
  image_clear (&after);
  image_clear (&classes);
  image_clear (&legend);
  gtk_window_destroy (GTK_WINDOW (editor));
  gtk_window_destroy (GTK_WINDOW (win));
}

static void
test_style_editor_filter (void)
{
  const char *paths[] = { zones_path, NULL };
  GaWindow *win = new_window_with (paths);
  GaMapView *view = ga_window_get_map_view (win);
  GtkWidget *map = GTK_WIDGET (ga_map_view_get_map (view));
  GaLayer *layer = find_layer (win, "zones");
  GaStyle *style = ga_layer_style_get (layer);
  GaStyleEditor *editor = GA_STYLE_EDITOR (ga_window_edit_style (win, layer));
  Image img = { 0 }, bare = { 0 };
  int c_a[3], c_b[3], bg[3];
  double xa, ya, xb, yb;

  ga_style_set_kind (style, GA_STYLE_SINGLE);
  ga_style_set_fill (style, GA_RGBA (0, 0, 255, 255));
  ga_style_set_opacity (style, 1.0);
  map_point (win, 100.505, 13.735, &xa, &ya);
  map_point (win, 100.535, 13.735, &xb, &yb);

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
  wait_map_settled (win);
  render_widget (map, &img);
  pixel_at (&img, xa, ya, c_a);
  pixel_at (&img, xb, yb, c_b);
  ga_layer_set_visible (layer, FALSE);
  iterate_ms (50);
  render_widget (map, &bare);
  pixel_at (&bare, xb, yb, bg);
  g_test_message ("a (%d,%d,%d) b (%d,%d,%d) bg (%d,%d,%d)", c_a[0], c_a[1], c_a[2],
                  c_b[0], c_b[1], c_b[2], bg[0], bg[1], bg[2]);
  g_assert_cmpint (color_distance (c_a, (int[3]) { 0, 0, 255 }), <=, 4);
  g_assert_cmpint (color_distance (c_b, bg), <=, 2);

  image_clear (&img);
  image_clear (&bare);
  gtk_window_destroy (GTK_WINDOW (editor));
  gtk_window_destroy (GTK_WINDOW (win));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  setup_app (&argc, &argv);
  zones_path = write_squares ("zones", zone_fields, zones, G_N_ELEMENTS (zones));

  g_test_add_func ("/style-editor/fill-and-classes", test_style_editor_fill_and_classes);
  g_test_add_func ("/style-editor/filter", test_style_editor_filter);

  ret = g_test_run ();
  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return ret;
}
