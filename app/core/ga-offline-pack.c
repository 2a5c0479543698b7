/* ga-offline-pack.c — "Save area for offline use": download a tile range into an MBTiles file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The download runs in a GTask worker thread that owns a private GMainContext, its own
 * SoupSession and the MBTiles writer, so neither the network nor SQLite ever runs on the
 * caller's (UI) thread.  Progress is sent to the caller's thread-default context.
 */
#define G_LOG_DOMAIN "ga-offline-pack"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "ga-crs.h"
#include "ga-error.h"
#include "ga-mbtiles.h"
#include "ga-offline-pack.h"
#include "ga-tile-reader.h"

#define MAX_IN_FLIGHT 2
#define TIMEOUT_SECONDS 15
#define PROGRESS_INTERVAL_US (100 * 1000)

typedef struct
{
  /* request */
  GaBasemap          *source;
  double              extent[4];  /* Mercator */
  int                 min_zoom;
  int                 max_zoom;
  char               *path;
  GaPackProgressFunc  progress;
  gpointer            progress_data;
  GMainContext       *caller_context;

  /* worker state (worker thread only) */
  GMainLoop          *loop;
  SoupSession        *session;
  GaMbtilesWriter    *writer;
  GCancellable       *cancellable;
  int                 z, x, y;      /* next tile */
  int                 x0, y0, x1, y1;
  gboolean            have_range;
  guint               in_flight;
  guint64             total;
  guint64             done;
  guint64             saved;
  guint64             failed;
  guint64             bytes;
  gint64              last_progress;
  GError             *write_error;
  char               *last_problem;
} Job;

typedef struct
{
  Job *job;
  int  z, x, y;
} Request;

typedef struct
{
  GaPackProgressFunc progress;
  gpointer           data;
  guint64            done, total, bytes;
} ProgressUpdate;

typedef struct
{
  guint64 saved;
  guint64 failed;
} PackResult;

static void
job_free (Job *job)
{
  g_clear_object (&job->source);
  g_free (job->path);
  g_clear_pointer (&job->caller_context, g_main_context_unref);
  g_clear_pointer (&job->writer, ga_mbtiles_writer_free);
  g_clear_object (&job->session);
  g_clear_pointer (&job->loop, g_main_loop_unref);
  g_clear_error (&job->write_error);
  g_free (job->last_problem);
  g_free (job);
}

/* ---- helpers ---- */

static gboolean
is_osm (GaBasemap *source)
{
  const char *url = ga_basemap_get_location (source);

  return g_strcmp0 (ga_basemap_get_id (source), "osm") == 0 ||
         (url != NULL && strstr (url, "tile.openstreetmap.org/") != NULL);
}

static char *
tile_url (const char *url_template,
          int         z,
          int         x,
          int         y)
{
  g_autoptr(GString) url = g_string_new (url_template);
  char zs[16], xs[16], ys[16];

  g_snprintf (zs, sizeof zs, "%d", z);
  g_snprintf (xs, sizeof xs, "%d", x);
  g_snprintf (ys, sizeof ys, "%d", y);
  g_string_replace (url, "{z}", zs, 0);
  g_string_replace (url, "{x}", xs, 0);
  g_string_replace (url, "{y}", ys, 0);
  return g_string_free (g_steal_pointer (&url), FALSE);
}

/* A whole PNG or JPEG: the magic bytes and the end marker (a cut-off body has none). */
static gboolean
is_complete_image (GBytes *body)
{
  const char *format = ga_tile_sniff_format (body);
  gsize size = 0;
  const guint8 *p = g_bytes_get_data (body, &size);

  if (g_strcmp0 (format, "png") == 0)
    return size >= 8 + 12 && memcmp (p + size - 8, "IEND\xae\x42\x60\x82", 8) == 0;
  if (g_strcmp0 (format, "jpg") == 0)
    {
      /* some encoders pad after the EOI marker */
      for (gsize i = size; i >= 2 && i + 32 > size; i--)
        if (p[i - 2] == 0xff && p[i - 1] == 0xd9)
          return TRUE;
    }
  return FALSE;
}

static gboolean
clamp_zooms (GaBasemap *source,
             int       *min_zoom,
             int       *max_zoom)
{
  *min_zoom = MAX (*min_zoom, ga_basemap_get_min_zoom (source));
  *max_zoom = MIN (*max_zoom, ga_basemap_get_max_zoom (source));
  return *min_zoom <= *max_zoom;
}

static gboolean
deliver_progress_cb (gpointer data)
{
  ProgressUpdate *u = data;

  u->progress (u->done, u->total, u->bytes, u->data);
  return G_SOURCE_REMOVE;
}

static void
report_progress (Job      *job,
                 gboolean  force)
{
  gint64 now = g_get_monotonic_time ();
  ProgressUpdate *u;

  if (job->progress == NULL)
    return;
  if (!force && now - job->last_progress < PROGRESS_INTERVAL_US)
    return;
  job->last_progress = now;

  u = g_new (ProgressUpdate, 1);
  u->progress = job->progress;
  u->data = job->progress_data;
  u->done = job->done;
  u->total = job->total;
  u->bytes = job->bytes;
  g_main_context_invoke_full (job->caller_context, G_PRIORITY_DEFAULT, deliver_progress_cb,
                              u, g_free);
}

/* Moves to the next tile of the range, zoom by zoom; FALSE when there is none. */
static gboolean
next_tile (Job *job,
           int *z,
           int *x,
           int *y)
{
  for (;;)
    {
      if (!job->have_range)
        {
          if (job->z > job->max_zoom)
            return FALSE;
          if (!ga_tile_range_at_zoom (job->extent[0], job->extent[1], job->extent[2],
                                      job->extent[3], job->z,
                                      &job->x0, &job->y0, &job->x1, &job->y1))
            {
              job->z++;
              continue;
            }
          job->have_range = TRUE;
          job->x = job->x0;
          job->y = job->y0;
        }
      if (job->y > job->y1)
        {
          job->y = job->y0;
          job->x++;
        }
      if (job->x > job->x1)
        {
          job->have_range = FALSE;
          job->z++;
          continue;
        }
      *z = job->z;
      *x = job->x;
      *y = job->y;
      job->y++;
      return TRUE;
    }
}

static void start_requests (Job *job);

static void
tile_ready_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Request *req = user_data;
  Job *job = req->job;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  guint status;

  body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  status = msg ? soup_message_get_status (msg) : 0;
  job->in_flight--;
  job->done++;

  if (body != NULL && status == SOUP_STATUS_OK && is_complete_image (body))
    {
      if (job->write_error == NULL &&
          ga_mbtiles_writer_put (job->writer, req->z, req->x, req->y, body,
                                 &job->write_error))
        {
          job->saved++;
          job->bytes += g_bytes_get_size (body);
        }
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      job->failed++;
      g_free (job->last_problem);
      if (error != NULL)
        job->last_problem = g_strdup (error->message);
      else if (status != SOUP_STATUS_OK)
        job->last_problem = g_strdup_printf ("HTTP %u %s", status,
                                             msg ? soup_message_get_reason_phrase (msg) : "");
      else
        job->last_problem = g_strdup (_("the server did not send a PNG or JPEG image"));
    }

  g_free (req);
  report_progress (job, FALSE);
  start_requests (job);
}

/* Keeps MAX_IN_FLIGHT requests going; quits the worker loop when all are answered. */
static void
start_requests (Job *job)
{
  int z, x, y;

  while (job->in_flight < MAX_IN_FLIGHT && job->write_error == NULL &&
         !g_cancellable_is_cancelled (job->cancellable) && next_tile (job, &z, &x, &y))
    {
      g_autofree char *url = tile_url (ga_basemap_get_location (job->source), z, x, y);
      g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, url);
      Request *req;

      if (msg == NULL)
        {
          job->done++;
          job->failed++;
          g_free (job->last_problem);
          job->last_problem = g_strdup_printf (_("invalid address %s"), url);
          continue;
        }
      req = g_new0 (Request, 1);
      req->job = job;
      req->z = z;
      req->x = x;
      req->y = y;
      job->in_flight++;
      soup_session_send_and_read_async (job->session, msg, G_PRIORITY_DEFAULT,
                                        job->cancellable, tile_ready_cb, req);
    }

  if (job->in_flight == 0)
    g_main_loop_quit (job->loop);
}

static void
download_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GaTransform) to_lonlat = NULL;
  GaMbtilesInfo info = { 0 };
  double xs[2], ys[2];
  PackResult *result;
  GError *error = NULL;

  g_main_context_push_thread_default (context);

  info.name = g_strdup_printf (_("%s (offline)"), ga_basemap_get_name (job->source));
  info.attribution = g_strdup (ga_basemap_get_attribution (job->source));
  info.format = g_strdup ("png");
  info.min_zoom = job->min_zoom;
  info.max_zoom = job->max_zoom;
  xs[0] = job->extent[0]; ys[0] = job->extent[1];
  xs[1] = job->extent[2]; ys[1] = job->extent[3];
  to_lonlat = ga_transform_new ("EPSG:3857", "EPSG:4326", NULL);
  if (to_lonlat != NULL && ga_transform_apply (to_lonlat, xs, ys, 2))
    {
      info.has_bounds = TRUE;
      info.bounds[0] = CLAMP (xs[0], -180.0, 180.0);
      info.bounds[1] = CLAMP (ys[0], -85.0511287798, 85.0511287798);
      info.bounds[2] = CLAMP (xs[1], -180.0, 180.0);
      info.bounds[3] = CLAMP (ys[1], -85.0511287798, 85.0511287798);
    }

  job->writer = ga_mbtiles_writer_new (job->path, &info, &error);
  ga_mbtiles_info_clear (&info);
  if (job->writer == NULL)
    goto out;

  job->cancellable = cancellable;
  job->loop = g_main_loop_new (context, FALSE);
  job->session = soup_session_new_with_options ("user-agent", GA_USER_AGENT,
                                                "max-conns-per-host", MAX_IN_FLIGHT,
                                                "timeout", TIMEOUT_SECONDS,
                                                NULL);
  job->z = job->min_zoom;
  report_progress (job, TRUE);

  start_requests (job);
  if (job->in_flight > 0)
    g_main_loop_run (job->loop);
  /* Close every connection (kept-alive ones hold socket sources on this context), then
   * let libsoup finish its cancelled operations here before the context goes away. */
  soup_session_abort (job->session);
  g_clear_object (&job->session);
  while (g_main_context_iteration (context, FALSE))
    ;

  report_progress (job, TRUE);

  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    goto out;
  if (job->write_error != NULL)
    {
      error = g_steal_pointer (&job->write_error);
      goto out;
    }
  if (job->saved == 0)
    {
      g_set_error (&error, GA_ERROR, GA_ERROR_FAILED,
                   _("No tiles could be downloaded from %s (last problem: %s). Check the "
                     "network connection and try again."),
                   ga_basemap_get_name (job->source),
                   job->last_problem ? job->last_problem : "?");
      goto out;
    }
  if (!ga_mbtiles_writer_finish (job->writer, &error))
    goto out;

out:
  g_clear_pointer (&job->writer, ga_mbtiles_writer_free); /* drops the partial file */
  g_main_context_pop_thread_default (context);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  result = g_new (PackResult, 1);
  result->saved = job->saved;
  result->failed = job->failed;
  g_task_return_pointer (task, result, g_free);
}

/* ---- public API ---- */

gboolean
ga_offline_pack_check (GaBasemap  *source,
                       double      min_x,
                       double      min_y,
                       double      max_x,
                       double      max_y,
                       int         min_zoom,
                       int         max_zoom,
                       GError    **error)
{
  guint64 count;
  guint limit;

  g_return_val_if_fail (GA_IS_BASEMAP (source), FALSE);

  if (ga_basemap_get_kind (source) != GA_BASEMAP_XYZ)
    {
      g_set_error (error, GA_ERROR, GA_ERROR_UNSUPPORTED,
                   _("Only online basemaps can be saved for offline use; “%s” is already "
                     "available offline."), ga_basemap_get_name (source));
      return FALSE;
    }

  limit = ga_basemap_get_max_bulk_tiles (source);
  if (limit == 0)
    {
      if (is_osm (source))
        g_set_error_literal (error, GA_ERROR, GA_ERROR_UNSUPPORTED,
                             _("OpenStreetMap’s tile usage policy does not allow downloading "
                               "areas for offline use. Choose another basemap, such as "
                               "OpenTopoMap."));
      else
        g_set_error (error, GA_ERROR, GA_ERROR_UNSUPPORTED,
                     _("The terms of %s do not allow downloading areas for offline use. "
                       "Choose another basemap."), ga_basemap_get_name (source));
      return FALSE;
    }

  if (!clamp_zooms (source, &min_zoom, &max_zoom))
    {
      g_set_error (error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
                   _("%s has tiles from zoom %d to %d only; choose zoom levels in that "
                     "range."), ga_basemap_get_name (source),
                   ga_basemap_get_min_zoom (source), ga_basemap_get_max_zoom (source));
      return FALSE;
    }

  count = ga_tile_range_count (min_x, min_y, max_x, max_y, min_zoom, max_zoom);
  if (count == 0)
    {
      g_set_error_literal (error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
                           _("The chosen area is outside the map."));
      return FALSE;
    }
  if (count > limit)
    {
      g_autofree char *needed = g_strdup_printf ("%" G_GUINT64_FORMAT, count);

      g_set_error (error, GA_ERROR, GA_ERROR_UNSUPPORTED,
                   _("This area needs %s tiles, more than the %u that %s allows in one "
                     "download. Choose a smaller area or fewer zoom levels."),
                   needed, limit, ga_basemap_get_name (source));
      return FALSE;
    }
  return TRUE;
}

void
ga_offline_pack_download_async (GaBasemap           *source,
                                double               min_x,
                                double               min_y,
                                double               max_x,
                                double               max_y,
                                int                  min_zoom,
                                int                  max_zoom,
                                const char          *path,
                                GCancellable        *cancellable,
                                GaPackProgressFunc   progress,
                                gpointer             progress_data,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  Job *job;

  g_return_if_fail (GA_IS_BASEMAP (source));
  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ga_offline_pack_download_async);
  g_task_set_return_on_cancel (task, FALSE);

  if (!ga_offline_pack_check (source, min_x, min_y, max_x, max_y, min_zoom, max_zoom,
                              &error))
    {
      g_task_return_error (task, error);
      return;
    }

  job = g_new0 (Job, 1);
  job->source = g_object_ref (source);
  job->extent[0] = min_x;
  job->extent[1] = min_y;
  job->extent[2] = max_x;
  job->extent[3] = max_y;
  job->min_zoom = min_zoom;
  job->max_zoom = max_zoom;
  clamp_zooms (source, &job->min_zoom, &job->max_zoom);
  job->total = ga_tile_range_count (min_x, min_y, max_x, max_y, job->min_zoom,
                                    job->max_zoom);
  job->path = g_strdup (path);
  job->progress = progress;
  job->progress_data = progress_data;
  job->caller_context = g_main_context_ref_thread_default ();
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);

  g_task_run_in_thread (task, download_thread);
}

gboolean
ga_offline_pack_download_finish (GAsyncResult  *result,
                                 GError       **error)
{
  return ga_offline_pack_download_finish_full (result, NULL, NULL, error);
}

gboolean
ga_offline_pack_download_finish_full (GAsyncResult  *result,
                                      guint64       *tiles_saved,
                                      guint64       *tiles_failed,
                                      GError       **error)
{
  PackResult *r;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        ga_offline_pack_download_async, FALSE);

  r = g_task_propagate_pointer (G_TASK (result), error);
  if (r == NULL)
    return FALSE;
  if (tiles_saved != NULL)
    *tiles_saved = r->saved;
  if (tiles_failed != NULL)
    *tiles_failed = r->failed;
  g_free (r);
  return TRUE;
}
