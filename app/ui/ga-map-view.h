/* ga-map-view.h — the map: basemap plus one tiled overlay per GaLayer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include <shumate/shumate.h>

#include "ga-basemap-source.h"
#include "ga-layer-store.h"
#include "ga-overlay-canvas.h"
#include "ga-style.h"

G_BEGIN_DECLS

#define GA_TYPE_MAP_VIEW (ga_map_view_get_type ())
G_DECLARE_FINAL_TYPE (GaMapView, ga_map_view, GA, MAP_VIEW, GtkWidget)

GaMapView       *ga_map_view_new               (void);
void             ga_map_view_set_store         (GaMapView      *self,
                                                GaLayerStore   *store);
ShumateMap      *ga_map_view_get_map           (GaMapView      *self);
ShumateViewport *ga_map_view_get_viewport      (GaMapView      *self);
/* Shows @basemap under the layers (NULL or a NONE basemap: a plain background) and
 * remembers @key, the chooser's name for it.  Fails (keeping the current basemap) if its
 * tiles cannot be opened, e.g. a damaged MBTiles file.  "basemap-failed" is emitted once
 * when its tiles start failing (see ga_basemap_source_dup_failure_message()). */
gboolean         ga_map_view_set_basemap       (GaMapView      *self,
                                                const char     *key,
                                                GaBasemap      *basemap,
                                                GError        **error);
/* The key given to ga_map_view_set_basemap(), "none" at first. */
const char      *ga_map_view_get_basemap       (GaMapView      *self);
/* NULL for a plain background. */
GaBasemapSource *ga_map_view_get_basemap_source (GaMapView     *self);
/* The area on screen, in Web Mercator metres. */
void             ga_map_view_get_visible_extent (GaMapView     *self,
                                                 GaExtent      *extent);
/* Zoom by one whole level, keeping the zoom an integer so tiles stay crisp. */
void             ga_map_view_zoom_in           (GaMapView      *self);
void             ga_map_view_zoom_out          (GaMapView      *self);
/* Shows a Mercator extent; @animate = FALSE jumps at once. */
void             ga_map_view_zoom_to_extent    (GaMapView      *self,
                                                const GaExtent *extent,
                                                gboolean        animate);
/* Shows a Mercator extent (no margin: a slide's extent is what was on screen) at the
 * largest whole zoom that fits it above @bottom_inset pixels of the widget (covered by a
 * caption), centred there, flying over @duration_ms (0, or an unmapped map: at once). */
void             ga_map_view_fly_to_extent     (GaMapView      *self,
                                                const GaExtent *extent,
                                                int             bottom_inset,
                                                guint           duration_ms);
/* Sets the layer's visibility; on this map its overlay fades in or out over @duration_ms
 * (hidden only at the end of a fade out). Other maps of the same layer switch at once. */
void             ga_map_view_set_layer_visible_animated (GaMapView *self,
                                                GaLayer        *layer,
                                                gboolean        visible,
                                                guint           duration_ms);
gboolean         ga_map_view_get_layer_fading  (GaMapView      *self,
                                                GaLayer        *layer);
/* Hides the zoom and legend buttons, the scale and the licence (presentation). */
void             ga_map_view_set_controls_visible (GaMapView   *self,
                                                gboolean        visible);
/* The viewport centre in degrees and its zoom, and setting them at once. */
void             ga_map_view_get_center        (GaMapView      *self,
                                                double         *lat,
                                                double         *lon,
                                                double         *zoom);
void             ga_map_view_set_center        (GaMapView      *self,
                                                double          lat,
                                                double          lon,
                                                double          zoom);
/* The scale bar of the viewport's centre and zoom (ga_layout_draw_scale_bar) at @cr's
 * origin, at most @max_width long, sized by @scale (1.0 = screen sizes). */
void             ga_map_view_draw_scale_bar    (GaMapView      *self,
                                                cairo_t        *cr,
                                                double          max_width,
                                                double          scale);
/* The tile layer that shows @layer in the canvas, or NULL. */
GaTileLayer     *ga_map_view_get_overlay_layer (GaMapView      *self,
                                                GaLayer        *layer);
/* The one tile layer with the labels of all visible layers (above every overlay). */
GaTileLayer     *ga_map_view_get_label_layer   (GaMapView      *self);
/* The map layer that draws every overlay and the labels, above the basemap. */
GaOverlayCanvas *ga_map_view_get_canvas        (GaMapView      *self);
/* Layers whose tiles are being re-rendered after a style change (debounced or swapping),
 * plus one while the label layer is (after any change of layers, order, visibility or style). */
guint            ga_map_view_get_n_refreshing  (GaMapView      *self);
/* Re-reads @layer's style (after ga_layer_style_set) and re-renders it. */
void             ga_map_view_restyle           (GaMapView      *self,
                                                GaLayer        *layer);
/* The prepared style snapshot the tiles of @layer are drawn with now, or NULL. */
GaStyle         *ga_map_view_get_drawn_style   (GaMapView      *self,
                                                GaLayer        *layer);

/* Legend panel (drawn by ga_legend_draw) for the visible layers, top first. */
gboolean         ga_map_view_get_legend_visible (GaMapView     *self);
void             ga_map_view_set_legend_visible (GaMapView     *self,
                                                 gboolean       visible);
GtkWidget       *ga_map_view_get_legend_area   (GaMapView      *self);

/* Features under widget point (x, y) of the map, topmost first: appends to @layers
 * (GaLayer*, not owned) and @features (guint); either may be NULL. Returns the count. */
guint            ga_map_view_hit_test          (GaMapView      *self,
                                                double          x,
                                                double          y,
                                                GPtrArray      *layers,
                                                GArray         *features);
/* What a click does: the popover with the attributes of the feature under (x, y), or a
 * list to choose from when there are several; returns the number of features there. */
guint            ga_map_view_inspect_at        (GaMapView      *self,
                                                double          x,
                                                double          y);
GtkPopover      *ga_map_view_get_inspect_popover (GaMapView    *self);
/* Outlines one feature above the map (@layer NULL clears). */
void             ga_map_view_highlight         (GaMapView      *self,
                                                GaLayer        *layer,
                                                guint           feature);
gboolean         ga_map_view_get_highlight     (GaMapView      *self,
                                                GaLayer       **layer,
                                                guint          *feature);
/* Highlights @feature and moves the map to it. */
void             ga_map_view_show_feature      (GaMapView      *self,
                                                GaLayer        *layer,
                                                guint           feature,
                                                gboolean        animate);

G_END_DECLS
