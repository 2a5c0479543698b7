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

#include <pango/pangocairo.h>

#include "ga-error.h"
#include "ga-labeler.h"
#include "ga-layout-private.h"
#include "ga-legend.h"
#include "ga-memory.h"
#include "ga-png-export.h"
#include "ga-png-writer.h"
#include "ga-render-bands.h"
#include "ga-render-private.h"
#include "ga-renderer.h"
#include "ga-style.h"
#include "ga-tile-reader.h"

#define BASEMAP_MAX_ZOOM 19
/* Local tiles are drawn from at most one zoom level finer than the view (4x the tiles);
 * further out the source shows nothing, as on screen. */
#define MAX_TILE_OVERZOOM 1

/* ---- basemap through GDAL's TMS minidriver ---- */

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
  g_autofree char *user_agent = g_markup_escape_text (GA_USER_AGENT, -1);
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
                          "<UserAgent>%s</UserAgent>"
                          "<Timeout>20</Timeout>"
                          "<MaxConnections>2</MaxConnections>"
                          "<ZeroBlockHttpCodes>204,404</ZeroBlockHttpCodes>"
                          "</GDAL_WMS>",
                          escaped, ul, lr, lr, ul, level, user_agent);
}

/* RGBA (straight alpha) → a new cairo ARGB32 surface (premultiplied, native-endian) */
static cairo_surface_t *
surface_from_rgba (const guint8 *rgba,
                   int           w,
                   int           h)
{
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  guint8 *data;
  int stride;

  if (cairo_surface_status (image) != CAIRO_STATUS_SUCCESS)
    return image;
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
  return image;
}

/* Reads 3 or 4 bands of @ds into RGBA; NULL on a read error. */
static guint8 *
read_rgba (GDALDatasetH ds,
           int          x,
           int          y,
           int          w,
           int          h)
{
  g_autofree guint8 *rgba = g_malloc0_n ((gsize) w * h, 4);
  int bands[] = { 1, 2, 3, 4 };
  int n = MIN (GDALGetRasterCount (ds), 4);

  if (n < 3)
    {
      /* grey (or grey + alpha): spread the first band */
      bands[1] = bands[2] = 1;
      if (n == 2)
        bands[3] = 2;
      n = n == 2 ? 4 : 3;
    }
  if (GDALDatasetRasterIO (ds, GF_Read, x, y, w, h, rgba, w, h, GDT_Byte, n, bands, 4,
                           4 * w, 1) != CE_None)
    return NULL;
  if (n == 3)
    for (gsize i = 0; i < (gsize) w * h; i++)
      rgba[4 * i + 3] = 255;
  return g_steal_pointer (&rgba);
}

/* ---- XYZ tiles through GDAL's TMS minidriver ---- */

static gboolean
draw_xyz (cairo_t             *cr,
          const GaRenderView  *view,
          GaBasemap           *basemap,
          GCancellable        *cancellable,
          GError             **error)
{
  const char *url_template = ga_basemap_get_location (basemap);
  g_autoptr(GString) url = g_string_new (url_template);
  g_autofree char *xml = NULL;
  g_autofree guint8 *rgba = NULL;
  g_autoptr(cairo_surface_t) image = NULL;
  GDALDatasetH ds;
  GaExtent e;
  int level, size, ix0, iy0, ix1, iy1, w, h;
  double k, x0, y0, scale;

  /* libshumate/Leaflet style {z} → GDAL's ${z} */
  g_string_replace (url, "{z}", "${z}", 0);
  g_string_replace (url, "{x}", "${x}", 0);
  g_string_replace (url, "{y}", "${y}", 0);
  g_string_replace (url, "$${", "${", 0);

  level = (int) CLAMP (lround (view->zoom), ga_basemap_get_min_zoom (basemap),
                       MIN (ga_basemap_get_max_zoom (basemap), BASEMAP_MAX_ZOOM));
  xml = tms_xml (url->str, level);

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
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      GDALClose (ds);
      CPLPopErrorHandler ();
      return FALSE;
    }

  rgba = read_rgba (ds, ix0, iy0, w, h);
  if (rgba == NULL)
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
  GDALClose (ds);
  CPLPopErrorHandler ();

  image = surface_from_rgba (rgba, w, h);
  if (cairo_surface_status (image) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, GA_ERROR, GA_ERROR_FAILED, _("Out of memory for the basemap"));
      return FALSE;
    }

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

/* ---- local tiles: MBTiles and folders ---- */

typedef struct
{
  const guint8 *data;
  gsize         size;
  gsize         pos;
} PngReader;

static cairo_status_t
read_png_cb (void          *closure,
             unsigned char *data,
             unsigned int   length)
{
  PngReader *r = closure;

  if (r->pos + length > r->size)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, r->data + r->pos, length);
  r->pos += length;
  return CAIRO_STATUS_SUCCESS;
}

/* JPEG through GDAL's in-memory files and its JPEG driver */
static cairo_surface_t *
decode_jpeg (GBytes *bytes)
{
  static gint counter;
  g_autofree char *name = g_strdup_printf ("/vsimem/ga-tile-%p-%d.jpg", (void *) bytes,
                                           g_atomic_int_add (&counter, 1));
  g_autofree guint8 *rgba = NULL;
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  VSILFILE *fp;
  GDALDatasetH ds;
  cairo_surface_t *image = NULL;
  int w, h;

  GDALAllRegister ();
  fp = VSIFileFromMemBuffer (name, (GByte *) data, size, FALSE);
  if (fp == NULL)
    return NULL;
  VSIFCloseL (fp);
  CPLPushErrorHandler (CPLQuietErrorHandler);
  ds = GDALOpenEx (name, GDAL_OF_RASTER | GDAL_OF_READONLY, NULL, NULL, NULL);
  if (ds != NULL)
    {
      w = GDALGetRasterXSize (ds);
      h = GDALGetRasterYSize (ds);
      rgba = read_rgba (ds, 0, 0, w, h);
      if (rgba != NULL)
        image = surface_from_rgba (rgba, w, h);
      GDALClose (ds);
    }
  CPLPopErrorHandler ();
  VSIUnlink (name);
  return image;
}

/* A decoded tile, or NULL if the bytes are not a PNG or JPEG image. */
static cairo_surface_t *
decode_tile (GBytes *bytes)
{
  const char *format = ga_tile_sniff_format (bytes);
  cairo_surface_t *image = NULL;

  if (g_strcmp0 (format, "png") == 0)
    {
      PngReader r = { 0 };

      r.data = g_bytes_get_data (bytes, &r.size);
      image = cairo_image_surface_create_from_png_stream (read_png_cb, &r);
    }
  else if (g_strcmp0 (format, "jpg") == 0)
    image = decode_jpeg (bytes);

  if (image != NULL && cairo_surface_status (image) != CAIRO_STATUS_SUCCESS)
    g_clear_pointer (&image, cairo_surface_destroy);
  return image;
}

static gboolean
draw_local (cairo_t             *cr,
            const GaRenderView  *view,
            GaBasemap           *basemap,
            GCancellable        *cancellable,
            GError             **error)
{
  g_autoptr(GaTileReader) reader = NULL;
  g_autofree char *display = g_path_get_basename (ga_basemap_get_location (basemap));
  const double half = GA_MERCATOR_HALF_WORLD;
  GaExtent e;
  int level, tx0, ty0, tx1, ty1;
  guint found = 0, decoded = 0;
  double k, ox, oy, scale;

  reader = ga_tile_reader_new (basemap, error);
  if (reader == NULL)
    return FALSE;

  level = (int) CLAMP (lround (view->zoom), ga_basemap_get_min_zoom (basemap),
                       ga_basemap_get_max_zoom (basemap));
  if (level > view->zoom + MAX_TILE_OVERZOOM + 0.5)
    return TRUE; /* zoomed out beyond the source's tiles: nothing to show */

  ga_render_view_get_extent (view, &e);
  if (!ga_tile_range_at_zoom (e.min_x, e.min_y, e.max_x, e.max_y, level,
                              &tx0, &ty0, &tx1, &ty1))
    return TRUE;

  /* level pixels (256 per tile) relative to the view's top-left, then scaled to the view */
  k = 256.0 * exp2 (level) / (2.0 * half);
  ox = (e.min_x + half) * k;
  oy = (half - e.max_y) * k;
  scale = exp2 (view->zoom - level);

  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  /* tiles meet on exact edges: no antialiased seams between them */
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  for (int tx = tx0; tx <= tx1; tx++)
    for (int ty = ty0; ty <= ty1; ty++)
      {
        g_autoptr(GBytes) bytes = NULL;
        g_autoptr(cairo_surface_t) tile = NULL;
        g_autoptr(GError) read_error = NULL;
        double px = tx * 256.0 - ox, py = ty * 256.0 - oy;
        int tw, th;

        if (g_cancellable_set_error_if_cancelled (cancellable, error))
          {
            cairo_restore (cr);
            return FALSE;
          }
        bytes = ga_tile_reader_get_tile (reader, level, tx, ty, &read_error);
        if (read_error != NULL)
          {
            cairo_restore (cr);
            g_propagate_error (error, g_steal_pointer (&read_error));
            return FALSE;
          }
        if (bytes == NULL)
          continue;
        found++;
        tile = decode_tile (bytes);
        if (tile == NULL)
          continue;
        decoded++;
        tw = cairo_image_surface_get_width (tile);
        th = cairo_image_surface_get_height (tile);

        cairo_save (cr);
        cairo_rectangle (cr, px, py, 256.0, 256.0);
        cairo_clip (cr);
        cairo_translate (cr, px, py);
        cairo_scale (cr, 256.0 / tw, 256.0 / th);
        cairo_set_source_surface (cr, tile, 0, 0);
        cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
        cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
        cairo_paint (cr);
        cairo_restore (cr);
      }
  cairo_restore (cr);

  if (found > 0 && decoded == 0)
    {
      g_set_error (error, GA_ERROR, GA_ERROR_CORRUPT,
                   _("The basemap “%s” could not be drawn: its tiles are not PNG or JPEG "
                     "images, or are damaged."), display);
      return FALSE;
    }
  return TRUE;
}

gboolean
ga_png_export_draw_basemap (cairo_t             *cr,
                            const GaRenderView  *view,
                            GaBasemap           *basemap,
                            GCancellable        *cancellable,
                            GError             **error)
{
  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (view != NULL, FALSE);
  g_return_val_if_fail (GA_IS_BASEMAP (basemap), FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  switch (ga_basemap_get_kind (basemap))
    {
    case GA_BASEMAP_XYZ:
      return draw_xyz (cr, view, basemap, cancellable, error);
    case GA_BASEMAP_MBTILES:
    case GA_BASEMAP_FOLDER:
      return draw_local (cr, view, basemap, cancellable, error);
    case GA_BASEMAP_NONE:
    default:
      return TRUE;
    }
}

/* ---- attribution ---- */

/* "<a href=…>© OpenStreetMap</a> contributors" → "© OpenStreetMap contributors" */
static char *
plain_attribution (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean in_tag = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '<')
        in_tag = TRUE;
      else if (*p == '>' && in_tag)
        in_tag = FALSE;
      else if (!in_tag)
        g_string_append_c (out, *p == '\n' ? ' ' : *p);
    }
  g_string_replace (out, "&copy;", "©", 0);
  g_string_replace (out, "&amp;", "&", 0);
  g_strstrip (out->str);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

void
ga_png_export_draw_attribution (cairo_t    *cr,
                                int         width,
                                int         height,
                                const char *text)
{
  g_autofree char *plain = NULL;
  g_autoptr(PangoFontDescription) font = NULL;
  PangoLayout *layout;
  PangoRectangle ink, logical;
  double size, margin, x, y;

  g_return_if_fail (cr != NULL);

  if (text == NULL)
    return;
  plain = plain_attribution (text);
  if (*plain == '\0')
    return;

  /* small: 12 px on a 1080-px-high image, never below 10 px */
  size = CLAMP (MIN (width, height) / 90.0, 10.0, 20.0);
  margin = size * 0.5;

  layout = pango_cairo_create_layout (cr);
  font = pango_font_description_from_string ("Noto Sans, Noto Sans Thai, sans");
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, plain, -1);
  pango_layout_set_width (layout, (int) ((width - 2 * margin) * PANGO_SCALE));
  pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_pixel_extents (layout, &ink, &logical);

  x = margin;
  y = height - margin - logical.height;

  cairo_save (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);
  cairo_move_to (cr, x, y);
  pango_cairo_layout_path (cr, layout);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, size / 3.5);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
  cairo_stroke (cr);
  cairo_move_to (cr, x, y);
  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
  g_object_unref (layout);
}

/* ---- the layers ---- */

/* GaSymbol layers (style sheet or default symbols), as basemaps are drawn. */
typedef struct
{
  GaLayerStore             *store;
  const GaRenderView       *view;
  const GaPngExportOptions *options;
} SymbolRun;

/* The symbol of @layer in a plain export: the style sheet's, or one colour. */
static void
plain_symbol (const GaPngExportOptions *options,
              GaLayer                  *layer,
              GaSymbol                 *symbol)
{
  if (options->style != NULL)
    ga_style_sheet_apply (options->style, layer, symbol);
  else
    ga_symbol_init_default (symbol, layer);
}

static gboolean
draw_symbol_layers (cairo_t      *cr,
                    gpointer      data,
                    GCancellable *cancellable)
{
  const SymbolRun *run = data;

  for (guint i = ga_layer_store_get_n_layers (run->store); i-- > 0;)
    {
      GaLayer *layer = ga_layer_store_get (run->store, i);
      double opacity = ga_layer_get_opacity (layer);
      GaSymbol symbol;

      if (!ga_layer_get_visible (layer) || opacity <= 0.0)
        continue;

      plain_symbol (run->options, layer, &symbol);
      if (!ga_renderer_draw_layer_composited (cr, run->view, layer, &symbol, opacity,
                                              cancellable))
        return FALSE;
    }
  return TRUE;
}

static gboolean
draw_symbols (cairo_t                   *cr,
              GaLayerStore              *store,
              const GaRenderView        *view,
              const GaPngExportOptions  *options,
              GCancellable              *cancellable,
              GError                   **error)
{
  g_autoptr(GaLabeler) labeler = ga_labeler_new ();
  guint n = ga_layer_store_get_n_layers (store);
  SymbolRun run = { store, view, options };

  /* Position 0 is the top: draw from the bottom up, split across cores; labels of the top
   * layers first. */
  if (!ga_render_bands (cr, draw_symbol_layers, &run, cancellable))
    {
      g_cancellable_set_error_if_cancelled (cancellable, error);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      GaLayer *layer = ga_layer_store_get (store, i);
      GaSymbol symbol;

      if (!ga_layer_get_visible (layer) || ga_layer_get_opacity (layer) <= 0.0)
        continue;
      plain_symbol (options, layer, &symbol);
      ga_labeler_add_layer (labeler, layer, &symbol);
    }
  if (ga_labeler_has_labels (labeler) &&
      !ga_labeler_draw (labeler, cr, view, cancellable))
    {
      g_cancellable_set_error_if_cancelled (cancellable, error);
      return FALSE;
    }
  return TRUE;
}

/* The legend's size factor for an image: 1 up to 1200 px high, growing with it (a 300 DPI
 * A4 page gets about 3). */
static double
legend_scale_for (const GaRenderView *view)
{
  return MAX (1.0, MIN (view->width, view->height) / 1080.0);
}

/* Thematic layers: symbols bottom up, then the labels of all layers placed together (as
 * every layout page draws them), then the legend in the bottom-left corner. */
static gboolean
draw_thematic (cairo_t                   *cr,
               GaLayerStore              *store,
               const GaRenderView        *view,
               const GaPngExportOptions  *options,
               GCancellable              *cancellable,
               GError                   **error)
{
  g_autoptr(GPtrArray) layers = g_ptr_array_new ();
  g_autoptr(GPtrArray) styles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) opacities = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) items = g_array_new (FALSE, TRUE, sizeof (GaLegendItem));
  guint n = ga_layer_store_get_n_layers (store);

  /* the visible layers and snapshots of their styles, top first */
  for (guint i = 0; i < n; i++)
    {
      GaLayer *layer = ga_layer_store_get (store, i);
      GaStyle *given = options->layer_styles != NULL
                       ? g_hash_table_lookup (options->layer_styles, layer) : NULL;
      double opacity = ga_layer_get_opacity (layer);
      GaStyle *snapshot;

      if (!ga_layer_get_visible (layer) || opacity <= 0.0)
        continue;
      if (given != NULL)
        snapshot = ga_style_copy (given);
      else
        snapshot = ga_style_new_for_layer (layer);
      ga_style_prepare (snapshot, layer);
      g_ptr_array_add (layers, layer);
      g_ptr_array_add (styles, snapshot);
      g_array_append_val (opacities, opacity);
    }

  if (!ga_layout_draw_map_layers (cr, view, (GaLayer * const *) layers->pdata,
                                  (GaStyle * const *) styles->pdata,
                                  (const double *) (void *) opacities->data, layers->len,
                                  cancellable))
    {
      g_cancellable_set_error_if_cancelled (cancellable, error);
      return FALSE;
    }

  for (guint i = 0; i < layers->len; i++)
    {
      GaLegendItem item = { g_ptr_array_index (layers, i), g_ptr_array_index (styles, i) };

      g_array_append_val (items, item);
    }

  if (options->legend && items->len > 0)
    {
      double scale = options->legend_scale > 0.0 ? options->legend_scale
                                                 : legend_scale_for (view);
      double w, h, margin = 12.0 * scale;

      ga_legend_measure (cr, (GaLegendItem *) (void *) items->data, items->len, scale, &w, &h);
      cairo_save (cr);
      cairo_translate (cr, margin, MAX (margin, view->height - margin - h));
      ga_legend_draw (cr, (GaLegendItem *) (void *) items->data, items->len, scale);
      cairo_restore (cr);
    }
  return TRUE;
}

/* ---- the whole image ---- */

cairo_surface_t *
ga_png_export_render (GaLayerStore              *store,
                      const GaRenderView        *view,
                      const GaPngExportOptions  *options,
                      char                     **warning,
                      GCancellable              *cancellable,
                      GError                   **error)
{
  static const GaPngExportOptions defaults = { NULL, FALSE, NULL, NULL, FALSE, NULL, FALSE, 0.0 };
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autoptr(cairo_t) cr = NULL;
  const char *attribution = NULL;
  gboolean basemap_drawn = FALSE;
  double background[4] = { 1.0, 1.0, 1.0, 1.0 };

  g_return_val_if_fail (GA_IS_LAYER_STORE (store), NULL);
  g_return_val_if_fail (view != NULL, NULL);
  g_return_val_if_fail (warning == NULL || *warning == NULL, NULL);

  if (options == NULL)
    options = &defaults;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, view->width, view->height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
                   _("Cannot make an image of %d × %d pixels: %s"), view->width, view->height,
                   cairo_status_to_string (cairo_surface_status (surface)));
      return NULL;
    }
  /* every pixel is painted next */
  ga_memory_prefault (cairo_image_surface_get_data (surface),
                      (gsize) cairo_image_surface_get_stride (surface) * view->height);
  cr = cairo_create (surface);
  if (options->style != NULL)
    ga_style_sheet_get_background (options->style, background);
  cairo_set_source_rgba (cr, background[0], background[1], background[2], background[3]);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);

  if (options->basemap != NULL && ga_basemap_get_kind (options->basemap) != GA_BASEMAP_NONE)
    {
      g_autoptr(GError) local_error = NULL;

      /* drawn in a group so that a basemap that fails half way leaves nothing behind */
      cairo_push_group (cr);
      if (ga_png_export_draw_basemap (cr, view, options->basemap, cancellable, &local_error))
        {
          cairo_pop_group_to_source (cr);
          cairo_paint (cr);
          basemap_drawn = TRUE;
        }
      else
        {
          cairo_pattern_destroy (cairo_pop_group (cr));
          if (!options->basemap_optional ||
              g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          if (warning != NULL)
            *warning = g_strdup (local_error->message);
        }
    }

  if (options->thematic)
    {
      if (!draw_thematic (cr, store, view, options, cancellable, error))
        return NULL;
    }
  else if (!draw_symbols (cr, store, view, options, cancellable, error))
    {
      return NULL;
    }

  if (basemap_drawn || options->attribution != NULL)
    {
      attribution = options->attribution;
      if (attribution == NULL)
        attribution = ga_basemap_get_attribution (options->basemap);
      ga_png_export_draw_attribution (cr, view->width, view->height, attribution);
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

static gboolean
write_png_cb (gpointer      user_data,
              const guint8 *data,
              gsize         length,
              GError      **error)
{
  return g_output_stream_write_all (user_data, data, length, NULL, NULL, error);
}

gboolean
ga_png_export_write (cairo_surface_t  *surface,
                     const char       *path,
                     GError          **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GError) local_error = NULL;

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

  if (!ga_png_writer_write (surface, write_png_cb, out, &local_error))
    {
      g_set_error (error, GA_ERROR, GA_ERROR_IO, _("Cannot write “%s”: %s"), path,
                   local_error->message);
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
