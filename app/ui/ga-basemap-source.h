/* ga-basemap-source.h — the OpenStreetMap basemap, reporting network failures once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

#define GA_TYPE_BASEMAP_SOURCE (ga_basemap_source_get_type ())
G_DECLARE_FINAL_TYPE (GaBasemapSource, ga_basemap_source, GA, BASEMAP_SOURCE, ShumateMapSource)

/* OpenStreetMap standard tiles; the URL template comes from $GA_BASEMAP_URL if set.
 * Emits "tiles-failed" (no arguments) the first time a tile cannot be fetched. */
GaBasemapSource *ga_basemap_source_new_osm (void);

G_END_DECLS
