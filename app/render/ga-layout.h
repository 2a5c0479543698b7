/* ga-layout.h — a map page: map, title, legend, scale bar, north arrow, attribution, date
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One cairo code path for every page Green Atlas makes: PNG/PDF/SVG exports, the deck
 * of slides, slide thumbnails. The map area is drawn with the same renderer as the screen
 * tiles (ga_thematic_*), the basemap with ga_png_export_draw_basemap()-style tiles given
 * by the caller as an already drawn surface (see GaLayoutPage.basemap).
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "ga-layer.h"
#include "ga-render-view.h"
#include "ga-style.h"

G_BEGIN_DECLS

typedef enum
{
  GA_LAYOUT_SLIDE,   /* 16:9, 338.67 x 190.5 mm (13.333 x 7.5 in, like presentation apps) */
  GA_LAYOUT_A4,      /* landscape 297 x 210 mm unless portrait */
  GA_LAYOUT_A3,      /* 420 x 297 mm */
  GA_LAYOUT_A0,      /* 1189 x 841 mm poster */
} GaLayoutPreset;

/* "slide", "a4", "a3", "a0" ↔ preset; FALSE for an unknown name. */
gboolean    ga_layout_preset_from_string (const char      *name,
                                          GaLayoutPreset  *preset);
const char *ga_layout_preset_to_string   (GaLayoutPreset   preset);
/* Translated name for menus ("Slide 16:9", "A4"…). */
const char *ga_layout_preset_get_label   (GaLayoutPreset   preset);
/* Page size in PostScript points (1/72 in). */
void        ga_layout_preset_get_size    (GaLayoutPreset   preset,
                                          gboolean         portrait,
                                          double          *width_pt,
                                          double          *height_pt);

/* What one page shows. Layers and styles are TOP FIRST and only those drawn (the caller
 * resolves a slide's visibility); styles are prepared snapshots safe to use in a worker. */
typedef struct
{
  GPtrArray  *layers;        /* GaLayer* */
  GPtrArray  *styles;        /* GaStyle*, parallel to @layers */
  GArray     *opacities;     /* double, parallel; NULL = each layer's own opacity */
  GaExtent    extent;        /* Mercator metres to show (fitted, centred, aspect kept) */
  char       *title;         /* NULL/"" = none */
  char       *subtitle;
  char       *caption;       /* slide caption under the title */
  char       *attribution;   /* basemap attribution (HTML tags dropped) */
  GStrv       sources;       /* each data layer's source ("Parks: BMA open data"), may be NULL */
  GDateTime  *date;          /* NULL = none; printed in the locale's format, in Thai with the
                              * Buddhist-era year (2569 for 2026) */
  gboolean    legend;
  gboolean    scale_bar;
  gboolean    north_arrow;
} GaLayoutPage;

GaLayoutPage *ga_layout_page_new  (void);   /* legend, scale bar and north arrow on */
void          ga_layout_page_free (GaLayoutPage *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GaLayoutPage, ga_layout_page_free)

/* The render view of the map frame of @page on a @width x @height page (in cairo units,
 * i.e. points for PDF/SVG, pixels for PNG) at @scale (1.0 = 96 dpi screen sizes of text
 * and symbols; a PNG at 300 dpi passes 300/96, PDF passes 72/96). The caller draws the
 * basemap for this view before ga_layout_draw(). */
void          ga_layout_get_map_view (const GaLayoutPage *page,
                                      double              width,
                                      double              height,
                                      double              scale,
                                      GaRenderView       *view,
                                      double             *map_x,   /* frame origin */
                                      double             *map_y);

/* Draws the whole page into @cr (origin top-left): white page, @basemap (a surface of
 * the map view's size, or NULL), the layers with their labels, then title, subtitle,
 * caption, legend, scale bar (ground metres at the map centre's latitude), north arrow,
 * attribution and date. FALSE if cancelled. */
gboolean      ga_layout_draw         (cairo_t            *cr,
                                      const GaLayoutPage *page,
                                      double              width,
                                      double              height,
                                      double              scale,
                                      cairo_surface_t    *basemap,
                                      GCancellable       *cancellable);

/* The pieces, for the presentation window that draws them over the live map. */
/* A scale bar for @metres_per_pixel at latitude @lat: a round length (1-2-5 × 10^n m/km)
 * at most @max_width long; returns the width drawn. Drawn at the current point. */
double        ga_layout_draw_scale_bar   (cairo_t   *cr,
                                          double     metres_per_pixel,
                                          double     lat,
                                          double     max_width,
                                          double     scale);
void          ga_layout_draw_north_arrow (cairo_t   *cr,
                                          double     size);
/* The date text of a layout: "27 November 2026", in Thai "27 พฤศจิกายน 2569". */
char         *ga_layout_format_date      (GDateTime *date);

G_END_DECLS
