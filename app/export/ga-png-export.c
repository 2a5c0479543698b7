/* ga-png-export.c — draw a stack of layers (and an optional basemap) into a PNG
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ga-png-export"

#include "config.h"

#include <math.h>
#include <string.h>

#include <cpl_error.h>
#include <gdal.h>
#include <glib/gi18n-lib.h>

#include "ga-error.h"
#include "ga-png-export.h"
#include "ga-render-private.h"
#include "ga-renderer.h"

#define BASEMAP_MAX_ZOOM 19

/* ---- basemap through GDAL's TMS minidriver ---- */

static char *
normalise_template (const char  *url_template,
                    GError     **error)
{
  g_autoptr(GString) url = g_string_new (url_template);

  /* libshumate/Leaflet style {z} → GDAL's ${z} */
  if (strstr (url->str, "${z}") == NULL)
    {
      g_string_replace (url, "{z}", "${z}", 0);
      g_string_replace (url, "{x}", "${x}", 0);
      g_string_replace (url, "{y}", "${y}", 0);
    }
  if (strstr (url->str, "${z}") == NULL || strstr (url->str, "${x}") == NULL ||
      strstr (url->str, "${y}") == NULL)
    {
      g_set_error (error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
                   _("The basemap URL “%s” must contain {z}, {x} and {y}, for example "
                     "https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
                   url_template);
      return NULL;
    }
  return g_string_free (g_steal_pointer (&url), FALSE);
}

/* GDAL's WMS messages end in "…, error: <curl's reason>. Add the HTTP status code…":
 * keep only curl's reason. */
static char *
plain_reason (const char *gdal_message)
{
  const char *start = g_strrstr (gdal_message, "error: ");
  const char *end;

  if (start == NULL)
    return g_strdup (gdal_message);
  start += strlen ("error: ");
  end = strstr (start, "Add the HTTP");
  if (end == NULL)
    end = start + strlen (start);
  while (end > start && strchr (". \r\n", end[-1]) != NULL)
    end--;
  return g_strndup (start, end - start);
}

static char *
tms_xml (const char *url,
         int         level)
{
  g_autofree char *escaped = g_markup_escape_text (url, -1);
  char ul[G_ASCII_DTOSTR_BUF_SIZE], lr[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_dtostr (ul, sizeof ul, -GA_MERCATOR_HALF_WORLD);
  g_ascii_dtostr (lr, sizeof lr, GA_MERCATOR_HALF_WORLD);

  return g_strdup_printf ("<GDAL_WMS>"
                          "<Service name=\"TMS\"><ServerUrl>%s</ServerUrl></Service>"
                          "<DataWindow>"
                          "<UpperLeftX>%s</UpperLeftX><UpperLeftY>%s</UpperLeftY>"
                          "<LowerRightX>%s</LowerRightX><LowerRightY>%s</LowerRightY>"
                          "<TileLevel>%d</TileLevel><TileCountX>1</TileCountX>"
                          "<TileCountY>1</TileCountY><YOrigin>top</YOrigin>"
                          "</DataWindow>"
                          "<Projection>EPSG:3857</Projection>"
                          "<BlockSizeX>256</BlockSizeX><BlockSizeY>256</BlockSizeY>"
                          "<BandsCount>4</BandsCount>"
                          "<UserAgent>GreenAtlas/" PACKAGE_VERSION "</UserAgent>"
                          "<Timeout>20</Timeout>"
                          "<MaxConnections>2</MaxConnections>"
                          "<ZeroBlockHttpCodes>204,404</ZeroBlockHttpCodes>"
                          "</GDAL_WMS>",
                          escaped, ul, lr, lr, ul, level);
}

gboolean
ga_basemap_draw (cairo_t             *cr,
                 const GaRenderView  *view,
                 const char          *url_template,
                 GCancellable        *cancellable,
                 GError             **error)
{
  g_autofree char *url = NULL;
  g_autofree char *xml = NULL;
  g_autofree guint8 *rgba = NULL;
  g_autoptr(cairo_surface_t) image = NULL;
  GDALDatasetH ds;
  GaExtent e;
  int level, size, ix0, iy0, ix1, iy1, w, h, stride;
  int bands[] = { 1, 2, 3, 4 };
  double k, x0, y0, scale;
  CPLErr err;
  guint8 *data;

  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (view != NULL, FALSE);
  g_return_val_if_fail (url_template != NULL, FALSE);

  url = normalise_template (url_template, error);
  if (url == NULL)
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  level = (int) CLAMP (lround (view->zoom), 0, BASEMAP_MAX_ZOOM);
  xml = tms_xml (url, level);

  GDALAllRegister ();
  CPLPushErrorHandler (CPLQuietErrorHandler);
  CPLErrorReset ();
  ds = GDALOpenEx (xml, GDAL_OF_RASTER | GDAL_OF_READONLY, NULL, NULL, NULL);
  if (ds == NULL)
    {
      g_set_error (error, GA_ERROR, GA_ERROR_FAILED,
                   _("Could not set up the basemap “%s”: %s"), url_template,
                   CPLGetLastErrorMsg ());
      CPLPopErrorHandler ();
      return FALSE;
    }

  size = GDALGetRasterXSize (ds);
  k = size / (2.0 * GA_MERCATOR_HALF_WORLD);  /* level pixels per metre */
  ga_render_view_get_extent (view, &e);
  x0 = (e.min_x + GA_MERCATOR_HALF_WORLD) * k;
  y0 = (GA_MERCATOR_HALF_WORLD - e.max_y) * k;
  ix0 = (int) CLAMP (floor (x0), 0, size);
  iy0 = (int) CLAMP (floor (y0), 0, size);
  ix1 = (int) CLAMP (ceil ((e.max_x + GA_MERCATOR_HALF_WORLD) * k), 0, size);
  iy1 = (int) CLAMP (ceil ((GA_MERCATOR_HALF_WORLD - e.min_y) * k), 0, size);
  w = ix1 - ix0;
  h = iy1 - iy0;
  if (w <= 0 || h <= 0 || GDALGetRasterCount (ds) < 3)
    {
      GDALClose (ds);
      CPLPopErrorHandler ();
      return TRUE; /* the view is outside the world */
    }

  rgba = g_malloc0_n ((gsize) w * h, 4);
  err = GDALDatasetRasterIO (ds, GF_Read, ix0, iy0, w, h, rgba, w, h, GDT_Byte,
                             MIN (GDALGetRasterCount (ds), 4), bands, 4, 4 * w, 1);
  if (err != CE_None)
    {
      g_autofree char *reason = plain_reason (CPLGetLastErrorMsg ());

      g_set_error (error, GA_ERROR, GA_ERROR_FAILED,
                   _("Could not download the basemap tiles from “%s” (%s). Check the "
                     "network connection and the URL, or pass --basemap none."),
                   url_template, reason);
      GDALClose (ds);
      CPLPopErrorHandler ();
      return FALSE;
    }
  if (GDALGetRasterCount (ds) == 3)
    for (gsize i = 0; i < (gsize) w * h; i++)
      rgba[4 * i + 3] = 255;
  GDALClose (ds);
  CPLPopErrorHandler ();

  /* RGBA → cairo's premultiplied native-endian ARGB32 */
  image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  if (cairo_surface_status (image) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, GA_ERROR, GA_ERROR_FAILED, _("Out of memory for the basemap"));
      return FALSE;
    }
  cairo_surface_flush (image);
  data = cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image);
  for (int y = 0; y < h; y++)
    {
      guint32 *row = (guint32 *) (void *) (data + (gsize) y * stride);
      const guint8 *src = rgba + (gsize) y * w * 4;

      for (int x = 0; x < w; x++)
        {
          guint a = src[4 * x + 3];
          guint r = (src[4 * x] * a + 127) / 255;
          guint g = (src[4 * x + 1] * a + 127) / 255;
          guint b = (src[4 * x + 2] * a + 127) / 255;

          row[x] = (a << 24) | (r << 16) | (g << 8) | b;
        }
    }
  cairo_surface_mark_dirty (image);

  scale = exp2 (view->zoom - level);
  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, image, ix0 - x0, iy0 - y0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
  cairo_rectangle (cr, ix0 - x0, iy0 - y0, w, h);
  cairo_fill (cr);
  cairo_restore (cr);
  return TRUE;
}

/* ---- the whole image ---- */

cairo_surface_t *
ga_png_export_render (GaLayerStore        *store,
                      const GaRenderView  *view,
                      const char          *basemap_url,
                      GCancellable        *cancellable,
                      GError             **error)
{
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autoptr(cairo_t) cr = NULL;
  guint n;

  g_return_val_if_fail (GA_IS_LAYER_STORE (store), NULL);
  g_return_val_if_fail (view != NULL, NULL);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, view->width, view->height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
                   _("Cannot make an image of %d × %d pixels: %s"), view->width, view->height,
                   cairo_status_to_string (cairo_surface_status (surface)));
      return NULL;
    }
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1.0, 1.0, 1.0);
  cairo_paint (cr);

  if (basemap_url != NULL &&
      !ga_basemap_draw (cr, view, basemap_url, cancellable, error))
    return NULL;

  /* Position 0 is the top: draw from the bottom up. */
  n = ga_layer_store_get_n_layers (store);
  for (guint i = n; i-- > 0;)
    {
      GaLayer *layer = ga_layer_store_get (store, i);
      double opacity = ga_layer_get_opacity (layer);
      GaSymbol symbol;
      gboolean ok;

      if (!ga_layer_get_visible (layer) || opacity <= 0.0)
        continue;

      ga_symbol_init_default (&symbol, layer);
      ok = ga_renderer_draw_layer_composited (cr, view, layer, &symbol, opacity, cancellable);
      if (!ok)
        {
          g_cancellable_set_error_if_cancelled (cancellable, error);
          return NULL;
        }
    }

  if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, GA_ERROR, GA_ERROR_FAILED, _("Drawing failed: %s"),
                   cairo_status_to_string (cairo_status (cr)));
      return NULL;
    }

  g_clear_pointer (&cr, cairo_destroy);
  cairo_surface_flush (surface);
  return g_steal_pointer (&surface);
}

typedef struct
{
  GOutputStream *stream;
  GError *error;
} WriteClosure;

static cairo_status_t
write_png_cb (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  WriteClosure *wc = closure;

  if (wc->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (wc->stream, data, length, NULL, NULL, &wc->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

gboolean
ga_png_export_write (cairo_surface_t  *surface,
                     const char       *path,
                     GError          **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GError) local_error = NULL;
  WriteClosure wc = { NULL, NULL };
  cairo_status_t status;

  g_return_val_if_fail (surface != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  file = g_file_new_for_commandline_arg (path);
  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &local_error);
  if (out == NULL)
    {
      /* GIO's message already names the file */
      g_set_error_literal (error, GA_ERROR, GA_ERROR_IO, local_error->message);
      return FALSE;
    }

  wc.stream = G_OUTPUT_STREAM (out);
  status = cairo_surface_write_to_png_stream (surface, write_png_cb, &wc);
  if (status != CAIRO_STATUS_SUCCESS || wc.error != NULL)
    {
      g_set_error (error, GA_ERROR, GA_ERROR_IO, _("Cannot write “%s”: %s"), path,
                   wc.error ? wc.error->message : cairo_status_to_string (status));
      g_clear_error (&wc.error);
      /* Closing with a cancelled cancellable drops the temporary file, so an old
       * file of that name is not replaced with half a PNG. */
      {
        g_autoptr(GCancellable) abort = g_cancellable_new ();

        g_cancellable_cancel (abort);
        g_output_stream_close (G_OUTPUT_STREAM (out), abort, NULL);
      }
      return FALSE;
    }

  if (!g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &local_error))
    {
      g_set_error (error, GA_ERROR, GA_ERROR_IO, _("Cannot write “%s”: %s"), path,
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}
