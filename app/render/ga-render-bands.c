/* ga-render-bands.c — one drawing split across cores by horizontal bands of the image
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ga-render"

#include "config.h"

#include <math.h>

#include "ga-render-bands.h"

/* Below about a megapixel (a screen tile, a thumbnail) starting threads costs more than it
 * saves. Four bands a thread: points and polygons crowd in the city centre, and a thread
 * that finishes its band early takes the next (the 1M tier of bench-render drew in
 * 490 ms with two bands a thread, 412 ms with four, 450 ms with eight). */
#define MIN_PIXELS        (1000 * 1000)
#define BANDS_PER_THREAD  4
#define MAX_THREADS       8

static gint max_threads_override; /* 0: as many as cores */
static gint n_split;

void
_ga_render_bands_set_max_threads (guint n)
{
  g_atomic_int_set (&max_threads_override, (gint) n);
}

guint
_ga_render_bands_get_n_split (void)
{
  return (guint) g_atomic_int_get (&n_split);
}

typedef struct
{
  guint8         *data;
  int             stride;
  int             width;
  int             height;
  double          ox, oy;
  cairo_matrix_t  ctm;
  gboolean        has_clip;
  cairo_rectangle_t clip;   /* user space */
  GaBandDrawFunc  func;
  gpointer        user_data;
  GCancellable   *cancellable;
  int             n_bands;
  int             band_h;
  gint            next;
  gint            failed;
} Bands;

static gboolean
draw_band (Bands *b,
           int    k)
{
  int y0 = k * b->band_h;
  int y1 = MIN (b->height, y0 + b->band_h);
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok;

  if (y0 >= y1)
    return TRUE;

  /* the band's rows of the caller's pixels, placed where they are in the whole image */
  surface = cairo_image_surface_create_for_data (b->data + (gsize) y0 * b->stride,
                                                 CAIRO_FORMAT_ARGB32, b->width, y1 - y0,
                                                 b->stride);
  cairo_surface_set_device_offset (surface, b->ox, b->oy - y0);
  cr = cairo_create (surface);
  cairo_set_matrix (cr, &b->ctm);
  if (b->has_clip)
    {
      cairo_rectangle (cr, b->clip.x, b->clip.y, b->clip.width, b->clip.height);
      cairo_clip (cr);
    }
  ok = b->func (cr, b->user_data, b->cancellable);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  return ok;
}

static gpointer
band_worker (gpointer data)
{
  Bands *b = data;
  int k;

  while ((k = g_atomic_int_add (&b->next, 1)) < b->n_bands)
    {
      if (g_atomic_int_get (&b->failed))
        break;
      if (!draw_band (b, k))
        g_atomic_int_set (&b->failed, TRUE);
    }
  return NULL;
}

gboolean
ga_render_bands (cairo_t        *cr,
                 GaBandDrawFunc  func,
                 gpointer        user_data,
                 GCancellable   *cancellable)
{
  cairo_surface_t *target = cairo_get_group_target (cr);
  cairo_rectangle_list_t *clips;
  Bands b = { 0 };
  GThread *threads[MAX_THREADS];
  guint n_threads = MIN (g_get_num_processors (), MAX_THREADS);
  guint max_threads = (guint) g_atomic_int_get (&max_threads_override);
  double sx, sy;

  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (max_threads > 0)
    n_threads = MIN (max_threads, MAX_THREADS);
  if (n_threads < 2 ||
      cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE ||
      cairo_image_surface_get_format (target) != CAIRO_FORMAT_ARGB32 ||
      (double) cairo_image_surface_get_width (target) *
        cairo_image_surface_get_height (target) < MIN_PIXELS ||
      cairo_get_operator (cr) != CAIRO_OPERATOR_OVER)
    return func (cr, user_data, cancellable);

  cairo_surface_get_device_scale (target, &sx, &sy);
  cairo_get_matrix (cr, &b.ctm);
  if (sx != 1.0 || sy != 1.0 || b.ctm.xx != 1.0 || b.ctm.yy != 1.0 || b.ctm.xy != 0.0 ||
      b.ctm.yx != 0.0)
    return func (cr, user_data, cancellable);

  clips = cairo_copy_clip_rectangle_list (cr);
  if (clips->status != CAIRO_STATUS_SUCCESS || clips->num_rectangles != 1)
    {
      cairo_rectangle_list_destroy (clips);
      return func (cr, user_data, cancellable);
    }
  b.has_clip = TRUE;
  b.clip = clips->rectangles[0];
  cairo_rectangle_list_destroy (clips);

  cairo_surface_flush (target);
  b.data = cairo_image_surface_get_data (target);
  b.stride = cairo_image_surface_get_stride (target);
  b.width = cairo_image_surface_get_width (target);
  b.height = cairo_image_surface_get_height (target);
  cairo_surface_get_device_offset (target, &b.ox, &b.oy);
  if (b.data == NULL)
    return func (cr, user_data, cancellable);
  b.func = func;
  b.user_data = user_data;
  b.cancellable = cancellable;
  b.n_bands = (int) (n_threads * BANDS_PER_THREAD);
  b.band_h = (b.height + b.n_bands - 1) / b.n_bands;
  g_atomic_int_inc (&n_split);

  for (guint t = 1; t < n_threads; t++)
    threads[t] = g_thread_new ("ga-render-band", band_worker, &b);
  band_worker (&b);
  for (guint t = 1; t < n_threads; t++)
    g_thread_join (threads[t]);

  cairo_surface_mark_dirty (target);
  return !b.failed;
}
