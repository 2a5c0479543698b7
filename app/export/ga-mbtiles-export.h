/* ga-mbtiles-export.h — render layers into an MBTiles basemap (green-atlas-render --mbtiles)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every tile of @extent at zooms @min_zoom..@max_zoom is drawn by the one renderer (layers
 * bottom to top, composited as on screen, labels placed consistently across tile edges) and
 * written as PNG through GaMbtilesWriter (atomic).  Tiles run in parallel worker threads.
 */
#pragma once

#include <gio/gio.h>

#include "ga-layer-store.h"
#include "ga-reader.h"
#include "ga-style-sheet.h"

G_BEGIN_DECLS

/* @style may be NULL (default symbols, transparent background); @extent in Mercator metres,
 * NULL = all visible layers. @name/@attribution go to the metadata table. @progress gets
 * tiles done / total. */
gboolean ga_mbtiles_export (GaLayerStore    *store,
                            GaStyleSheet    *style,
                            const GaExtent  *extent,
                            int              min_zoom,
                            int              max_zoom,
                            const char      *name,
                            const char      *attribution,
                            const char      *path,
                            GCancellable    *cancellable,
                            GaProgressFunc   progress,
                            gpointer         progress_data,
                            GError         **error);

G_END_DECLS
