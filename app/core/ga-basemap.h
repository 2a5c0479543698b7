/* ga-basemap.h — what a basemap is: a description of a tile source (GTK-free)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The UI turns a GaBasemap into a libshumate map source; the headless renderer draws it
 * with GDAL or the MBTiles reader; offline packs download from it.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  GA_BASEMAP_NONE,     /* plain background */
  GA_BASEMAP_XYZ,      /* online {z}/{x}/{y} URL template */
  GA_BASEMAP_MBTILES,  /* a raster .mbtiles file */
  GA_BASEMAP_FOLDER,   /* a local folder of {z}/{x}/{y}.png (or .jpg) tiles */
} GaBasemapKind;

#define GA_TYPE_BASEMAP (ga_basemap_get_type ())
G_DECLARE_FINAL_TYPE (GaBasemap, ga_basemap, GA, BASEMAP, GObject)

GaBasemap     *ga_basemap_new_none          (void);
/* @id: stable identifier ("osm", "custom:…"); @max_bulk_tiles: most tiles an offline pack may
 * fetch from it (0 = bulk downloading forbidden by the server's terms). */
GaBasemap     *ga_basemap_new_xyz           (const char  *id,
                                             const char  *name,
                                             const char  *url_template,
                                             const char  *attribution,
                                             int          min_zoom,
                                             int          max_zoom,
                                             int          tile_size,
                                             guint        max_bulk_tiles);
/* Reads the file's metadata (name, attribution, zoom range, bounds); fails with a GA_ERROR
 * naming the file. */
GaBasemap     *ga_basemap_new_mbtiles       (const char  *path,
                                             GError     **error);
/* Scans the folder for z/x/y tiles to find the zoom range and format. */
GaBasemap     *ga_basemap_new_folder        (const char  *path,
                                             GError     **error);
/* "none", an http(s) URL template, an .mbtiles file or a tile folder (green-atlas-render
 * --basemap). */
GaBasemap     *ga_basemap_new_from_spec     (const char  *spec,
                                             GError     **error);

/* The well-known online sources whose terms allow use in an app, "none" first. */
GPtrArray     *ga_basemap_get_builtins      (void);

const char    *ga_basemap_get_id            (GaBasemap   *self);
GaBasemapKind  ga_basemap_get_kind          (GaBasemap   *self);
const char    *ga_basemap_get_name          (GaBasemap   *self);
const char    *ga_basemap_get_attribution   (GaBasemap   *self);
/* URL template (XYZ) or path (MBTILES, FOLDER); NULL for NONE */
const char    *ga_basemap_get_location      (GaBasemap   *self);
int            ga_basemap_get_min_zoom      (GaBasemap   *self);
int            ga_basemap_get_max_zoom      (GaBasemap   *self);
int            ga_basemap_get_tile_size     (GaBasemap   *self);
guint          ga_basemap_get_max_bulk_tiles (GaBasemap  *self);
/* For MBTILES with bounds: west, south, east, north in degrees; FALSE if unbounded. */
gboolean       ga_basemap_get_bounds        (GaBasemap   *self,
                                             double       bounds[4]);

/* Custom XYZ sources are kept in GSettings as a JSON string; these convert a list of
 * GaBasemap (XYZ only) to and from it. Invalid entries are skipped. */
char          *ga_basemap_list_to_json      (GPtrArray   *basemaps);
GPtrArray     *ga_basemap_list_from_json    (const char  *json);

/* Tiles a pack of @extent (Mercator metres) over zooms @min_zoom..@max_zoom needs. */
guint64        ga_tile_range_count          (double       min_x,
                                             double       min_y,
                                             double       max_x,
                                             double       max_y,
                                             int          min_zoom,
                                             int          max_zoom);

G_END_DECLS
