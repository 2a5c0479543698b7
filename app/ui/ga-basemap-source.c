/* ga-basemap-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Turns a GaBasemap into a ShumateRasterRenderer over one of our data sources (GaHttpSource
 * for XYZ, GaLocalSource for MBTiles and tile folders) and listens to their per-tile
 * results.  libshumate drops tile errors silently, so this is where the app learns that a
 * basemap is failing — and it reports that once, never per tile.
 */
#define G_LOG_DOMAIN "ga-basemap-source"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>
#include <string.h>

#include "ga-basemap-source.h"
#include "ga-error.h"
#include "ga-http-source.h"
#include "ga-local-source.h"
#include "ga-tile-reader.h"

struct _GaBasemapSource
{
  GObject            parent_instance;
  GaBasemap         *basemap;
  ShumateDataSource *data;
  ShumateMapSource  *renderer;
  guint              n_loaded;
  guint              n_failed;
  gboolean           showed_cached;
  GError            *failure;
};

G_DEFINE_FINAL_TYPE (GaBasemapSource, ga_basemap_source, G_TYPE_OBJECT)

enum
{
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

gboolean
ga_tile_data_check (GBytes  *bytes,
                    GError **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  const guint8 *data;
  const char *type;
  gsize size;

  if (bytes == NULL || g_bytes_get_size (bytes) == 0)
    {
      g_set_error_literal (error, GA_ERROR, GA_ERROR_CORRUPT, _("the tile is empty"));
      return FALSE;
    }
  /* gdk-pixbuf shows a cut-off PNG or JPEG as a half-grey tile without complaint: look
   * for the end marker (PNG's IEND chunk, JPEG's EOI) first. */
  data = g_bytes_get_data (bytes, &size);
  if (size >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0
      && (size < 20 || memcmp (data + size - 8, "IEND\xae\x42\x60\x82", 8) != 0))
    {
      g_set_error_literal (error, GA_ERROR, GA_ERROR_CORRUPT, _("the tile image is cut off"));
      return FALSE;
    }
  if (size >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    {
      gboolean eoi = FALSE;

      for (gsize i = size - 1; i > 0 && i + 64 > size && !eoi; i--)
        eoi = data[i - 1] == 0xff && data[i] == 0xd9;
      if (!eoi)
        {
          g_set_error_literal (error, GA_ERROR, GA_ERROR_CORRUPT, _("the tile image is cut off"));
          return FALSE;
        }
    }

  /* Decoded as ShumateRasterRenderer will decode it from "received-data", so a tile that
   * passes here never makes it log a warning. This runs in workers: a format known by its
   * first bytes goes to its gdk-pixbuf loader by name, because finding it by content
   * (g_content_type_guess) holds GIO's MIME lock, and the main thread waits on that lock
   * in its own decoding while a worker at background priority holds it (stalls of 35 ms
   * and more seen in bench-map-ui over the bundled basemap). */
  /* gdk-pixbuf's loaders are named "png" and "jpeg" */
  type = ga_tile_sniff_format (bytes);
  if (g_strcmp0 (type, "jpg") == 0)
    type = "jpeg";
  if (type != NULL)
    {
      g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new_with_type (type, NULL);

      if (loader != NULL)
        {
          g_autoptr(GError) local = NULL;
          gboolean ok = gdk_pixbuf_loader_write (loader, data, size, &local);

          /* closing also tells an image that ends too soon */
          ok = gdk_pixbuf_loader_close (loader, ok ? &local : NULL) && ok &&
               gdk_pixbuf_loader_get_pixbuf (loader) != NULL;
          if (!ok && local != NULL)
            g_propagate_error (error, g_steal_pointer (&local));
          else if (!ok)
            g_set_error_literal (error, GA_ERROR, GA_ERROR_CORRUPT,
                                 _("the tile image is cut off"));
          return ok;
        }
    }
  stream = g_memory_input_stream_new_from_bytes (bytes);
  pixbuf = gdk_pixbuf_new_from_stream (stream, NULL, error);
  return pixbuf != NULL;
}

void
ga_tile_source_class_add_signals (GObjectClass *klass)
{
  g_signal_new ("tile-loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                NULL, NULL, NULL, G_TYPE_NONE, 0);
  g_signal_new ("tile-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_ERROR, G_TYPE_BOOLEAN);
}

static void
on_tile_loaded_cb (ShumateDataSource *data,
                   GaBasemapSource   *self)
{
  self->n_loaded++;
}

static void
on_tile_failed_cb (ShumateDataSource *data,
                   const GError      *error,
                   gboolean           cached,
                   GaBasemapSource   *self)
{
  self->n_failed++;
  self->showed_cached |= cached;
  if (self->failure)
    return;
  /* A 404 is a hole in the server's coverage unless nothing has loaded at all. */
  if (g_error_matches (error, GA_ERROR, GA_ERROR_NOT_FOUND) && self->n_loaded > 0)
    return;
  self->failure = g_error_copy (error);
  g_debug ("Basemap %s is failing: %s", ga_basemap_get_id (self->basemap), error->message);
  g_signal_emit (self, signals[FAILED], 0);
}

static void
ga_basemap_source_dispose (GObject *object)
{
  GaBasemapSource *self = GA_BASEMAP_SOURCE (object);

  if (self->data)
    {
      g_signal_handlers_disconnect_by_data (self->data, self);
      g_clear_object (&self->data);
    }
  g_clear_object (&self->renderer);
  g_clear_object (&self->basemap);
  G_OBJECT_CLASS (ga_basemap_source_parent_class)->dispose (object);
}

static void
ga_basemap_source_finalize (GObject *object)
{
  GaBasemapSource *self = GA_BASEMAP_SOURCE (object);

  g_clear_error (&self->failure);
  G_OBJECT_CLASS (ga_basemap_source_parent_class)->finalize (object);
}

static void
ga_basemap_source_class_init (GaBasemapSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ga_basemap_source_dispose;
  object_class->finalize = ga_basemap_source_finalize;

  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ga_basemap_source_init (GaBasemapSource *self)
{
}

GaBasemapSource *
ga_basemap_source_new (GaBasemap  *basemap,
                       GError    **error)
{
  g_autoptr(GaBasemapSource) self = NULL;
  const char *location;
  const char *attribution;
  int min_zoom, max_zoom, tile_size;

  g_return_val_if_fail (GA_IS_BASEMAP (basemap), NULL);

  location = ga_basemap_get_location (basemap);
  self = g_object_new (GA_TYPE_BASEMAP_SOURCE, NULL);
  self->basemap = g_object_ref (basemap);

  switch (ga_basemap_get_kind (basemap))
    {
    case GA_BASEMAP_XYZ:
      self->data = SHUMATE_DATA_SOURCE (ga_http_source_new (location, ga_basemap_get_id (basemap)));
      break;
    case GA_BASEMAP_MBTILES:
      self->data = SHUMATE_DATA_SOURCE (ga_local_source_new_mbtiles (location, error));
      if (self->data == NULL)
        return NULL;
      break;
    case GA_BASEMAP_FOLDER:
      if (!g_file_test (location, G_FILE_TEST_IS_DIR))
        {
          g_set_error (error, GA_ERROR, GA_ERROR_NOT_FOUND,
                       _("The tile folder “%s” is not there any more."), location);
          return NULL;
        }
      self->data = SHUMATE_DATA_SOURCE (ga_local_source_new_folder (location));
      break;
    case GA_BASEMAP_NONE:
    default:
      g_set_error (error, GA_ERROR, GA_ERROR_BAD_ARGUMENT, _("“%s” has no map tiles."),
                   ga_basemap_get_name (basemap));
      return NULL;
    }

  g_signal_connect (self->data, "tile-loaded", G_CALLBACK (on_tile_loaded_cb), self);
  g_signal_connect (self->data, "tile-failed", G_CALLBACK (on_tile_failed_cb), self);

  attribution = ga_basemap_get_attribution (basemap);
  min_zoom = CLAMP (ga_basemap_get_min_zoom (basemap), 0, 30);
  max_zoom = CLAMP (ga_basemap_get_max_zoom (basemap), min_zoom, 30);
  tile_size = ga_basemap_get_tile_size (basemap) > 0 ? ga_basemap_get_tile_size (basemap) : 256;
  self->renderer = SHUMATE_MAP_SOURCE (
    shumate_raster_renderer_new_full (ga_basemap_get_id (basemap), ga_basemap_get_name (basemap),
                                      attribution ? attribution : "", "",
                                      min_zoom, max_zoom, tile_size,
                                      SHUMATE_MAP_PROJECTION_MERCATOR, self->data));
  return g_steal_pointer (&self);
}

GaBasemap *
ga_basemap_source_get_basemap (GaBasemapSource *self)
{
  g_return_val_if_fail (GA_IS_BASEMAP_SOURCE (self), NULL);
  return self->basemap;
}

ShumateMapSource *
ga_basemap_source_get_map_source (GaBasemapSource *self)
{
  g_return_val_if_fail (GA_IS_BASEMAP_SOURCE (self), NULL);
  return self->renderer;
}

guint
ga_basemap_source_get_n_loaded (GaBasemapSource *self)
{
  g_return_val_if_fail (GA_IS_BASEMAP_SOURCE (self), 0);
  return self->n_loaded;
}

guint
ga_basemap_source_get_n_failed (GaBasemapSource *self)
{
  g_return_val_if_fail (GA_IS_BASEMAP_SOURCE (self), 0);
  return self->n_failed;
}

const GError *
ga_basemap_source_get_failure (GaBasemapSource *self)
{
  g_return_val_if_fail (GA_IS_BASEMAP_SOURCE (self), NULL);
  return self->failure;
}

char *
ga_basemap_source_dup_failure_message (GaBasemapSource *self)
{
  g_return_val_if_fail (GA_IS_BASEMAP_SOURCE (self), NULL);

  if (self->failure == NULL)
    return NULL;
  if (self->showed_cached)
    /* Translators: %s is the reason, e.g. “no network” */
    return g_strdup_printf (_("Basemap unavailable: %s — showing cached tiles"),
                            self->failure->message);
  /* Translators: %s is the reason, e.g. “no network” */
  return g_strdup_printf (_("Basemap unavailable: %s"), self->failure->message);
}
