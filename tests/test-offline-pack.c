/* test-offline-pack.c — offline packs from a loopback tile server started here
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server (on this thread's main loop) serves coloured PNG tiles, a 404 for some, a 500
 * for one, a cut-off PNG for one and an HTML page for one, and counts how many requests are
 * open at once.
 */
#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ga-basemap.h"
#include "ga-error.h"
#include "ga-mbtiles.h"
#include "ga-offline-pack.h"

#include "ga-test-util.h"

typedef struct
{
  SoupServer *server;
  char       *url;          /* template */
  guint       delay_ms;     /* how long each answer is held back */
  int         requests;
  int         in_flight;
  int         max_in_flight;
  GPtrArray  *user_agents;
} TileServer;

typedef struct
{
  char       *dir;
  TileServer  ts;
  GMainLoop  *loop;
  GAsyncResult *result;
  guint64     last_done, last_total, last_bytes;
  int         progress_calls;
  gboolean    progress_on_main;
  GThread    *main_thread;
  GCancellable *cancellable;
  int         cancel_after;  /* cancel once the server has seen this many requests */
} Fixture;

/* ---- tiles ---- */

static void
tile_colour (int z, int x, int y, int rgb[3])
{
  rgb[0] = 20 + 50 * x % 230;
  rgb[1] = 20 + 50 * y % 230;
  rgb[2] = 40 * z;
}

static GBytes *
make_png (int z, int x, int y)
{
  GByteArray *buf = g_byte_array_new ();
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 256, 256);
  cairo_t *cr = cairo_create (s);
  int rgb[3];

  tile_colour (z, x, y, rgb);
  cairo_set_source_rgb (cr, rgb[0] / 255.0, rgb[1] / 255.0, rgb[2] / 255.0);
  cairo_paint (cr);
  /* some detail so that the PNG is not trivially small */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_move_to (cr, 10, 10);
  cairo_line_to (cr, 200, 90);
  cairo_stroke (cr);
  cairo_destroy (cr);
  cairo_surface_write_to_png_stream (s, ga_test_png_append_cb, buf);
  cairo_surface_destroy (s);
  return g_byte_array_free_to_bytes (buf);
}

static void
assert_tile (GaMbtiles *mb, int z, int x, int y)
{
  g_autoptr(GBytes) tile = ga_mbtiles_get_tile (mb, z, x, y, NULL);
  cairo_surface_t *s;
  guint32 v;
  int rgb[3];

  if (tile == NULL)
    g_error ("tile %d/%d/%d missing from the pack", z, x, y);
  s = ga_test_png_decode (tile);
  g_assert_cmpint (cairo_surface_status (s), ==, CAIRO_STATUS_SUCCESS);
  v = *(guint32 *) (void *) (cairo_image_surface_get_data (s) +
                             200 * cairo_image_surface_get_stride (s) + 128 * 4);
  tile_colour (z, x, y, rgb);
  g_assert_cmpint ((v >> 16) & 0xff, ==, rgb[0]);
  g_assert_cmpint ((v >> 8) & 0xff, ==, rgb[1]);
  g_assert_cmpint (v & 0xff, ==, rgb[2]);
  cairo_surface_destroy (s);
}

/* ---- the server ---- */

typedef struct
{
  TileServer        *ts;
  SoupServerMessage *msg;
  int                z, x, y;
} Pending;

static gboolean
answer_cb (gpointer data)
{
  Pending *p = data;
  SoupServerMessage *msg = p->msg;
  int z = p->z, x = p->x, y = p->y;

  if (z == 3 && ((x == 3 && y == 3) || (x == 4 && y == 4)))
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
  else if (z == 2 && x == 1 && y == 1)
    soup_server_message_set_status (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
  else if (z == 2 && x == 2 && y == 2)
    {
      /* a PNG cut off half way, sent as a complete 200 answer */
      g_autoptr(GBytes) png = make_png (z, x, y);
      gsize half = g_bytes_get_size (png) / 2;

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (png, NULL), half);
    }
  else if (z == 1 && x == 0 && y == 0)
    {
      const char *html = "<html><body>Over quota</body></html>";

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, html,
                                        strlen (html));
    }
  else
    {
      g_autoptr(GBytes) png = make_png (z, x, y);

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (png, NULL), g_bytes_get_size (png));
    }

  p->ts->in_flight--;
  soup_server_message_unpause (msg);
  g_object_unref (msg);
  g_free (p);
  return G_SOURCE_REMOVE;
}

static void
handler_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  TileServer *ts = user_data;
  const char *ua = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                 "User-Agent");
  Pending *p = g_new0 (Pending, 1);

  ts->requests++;
  g_ptr_array_add (ts->user_agents, g_strdup (ua ? ua : "(none)"));
  p->ts = ts;
  p->msg = g_object_ref (msg);
  if (sscanf (path, "/tiles/%d/%d/%d.png", &p->z, &p->x, &p->y) != 3)
    p->z = -1;

  ts->in_flight++;
  ts->max_in_flight = MAX (ts->max_in_flight, ts->in_flight);
  soup_server_message_pause (msg);
  g_timeout_add (ts->delay_ms, answer_cb, p);
}

static void
server_start (TileServer *ts, guint delay_ms)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;
  GUri *uri;

  ts->delay_ms = delay_ms;
  ts->user_agents = g_ptr_array_new_with_free_func (g_free);
  ts->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (ts->server, NULL, handler_cb, ts, NULL);
  soup_server_listen_local (ts->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (ts->server);
  g_assert_nonnull (uris);
  uri = uris->data;
  ts->url = g_strdup_printf ("http://127.0.0.1:%d/tiles/{z}/{x}/{y}.png", g_uri_get_port (uri));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
}

static void
server_stop (TileServer *ts)
{
  /* answer what is still held back (after a cancel) before the server goes */
  while (ts->in_flight > 0)
    g_main_context_iteration (NULL, TRUE);
  if (ts->server != NULL)
    soup_server_disconnect (ts->server);
  g_clear_object (&ts->server);
  g_clear_pointer (&ts->user_agents, g_ptr_array_unref);
  g_clear_pointer (&ts->url, g_free);
}

/* ---- fixture ---- */

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->dir = g_dir_make_tmp ("ga-offline-pack-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->loop = g_main_loop_new (NULL, FALSE);
  f->main_thread = g_thread_self ();
  f->progress_on_main = TRUE;
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  server_stop (&f->ts);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_clear_object (&f->result);
  g_clear_object (&f->cancellable);
  g_main_loop_unref (f->loop);
}

static void
progress_cb (guint64 done, guint64 total, guint64 bytes, gpointer user_data)
{
  Fixture *f = user_data;

  if (g_thread_self () != f->main_thread)
    f->progress_on_main = FALSE;
  g_assert_cmpuint (done, >=, f->last_done);
  g_assert_cmpuint (done, <=, total);
  f->last_done = done;
  f->last_total = total;
  f->last_bytes = bytes;
  f->progress_calls++;
}

static void
done_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  Fixture *f = user_data;

  f->result = g_object_ref (result);
  g_main_loop_quit (f->loop);
}

static gboolean
maybe_cancel_cb (gpointer data)
{
  Fixture *f = data;

  if (f->ts.requests >= f->cancel_after)
    {
      g_cancellable_cancel (f->cancellable);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* Downloads the 13 tiles of zooms 0..3 around (0, 0) into @name. */
static void
download (Fixture *f, GaBasemap *source, const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  guint timeout = g_timeout_add_seconds (60, (GSourceFunc) g_main_loop_quit, f->loop);

  f->last_done = 0;

  ga_offline_pack_download_async (source, -1, -1, 1, 1, 0, 3, path, f->cancellable,
                                  progress_cb, f, done_cb, f);
  g_main_loop_run (f->loop);
  g_source_remove (timeout);
  g_assert_nonnull (f->result);
}

static gboolean
exists (Fixture *f, const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* ---- tests ---- */

static void
test_download (Fixture *f, gconstpointer data)
{
  g_autoptr(GaBasemap) source = NULL;
  g_autoptr(GaMbtiles) mb = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "pack.mbtiles", NULL);
  const GaMbtilesInfo *info;
  guint64 saved = 0, failed = 0;

  server_start (&f->ts, 15);
  source = ga_basemap_new_xyz ("test", "Test tiles", f->ts.url, "© Test tile makers",
                               0, 18, 256, 100);
  g_assert_true (ga_offline_pack_check (source, -1, -1, 1, 1, 0, 3, &error));
  g_assert_no_error (error);

  download (f, source, "pack.mbtiles");
  g_assert_true (ga_offline_pack_download_finish_full (f->result, &saved, &failed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (saved, ==, 8);
  g_assert_cmpuint (failed, ==, 5);

  /* polite: every request named us, never more than two at a time */
  g_assert_cmpint (f->ts.requests, ==, 13);
  for (guint i = 0; i < f->ts.user_agents->len; i++)
    g_assert_cmpstr (g_ptr_array_index (f->ts.user_agents, i), ==, GA_USER_AGENT);
  g_test_message ("most requests open at once: %d", f->ts.max_in_flight);
  g_assert_cmpint (f->ts.max_in_flight, >=, 1);
  g_assert_cmpint (f->ts.max_in_flight, <=, 2);

  /* progress arrived on this thread and ended complete */
  g_assert_true (f->progress_on_main);
  g_assert_cmpint (f->progress_calls, >=, 2);
  g_assert_cmpuint (f->last_total, ==, 13);
  g_assert_cmpuint (f->last_done, ==, 13);
  g_assert_cmpuint (f->last_bytes, >, 8 * 100);

  g_assert_false (exists (f, "pack.mbtiles.partial"));
  mb = ga_mbtiles_open (path, &error);
  g_assert_no_error (error);
  info = ga_mbtiles_get_info (mb);
  g_assert_cmpstr (info->name, ==, "Test tiles (offline)");
  g_assert_cmpstr (info->attribution, ==, "© Test tile makers");
  g_assert_cmpstr (info->format, ==, "png");
  g_assert_cmpint (info->min_zoom, ==, 0);
  g_assert_cmpint (info->max_zoom, ==, 3);
  g_assert_true (info->has_bounds);
  /* ±1 m around (0, 0) */
  g_assert_cmpfloat (info->bounds[0], <, 0);
  g_assert_cmpfloat (info->bounds[0], >, -0.0001);
  g_assert_cmpfloat (info->bounds[3], >, 0);
  g_assert_cmpfloat (info->bounds[3], <, 0.0001);

  /* the good tiles, with the right colours (a TMS flip would swap them) */
  assert_tile (mb, 0, 0, 0);
  assert_tile (mb, 1, 1, 0);
  assert_tile (mb, 1, 0, 1);
  assert_tile (mb, 1, 1, 1);
  assert_tile (mb, 2, 1, 2);
  assert_tile (mb, 2, 2, 1);
  assert_tile (mb, 3, 3, 4);
  assert_tile (mb, 3, 4, 3);
  /* the failures were skipped */
  g_assert_null (ga_mbtiles_get_tile (mb, 1, 0, 0, NULL)); /* HTML */
  g_assert_null (ga_mbtiles_get_tile (mb, 2, 1, 1, NULL)); /* 500 */
  g_assert_null (ga_mbtiles_get_tile (mb, 2, 2, 2, NULL)); /* cut off */
  g_assert_null (ga_mbtiles_get_tile (mb, 3, 3, 3, NULL)); /* 404 */
  g_assert_null (ga_mbtiles_get_tile (mb, 3, 4, 4, NULL)); /* 404 */
}

static void
test_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(GaBasemap) osm_like = NULL;
  g_autoptr(GaBasemap) small = NULL;
  g_autoptr(GError) error = NULL;

  server_start (&f->ts, 1);

  /* limit 0: OpenStreetMap's policy */
  osm_like = ga_basemap_new_xyz ("osm", "OpenStreetMap", f->ts.url,
                                 "© OpenStreetMap contributors", 0, 19, 256, 0);
  g_assert_false (ga_offline_pack_check (osm_like, -1, -1, 1, 1, 0, 3, &error));
  g_assert_error (error, GA_ERROR, GA_ERROR_UNSUPPORTED);
  g_assert_cmpstr (error->message, ==,
                   "OpenStreetMap’s tile usage policy does not allow downloading areas for "
                   "offline use. Choose another basemap, such as OpenTopoMap.");
  g_clear_error (&error);

  download (f, osm_like, "osm.mbtiles");
  g_assert_false (ga_offline_pack_download_finish (f->result, &error));
  g_assert_error (error, GA_ERROR, GA_ERROR_UNSUPPORTED);
  g_assert_cmpstr (error->message, ==,
                   "OpenStreetMap’s tile usage policy does not allow downloading areas for "
                   "offline use. Choose another basemap, such as OpenTopoMap.");
  g_clear_error (&error);
  g_clear_object (&f->result);
  g_assert_false (exists (f, "osm.mbtiles"));
  g_assert_cmpint (f->ts.requests, ==, 0);

  /* a limit of 5 for 13 tiles */
  small = ga_basemap_new_xyz ("small", "Small server", f->ts.url, NULL, 0, 19, 256, 5);
  download (f, small, "small.mbtiles");
  g_assert_false (ga_offline_pack_download_finish (f->result, &error));
  g_assert_error (error, GA_ERROR, GA_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "13 tiles"));
  g_assert_nonnull (strstr (error->message, "Small server"));
  g_assert_false (exists (f, "small.mbtiles"));
  g_assert_cmpint (f->ts.requests, ==, 0);

  /* a local file is not downloaded */
  {
    g_autoptr(GaBasemap) none = ga_basemap_new_none ();

    g_clear_error (&error);
    g_assert_false (ga_offline_pack_check (none, -1, -1, 1, 1, 0, 3, &error));
    g_assert_error (error, GA_ERROR, GA_ERROR_UNSUPPORTED);
  }
}

static void
test_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr(GaBasemap) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *old = NULL;
  g_autofree char *path = g_build_filename (f->dir, "keep.mbtiles", NULL);
  g_autofree char *before = NULL, *after = NULL;
  gsize before_len, after_len;

  server_start (&f->ts, 100);
  source = ga_basemap_new_xyz ("slow", "Slow server", f->ts.url, NULL, 0, 19, 256, 100);

  /* new file: cancelled after the third request */
  f->cancellable = g_cancellable_new ();
  f->cancel_after = 3;
  g_timeout_add (5, maybe_cancel_cb, f);
  download (f, source, "fresh.mbtiles");
  g_assert_false (ga_offline_pack_download_finish (f->result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (f->ts.requests, <, 13);
  g_assert_false (exists (f, "fresh.mbtiles"));
  g_assert_false (exists (f, "fresh.mbtiles.partial"));

  /* an existing pack of that name stays as it was */
  g_assert_true (g_file_set_contents (path, "an older pack", -1, NULL));
  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));
  g_clear_error (&error);
  g_clear_object (&f->result);
  g_clear_object (&f->cancellable);
  f->cancellable = g_cancellable_new ();
  f->cancel_after = f->ts.requests + 2;
  g_timeout_add (5, maybe_cancel_cb, f);
  download (f, source, "keep.mbtiles");
  g_assert_false (ga_offline_pack_download_finish (f->result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
  g_assert_false (exists (f, "keep.mbtiles.partial"));
}

static void
test_unreachable (Fixture *f, gconstpointer data)
{
  g_autoptr(GaBasemap) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  int port;

  /* a port nobody listens on: start a server to learn a free port, then stop it */
  server_start (&f->ts, 1);
  port = atoi (strrchr (strstr (f->ts.url, "127.0.0.1:"), ':') + 1);
  server_stop (&f->ts);
  url = g_strdup_printf ("http://127.0.0.1:%d/tiles/{z}/{x}/{y}.png", port);

  source = ga_basemap_new_xyz ("gone", "Gone server", url, NULL, 0, 19, 256, 100);
  download (f, source, "gone.mbtiles");
  g_assert_false (ga_offline_pack_download_finish (f->result, &error));
  g_assert_error (error, GA_ERROR, GA_ERROR_FAILED);
  g_assert_true (g_str_has_prefix (error->message,
                                   "No tiles could be downloaded from Gone server"));
  g_assert_false (exists (f, "gone.mbtiles"));
  g_assert_false (exists (f, "gone.mbtiles.partial"));
}

int
main (int argc, char *argv[])
{
  g_autofree char *cache = g_dir_make_tmp ("ga-offline-pack-cache-XXXXXX", NULL);

  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_setenv ("no_proxy", "127.0.0.1,localhost", TRUE);
  g_setenv ("NO_PROXY", "127.0.0.1,localhost", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/offline-pack/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("download", test_download);
  ADD ("refused", test_refused);
  ADD ("cancel", test_cancel);
  ADD ("unreachable", test_unreachable);
#undef ADD

  {
    int status = g_test_run ();

    /* GIO may have left a dconf folder here */
    ga_test_remove_tree (cache);
    return status;
  }
}
