/* ga-test-util.c — helpers shared by the core tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ga-test-util.h"

#include <glib/gstdio.h>
#include <string.h>

/* Cairo PNG write callback appending to a GByteArray. */
cairo_status_t
ga_test_png_append_cb (void                *closure,
                       const unsigned char *data,
                       unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A 256×256 PNG tile of one colour. */
GBytes *
ga_test_png_bytes (int r,
                   int g,
                   int b)
{
  GByteArray *buf = g_byte_array_new ();
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 256, 256);
  cairo_t *cr = cairo_create (s);

  cairo_set_source_rgb (cr, r / 255.0, g / 255.0, b / 255.0);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (s, ga_test_png_append_cb, buf), ==,
                   CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (s);
  return g_byte_array_free_to_bytes (buf);
}

typedef struct
{
  const guint8 *data;
  gsize size, pos;
} ReadClosure;

static cairo_status_t
read_cb (void *closure, unsigned char *data, unsigned int length)
{
  ReadClosure *rc = closure;

  if (rc->pos + length > rc->size)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, rc->data + rc->pos, length);
  rc->pos += length;
  return CAIRO_STATUS_SUCCESS;
}

/* Decodes PNG bytes; check the surface's status. */
cairo_surface_t *
ga_test_png_decode (GBytes *png)
{
  ReadClosure rc = { 0 };

  rc.data = g_bytes_get_data (png, &rc.size);
  return cairo_image_surface_create_from_png_stream (read_cb, &rc);
}

/* Deletes @path and everything under it. */
void
ga_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      /* a link is removed, never followed */
      if (!g_file_test (child, G_FILE_TEST_IS_SYMLINK) && g_file_test (child, G_FILE_TEST_IS_DIR))
        ga_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}
