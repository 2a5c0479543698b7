/* ga-layout-private.h — the layout's geometry and pieces, for exports and tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Private to app/render, app/export and the tests.
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "ga-layout.h"

G_BEGIN_DECLS

/* Where the parts of a page go, in page units (x, y, width, height). An empty part has a
 * zero width and height. */
typedef struct
{
  double unit;            /* size of one 96-dpi pixel of page furniture (text, margins) */
  double map_scale;       /* size of one pixel of the map view (symbols, labels) */
  double legend_scale;    /* the legend's scale (the unit, less if it had to shrink) */
  double frame[4];        /* the map frame: the map view drawn at map_scale */
  double title[4];        /* title, subtitle and caption, above the frame */
  double footer[4];       /* attribution and date, under the frame */
  double legend[4];       /* inside the frame, bottom left */
  double scale_bar[4];    /* inside the frame, bottom right */
  double north_arrow[4];  /* inside the frame, top right */
} GaLayoutGeometry;

void          ga_layout_get_geometry     (const GaLayoutPage *page,
                                          double              width,
                                          double              height,
                                          double              scale,
                                          GaLayoutGeometry   *geometry,
                                          GaRenderView       *view);

/* The scale bar of ga_layout_draw_scale_bar(): its length in the units of
 * @metres_per_pixel (Mercator metres per unit) and the ground length it stands for
 * (*@metres, a 1-2-5 × 10^n number), at most @max_width long. 0 if none fits. */
double        ga_layout_scale_bar_length (double              metres_per_pixel,
                                          double              lat,
                                          double              max_width,
                                          double             *metres);
/* The label of a scale bar of @metres: "500 m", "2 km". */
char         *ga_layout_format_distance  (double              metres);

/* ga_layout_format_date() with the era given: the Buddhist era adds 543 years. */
char         *ga_layout_format_date_era  (GDateTime          *date,
                                          gboolean            buddhist_era);

/* The map's layers as every export draws them: @n layers (top first) with their prepared
 * @styles and @opacities (NULL: each layer's own), symbols bottom up, then the labels of
 * all layers placed together by one labeler. Origin at the view's top-left, in view
 * pixels. FALSE if cancelled. */
gboolean      ga_layout_draw_map_layers  (cairo_t            *cr,
                                          const GaRenderView *view,
                                          GaLayer * const    *layers,
                                          GaStyle * const    *styles,
                                          const double       *opacities,
                                          guint               n,
                                          GCancellable       *cancellable);

/* A deep copy (layers and styles referenced) for a worker thread. */
GaLayoutPage *ga_layout_page_copy        (const GaLayoutPage *page);

/* Web Mercator metres of a longitude/latitude in degrees, and back. */
void          ga_layout_lonlat_to_mercator (double            lon,
                                            double            lat,
                                            double           *x,
                                            double           *y);
double        ga_layout_mercator_to_lat  (double              y);

G_END_DECLS
