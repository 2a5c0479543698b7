/* ga-gtfs.h — GTFS transit feeds (zip) as a lines layer and a stops layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GDAL 3.6 has no GTFS driver: the feed's text files are read with GDAL's CSV driver through
 * /vsizip/. Lines come from shapes.txt (points in shape_pt_sequence order) for the trips of each
 * route, or, without shapes.txt, from the stop sequence of one representative trip per route and
 * direction (stop_times.txt). Coordinates are transformed from EPSG:4326 to EPSG:3857.
 */
#pragma once

#include <gio/gio.h>

#include "ga-layer.h"

G_BEGIN_DECLS

/* TRUE if the zip at @path holds stops.txt and routes.txt at its root or in one sub-folder. */
gboolean    ga_gtfs_is_feed   (const char    *path);
/* Two sealed layers, "<feed> lines" (route_id, route_short_name, route_long_name, route_color,
 * route_type) and "<feed> stops" (stop_id, stop_name, stop_code, …). @display names the file
 * in messages (NULL = basename of @path). */
GPtrArray  *ga_gtfs_load      (const char    *path,
                               const char    *display,
                               GCancellable  *cancellable,
                               GError       **error);

G_END_DECLS
