/* ga-labeler.h — labels shaped with Pango, placed once per zoom level, drawn per tile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Points are labelled at the point, polygons at an interior point, lines half way along
 * their longest part.
 *
 * Placement is decided for a whole zoom level at once, in world pixels (the world is
 * 256·2^zoom pixels wide): labels of all added layers, greedily by priority, each kept only
 * if it collides with no label placed before it.  The result is cached per zoom, so every
 * tile of that zoom draws the same labels at the same world positions: a label crossing a
 * tile edge is drawn half in each tile and the halves line up to the pixel.
 *
 * Thai (and Khmer, Lao, Burmese) text is shaped by Pango with HarfBuzz; the default font
 * list is "Noto Sans Thai, Noto Sans, Loma, sans".
 *
 * Threads: add layers on one thread first; after that ga_labeler_draw() may be called from
 * any number of worker threads at once.
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "ga-layer.h"
#include "ga-render-view.h"
#include "ga-renderer.h"

G_BEGIN_DECLS

#define GA_LABELER_FONT_FAMILIES "Noto Sans Thai, Noto Sans, Loma, sans"

#define GA_TYPE_LABELER (ga_labeler_get_type ())
G_DECLARE_FINAL_TYPE (GaLabeler, ga_labeler, GA, LABELER, GObject)

GaLabeler *ga_labeler_new           (void);
/* Takes the label settings of @symbol (copied); a symbol whose label_text is empty adds
 * nothing. Layers added earlier win ties of priority. Not after the first draw. */
void       ga_labeler_add_layer     (GaLabeler          *self,
                                     GaLayer            *layer,
                                     const GaSymbol     *symbol);
/* TRUE if @feature of @layer may be labelled (called during placement, any thread). */
typedef gboolean (*GaLabelerFilter) (GaLayer  *layer,
                                     guint     feature,
                                     gpointer  user_data);
/* As ga_labeler_add_layer(), labelling only the features @filter accepts (thematic styles:
 * the style's filter and classes). @destroy frees @user_data with the labeler. */
void       ga_labeler_add_layer_filtered (GaLabeler       *self,
                                          GaLayer         *layer,
                                          const GaSymbol  *symbol,
                                          GaLabelerFilter  filter,
                                          gpointer         user_data,
                                          GDestroyNotify   destroy);
gboolean   ga_labeler_has_labels    (GaLabeler          *self);
/* Draws the labels placed at @view's zoom that intersect @view into @cr (origin at the
 * view's top-left). Places the zoom level first if no other call has. FALSE if cancelled. */
gboolean   ga_labeler_draw          (GaLabeler          *self,
                                     cairo_t            *cr,
                                     const GaRenderView *view,
                                     GCancellable       *cancellable);
/* How many labels are placed at @zoom (places the zoom level if needed). */
guint      ga_labeler_get_n_placed  (GaLabeler          *self,
                                     double              zoom);
/* The world-pixel box (x, y, width, height, halo included) of the placed label whose text
 * is @text at @zoom; FALSE if it was not placed. */
gboolean   ga_labeler_get_placed_box (GaLabeler         *self,
                                      double             zoom,
                                      const char        *text,
                                      double             box[4]);

G_END_DECLS
