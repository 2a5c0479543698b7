/* ga-tile-reader.c — read the tiles of a local basemap (MBTiles file or tile folder)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ga-tile-reader"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ga-error.h"
#include "ga-layer.h"
#include "ga-mbtiles.h"
#include "ga-tile-reader.h"

#define MAX_ZOOM_LEVEL 30

struct _GaTileReader
{
  GObject        parent_instance;

  GaBasemapKind  kind;
  char          *path;
  int            min_zoom;
  int            max_zoom;
  GaMbtiles     *mbtiles;
};

G_DEFINE_FINAL_TYPE (GaTileReader, ga_tile_reader, G_TYPE_OBJECT)

static void
ga_tile_reader_finalize (GObject *object)
{
  GaTileReader *self = GA_TILE_READER (object);

  g_clear_object (&self->mbtiles);
  g_free (self->path);

  G_OBJECT_CLASS (ga_tile_reader_parent_class)->finalize (object);
}

static void
ga_tile_reader_class_init (GaTileReaderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ga_tile_reader_finalize;
}

static void
ga_tile_reader_init (GaTileReader *self)
{
}

GaTileReader *
ga_tile_reader_new (GaBasemap  *basemap,
                    GError    **error)
{
  g_autoptr(GaTileReader) self = NULL;
  const char *path;

  g_return_val_if_fail (GA_IS_BASEMAP (basemap), NULL);

  path = ga_basemap_get_location (basemap);
  self = g_object_new (GA_TYPE_TILE_READER, NULL);
  self->kind = ga_basemap_get_kind (basemap);
  self->path = g_strdup (path);
  self->min_zoom = ga_basemap_get_min_zoom (basemap);
  self->max_zoom = ga_basemap_get_max_zoom (basemap);

  switch (self->kind)
    {
    case GA_BASEMAP_MBTILES:
      self->mbtiles = ga_mbtiles_open (path, error);
      if (self->mbtiles == NULL)
        return NULL;
      break;

    case GA_BASEMAP_FOLDER:
      if (!g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_autofree char *display = g_path_get_basename (path);

          g_set_error (error, GA_ERROR, GA_ERROR_NOT_FOUND,
                       _("The tile folder “%s” is no longer there."), display);
          return NULL;
        }
      break;

    case GA_BASEMAP_NONE:
    case GA_BASEMAP_XYZ:
    default:
      g_set_error (error, GA_ERROR, GA_ERROR_UNSUPPORTED,
                   _("The basemap “%s” is not a local file."), ga_basemap_get_name (basemap));
      return NULL;
    }
  return g_steal_pointer (&self);
}

GBytes *
ga_tile_reader_get_tile (GaTileReader  *self,
                         int            z,
                         int            x,
                         int            y,
                         GError       **error)
{
  static const char * const extensions[] = { "png", "jpg", "jpeg" };
  int n;

  g_return_val_if_fail (GA_IS_TILE_READER (self), NULL);

  if (self->mbtiles != NULL)
    return ga_mbtiles_get_tile (self->mbtiles, z, x, y, error);

  if (z < self->min_zoom || z > self->max_zoom)
    return NULL;
  n = 1 << z;
  if (x < 0 || y < 0 || x >= n || y >= n)
    return NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (extensions); i++)
    {
      g_autofree char *name = g_strdup_printf ("%d.%s", y, extensions[i]);
      g_autofree char *zs = g_strdup_printf ("%d", z);
      g_autofree char *xs = g_strdup_printf ("%d", x);
      g_autofree char *file = g_build_filename (self->path, zs, xs, name, NULL);
      g_autoptr(GError) local_error = NULL;
      char *contents = NULL;
      gsize length = 0;

      if (g_file_get_contents (file, &contents, &length, &local_error))
        return g_bytes_new_take (contents, length);
      if (!g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_set_error_literal (error, GA_ERROR, GA_ERROR_IO, local_error->message);
          return NULL;
        }
    }
  return NULL;
}

gboolean
ga_tile_range_at_zoom (double  min_x,
                       double  min_y,
                       double  max_x,
                       double  max_y,
                       int     z,
                       int    *x0,
                       int    *y0,
                       int    *x1,
                       int    *y1)
{
  const double h = GA_MERCATOR_HALF_WORLD;
  double n, fx0, fx1, fy0, fy1;

  g_return_val_if_fail (z >= 0 && z <= MAX_ZOOM_LEVEL, FALSE);

  if (!(min_x <= max_x) || !(min_y <= max_y) || max_x <= -h || min_x >= h ||
      max_y <= -h || min_y >= h)
    return FALSE;

  n = exp2 (z);
  /* tile coordinates, y down; an edge exactly on a tile border does not take the next tile */
  fx0 = (MAX (min_x, -h) + h) / (2 * h) * n;
  fx1 = (MIN (max_x, h) + h) / (2 * h) * n;
  fy0 = (h - MIN (max_y, h)) / (2 * h) * n;
  fy1 = (h - MAX (min_y, -h)) / (2 * h) * n;

  *x0 = (int) CLAMP (floor (fx0), 0, n - 1);
  *y0 = (int) CLAMP (floor (fy0), 0, n - 1);
  *x1 = (int) CLAMP (ceil (fx1) - 1, *x0, n - 1);
  *y1 = (int) CLAMP (ceil (fy1) - 1, *y0, n - 1);
  return TRUE;
}

const char *
ga_tile_sniff_format (GBytes *data)
{
  gsize size = 0;
  const guint8 *p;

  if (data == NULL)
    return NULL;
  p = g_bytes_get_data (data, &size);
  if (size >= 8 && memcmp (p, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "png";
  if (size >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
    return "jpg";
  return NULL;
}
