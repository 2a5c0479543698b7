/* ga-renderer.c — the one cairo renderer for screen tiles, headless PNGs and exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads sealed layers only, keeps no global state: safe to call from worker threads, each
 * with its own cairo surface.
 */
#define G_LOG_DOMAIN "ga-renderer"

#include "config.h"

#include <math.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "ga-render-private.h"
#include "ga-renderer-private.h"
#include "ga-renderer.h"

/* How often (in features) to look at the cancellable. */
#define CANCEL_CHECK_EVERY   500
/* Vertices closer than this (pixels) to the last kept one are skipped. */
#define MIN_STEP_PX          0.5
/* Polygons smaller than this (pixels, both sides) are filled but not outlined. */
#define MIN_OUTLINE_PX       4.0
/* Polygons smaller than this are drawn as one pixel so dense data stays visible. */
#define MIN_SHAPE_PX         1.0
/* cairo stores coordinates in 24.8 fixed point: beyond this, clip geometry ourselves. */
#define SAFE_COORD_PX        (1 << 20)
/* How far outside the view clipped geometry may still reach. */
#define CLIP_MARGIN_PX       256.0

typedef GaMapper Mapper;

static inline void
map_xy (const Mapper *m,
        double        x,
        double        y,
        double       *px,
        double       *py)
{
  ga_mapper_to_pixel (m, x, y, px, py);
}

static void
mapper_init (Mapper             *m,
             const GaRenderView *view)
{
  double res = ga_render_view_get_resolution (view);

  m->inv_res = 1.0 / res;
  m->ox = view->center_x - view->width / 2.0 * res;
  m->oy = view->center_y + view->height / 2.0 * res;
  m->min_x = -CLIP_MARGIN_PX;
  m->min_y = -CLIP_MARGIN_PX;
  m->max_x = view->width + CLIP_MARGIN_PX;
  m->max_y = view->height + CLIP_MARGIN_PX;
  m->width = view->width;
  m->height = view->height;
}

/* ---- emitting paths, simplified to the pixel grid ---- */

typedef struct
{
  cairo_t *cr;
  gboolean started;
  double last_x, last_y;
  double pend_x, pend_y; /* last skipped vertex, emitted at the end of a line */
  gboolean pending;
} Emitter;

static void
emit_begin (Emitter *e,
            cairo_t *cr)
{
  e->cr = cr;
  e->started = FALSE;
  e->pending = FALSE;
}

static void
emit_point (Emitter *e,
            double   x,
            double   y)
{
  double dx, dy;

  if (!e->started)
    {
      cairo_move_to (e->cr, x, y);
      e->started = TRUE;
      e->last_x = x;
      e->last_y = y;
      e->pending = FALSE;
      return;
    }

  dx = x - e->last_x;
  dy = y - e->last_y;
  if (dx * dx + dy * dy < MIN_STEP_PX * MIN_STEP_PX)
    {
      e->pend_x = x;
      e->pend_y = y;
      e->pending = TRUE;
      return;
    }

  cairo_line_to (e->cr, x, y);
  e->last_x = x;
  e->last_y = y;
  e->pending = FALSE;
}

static void
emit_end (Emitter  *e,
          gboolean  closed)
{
  if (!e->started)
    return;
  if (closed)
    cairo_close_path (e->cr);
  else if (e->pending)
    cairo_line_to (e->cr, e->pend_x, e->pend_y); /* lines keep their true end */
  e->started = FALSE;
  e->pending = FALSE;
}

/* ---- clipping, only for geometry so large that cairo's fixed point would overflow ---- */

typedef enum { EDGE_LEFT, EDGE_RIGHT, EDGE_TOP, EDGE_BOTTOM } Edge;

static gboolean
inside_edge (const Mapper *m,
             Edge          edge,
             double        x,
             double        y)
{
  switch (edge)
    {
    case EDGE_LEFT: return x >= m->min_x;
    case EDGE_RIGHT: return x <= m->max_x;
    case EDGE_TOP: return y >= m->min_y;
    case EDGE_BOTTOM: default: return y <= m->max_y;
    }
}

static void
intersect_edge (const Mapper *m,
                Edge          edge,
                double        x0,
                double        y0,
                double        x1,
                double        y1,
                double       *x,
                double       *y)
{
  double t;

  switch (edge)
    {
    case EDGE_LEFT:
    case EDGE_RIGHT:
      *x = edge == EDGE_LEFT ? m->min_x : m->max_x;
      t = (*x - x0) / (x1 - x0);
      *y = y0 + t * (y1 - y0);
      break;
    case EDGE_TOP:
    case EDGE_BOTTOM:
    default:
      *y = edge == EDGE_TOP ? m->min_y : m->max_y;
      t = (*y - y0) / (y1 - y0);
      *x = x0 + t * (x1 - x0);
      break;
    }
}

/* Sutherland–Hodgman: clips the closed ring @in (pixel pairs) to the clip rectangle. The
 * result is a ring whose parts outside run along the rectangle's border, which is exactly
 * what an even-odd fill needs. */
static void
clip_ring (const Mapper *m,
           GArray       *in,
           GArray       *out)
{
  for (int edge = EDGE_LEFT; edge <= EDGE_BOTTOM; edge++)
    {
      guint n = in->len / 2;
      const double *p = (const double *) (void *) in->data;

      g_array_set_size (out, 0);
      for (guint i = 0; i < n; i++)
        {
          double cx = p[2 * i], cy = p[2 * i + 1];
          double px = p[2 * ((i + n - 1) % n)], py = p[2 * ((i + n - 1) % n) + 1];
          gboolean c_in = inside_edge (m, edge, cx, cy);
          gboolean p_in = inside_edge (m, edge, px, py);
          double ix, iy;

          if (c_in != p_in)
            {
              intersect_edge (m, edge, px, py, cx, cy, &ix, &iy);
              g_array_append_val (out, ix);
              g_array_append_val (out, iy);
            }
          if (c_in)
            {
              g_array_append_val (out, cx);
              g_array_append_val (out, cy);
            }
        }
      /* swap */
      g_array_set_size (in, 0);
      g_array_append_vals (in, out->data, out->len);
    }
}

/* Liang–Barsky on one segment; FALSE if nothing is inside. */
static gboolean
clip_segment (const Mapper *m,
              double       *x0,
              double       *y0,
              double       *x1,
              double       *y1)
{
  double dx = *x1 - *x0, dy = *y1 - *y0;
  double p[4] = { -dx, dx, -dy, dy };
  double q[4] = { *x0 - m->min_x, m->max_x - *x0, *y0 - m->min_y, m->max_y - *y0 };
  double t0 = 0.0, t1 = 1.0;
  double nx0, ny0;

  for (int i = 0; i < 4; i++)
    {
      if (p[i] == 0.0)
        {
          if (q[i] < 0.0)
            return FALSE;
          continue;
        }
      else
        {
          double r = q[i] / p[i];

          if (p[i] < 0.0)
            {
              if (r > t1)
                return FALSE;
              t0 = MAX (t0, r);
            }
          else
            {
              if (r < t0)
                return FALSE;
              t1 = MIN (t1, r);
            }
        }
    }

  nx0 = *x0 + t0 * dx;
  ny0 = *y0 + t0 * dy;
  *x1 = *x0 + t1 * dx;
  *y1 = *y0 + t1 * dy;
  *x0 = nx0;
  *y0 = ny0;
  return TRUE;
}

/* ---- parts ---- */

static void
add_ring (cairo_t      *cr,
          const Mapper *m,
          const double *xy,
          guint         n,
          gboolean      clip,
          GArray       *tmp_a,
          GArray       *tmp_b)
{
  Emitter e;

  emit_begin (&e, cr);

  if (!clip)
    {
      for (guint i = 0; i < n; i++)
        {
          double px, py;

          map_xy (m, xy[2 * i], xy[2 * i + 1], &px, &py);
          emit_point (&e, px, py);
        }
    }
  else
    {
      const double *p;

      g_array_set_size (tmp_a, 0);
      for (guint i = 0; i < n; i++)
        {
          double px, py;

          map_xy (m, xy[2 * i], xy[2 * i + 1], &px, &py);
          g_array_append_val (tmp_a, px);
          g_array_append_val (tmp_a, py);
        }
      clip_ring (m, tmp_a, tmp_b);
      p = (const double *) (void *) tmp_a->data;
      for (guint i = 0; i < tmp_a->len / 2; i++)
        emit_point (&e, p[2 * i], p[2 * i + 1]);
    }

  emit_end (&e, TRUE);
}

static void
add_line (cairo_t      *cr,
          const Mapper *m,
          const double *xy,
          guint         n,
          gboolean      clip)
{
  Emitter e;

  emit_begin (&e, cr);

  if (!clip)
    {
      for (guint i = 0; i < n; i++)
        {
          double px, py;

          map_xy (m, xy[2 * i], xy[2 * i + 1], &px, &py);
          emit_point (&e, px, py);
        }
      emit_end (&e, FALSE);
      return;
    }

  for (guint i = 0; i + 1 < n; i++)
    {
      double x0, y0, x1, y1;
      double sx0, sy0;

      map_xy (m, xy[2 * i], xy[2 * i + 1], &x0, &y0);
      map_xy (m, xy[2 * i + 2], xy[2 * i + 3], &x1, &y1);
      sx0 = x0;
      sy0 = y0;
      if (!clip_segment (m, &x0, &y0, &x1, &y1))
        {
          emit_end (&e, FALSE);
          continue;
        }
      if (x0 != sx0 || y0 != sy0)
        emit_end (&e, FALSE); /* entered the rectangle: start a new sub-path */
      emit_point (&e, x0, y0);
      emit_point (&e, x1, y1);
    }
  emit_end (&e, FALSE);
}

static void
set_source (cairo_t      *cr,
            const double *rgba)
{
  cairo_set_source_rgba (cr, rgba[0], rgba[1], rgba[2], rgba[3]);
}

/* ---- features ---- */

static void
draw_polygon (cairo_t        *cr,
              const Mapper   *m,
              GaLayer        *layer,
              guint           id,
              const GaSymbol *symbol,
              GArray         *tmp_a,
              GArray         *tmp_b)
{
  GaExtent fe;
  double w_px, h_px;
  gboolean clip;
  guint n_parts;

  ga_layer_get_feature_extent (layer, id, &fe);
  w_px = (fe.max_x - fe.min_x) * m->inv_res;
  h_px = (fe.max_y - fe.min_y) * m->inv_res;

  if (w_px < MIN_SHAPE_PX && h_px < MIN_SHAPE_PX)
    {
      double px, py;

      /* Sub-pixel: one pixel of the outline colour so dense data does not vanish. */
      map_xy (m, (fe.min_x + fe.max_x) / 2.0, (fe.min_y + fe.max_y) / 2.0, &px, &py);
      cairo_rectangle (cr, floor (px), floor (py), 1.0, 1.0);
      set_source (cr, symbol->stroke[3] > 0.0 ? symbol->stroke : symbol->fill);
      cairo_fill (cr);
      return;
    }

  clip = (fe.min_x - m->ox) * m->inv_res < -SAFE_COORD_PX ||
         (fe.max_x - m->ox) * m->inv_res > SAFE_COORD_PX ||
         (m->oy - fe.max_y) * m->inv_res < -SAFE_COORD_PX ||
         (m->oy - fe.min_y) * m->inv_res > SAFE_COORD_PX;

  cairo_new_path (cr);
  n_parts = ga_layer_get_n_parts (layer, id);
  for (guint p = 0; p < n_parts; p++)
    {
      guint n;
      const double *xy = ga_layer_get_part (layer, id, p, &n);

      add_ring (cr, m, xy, n, clip, tmp_a, tmp_b);
    }

  set_source (cr, symbol->fill);
  if (symbol->stroke[3] > 0.0 && symbol->line_width > 0.0 &&
      MAX (w_px, h_px) >= MIN_OUTLINE_PX)
    {
      cairo_fill_preserve (cr);
      set_source (cr, symbol->stroke);
      cairo_stroke (cr);
    }
  else
    {
      cairo_fill (cr);
    }
}

static void
draw_line (cairo_t        *cr,
           const Mapper   *m,
           GaLayer        *layer,
           guint           id,
           const double   *rgba)
{
  GaExtent fe;
  gboolean clip;
  guint n_parts;

  ga_layer_get_feature_extent (layer, id, &fe);
  clip = (fe.min_x - m->ox) * m->inv_res < -SAFE_COORD_PX ||
         (fe.max_x - m->ox) * m->inv_res > SAFE_COORD_PX ||
         (m->oy - fe.max_y) * m->inv_res < -SAFE_COORD_PX ||
         (m->oy - fe.min_y) * m->inv_res > SAFE_COORD_PX;

  cairo_new_path (cr);
  n_parts = ga_layer_get_n_parts (layer, id);
  for (guint p = 0; p < n_parts; p++)
    {
      guint n;
      const double *xy = ga_layer_get_part (layer, id, p, &n);

      add_line (cr, m, xy, n, clip);
    }
  set_source (cr, rgba);
  cairo_stroke (cr);
}

static void
draw_points (cairo_t        *cr,
             const Mapper   *m,
             GaLayer        *layer,
             guint           id,
             const GaSymbol *symbol,
             GaPointStamper *stamper)
{
  guint n_parts = ga_layer_get_n_parts (layer, id);
  double r = symbol->point_radius;
  double reach = r + MAX (symbol->line_width, 0.0);
  gboolean has_ring = symbol->stroke[3] > 0.0 && symbol->line_width > 0.0;
  gboolean any = FALSE;

  cairo_new_path (cr);
  for (guint p = 0; p < n_parts; p++)
    {
      guint n;
      const double *xy = ga_layer_get_part (layer, id, p, &n);

      for (guint i = 0; i < n; i++)
        {
          double px, py;

          map_xy (m, xy[2 * i], xy[2 * i + 1], &px, &py);
          if (px < -reach || py < -reach || px > m->width + reach || py > m->height + reach)
            continue;
          if (stamper != NULL &&
              ga_point_stamper_draw (stamper, ga_point_path_circle, 0, r, symbol->fill,
                                     has_ring ? symbol->stroke : NULL, px, py))
            continue;
          ga_point_path_circle (cr, 0, px, py, r);
          any = TRUE;
        }
    }
  if (!any)
    return;

  set_source (cr, symbol->fill);
  if (has_ring)
    {
      cairo_fill_preserve (cr);
      set_source (cr, symbol->stroke);
      cairo_stroke (cr);
    }
  else
    {
      cairo_fill (cr);
    }
}

/* The symbol's sizes at @zoom: line widths, casing and dashes grow with zoom_scale. */
static double
zoom_factor (const GaSymbol *symbol,
             double          zoom)
{
  if (symbol->zoom_scale <= 0.0 || symbol->zoom_scale == 1.0)
    return 1.0;
  return pow (symbol->zoom_scale, zoom - 14.0);
}

static void
set_dash (cairo_t        *cr,
          const GaSymbol *symbol,
          double          factor)
{
  if (symbol->line_dash[0] > 0.0 && symbol->line_dash[1] > 0.0)
    {
      double dash[2] = { symbol->line_dash[0] * factor, symbol->line_dash[1] * factor };

      cairo_set_dash (cr, dash, 2, 0.0);
    }
}

/* ---- public API ---- */

gboolean
ga_renderer_draw_layer (cairo_t            *cr,
                        const GaRenderView *view,
                        GaLayer            *layer,
                        const GaSymbol     *symbol,
                        GCancellable       *cancellable)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) tmp_a = NULL;
  g_autoptr(GArray) tmp_b = NULL;
  GaPointStamper *stamper = NULL;
  gboolean no_stamps = FALSE;
  Mapper m;
  double factor, width, casing_width;
  gboolean has_casing;

  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (view != NULL, FALSE);
  g_return_val_if_fail (GA_IS_LAYER (layer), FALSE);
  g_return_val_if_fail (symbol != NULL, FALSE);

  if (g_cancellable_is_cancelled (cancellable))
    return FALSE;
  if (view->width <= 0 || view->height <= 0)
    return TRUE;
  /* A small tolerance so that an integer zoom computed in floating point counts. */
  if (symbol->min_zoom > 0 && view->zoom < symbol->min_zoom - 1e-6)
    return TRUE;

  mapper_init (&m, view);
  factor = zoom_factor (symbol, view->zoom);
  width = MAX (symbol->line_width, 0.0) * factor;
  casing_width = MAX (symbol->casing_width, 0.0) * factor;
  has_casing = casing_width > 0.0 && symbol->casing[3] > 0.0;

  /* Features just outside the view can still reach into it with a stroke or a circle. */
  ids = g_array_new (FALSE, FALSE, sizeof (guint));
  ga_renderer_query_visible (cr, view, layer,
                             width / 2.0 + casing_width + MAX (symbol->point_radius, 0.0) +
                             width + 1.0, ids);
  if (ids->len == 0)
    return TRUE;

  tmp_a = g_array_new (FALSE, FALSE, sizeof (double));
  tmp_b = g_array_new (FALSE, FALSE, sizeof (double));

  cairo_save (cr);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  set_dash (cr, symbol, factor);

  /* Casings first, under every line of the layer, so crossings of one class join cleanly. */
  if (has_casing)
    {
      cairo_set_line_width (cr, width + 2.0 * casing_width);
      for (guint i = 0; i < ids->len; i++)
        {
          guint id = g_array_index (ids, guint, i);

          if (ga_layer_get_feature_kind (layer, id) == GA_GEOM_LINE)
            draw_line (cr, &m, layer, id, symbol->casing);
        }
    }

  cairo_set_line_width (cr, width);

  for (guint i = 0; i < ids->len; i++)
    {
      guint id = g_array_index (ids, guint, i);
      GaGeomKind kind = ga_layer_get_feature_kind (layer, id);

      if (i % CANCEL_CHECK_EVERY == CANCEL_CHECK_EVERY - 1 &&
          g_cancellable_is_cancelled (cancellable))
        {
          g_clear_pointer (&stamper, ga_point_stamper_free);
          cairo_new_path (cr);
          cairo_restore (cr);
          return FALSE;
        }

      /* Points are stamped straight into the image; anything cairo draws waits until the
       * stamper has handed the pixels back. */
      if (kind != GA_GEOM_POINT)
        g_clear_pointer (&stamper, ga_point_stamper_free);
      else if (stamper == NULL && !no_stamps)
        {
          stamper = ga_point_stamper_new (cr, GA_STAMP_PHASES);
          no_stamps = stamper == NULL;
        }

      switch (kind)
        {
        case GA_GEOM_POLYGON:
          draw_polygon (cr, &m, layer, id, symbol, tmp_a, tmp_b);
          break;
        case GA_GEOM_LINE:
          draw_line (cr, &m, layer, id, symbol->stroke);
          break;
        case GA_GEOM_POINT:
          draw_points (cr, &m, layer, id, symbol, stamper);
          break;
        case GA_GEOM_NONE:
        default:
          break;
        }
    }

  g_clear_pointer (&stamper, ga_point_stamper_free);
  cairo_restore (cr);
  return !g_cancellable_is_cancelled (cancellable);
}

gboolean
ga_renderer_draw_layer_composited (cairo_t            *cr,
                                   const GaRenderView *view,
                                   GaLayer            *layer,
                                   const GaSymbol     *symbol,
                                   double              opacity,
                                   GCancellable       *cancellable)
{
  double alpha = CLAMP (opacity, 0.0, 1.0) * symbol->layer_alpha;
  gboolean ok;

  g_return_val_if_fail (cr != NULL && symbol != NULL, FALSE);

  if (alpha <= 0.0)
    return TRUE;
  if (alpha >= 1.0)
    return ga_renderer_draw_layer (cr, view, layer, symbol, cancellable);

  cairo_push_group (cr);
  ok = ga_renderer_draw_layer (cr, view, layer, symbol, cancellable);
  cairo_pop_group_to_source (cr);
  cairo_paint_with_alpha (cr, alpha);
  return ok;
}

cairo_surface_t *
ga_renderer_render_tile (GaLayer        *layer,
                         const GaSymbol *symbol,
                         int             z,
                         int             x,
                         int             y,
                         int             tile_size,
                         GCancellable   *cancellable)
{
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autoptr(cairo_t) cr = NULL;
  GaRenderView view;

  g_return_val_if_fail (GA_IS_LAYER (layer), NULL);
  g_return_val_if_fail (symbol != NULL, NULL);
  g_return_val_if_fail (tile_size > 0, NULL);

  if (g_cancellable_is_cancelled (cancellable))
    return NULL;

  ga_render_view_init_tile (&view, z, x, y, tile_size);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, tile_size, tile_size);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    return NULL;
  cr = cairo_create (surface);

  if (!ga_renderer_draw_layer (cr, &view, layer, symbol, cancellable))
    return NULL;

  g_clear_pointer (&cr, cairo_destroy);
  cairo_surface_flush (surface);
  return g_steal_pointer (&surface);
}

/* ---- shared with ga-thematic.c (ga-renderer-private.h) ---- */

void
ga_renderer_query_visible (cairo_t            *cr,
                           const GaRenderView *view,
                           GaLayer            *layer,
                           double              reach_px,
                           GArray             *ids)
{
  double res = ga_render_view_get_resolution (view);
  double x0, y0, x1, y1;
  GaExtent e, q;

  ga_render_view_get_extent (view, &e);
  q = e;
  /* the clip, in view pixels (origin top left, y down), as Web Mercator */
  cairo_clip_extents (cr, &x0, &y0, &x1, &y1);
  if (x0 < x1 && y0 < y1)
    {
      q.min_x = MAX (e.min_x, e.min_x + x0 * res);
      q.max_x = MIN (e.max_x, e.min_x + x1 * res);
      q.min_y = MAX (e.min_y, e.max_y - y1 * res);
      q.max_y = MIN (e.max_y, e.max_y - y0 * res);
    }
  q.min_x -= reach_px * res;
  q.min_y -= reach_px * res;
  q.max_x += reach_px * res;
  q.max_y += reach_px * res;
  ga_layer_query (layer, &q, ids);
}

void
ga_mapper_init (GaMapper           *mapper,
                const GaRenderView *view)
{
  mapper_init (mapper, view);
}

gboolean
ga_mapper_feature_is_tiny (const GaMapper *mapper,
                           GaLayer        *layer,
                           guint           feature,
                           double         *px,
                           double         *py,
                           double         *size_px)
{
  GaExtent fe;
  double w_px, h_px;

  ga_layer_get_feature_extent (layer, feature, &fe);
  w_px = (fe.max_x - fe.min_x) * mapper->inv_res;
  h_px = (fe.max_y - fe.min_y) * mapper->inv_res;
  if (size_px != NULL)
    *size_px = MAX (w_px, h_px);
  map_xy (mapper, (fe.min_x + fe.max_x) / 2.0, (fe.min_y + fe.max_y) / 2.0, px, py);
  return w_px < MIN_SHAPE_PX && h_px < MIN_SHAPE_PX;
}

void
ga_renderer_add_feature_path (cairo_t        *cr,
                              const GaMapper *mapper,
                              GaLayer        *layer,
                              guint           feature,
                              GArray         *tmp_a,
                              GArray         *tmp_b)
{
  GaExtent fe;
  gboolean clip, polygon;
  guint n_parts;

  ga_layer_get_feature_extent (layer, feature, &fe);
  clip = (fe.min_x - mapper->ox) * mapper->inv_res < -SAFE_COORD_PX ||
         (fe.max_x - mapper->ox) * mapper->inv_res > SAFE_COORD_PX ||
         (mapper->oy - fe.max_y) * mapper->inv_res < -SAFE_COORD_PX ||
         (mapper->oy - fe.min_y) * mapper->inv_res > SAFE_COORD_PX;
  polygon = ga_layer_get_feature_kind (layer, feature) == GA_GEOM_POLYGON;

  n_parts = ga_layer_get_n_parts (layer, feature);
  for (guint p = 0; p < n_parts; p++)
    {
      guint n;
      const double *xy = ga_layer_get_part (layer, feature, p, &n);

      if (polygon)
        add_ring (cr, mapper, xy, n, clip, tmp_a, tmp_b);
      else
        add_line (cr, mapper, xy, n, clip);
    }
}

/* ---- dense points: stamps (ga-renderer-private.h) ---- */

/* Symbols a stamper keeps, and the bytes of their rendered phase images: beyond either,
 * points are drawn as paths. */
#define MAX_STAMP_SYMBOLS 512
#define MAX_STAMP_BYTES   ((gsize) 24 << 20)

typedef struct
{
  GaPointPathFunc path_func;
  int      shape;
  double   radius;
  double   fill[4];
  double   ring[4];
  int      size;        /* side of each phase image, pixels */
  int      half;        /* the symbol's centre is at (half + phase, half + phase) */
  guint32 **phases;     /* phases² images of size² premultiplied pixels, rendered when used */
  guint8  **spans;      /* per image and row: first, end of non-zero */
} StampSymbol;

struct _GaPointStamper
{
  cairo_surface_t *target;
  guint8  *data;
  int      stride;
  int      clip_x0, clip_y0, clip_x1, clip_y1; /* device pixels, exclusive end */
  double   dx, dy;      /* user → target pixel offset */
  double   line_width;
  cairo_line_join_t join;
  cairo_line_cap_t  cap;
  int      phases;      /* sub-pixel positions per axis */
  GPtrArray   *symbols; /* StampSymbol */
  StampSymbol *last;    /* the symbol found last: runs of points share one */
  gsize    bytes;       /* of rendered phase images */
};

void
ga_point_path_circle (cairo_t *cr,
                      int      shape,
                      double   x,
                      double   y,
                      double   radius)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x, y, radius, 0.0, 2.0 * G_PI);
}

GaPointStamper *
ga_point_stamper_new (cairo_t *cr,
                      int      phases)
{
  cairo_surface_t *target = cairo_get_group_target (cr);
  cairo_rectangle_list_t *clips;
  cairo_matrix_t ctm;
  GaPointStamper *s;
  double ox, oy, sx, sy;
  double cx0, cy0, cx1, cy1;
  int w, h;

  g_return_val_if_fail (phases >= 1 && phases <= GA_STAMP_PHASES, NULL);

  if (cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE ||
      cairo_image_surface_get_format (target) != CAIRO_FORMAT_ARGB32 ||
      cairo_get_operator (cr) != CAIRO_OPERATOR_OVER ||
      cairo_get_dash_count (cr) != 0)
    return NULL;
  cairo_get_matrix (cr, &ctm);
  if (ctm.xx != 1.0 || ctm.yy != 1.0 || ctm.xy != 0.0 || ctm.yx != 0.0 ||
      ctm.x0 != floor (ctm.x0) || ctm.y0 != floor (ctm.y0))
    return NULL;
  cairo_surface_get_device_scale (target, &sx, &sy);
  if (sx != 1.0 || sy != 1.0)
    return NULL;
  cairo_surface_get_device_offset (target, &ox, &oy);
  if (ox != floor (ox) || oy != floor (oy))
    return NULL;

  w = cairo_image_surface_get_width (target);
  h = cairo_image_surface_get_height (target);
  /* The clip, as one pixel-aligned rectangle in device space. */
  cx0 = 0.0;
  cy0 = 0.0;
  cx1 = w;
  cy1 = h;
  clips = cairo_copy_clip_rectangle_list (cr);
  if (clips->status != CAIRO_STATUS_SUCCESS || clips->num_rectangles > 1)
    {
      cairo_rectangle_list_destroy (clips);
      return NULL;
    }
  if (clips->num_rectangles == 1)
    {
      cairo_rectangle_t *r = &clips->rectangles[0];
      double x0 = r->x + ctm.x0 + ox, y0 = r->y + ctm.y0 + oy;

      if (x0 != floor (x0) || y0 != floor (y0) || r->width != floor (r->width) ||
          r->height != floor (r->height))
        {
          cairo_rectangle_list_destroy (clips);
          return NULL;
        }
      cx0 = MAX (cx0, x0);
      cy0 = MAX (cy0, y0);
      cx1 = MIN (cx1, x0 + r->width);
      cy1 = MIN (cy1, y0 + r->height);
    }
  cairo_rectangle_list_destroy (clips);

  cairo_surface_flush (target);
  if (cairo_image_surface_get_data (target) == NULL)
    return NULL;

  s = g_new0 (GaPointStamper, 1);
  s->target = target;
  s->data = cairo_image_surface_get_data (target);
  s->stride = cairo_image_surface_get_stride (target);
  s->clip_x0 = (int) cx0;
  s->clip_y0 = (int) cy0;
  s->clip_x1 = (int) cx1;
  s->clip_y1 = (int) cy1;
  s->dx = ctm.x0 + ox;
  s->dy = ctm.y0 + oy;
  s->line_width = cairo_get_line_width (cr);
  s->join = cairo_get_line_join (cr);
  s->cap = cairo_get_line_cap (cr);
  s->phases = phases;
  s->symbols = g_ptr_array_new ();
  return s;
}

void
ga_point_stamper_free (GaPointStamper *s)
{
  if (s == NULL)
    return;
  cairo_surface_mark_dirty (s->target);
  for (guint i = 0; i < s->symbols->len; i++)
    {
      StampSymbol *sym = s->symbols->pdata[i];

      for (int p = 0; p < s->phases * s->phases; p++)
        {
          g_free (sym->phases[p]);
          g_free (sym->spans[p]);
        }
      g_free (sym->phases);
      g_free (sym->spans);
      g_free (sym);
    }
  g_ptr_array_unref (s->symbols);
  g_free (s);
}

static inline gboolean
symbol_is (const StampSymbol *sym,
           GaPointPathFunc    path_func,
           int                shape,
           double             radius,
           const double      *fill,
           const double      *ring)
{
  return sym->path_func == path_func && sym->shape == shape && sym->radius == radius &&
         memcmp (sym->fill, fill, sizeof sym->fill) == 0 &&
         (ring == NULL ? sym->ring[3] == 0.0 : memcmp (sym->ring, ring, sizeof sym->ring) == 0);
}

static StampSymbol *
find_symbol (GaPointStamper  *s,
             GaPointPathFunc  path_func,
             int              shape,
             double           radius,
             const double    *fill,
             const double    *ring)
{
  StampSymbol *sym;
  double reach;
  gsize n_images = (gsize) s->phases * s->phases;

  if (s->last != NULL && symbol_is (s->last, path_func, shape, radius, fill, ring))
    return s->last;
  for (guint i = 0; i < s->symbols->len; i++)
    {
      sym = s->symbols->pdata[i];
      if (symbol_is (sym, path_func, shape, radius, fill, ring))
        return s->last = sym;
    }
  reach = radius * 1.3 + s->line_width / 2.0 + 2.0;
  if (s->symbols->len == MAX_STAMP_SYMBOLS || !(reach < 120.0))
    return NULL; /* too many symbols, or too big to gain from stamping */

  sym = g_new0 (StampSymbol, 1);
  sym->path_func = path_func;
  sym->shape = shape;
  sym->radius = radius;
  memcpy (sym->fill, fill, sizeof sym->fill);
  if (ring != NULL)
    memcpy (sym->ring, ring, sizeof sym->ring);
  /* shapes reach up to 1.3 radius (diamond 1.25), plus the stroke */
  sym->half = (int) ceil (reach);
  sym->size = 2 * sym->half + 2;
  sym->phases = g_new0 (guint32 *, n_images);
  sym->spans = g_new0 (guint8 *, n_images);
  g_ptr_array_add (s->symbols, sym);
  return s->last = sym;
}

/* The image of @sym at phase (@qx, @qy), rendered by cairo when first used; NULL once the
 * stamper's images would pass MAX_STAMP_BYTES. */
static const guint32 *
symbol_phase (GaPointStamper  *s,
              StampSymbol     *sym,
              int              qx,
              int              qy,
              const guint8   **spans)
{
  guint32 **slot = &sym->phases[qy * s->phases + qx];
  guint8 **span_slot = &sym->spans[qy * s->phases + qx];
  gsize bytes = (gsize) sym->size * sym->size * sizeof (guint32) + 2 * (gsize) sym->size;
  cairo_surface_t *img;
  cairo_t *cr;
  guint8 *data;
  int stride;

  if (*slot != NULL)
    {
      *spans = *span_slot;
      return *slot;
    }
  if (s->bytes + bytes > MAX_STAMP_BYTES)
    return NULL;
  s->bytes += bytes;

  img = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, sym->size, sym->size);
  cr = cairo_create (img);
  cairo_set_line_width (cr, s->line_width);
  cairo_set_line_join (cr, s->join);
  cairo_set_line_cap (cr, s->cap);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  sym->path_func (cr, sym->shape, sym->half + (qx + 0.5) / s->phases,
                  sym->half + (qy + 0.5) / s->phases, sym->radius);
  set_source (cr, sym->fill);
  if (sym->ring[3] > 0.0 && s->line_width > 0.0)
    {
      cairo_fill_preserve (cr);
      set_source (cr, sym->ring);
      cairo_stroke (cr);
    }
  else
    {
      cairo_fill (cr);
    }
  cairo_destroy (cr);
  cairo_surface_flush (img);

  *slot = g_new (guint32, (gsize) sym->size * sym->size);
  data = cairo_image_surface_get_data (img);
  stride = cairo_image_surface_get_stride (img);
  for (int y = 0; y < sym->size; y++)
    memcpy (*slot + (gsize) y * sym->size, data + (gsize) y * stride,
            sizeof (guint32) * sym->size);
  cairo_surface_destroy (img);

  /* the columns of each row with any coverage: the rest is never looked at */
  *span_slot = g_new0 (guint8, 2 * (gsize) sym->size);
  for (int y = 0; y < sym->size; y++)
    {
      const guint32 *row = *slot + (gsize) y * sym->size;
      int first = sym->size, end = 0;

      for (int x = 0; x < sym->size; x++)
        if (row[x] >> 24)
          {
            first = MIN (first, x);
            end = x + 1;
          }
      (*span_slot)[2 * y] = (guint8) MIN (first, end);
      (*span_slot)[2 * y + 1] = (guint8) end;
    }
  *spans = *span_slot;
  return *slot;
}

/* x · a / 255 rounded as pixman does, on the two channels in bits 0–7 and 16–23 of @x at
 * once (pixman's UN8x4 trick: a 16-bit lane holds at most 255 · 255 + 128 + 254, so lanes
 * never carry into each other) */
static inline guint32
mul_un8x2 (guint32 x,
           guint32 a)
{
  guint32 t = x * a + 0x00800080u;

  return ((t + ((t >> 8) & 0x00ff00ffu)) >> 8) & 0x00ff00ffu;
}

/* @d = @src OVER @d on @n premultiplied ARGB32 pixels, rounded as pixman rounds:
 * each channel becomes s + d · (255 − αs) / 255, which is s where αs = 255 and d where
 * s = 0. Premultiplied, no channel of the sum passes 255, so channels never carry. */
static inline void
blend_over (guint32       *d,
            const guint32 *src,
            int            n)
{
  int x = 0;

#ifdef __SSE2__
  {
    const __m128i zero = _mm_setzero_si128 ();
    const __m128i half = _mm_set1_epi16 (0x80);
    const __m128i full = _mm_set1_epi16 (0xff);

    /* four pixels at a time, each channel in a 16-bit lane (at most 255 · 255 + 128 + 254) */
    for (; x + 4 <= n; x += 4)
      {
        __m128i sv = _mm_loadu_si128 ((const __m128i *) (const void *) (src + x));
        __m128i dv = _mm_loadu_si128 ((const __m128i *) (void *) (d + x));
        __m128i lo = _mm_unpacklo_epi8 (dv, zero), hi = _mm_unpackhi_epi8 (dv, zero);
        __m128i alo = _mm_unpacklo_epi8 (sv, zero), ahi = _mm_unpackhi_epi8 (sv, zero);

        /* 255 − alpha (lane 3 of each pixel) in all four lanes of the pixel */
        alo = _mm_sub_epi16 (full, _mm_shufflehi_epi16 (_mm_shufflelo_epi16 (alo, 0xff), 0xff));
        ahi = _mm_sub_epi16 (full, _mm_shufflehi_epi16 (_mm_shufflelo_epi16 (ahi, 0xff), 0xff));
        lo = _mm_add_epi16 (_mm_mullo_epi16 (lo, alo), half);
        hi = _mm_add_epi16 (_mm_mullo_epi16 (hi, ahi), half);
        lo = _mm_srli_epi16 (_mm_add_epi16 (lo, _mm_srli_epi16 (lo, 8)), 8);
        hi = _mm_srli_epi16 (_mm_add_epi16 (hi, _mm_srli_epi16 (hi, 8)), 8);
        _mm_storeu_si128 ((__m128i *) (void *) (d + x),
                          _mm_add_epi8 (sv, _mm_packus_epi16 (lo, hi)));
      }
  }
#endif
  for (; x < n; x++)
    {
      guint32 sv = src[x], ia = 255 - (sv >> 24), dv = d[x];

      if (sv == 0)
        continue;
      d[x] = sv + (mul_un8x2 (dv & 0x00ff00ffu, ia) | mul_un8x2 ((dv >> 8) & 0x00ff00ffu, ia) << 8);
    }
}

void
ga_point_stamper_prefetch (GaPointStamper *s,
                           double          radius,
                           double          px,
                           double          py)
{
  double reach = radius * 1.3 + s->line_width / 2.0 + 2.0;
  double dx = px + s->dx, dy = py + s->dy;
  int x0, x1, y0, y1;

  if (!(fabs (dx) < 1e7 && fabs (dy) < 1e7 && reach < 120.0))
    return;
  x0 = MAX ((int) floor (dx - reach), s->clip_x0);
  x1 = MIN ((int) ceil (dx + reach), s->clip_x1 - 1);
  y0 = MAX ((int) floor (dy - reach), s->clip_y0);
  y1 = MIN ((int) ceil (dy + reach), s->clip_y1 - 1);
  if (x0 > x1)
    return;
  for (int y = y0; y <= y1; y++)
    {
      const guint8 *row = s->data + (gsize) y * s->stride;

      __builtin_prefetch (row + 4 * (gsize) x0, 1);
      __builtin_prefetch (row + 4 * (gsize) x1, 1);
    }
}

gboolean
ga_point_stamper_draw (GaPointStamper  *s,
                       GaPointPathFunc  path_func,
                       int              shape,
                       double           radius,
                       const double    *fill,
                       const double    *ring,
                       double           px,
                       double           py)
{
  StampSymbol *sym = find_symbol (s, path_func, shape, radius, fill, ring);
  const guint32 *src;
  const guint8 *spans;
  double dx, dy, fx, fy;
  int ix, iy, qx, qy, x0, y0, x1, y1;

  if (sym == NULL)
    return FALSE;

  dx = px + s->dx;
  dy = py + s->dy;
  if (!(fabs (dx) < 1e7 && fabs (dy) < 1e7))
    return TRUE; /* far outside: nothing to draw */
  fx = floor (dx);
  fy = floor (dy);
  ix = (int) fx;
  iy = (int) fy;
  qx = MIN ((int) ((dx - fx) * s->phases), s->phases - 1);
  qy = MIN ((int) ((dy - fy) * s->phases), s->phases - 1);

  /* the stamp's top-left in the target */
  ix -= sym->half;
  iy -= sym->half;
  x0 = MAX (ix, s->clip_x0);
  y0 = MAX (iy, s->clip_y0);
  x1 = MIN (ix + sym->size, s->clip_x1);
  y1 = MIN (iy + sym->size, s->clip_y1);
  if (x0 >= x1 || y0 >= y1)
    return TRUE;

  src = symbol_phase (s, sym, qx, qy, &spans);
  if (src == NULL)
    return FALSE;
  for (int y = y0; y < y1; y++)
    {
      guint32 *d = (guint32 *) (void *) (s->data + (gsize) y * s->stride);
      const guint32 *row = src + (gsize) (y - iy) * sym->size;
      int sx0 = MAX (x0, ix + spans[2 * (y - iy)]);
      int sx1 = MIN (x1, ix + spans[2 * (y - iy) + 1]);
      int n = sx1 - sx0, whole = (n + 3) & ~3;

      if (n <= 0)
        continue;
      /* four pixels at a time all along: the stamp's pixels around its coverage are
       * transparent, and blending those leaves the image as it is */
      if (sx0 + whole <= x1)
        n = whole;
      else if (sx1 - whole >= x0)
        {
          sx0 = sx1 - whole;
          n = whole;
        }
      blend_over (d + sx0, row + (sx0 - ix), n);
    }
  return TRUE;
}
