/* ga-basemap-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Delegates every tile to a ShumateRasterRenderer over the OSM URL template.  libshumate
 * silently drops tile errors, so without this wrapper the app could not tell the user that
 * the basemap is offline; with it the window shows one calm toast, once.
 */
#define G_LOG_DOMAIN "ga-basemap-source"

#include "config.h"

#include "ga-basemap-source.h"

#define OSM_URL "https://tile.openstreetmap.org/{z}/{x}/{y}.png"

struct _GaBasemapSource
{
  ShumateMapSource  parent_instance;
  ShumateMapSource *inner;
  gboolean          failed_reported;
};

G_DEFINE_FINAL_TYPE (GaBasemapSource, ga_basemap_source, SHUMATE_TYPE_MAP_SOURCE)

enum
{
  TILES_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_inner_filled_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GaBasemapSource *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (!shumate_map_source_fill_tile_finish (SHUMATE_MAP_SOURCE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !self->failed_reported)
        {
          self->failed_reported = TRUE;
          g_debug ("Basemap tile failed: %s", error->message);
          g_signal_emit (self, signals[TILES_FAILED], 0);
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
ga_basemap_source_fill_tile_async (ShumateMapSource    *source,
                                   ShumateTile         *tile,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GaBasemapSource *self = GA_BASEMAP_SOURCE (source);
  GTask *task;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ga_basemap_source_fill_tile_async);
  shumate_map_source_fill_tile_async (self->inner, tile, cancellable, on_inner_filled_cb, task);
}

static gboolean
ga_basemap_source_fill_tile_finish (ShumateMapSource  *source,
                                    GAsyncResult      *result,
                                    GError           **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
ga_basemap_source_dispose (GObject *object)
{
  GaBasemapSource *self = GA_BASEMAP_SOURCE (object);

  g_clear_object (&self->inner);
  G_OBJECT_CLASS (ga_basemap_source_parent_class)->dispose (object);
}

static void
ga_basemap_source_class_init (GaBasemapSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateMapSourceClass *source_class = SHUMATE_MAP_SOURCE_CLASS (klass);

  object_class->dispose = ga_basemap_source_dispose;
  source_class->fill_tile_async = ga_basemap_source_fill_tile_async;
  source_class->fill_tile_finish = ga_basemap_source_fill_tile_finish;

  signals[TILES_FAILED] = g_signal_new ("tiles-failed", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 0);
}

static void
ga_basemap_source_init (GaBasemapSource *self)
{
}

GaBasemapSource *
ga_basemap_source_new_osm (void)
{
  GaBasemapSource *self;
  ShumateMapSource *source;
  const char *url = g_getenv ("GA_BASEMAP_URL");

  if (url == NULL || *url == '\0')
    url = OSM_URL;

  self = g_object_new (GA_TYPE_BASEMAP_SOURCE, NULL);
  self->inner = SHUMATE_MAP_SOURCE (
    shumate_raster_renderer_new_full_from_url ("osm-mapnik", "OpenStreetMap",
                                               "© OpenStreetMap contributors",
                                               "https://www.openstreetmap.org/copyright",
                                               0, 19, 256, SHUMATE_MAP_PROJECTION_MERCATOR,
                                               url));

  source = SHUMATE_MAP_SOURCE (self);
  shumate_map_source_set_id (source, shumate_map_source_get_id (self->inner));
  shumate_map_source_set_name (source, shumate_map_source_get_name (self->inner));
  shumate_map_source_set_license (source, shumate_map_source_get_license (self->inner));
  shumate_map_source_set_license_uri (source, shumate_map_source_get_license_uri (self->inner));
  shumate_map_source_set_min_zoom_level (source, 0);
  shumate_map_source_set_max_zoom_level (source, 19);
  shumate_map_source_set_tile_size (source, 256);
  shumate_map_source_set_projection (source, SHUMATE_MAP_PROJECTION_MERCATOR);
  return self;
}
