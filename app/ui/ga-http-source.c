/* ga-http-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libshumate's own ShumateTileDownloader ignores shumate_set_user_agent() on Debian 12 and
 * cannot tell why a tile failed, so basemap tiles come through this data source: one
 * SoupSession (our User-Agent, two connections per server as OpenStreetMap's policy asks,
 * a 15 s timeout), a ShumateFileCache that keeps tiles for offline use, and bodies decoded
 * in a worker before they reach ShumateRasterRenderer (which decodes on the main thread
 * and logs a warning for every bad tile).  A tile is shown only through "received-data"
 * (libshumate 1.0.x); failures become one "tile-failed" signal each and are never logged.
 */
#define G_LOG_DOMAIN "ga-http-source"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "ga-basemap-source.h"
#include "ga-error.h"
#include "ga-http-source.h"

#define CACHE_SIZE_LIMIT (200 * 1000 * 1000)
#define CACHE_FRESH_SECONDS (7 * 24 * 3600)
#define TIMEOUT_SECONDS 15

struct _GaHttpSource
{
  ShumateDataSource  parent_instance;
  char              *url_template;
  SoupSession       *session;
  ShumateFileCache  *cache;
};

typedef struct
{
  int      x, y, z;
  GBytes  *cached;     /* an older copy from the cache, shown if the server fails */
  char    *etag;
  GBytes  *body;
} Request;

G_DEFINE_FINAL_TYPE (GaHttpSource, ga_http_source, SHUMATE_TYPE_DATA_SOURCE)

static void
request_free (gpointer data)
{
  Request *req = data;

  g_clear_pointer (&req->cached, g_bytes_unref);
  g_clear_pointer (&req->body, g_bytes_unref);
  g_free (req->etag);
  g_free (req);
}

static char *
expand_template (const char *tmpl,
                 int         x,
                 int         y,
                 int         z)
{
  GString *url = g_string_new (tmpl);
  g_autofree char *xs = g_strdup_printf ("%d", x);
  g_autofree char *ys = g_strdup_printf ("%d", y);
  g_autofree char *zs = g_strdup_printf ("%d", z);
  g_autofree char *tms = g_strdup_printf ("%d", (1 << z) - 1 - y);

  g_string_replace (url, "{x}", xs, 0);
  g_string_replace (url, "{y}", ys, 0);
  g_string_replace (url, "{z}", zs, 0);
  g_string_replace (url, "{-y}", tms, 0);
  return g_string_free (url, FALSE);
}

gboolean
ga_network_available (void)
{
  const char *env = g_getenv ("GA_OFFLINE");

  if (env && *env)
    return g_str_equal (env, "0");
  return g_network_monitor_get_network_available (g_network_monitor_get_default ());
}

/* The reason in plain words, for "Basemap unavailable: %s". */
static GError *
explain_error (const GError *error,
               const char   *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *host = uri ? g_uri_get_host (uri) : url;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE)
      || !ga_network_available ())
    return g_error_new (GA_ERROR, GA_ERROR_FAILED, _("no network"));
  if (error->domain == G_RESOLVER_ERROR
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND))
    /* Translators: %s is a server name such as tile.openstreetmap.org */
    return g_error_new (GA_ERROR, GA_ERROR_FAILED, _("the server “%s” could not be found"), host);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    return g_error_new (GA_ERROR, GA_ERROR_FAILED, _("the server “%s” refused the connection"),
                        host);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (GA_ERROR, GA_ERROR_FAILED, _("the server “%s” did not answer in time"),
                        host);
  return g_error_new (GA_ERROR, GA_ERROR_FAILED, "%s", error->message);
}

static void
deliver (GTask  *task,
         GBytes *bytes)
{
  GaHttpSource *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);

  g_signal_emit_by_name (self, "received-data", req->x, req->y, req->z, bytes);
  g_signal_emit_by_name (self, "tile-loaded");
  g_task_return_pointer (task, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
}

static void
fail (GTask  *task,
      GError *error)
{
  GaHttpSource *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);

  g_signal_emit_by_name (self, "tile-failed", error, req->cached != NULL);
  if (req->cached)
    {
      g_error_free (error);
      deliver (task, req->cached);
      return;
    }
  g_task_return_error (task, error);
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GBytes *bytes = task_data;

  g_task_return_boolean (task, ga_tile_data_check (bytes, NULL));
}

static void
on_checked_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GaHttpSource *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);

  if (!g_task_propagate_boolean (G_TASK (result), NULL))
    {
      fail (task, g_error_new (GA_ERROR, GA_ERROR_CORRUPT,
                               _("the server sent something that is not a tile image")));
      return;
    }
  shumate_file_cache_store_tile_async (self->cache, req->x, req->y, req->z, req->body, NULL,
                                       NULL, NULL, NULL);
  deliver (task, req->body);
}

static void
on_sent_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GaHttpSource *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GTask) check = NULL;
  guint status;

  body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (body == NULL)
    {
      g_autofree char *url = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      url = msg ? g_uri_to_string (soup_message_get_uri (msg)) : g_strdup (self->url_template);
      fail (task, explain_error (error, url));
      return;
    }

  status = soup_message_get_status (msg);
  if (status == SOUP_STATUS_NOT_MODIFIED && req->cached)
    {
      shumate_file_cache_mark_up_to_date (self->cache, req->x, req->y, req->z);
      deliver (task, req->cached);
      return;
    }
  if (status != SOUP_STATUS_OK)
    {
      const char *phrase = soup_message_get_reason_phrase (msg);

      /* Translators: %u is an HTTP status code, %s its reason, e.g. “404 Not Found” */
      fail (task, g_error_new (GA_ERROR, status == 404 ? GA_ERROR_NOT_FOUND : GA_ERROR_FAILED,
                               _("the server answered “%u %s”"), status,
                               phrase && *phrase ? phrase : soup_status_get_phrase (status)));
      return;
    }

  req->body = g_steal_pointer (&body);
  check = g_task_new (self, g_task_get_cancellable (task), on_checked_cb, g_object_ref (task));
  g_task_set_task_data (check, g_bytes_ref (req->body), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (check, check_thread);
}

static void
fetch (GTask *task)
{
  GaHttpSource *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);
  g_autofree char *url = expand_template (self->url_template, req->x, req->y, req->z);
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, url);

  if (msg == NULL)
    {
      fail (task, g_error_new (GA_ERROR, GA_ERROR_BAD_ARGUMENT,
                               _("“%s” is not a valid web address"), self->url_template));
      g_object_unref (task);
      return;
    }
  if (req->etag && req->cached)
    soup_message_headers_append (soup_message_get_request_headers (msg), "If-None-Match",
                                 req->etag);
  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_LOW,
                                    g_task_get_cancellable (task), on_sent_cb, task);
}

static void
on_cache_read_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  Request *req = g_task_get_task_data (task);
  g_autoptr(GDateTime) modtime = NULL;
  g_autoptr(GBytes) bytes = NULL;

  bytes = shumate_file_cache_get_tile_finish (SHUMATE_FILE_CACHE (object), &req->etag, &modtime,
                                              result, NULL);
  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  if (bytes && g_bytes_get_size (bytes) > 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      gboolean fresh = modtime
                       && g_date_time_difference (now, modtime) < CACHE_FRESH_SECONDS * G_TIME_SPAN_SECOND;

      if (fresh || !ga_network_available ())
        {
          deliver (task, bytes);
          g_object_unref (task);
          return;
        }
      req->cached = g_steal_pointer (&bytes);
    }
  fetch (task);
}

static void
ga_http_source_get_tile_data_async (ShumateDataSource   *source,
                                    int                  x,
                                    int                  y,
                                    int                  zoom_level,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GaHttpSource *self = GA_HTTP_SOURCE (source);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Request *req = g_new0 (Request, 1);

  g_task_set_source_tag (task, ga_http_source_get_tile_data_async);
  req->x = x;
  req->y = y;
  req->z = zoom_level;
  g_task_set_task_data (task, req, request_free);
  shumate_file_cache_get_tile_async (self->cache, x, y, zoom_level, cancellable,
                                     on_cache_read_cb, task);
}

static GBytes *
ga_http_source_get_tile_data_finish (ShumateDataSource  *source,
                                     GAsyncResult       *result,
                                     GError            **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
ga_http_source_dispose (GObject *object)
{
  GaHttpSource *self = GA_HTTP_SOURCE (object);

  if (self->session)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  g_clear_object (&self->cache);
  G_OBJECT_CLASS (ga_http_source_parent_class)->dispose (object);
}

static void
ga_http_source_finalize (GObject *object)
{
  GaHttpSource *self = GA_HTTP_SOURCE (object);

  g_free (self->url_template);
  G_OBJECT_CLASS (ga_http_source_parent_class)->finalize (object);
}

static void
ga_http_source_class_init (GaHttpSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateDataSourceClass *source_class = SHUMATE_DATA_SOURCE_CLASS (klass);

  object_class->dispose = ga_http_source_dispose;
  object_class->finalize = ga_http_source_finalize;
  source_class->get_tile_data_async = ga_http_source_get_tile_data_async;
  source_class->get_tile_data_finish = ga_http_source_get_tile_data_finish;
  ga_tile_source_class_add_signals (object_class);
}

static void
ga_http_source_init (GaHttpSource *self)
{
}

GaHttpSource *
ga_http_source_new (const char *url_template,
                    const char *cache_key)
{
  GaHttpSource *self;
  g_autofree char *cache_dir = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (url_template != NULL, NULL);
  g_return_val_if_fail (cache_key != NULL, NULL);

  self = g_object_new (GA_TYPE_HTTP_SOURCE, NULL);
  self->url_template = g_strdup (url_template);
  self->session = soup_session_new_with_options ("user-agent", GA_USER_AGENT,
                                                 "max-conns", 4,
                                                 "max-conns-per-host", 2,
                                                 "timeout", TIMEOUT_SECONDS,
                                                 "idle-timeout", 60,
                                                 NULL);
  cache_dir = g_build_filename (g_get_user_cache_dir (), "green-atlas", "tiles", NULL);
  key = g_strcanon (g_strdup (cache_key),
                    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.", '_');
  self->cache = shumate_file_cache_new_full (CACHE_SIZE_LIMIT, key, cache_dir);
  return self;
}
