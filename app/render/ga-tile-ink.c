/* ga-tile-ink.c — the part of a tile image that is not transparent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ga-tile-ink"

#include "config.h"

#include "ga-tile-ink.h"

static const cairo_user_data_key_t ink_key;

const GaInk *
ga_tile_ink_peek (cairo_surface_t *surface)
{
  g_return_val_if_fail (surface != NULL, NULL);
  return cairo_surface_get_user_data (surface, &ink_key);
}

const GaInk *
ga_tile_ink_get (cairo_surface_t *surface)
{
  GaInk *ink = cairo_surface_get_user_data (surface, &ink_key);
  const guint8 *data;
  int w, h, stride;

  if (ink != NULL)
    return ink;
  ink = g_new (GaInk, 1);
  w = cairo_image_surface_get_width (surface);
  h = cairo_image_surface_get_height (surface);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  if (data == NULL || cairo_image_surface_get_format (surface) != CAIRO_FORMAT_ARGB32)
    *ink = (GaInk) { 0, 0, w, h };   /* opaque formats: all of it */
  else
    {
      *ink = (GaInk) { w, h, 0, 0 };
      for (int y = 0; y < h; y++)
        {
          const guint32 *row = (const guint32 *) (const void *) (data + (gsize) y * stride);
          int first = -1, last = -1;

          for (int x = 0; x < w; x++)
            if (row[x] >> 24)
              {
                first = x;
                break;
              }
          if (first < 0)
            continue;
          for (int x = w - 1; x >= first; x--)
            if (row[x] >> 24)
              {
                last = x;
                break;
              }
          ink->x0 = MIN (ink->x0, first);
          ink->x1 = MAX (ink->x1, last + 1);
          ink->y0 = MIN (ink->y0, y);
          ink->y1 = y + 1;
        }
    }
  if (cairo_surface_set_user_data (surface, &ink_key, ink, g_free) != CAIRO_STATUS_SUCCESS)
    {
      static const GaInk all = { 0, 0, G_MAXINT / 4, G_MAXINT / 4 };

      g_free (ink);
      return &all;
    }
  return ink;
}
