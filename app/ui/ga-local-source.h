/* ga-local-source.h — tiles from an MBTiles file or a {z}/{x}/{y} tile folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

#define GA_TYPE_LOCAL_SOURCE (ga_local_source_get_type ())
G_DECLARE_FINAL_TYPE (GaLocalSource, ga_local_source, GA, LOCAL_SOURCE, ShumateDataSource)

/* Opens @path now (a GA_ERROR names it if it is not a raster MBTiles); tiles are read
 * in worker threads.  Tiles outside the bounds or zoom range are simply empty. */
GaLocalSource *ga_local_source_new_mbtiles (const char  *path,
                                            GError     **error);
/* A folder of z/x/y.png (or .jpg, .jpeg, .webp) tiles; missing tiles are empty. */
GaLocalSource *ga_local_source_new_folder  (const char  *path);

/* Same signals as GaHttpSource: "tile-loaded" () and "tile-failed" (GError*, gboolean). */

G_END_DECLS
