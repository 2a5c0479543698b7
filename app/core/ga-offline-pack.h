/* ga-offline-pack.h — "Save area for offline use": download a tile range into an MBTiles file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Polite to tile servers: identifies itself with GA_USER_AGENT, at most two requests at a
 * time, refuses more tiles than the source's ga_basemap_get_max_bulk_tiles() (0 = the
 * server's terms forbid bulk downloads, e.g. OpenStreetMap's tile usage policy).
 */
#pragma once

#include <gio/gio.h>

#include "ga-basemap.h"

G_BEGIN_DECLS

/* Called on the caller's thread-default main context. */
typedef void (*GaPackProgressFunc) (guint64  tiles_done,
                                    guint64  tiles_total,
                                    guint64  bytes_done,
                                    gpointer user_data);

/* Average encoded size of one raster tile, for the estimate shown before starting. */
#define GA_OFFLINE_PACK_BYTES_PER_TILE_ESTIMATE (20 * 1024)

/* Checks the request against the source's limit; a GA_ERROR explains a refusal. */
gboolean ga_offline_pack_check          (GaBasemap          *source,
                                         double              min_x,
                                         double              min_y,
                                         double              max_x,
                                         double              max_y,
                                         int                 min_zoom,
                                         int                 max_zoom,
                                         GError            **error);

/* Extent in Mercator metres. The pack's metadata: name, attribution and zoom range of the
 * source, bounds of the extent. Writes atomically (see GaMbtilesWriter). Tiles that fail
 * (404 …) are skipped and counted; if every tile fails the download fails. */
void     ga_offline_pack_download_async  (GaBasemap          *source,
                                          double              min_x,
                                          double              min_y,
                                          double              max_x,
                                          double              max_y,
                                          int                 min_zoom,
                                          int                 max_zoom,
                                          const char         *path,
                                          GCancellable       *cancellable,
                                          GaPackProgressFunc  progress,
                                          gpointer            progress_data,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data);
gboolean ga_offline_pack_download_finish (GAsyncResult       *result,
                                          GError            **error);
/* The same, also giving how many tiles were saved and how many failed (404, 500, not an
 * image, timeout …); either pointer may be NULL. */
gboolean ga_offline_pack_download_finish_full (GAsyncResult   *result,
                                               guint64        *tiles_saved,
                                               guint64        *tiles_failed,
                                               GError        **error);

G_END_DECLS
