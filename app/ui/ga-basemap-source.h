/* ga-basemap-source.h — a GaBasemap on the map: tile source, licence, one failure report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "ga-basemap.h"

G_BEGIN_DECLS

#define GA_TYPE_BASEMAP_SOURCE (ga_basemap_source_get_type ())
G_DECLARE_FINAL_TYPE (GaBasemapSource, ga_basemap_source, GA, BASEMAP_SOURCE, GObject)

/* @basemap: XYZ, MBTILES or FOLDER (not NONE).  The URL template of XYZ basemaps is used
 * as is; MBTiles files are opened now, so a bad file fails here with a GA_ERROR. */
GaBasemapSource  *ga_basemap_source_new             (GaBasemap       *basemap,
                                                     GError         **error);
GaBasemap        *ga_basemap_source_get_basemap     (GaBasemapSource *self);
/* The ShumateRasterRenderer to put in a ShumateMapLayer; its licence is the attribution. */
ShumateMapSource *ga_basemap_source_get_map_source  (GaBasemapSource *self);
guint             ga_basemap_source_get_n_loaded    (GaBasemapSource *self);
guint             ga_basemap_source_get_n_failed    (GaBasemapSource *self);
/* The first failure worth telling the user, or NULL.  "failed" (no arguments) is emitted
 * once, when it is set. */
const GError     *ga_basemap_source_get_failure     (GaBasemapSource *self);
/* "Basemap unavailable: no network — showing cached tiles"; NULL without a failure. */
char             *ga_basemap_source_dup_failure_message (GaBasemapSource *self);

/* For the tile sources (worker threads): TRUE if @bytes decode as an image the way
 * ShumateRasterRenderer will decode them. */
gboolean          ga_tile_data_check                (GBytes          *bytes,
                                                     GError         **error);
/* Registers "tile-loaded" and "tile-failed" on a ShumateDataSource subclass. */
void              ga_tile_source_class_add_signals  (GObjectClass    *klass);

G_END_DECLS
