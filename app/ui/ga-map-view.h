/* ga-map-view.h — the map: basemap plus one tiled overlay per GaLayer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include <shumate/shumate.h>

#include "ga-layer-store.h"

G_BEGIN_DECLS

#define GA_TYPE_MAP_VIEW (ga_map_view_get_type ())
G_DECLARE_FINAL_TYPE (GaMapView, ga_map_view, GA, MAP_VIEW, GtkWidget)

GaMapView       *ga_map_view_new               (void);
void             ga_map_view_set_store         (GaMapView      *self,
                                                GaLayerStore   *store);
ShumateMap      *ga_map_view_get_map           (GaMapView      *self);
ShumateViewport *ga_map_view_get_viewport      (GaMapView      *self);
/* "osm" or "none" */
void             ga_map_view_set_basemap       (GaMapView      *self,
                                                const char     *basemap);
const char      *ga_map_view_get_basemap       (GaMapView      *self);
/* Zoom by one whole level, keeping the zoom an integer so tiles stay crisp. */
void             ga_map_view_zoom_in           (GaMapView      *self);
void             ga_map_view_zoom_out          (GaMapView      *self);
/* Shows a Mercator extent; @animate = FALSE jumps at once. */
void             ga_map_view_zoom_to_extent    (GaMapView      *self,
                                                const GaExtent *extent,
                                                gboolean        animate);
/* The ShumateMapLayer that shows @layer, or NULL. */
ShumateLayer    *ga_map_view_get_overlay_layer (GaMapView      *self,
                                                GaLayer        *layer);

G_END_DECLS
