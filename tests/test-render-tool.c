/* test-render-tool.c — runs the built green-atlas-render on fixtures written here
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ga-layer-store.h"
#include "ga-mbtiles.h"
#include "ga-reader.h"
#include "ga-style.h"

#include "ga-test-util.h"

typedef struct
{
  char *dir;
  char *tool;
} Fixture;

typedef struct
{
  int status;  /* exit code, or -1 if it did not exit normally */
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static char *
find_tool (void)
{
  /* G_TEST_BUILDDIR (set by meson) or the directory of this test binary */
  g_autofree char *built = g_test_build_filename (G_TEST_BUILT, "..", "app", "export",
                                                  "green-atlas-render", NULL);
  /* absolute: the tool runs in a temporary working directory */
  char *path = g_canonicalize_filename (built, NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
    g_clear_pointer (&path, g_free);
  return path;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->tool = find_tool ();
  f->dir = g_dir_make_tmp ("ga-render-tool-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  ga_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->tool);
}

static gboolean
skip_without_tool (Fixture *f)
{
  if (f->tool == NULL)
    {
      g_test_skip ("green-atlas-render is not built (the reader is missing)");
      return TRUE;
    }
  return FALSE;
}

/* Runs the tool with a NULL-terminated list of arguments. */
static void
run_tool (Fixture    *f,
          Run        *run,
          const char *first,
          ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  va_list ap;
  int wait_status = 0;

  g_ptr_array_add (argv, f->tool);
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  /* English messages whatever the machine's locale; no display needed */
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_unsetenv (envp, "LANGUAGE");
  envp = g_environ_setenv (envp, "no_proxy", "127.0.0.1,localhost", TRUE);
  envp = g_environ_setenv (envp, "NO_PROXY", "127.0.0.1,localhost", TRUE);
  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");

  g_spawn_sync (f->dir, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  if (g_spawn_check_wait_status (wait_status, &error))
    run->status = 0;
  else if (error->domain == G_SPAWN_EXIT_ERROR)
    run->status = error->code;
  else
    run->status = -1;
  g_test_message ("exit %d\nstdout: %s\nstderr: %s", run->status, run->out, run->err);
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static char *
write_square (Fixture    *f,
              const char *name,
              double      lon0,
              double      lat0,
              double      lon1,
              double      lat1)
{
  g_autofree char *json = NULL;
  char a[4][G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (a[0], sizeof a[0], "%.6f", lon0);
  g_ascii_formatd (a[1], sizeof a[1], "%.6f", lat0);
  g_ascii_formatd (a[2], sizeof a[2], "%.6f", lon1);
  g_ascii_formatd (a[3], sizeof a[3], "%.6f", lat1);
  json = g_strdup_printf (
    "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
    "\"properties\":{\"name\":\"Suan %s\"},\"geometry\":{\"type\":\"Polygon\","
    "\"coordinates\":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}}]}",
    name, a[0], a[1], a[2], a[1], a[2], a[3], a[0], a[3], a[0], a[1]);
  return write_file (f, name, json);
}

static void
assert_one_line (const char *text)
{
  g_assert_nonnull (text);
  g_assert_true (g_str_has_prefix (text, "green-atlas-render: "));
  g_assert_true (g_str_has_suffix (text, "\n"));
  g_assert_null (strchr (text, '\n') == text + strlen (text) - 1 ? NULL : "more than one line");
}

typedef struct
{
  int r, g, b, a;
} Pixel;

static Pixel
png_pixel (cairo_surface_t *png,
           int              x,
           int              y)
{
  const unsigned char *data = cairo_image_surface_get_data (png);
  guint32 v = *(const guint32 *) (const void *) (data + y * cairo_image_surface_get_stride (png) + x * 4);
  Pixel p = { (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff, v >> 24 };

  if (cairo_image_surface_get_format (png) == CAIRO_FORMAT_RGB24)
    p.a = 255;
  return p;
}

static void
assert_png_pixel (cairo_surface_t *png,
                  int              x,
                  int              y,
                  double           r,
                  double           g,
                  double           b,
                  int              tolerance)
{
  Pixel p = png_pixel (png, x, y);

  if (ABS (p.r - lround (r)) > tolerance || ABS (p.g - lround (g)) > tolerance ||
      ABS (p.b - lround (b)) > tolerance || p.a != 255)
    g_error ("PNG pixel (%d,%d) is rgba(%d,%d,%d,%d), expected rgb(%.0f,%.0f,%.0f) ± %d",
             x, y, p.r, p.g, p.b, p.a, r, g, b, tolerance);
}

/* The colour the default polygon symbol gives palette colour @index over @under. */
static void
fill_over (guint   index,
           double *rgb)
{
  guint c = ga_palette_color (index);
  double col[3] = { (c >> 16) & 0xff, (c >> 8) & 0xff, c & 0xff };

  for (int i = 0; i < 3; i++)
    rgb[i] = col[i] * 0.5 + rgb[i] * 0.5; /* opaque fill composited at half alpha */
}

/* libshumate's world-pixel maths */
static void
world_px (double lon, double lat, double *x, double *y)
{
  *x = (lon + 180.0) / 360.0;
  *y = (1.0 - asinh (tan (lat * G_PI / 180.0)) / G_PI) / 2.0;
}

/* ---- tests ---- */

static void
test_render_polygon (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *input = NULL;
  g_autofree char *output = NULL;
  g_auto(Run) run = { 0 };
  cairo_surface_t *png;
  double white_fill[3] = { 255, 255, 255 };

  if (skip_without_tool (f))
    return;

  input = write_square (f, "park.geojson", 100.50, 13.74, 100.52, 13.76);
  output = g_build_filename (f->dir, "out.png", NULL);
  run_tool (f, &run, "--plain", "--size", "400x300", "-o", output, input, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");

  png = cairo_image_surface_create_from_png (output);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, 400);
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, 300);

  /* the centre is the polygon's fill over white; the left edge is background white */
  fill_over (0, white_fill);
  assert_png_pixel (png, 200, 150, white_fill[0], white_fill[1], white_fill[2], 2);
  assert_png_pixel (png, 80, 150, white_fill[0], white_fill[1], white_fill[2], 2);
  assert_png_pixel (png, 2, 150, 255, 255, 255, 0);
  assert_png_pixel (png, 2, 2, 255, 255, 255, 0);
  cairo_surface_destroy (png);
}

/* Later inputs are drawn on top. */
static void
test_render_order (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *output = NULL;
  g_auto(Run) run = { 0 };
  cairo_surface_t *png;
  double both[3] = { 255, 255, 255 };
  double only_a[3] = { 255, 255, 255 };

  if (skip_without_tool (f))
    return;

  a = write_square (f, "a.geojson", 100.50, 13.74, 100.52, 13.76);
  b = write_square (f, "b.geojson", 100.51, 13.74, 100.53, 13.76);
  output = g_build_filename (f->dir, "order.png", NULL);
  run_tool (f, &run, "--plain", "--size", "300x100", "--extent", "100.49,13.73,100.54,13.77",
            "-o", output, a, b, NULL);
  g_assert_cmpint (run.status, ==, 0);

  png = cairo_image_surface_create_from_png (output);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  fill_over (0, only_a);
  fill_over (0, both);
  fill_over (1, both); /* b over a */
  /* x of lon 100.505 and 100.515 in a 300 px wide view of 100.49…100.54 (height-bound?) */
  {
    double x0, y0, x1, y1, xa, ya, xb, scale;

    world_px (100.49, 13.73, &x0, &y0);
    world_px (100.54, 13.77, &x1, &y1);
    scale = MIN (300.0 / (x1 - x0), 100.0 / (y0 - y1));
    world_px (100.505, 13.75, &xa, &ya);
    world_px (100.515, 13.75, &xb, &ya);
    assert_png_pixel (png, (int) (150 + (xa - (x0 + x1) / 2) * scale), 50,
                      only_a[0], only_a[1], only_a[2], 2);
    assert_png_pixel (png, (int) (150 + (xb - (x0 + x1) / 2) * scale), 50,
                      both[0], both[1], both[2], 2);
  }
  cairo_surface_destroy (png);
}

/* A point lands where libshumate's maths puts it in the --extent view. */
static void
test_render_extent_point (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *input = NULL;
  g_autofree char *output = NULL;
  g_auto(Run) run = { 0 };
  cairo_surface_t *png;
  double x0, y0, x1, y1, xp, yp, scale, px, py, sum = 0, sx = 0, sy = 0;
  guint c = ga_palette_color (0);

  if (skip_without_tool (f))
    return;

  input = write_file (f, "stop.geojson",
                      "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                      "\"properties\":{\"name\":\"Siam\"},\"geometry\":{\"type\":\"Point\","
                      "\"coordinates\":[100.5343,13.7456]}}]}");
  output = g_build_filename (f->dir, "point.png", NULL);
  run_tool (f, &run, "--plain", "--size", "640x480", "--extent", "100.50,13.72,100.56,13.77",
            "-o", output, input, NULL);
  g_assert_cmpint (run.status, ==, 0);

  world_px (100.50, 13.72, &x0, &y0);
  world_px (100.56, 13.77, &x1, &y1);
  world_px (100.5343, 13.7456, &xp, &yp);
  scale = MIN (640.0 / (x1 - x0), 480.0 / (y0 - y1));
  px = 320 + (xp - (x0 + x1) / 2) * scale;
  py = 240 + (yp - (y0 + y1) / 2) * scale;

  png = cairo_image_surface_create_from_png (output);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  assert_png_pixel (png, (int) px, (int) py, (c >> 16) & 0xff, (c >> 8) & 0xff, c & 0xff, 2);

  /* centroid of the non-white pixels (the dot and its white ring) */
  for (int y = (int) py - 10; y <= (int) py + 10; y++)
    for (int x = (int) px - 10; x <= (int) px + 10; x++)
      {
        Pixel p = png_pixel (png, x, y);
        double w = (765 - p.r - p.g - p.b) / 765.0;

        sum += w;
        sx += w * (x + 0.5);
        sy += w * (y + 0.5);
      }
  g_assert_cmpfloat (sum, >, 10);
  g_assert_cmpfloat_with_epsilon (sx / sum, px, 0.25);
  g_assert_cmpfloat_with_epsilon (sy / sum, py, 0.25);
  cairo_surface_destroy (png);
}

static void
test_info (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *input = NULL;
  g_auto(Run) run = { 0 };
  g_autofree char *png = NULL;

  if (skip_without_tool (f))
    return;

  input = write_square (f, "park.geojson", 100.50, 13.74, 100.52, 13.76);
  run_tool (f, &run, "--info", input, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Layer: "));
  g_assert_nonnull (strstr (run.out, "  Geometry: polygon\n"));
  g_assert_nonnull (strstr (run.out, "  Features: 1\n"));
  g_assert_nonnull (strstr (run.out, "  CRS: "));
  g_assert_nonnull (strstr (run.out, "4326"));
  g_assert_nonnull (strstr (run.out, "  Encoding: "));
  g_assert_nonnull (strstr (run.out, "  Extent (lon/lat): 100.500000, 13.740000, 100.520000, 13.760000\n"));
  /* draws nothing */
  png = g_build_filename (f->dir, "park.png", NULL);
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
}

static void
test_missing_file (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *output = NULL;

  if (skip_without_tool (f))
    return;

  output = g_build_filename (f->dir, "never.png", NULL);
  run_tool (f, &run, "-o", output, "no-such-parks.shp", NULL);
  g_assert_cmpint (run.status, !=, 0);
  assert_one_line (run.err);
  g_assert_nonnull (strstr (run.err, "no-such-parks.shp"));
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
}

static void
test_bad_arguments (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *input = NULL;

  if (skip_without_tool (f))
    return;

  input = write_square (f, "park.geojson", 100.50, 13.74, 100.52, 13.76);
  {
    g_auto(Run) run = { 0 };

    run_tool (f, &run, "--size", "big", "-o", "x.png", input, NULL);
    g_assert_cmpint (run.status, !=, 0);
    assert_one_line (run.err);
    g_assert_nonnull (strstr (run.err, "--size"));
  }
  {
    g_auto(Run) run = { 0 };

    run_tool (f, &run, "--extent", "1,2,3", "-o", "x.png", input, NULL);
    g_assert_cmpint (run.status, !=, 0);
    assert_one_line (run.err);
    g_assert_nonnull (strstr (run.err, "--extent"));
  }
  {
    g_auto(Run) run = { 0 };

    run_tool (f, &run, input, NULL);
    g_assert_cmpint (run.status, !=, 0);
    assert_one_line (run.err);
    g_assert_nonnull (strstr (run.err, "-o"));
  }
  {
    g_auto(Run) run = { 0 };

    run_tool (f, &run, "--basemap", "https://example.invalid/tiles.png", "-o", "x.png", input,
              NULL);
    g_assert_cmpint (run.status, !=, 0);
    assert_one_line (run.err);
    g_assert_nonnull (strstr (run.err, "{z}"));
  }
  {
    g_auto(Run) run = { 0 };

    run_tool (f, &run, "-o", "/nonexistent-dir/map.png", input, NULL);
    g_assert_cmpint (run.status, !=, 0);
    assert_one_line (run.err);
    g_assert_nonnull (strstr (run.err, "/nonexistent-dir/map.png"));
  }
}

/* UTM 47N coordinates in a CSV, which declares no CRS. */
static void
test_no_crs (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *input = NULL;
  g_autofree char *output = NULL;

  if (skip_without_tool (f))
    return;

  input = write_file (f, "stations.csv",
                      "name,x,y\n"
                      "Siam,666085.55,1518062.57\n"
                      "Chit Lom,667200.00,1518100.00\n");
  output = g_build_filename (f->dir, "stations.png", NULL);
  {
    g_auto(Run) run = { 0 };

    run_tool (f, &run, "-o", output, input, NULL);
    g_assert_cmpint (run.status, !=, 0);
    assert_one_line (run.err);
    g_assert_nonnull (strstr (run.err, "stations.csv"));
    g_assert_nonnull (strstr (run.err, "--crs"));
  }
  {
    g_auto(Run) run = { 0 };

    run_tool (f, &run, "--crs", "EPSG:32647", "--size", "200x200", "-o", output, input, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_file_test (output, G_FILE_TEST_EXISTS));
  }
  {
    g_auto(Run) run = { 0 };

    /* E 666085.55 N 1518062.57 in UTM 47N is 100.536000 E 13.727000 N */
    run_tool (f, &run, "--crs", "EPSG:32647", "--info", input, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Extent (lon/lat): 100.536000, 13.72"));
    g_assert_nonnull (strstr (run.out, "32647"));
  }
}

static void
test_timings (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *input = NULL;
  g_autofree char *output = NULL;
  g_auto(Run) run = { 0 };

  if (skip_without_tool (f))
    return;

  input = write_square (f, "park.geojson", 100.50, 13.74, 100.52, 13.76);
  output = g_build_filename (f->dir, "t.png", NULL);
  run_tool (f, &run, "--timings", "--size", "64x64", "-o", output, input, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_regex_match_simple ("^load: [0-9.]+ ms \\(CPU [0-9.]+ ms\\)$", run.err,
                                       G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^render: [0-9.]+ ms \\(CPU [0-9.]+ ms\\)$", run.err,
                                       G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^write: [0-9.]+ ms \\(CPU [0-9.]+ ms\\)$", run.err,
                                       G_REGEX_MULTILINE, 0));
}


/* ---- a loopback tile server: every tile is one flat colour derived from z/x/y ---- */

typedef struct
{
  GSocket *socket;
  guint16 port;
  GThread *thread;
  gint requests;
  gboolean stop;
} TileServer;

static void
tile_colour (int z, int x, int y, int *r, int *g, int *b)
{
  *r = 30 + (x * 37) % 200;
  *g = 30 + (y * 53) % 200;
  *b = 10 * z;
}

static cairo_status_t
append_bytes_cb (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
serve_one (TileServer *server, GSocket *client)
{
  char buf[4096];
  gssize n;
  int z, x, y, r, g, b;
  g_autoptr(GByteArray) body = g_byte_array_new ();
  g_autofree char *header = NULL;
  cairo_surface_t *tile;
  cairo_t *cr;

  n = g_socket_receive (client, buf, sizeof buf - 1, NULL, NULL);
  if (n <= 0)
    return;
  buf[n] = '\0';
  if (sscanf (buf, "GET /%d/%d/%d.png", &z, &x, &y) != 3)
    {
      const char *nf = "HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
      g_socket_send (client, nf, strlen (nf), NULL, NULL);
      return;
    }
  g_atomic_int_inc (&server->requests);

  tile_colour (z, x, y, &r, &g, &b);
  tile = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 256, 256);
  cr = cairo_create (tile);
  cairo_set_source_rgb (cr, r / 255.0, g / 255.0, b / 255.0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_write_to_png_stream (tile, append_bytes_cb, body);
  cairo_surface_destroy (tile);

  header = g_strdup_printf ("HTTP/1.0 200 OK\r\nContent-Type: image/png\r\n"
                            "Content-Length: %u\r\nConnection: close\r\n\r\n", body->len);
  g_socket_send (client, header, strlen (header), NULL, NULL);
  for (guint off = 0; off < body->len;)
    {
      gssize sent = g_socket_send (client, (const char *) body->data + off, body->len - off,
                                   NULL, NULL);
      if (sent <= 0)
        break;
      off += sent;
    }
}

static gpointer
server_thread (gpointer data)
{
  TileServer *server = data;

  while (!g_atomic_int_get (&server->stop))
    {
      g_autoptr(GSocket) client = g_socket_accept (server->socket, NULL, NULL);

      if (client == NULL || g_atomic_int_get (&server->stop))
        break;
      serve_one (server, client);
      g_socket_shutdown (client, FALSE, TRUE, NULL);
      g_socket_close (client, NULL);
    }
  return NULL;
}

static void
tile_server_start (TileServer *server)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) addr = g_inet_socket_address_new (lo, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  server->socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (server->socket, addr, TRUE, &error);
  g_assert_no_error (error);
  g_socket_listen (server->socket, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (server->socket, &error);
  g_assert_no_error (error);
  server->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  server->thread = g_thread_new ("tile-server", server_thread, server);
}

static void
tile_server_stop (TileServer *server)
{
  g_autoptr(GSocketClient) poke = g_socket_client_new ();
  g_autoptr(GSocketConnection) conn = NULL;

  g_atomic_int_set (&server->stop, TRUE);
  /* wake the blocking accept */
  conn = g_socket_client_connect_to_host (poke, "127.0.0.1", server->port, NULL, NULL);
  if (conn)
    g_io_stream_close (G_IO_STREAM (conn), NULL, NULL);
  g_thread_join (server->thread);
  g_socket_close (server->socket, NULL);
  g_clear_object (&server->socket);
}

static void
test_basemap (Fixture       *f,
              gconstpointer  data)
{
  TileServer server = { 0 };
  g_autofree char *input = NULL;
  g_autofree char *output = NULL;
  g_autofree char *url = NULL;
  g_auto(Run) run = { 0 };
  cairo_surface_t *png;
  double x0, y0, x1, y1, scale, zoom, world;
  int level, tx, ty, r, g, b;
  double cx, cy, px, py;

  if (skip_without_tool (f))
    return;

  input = write_square (f, "park.geojson", 100.500, 13.740, 100.502, 13.742);
  output = g_build_filename (f->dir, "basemap.png", NULL);
  tile_server_start (&server);
  url = g_strdup_printf ("http://127.0.0.1:%u/{z}/{x}/{y}.png", server.port);
  run_tool (f, &run, "--basemap", url, "--size", "600x400", "--extent",
            "100.45,13.70,100.60,13.80", "-o", output, input, NULL);
  tile_server_stop (&server);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpint (server.requests, >, 0);

  /* the view's zoom, as libshumate's maths gives it for this extent */
  world_px (100.45, 13.70, &x0, &y0);
  world_px (100.60, 13.80, &x1, &y1);
  scale = MIN (600.0 / (x1 - x0), 400.0 / (y0 - y1)); /* image px per world unit */
  zoom = log2 (scale / 256.0);
  level = (int) lround (zoom);
  world = 256.0 * exp2 (level);
  /* the middle of the tile under the image centre, back in image pixels */
  cx = (x0 + x1) / 2;
  cy = (y0 + y1) / 2;
  tx = (int) floor (cx * exp2 (level));
  ty = (int) floor (cy * exp2 (level));
  px = 300 + ((tx + 0.5) * 256.0 / world - cx) * scale;
  py = 200 + ((ty + 0.5) * 256.0 / world - cy) * scale;
  tile_colour (level, tx, ty, &r, &g, &b);

  png = cairo_image_surface_create_from_png (output);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  assert_png_pixel (png, (int) px, (int) py, r, g, b, 1);
  /* one tile to the right */
  tile_colour (level, tx + 1, ty, &r, &g, &b);
  assert_png_pixel (png, (int) (px + 256.0 / world * scale), (int) py, r, g, b, 1);
  cairo_surface_destroy (png);
}

/* ---- local basemaps (MBTiles) and --mbtiles ---- */

static cairo_status_t
collect_png_cb (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
solid_png (int r, int g, int b)
{
  GByteArray *buf = g_byte_array_new ();
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 256, 256);
  cairo_t *cr = cairo_create (s);

  cairo_set_source_rgb (cr, r / 255.0, g / 255.0, b / 255.0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_write_to_png_stream (s, collect_png_cb, buf);
  cairo_surface_destroy (s);
  return g_byte_array_free_to_bytes (buf);
}

/* Where the view of @lon0,@lat0,@lon1,@lat1 at @w x @h puts things: its tile level, the tile
 * under the centre, and the image position of that tile's middle. */
typedef struct
{
  int    level, tx, ty;
  double px, py;       /* image pixel of the middle of tile tx, ty */
  double tile_px;      /* image pixels per tile */
  double scale, cx, cy;
} ViewTiles;

static void
view_tiles (double lon0, double lat0, double lon1, double lat1, int w, int h, ViewTiles *v)
{
  double x0, y0, x1, y1, world;

  world_px (lon0, lat0, &x0, &y0);
  world_px (lon1, lat1, &x1, &y1);
  v->scale = MIN (w / (x1 - x0), h / (y0 - y1));
  v->level = (int) lround (log2 (v->scale / 256.0));
  world = 256.0 * exp2 (v->level);
  v->cx = (x0 + x1) / 2;
  v->cy = (y0 + y1) / 2;
  v->tx = (int) floor (v->cx * exp2 (v->level));
  v->ty = (int) floor (v->cy * exp2 (v->level));
  v->px = w / 2.0 + ((v->tx + 0.5) * 256.0 / world - v->cx) * v->scale;
  v->py = h / 2.0 + ((v->ty + 0.5) * 256.0 / world - v->cy) * v->scale;
  v->tile_px = 256.0 / world * v->scale;
}

/* An MBTiles of tiles coloured by tile_colour() around tile tx, ty of @level. */
static char *
write_basemap_mbtiles (Fixture *f, const char *name, const ViewTiles *v)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GaMbtilesWriter) writer = NULL;
  char *path = g_build_filename (f->dir, name, NULL);
  GaMbtilesInfo info = { 0 };

  info.name = (char *) "Test basemap";
  info.attribution = (char *) "© Test Basemap Makers";
  info.format = (char *) "png";
  info.min_zoom = v->level;
  info.max_zoom = v->level;
  writer = ga_mbtiles_writer_new (path, &info, &error);
  g_assert_no_error (error);
  for (int x = v->tx - 4; x <= v->tx + 4; x++)
    for (int y = v->ty - 4; y <= v->ty + 4; y++)
      {
        int r, g, b;
        g_autoptr(GBytes) png = NULL;

        tile_colour (v->level, x, y, &r, &g, &b);
        png = solid_png (r, g, b);
        g_assert_true (ga_mbtiles_writer_put (writer, v->level, x, y, png, &error));
      }
  g_assert_true (ga_mbtiles_writer_finish (writer, &error));
  g_assert_no_error (error);
  return path;
}

static void
test_basemap_mbtiles (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *input = NULL;
  g_autofree char *output = NULL;
  g_autofree char *mbtiles = NULL;
  g_auto(Run) run = { 0 };
  cairo_surface_t *png;
  ViewTiles v;
  double park[3];
  double xp, yp;
  int r, g, b, text_pixels = 0, halo_pixels = 0;

  if (skip_without_tool (f))
    return;

  view_tiles (100.45, 13.70, 100.60, 13.80, 600, 400, &v);
  mbtiles = write_basemap_mbtiles (f, "base.mbtiles", &v);
  input = write_square (f, "park.geojson", 100.500, 13.740, 100.510, 13.750);
  output = g_build_filename (f->dir, "mb.png", NULL);
  run_tool (f, &run, "--plain", "--basemap", mbtiles, "--size", "600x400", "--extent",
            "100.45,13.70,100.60,13.80", "-o", output, input, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");

  png = cairo_image_surface_create_from_png (output);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);

  /* the basemap's tiles, each where it belongs (a TMS mix-up would swap rows) */
  tile_colour (v.level, v.tx, v.ty, &r, &g, &b);
  assert_png_pixel (png, (int) v.px, (int) v.py, r, g, b, 1);
  tile_colour (v.level, v.tx + 1, v.ty, &r, &g, &b);
  assert_png_pixel (png, (int) (v.px + v.tile_px), (int) v.py, r, g, b, 1);
  tile_colour (v.level, v.tx, v.ty - 1, &r, &g, &b);
  assert_png_pixel (png, (int) v.px, (int) (v.py - v.tile_px), r, g, b, 1);

  /* the park on top, composited over the basemap colour under it */
  world_px (100.505, 13.745, &xp, &yp);
  {
    int ptx = (int) floor (xp * exp2 (v.level)), pty = (int) floor (yp * exp2 (v.level));
    int ix = (int) lround (300 + (xp - v.cx) * v.scale);
    int iy = (int) lround (200 + (yp - v.cy) * v.scale);

    tile_colour (v.level, ptx, pty, &r, &g, &b);
    park[0] = r;
    park[1] = g;
    park[2] = b;
    fill_over (0, park);
    assert_png_pixel (png, ix, iy, park[0], park[1], park[2], 2);
  }

  /* the attribution, bottom right: dark text and white halo over the tile colours */
  for (int y = 370; y < 400; y++)
    for (int x = 380; x < 600; x++)
      {
        Pixel p = png_pixel (png, x, y);

        if (p.r < 120 && p.g < 120 && p.b < 120)
          text_pixels++;
        else if (p.r > 220 && p.g > 220 && p.b > 220)
          halo_pixels++;
      }
  g_assert_cmpint (text_pixels, >, 20);
  g_assert_cmpint (halo_pixels, >, 20);
  /* and nothing of it in the bottom-left corner */
  tile_colour (v.level, (int) floor ((v.cx - 300 / v.scale) * exp2 (v.level)),
               (int) floor ((v.cy + 199 / v.scale) * exp2 (v.level)), &r, &g, &b);
  assert_png_pixel (png, 2, 397, r, g, b, 1);
  cairo_surface_destroy (png);
}

static void
test_basemap_optional (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *input = NULL;
  g_autofree char *output = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *notdb = NULL;
  double white_fill[3] = { 255, 255, 255 };

  if (skip_without_tool (f))
    return;

  input = write_square (f, "park.geojson", 100.50, 13.74, 100.52, 13.76);
  output = g_build_filename (f->dir, "opt.png", NULL);
  missing = g_build_filename (f->dir, "missing.mbtiles", NULL);
  notdb = write_file (f, "notes.mbtiles", "minutes of the meeting, not a map at all\n");

  /* required: fails with one line naming the file, writes nothing */
  {
    g_auto(Run) run = { 0 };

    run_tool (f, &run, "--basemap", missing, "--size", "400x300", "-o", output, input, NULL);
    g_assert_cmpint (run.status, !=, 0);
    assert_one_line (run.err);
    g_assert_nonnull (strstr (run.err, "missing.mbtiles"));
    g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
  }
  {
    g_auto(Run) run = { 0 };

    run_tool (f, &run, "--basemap", notdb, "--size", "400x300", "-o", output, input, NULL);
    g_assert_cmpint (run.status, !=, 0);
    g_assert_cmpstr (run.err, ==, "green-atlas-render: “notes.mbtiles” is not an MBTiles file "
                                  "(not an SQLite database).\n");
  }

  /* optional: one warning line, and the overlays alone */
  {
    g_auto(Run) run = { 0 };
    cairo_surface_t *png;

    run_tool (f, &run, "--plain", "--basemap", missing, "--basemap-optional", "--size",
              "400x300", "-o", output, input, NULL);
    g_assert_cmpint (run.status, ==, 0);
    assert_one_line (run.err);
    g_assert_nonnull (strstr (run.err, "warning"));
    g_assert_nonnull (strstr (run.err, "missing.mbtiles"));

    png = cairo_image_surface_create_from_png (output);
    g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
    fill_over (0, white_fill);
    assert_png_pixel (png, 200, 150, white_fill[0], white_fill[1], white_fill[2], 2);
    assert_png_pixel (png, 2, 2, 255, 255, 255, 0);
    /* no basemap, no attribution */
    assert_png_pixel (png, 395, 295, 255, 255, 255, 0);
    cairo_surface_destroy (png);
  }
}

static void
test_write_mbtiles (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *input = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GaMbtiles) mb = NULL;
  g_autoptr(GError) error = NULL;
  const GaMbtilesInfo *info;
  double xp, yp;

  if (skip_without_tool (f))
    return;

  input = write_square (f, "park.geojson", 100.50, 13.74, 100.52, 13.76);
  out = g_build_filename (f->dir, "parks.mbtiles", NULL);
  {
    g_auto(Run) run = { 0 };

    run_tool (f, &run, "--mbtiles", out, input, NULL);
    g_assert_cmpint (run.status, !=, 0);
    assert_one_line (run.err);
    g_assert_nonnull (strstr (run.err, "--zooms"));
  }
  {
    g_auto(Run) run = { 0 };

    run_tool (f, &run, "--mbtiles", out, "--zooms", "14-9", input, NULL);
    g_assert_cmpint (run.status, !=, 0);
    assert_one_line (run.err);
    g_assert_nonnull (strstr (run.err, "--zooms"));
  }
  {
    g_auto(Run) run = { 0 };

    run_tool (f, &run, "--mbtiles", out, "--zooms", "12-14", "--name", "Parks ภาพ",
              "--attribution", "© Parks office", input, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.err, ==, "");
  }

  mb = ga_mbtiles_open (out, &error);
  g_assert_no_error (error);
  info = ga_mbtiles_get_info (mb);
  g_assert_cmpstr (info->name, ==, "Parks ภาพ");
  g_assert_cmpstr (info->attribution, ==, "© Parks office");
  g_assert_cmpstr (info->format, ==, "png");
  g_assert_cmpint (info->min_zoom, ==, 12);
  g_assert_cmpint (info->max_zoom, ==, 14);

  /* the tile under the park's centre at each zoom decodes and shows the park there */
  world_px (100.51, 13.75, &xp, &yp);
  for (int z = 12; z <= 14; z++)
    {
      double n = exp2 (z);
      int tx = (int) floor (xp * n), ty = (int) floor (yp * n);
      int ix = (int) ((xp * n - tx) * 256), iy = (int) ((yp * n - ty) * 256);
      g_autoptr(GBytes) bytes = ga_mbtiles_get_tile (mb, z, tx, ty, &error);
      cairo_surface_t *tile;
      Pixel p;

      g_assert_no_error (error);
      g_assert_nonnull (bytes);
      tile = ga_test_png_decode (bytes);
      g_assert_cmpint (cairo_surface_status (tile), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_image_surface_get_width (tile), ==, 256);
      p = png_pixel (tile, ix, iy);
      g_assert_cmpint (p.a, >, 0);
      cairo_surface_destroy (tile);
    }
}

/* Dark (text) pixels in the box x0..x1, y0..y1. */
static int
count_dark (cairo_surface_t *png,
            int              x0,
            int              y0,
            int              x1,
            int              y1)
{
  int n = 0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        Pixel p = png_pixel (png, x, y);

        n += p.r + p.g + p.b < 200;
      }
  return n;
}

/* Without --plain or --style, each layer gets its thematic default style, and a legend is
 * drawn bottom left (--no-legend leaves it out). */
static void
test_thematic_legend (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *input = NULL;
  g_autofree char *output = NULL;
  g_autofree char *bare = NULL;
  g_auto(Run) run = { 0 };
  g_auto(Run) run2 = { 0 };
  g_autoptr(GPtrArray) layers = NULL;
  g_autoptr(GaStyle) style = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *png, *png2;
  GaRgba fill;
  double a, expect[3];

  if (skip_without_tool (f))
    return;

  input = write_square (f, "parks.geojson", 100.50, 13.74, 100.52, 13.76);
  output = g_build_filename (f->dir, "thematic.png", NULL);
  bare = g_build_filename (f->dir, "bare.png", NULL);
  run_tool (f, &run, "--size", "800x600", "--extent", "100.45,13.70,100.57,13.80",
            "-o", output, input, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  run_tool (f, &run2, "--no-legend", "--size", "800x600", "--extent",
            "100.45,13.70,100.57,13.80", "-o", bare, input, NULL);
  g_assert_cmpint (run2.status, ==, 0);

  /* the style the tool used, computed here from the same file */
  layers = ga_reader_load (input, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  style = ga_style_new_for_layer (g_ptr_array_index (layers, 0));
  fill = ga_style_get_fill (style);
  a = (fill & 0xff) / 255.0 * ga_style_get_opacity (style);
  expect[0] = ((fill >> 24) & 0xff) * a + 255 * (1 - a);
  expect[1] = ((fill >> 16) & 0xff) * a + 255 * (1 - a);
  expect[2] = ((fill >> 8) & 0xff) * a + 255 * (1 - a);

  png = cairo_image_surface_create_from_png (output);
  png2 = cairo_image_surface_create_from_png (bare);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_surface_status (png2), ==, CAIRO_STATUS_SUCCESS);
  /* inside the park, away from its centred name: the thematic fill */
  assert_png_pixel (png, 400 - 30, 300 - 30, expect[0], expect[1], expect[2], 2);
  /* the legend: its title in the bottom-left corner, absent with --no-legend */
  g_assert_cmpint (count_dark (png, 0, 450, 250, 600), >, 30);
  g_assert_cmpint (count_dark (png2, 0, 450, 250, 600), ==, 0);
  /* the rest of the image is the same */
  assert_png_pixel (png2, 400 - 30, 300 - 30, expect[0], expect[1], expect[2], 2);
  cairo_surface_destroy (png);
  cairo_surface_destroy (png2);
}

/* ---- projects and layout pages (issue 5) ---- */

static gboolean
skip_without_poppler (void)
{
  g_autofree char *info = g_find_program_in_path ("pdfinfo");
  g_autofree char *text = g_find_program_in_path ("pdftotext");

  if (info == NULL || text == NULL)
    {
      g_test_skip ("pdfinfo/pdftotext (poppler-utils) are not installed");
      return TRUE;
    }
  return FALSE;
}

static char *
run_poppler (const char *program,
             const char *path,
             int         page)
{
  g_autofree char *number = g_strdup_printf ("%d", page);
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;
  const char *info_argv[] = { program, path, NULL };
  const char *text_argv[] = { program, "-f", number, "-l", number, path, "-", NULL };

  g_spawn_sync (NULL, (char **) (page > 0 ? text_argv : info_argv), NULL, G_SPAWN_SEARCH_PATH
                | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static void
assert_has (const char *text,
            const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, text);
}

/* A project of two parks files and a missing one, with two slides. */
static char *
write_project (Fixture *f)
{
  g_autofree char *a = write_square (f, "north.geojson", 100.50, 13.76, 100.52, 13.78);
  g_autofree char *b = write_square (f, "south.geojson", 100.50, 13.70, 100.52, 13.72);

  return write_file (f, "city.greenatlas",
    "{\"format\":\"green-atlas-project\",\"version\":1,\"title\":\"Tool Atlas\","
    "\"subtitle\":\"\",\"notes\":\"\",\"basemap\":\"none\","
    "\"view\":{\"center\":[100.51,13.74],\"zoom\":12},"
    "\"layers\":["
    "{\"id\":\"n\",\"name\":\"North\",\"path\":\"north.geojson\",\"visible\":true,"
    "\"opacity\":1,\"color\":\"#2e7d32\",\"style\":null},"
    "{\"id\":\"s\",\"name\":\"South\",\"path\":\"south.geojson\",\"visible\":true,"
    "\"opacity\":1,\"color\":\"#1f78b4\",\"style\":null},"
    "{\"id\":\"x\",\"name\":\"Lost\",\"path\":\"lost.geojson\",\"visible\":true,"
    "\"opacity\":1,\"color\":\"#000000\",\"style\":null}],"
    "\"slides\":["
    "{\"title\":\"Northern park\",\"caption\":\"Only the north\","
    "\"extent\":[100.49,13.75,100.53,13.79],\"layers\":[{\"id\":\"n\",\"visible\":true}]},"
    "{\"title\":\"Southern park\",\"caption\":\"Only the south\","
    "\"extent\":[100.49,13.69,100.53,13.73],\"layers\":[{\"id\":\"s\",\"visible\":true}]}]}");
}

static void
test_project_slides (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *project = NULL;
  g_autofree char *deck = NULL;
  g_autofree char *one = NULL;
  g_autofree char *info = NULL;
  g_autofree char *page1 = NULL;
  g_autofree char *page2 = NULL;
  g_autofree char *text = NULL;

  if (skip_without_tool (f) || skip_without_poppler ())
    return;
  project = write_project (f);
  deck = g_build_filename (f->dir, "deck.pdf", NULL);
  one = g_build_filename (f->dir, "two.pdf", NULL);

  /* --slides: a deck, one page per slide in order; the missing file is a warning */
  {
    g_auto(Run) run = { 0 };

    run_tool (f, &run, project, "--slides", "-o", deck, NULL);
    g_assert_cmpint (run.status, ==, 0);
    assert_one_line (run.err);
    g_assert_nonnull (strstr (run.err, "warning"));
    g_assert_nonnull (strstr (run.err, "lost.geojson"));
  }
  info = run_poppler ("pdfinfo", deck, 0);
  assert_has (info, "Pages:           2\n");
  assert_has (info, "Page size:       960 x 540 pts");
  page1 = run_poppler ("pdftotext", deck, 1);
  page2 = run_poppler ("pdftotext", deck, 2);
  assert_has (page1, "Northern park");
  assert_has (page1, "Only the north");
  assert_has (page1, "Tool Atlas");
  assert_has (page1, "north.geojson");
  g_assert_null (strstr (page1, "south.geojson"));
  assert_has (page2, "Southern park");
  g_assert_null (strstr (page2, "Northern park"));

  /* --slide 2, its page alone, with --title */
  {
    g_auto(Run) run = { 0 };

    run_tool (f, &run, project, "--slide", "2", "--title", "Given title", "-o", one, NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  g_free (info);
  info = run_poppler ("pdfinfo", one, 0);
  assert_has (info, "Pages:           1\n");
  text = run_poppler ("pdftotext", one, 1);
  assert_has (text, "Given title");
  assert_has (text, "Only the south");
  g_assert_null (strstr (text, "Southern park"));

  /* bad slide numbers, and --slides into a PNG */
  {
    g_auto(Run) run = { 0 };

    run_tool (f, &run, project, "--slide", "3", "-o", one, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "slides 1 to 2"));
    assert_one_line (run.err + strcspn (run.err, "\n") + 1);  /* after the warning */
  }
  {
    g_auto(Run) run = { 0 };
    g_autofree char *png = g_build_filename (f->dir, "deck.png", NULL);

    run_tool (f, &run, project, "--slides", "-o", png, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
  }
  {
    g_auto(Run) run = { 0 };
    g_autofree char *input = write_square (f, "plain.geojson", 100.5, 13.7, 100.6, 13.8);

    run_tool (f, &run, "--slide", "1", "-o", one, input, NULL);
    g_assert_cmpint (run.status, ==, 2);
    assert_one_line (run.err);
  }
}

static void
test_project_layouts (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *project = NULL;
  g_autofree char *a4 = NULL;
  g_autofree char *svg = NULL;
  g_autofree char *png = NULL;
  g_autofree char *info = NULL;
  g_autofree char *contents = NULL;
  cairo_surface_t *image;

  if (skip_without_tool (f) || skip_without_poppler ())
    return;
  project = write_project (f);
  a4 = g_build_filename (f->dir, "a4.pdf", NULL);
  svg = g_build_filename (f->dir, "map.svg", NULL);
  png = g_build_filename (f->dir, "map.png", NULL);

  /* the saved view on an upright A4 */
  {
    g_auto(Run) run = { 0 };

    run_tool (f, &run, project, "--layout", "a4", "--portrait", "-o", a4, NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  info = run_poppler ("pdfinfo", a4, 0);
  assert_has (info, "Page size:       595 x 842 pts");
  {
    g_autofree char *text = run_poppler ("pdftotext", a4, 1);

    assert_has (text, "Tool Atlas");
    assert_has (text, "north.geojson");
    assert_has (text, "south.geojson");
  }

  /* SVG */
  {
    g_auto(Run) run = { 0 };

    run_tool (f, &run, project, "--layout", "a3", "-o", svg, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
    g_assert_nonnull (strstr (contents, "<svg"));
    g_assert_nonnull (strstr (contents, "width=\"1191pt\""));
    g_assert_nonnull (strstr (contents, "height=\"842pt\""));
  }

  /* PNG by --dpi, and by --size */
  {
    g_auto(Run) run = { 0 };

    run_tool (f, &run, project, "--slide", "1", "--dpi", "72", "-o", png, NULL);
    g_assert_cmpint (run.status, ==, 0);
    image = cairo_image_surface_create_from_png (png);
    g_assert_cmpint (cairo_image_surface_get_width (image), ==, 960);
    g_assert_cmpint (cairo_image_surface_get_height (image), ==, 540);
    cairo_surface_destroy (image);
  }
  {
    g_auto(Run) run = { 0 };

    run_tool (f, &run, project, "--size", "640x480", "-o", png, NULL);
    g_assert_cmpint (run.status, ==, 0);
    image = cairo_image_surface_create_from_png (png);
    g_assert_cmpint (cairo_image_surface_get_width (image), ==, 640);
    g_assert_cmpint (cairo_image_surface_get_height (image), ==, 480);
    /* the title band: dark text in the top rows, white page around */
    g_assert_cmpint (count_dark (image, 0, 0, 640, 60), >, 50);
    cairo_surface_destroy (image);
  }

  /* unknown layout and output type */
  {
    g_auto(Run) run = { 0 };

    run_tool (f, &run, project, "--layout", "letter", "-o", a4, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_cmpstr (run.err, ==, "green-atlas-render: Invalid --layout “letter”: give slide, "
                                  "a4, a3 or a0.\n");
  }
  {
    g_auto(Run) run = { 0 };
    g_autofree char *jpg = g_build_filename (f->dir, "map.jpg", NULL);

    run_tool (f, &run, project, "-o", jpg, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "map.jpg"));
  }
}

static void
test_data_layout (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *input = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *info = NULL;
  g_autofree char *text = NULL;
  g_auto(Run) run = { 0 };

  if (skip_without_tool (f) || skip_without_poppler ())
    return;
  input = write_square (f, "parks.geojson", 100.50, 13.74, 100.52, 13.76);
  pdf = g_build_filename (f->dir, "data.pdf", NULL);
  run_tool (f, &run, "--layout", "a4", "--title", "Plain data page", "--attribution",
            "© Survey office", "-o", pdf, input, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  info = run_poppler ("pdfinfo", pdf, 0);
  assert_has (info, "Page size:       842 x 595 pts");
  text = run_poppler ("pdftotext", pdf, 1);
  assert_has (text, "Plain data page");
  assert_has (text, "© Survey office");
  assert_has (text, "Parks");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/render-tool/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("render-polygon", test_render_polygon);
  ADD ("render-order", test_render_order);
  ADD ("extent-point", test_render_extent_point);
  ADD ("info", test_info);
  ADD ("missing-file", test_missing_file);
  ADD ("bad-arguments", test_bad_arguments);
  ADD ("no-crs", test_no_crs);
  ADD ("timings", test_timings);
  ADD ("basemap", test_basemap);
  ADD ("basemap-mbtiles", test_basemap_mbtiles);
  ADD ("basemap-optional", test_basemap_optional);
  ADD ("write-mbtiles", test_write_mbtiles);
  ADD ("thematic-legend", test_thematic_legend);
  ADD ("project-slides", test_project_slides);
  ADD ("project-layouts", test_project_layouts);
  ADD ("data-layout", test_data_layout);
#undef ADD

  return g_test_run ();
}
