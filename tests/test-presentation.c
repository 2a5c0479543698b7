/* test-presentation.c — presenting the sample project: keys, slides in order, each slide's
 * layers and area, blanking, and the window as it was after Escape (under Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The keys go through the presentation's own key controller (the handler a real key press
 * reaches), so the key map is what is tested.
 */
#include "config.h"

#include <gdal.h>
#include <math.h>

#include "ga-application.h"
#include "ga-layer-style.h"
#include "ga-presentation.h"
#include "ga-project.h"
#include "ga-window-private.h"
#include "ga-window-slides.h"
#include "ga-window.h"

#include "ga-test-ui.h"

typedef struct
{
  GaLayer  *layer;
  gboolean  visible;
  GaStyle  *style;
} Saved;

/* The window's layers as they were before presenting (test_present). */
static GArray *before;

static GaWindow *
new_window (void)
{
  GaWindow *win = ga_window_new (GTK_APPLICATION (ga_test_app));
  GtkWidget *map = GTK_WIDGET (ga_map_view_get_map (ga_window_get_map_view (win)));

  gtk_window_set_default_size (GTK_WINDOW (win), 1000, 700);
  gtk_window_present (GTK_WINDOW (win));
  ga_test_wait_mapped (map);
  return win;
}

static void
send_key (GaPresentation *pres,
          guint           keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (pres));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        {
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
          break;
        }
    }
  ga_test_iterate_ms (10);
}

/* Waits for the flight to end: the viewport stays still for 300 ms. */
static void
wait_still (GaPresentation *pres)
{
  GaMapView *view = ga_presentation_get_map_view (pres);
  gint64 end = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;
  double last[3] = { 0 };
  guint stable = 0;

  while (g_get_monotonic_time () < end && stable < 30)
    {
      double now[3];

      ga_map_view_get_center (view, &now[0], &now[1], &now[2]);
      if (memcmp (now, last, sizeof now) == 0)
        stable++;
      else
        stable = 0;
      memcpy (last, now, sizeof now);
      ga_test_iterate_ms (10);
    }
}

static void
check_slide (GaWindow       *win,
             GaPresentation *pres,
             guint           index)
{
  GaProject *project = ga_window_get_project (win);
  GaSlide *slide = ga_project_get_slide (project, index);
  GaLayerStore *store = ga_window_get_layer_store (win);
  g_autofree char *counter = g_strdup_printf ("%u / %u", index + 1,
                                              ga_project_get_n_slides (project));
  GaExtent extent;
  double lat, lon, zoom, clat, clon;

  g_assert_cmpuint (ga_presentation_get_current (pres), ==, index);
  g_assert_cmpstr (gtk_label_get_text (ga_presentation_get_title_label (pres)), ==,
                   ga_slide_get_title (slide));
  g_assert_cmpstr (gtk_label_get_text (ga_presentation_get_caption_label (pres)), ==,
                   ga_slide_get_caption (slide));
  g_assert_cmpstr (gtk_label_get_text (ga_presentation_get_counter_label (pres)), ==, counter);

  for (guint i = 0; i < ga_layer_store_get_n_layers (store); i++)
    {
      GaLayer *layer = ga_layer_store_get (store, i);
      gboolean visible = FALSE;

      JsonNode *style = NULL;

      if (!ga_slide_get_layer (slide, ga_layer_get_id (layer), &visible, &style))
        visible = FALSE;
      g_assert_cmpint (ga_layer_get_visible (layer), ==, visible);
      if (!visible || before == NULL)
        continue;
      if (style != NULL)
        {
          g_autoptr(JsonNode) drawn = ga_style_to_json (ga_layer_style_get (layer));

          g_assert_true (json_node_equal (drawn, style));
        }
      else
        {
          /* No style on the slide: the layer's own, whatever the slide before set. */
          for (guint k = 0; k < before->len; k++)
            if (g_array_index (before, Saved, k).layer == layer)
              g_assert_true (ga_layer_style_get (layer) == g_array_index (before, Saved, k).style);
        }
    }

  wait_still (pres);
  g_assert_true (ga_slide_get_mercator_extent (slide, &extent));
  ga_mercator_to_lonlat ((extent.min_x + extent.max_x) / 2, (extent.min_y + extent.max_y) / 2,
                         &clon, &clat);
  ga_map_view_get_center (ga_presentation_get_map_view (pres), &lat, &lon, &zoom);
  g_assert_cmpfloat_with_epsilon (lon, clon, 1e-4);
  /* A whole zoom level. */
  g_assert_cmpfloat_with_epsilon (zoom, round (zoom), 1e-9);
  /* The extent's centre is in the middle of the map above the caption band, and the whole
   * extent is shown there. */
  {
    GaMapView *view = ga_presentation_get_map_view (pres);
    GtkWidget *map = GTK_WIDGET (ga_map_view_get_map (view));
    int inset = ga_presentation_get_band_height (pres);
    int height = gtk_widget_get_height (map);
    double x, y, res = 2 * GA_MERCATOR_HALF_WORLD / (256.0 * pow (2.0, zoom));
    GaExtent shown;

    g_assert_cmpint (inset, >, 0);
    g_assert_cmpint (inset, <, height / 2);
    shumate_viewport_location_to_widget_coords (ga_map_view_get_viewport (view), map, clat, clon,
                                                &x, &y);
    g_assert_cmpfloat (fabs (x - gtk_widget_get_width (map) / 2.0), <, 1.0);
    g_assert_cmpfloat (fabs (y - (height - inset) / 2.0), <, 1.0);
    ga_map_view_get_visible_extent (view, &shown);
    shown.min_y += inset * res;
    g_assert_cmpfloat (shown.min_x, <=, extent.min_x + res);
    g_assert_cmpfloat (shown.max_x, >=, extent.max_x - res);
    g_assert_cmpfloat (shown.min_y, <=, extent.min_y + res);
    g_assert_cmpfloat (shown.max_y, >=, extent.max_y - res);
  }
}

static void
test_present (void)
{
  g_autofree char *dir = ga_find_sample_dir ();
  g_autofree char *path = dir ? g_build_filename (dir, "green-city.greenatlas", NULL) : NULL;
  GaWindow *win;
  GaProject *project;
  GaLayerStore *store;
  GaPresentation *pres;
  g_autoptr(GArray) saved = g_array_new (FALSE, FALSE, sizeof (Saved));
  double lat0, lon0, zoom0, lat, lon, zoom;
  guint n;

  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("data/sample/green-city.greenatlas is missing");
      return;
    }
  win = new_window ();
  g_assert_true (ga_window_open_sample (win));
  ga_test_wait_loaded (win);
  ga_test_wait_map_settled (win, TRUE);
  project = ga_window_get_project (win);
  store = ga_window_get_layer_store (win);
  n = ga_project_get_n_slides (project);
  g_assert_cmpuint (n, >=, 3);

  /* What the window shows before: one layer hidden by hand, the others as opened. */
  ga_layer_set_visible (ga_layer_store_get (store, 0),
                        !ga_layer_get_visible (ga_layer_store_get (store, 0)));
  _ga_window_set_project_modified (win, FALSE);
  for (guint i = 0; i < ga_layer_store_get_n_layers (store); i++)
    {
      GaLayer *layer = ga_layer_store_get (store, i);
      Saved s = { layer, ga_layer_get_visible (layer), ga_layer_style_get (layer) };

      g_array_append_val (saved, s);
    }
  ga_map_view_get_center (ga_window_get_map_view (win), &lat0, &lon0, &zoom0);
  before = saved;

  g_action_group_activate_action (G_ACTION_GROUP (win), "present", NULL);
  pres = GA_PRESENTATION (ga_window_get_presentation (win));
  g_assert_nonnull (pres);
  g_object_add_weak_pointer (G_OBJECT (pres), (gpointer *) &pres);
  ga_test_wait_mapped (GTK_WIDGET (ga_presentation_get_map_view (pres)));
  g_assert_cmpuint (ga_presentation_get_n_slides (pres), ==, n);
  g_assert_false (gtk_window_get_decorated (GTK_WINDOW (pres)));

  /* Forward through every slide, with each "next" key. */
  {
    const guint next_keys[] = { GDK_KEY_Right, GDK_KEY_Down, GDK_KEY_Page_Down, GDK_KEY_space,
                                GDK_KEY_Return, GDK_KEY_KP_Enter };

    check_slide (win, pres, 0);
    for (guint i = 1; i < n; i++)
      {
        send_key (pres, next_keys[(i - 1) % G_N_ELEMENTS (next_keys)]);
        check_slide (win, pres, i);
      }
  }
  /* Past the end: the last slide again. */
  send_key (pres, GDK_KEY_Right);
  g_assert_cmpuint (ga_presentation_get_current (pres), ==, n - 1);

  /* Back, with each "previous" key. */
  send_key (pres, GDK_KEY_Left);
  check_slide (win, pres, n - 2);
  send_key (pres, GDK_KEY_Up);
  g_assert_cmpuint (ga_presentation_get_current (pres), ==, n - 3);
  send_key (pres, GDK_KEY_Page_Down);
  send_key (pres, GDK_KEY_Page_Up);
  g_assert_cmpuint (ga_presentation_get_current (pres), ==, n - 3);
  send_key (pres, GDK_KEY_BackSpace);
  g_assert_cmpuint (ga_presentation_get_current (pres), ==, n >= 4 ? n - 4 : 0);

  send_key (pres, GDK_KEY_Home);
  check_slide (win, pres, 0);
  send_key (pres, GDK_KEY_Left);
  g_assert_cmpuint (ga_presentation_get_current (pres), ==, 0);
  send_key (pres, GDK_KEY_End);
  check_slide (win, pres, n - 1);

  /* A number then Enter: slide 2 (index 1); BackSpace corrects a digit. */
  send_key (pres, GDK_KEY_1);
  send_key (pres, GDK_KEY_BackSpace);
  g_assert_cmpuint (ga_presentation_get_current (pres), ==, n - 1);
  send_key (pres, GDK_KEY_2);
  g_assert_cmpstr (gtk_label_get_text (ga_presentation_get_counter_label (pres)), ==, "Go to 2…");
  send_key (pres, GDK_KEY_Return);
  check_slide (win, pres, 1);
  send_key (pres, GDK_KEY_KP_3);
  send_key (pres, GDK_KEY_KP_Enter);
  g_assert_cmpuint (ga_presentation_get_current (pres), ==, 2);
  /* Beyond the last: the last one. */
  send_key (pres, GDK_KEY_9);
  send_key (pres, GDK_KEY_9);
  send_key (pres, GDK_KEY_Return);
  g_assert_cmpuint (ga_presentation_get_current (pres), ==, n - 1);

  /* Panning away, then "next" goes back into the story. */
  send_key (pres, GDK_KEY_Home);
  wait_still (pres);
  ga_map_view_set_center (ga_presentation_get_map_view (pres), 14.5, 101.5, 8);
  send_key (pres, GDK_KEY_Right);
  check_slide (win, pres, 1);

  /* B blanks; any key shows the slide again without moving. */
  send_key (pres, GDK_KEY_b);
  g_assert_true (ga_presentation_get_blanked (pres));
  send_key (pres, GDK_KEY_Right);
  g_assert_false (ga_presentation_get_blanked (pres));
  g_assert_cmpuint (ga_presentation_get_current (pres), ==, 1);
  send_key (pres, GDK_KEY_B);
  g_assert_true (ga_presentation_get_blanked (pres));
  send_key (pres, GDK_KEY_x);
  g_assert_false (ga_presentation_get_blanked (pres));

  /* Presenting does not make the project modified. */
  g_assert_false (ga_window_get_project_modified (win));

  /* Escape: closed, and the window as it was. */
  send_key (pres, GDK_KEY_Escape);
  ga_test_iterate_ms (50);
  g_assert_null (pres);
  g_assert_null (ga_window_get_presentation (win));
  for (guint i = 0; i < saved->len; i++)
    {
      Saved *s = &g_array_index (saved, Saved, i);

      g_assert_cmpint (ga_layer_get_visible (s->layer), ==, s->visible);
      g_assert_true (ga_layer_style_get (s->layer) == s->style);
    }
  ga_map_view_get_center (ga_window_get_map_view (win), &lat, &lon, &zoom);
  g_assert_cmpfloat_with_epsilon (lat, lat0, 1e-9);
  g_assert_cmpfloat_with_epsilon (lon, lon0, 1e-9);
  g_assert_cmpfloat_with_epsilon (zoom, zoom0, 1e-9);
  g_assert_false (ga_window_get_project_modified (win));
  before = NULL;

  ga_test_iterate_ms (450);
  gtk_window_destroy (GTK_WINDOW (win));
  ga_test_iterate_ms (20);
}

/* The layers that change between two slides fade on the presentation's map. */
static void
test_cross_fade (void)
{
  g_autofree char *dir = ga_find_sample_dir ();
  g_autofree char *path = dir ? g_build_filename (dir, "green-city.greenatlas", NULL) : NULL;
  GaWindow *win;
  GaProject *project;
  GaLayerStore *store;
  GaPresentation *pres;
  GaMapView *view;
  GaLayer *changing = NULL;
  gboolean becomes_visible = FALSE;
  guint target = 0;
  GaTileLayer *overlay;
  gint64 end, fade_start;

  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("data/sample/green-city.greenatlas is missing");
      return;
    }
  /* Animations are off in the test settings unless turned on. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);
  win = new_window ();
  g_assert_true (ga_window_open_sample (win));
  ga_test_wait_loaded (win);
  project = ga_window_get_project (win);
  store = ga_window_get_layer_store (win);

  /* A layer hidden on slide 1 and shown on a later one. */
  for (guint s = 1; s < ga_project_get_n_slides (project) && changing == NULL; s++)
    for (guint i = 0; i < ga_layer_store_get_n_layers (store) && changing == NULL; i++)
      {
        GaLayer *layer = ga_layer_store_get (store, i);
        gboolean a = FALSE, b = FALSE;

        ga_slide_get_layer (ga_project_get_slide (project, 0), ga_layer_get_id (layer), &a, NULL);
        ga_slide_get_layer (ga_project_get_slide (project, s), ga_layer_get_id (layer), &b, NULL);
        if (a != b)
          {
            changing = layer;
            becomes_visible = b;
            target = s;
          }
      }
  g_assert_nonnull (changing);

  pres = GA_PRESENTATION (ga_window_present_slides (win, 0, NULL));
  g_object_add_weak_pointer (G_OBJECT (pres), (gpointer *) &pres);
  view = ga_presentation_get_map_view (pres);
  ga_test_wait_mapped (GTK_WIDGET (view));
  ga_test_iterate_ms (100);

  fade_start = g_get_monotonic_time ();
  ga_presentation_go_to (pres, target);
  overlay = ga_map_view_get_overlay_layer (view, changing);
  g_assert_cmpint (ga_layer_get_visible (changing), ==, becomes_visible);
  g_assert_true (ga_map_view_get_layer_fading (view, changing));
  /* Fading out: still drawn until the fade ends. */
  g_assert_true (ga_tile_layer_get_visible (overlay));
  /* A timed fade: drawn (the new style renders into a new map layer, so ask for it each
   * time) until it has lasted its duration, whatever the frame rate. */
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (ga_map_view_get_layer_fading (view, changing) && g_get_monotonic_time () < end)
    {
      overlay = ga_map_view_get_overlay_layer (view, changing);
      g_assert_true (ga_tile_layer_get_visible (overlay));
      ga_test_iterate_ms (5);
    }
  g_assert_cmpint (g_get_monotonic_time () - fade_start, >=, GA_SLIDE_FADE_MS * 900);
  g_assert_false (ga_map_view_get_layer_fading (view, changing));
  overlay = ga_map_view_get_overlay_layer (view, changing);
  g_assert_cmpint (ga_tile_layer_get_visible (overlay), ==, becomes_visible);
  if (becomes_visible)
    g_assert_cmpfloat (ga_tile_layer_get_opacity (overlay), >, 0.5);

  gtk_window_destroy (GTK_WINDOW (pres));
  ga_test_iterate_ms (50);
  g_assert_null (pres);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  ga_test_iterate_ms (450);
  _ga_window_set_project_modified (win, FALSE);
  gtk_window_destroy (GTK_WINDOW (win));
  ga_test_iterate_ms (20);
}

static void
test_no_slides (void)
{
  GaWindow *win = new_window ();

  g_assert_cmpuint (ga_project_get_n_slides (ga_window_get_project (win)), ==, 0);
  g_action_group_activate_action (G_ACTION_GROUP (win), "present", NULL);
  g_assert_null (ga_window_get_presentation (win));
  g_assert_cmpstr (ga_window_get_last_toast (win), ==,
                   "No slides to present. Add the current view as a slide first.");
  ga_test_iterate_ms (450);
  gtk_window_destroy (GTK_WINDOW (win));
  ga_test_iterate_ms (20);
}

int
main (int   argc,
      char *argv[])
{
  int ret;
  g_autofree char *autosave = g_dir_make_tmp ("ga-test-presentation-XXXXXX", NULL);

  ga_test_init_env (&argc, &argv);
  g_setenv ("GA_AUTOSAVE_DIR", autosave, TRUE);
  ga_test_remove_at_exit (autosave);
  GDALAllRegister ();
  ga_test_make_fixture_dir ("ga-test-presentation-XXXXXX");
  ga_test_start_app ();

  g_test_add_func ("/presentation/present", test_present);
  g_test_add_func ("/presentation/cross-fade", test_cross_fade);
  g_test_add_func ("/presentation/no-slides", test_no_slides);

  ret = g_test_run ();

  ga_test_stop_app ();
  return ret;
}
