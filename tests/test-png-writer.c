/* test-png-writer.c — images written through libpng read back with the same pixels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ga-error.h"
#include "ga-png-export.h"
#include "ga-png-writer.h"
#include "ga-render-private.h"
#include "ga-test-util.h"

#define W 37
#define H 23

/* The PNG header's colour type (IHDR, byte 25): 2 = RGB, 6 = RGBA. */
static guint8
colour_type (GBytes *png)
{
  gsize n;
  const guint8 *data = g_bytes_get_data (png, &n);

  g_assert_cmpuint (n, >, 26);
  g_assert_cmpmem (data + 1, 3, "PNG", 3);
  g_assert_cmpmem (data + 12, 4, "IHDR", 4);
  return data[25];
}

static gboolean
append_cb (gpointer      user_data,
           const guint8 *data,
           gsize         length,
           GError      **error)
{
  g_byte_array_append (user_data, data, (guint) length);
  return TRUE;
}

static GBytes *
write_png (cairo_surface_t *surface)
{
  g_autoptr(GByteArray) png = g_byte_array_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (ga_png_writer_write (surface, append_cb, png, &error));
  g_assert_no_error (error);
  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}

static cairo_surface_t *
read_png (GBytes *png)
{
  cairo_surface_t *surface = ga_test_png_decode (png);

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, W);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, H);
  return surface;
}

static guint32
pixel (cairo_surface_t *surface, int x, int y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);

  return *(const guint32 *) (const void *) (data + y * cairo_image_surface_get_stride (surface)
                                            + 4 * x);
}

/* An opaque surface whose pixels differ: a gradient. */
static cairo_surface_t *
make_surface (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x++)
      *(guint32 *) (void *) (data + y * stride + 4 * x) =
        0xff000000u | (guint32) (x * 7) << 16 | (guint32) (y * 11) << 8 | (guint32) (x ^ y);
  cairo_surface_mark_dirty (surface);
  return surface;
}

static void
test_opaque (void)
{
  g_autoptr(cairo_surface_t) surface = make_surface ();
  g_autoptr(GBytes) png = write_png (surface);
  g_autoptr(cairo_surface_t) back = read_png (png);

  g_assert_cmpuint (colour_type (png), ==, 2);
  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x++)
      g_assert_cmphex (pixel (back, x, y), ==, pixel (surface, x, y));
}

static void
test_translucent (void)
{
  g_autoptr(cairo_surface_t) surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  g_autoptr(GBytes) png = NULL;
  g_autoptr(cairo_surface_t) back = NULL;
  cairo_t *cr = cairo_create (surface);

  /* transparent, one opaque red pixel, a half-transparent green square */
  cairo_rectangle (cr, 1, 1, 1, 1);
  cairo_set_source_rgb (cr, 1, 0, 0);
  cairo_fill (cr);
  cairo_rectangle (cr, 10, 10, 8, 8);
  cairo_set_source_rgba (cr, 0, 0.8, 0.4, 0.5);
  cairo_fill (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  png = write_png (surface);
  g_assert_cmpuint (colour_type (png), ==, 6);
  back = read_png (png);
  g_assert_cmphex (pixel (back, 0, 0), ==, 0x00000000);
  g_assert_cmphex (pixel (back, 1, 1), ==, 0xffff0000);
  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x++)
      {
        guint32 a = pixel (surface, x, y), b = pixel (back, x, y);

        /* premultiplied, unpremultiplied, premultiplied again: within one step */
        for (int shift = 0; shift < 32; shift += 8)
          g_assert_cmpint (ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)), <=,
                           1);
      }
  g_assert_cmphex (pixel (back, 12, 12) >> 24, ==, 0x80);
}

static gboolean
failing_cb (gpointer      user_data,
            const guint8 *data,
            gsize         length,
            GError      **error)
{
  guint *calls = user_data;

  (*calls)++;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "No space left on device");
  return FALSE;
}

/* A write that fails stops libpng, and its error comes back (no abort, no leak). */
static void
test_write_fails (void)
{
  g_autoptr(cairo_surface_t) surface = make_surface ();
  g_autoptr(GError) error = NULL;
  guint calls = 0;

  g_assert_false (ga_png_writer_write (surface, failing_cb, &calls, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_cmpuint (calls, ==, 1);
}

/* Through the export's writer: a file that reads back, and a folder that does not exist. */
static void
test_export_file (void)
{
  g_autoptr(cairo_surface_t) surface = make_surface ();
  g_autoptr(cairo_surface_t) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ga-png-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "map.png", NULL);
  g_autofree char *bad = g_build_filename (dir, "missing", "map.png", NULL);

  g_assert_true (ga_png_export_write (surface, path, &error));
  g_assert_no_error (error);
  back = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (back), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmphex (pixel (back, 20, 20), ==, pixel (surface, 20, 20));

  g_assert_false (ga_png_export_write (surface, bad, &error));
  g_assert_error (error, GA_ERROR, GA_ERROR_IO);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/png-writer/opaque-is-rgb", test_opaque);
  g_test_add_func ("/png-writer/translucent-is-rgba", test_translucent);
  g_test_add_func ("/png-writer/write-fails", test_write_fails);
  g_test_add_func ("/png-writer/export-file", test_export_file);
  return g_test_run ();
}
