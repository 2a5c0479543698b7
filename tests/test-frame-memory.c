/* test-frame-memory.c — the window's frames get memory whose pages are already there
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 6: on the PVM guest of README's figures each page's first touch costs 13.5–16 µs,
 * and the frame that first paints the whole map after a load touched ~2,000-3,000 of them.
 * ga-frame-memory.c prepares the heap and cairo's X shared memory when the window is
 * realized. These tests check what a frame gets, with mincore(): not how fast it is
 * (bench-map-ui measures that).
 */
#define _DEFAULT_SOURCE /* mincore () */

#include "config.h"

#include <stdlib.h> /* defines __GLIBC__ */
#ifdef __GLIBC__
#include <malloc.h>
#endif
#ifdef __linux__
#include <sys/mman.h>
#include <unistd.h>
#endif
#ifdef HAVE_X11_FRAMES
#include <cairo-xlib.h>
#include <gdk/x11/gdkx.h>
#endif

#include "ga-frame-memory.h"
#include "ga-memory.h"
#include "ga-window.h"

#include "ga-test-ui.h"

/* a frame over a map of 1,600 x 1,000 px */
#define FRAME_WIDTH 1600
#define FRAME_HEIGHT 1000

#ifdef __linux__
/* The share of the pages of [@mem, @mem + @size) that are in memory. */
static double
resident_share (gconstpointer mem,
                gsize         size)
{
  gsize page = (gsize) sysconf (_SC_PAGESIZE);
  guintptr start = ((guintptr) mem + page - 1) & ~(guintptr) (page - 1);
  guintptr end = ((guintptr) mem + size) & ~(guintptr) (page - 1);
  gsize n = (end - start) / page, in = 0;
  g_autofree unsigned char *vec = g_malloc (n);

  g_assert_cmpint (mincore ((void *) start, end - start, vec), ==, 0);
  for (gsize i = 0; i < n; i++)
    in += vec[i] & 1;
  return (double) in / (double) n;
}
#endif

/* Waits (at most 10 s) until the kept pool has all its pages: the worker asks for the
 * heap's first, so then both are done. */
static void
wait_prepared (GdkDisplay *display)
{
#ifdef __linux__
  gpointer start;
  gsize size;
  gint64 until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  if (!ga_frame_memory_get_pool (display, &start, &size))
    {
      ga_test_iterate_ms (500); /* the heap alone */
      return;
    }
  while (resident_share (start, size) < 1.0 && g_get_monotonic_time () < until)
    ga_test_iterate_ms (20);
  g_assert_cmpfloat (resident_share (start, size), ==, 1.0);
#endif
}

/* A paint image of a whole map, taken from malloc as GTK's cairo renderer takes it, has its
 * pages before anything is written to it; and the same again after it was freed. Without
 * the window's settings it came from a fresh mmap or a fresh end of the heap. */
static void
test_heap (void)
{
#if defined(__linux__) && defined(__GLIBC__)
  GaWindow *win = ga_test_new_window ();
  gsize size = (gsize) FRAME_WIDTH * FRAME_HEIGHT * 4;
  guint8 *frame;

  gtk_window_present (GTK_WINDOW (win));
  ga_test_wait_mapped (GTK_WIDGET (win));
  wait_prepared (gtk_widget_get_display (GTK_WIDGET (win)));

  for (int round = 0; round < 3; round++)
    {
      frame = malloc (size);
      g_assert_nonnull (frame);
      g_assert_cmpfloat (resident_share (frame, size), >=, 0.99);
      memset (frame, round, size);
      free (frame);
    }
  gtk_window_destroy (GTK_WINDOW (win));
#else
  g_test_skip ("needs Linux and glibc");
#endif
}

/* On X11, cairo's shared-memory image for a frame comes from the kept pool, all of whose
 * pages are there, and the pool stays when the image is gone. Without it, cairo made a
 * new segment for the first frame of each bigger size and removed it after. */
static void
test_shm_pool (void)
{
#if defined(HAVE_X11_FRAMES) && defined(__linux__)
  GaWindow *win = ga_test_new_window ();
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (win));
  Display *xdisplay;
  cairo_surface_t *root, *frame;
  gpointer start, in_start;
  gsize size, in_size;
  char *name = NULL;
  guint8 *data;

  if (!GDK_IS_X11_DISPLAY (display))
    {
      g_test_skip ("not X11");
      gtk_window_destroy (GTK_WINDOW (win));
      return;
    }
  gtk_window_present (GTK_WINDOW (win));
  ga_test_wait_mapped (GTK_WIDGET (win));
  if (!ga_frame_memory_get_pool (display, &start, &size))
    {
      int opcode, event, error;

      /* the cairo renderer on an X server with MIT-SHM (Xvfb): there must be one */
      g_assert_false (XQueryExtension (gdk_x11_display_get_xdisplay (display), "MIT-SHM",
                                       &opcode, &event, &error));
      g_test_skip ("no MIT-SHM");
      gtk_window_destroy (GTK_WINDOW (win));
      return;
    }
  g_assert_cmpuint (size, >=, 2 * (gsize) FRAME_WIDTH * FRAME_HEIGHT * 4);
  wait_prepared (display);

  xdisplay = gdk_x11_display_get_xdisplay (display);
  root = cairo_xlib_surface_create (xdisplay, DefaultRootWindow (xdisplay),
                                    DefaultVisual (xdisplay, DefaultScreen (xdisplay)), 1, 1);
  for (int round = 0; round < 3; round++)
    {
      frame = cairo_surface_create_similar_image (root, CAIRO_FORMAT_ARGB32,
                                                  FRAME_WIDTH, FRAME_HEIGHT);
      data = cairo_image_surface_get_data (frame);
      g_assert_true (ga_memory_find_mapping (data, &in_start, &in_size, &name));
      g_assert_true (in_start == start);
      g_assert_true (g_str_has_prefix (name, "/SYSV"));
      g_clear_pointer (&name, g_free);
      g_assert_cmpuint (in_size, ==, size);
      g_assert_cmpfloat (resident_share (data, (gsize) cairo_image_surface_get_stride (frame) *
                                                FRAME_HEIGHT), ==, 1.0);
      cairo_surface_destroy (frame);
      /* still there */
      g_assert_true (ga_memory_find_mapping (start, &in_start, &in_size, NULL));
      g_assert_cmpuint (in_size, ==, size);
    }
  cairo_surface_destroy (root);
  gtk_window_destroy (GTK_WINDOW (win));
#else
  g_test_skip ("needs X11 and Linux");
#endif
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  ga_test_setup_app (&argc, &argv);
#ifdef __GLIBC__
  /* meson sets MALLOC_PERTURB_, with which malloc writes every block it gives: all its
   * pages would be there whatever the window did */
  mallopt (M_PERTURB, 0);
#endif

  g_test_add_func ("/frame-memory/heap", test_heap);
  g_test_add_func ("/frame-memory/shm-pool", test_shm_pool);

  ret = g_test_run ();

  ga_test_stop_app ();
  return ret;
}
