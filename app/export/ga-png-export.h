/* ga-png-export.h — draw a stack of layers (and an optional basemap) into a PNG
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Used by the headless green-atlas-render; GTK-free, so it runs without a display.
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "ga-layer-store.h"
#include "ga-render-view.h"

G_BEGIN_DECLS

/* Fetches the XYZ tiles of @url_template ({z}/{x}/{y} or ${z}/${x}/${y}) covering @view at
 * the nearest integer zoom through GDAL's WMS/TMS driver, and paints them into @cr. */
gboolean          ga_basemap_draw        (cairo_t             *cr,
                                          const GaRenderView  *view,
                                          const char          *url_template,
                                          GCancellable        *cancellable,
                                          GError             **error);

/* Renders the visible layers of @store (position 0 on top) over a white background, or
 * over the basemap when @basemap_url is not NULL. Returns a new ARGB32 image surface. */
cairo_surface_t  *ga_png_export_render   (GaLayerStore        *store,
                                          const GaRenderView  *view,
                                          const char          *basemap_url,
                                          GCancellable        *cancellable,
                                          GError             **error);

/* Writes @surface to @path as PNG (atomically, through GIO). */
gboolean          ga_png_export_write    (cairo_surface_t     *surface,
                                          const char          *path,
                                          GError             **error);

G_END_DECLS
