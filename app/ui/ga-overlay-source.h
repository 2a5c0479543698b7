/* ga-overlay-source.h — a ShumateMapSource that draws one GaLayer as tiles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "ga-layer.h"
#include "ga-renderer.h"

G_BEGIN_DECLS

#define GA_TYPE_OVERLAY_SOURCE (ga_overlay_source_get_type ())
G_DECLARE_FINAL_TYPE (GaOverlaySource, ga_overlay_source, GA, OVERLAY_SOURCE, ShumateMapSource)

/* Takes a symbol snapshot of @layer now (main thread); tiles are drawn in worker threads
 * with ga_renderer_render_tile(). */
GaOverlaySource *ga_overlay_source_new        (GaLayer *layer);
const GaSymbol  *ga_overlay_source_get_symbol (GaOverlaySource *self);
GaLayer         *ga_overlay_source_get_layer  (GaOverlaySource *self);

/* Tile fills started and not yet finished, over all overlay sources (for tests and
 * for knowing when the map has settled). */
guint            ga_overlay_source_get_n_pending (void);
/* Tiles filled so far, over all overlay sources. */
guint            ga_overlay_source_get_n_filled  (void);

G_END_DECLS
