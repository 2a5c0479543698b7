/* ga-tile-reader.h — read the tiles of a local basemap (MBTiles file or tile folder)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Thread-safe: one reader may serve several tile workers.  Also the tile-range maths shared
 * by ga_tile_range_count() and offline packs.
 */
#pragma once

#include <gio/gio.h>

#include "ga-basemap.h"

G_BEGIN_DECLS

#define GA_TYPE_TILE_READER (ga_tile_reader_get_type ())
G_DECLARE_FINAL_TYPE (GaTileReader, ga_tile_reader, GA, TILE_READER, GObject)

/* @basemap must be GA_BASEMAP_MBTILES or GA_BASEMAP_FOLDER; fails with a GA_ERROR naming the
 * file (not SQLite, no tiles table, vector tiles, folder gone …). */
GaTileReader *ga_tile_reader_new      (GaBasemap     *basemap,
                                       GError       **error);
/* The tile's encoded bytes (PNG or JPEG); NULL without an error when the tile is absent or
 * outside the source's bounds or zoom range; NULL with an error on a read failure. */
GBytes       *ga_tile_reader_get_tile (GaTileReader  *self,
                                       int            z,
                                       int            x,
                                       int            y,
                                       GError       **error);

/* The XYZ tiles (y down) at zoom @z that intersect the Mercator extent, inclusive; FALSE if
 * none (the extent is outside the world or empty). */
gboolean      ga_tile_range_at_zoom   (double         min_x,
                                       double         min_y,
                                       double         max_x,
                                       double         max_y,
                                       int            z,
                                       int           *x0,
                                       int           *y0,
                                       int           *x1,
                                       int           *y1);

/* "png", "jpg" or NULL from the first bytes of an encoded tile. */
const char   *ga_tile_sniff_format    (GBytes        *data);

G_END_DECLS
