/* ga-mbtiles-export.c — render layers into an MBTiles basemap (green-atlas-render --mbtiles)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The calling thread hands tiles to a small pool of worker threads, a bounded number at a
 * time, and writes the PNGs they return through GaMbtilesWriter (SQLite is used from the
 * calling thread only).  Each worker draws with its own cairo surface: the background, the
 * layers bottom to top through ga_renderer_draw_layer_composited(), then the labels, whose
 * placement GaLabeler decides once per zoom so that labels line up across tile edges.
 */
#define G_LOG_DOMAIN "ga-mbtiles-export"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "ga-crs.h"
#include "ga-error.h"
#include "ga-labeler.h"
#include "ga-mbtiles-export.h"
#include "ga-mbtiles.h"
#include "ga-render-private.h"
#include "ga-renderer.h"
#include "ga-tile-reader.h"

#define TILE_SIZE        256
#define MAX_EXPORT_ZOOM  22
#define MIN_WORKERS      2
#define MAX_WORKERS      4
/* Tiles handed to the workers ahead of the writer, per worker. */
#define QUEUE_PER_WORKER 8

typedef struct
{
  GaLayer  *layer;
  GaSymbol  symbol;
  double    opacity;
} ExportLayer;

typedef struct
{
  GPtrArray    *layers;       /* ExportLayer*, bottom first */
  GaLabeler    *labeler;
  gboolean      opaque;       /* the background is opaque: RGB PNGs */
  double        background[4];
  GCancellable *cancellable;
  gint          stop;         /* atomic: an error ended the export */
  GAsyncQueue  *results;      /* TileJob* back to the calling thread */
} Export;

typedef struct
{
  int     z, x, y;
  GBytes *png;                /* NULL: cancelled or failed */
} TileJob;

static void
export_layer_free (ExportLayer *el)
{
  g_object_unref (el->layer);
  g_free (el);
}

static void
tile_job_free (TileJob *job)
{
  g_clear_pointer (&job->png, g_bytes_unref);
  g_free (job);
}

static cairo_status_t
append_png_cb (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Draws one tile and encodes it; NULL if cancelled or on a cairo failure. */
static GBytes *
render_tile (Export *ex,
             int     z,
             int     x,
             int     y)
{
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autoptr(cairo_t) cr = NULL;
  g_autoptr(GByteArray) png = NULL;
  GaRenderView view;

  ga_render_view_init_tile (&view, z, x, y, TILE_SIZE);
  surface = cairo_image_surface_create (ex->opaque ? CAIRO_FORMAT_RGB24 : CAIRO_FORMAT_ARGB32,
                                        TILE_SIZE, TILE_SIZE);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    return NULL;
  cr = cairo_create (surface);

  if (ex->background[3] > 0.0)
    {
      cairo_set_source_rgba (cr, ex->background[0], ex->background[1], ex->background[2],
                             ex->background[3]);
      cairo_paint (cr);
    }

  for (guint i = 0; i < ex->layers->len; i++)
    {
      const ExportLayer *el = g_ptr_array_index (ex->layers, i);

      if (!ga_renderer_draw_layer_composited (cr, &view, el->layer, &el->symbol, el->opacity,
                                              ex->cancellable))
        return NULL;
    }
  if (ex->labeler != NULL && !ga_labeler_draw (ex->labeler, cr, &view, ex->cancellable))
    return NULL;

  g_clear_pointer (&cr, cairo_destroy);
  cairo_surface_flush (surface);
  png = g_byte_array_sized_new (16 * 1024);
  if (cairo_surface_write_to_png_stream (surface, append_png_cb, png) != CAIRO_STATUS_SUCCESS)
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}

static void
worker_func (gpointer data,
             gpointer user_data)
{
  TileJob *job = data;
  Export *ex = user_data;

  if (!g_atomic_int_get (&ex->stop) && !g_cancellable_is_cancelled (ex->cancellable))
    job->png = render_tile (ex, job->z, job->x, job->y);
  g_async_queue_push (ex->results, job);
}

/* Lon/lat bounds of a Mercator extent, through PROJ. */
static gboolean
extent_to_lonlat (const GaExtent *e,
                  double          bounds[4])
{
  g_autoptr(GaTransform) tr = ga_transform_new ("EPSG:3857", "EPSG:4326", NULL);
  double xs[2] = { e->min_x, e->max_x };
  double ys[2] = { e->min_y, e->max_y };

  if (tr == NULL || !ga_transform_apply (tr, xs, ys, 2))
    return FALSE;
  bounds[0] = xs[0];
  bounds[1] = ys[0];
  bounds[2] = xs[1];
  bounds[3] = ys[1];
  return isfinite (xs[0]) && isfinite (xs[1]) && isfinite (ys[0]) && isfinite (ys[1]);
}

/* Walks the tiles of the extent, zoom by zoom, row by row. */
typedef struct
{
  GaExtent extent;
  int      z, max_z;
  int      x, y, x0, y0, x1, y1;
  gboolean valid;
} TileIter;

static gboolean
tile_iter_zoom (TileIter *it)
{
  for (; it->z <= it->max_z; it->z++)
    {
      if (ga_tile_range_at_zoom (it->extent.min_x, it->extent.min_y, it->extent.max_x,
                                 it->extent.max_y, it->z, &it->x0, &it->y0, &it->x1, &it->y1))
        {
          it->x = it->x0;
          it->y = it->y0;
          return TRUE;
        }
    }
  return FALSE;
}

static void
tile_iter_init (TileIter       *it,
                const GaExtent *extent,
                int             min_z,
                int             max_z)
{
  it->extent = *extent;
  it->z = min_z;
  it->max_z = max_z;
  it->valid = tile_iter_zoom (it);
}

static gboolean
tile_iter_next (TileIter *it,
                int      *z,
                int      *x,
                int      *y)
{
  if (!it->valid)
    return FALSE;
  *z = it->z;
  *x = it->x;
  *y = it->y;

  if (++it->x > it->x1)
    {
      it->x = it->x0;
      if (++it->y > it->y1)
        {
          it->z++;
          it->valid = tile_iter_zoom (it);
        }
    }
  return TRUE;
}

gboolean
ga_mbtiles_export (GaLayerStore    *store,
                   GaStyleSheet    *style,
                   const GaExtent  *extent,
                   int              min_zoom,
                   int              max_zoom,
                   const char      *name,
                   const char      *attribution,
                   const char      *path,
                   GCancellable    *cancellable,
                   GaProgressFunc   progress,
                   gpointer         progress_data,
                   GError         **error)
{
  g_autoptr(GaMbtilesWriter) writer = NULL;
  g_autoptr(GPtrArray) layers = NULL;
  g_autoptr(GaLabeler) labeler = NULL;
  g_autoptr(GAsyncQueue) results = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *base = NULL;
  g_autofree char *default_name = NULL;
  GThreadPool *pool;
  GaMbtilesInfo info = { 0 };
  Export ex = { 0 };
  TileIter it;
  GaExtent e;
  guint64 total, done = 0;
  guint in_flight = 0, max_in_flight;
  int n_workers;
  double last_reported = -1.0;
  const double h = GA_MERCATOR_HALF_WORLD;

  g_return_val_if_fail (GA_IS_LAYER_STORE (store), FALSE);
  g_return_val_if_fail (style == NULL || GA_IS_STYLE_SHEET (style), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  base = g_path_get_basename (path);
  if (min_zoom < 0 || max_zoom > MAX_EXPORT_ZOOM || min_zoom > max_zoom)
    {
      g_set_error (error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
                   _("Cannot write “%s”: the zoom levels must run from 0 to %d, the first "
                     "not above the last (got %d to %d)."),
                   base, MAX_EXPORT_ZOOM, min_zoom, max_zoom);
      return FALSE;
    }

  if (extent != NULL)
    e = *extent;
  else if (!ga_layer_store_get_extent (store, TRUE, &e))
    {
      g_set_error (error, GA_ERROR, GA_ERROR_EMPTY,
                   _("Cannot write “%s”: there is nothing to draw (no visible layer has "
                     "features)."), base);
      return FALSE;
    }
  e.min_x = CLAMP (e.min_x, -h, h);
  e.max_x = CLAMP (e.max_x, -h, h);
  e.min_y = CLAMP (e.min_y, -h, h);
  e.max_y = CLAMP (e.max_y, -h, h);
  total = ga_tile_range_count (e.min_x, e.min_y, e.max_x, e.max_y, min_zoom, max_zoom);
  if (total == 0)
    {
      g_set_error (error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
                   _("Cannot write “%s”: the area to export is empty or outside the world."),
                   base);
      return FALSE;
    }

  /* Snapshot of the layers and their symbols, bottom first (position 0 is the top). */
  layers = g_ptr_array_new_with_free_func ((GDestroyNotify) export_layer_free);
  labeler = ga_labeler_new ();
  for (guint i = ga_layer_store_get_n_layers (store); i-- > 0;)
    {
      GaLayer *layer = ga_layer_store_get (store, i);
      ExportLayer *el;

      if (!ga_layer_get_visible (layer))
        continue;
      el = g_new0 (ExportLayer, 1);
      el->layer = g_object_ref (layer);
      if (style != NULL)
        ga_style_sheet_apply (style, layer, &el->symbol);
      else
        ga_symbol_init_default (&el->symbol, layer);
      el->opacity = ga_layer_get_opacity (layer);
      g_ptr_array_add (layers, el);
    }
  /* Labels of the top layers first when priorities tie. */
  for (guint i = layers->len; i-- > 0;)
    {
      const ExportLayer *el = g_ptr_array_index (layers, i);

      ga_labeler_add_layer (labeler, el->layer, &el->symbol);
    }

  ex.layers = layers;
  ex.labeler = ga_labeler_has_labels (labeler) ? labeler : NULL;
  ex.cancellable = cancellable;
  if (style != NULL)
    ga_style_sheet_get_background (style, ex.background);
  ex.opaque = ex.background[3] >= 1.0;

  /* Metadata */
  default_name = g_strdup (base);
  if (g_str_has_suffix (default_name, ".mbtiles"))
    default_name[strlen (default_name) - strlen (".mbtiles")] = '\0';
  info.name = (char *) (name != NULL && *name != '\0' ? name : default_name);
  info.attribution = (char *) attribution;
  info.format = (char *) "png";
  info.min_zoom = min_zoom;
  info.max_zoom = max_zoom;
  info.has_bounds = extent_to_lonlat (&e, info.bounds);

  writer = ga_mbtiles_writer_new (path, &info, error);
  if (writer == NULL)
    return FALSE;

  results = g_async_queue_new_full ((GDestroyNotify) tile_job_free);
  ex.results = results;
  n_workers = CLAMP ((int) g_get_num_processors (), MIN_WORKERS, MAX_WORKERS);
  pool = g_thread_pool_new (worker_func, &ex, n_workers, TRUE, NULL);
  max_in_flight = (guint) n_workers * QUEUE_PER_WORKER;

  tile_iter_init (&it, &e, min_zoom, max_zoom);
  for (;;)
    {
      TileJob *job;
      int z, x, y;

      /* Keep the workers busy, but do not let encoded tiles pile up in memory. */
      while (in_flight < max_in_flight && local_error == NULL &&
             !g_cancellable_is_cancelled (cancellable) && tile_iter_next (&it, &z, &x, &y))
        {
          job = g_new0 (TileJob, 1);
          job->z = z;
          job->x = x;
          job->y = y;
          g_thread_pool_push (pool, job, NULL);
          in_flight++;
        }
      if (in_flight == 0)
        break;

      job = g_async_queue_pop (results);
      in_flight--;
      if (local_error == NULL && !g_cancellable_is_cancelled (cancellable))
        {
          if (job->png == NULL)
            {
              g_set_error (&local_error, GA_ERROR, GA_ERROR_IO,
                           _("Cannot write “%s”: tile %d/%d/%d could not be drawn or "
                             "encoded."), base, job->z, job->x, job->y);
              g_atomic_int_set (&ex.stop, TRUE);
            }
          else if (!ga_mbtiles_writer_put (writer, job->z, job->x, job->y, job->png,
                                           &local_error))
            {
              g_atomic_int_set (&ex.stop, TRUE);
            }
          else
            {
              done++;
              if (progress != NULL)
                {
                  double fraction = (double) done / (double) total;

                  /* at most every half per cent, and always the end */
                  if (fraction - last_reported >= 0.005 || done == total)
                    {
                      last_reported = fraction;
                      progress (fraction, progress_data);
                    }
                }
            }
        }
      tile_job_free (job);
    }
  g_thread_pool_free (pool, FALSE, TRUE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;  /* the writer's cleanup deletes the partial file */
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return ga_mbtiles_writer_finish (writer, error);
}
