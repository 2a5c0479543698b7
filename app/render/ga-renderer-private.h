/* ga-renderer-private.h — the renderer's path building, shared with ga-thematic.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Private to app/render: geometry to cairo paths with the renderer's pixel-grid
 * simplification and its clipping of huge coordinates, so the thematic renderer draws
 * exactly the same shapes as ga_renderer_draw_layer().
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "ga-layer.h"
#include "ga-render-view.h"

G_BEGIN_DECLS

typedef struct
{
  double ox, oy;  /* pixel = (m - origin) * scale, y flipped */
  double inv_res;
  double min_x, min_y, max_x, max_y; /* clip rectangle, pixels */
  double width, height;
} GaMapper;

void      ga_mapper_init                (GaMapper           *mapper,
                                         const GaRenderView *view);

static inline void
ga_mapper_to_pixel (const GaMapper *m,
                    double          x,
                    double          y,
                    double         *px,
                    double         *py)
{
  *px = (x - m->ox) * m->inv_res;
  *py = (m->oy - y) * m->inv_res;
}

/* TRUE if @feature is smaller than a pixel at this zoom (drawn as one pixel at @px, @py);
 * @size_px gets its larger side in pixels. */
gboolean  ga_mapper_feature_is_tiny     (const GaMapper     *mapper,
                                         GaLayer            *layer,
                                         guint               feature,
                                         double             *px,
                                         double             *py,
                                         double             *size_px);

/* The features of @layer that may show in @cr's clip (the band of an export drawn by
 * several threads, ga-render-bands.h), and @reach_px around it, appended to @ids. User
 * space is the view's pixels. */
void      ga_renderer_query_visible     (cairo_t            *cr,
                                         const GaRenderView *view,
                                         GaLayer            *layer,
                                         double              reach_px,
                                         GArray             *ids);

/* Appends the rings (polygons) or parts (lines) of @feature to the current path. */
void      ga_renderer_add_feature_path  (cairo_t            *cr,
                                         const GaMapper     *mapper,
                                         GaLayer            *layer,
                                         guint               feature,
                                         GArray             *tmp_a,
                                         GArray             *tmp_b);

/* ---- dense points: one pre-rendered symbol stamped per point (issue 6) ----
 *
 * A stamper draws a point symbol — the path of @path_func filled with @fill and outlined
 * with @ring at the cairo state's line width — by compositing a copy of the symbol that
 * cairo rendered once, at the point's position rounded to 1/@phases pixel (@phases
 * sub-pixel phases per axis, each rendered when first used). The pixels are the ones cairo
 * draws for the same path, fill and stroke (OVER, premultiplied ARGB32), moved by at most
 * 1/(2 @phases) pixel. Point symbols use GA_STAMP_PHASES (1/32 pixel); proportional
 * circles, many sizes of bigger symbols, GA_STAMP_PHASES_COARSE (1/8 pixel).
 *
 * ga_point_stamper_new() returns NULL when stamping cannot reproduce drawing on @cr: a
 * target that is not an ARGB32 image (PDF, SVG), a transform other than a translation, a
 * clip that is not one pixel-aligned rectangle, an operator other than OVER, or a dash on
 * the ring. The caller then draws paths. */
#define GA_STAMP_PHASES        16
#define GA_STAMP_PHASES_COARSE 4

typedef void (*GaPointPathFunc) (cairo_t *cr,
                                 int      shape,
                                 double   x,
                                 double   y,
                                 double   radius);

typedef struct _GaPointStamper GaPointStamper;

GaPointStamper *ga_point_stamper_new    (cairo_t          *cr,
                                         int               phases);
/* FALSE if this symbol cannot be stamped (too many different symbols, too big, or the
 * stamper's memory for rendered symbols is spent): draw a path. */
gboolean        ga_point_stamper_draw   (GaPointStamper   *stamper,
                                         GaPointPathFunc   path_func,
                                         int               shape,
                                         double            radius,
                                         const double     *fill,
                                         const double     *ring,
                                         double            px,
                                         double            py);
/* Starts loading the target pixels a later stamp of @radius at (@px, @py) will blend:
 * symbols drawn in an order unrelated to their position wait on memory otherwise. */
void            ga_point_stamper_prefetch (GaPointStamper *stamper,
                                           double          radius,
                                           double          px,
                                           double          py);
void            ga_point_stamper_free   (GaPointStamper   *stamper);

/* A circle (the renderer's point path). */
void            ga_point_path_circle    (cairo_t          *cr,
                                         int               shape,
                                         double            x,
                                         double            y,
                                         double            radius);

G_END_DECLS
