/* ga-overlay-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One source per GaLayer and style version.  fill_tile_async() renders the tile in a GTask
 * worker with the thematic renderer (ga_thematic_render_tile) from the sealed, immutable
 * layer and a GaStyle snapshot, copied on the main thread and prepared (ga_style_prepare: a
 * pass over every feature, 0.1–0.3 s at 1M) in a worker by ga_overlay_source_new_async(): the
 * source is "ready" once ga_overlay_source_new_finish() installs it.  fill_tile_finish() hands
 * the cairo image to the tile as a GaTilePaintable (no image where the layer drew nothing)
 * and marks the tile done.  The map's GaOverlayCanvas keeps the tiles
 * (ga_overlay_source_get_tile_surface) and composites every layer's in one node, so panning
 * never walks vertices on the main thread.
 *
 * Layer tiles leave the labels out: the label source (ga_overlay_source_new_labels) draws
 * the labels of all visible layers with one labeler, in a map layer above all overlays.
 */
#define G_LOG_DOMAIN "ga-overlay-source"

#include "config.h"

#include <gtk/gtk.h>

#include "ga-memory.h"
#include "ga-overlay-source.h"
#include "ga-thematic.h"
#include "ga-tile-ink.h"

struct _GaOverlaySource
{
  ShumateMapSource  parent_instance;
  GaLayer          *layer;
  GaStyle          *style;     /* prepared snapshot, never edited; NULL until ready */
  GaStyle          *copy;      /* the snapshot while a worker prepares it */
  /* label source: layers and their snapshots, top first */
  GPtrArray        *label_layers;
  GPtrArray        *label_styles;
  guint             pending;
  guint             filled;
};

G_DEFINE_FINAL_TYPE (GaOverlaySource, ga_overlay_source, SHUMATE_TYPE_MAP_SOURCE)

typedef struct
{
  GaLayer         *layer;
  GaStyle         *style;
  GPtrArray       *label_layers;
  GPtrArray       *label_styles;
  ShumateTile     *tile;
  int              x, y, z, size;
  cairo_surface_t *surface;
} FillData;

static guint n_pending;
static gint n_preparing;   /* atomic: snapshots being prepared in workers */
static guint n_filled;
static guint next_id;

/* ---- GaTilePaintable ---- */

#define GA_TYPE_TILE_PAINTABLE (ga_tile_paintable_get_type ())
G_DECLARE_FINAL_TYPE (GaTilePaintable, ga_tile_paintable, GA, TILE_PAINTABLE, GObject)

struct _GaTilePaintable
{
  GObject          parent_instance;
  cairo_surface_t *surface;   /* ARGB32, NULL: nothing drawn in this tile */
  int              size;
};

static void ga_tile_paintable_iface_init (GdkPaintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GaTilePaintable, ga_tile_paintable, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE,
                                                      ga_tile_paintable_iface_init))

static void
ga_tile_paintable_snapshot (GdkPaintable *paintable,
                            GdkSnapshot  *snapshot,
                            double        width,
                            double        height)
{
  GaTilePaintable *self = GA_TILE_PAINTABLE (paintable);
  cairo_t *cr;

  if (self->surface == NULL || width <= 0 || height <= 0)
    return;
  cr = gtk_snapshot_append_cairo (GTK_SNAPSHOT (snapshot),
                                  &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  cairo_scale (cr, width / cairo_image_surface_get_width (self->surface),
               height / cairo_image_surface_get_height (self->surface));
  cairo_set_source_surface (cr, self->surface, 0, 0);
  cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
  /* Scaled only between whole zoom levels, while zooming or while the tiles of the new level
   * fill: cairo's GOOD filter would run a convolution for every shrunk tile on every frame. */
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_BILINEAR);
  cairo_paint (cr);
  cairo_destroy (cr);
}

static int
ga_tile_paintable_get_intrinsic_size (GdkPaintable *paintable)
{
  return GA_TILE_PAINTABLE (paintable)->size;
}

static GdkPaintableFlags
ga_tile_paintable_get_flags (GdkPaintable *paintable)
{
  return GDK_PAINTABLE_STATIC_SIZE | GDK_PAINTABLE_STATIC_CONTENTS;
}

static void
ga_tile_paintable_iface_init (GdkPaintableInterface *iface)
{
  iface->snapshot = ga_tile_paintable_snapshot;
  iface->get_intrinsic_width = ga_tile_paintable_get_intrinsic_size;
  iface->get_intrinsic_height = ga_tile_paintable_get_intrinsic_size;
  iface->get_flags = ga_tile_paintable_get_flags;
}

static void
ga_tile_paintable_finalize (GObject *object)
{
  GaTilePaintable *self = GA_TILE_PAINTABLE (object);

  g_clear_pointer (&self->surface, cairo_surface_destroy);
  G_OBJECT_CLASS (ga_tile_paintable_parent_class)->finalize (object);
}

static void
ga_tile_paintable_class_init (GaTilePaintableClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ga_tile_paintable_finalize;
}

static void
ga_tile_paintable_init (GaTilePaintable *self)
{
}

/* Takes @surface (NULL: an empty tile). */
static GdkPaintable *
ga_tile_paintable_new (cairo_surface_t *surface,
                       int              size)
{
  GaTilePaintable *self = g_object_new (GA_TYPE_TILE_PAINTABLE, NULL);

  self->surface = surface;
  self->size = size;
  return GDK_PAINTABLE (self);
}

cairo_surface_t *
ga_overlay_source_get_tile_surface (ShumateTile *tile)
{
  GdkPaintable *paintable;

  g_return_val_if_fail (SHUMATE_IS_TILE (tile), NULL);

  paintable = shumate_tile_get_paintable (tile);
  if (paintable == NULL || !GA_IS_TILE_PAINTABLE (paintable))
    return NULL;
  return GA_TILE_PAINTABLE (paintable)->surface;
}

/* ---- the source ---- */

static void
fill_data_free (gpointer data)
{
  FillData *fd = data;

  g_clear_object (&fd->layer);
  g_clear_object (&fd->style);
  g_clear_pointer (&fd->label_layers, g_ptr_array_unref);
  g_clear_pointer (&fd->label_styles, g_ptr_array_unref);
  g_clear_object (&fd->tile);
  g_clear_pointer (&fd->surface, cairo_surface_destroy);
  g_free (fd);
}

static void
fill_tile_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  FillData *fd = task_data;
  cairo_surface_t *surface;

  ga_thread_set_background ();
  if (fd->label_layers != NULL)
    surface = ga_thematic_render_label_tile ((GaLayer **) fd->label_layers->pdata,
                                             (GaStyle **) fd->label_styles->pdata,
                                             fd->label_layers->len, fd->z, fd->x, fd->y,
                                             fd->size, cancellable);
  else
    surface = ga_thematic_render_tile_full (fd->layer, fd->style, fd->z, fd->x, fd->y,
                                            fd->size, FALSE, cancellable);
  if (surface == NULL || g_cancellable_is_cancelled (cancellable))
    {
      g_clear_pointer (&surface, cairo_surface_destroy);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Tile cancelled");
      return;
    }
  cairo_surface_flush (surface);
  /* Its ink, found here rather than by the canvas in a frame: a tile that stayed fully
   * transparent needs no image. */
  if (cairo_surface_get_type (surface) == CAIRO_SURFACE_TYPE_IMAGE
      && ga_tile_ink_is_empty (ga_tile_ink_get (surface)))
    g_clear_pointer (&surface, cairo_surface_destroy);
  fd->surface = surface;
  g_task_return_boolean (task, TRUE);
}

/* While the map moves, tiles are drawn by one thread fewer than there are cores (at least
 * one): the window and the display server keep a core.  With a thread per core, the frames
 * of the 1M benchmark zooming into tiles not drawn yet had a p95 of 40-65 ms instead of
 * 12-14.  While the map is still (the canvas says so after 300 ms), one thread per core:
 * the first complete overlay of the 1M tier comes in 0.6 s instead of 0.7-0.95 s. */
static GThreadPool *fill_pool;
static gint n_running;   /* atomic */
static gint peak_running;   /* atomic */

static void
fill_pool_run (gpointer data,
               gpointer user_data)
{
  g_autoptr(GTask) task = data;
  GCancellable *cancellable = g_task_get_cancellable (task);
  int running = g_atomic_int_add (&n_running, 1) + 1;
  int peak;

  while (running > (peak = g_atomic_int_get (&peak_running))
         && !g_atomic_int_compare_and_exchange (&peak_running, peak, running))
    ;
  /* Asked for and dropped while it waited its turn. */
  if (g_cancellable_is_cancelled (cancellable))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Tile cancelled");
  else
    fill_tile_thread (task, g_task_get_source_object (task), g_task_get_task_data (task),
                      cancellable);
  g_atomic_int_add (&n_running, -1);
}

static gboolean interacting = TRUE;

static int
fill_threads (void)
{
  int cores = (int) g_get_num_processors ();

  return interacting ? MAX (1, cores - 1) : MAX (1, cores);
}

static void
run_fill (GTask *task)
{
  if (g_once_init_enter (&fill_pool))
    g_once_init_leave (&fill_pool,
                       g_thread_pool_new (fill_pool_run, NULL, fill_threads (), FALSE, NULL));
  g_thread_pool_push (fill_pool, g_object_ref (task), NULL);
}

static void
ga_overlay_source_fill_tile_async (ShumateMapSource    *source,
                                   ShumateTile         *tile,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GaOverlaySource *self = GA_OVERLAY_SOURCE (source);
  g_autoptr(GTask) task = NULL;
  FillData *fd;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ga_overlay_source_fill_tile_async);
  g_task_set_return_on_cancel (task, FALSE);

  /* The map view shows a source's layer only once it is ready. */
  if (self->label_layers == NULL && self->style == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               "Overlay source not ready");
      return;
    }

  fd = g_new0 (FillData, 1);
  if (self->label_layers != NULL)
    {
      fd->label_layers = g_ptr_array_ref (self->label_layers);
      fd->label_styles = g_ptr_array_ref (self->label_styles);
    }
  else
    {
      fd->layer = g_object_ref (self->layer);
      fd->style = g_object_ref (self->style);
    }
  fd->tile = g_object_ref (tile);
  fd->x = shumate_tile_get_x (tile);
  fd->y = shumate_tile_get_y (tile);
  fd->z = shumate_tile_get_zoom_level (tile);
  fd->size = shumate_tile_get_size (tile);
  if (fd->size == 0)
    fd->size = 256;
  g_task_set_task_data (task, fd, fill_data_free);

  n_pending++;
  self->pending++;
  run_fill (task);
}

static gboolean
ga_overlay_source_fill_tile_finish (ShumateMapSource  *source,
                                    GAsyncResult      *result,
                                    GError           **error)
{
  GaOverlaySource *self = GA_OVERLAY_SOURCE (source);
  GTask *task = G_TASK (result);
  FillData *fd = g_task_get_task_data (task);
  g_autoptr(GdkPaintable) paintable = NULL;

  g_return_val_if_fail (g_task_is_valid (result, source), FALSE);

  if (fd == NULL)
    return g_task_propagate_boolean (task, error);
  if (n_pending > 0)
    n_pending--;
  if (self->pending > 0)
    self->pending--;

  if (!g_task_propagate_boolean (task, error))
    return FALSE;

  paintable = ga_tile_paintable_new (g_steal_pointer (&fd->surface), fd->size);
  shumate_tile_set_paintable (fd->tile, paintable);
  shumate_tile_set_state (fd->tile, SHUMATE_STATE_DONE);
  n_filled++;
  self->filled++;
  return TRUE;
}

static void
ga_overlay_source_dispose (GObject *object)
{
  GaOverlaySource *self = GA_OVERLAY_SOURCE (object);

  g_clear_object (&self->layer);
  g_clear_object (&self->style);
  g_clear_object (&self->copy);
  g_clear_pointer (&self->label_layers, g_ptr_array_unref);
  g_clear_pointer (&self->label_styles, g_ptr_array_unref);
  G_OBJECT_CLASS (ga_overlay_source_parent_class)->dispose (object);
}

static void
ga_overlay_source_class_init (GaOverlaySourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateMapSourceClass *source_class = SHUMATE_MAP_SOURCE_CLASS (klass);

  object_class->dispose = ga_overlay_source_dispose;
  source_class->fill_tile_async = ga_overlay_source_fill_tile_async;
  source_class->fill_tile_finish = ga_overlay_source_fill_tile_finish;
}

static void
ga_overlay_source_init (GaOverlaySource *self)
{
}

static GaOverlaySource *
overlay_source_create (GaLayer *layer)
{
  GaOverlaySource *self;
  g_autofree char *id = NULL;

  /* The tile memory cache is keyed by source id: every source gets its own. */
  id = g_strdup_printf ("ga-overlay-%u", ++next_id);
  self = g_object_new (GA_TYPE_OVERLAY_SOURCE, NULL);
  shumate_map_source_set_id (SHUMATE_MAP_SOURCE (self), id);
  shumate_map_source_set_name (SHUMATE_MAP_SOURCE (self), ga_layer_get_name (layer));
  shumate_map_source_set_min_zoom_level (SHUMATE_MAP_SOURCE (self), 0);
  shumate_map_source_set_max_zoom_level (SHUMATE_MAP_SOURCE (self), 22);
  shumate_map_source_set_tile_size (SHUMATE_MAP_SOURCE (self), 256);
  shumate_map_source_set_projection (SHUMATE_MAP_SOURCE (self), SHUMATE_MAP_PROJECTION_MERCATOR);
  self->layer = g_object_ref (layer);
  return self;
}

GaOverlaySource *
ga_overlay_source_new (GaLayer *layer,
                       GaStyle *style)
{
  GaOverlaySource *self;

  g_return_val_if_fail (GA_IS_LAYER (layer), NULL);
  g_return_val_if_fail (GA_IS_STYLE (style), NULL);

  self = overlay_source_create (layer);
  self->style = ga_style_copy (style);
  ga_style_prepare (self->style, layer);
  return self;
}

GaOverlaySource *
ga_overlay_source_new_prepared (GaLayer *layer,
                                GaStyle *snapshot)
{
  GaOverlaySource *self;

  g_return_val_if_fail (GA_IS_LAYER (layer), NULL);
  g_return_val_if_fail (GA_IS_STYLE (snapshot), NULL);

  self = overlay_source_create (layer);
  self->style = g_object_ref (snapshot);
  return self;
}

static void
prepare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GaOverlaySource *self = source_object;

  ga_thread_set_background ();
  /* Only this worker touches the copy until the task returns. */
  if (!g_cancellable_is_cancelled (cancellable))
    ga_style_prepare (self->copy, self->layer);
  g_task_return_boolean (task, TRUE);
}

GaOverlaySource *
ga_overlay_source_new_async (GaLayer             *layer,
                             GaStyle             *style,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GaOverlaySource *self;
  g_autoptr(GTask) task = NULL;

  g_return_val_if_fail (GA_IS_LAYER (layer), NULL);
  g_return_val_if_fail (GA_IS_STYLE (style), NULL);

  self = overlay_source_create (layer);
  self->copy = ga_style_copy (style);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ga_overlay_source_new_async);
  g_atomic_int_inc (&n_preparing);
  g_task_run_in_thread (task, prepare_thread);
  return self;
}

gboolean
ga_overlay_source_new_finish (GaOverlaySource  *self,
                              GAsyncResult     *result,
                              GError          **error)
{
  g_return_val_if_fail (GA_IS_OVERLAY_SOURCE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  /* pending until the main thread has it (not when the worker ends): whoever waits for
   * no pending work then sees the source installed */
  g_atomic_int_add (&n_preparing, -1);
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  g_return_val_if_fail (self->copy != NULL, FALSE);
  self->style = g_steal_pointer (&self->copy);
  return TRUE;
}

/* ---- snapshots prepared ahead ---- */

#define PREPARED_KEY "ga-overlay-prepared"

typedef struct
{
  GaStyle *style;      /* what the snapshot was copied from */
  GaStyle *snapshot;
  gulong   changed_id;
} Prepared;

static void
prepared_free (gpointer data)
{
  Prepared *p = data;

  g_clear_signal_handler (&p->changed_id, p->style);
  g_clear_object (&p->style);
  g_clear_object (&p->snapshot);
  g_free (p);
}

static void
on_prepared_style_changed_cb (GaStyle *style,
                              GaLayer *layer)
{
  /* Edited since: the snapshot no longer matches. */
  g_object_set_data (G_OBJECT (layer), PREPARED_KEY, NULL);
}

void
ga_overlay_source_attach_prepared (GaLayer *layer,
                                   GaStyle *style,
                                   GaStyle *snapshot)
{
  Prepared *p;

  g_return_if_fail (GA_IS_LAYER (layer));
  g_return_if_fail (GA_IS_STYLE (style));
  g_return_if_fail (GA_IS_STYLE (snapshot));

  p = g_new0 (Prepared, 1);
  p->style = g_object_ref (style);
  p->snapshot = g_object_ref (snapshot);
  p->changed_id = g_signal_connect (style, "changed", G_CALLBACK (on_prepared_style_changed_cb),
                                    layer);
  g_object_set_data_full (G_OBJECT (layer), PREPARED_KEY, p, prepared_free);
}

GaStyle *
ga_overlay_source_take_prepared (GaLayer *layer,
                                 GaStyle *style)
{
  Prepared *p;
  GaStyle *snapshot = NULL;

  g_return_val_if_fail (GA_IS_LAYER (layer), NULL);

  p = g_object_steal_data (G_OBJECT (layer), PREPARED_KEY);
  if (p == NULL)
    return NULL;
  if (p->style == style)
    snapshot = g_steal_pointer (&p->snapshot);
  prepared_free (p);
  return snapshot;
}

gboolean
ga_overlay_source_is_ready (GaOverlaySource *self)
{
  g_return_val_if_fail (GA_IS_OVERLAY_SOURCE (self), FALSE);
  return self->style != NULL || self->label_layers != NULL;
}

GaOverlaySource *
ga_overlay_source_new_labels (GaLayer **layers,
                              GaStyle **snapshots,
                              guint     n)
{
  GaOverlaySource *self;
  g_autofree char *id = NULL;

  g_return_val_if_fail (n == 0 || (layers != NULL && snapshots != NULL), NULL);

  id = g_strdup_printf ("ga-labels-%u", ++next_id);
  self = g_object_new (GA_TYPE_OVERLAY_SOURCE, NULL);
  shumate_map_source_set_id (SHUMATE_MAP_SOURCE (self), id);
  shumate_map_source_set_name (SHUMATE_MAP_SOURCE (self), "labels");
  shumate_map_source_set_min_zoom_level (SHUMATE_MAP_SOURCE (self), 0);
  shumate_map_source_set_max_zoom_level (SHUMATE_MAP_SOURCE (self), 22);
  shumate_map_source_set_tile_size (SHUMATE_MAP_SOURCE (self), 256);
  shumate_map_source_set_projection (SHUMATE_MAP_SOURCE (self), SHUMATE_MAP_PROJECTION_MERCATOR);

  self->label_layers = g_ptr_array_new_with_free_func (g_object_unref);
  self->label_styles = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      g_return_val_if_fail (GA_IS_LAYER (layers[i]) && GA_IS_STYLE (snapshots[i]), self);
      g_ptr_array_add (self->label_layers, g_object_ref (layers[i]));
      g_ptr_array_add (self->label_styles, g_object_ref (snapshots[i]));
    }
  return self;
}

guint
ga_overlay_source_get_n_label_layers (GaOverlaySource *self)
{
  g_return_val_if_fail (GA_IS_OVERLAY_SOURCE (self), 0);
  return self->label_layers ? self->label_layers->len : 0;
}

GaStyle *
ga_overlay_source_get_style (GaOverlaySource *self)
{
  g_return_val_if_fail (GA_IS_OVERLAY_SOURCE (self), NULL);
  return self->style;
}

guint
ga_overlay_source_get_pending (GaOverlaySource *self)
{
  g_return_val_if_fail (GA_IS_OVERLAY_SOURCE (self), 0);
  return self->pending;
}

guint
ga_overlay_source_get_filled (GaOverlaySource *self)
{
  g_return_val_if_fail (GA_IS_OVERLAY_SOURCE (self), 0);
  return self->filled;
}

GaLayer *
ga_overlay_source_get_layer (GaOverlaySource *self)
{
  g_return_val_if_fail (GA_IS_OVERLAY_SOURCE (self), NULL);
  return self->layer;
}

guint
ga_overlay_source_get_n_pending (void)
{
  return n_pending + (guint) g_atomic_int_get (&n_preparing);
}

void
ga_overlay_source_set_interacting (gboolean interacting_now)
{
  interacting = !!interacting_now;
  if (fill_pool != NULL)
    g_thread_pool_set_max_threads (fill_pool, fill_threads (), NULL);
}

guint
ga_overlay_source_get_max_fills (void)
{
  return (guint) fill_threads ();
}

guint
ga_overlay_source_get_peak_fills (void)
{
  return (guint) g_atomic_int_get (&peak_running);
}

guint
ga_overlay_source_get_n_filled (void)
{
  return n_filled;
}
