/* ga-test-ui.c — helpers shared by the UI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ga-test-ui.h"

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <stdlib.h>
#include <string.h>

#include "ga-overlay-source.h"
#include "ga-test-util.h"

GaApplication *ga_test_app;
char *ga_test_fixture_dir;

/* ---- set-up ---- */

static GPtrArray *to_remove;   /* folders made here, removed at exit */

static void
remove_folders (void)
{
  for (guint i = 0; i < to_remove->len; i++)
    ga_test_remove_tree (g_ptr_array_index (to_remove, i));
  g_clear_pointer (&to_remove, g_ptr_array_unref);
}

void
ga_test_remove_at_exit (const char *dir)
{
  if (dir == NULL)
    return;
  if (to_remove == NULL)
    {
      to_remove = g_ptr_array_new_with_free_func (g_free);
      atexit (remove_folders);
    }
  g_ptr_array_add (to_remove, g_strdup (dir));
}

/* Keeps the tile cache and the basemap off the network and out of the user's home, then
 * initialises GTest. */
void
ga_test_init_env (int    *argc,
                  char ***argv)
{
  g_autofree char *cache = g_dir_make_tmp ("ga-test-cache-XXXXXX", NULL);
  g_autofree char *autosave = g_dir_make_tmp ("ga-test-autosave-XXXXXX", NULL);

  ga_test_remove_at_exit (cache);
  ga_test_remove_at_exit (autosave);

  /* libshumate caches tiles under XDG_CACHE_HOME: keep it out of the user's home. */
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  /* Autosave copies of the test windows stay out of the user's state folder. */
  if (g_getenv ("GA_AUTOSAVE_DIR") == NULL)
    g_setenv ("GA_AUTOSAVE_DIR", autosave, TRUE);
  g_setenv ("GA_BASEMAP_URL", "http://127.0.0.1:9/{z}/{x}/{y}.png", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_test_init (argc, argv, NULL);
}

void
ga_test_make_fixture_dir (const char *tmpl)
{
  ga_test_fixture_dir = g_dir_make_tmp (tmpl, NULL);
  g_assert_nonnull (ga_test_fixture_dir);
  ga_test_remove_at_exit (ga_test_fixture_dir);
}

char *
ga_test_fixture (const char *name)
{
  return g_build_filename (ga_test_fixture_dir, name, NULL);
}

void
ga_test_start_app (void)
{
  g_autoptr(GError) error = NULL;

  ga_test_app = ga_application_new ();
  g_application_set_flags (G_APPLICATION (ga_test_app),
                           g_application_get_flags (G_APPLICATION (ga_test_app))
                           | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (ga_test_app), NULL, &error));
  g_assert_no_error (error);
  /* No window closing may quit the (not running) application between tests. */
  g_application_hold (G_APPLICATION (ga_test_app));
}

void
ga_test_stop_app (void)
{
  g_application_release (G_APPLICATION (ga_test_app));
  g_clear_object (&ga_test_app);
}

void
ga_test_setup_app (int    *argc,
                   char ***argv)
{
  ga_test_init_env (argc, argv);
  GDALAllRegister ();
  ga_test_make_fixture_dir ("ga-test-ui-XXXXXX");
  ga_test_start_app ();
}

/* ---- fixtures: GeoJSON polygons in lon/lat ---- */

char *
ga_test_write_squares (const char         *name,
                       const char * const *fields,
                       const GaTestSquare *squares,
                       guint               n_squares)
{
  g_autofree char *file = g_strdup_printf ("%s.geojson", name);
  char *path = g_build_filename (ga_test_fixture_dir, file, NULL);
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
      const GaTestSquare *sq = &squares[i];
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

void
ga_test_iterate_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;
  guint id = g_timeout_add (10, on_tick_cb, NULL);

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
}

void
ga_test_wait_loaded (GaWindow *win)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (ga_window_get_n_loading (win) > 0 && g_get_monotonic_time () < end)
    ga_test_iterate_ms (10);
  g_assert_cmpuint (ga_window_get_n_loading (win), ==, 0);
}

void
ga_test_wait_mapped (GtkWidget *widget)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!(gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 100)
         && g_get_monotonic_time () < end)
    ga_test_iterate_ms (10);
  g_assert_true (gtk_widget_get_mapped (widget));
}

/* Waits until the view stops moving and no overlay tile is being drawn (and, with
 * @with_refreshing, no style refresh is pending), for 300 ms. */
void
ga_test_wait_map_settled (GaWindow *win,
                          gboolean  with_refreshing)
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
          && ga_overlay_source_get_n_pending () == 0
          && (!with_refreshing || ga_map_view_get_n_refreshing (view) == 0))
        stable++;
      else
        stable = 0;
      memcpy (last, now, sizeof now);
      last_filled = filled;
      ga_test_iterate_ms (10);
    }
  g_assert_cmpuint (stable, >=, 30);
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gboolean      *painted)
{
  *painted = TRUE;
}

/* Waits for one painted frame of @widget's window, so layout is done. */
void
ga_test_wait_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  gboolean painted = FALSE;
  gulong id;

  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &painted);
  gtk_widget_queue_draw (widget);
  while (!painted && g_get_monotonic_time () < end)
    ga_test_iterate_ms (5);
  g_signal_handler_disconnect (clock, id);
  g_assert_true (painted);
}

/* An empty 1000×700 window on the "none" basemap, shown, its map mapped and sized. */
GaWindow *
ga_test_new_window (void)
{
  GaWindow *win = ga_window_new (GTK_APPLICATION (ga_test_app));
  GtkWidget *map = GTK_WIDGET (ga_map_view_get_map (ga_window_get_map_view (win)));
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  g_action_group_change_action_state (G_ACTION_GROUP (win), "basemap",
                                      g_variant_new_string ("none"));
  gtk_window_set_default_size (GTK_WINDOW (win), 1000, 700);
  gtk_window_present (GTK_WINDOW (win));
  while (!(gtk_widget_get_mapped (map) && gtk_widget_get_width (map) > 100)
         && g_get_monotonic_time () < end)
    ga_test_iterate_ms (10);
  g_assert_true (gtk_widget_get_mapped (map));
  return win;
}

/* The same window with @paths opened, loaded and settled. */
GaWindow *
ga_test_new_window_with (const char * const *paths)
{
  GaWindow *win = ga_test_new_window ();
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  for (guint i = 0; paths[i]; i++)
    g_ptr_array_add (files, g_file_new_for_path (paths[i]));
  ga_window_open_files (win, (GFile **) files->pdata, files->len);
  while (ga_window_get_n_loading (win) > 0 && g_get_monotonic_time () < end)
    ga_test_iterate_ms (10);
  g_assert_cmpuint (ga_window_get_n_loading (win), ==, 0);
  ga_test_wait_map_settled (win, TRUE);
  return win;
}

/* ---- pixels ---- */

void
ga_test_image_clear (GaTestImage *img)
{
  g_clear_pointer (&img->data, g_free);
}

/* Renders @widget in-process into @img (cairo ARGB32), after a painted frame: a widget
 * paintable is empty while a resize is pending.  Both sides must exceed @min_size. */
void
ga_test_render_widget (GtkWidget   *widget,
                       int          min_size,
                       gboolean     check_drawable,
                       GaTestImage *img)
{
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  if (check_drawable)
    g_assert_true (gtk_widget_is_drawable (widget));
  img->width = gtk_widget_get_width (widget);
  img->height = gtk_widget_get_height (widget);
  g_assert_cmpint (img->width, >, min_size);
  g_assert_cmpint (img->height, >, min_size);
  for (int attempt = 0; attempt < 5 && node == NULL; attempt++)
    {
      g_autoptr(GdkPaintable) paintable = NULL;
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      ga_test_wait_frame (widget);
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
void
ga_test_pixel_at (const GaTestImage *img,
                  double             x,
                  double             y,
                  int                rgb[3])
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

int
ga_test_color_distance (const int a[3],
                        const int b[3])
{
  return MAX (ABS (a[0] - b[0]), MAX (ABS (a[1] - b[1]), ABS (a[2] - b[2])));
}

/* ---- finding things ---- */

/* Appends the text of every visible label under @widget, one a line. */
void
ga_test_collect_labels (GtkWidget *widget,
                        GString   *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    {
      g_string_append (text, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (text, '\n');
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    ga_test_collect_labels (child, text);
}

GtkWidget *
ga_test_find_descendant (GtkWidget *widget,
                         GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ga_test_find_descendant (child, type);

      if (found)
        return found;
    }
  return NULL;
}

GaLayer *
ga_test_find_layer (GaWindow   *win,
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

/* Pixel (widget coordinates) of a lon/lat position on the map. */
void
ga_test_map_point (GaWindow *win,
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
