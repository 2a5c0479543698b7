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
             const GaSymbol *symbol)
{
  guint n_parts = ga_layer_get_n_parts (layer, id);
  double r = symbol->point_radius;
  double reach = r + MAX (symbol->line_width, 0.0);
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
          cairo_new_sub_path (cr);
          cairo_arc (cr, px, py, r, 0.0, 2.0 * G_PI);
          any = TRUE;
        }
    }
  if (!any)
    return;

  set_source (cr, symbol->fill);
  if (symbol->stroke[3] > 0.0 && symbol->line_width > 0.0)
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
  Mapper m;
  GaExtent q;
  double res, reach, factor, width, casing_width;
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
  res = ga_render_view_get_resolution (view);
  reach = (width / 2.0 + casing_width + MAX (symbol->point_radius, 0.0) + width + 1.0) * res;
  ga_render_view_get_extent (view, &q);
  q.min_x -= reach;
  q.min_y -= reach;
  q.max_x += reach;
  q.max_y += reach;

  ids = g_array_new (FALSE, FALSE, sizeof (guint));
  ga_layer_query (layer, &q, ids);
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

      if (i % CANCEL_CHECK_EVERY == CANCEL_CHECK_EVERY - 1 &&
          g_cancellable_is_cancelled (cancellable))
        {
          cairo_new_path (cr);
          cairo_restore (cr);
          return FALSE;
        }

      switch (ga_layer_get_feature_kind (layer, id))
        {
        case GA_GEOM_POLYGON:
          draw_polygon (cr, &m, layer, id, symbol, tmp_a, tmp_b);
          break;
        case GA_GEOM_LINE:
          draw_line (cr, &m, layer, id, symbol->stroke);
          break;
        case GA_GEOM_POINT:
          draw_points (cr, &m, layer, id, symbol);
          break;
        case GA_GEOM_NONE:
        default:
          break;
        }
    }

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
