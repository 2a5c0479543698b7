/* bench-map-ui.c — the map in the app at city scale: first overlay, pan/zoom frames, stalls
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 6: opens the four layers of one benchmark tier (gen-bench-city) in a 1920x1080
 * window, without a basemap, and prints
 *
 *   - the time the files take to be read (until no file is loading) and from then to the
 *     first complete overlay (no overlay tile pending, no style refresh, one more frame);
 *   - frame times while a tick callback pans the map (a drag of 8 px per frame, 120
 *     frames) and zooms it in and out (0.05 zoom levels per frame, 2 × 40 frames):
 *     p50/p95/max of each frame's main-thread work (frame clock "update" to "after-paint")
 *     and of the interval between frames;
 *   - the longest main-loop stall: the largest gap seen by a G_PRIORITY_HIGH timeout that
 *     asks to run every 2 ms, over loading, styling and drawing.
 *
 *   xvfb-run -a -s '-screen 0 1920x1080x24' env GSK_RENDERER=cairo \
 *     build/tests/bench/bench-map-ui build/bench-data/1m
 *
 * Further arguments name the files of the tier to open instead of the four layers, e.g.
 * `… 1m green_space.shp transit_lines.shp` to see what one layer costs.
 *
 * Prints figures and asserts nothing.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include <adwaita.h>
#include <shumate/shumate.h>

#include "ga-application.h"
#include "ga-map-view.h"
#include "ga-overlay-source.h"
#include "ga-window.h"

static const char * const layer_files[] = {
  "emissions.shp", "green_space.shp", "transit_lines.shp", "transit_stops.shp",
};

/* ---- main-loop stalls ---- */

typedef struct
{
  gint64 last;
  double worst_ms;
} Stall;

static Stall stall;

static gboolean
stall_tick_cb (gpointer data)
{
  gint64 now = g_get_monotonic_time ();

  if (stall.last != 0)
    stall.worst_ms = MAX (stall.worst_ms, (now - stall.last) / 1000.0);
  stall.last = now;
  return G_SOURCE_CONTINUE;
}

static double
stall_take (void)
{
  double w = stall.worst_ms;

  stall.worst_ms = 0;
  stall.last = g_get_monotonic_time ();
  return w;
}

/* ---- frames ---- */

typedef struct
{
  GArray *work;       /* ms, update → after-paint */
  GArray *interval;   /* ms between after-paints */
  gint64  update_at;
  gint64  last_paint;
} Frames;

static void
on_update_cb (GdkFrameClock *clock, Frames *f)
{
  f->update_at = g_get_monotonic_time ();
}

static void
on_after_paint_cb (GdkFrameClock *clock, Frames *f)
{
  gint64 now = g_get_monotonic_time ();

  if (f->work != NULL && f->update_at != 0)
    {
      double w = (now - f->update_at) / 1000.0;
      g_array_append_val (f->work, w);
    }
  if (f->interval != NULL && f->last_paint != 0)
    {
      double i = (now - f->last_paint) / 1000.0;
      g_array_append_val (f->interval, i);
    }
  f->last_paint = now;
  f->update_at = 0;
}

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
percentile (GArray *v, double p)
{
  if (v->len == 0)
    return NAN;
  g_array_sort (v, compare_double);
  return g_array_index (v, double, MIN (v->len - 1, (guint) floor (p * (v->len - 1) + 0.5)));
}

static void
print_frames (const char *what, Frames *f)
{
  g_print ("  %-26s %3u frames  work p50 %5.1f  p95 %5.1f  max %6.1f ms   "
           "interval p50 %5.1f  p95 %5.1f  max %6.1f ms   stall %6.1f ms\n",
           what, f->work->len, percentile (f->work, 0.5), percentile (f->work, 0.95),
           percentile (f->work, 1.0), percentile (f->interval, 0.5),
           percentile (f->interval, 0.95), percentile (f->interval, 1.0), stall_take ());
}

/* ---- driving the map ---- */

typedef struct
{
  ShumateViewport *vp;
  ShumateMap      *map;
  int    frames_left;
  double dx_px;       /* pan per frame */
  double dzoom;       /* zoom per frame */
} Drive;

static gboolean
drive_tick_cb (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  Drive *d = data;

  if (d->frames_left-- <= 0)
    return G_SOURCE_REMOVE;
  if (d->dx_px != 0)
    {
      double lat = shumate_location_get_latitude (SHUMATE_LOCATION (d->vp));
      double lon = shumate_location_get_longitude (SHUMATE_LOCATION (d->vp));
      double zoom = shumate_viewport_get_zoom_level (d->vp);
      /* degrees of longitude per pixel at this zoom (256-px tiles) */
      double deg = 360.0 / (256.0 * exp2 (zoom));

      shumate_map_center_on (d->map, lat, lon + d->dx_px * deg);
    }
  if (d->dzoom != 0)
    shumate_viewport_set_zoom_level (d->vp, shumate_viewport_get_zoom_level (d->vp) + d->dzoom);
  return G_SOURCE_CONTINUE;
}

static void
drive (GtkWidget *widget, ShumateMap *map, ShumateViewport *vp, int frames, double dx_px,
       double dzoom)
{
  Drive d = { vp, map, frames, dx_px, dzoom };
  guint id = gtk_widget_add_tick_callback (widget, drive_tick_cb, &d, NULL);
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (d.frames_left >= 0 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  if (d.frames_left >= 0)
    gtk_widget_remove_tick_callback (widget, id);
}

static void
iterate_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);
}

/* No overlay tile pending and no refresh, for 200 ms in a row. */
static void
wait_settled (GaMapView *view, double timeout_s)
{
  gint64 end = g_get_monotonic_time () + (gint64) (timeout_s * G_USEC_PER_SEC);
  int stable = 0;

  while (stable < 20 && g_get_monotonic_time () < end)
    {
      if (ga_overlay_source_get_n_pending () == 0 && ga_map_view_get_n_refreshing (view) == 0)
        stable++;
      else
        stable = 0;
      iterate_ms (10);
    }
}

int
main (int argc, char **argv)
{
  g_autoptr(GaApplication) app = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  GaWindow *win;
  GaMapView *view;
  ShumateMap *map;
  ShumateViewport *vp;
  GdkFrameClock *clock;
  Frames frames = { 0 };
  struct rusage ru;
  gint64 t0, t_read, t_first;
  double load_stall, settle_stall;

  if (argc < 2)
    {
      g_printerr ("Usage: %s TIER_DIR [FILE…]  (e.g. build/bench-data/1m)\n", argv[0]);
      return 2;
    }

  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GA_BASEMAP_URL", "http://127.0.0.1:9/{z}/{x}/{y}.png", TRUE);
  gtk_init ();
  adw_init ();

  app = ga_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, NULL);
  win = ga_window_new (GTK_APPLICATION (app));
  g_action_group_change_action_state (G_ACTION_GROUP (win), "basemap",
                                      g_variant_new_string ("none"));
  gtk_window_set_default_size (GTK_WINDOW (win), 1920, 1080);
  gtk_window_maximize (GTK_WINDOW (win));
  gtk_window_present (GTK_WINDOW (win));
  view = ga_window_get_map_view (win);
  map = ga_map_view_get_map (view);
  vp = ga_map_view_get_viewport (view);
  iterate_ms (1000);

  g_timeout_add_full (G_PRIORITY_HIGH, 2, stall_tick_cb, NULL, NULL);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (map));
  g_signal_connect (clock, "update", G_CALLBACK (on_update_cb), &frames);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &frames);

  for (guint i = 0; i < (argc > 2 ? (guint) argc - 2 : G_N_ELEMENTS (layer_files)); i++)
    {
      g_autofree char *path = g_build_filename (argv[1], argc > 2 ? argv[i + 2] : layer_files[i],
                                                NULL);
      g_ptr_array_add (files, g_file_new_for_path (path));
    }

  g_print ("bench-map-ui: %s, window %dx%d, map %dx%d, GSK_RENDERER=%s\n", argv[1],
           gtk_widget_get_width (GTK_WIDGET (win)), gtk_widget_get_height (GTK_WIDGET (win)),
           gtk_widget_get_width (GTK_WIDGET (map)), gtk_widget_get_height (GTK_WIDGET (map)),
           g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "(default)");

  stall_take ();
  t0 = g_get_monotonic_time ();
  ga_window_open_files (win, (GFile **) files->pdata, files->len);
  while (ga_window_get_n_loading (win) > 0 && g_get_monotonic_time () < t0 + 600 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);
  t_read = g_get_monotonic_time ();
  load_stall = stall_take ();
  wait_settled (view, 120);
  t_first = g_get_monotonic_time () - 200 * 1000; /* wait_settled's quiet time */
  settle_stall = stall_take ();
  getrusage (RUSAGE_SELF, &ru);

  g_print ("  files read (%u layers):     %8.0f ms   longest stall %6.1f ms\n",
           files->len, (t_read - t0) / 1000.0, load_stall);
  g_print ("  read → overlay complete:   %8.0f ms   longest stall %6.1f ms\n",
           (t_first - t_read) / 1000.0, settle_stall);
  g_print ("  peak RSS so far:           %8.1f MB\n", ru.ru_maxrss / 1024.0);

  /* pan right, then left */
  frames.work = g_array_new (FALSE, FALSE, sizeof (double));
  frames.interval = g_array_new (FALSE, FALSE, sizeof (double));
  frames.last_paint = 0;
  drive (GTK_WIDGET (map), map, vp, 60, 8.0, 0.0);
  drive (GTK_WIDGET (map), map, vp, 60, -8.0, 0.0);
  print_frames ("pan 120 frames × 8 px", &frames);
  wait_settled (view, 60);
  stall_take ();

  g_array_set_size (frames.work, 0);
  g_array_set_size (frames.interval, 0);
  frames.last_paint = 0;
  drive (GTK_WIDGET (map), map, vp, 40, 0.0, 0.05);
  drive (GTK_WIDGET (map), map, vp, 40, 0.0, -0.05);
  print_frames ("zoom ±2 in 80 frames", &frames);
  wait_settled (view, 60);

  g_array_set_size (frames.work, 0);
  g_array_set_size (frames.interval, 0);
  frames.last_paint = 0;
  stall_take ();
  drive (GTK_WIDGET (map), map, vp, 20, 0.0, 0.1);
  drive (GTK_WIDGET (map), map, vp, 60, 8.0, 0.0);
  print_frames ("zoomed in 2, pan 60 × 8 px", &frames);
  wait_settled (view, 60);
  getrusage (RUSAGE_SELF, &ru);
  g_print ("  peak RSS:                  %8.1f MB\n", ru.ru_maxrss / 1024.0);

  g_array_unref (frames.work);
  g_array_unref (frames.interval);
  frames.work = frames.interval = NULL;
  g_signal_handlers_disconnect_by_data (clock, &frames);
  gtk_window_destroy (GTK_WINDOW (win));
  iterate_ms (200);
  return 0;
}
