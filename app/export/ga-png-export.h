/* ga-png-export.h — draw a stack of layers (and an optional basemap) into a PNG
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Used by the headless green-atlas-render; GTK-free, so it runs without a display.
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "ga-basemap.h"
#include "ga-layer-store.h"
#include "ga-render-view.h"
#include "ga-style-sheet.h"

G_BEGIN_DECLS

typedef struct
{
  GaBasemap    *basemap;           /* NULL or kind NONE: the background alone */
  gboolean      basemap_optional;  /* a basemap that fails is left out (see @warning) */
  GaStyleSheet *style;             /* NULL: default symbols, white background */
  const char   *attribution;       /* drawn bottom right; NULL: the basemap's own */
  /* Thematic maps (issue 4). With @thematic, every layer is drawn with its GaStyle
   * (ga_thematic_draw_layer): the one in @layer_styles (GaLayer* → GaStyle*, may be NULL)
   * or else ga_style_new_for_layer(); @style then only gives the background. Without it,
   * the GaSymbol path above (style sheet or default symbols) draws, as for basemaps. */
  gboolean      thematic;
  GHashTable   *layer_styles;
  gboolean      legend;            /* thematic: a legend panel in the bottom-left corner */
  double        legend_scale;      /* its size factor (0 = from the image size) */
} GaPngExportOptions;

/* Draws @basemap under @view into @cr (origin at the view's top-left): XYZ tiles through
 * GDAL's WMS/TMS driver (GA_USER_AGENT), MBTiles and tile folders by decoding their PNG
 * (cairo) or JPEG (GDAL) tiles; the nearest tile zoom the source has, scaled to the view's
 * fractional zoom. Fails with a GA_ERROR naming the source when it cannot be reached or
 * read; tiles that are simply absent are left empty. */
gboolean          ga_png_export_draw_basemap     (cairo_t                  *cr,
                                                  const GaRenderView       *view,
                                                  GaBasemap                *basemap,
                                                  GCancellable             *cancellable,
                                                  GError                  **error);

/* Draws @text (a basemap attribution; HTML tags are dropped) small, with a white halo, in
 * the bottom-right corner of a @width x @height image. */
void              ga_png_export_draw_attribution (cairo_t                  *cr,
                                                  int                       width,
                                                  int                       height,
                                                  const char               *text);

/* Renders the visible layers of @store (position 0 on top) over the style's background
 * (white without one) or over the basemap, with labels and the attribution. Returns a new
 * ARGB32 image surface. With @options->basemap_optional, a basemap that fails sets
 * *@warning (one line) and the layers are drawn alone. @options may be NULL. */
cairo_surface_t  *ga_png_export_render           (GaLayerStore             *store,
                                                  const GaRenderView       *view,
                                                  const GaPngExportOptions *options,
                                                  char                    **warning,
                                                  GCancellable             *cancellable,
                                                  GError                  **error);

/* Writes @surface to @path as PNG (atomically, through GIO). */
gboolean          ga_png_export_write    (cairo_surface_t     *surface,
                                          const char          *path,
                                          GError             **error);

G_END_DECLS
