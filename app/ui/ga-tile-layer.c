/* ga-tile-layer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a ShumateMapLayer keeps for one source, without being a widget: the tiles filled so
 * far (keyed by level, column and row; an empty tile keeps no image), the fills in flight
 * with their cancellables, and an order of use so that the tiles of levels and places left
 * behind can be dropped.  Tiles of other levels are kept on purpose: the canvas draws them,
 * scaled, where a tile of the current level is not filled yet.
 *
 * A fill goes through shumate_map_source_fill_tile_async() like a ShumateMapLayer's, so the
 * source's pending and filled counts (and a basemap's failure reports) stay true.  An
 * overlay source's tile holds a cairo image, kept as it is; a basemap tile's GdkTexture is
 * copied into an image once here (GTK 4.8's cairo renderer would convert it on every frame).
 *
 * A fill that fails is kept as an empty tile and not asked for again while it is kept, as
 * ShumateMapLayer does (a basemap server answering 404 is not asked again on every move);
 * one that was cancelled, or whose overlay source was not ready, is asked for again.
 */
#define G_LOG_DOMAIN "ga-tile-layer"

#include "config.h"

#include <gio/gio.h>
#include <gtk/gtk.h>

#include "ga-tile-layer.h"

#define TILE_SIZE 256

typedef struct
{
  guint64          key;
  ShumateTile     *tile;       /* while being filled */
  GCancellable    *cancel;     /* while being filled */
  cairo_surface_t *surface;    /* filled: the image, NULL if empty */
  guint64          used;
  gboolean         filled;
} Entry;

struct _GaTileLayer
{
  GObject          parent_instance;
  ShumateMapSource *source;
  GHashTable      *tiles;      /* guint64 key → Entry */
  guint64          clock;
  double           opacity;
  gboolean         visible;
};

G_DEFINE_FINAL_TYPE (GaTileLayer, ga_tile_layer, G_TYPE_OBJECT)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  GaTileLayer *self;
  ShumateTile *tile;
  guint64      key;
} Fill;

typedef struct
{
  int    x, y;
  double d;
} Wanted;

/* Levels up to 22 and columns up to 2^22: 5 + 2 × 24 bits. */
static guint64
make_key (int z,
          int x,
          int y)
{
  return ((guint64) z << 48) | ((guint64) (guint32) x << 24) | (guint64) (guint32) y;
}

static int
positive_mod (int i,
              int n)
{
  return (i % n + n) % n;
}

static void
entry_free (gpointer data)
{
  Entry *e = data;

  if (e->cancel)
    g_cancellable_cancel (e->cancel);
  g_clear_object (&e->cancel);
  g_clear_object (&e->tile);
  g_clear_pointer (&e->surface, cairo_surface_destroy);
  g_free (e);
}

/* The tile's image (full reference), NULL if it has none. */
static cairo_surface_t *
tile_image (ShumateTile *tile)
{
  GdkPaintable *paintable = shumate_tile_get_paintable (tile);
  cairo_surface_t *surface = ga_overlay_source_get_tile_surface (tile);
  GdkTexture *texture;

  if (surface != NULL)
    return cairo_surface_reference (surface);
  if (!GDK_IS_TEXTURE (paintable))
    return NULL;
  texture = GDK_TEXTURE (paintable);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, gdk_texture_get_width (texture),
                                        gdk_texture_get_height (texture));
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return NULL;
    }
  /* premultiplied BGRA on little endian: cairo's ARGB32 */
  gdk_texture_download (texture, cairo_image_surface_get_data (surface),
                        (gsize) cairo_image_surface_get_stride (surface));
  cairo_surface_mark_dirty (surface);
  return surface;
}

static void
on_tile_filled_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Fill *fill = user_data;
  GaTileLayer *self = fill->self;
  g_autoptr(GError) error = NULL;
  gboolean ok;
  Entry *e;

  ok = shumate_map_source_fill_tile_finish (SHUMATE_MAP_SOURCE (object), result, &error);
  e = self->tiles ? g_hash_table_lookup (self->tiles, &fill->key) : NULL;
  /* Dropped or asked again since: this fill is stale. */
  if (e == NULL || e->tile != fill->tile)
    goto out;
  if (!ok && (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
              || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED)))
    {
      g_hash_table_remove (self->tiles, &fill->key);
      goto out;
    }
  if (!ok)
    g_debug ("Tile %d/%d/%d of %s not drawn: %s", shumate_tile_get_zoom_level (fill->tile),
             shumate_tile_get_x (fill->tile), shumate_tile_get_y (fill->tile),
             shumate_map_source_get_id (SHUMATE_MAP_SOURCE (object)), error->message);
  else
    e->surface = tile_image (fill->tile);
  e->filled = TRUE;
  g_clear_object (&e->tile);
  g_clear_object (&e->cancel);
  g_signal_emit (self, signals[CHANGED], 0);

out:
  g_object_unref (fill->self);
  g_object_unref (fill->tile);
  g_free (fill);
}

static void
start_fill (GaTileLayer *self,
            int          z,
            int          x,
            int          y)
{
  Entry *e = g_new0 (Entry, 1);
  Fill *fill = g_new0 (Fill, 1);

  e->key = make_key (z, x, y);
  e->tile = shumate_tile_new_full (x, y, TILE_SIZE, z);
  e->cancel = g_cancellable_new ();
  e->used = ++self->clock;
  g_hash_table_insert (self->tiles, &e->key, e);

  fill->self = g_object_ref (self);
  fill->tile = g_object_ref (e->tile);
  fill->key = e->key;
  shumate_map_source_fill_tile_async (self->source, e->tile, e->cancel, on_tile_filled_cb, fill);
}

static int
compare_wanted (gconstpointer a,
                gconstpointer b)
{
  const Wanted *wa = a;
  const Wanted *wb = b;

  return (wa->d > wb->d) - (wa->d < wb->d);
}

static int
compare_used (gconstpointer a,
              gconstpointer b)
{
  const Entry *ea = *(Entry * const *) a;
  const Entry *eb = *(Entry * const *) b;

  return (ea->used > eb->used) - (ea->used < eb->used);
}

static void
ga_tile_layer_dispose (GObject *object)
{
  GaTileLayer *self = GA_TILE_LAYER (object);

  g_clear_pointer (&self->tiles, g_hash_table_unref);
  g_clear_object (&self->source);
  G_OBJECT_CLASS (ga_tile_layer_parent_class)->dispose (object);
}

static void
ga_tile_layer_class_init (GaTileLayerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ga_tile_layer_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ga_tile_layer_init (GaTileLayer *self)
{
  self->tiles = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, entry_free);
  self->visible = TRUE;
  self->opacity = 1.0;
}

GaTileLayer *
ga_tile_layer_new (ShumateMapSource *source)
{
  GaTileLayer *self;

  g_return_val_if_fail (SHUMATE_IS_MAP_SOURCE (source), NULL);

  self = g_object_new (GA_TYPE_TILE_LAYER, NULL);
  self->source = g_object_ref (source);
  return self;
}

ShumateMapSource *
ga_tile_layer_get_source (GaTileLayer *self)
{
  g_return_val_if_fail (GA_IS_TILE_LAYER (self), NULL);
  return self->source;
}

void
ga_tile_layer_set_visible (GaTileLayer *self,
                           gboolean     visible)
{
  g_return_if_fail (GA_IS_TILE_LAYER (self));

  visible = !!visible;
  if (self->visible == visible)
    return;
  self->visible = visible;
  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
ga_tile_layer_get_visible (GaTileLayer *self)
{
  g_return_val_if_fail (GA_IS_TILE_LAYER (self), FALSE);
  return self->visible;
}

void
ga_tile_layer_set_opacity (GaTileLayer *self,
                           double       opacity)
{
  g_return_if_fail (GA_IS_TILE_LAYER (self));

  opacity = CLAMP (opacity, 0.0, 1.0);
  if (self->opacity == opacity)
    return;
  self->opacity = opacity;
  g_signal_emit (self, signals[CHANGED], 0);
}

double
ga_tile_layer_get_opacity (GaTileLayer *self)
{
  g_return_val_if_fail (GA_IS_TILE_LAYER (self), 0.0);
  return self->opacity;
}

void
ga_tile_layer_request (GaTileLayer *self,
                       int          z,
                       int          x0,
                       int          y0,
                       int          x1,
                       int          y1,
                       double       cx,
                       double       cy,
                       guint        max_tiles)
{
  g_autoptr(GArray) wanted = NULL;
  g_autoptr(GPtrArray) old = NULL;
  g_autoptr(GHashTable) in_range = NULL;
  GHashTableIter iter;
  gpointer value;
  int n = 1 << z;

  g_return_if_fail (GA_IS_TILE_LAYER (self));
  g_return_if_fail (z >= 0 && z <= 22);

  y0 = MAX (y0, 0);
  y1 = MIN (y1, n - 1);
  /* More columns than the world has: each once. */
  if (x1 - x0 >= n)
    {
      x0 = 0;
      x1 = n - 1;
    }

  wanted = g_array_new (FALSE, FALSE, sizeof (Wanted));
  in_range = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (int y = y0; y <= y1; y++)
    for (int x = x0; x <= x1; x++)
      {
        Wanted w = { positive_mod (x, n), y, 0 };
        guint64 key = make_key (z, w.x, w.y);
        Entry *e = g_hash_table_lookup (self->tiles, &key);

        if (e != NULL)
          {
            e->used = ++self->clock;
            g_hash_table_add (in_range, &e->key);
            continue;
          }
        w.d = (x + 0.5 - cx) * (x + 0.5 - cx) + (y + 0.5 - cy) * (y + 0.5 - cy);
        g_array_append_val (wanted, w);
      }

  /* Fills of tiles no longer wanted stop; what they were for is forgotten. */
  g_hash_table_iter_init (&iter, self->tiles);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Entry *e = value;

      if (!e->filled && !g_hash_table_contains (in_range, &e->key))
        g_hash_table_iter_remove (&iter);
    }

  g_array_sort (wanted, compare_wanted);
  for (guint i = 0; i < wanted->len; i++)
    {
      Wanted *w = &g_array_index (wanted, Wanted, i);
      Entry *e;
      guint64 key;

      start_fill (self, z, w->x, w->y);
      key = make_key (z, w->x, w->y);
      e = g_hash_table_lookup (self->tiles, &key);
      g_hash_table_add (in_range, &e->key);
    }

  if (g_hash_table_size (self->tiles) <= max_tiles)
    return;
  /* Over the budget: the tiles used longest ago go first, never one in the range. */
  old = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, self->tiles);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (!g_hash_table_contains (in_range, &((Entry *) value)->key))
      g_ptr_array_add (old, value);
  g_ptr_array_sort (old, compare_used);
  for (guint i = 0; i < old->len && g_hash_table_size (self->tiles) > max_tiles; i++)
    {
      guint64 key = ((Entry *) g_ptr_array_index (old, i))->key;

      g_hash_table_remove (self->tiles, &key);
    }
}

gboolean
ga_tile_layer_lookup (GaTileLayer      *self,
                      int               z,
                      int               x,
                      int               y,
                      cairo_surface_t **surface)
{
  guint64 key = make_key (z, x, y);
  Entry *e;

  e = g_hash_table_lookup (self->tiles, &key);
  if (e == NULL || !e->filled)
    return FALSE;
  e->used = ++self->clock;
  *surface = e->surface;
  return TRUE;
}

void
ga_tile_layer_clear (GaTileLayer *self)
{
  g_return_if_fail (GA_IS_TILE_LAYER (self));
  g_hash_table_remove_all (self->tiles);
}

guint
ga_tile_layer_get_n_tiles (GaTileLayer *self)
{
  g_return_val_if_fail (GA_IS_TILE_LAYER (self), 0);
  return g_hash_table_size (self->tiles);
}
