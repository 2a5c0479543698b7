/* bench-map-ui.c — the map in the app at city scale: first overlay, pan/zoom frames, stalls
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 6: opens the four layers of one benchmark tier (gen-bench-city) in a 1920x1080
 * window, without a basemap (or over --basemap=FILE.mbtiles), and prints
 *
 *   - the time the files take to be read (every load row's bar at 100 %), from then until
 *     their layers are in the store (with the default styles the load worker made) and to
 *     the first complete overlay (no overlay tile pending or snapshot being prepared, no
 *     style refresh, for 200 ms);
 *   - frame times while a tick callback pans the map (a drag of 8 px per frame, 120
 *     frames) and zooms it in and out (0.05 zoom levels per frame, 2 × 40 frames):
 *     p50/p95/max of each frame's main-thread work (frame clock "update" to "after-paint")
 *     and of the interval between frames;
 *   - the longest main-loop stall: the largest gap seen by a G_PRIORITY_HIGH timeout that
 *     asks to run every 2 ms, over loading, styling and drawing. After loading, it is
 *     printed with the main thread's CPU time and minor page faults during the stall: a
 *     frame far larger than those just before it is painted into memory the process had
 *     not touched yet (a window-sized image and X shared memory).
 *
 *   xvfb-run -a -s '-screen 0 1920x1080x24' env GSK_RENDERER=cairo \
 *     build/tests/bench/bench-map-ui build/bench-data/1m
 *
 * Further arguments name the files of the tier to open instead of the four layers, e.g.
 * `… 1m green_space.shp transit_lines.shp` to see what one layer costs.
 *
 * --load-only stops after the first complete overlay (--hold=S: S seconds later).  --cancel-after=S (e.g. on the 10M
 * tier) clicks the Cancel button of every load row S seconds into the load and prints how
 * long the loads took to stop, the longest stall and the peak RSS, then checks that the
 * window still works: it opens the same files' tier-independent neighbour (--then=DIR, the
 * same file names) and waits for its overlay.
 *
 * GA_BENCH_STALL_TRACE=MS prints the main thread's backtrace while it is stalled (below).
 *
 * Prints figures and asserts nothing.
 */
#define _GNU_SOURCE /* sigaction, SA_RESTART, RUSAGE_THREAD */
#include "config.h"

#include <execinfo.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

#include <adwaita.h>
#include <shumate/shumate.h>

#include "bench-env.h"
#include "ga-application.h"
#include "ga-map-view.h"
#include "ga-overlay-source.h"
#include "ga-window-private.h"
#include "ga-window.h"

static const char * const layer_files[] = {
  "emissions.shp", "green_space.shp", "transit_lines.shp", "transit_stops.shp",
};

/* ---- main-loop stalls ---- */

typedef struct
{
  volatile gint64 last;
  double worst_ms;
  double worst_cpu_ms;   /* the main thread's CPU time during the longest stall */
  double last_cpu_ms;
  long   worst_faults;   /* and its page faults: first touches of fresh memory */
  long   last_faults;
} Stall;

static Stall stall;

static double thread_cpu_ms (long *faults);

/* Also notes how much of the longest stall the main thread spent on a CPU (the rest it
 * waited, for the X server or for a core), and how many page faults it took meanwhile. */
static gboolean
stall_tick_cb (gpointer data)
{
  gint64 now = g_get_monotonic_time ();
  long faults;
  double cpu = thread_cpu_ms (&faults);

  if (stall.last != 0 && (now - stall.last) / 1000.0 > stall.worst_ms)
    {
      stall.worst_ms = (now - stall.last) / 1000.0;
      stall.worst_cpu_ms = cpu - stall.last_cpu_ms;
      stall.worst_faults = faults - stall.last_faults;
    }
  stall.last = now;
  stall.last_cpu_ms = cpu;
  stall.last_faults = faults;
  return G_SOURCE_CONTINUE;
}

/* GA_BENCH_STALL_TRACE=MS: while the main loop has not ticked for MS ms, a watchdog thread
 * has the main thread print its backtrace (every MS ms) to stderr: where the stall is.
 * Static functions show as module offsets: resolve them with addr2line -f -e MODULE. */
static pthread_t main_thread;
static guint trace_ms;
static volatile int trace_stalled_ms;
static const char * volatile trace_phase = "start";

static void
trace_signal_handler (int sig)
{
  void *frames[48];
  int n = backtrace (frames, G_N_ELEMENTS (frames));
  char head[128];
  int len = g_snprintf (head, sizeof head, "---- main thread stalled: %d ms, %s\n",
                        trace_stalled_ms, trace_phase);

  if (write (STDERR_FILENO, head, len) < 0)
    return;
  backtrace_symbols_fd (frames, n, STDERR_FILENO);
}

static gpointer
trace_thread (gpointer data)
{
  gint64 sampled = 0;

  for (;;)
    {
      gint64 now = g_get_monotonic_time ();
      gint64 last = stall.last;

      g_usleep (5000);
      if (last != 0 && now - last > trace_ms * 1000 && now - MAX (sampled, last) > trace_ms * 1000)
        {
          sampled = now;
          trace_stalled_ms = (int) ((now - last) / 1000);
          pthread_kill (main_thread, SIGUSR2);
        }
    }
  return NULL;
}

static double
stall_take (void)
{
  double w = stall.worst_ms;

  stall.worst_ms = 0;
  stall.worst_cpu_ms = 0;
  stall.worst_faults = 0;
  stall.last = g_get_monotonic_time ();
  return w;
}

/* CPU time of the calling (main) thread, ms: steadier than wall time on a busy machine.
 * With @faults, also its minor page faults so far. */
static double
thread_cpu_ms (long *faults)
{
  struct rusage r;

  getrusage (RUSAGE_THREAD, &r);
  if (faults != NULL)
    *faults = r.ru_minflt;
  return (r.ru_utime.tv_sec + r.ru_stime.tv_sec) * 1e3
         + (r.ru_utime.tv_usec + r.ru_stime.tv_usec) / 1e3;
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
  long faults = stall.worst_faults;

  g_print ("  %-26s %3u frames  work p50 %5.1f  p95 %5.1f  max %6.1f ms   "
           "interval p50 %5.1f  p95 %5.1f  max %6.1f ms   stall %6.1f ms (%ld faults)\n",
           what, f->work->len, percentile (f->work, 0.5), percentile (f->work, 0.95),
           percentile (f->work, 1.0), percentile (f->interval, 0.5),
           percentile (f->interval, 0.95), percentile (f->interval, 1.0), stall_take (), faults);
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

static GtkWidget *
find_progress_bar (GtkWidget *widget)
{
  if (GTK_IS_PROGRESS_BAR (widget))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *bar = find_progress_bar (c);

      if (bar)
        return bar;
    }
  return NULL;
}

/* Every file is read: each load row still shown has its bar at 100 % (its layers may still
 * be getting their styles, in the load worker). */
static gboolean
all_files_read (GaWindow *win)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (win->load_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *bar = find_progress_bar (row);

      if (gtk_widget_get_visible (row) && bar != NULL
          && gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (bar)) < 1.0)
        return FALSE;
    }
  return TRUE;
}

/* Clicks the Cancel button of every load row in the sidebar, as a user would. */
static guint
click_cancel_buttons (GaWindow *win)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (win->load_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *stack[16];
      guint depth = 0;

      stack[depth++] = row;
      while (depth > 0)
        {
          GtkWidget *w = stack[--depth];

          if (GTK_IS_BUTTON (w) && gtk_widget_get_sensitive (w))
            {
              g_signal_emit_by_name (w, "clicked");
              n++;
              continue;
            }
          for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL && depth < G_N_ELEMENTS (stack);
               c = gtk_widget_get_next_sibling (c))
            stack[depth++] = c;
        }
    }
  return n;
}

static void
add_files (GPtrArray   *files,
           const char  *dir,
           char       **names,
           int          n_names)
{
  for (guint i = 0; i < (n_names > 0 ? (guint) n_names : G_N_ELEMENTS (layer_files)); i++)
    {
      g_autofree char *path = g_build_filename (dir, n_names > 0 ? names[i] : layer_files[i],
                                                NULL);
      g_ptr_array_add (files, g_file_new_for_path (path));
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
  gint64 t0, t_read, t_added, t_first;
  double cpu0 = 0, cpu_read, cpu_first;
  double load_stall, settle_stall, settle_stall_cpu;
  long settle_stall_faults;
  gboolean load_only = FALSE;
  double cancel_after = 0, hold = 0;
  g_autofree char *then_dir = NULL;
  g_autofree char *basemap_spec = NULL;
  GOptionEntry entries[] = {
    { "basemap", 0, 0, G_OPTION_ARG_FILENAME, &basemap_spec,
      "Under the layers: this MBTiles file or tile folder (default: none)", "FILE" },
    { "load-only", 0, 0, G_OPTION_ARG_NONE, &load_only,
      "Stop after the first complete overlay", NULL },
    { "cancel-after", 0, 0, G_OPTION_ARG_DOUBLE, &cancel_after,
      "Click Cancel this many seconds into the load", "S" },
    { "then", 0, 0, G_OPTION_ARG_FILENAME, &then_dir,
      "With --cancel-after: then open the files of this tier", "DIR" },
    { "hold", 0, 0, G_OPTION_ARG_DOUBLE, &hold,
      "With --load-only: keep the window this many seconds (for screenshots)", "S" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("TIER_DIR [FILE…]");
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc < 2)
    {
      g_printerr ("Usage: %s [--load-only] [--cancel-after=S [--then=DIR]] [--basemap=FILE] "
                  "TIER_DIR [FILE…]  "
                  "(e.g. build/bench-data/1m)\n", argv[0]);
      return 2;
    }

  bench_env_init ();
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
  if (basemap_spec != NULL)
    {
      g_autoptr(GaBasemap) basemap = ga_basemap_new_from_spec (basemap_spec, &error);

      if (basemap == NULL || !ga_map_view_set_basemap (view, basemap_spec, basemap, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
    }
  iterate_ms (1000);

  g_timeout_add_full (G_PRIORITY_HIGH, 2, stall_tick_cb, NULL, NULL);
  if (g_getenv ("GA_BENCH_STALL_TRACE") != NULL)
    {
      struct sigaction sa = { 0 };

      trace_ms = MAX (10, atoi (g_getenv ("GA_BENCH_STALL_TRACE")));
      main_thread = pthread_self ();
      sa.sa_handler = trace_signal_handler;
      sa.sa_flags = SA_RESTART;
      sigaction (SIGUSR2, &sa, NULL);
      g_thread_unref (g_thread_new ("stall-trace", trace_thread, NULL));
    }
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (map));
  g_signal_connect (clock, "update", G_CALLBACK (on_update_cb), &frames);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &frames);

  add_files (files, argv[1], argv + 2, argc - 2);

  g_print ("bench-map-ui: %s, window %dx%d, map %dx%d, GSK_RENDERER=%s\n", argv[1],
           gtk_widget_get_width (GTK_WIDGET (win)), gtk_widget_get_height (GTK_WIDGET (win)),
           gtk_widget_get_width (GTK_WIDGET (map)), gtk_widget_get_height (GTK_WIDGET (map)),
           g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "(default)");

  stall_take ();
  trace_phase = "load";
  t0 = g_get_monotonic_time ();
  cpu0 = thread_cpu_ms (NULL);
  ga_window_open_files (win, (GFile **) files->pdata, files->len);

  if (cancel_after > 0)
    {
      gint64 t_cancel, t_stopped;
      guint clicked;
      double stall_before, stall_after;

      while (ga_window_get_n_loading (win) > 0
             && g_get_monotonic_time () < t0 + (gint64) (cancel_after * G_USEC_PER_SEC))
        g_main_context_iteration (NULL, TRUE);
      getrusage (RUSAGE_SELF, &ru);
      stall_before = stall_take ();
      t_cancel = g_get_monotonic_time ();
      g_print ("  loading for %.1f s: %u loads running, peak RSS %.1f MB, longest stall %.1f ms\n",
               (t_cancel - t0) / 1e6, ga_window_get_n_loading (win), ru.ru_maxrss / 1024.0,
               stall_before);
      trace_phase = "cancel";
      clicked = click_cancel_buttons (win);
      while (ga_window_get_n_loading (win) > 0
             && g_get_monotonic_time () < t_cancel + 120 * G_USEC_PER_SEC)
        g_main_context_iteration (NULL, TRUE);
      t_stopped = g_get_monotonic_time ();
      stall_after = stall_take ();
      getrusage (RUSAGE_SELF, &ru);
      g_print ("  Cancel clicked on %u rows: loads stopped after %.0f ms (%u still loading), "
               "%u layers added, longest stall %.1f ms, peak RSS %.1f MB\n",
               clicked, (t_stopped - t_cancel) / 1000.0, ga_window_get_n_loading (win),
               ga_layer_store_get_n_layers (ga_window_get_layer_store (win)), stall_after,
               ru.ru_maxrss / 1024.0);
      if (then_dir == NULL)
        {
          guint left = ga_window_get_n_loading (win);

          gtk_window_destroy (GTK_WINDOW (win));
          iterate_ms (200);
          return left == 0 ? 0 : 1;
        }
      /* The window still works: the next files load and show. */
      g_ptr_array_set_size (files, 0);
      add_files (files, then_dir, argv + 2, argc - 2);
      g_print ("  then opening %s:\n", then_dir);
      load_only = TRUE;
      stall_take ();
      trace_phase = "load";
      t0 = g_get_monotonic_time ();
      cpu0 = thread_cpu_ms (NULL);
      ga_window_open_files (win, (GFile **) files->pdata, files->len);
    }
  while (!all_files_read (win) && g_get_monotonic_time () < t0 + 600 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);
  t_read = g_get_monotonic_time ();
  cpu_read = thread_cpu_ms (NULL);
  load_stall = stall_take ();
  trace_phase = "settle";
  while (ga_window_get_n_loading (win) > 0 && g_get_monotonic_time () < t0 + 600 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);
  t_added = g_get_monotonic_time ();
  wait_settled (view, 120);
  t_first = g_get_monotonic_time () - 200 * 1000; /* wait_settled's quiet time */
  cpu_first = thread_cpu_ms (NULL);
  settle_stall_cpu = stall.worst_cpu_ms;
  settle_stall_faults = stall.worst_faults;
  settle_stall = stall_take ();
  getrusage (RUSAGE_SELF, &ru);

  g_print ("  files read (%u layers):     %8.0f ms   longest stall %6.1f ms\n",
           files->len, (t_read - t0) / 1000.0, load_stall);
  g_print ("  read → layers added:       %8.0f ms   (default styles made by the load worker)\n",
           (t_added - t_read) / 1000.0);
  g_print ("  read → overlay complete:   %8.0f ms   longest stall %6.1f ms (%.0f ms of it on a CPU, "
           "%ld page faults)\n",
           (t_first - t_read) / 1000.0, settle_stall, settle_stall_cpu, settle_stall_faults);
  g_print ("  main-thread CPU:           %8.0f ms while reading, %.0f ms from read to overlay "
           "complete\n", cpu_read - cpu0, cpu_first - cpu_read);
  g_print ("  peak RSS so far:           %8.1f MB\n", ru.ru_maxrss / 1024.0);
  if (load_only)
    {
      g_print ("  %u layers, %u overlay tiles filled\n",
               ga_layer_store_get_n_layers (ga_window_get_layer_store (win)),
               ga_overlay_source_get_n_filled ());
      iterate_ms ((guint) (hold * 1000));
      g_signal_handlers_disconnect_by_data (clock, &frames);
      gtk_window_destroy (GTK_WINDOW (win));
      iterate_ms (200);
      return 0;
    }

  /* pan right, then left */
  frames.work = g_array_new (FALSE, FALSE, sizeof (double));
  frames.interval = g_array_new (FALSE, FALSE, sizeof (double));
  frames.last_paint = 0;
  trace_phase = "pan";
  g_print ("  (zoom level %.6f)\n", shumate_viewport_get_zoom_level (vp));
  drive (GTK_WIDGET (map), map, vp, 60, 8.0, 0.0);
  drive (GTK_WIDGET (map), map, vp, 60, -8.0, 0.0);
  print_frames ("pan 120 frames × 8 px", &frames);
  wait_settled (view, 60);
  stall_take ();

  g_array_set_size (frames.work, 0);
  g_array_set_size (frames.interval, 0);
  frames.last_paint = 0;
  trace_phase = "zoom";
  drive (GTK_WIDGET (map), map, vp, 40, 0.0, 0.05);
  drive (GTK_WIDGET (map), map, vp, 40, 0.0, -0.05);
  print_frames ("zoom ±2 in 80 frames", &frames);
  wait_settled (view, 60);

  g_array_set_size (frames.work, 0);
  g_array_set_size (frames.interval, 0);
  frames.last_paint = 0;
  stall_take ();
  trace_phase = "zoomed pan";
  drive (GTK_WIDGET (map), map, vp, 20, 0.0, 0.1);
  g_print ("  (zoom level %.6f)\n", shumate_viewport_get_zoom_level (vp));
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
