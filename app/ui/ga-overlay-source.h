/* ga-overlay-source.h — a ShumateMapSource that draws one GaLayer as tiles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "ga-layer.h"
#include "ga-style.h"

G_BEGIN_DECLS

#define GA_TYPE_OVERLAY_SOURCE (ga_overlay_source_get_type ())
G_DECLARE_FINAL_TYPE (GaOverlaySource, ga_overlay_source, GA, OVERLAY_SOURCE, ShumateMapSource)

/* Takes a snapshot of @style now (ga_style_copy + ga_style_prepare, both on the calling
 * thread: a pass over every feature); tiles are drawn opaque in worker threads with
 * ga_thematic_render_tile_full(), WITHOUT labels (the map's label source draws the labels
 * of all layers together). */
GaOverlaySource *ga_overlay_source_new        (GaLayer         *layer,
                                               GaStyle         *style);
/* The same, with @snapshot already prepared for @layer (referenced, never modified). */
GaOverlaySource *ga_overlay_source_new_prepared (GaLayer       *layer,
                                               GaStyle         *snapshot);
/* The same without work on the main thread: copies @style now and prepares the copy in a
 * worker.  The source returned is not ready (ga_overlay_source_is_ready(), no snapshot, fills
 * no tile: do not show a map layer of it) until @callback calls
 * ga_overlay_source_new_finish(), which installs the snapshot.  After @cancellable is
 * cancelled, finish fails with G_IO_ERROR_CANCELLED and the source never becomes ready. */
GaOverlaySource *ga_overlay_source_new_async  (GaLayer         *layer,
                                               GaStyle         *style,
                                               GCancellable    *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer         user_data);
gboolean         ga_overlay_source_new_finish (GaOverlaySource *self,
                                               GAsyncResult    *result,
                                               GError         **error);
/* A snapshot of @style prepared for @layer ahead of time, off the main thread (the load
 * worker does it right after making the default style), kept on @layer until the first
 * overlay source for @style takes it: ga_overlay_source_take_prepared() returns it (full
 * reference) if it was made from @style and @style was not changed since, else NULL; either
 * way it is no longer kept.  Main thread. */
void             ga_overlay_source_attach_prepared (GaLayer     *layer,
                                               GaStyle         *style,
                                               GaStyle         *snapshot);
GaStyle         *ga_overlay_source_take_prepared (GaLayer       *layer,
                                               GaStyle         *style);
/* TRUE once the source has its prepared snapshot (always for the label source). */
gboolean         ga_overlay_source_is_ready   (GaOverlaySource *self);
/* The one label source of the map: draws the labels of all @n layers with
 * ga_thematic_render_label_tile().  @layers and @snapshots (prepared style snapshots, e.g.
 * those of the layers' overlay sources; referenced, never modified) go top layer first. */
GaOverlaySource *ga_overlay_source_new_labels (GaLayer        **layers,
                                               GaStyle        **snapshots,
                                               guint            n);
/* How many layers a label source labels (0 for a layer's source). */
guint            ga_overlay_source_get_n_label_layers (GaOverlaySource *self);
/* The prepared snapshot (do not modify); NULL for the label source and until ready. */
GaStyle         *ga_overlay_source_get_style  (GaOverlaySource *self);
/* NULL for the label source. */
GaLayer         *ga_overlay_source_get_layer  (GaOverlaySource *self);
/* Fills of this source started and not finished / finished so far. */
guint            ga_overlay_source_get_pending (GaOverlaySource *self);
guint            ga_overlay_source_get_filled  (GaOverlaySource *self);

/* The image a fill of an overlay source gave @tile (borrowed), NULL where the tile is empty
 * or was not filled by an overlay source. */
cairo_surface_t *ga_overlay_source_get_tile_surface (ShumateTile *tile);

/* Tile fills started and not yet finished, plus snapshots being prepared, over all overlay and
 * label sources (for tests and for knowing when the map has settled). */
guint            ga_overlay_source_get_n_pending (void);
/* Tiles are drawn on one thread fewer than there are cores (at least one) while the map
 * moves, so that the window keeps a core, and on one per core while it is still.  The
 * map's canvas says which (main thread). */
void             ga_overlay_source_set_interacting (gboolean interacting);
/* How many tiles may be drawn at the same time now. */
guint            ga_overlay_source_get_max_fills  (void);
/* The most tiles drawn at the same time so far. */
guint            ga_overlay_source_get_peak_fills (void);
/* Tiles filled so far, over all overlay sources. */
guint            ga_overlay_source_get_n_filled  (void);

G_END_DECLS
