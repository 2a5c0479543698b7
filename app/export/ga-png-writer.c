/* ga-png-writer.c — cairo image surfaces to PNG through libpng, fast settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ga-png-writer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <png.h>
#include <setjmp.h>
#include <string.h>

#include "ga-error.h"
#include "ga-png-writer.h"

#define ZLIB_LEVEL 3

typedef struct
{
  GaPngWriteFunc  func;
  gpointer        user_data;
  GError         *error;     /* from func, or libpng's message */
} Writer;

static void
error_cb (png_structp png, png_const_charp message)
{
  Writer *w = png_get_error_ptr (png);

  if (w->error == NULL)
    g_set_error (&w->error, GA_ERROR, GA_ERROR_FAILED, "%s", message);
  png_longjmp (png, 1);
}

static void
warning_cb (png_structp png, png_const_charp message)
{
  g_debug ("libpng: %s", message);
}

static void
write_cb (png_structp png, png_bytep data, png_size_t length)
{
  Writer *w = png_get_io_ptr (png);

  if (w->error == NULL && !w->func (w->user_data, data, length, &w->error))
    png_error (png, "write");
}

static void
flush_cb (png_structp png)
{
}

static gboolean
is_opaque (const guint8 *data, int width, int height, int stride)
{
  for (int y = 0; y < height; y++)
    {
      const guint32 *row = (const guint32 *) (const void *) (data + (gsize) y * stride);

      for (int x = 0; x < width; x++)
        if ((row[x] >> 24) != 0xff)
          return FALSE;
    }
  return TRUE;
}

/* One row of cairo's native-endian, premultiplied ARGB into PNG's RGB or RGBA bytes. */
static void
convert_row (const guint32 *src, guint8 *dst, int width, gboolean alpha)
{
  for (int x = 0; x < width; x++)
    {
      guint32 v = src[x];
      guint a = alpha ? v >> 24 : 0xff;
      guint r = (v >> 16) & 0xff, g = (v >> 8) & 0xff, b = v & 0xff;

      if (a != 0xff && a != 0)
        {
          r = (r * 255 + a / 2) / a;
          g = (g * 255 + a / 2) / a;
          b = (b * 255 + a / 2) / a;
        }
      *dst++ = (guint8) r;
      *dst++ = (guint8) g;
      *dst++ = (guint8) b;
      if (alpha)
        *dst++ = (guint8) a;
    }
}

gboolean
ga_png_writer_write (cairo_surface_t  *surface,
                     GaPngWriteFunc    func,
                     gpointer          user_data,
                     GError          **error)
{
  Writer w = { func, user_data, NULL };
  png_structp png;
  png_infop info;
  const guint8 *data;
  guint8 *row;
  int width, height, stride;
  gboolean alpha;
  cairo_format_t format;

  g_return_val_if_fail (surface != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  format = cairo_image_surface_get_format (surface);
  if (cairo_surface_get_type (surface) != CAIRO_SURFACE_TYPE_IMAGE ||
      (format != CAIRO_FORMAT_ARGB32 && format != CAIRO_FORMAT_RGB24))
    {
      g_set_error (error, GA_ERROR, GA_ERROR_FAILED,
                   _("Only 32-bit colour images can be written as PNG."));
      return FALSE;
    }

  cairo_surface_flush (surface);
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  stride = cairo_image_surface_get_stride (surface);
  data = cairo_image_surface_get_data (surface);
  alpha = format == CAIRO_FORMAT_ARGB32 && !is_opaque (data, width, height, stride);

  png = png_create_write_struct (PNG_LIBPNG_VER_STRING, &w, error_cb, warning_cb);
  if (png == NULL)
    {
      g_set_error (error, GA_ERROR, GA_ERROR_FAILED, _("Not enough memory to write the PNG image."));
      return FALSE;
    }
  info = png_create_info_struct (png);
  row = g_malloc ((gsize) MAX (width, 1) * 4);

  if (info == NULL || setjmp (png_jmpbuf (png)))
    {
      png_destroy_write_struct (&png, info != NULL ? &info : NULL);
      g_free (row);
      if (w.error == NULL)
        g_set_error (&w.error, GA_ERROR, GA_ERROR_FAILED, _("Not enough memory to write the PNG image."));
      g_propagate_error (error, w.error);
      return FALSE;
    }

  png_set_write_fn (png, &w, write_cb, flush_cb);
  png_set_IHDR (png, info, (png_uint_32) width, (png_uint_32) height, 8,
                alpha ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_set_filter (png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
  png_set_compression_level (png, ZLIB_LEVEL);
  png_write_info (png, info);
  for (int y = 0; y < height; y++)
    {
      convert_row ((const guint32 *) (const void *) (data + (gsize) y * stride), row, width,
                   alpha);
      png_write_row (png, row);
    }
  png_write_end (png, info);

  png_destroy_write_struct (&png, &info);
  g_free (row);
  return TRUE;
}
