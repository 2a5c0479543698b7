/* ga-frame-memory.c — the window's frames get memory whose pages are there already
 *
 * GTK 4.8's cairo renderer paints each frame into a new image from malloc (as big as what
 * changed) and, on X11, cairo sends it to the X server through a MIT-SHM pool. Both
 * handed the first frame over the whole map after a load (and the first frame of a zoom)
 * memory no frame had touched yet:
 * - glibc gives the free top of the heap back once it passes twice its sliding mmap
 *   threshold, so the next bigger paint image came from fresh pages;
 * - cairo 1.16 makes a pool (a System V segment, eight times the next power of two above
 *   the request) when none has room for a request, and removes it as soon as nothing is
 *   allocated in it.
 * On the PVM guest of README's figures a page's first touch costs 13.5–16 µs: 2,000–3,000
 * of them were most of the longest main-loop stall after a load (issue 6: at most 50 ms).
 *
 * ga_frame_memory_reserve(), when the window is realized and drawn by the cairo renderer:
 * - keeps blocks up to 32 MB in the heap and its top until 128 MB are free
 *   (ga_memory_init_window), and touches 24 MB of heap once, for the first paint images;
 * - on X11 has cairo make its pool for frames of up to 8 MB (a map of 1,600 x 1,000 px is
 *   6.4 MB) and keeps a 4 KB image allocated in it, so that cairo never removes it;
 * - asks the system for all those pages at once, from a worker thread (MADV_POPULATE_WRITE:
 *   64 MB in ~20 ms instead of ~250 ms of single faults).
 * The pages stay the process's: ~90 MB, of it 64 MB of shared memory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ga-frame-memory"

#include "config.h"

#include "ga-frame-memory.h"

#include "ga-memory.h"

#ifdef HAVE_X11_FRAMES
#include <cairo-xlib.h>
#include <gdk/x11/gdkx.h>
#endif

/* 1,024 x 2,047 ARGB pixels: just under 8 MB, so cairo makes a 64 MB pool whose biggest
 * block is 8 MB. A bigger frame (a whole 1920x1080 window: 8.3 MB) gets a pool of its own,
 * as before; that happens at start-up and when the window is resized, not while loading. */
#define BIG_WIDTH 1024
#define BIG_HEIGHT 2047
/* The image that keeps the pool: cairo makes no shared-memory image under 128 bytes. */
#define KEEPER_SIDE 32

#define KEEPER_KEY "ga-frame-memory"

/* Heap pages touched at start for the frames' paint images: a zoom frame over a 1,600 x
 * 1,000 px map takes two images of 6.4 MB. */
#define HEAP_WARM (24 * 1024 * 1024)

typedef struct
{
  gpointer heap;      /* freed once populated */
  gsize    heap_size;
  gpointer pool;
  gsize    pool_size;
} Job;

static gpointer
populate_thread (gpointer data)
{
  g_autofree Job *job = data;

  ga_thread_set_background ();
  ga_memory_prefault (job->heap, job->heap_size);
  g_free (job->heap);
  /* last: once the pool's pages are all there, the heap's are too */
  ga_memory_prefault (job->pool, job->pool_size);
  return NULL;
}

#ifdef HAVE_X11_FRAMES
/* On the GdkDisplay: the image that keeps the pool, and the pool's mapping. */
typedef struct
{
  cairo_surface_t *keeper;
  gpointer         start;
  gsize            size;
} Kept;

static void
kept_free (gpointer data)
{
  Kept *kept = data;

  cairo_surface_destroy (kept->keeper);
  g_free (kept);
}
#endif

/* X11: has cairo make a pool and keep it; its mapping in @job. FALSE where there is none. */
static gboolean
keep_shm_pool (GdkDisplay *display,
               Job        *job)
{
#ifdef HAVE_X11_FRAMES
  Display *xdisplay;
  cairo_surface_t *root;
  cairo_surface_t *big;
  cairo_surface_t *keeper;
  gpointer start = NULL;
  gsize size = 0;
  g_autofree char *name = NULL;
  int screen;

  if (!GDK_IS_X11_DISPLAY (display) || g_object_get_data (G_OBJECT (display), KEEPER_KEY) != NULL)
    return FALSE;

  /* cairo keeps its pools per X connection: any surface of GDK's connection reaches them */
  xdisplay = gdk_x11_display_get_xdisplay (display);
  screen = DefaultScreen (xdisplay);
  root = cairo_xlib_surface_create (xdisplay, RootWindow (xdisplay, screen),
                                    DefaultVisual (xdisplay, screen), 1, 1);
  big = cairo_surface_create_similar_image (root, CAIRO_FORMAT_ARGB32, BIG_WIDTH, BIG_HEIGHT);
  keeper = cairo_surface_create_similar_image (root, CAIRO_FORMAT_ARGB32, KEEPER_SIDE, KEEPER_SIDE);
  cairo_surface_destroy (root);

  /* Both images in one System V segment: cairo's pool, not the heap, where cairo puts its
   * images when it cannot share memory with the server (no MIT-SHM, a remote display) */
  if (cairo_surface_status (big) != CAIRO_STATUS_SUCCESS ||
      cairo_surface_status (keeper) != CAIRO_STATUS_SUCCESS ||
      !ga_memory_find_mapping (cairo_image_surface_get_data (big), &start, &size, &name) ||
      !g_str_has_prefix (name, "/SYSV") ||
      size < 2 * (gsize) BIG_WIDTH * BIG_HEIGHT * 4 ||
      cairo_image_surface_get_data (keeper) < (guint8 *) start ||
      cairo_image_surface_get_data (keeper) >= (guint8 *) start + size)
    {
      g_debug ("no X shared memory pool to keep");
      cairo_surface_destroy (big);
      cairo_surface_destroy (keeper);
      return FALSE;
    }
  cairo_surface_destroy (big);
  {
    Kept *kept = g_new0 (Kept, 1);

    kept->keeper = keeper;
    kept->start = start;
    kept->size = size;
    g_object_set_data_full (G_OBJECT (display), KEEPER_KEY, kept, kept_free);
  }
  job->pool = start;
  job->pool_size = size;
  return TRUE;
#else
  return FALSE;
#endif
}

gsize
ga_frame_memory_reserve (GtkWidget *widget)
{
  static gboolean heap_done;
  GtkNative *native;
  Job *job;
  gsize total;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), 0);

  /* GL renderers paint their frames otherwise */
  native = gtk_widget_get_native (widget);
  if (native == NULL || !GSK_IS_CAIRO_RENDERER (gtk_native_get_renderer (native)))
    return 0;

  job = g_new0 (Job, 1);
  if (!heap_done)
    {
      heap_done = TRUE;
      ga_memory_init_window ();
      job->heap_size = HEAP_WARM;
      job->heap = g_malloc (job->heap_size);
    }
  keep_shm_pool (gtk_widget_get_display (widget), job);

  total = job->heap_size + job->pool_size;
  if (total == 0)
    {
      g_free (job);
      return 0;
    }
  g_thread_unref (g_thread_new ("ga-frame-memory", populate_thread, job));
  return total;
}

gboolean
ga_frame_memory_get_pool (GdkDisplay *display,
                          gpointer   *start,
                          gsize      *size)
{
#ifdef HAVE_X11_FRAMES
  Kept *kept;

  g_return_val_if_fail (GDK_IS_DISPLAY (display), FALSE);

  kept = g_object_get_data (G_OBJECT (display), KEEPER_KEY);
  if (kept == NULL)
    return FALSE;
  *start = kept->start;
  *size = kept->size;
  return TRUE;
#else
  return FALSE;
#endif
}
