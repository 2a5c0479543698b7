/* ga-legend.c — the legend, drawn by the same code on the map panel and in exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One pass lays the legend out; it either only measures or also draws, so measure and draw
 * never disagree. Every colour comes from ga-thematic-private.h or the style's classes, the
 * functions the map is drawn with.
 */
#define G_LOG_DOMAIN "ga-legend"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "ga-classify.h"
#include "ga-labeler.h"
#include "ga-legend.h"
#include "ga-render-private.h"
#include "ga-thematic-private.h"

/* Sizes at scale 1, in pixels. */
#define PAD          10.0
#define RADIUS       8.0
#define TITLE_SIZE   13.0
#define TEXT_SIZE    12.0
#define SMALL_SIZE   11.0
#define SWATCH_W     22.0
#define SWATCH_H     14.0
#define ROW_GAP      4.0
#define ITEM_GAP     10.0
#define TEXT_GAP     8.0
#define BAR_W        170.0
#define BAR_H        12.0
#define MAX_SWATCH_RADIUS 7.0

typedef struct
{
  cairo_t *cr;
  double   scale;
  gboolean draw;
  double   x, y;      /* pen: left edge of the content, top of the next row */
  double   width;     /* widest row so far (content, without padding) */
} Pen;

/* ---- text ---- */

static PangoLayout *
make_layout (cairo_t    *cr,
             const char *text,
             double      size_px,
             gboolean    bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (GA_LABELER_FONT_FAMILIES);

  pango_font_description_set_absolute_size (desc, size_px * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text, -1);
  pango_font_description_free (desc);
  return layout;
}

/* Draws @text with its top-left at (@x, @y) (if drawing); returns its logical size. */
static void
text_at (Pen        *pen,
         const char *text,
         double      size,
         gboolean    bold,
         double      x,
         double      y,
         double     *w,
         double     *h)
{
  g_autoptr(PangoLayout) layout = make_layout (pen->cr, text, size * pen->scale, bold);
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  *w = logical.width / (double) PANGO_SCALE;
  *h = logical.height / (double) PANGO_SCALE;
  if (pen->draw)
    {
      cairo_move_to (pen->cr, x, y);
      cairo_set_source_rgb (pen->cr, 0.13, 0.13, 0.13);
      pango_cairo_show_layout (pen->cr, layout);
    }
}

static void
text_size (Pen        *pen,
           const char *text,
           double      size,
           gboolean    bold,
           double     *w,
           double     *h)
{
  gboolean draw = pen->draw;

  pen->draw = FALSE;
  text_at (pen, text, size, bold, 0, 0, w, h);
  pen->draw = draw;
}

/* ---- swatches ---- */

/* A symbol of @style for geometry @kind, in colour @color, in the box (x, y, w, h). */
static void
draw_swatch (cairo_t    *cr,
             GaStyle    *style,
             GaGeomKind  kind,
             GaRgba      color,
             double      x,
             double      y,
             double      w,
             double      h,
             double      scale)
{
  GaRgba stroke = ga_style_get_stroke (style);
  double width = ga_style_get_stroke_width (style);

  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  switch (kind)
    {
    case GA_GEOM_LINE:
      {
        GaRgba casing = ga_style_get_casing (style);
        double cw = ga_style_get_casing_width (style);
        double lw = CLAMP (width, 1.0, h / 2.0) * scale;
        guint n_dash = 0;
        const double *dash = ga_style_get_dash (style, &n_dash);

        cairo_move_to (cr, x + lw / 2.0, y + h / 2.0);
        cairo_line_to (cr, x + w - lw / 2.0, y + h / 2.0);
        if (cw > 0.0 && ga_rgba_is_visible (casing))
          {
            cairo_set_line_width (cr, lw + 2.0 * MIN (cw, 3.0) * scale);
            ga_rgba_set_source (cr, casing);
            cairo_stroke_preserve (cr);
          }
        if (dash != NULL && n_dash > 0)
          {
            double d[8];

            for (guint i = 0; i < MIN (n_dash, 8u); i++)
              d[i] = dash[i] * scale;
            cairo_set_dash (cr, d, (int) MIN (n_dash, 8u), 0.0);
          }
        cairo_set_line_width (cr, lw);
        ga_rgba_set_source (cr, color);
        cairo_stroke (cr);
      }
      break;

    case GA_GEOM_POINT:
      {
        double r = CLAMP (ga_style_get_point_size (style), 2.0, MAX_SWATCH_RADIUS) * scale;

        ga_thematic_point_path (cr, ga_style_get_point_shape (style), x + w / 2.0,
                                y + h / 2.0, r);
        ga_rgba_set_source (cr, color);
        if (ga_rgba_is_visible (stroke) && width > 0.0)
          {
            cairo_fill_preserve (cr);
            cairo_set_line_width (cr, MIN (width, 2.5) * scale);
            ga_rgba_set_source (cr, stroke);
            cairo_stroke (cr);
          }
        else
          {
            cairo_fill (cr);
          }
      }
      break;

    case GA_GEOM_POLYGON:
    case GA_GEOM_NONE:
    default:
      {
        double lw = CLAMP (width, 1.0, 2.0) * scale;

        cairo_rectangle (cr, x + lw / 2.0, y + lw / 2.0, w - lw, h - lw);
        ga_rgba_set_source (cr, color);
        if (ga_rgba_is_visible (stroke) && width > 0.0)
          {
            cairo_fill_preserve (cr);
            cairo_set_line_width (cr, lw);
            ga_rgba_set_source (cr, stroke);
            cairo_stroke (cr);
          }
        else
          {
            cairo_fill (cr);
          }
      }
      break;
    }
  cairo_restore (cr);
}

/* ---- rows ---- */

static void
row (Pen        *pen,
     GaStyle    *style,
     GaGeomKind  kind,
     GaRgba      color,
     const char *text,
     gboolean    bold)
{
  double s = pen->scale;
  double tw, th, h;

  text_size (pen, text, bold ? TITLE_SIZE : TEXT_SIZE, bold, &tw, &th);
  h = MAX (SWATCH_H * s, th);
  if (pen->draw)
    {
      double tx, ty;

      draw_swatch (pen->cr, style, kind, color, pen->x, pen->y + (h - SWATCH_H * s) / 2.0,
                   SWATCH_W * s, SWATCH_H * s, s);
      text_at (pen, text, bold ? TITLE_SIZE : TEXT_SIZE, bold, pen->x + (SWATCH_W + TEXT_GAP) * s,
               pen->y + (h - th) / 2.0, &tx, &ty);
    }
  pen->width = MAX (pen->width, (SWATCH_W + TEXT_GAP) * s + tw);
  pen->y += h + ROW_GAP * s;
}

static void
title (Pen        *pen,
       const char *text)
{
  double tw, th;

  text_at (pen, text, TITLE_SIZE, TRUE, pen->x, pen->y, &tw, &th);
  pen->width = MAX (pen->width, tw);
  pen->y += th + ROW_GAP * pen->scale;
}

static char *
class_text (GaStyle            *style,
            const GaStyleClass *c)
{
  g_autofree char *lo = NULL;
  g_autofree char *hi = NULL;

  if (c->label != NULL && *c->label != '\0')
    return g_strdup (c->label);
  switch (ga_style_get_kind (style))
    {
    case GA_STYLE_CATEGORIZED:
      /* Translators: the legend's class of all values not listed */
      return g_strdup (c->value != NULL ? c->value : _("Other"));
    case GA_STYLE_GRADUATED:
    case GA_STYLE_GRID:
    case GA_STYLE_SINGLE:
    case GA_STYLE_PROPORTIONAL:
    case GA_STYLE_HEATMAP:
    default:
      lo = ga_format_number (c->lower);
      hi = ga_format_number (c->upper);
      return g_strdup_printf ("%s – %s", lo, hi);
    }
}

/* ---- kinds ---- */

static void
classes (Pen     *pen,
         GaLayer *layer,
         GaStyle *style)
{
  GaGeomKind kind = ga_layer_get_geom_kind (layer);
  guint n = ga_style_get_n_classes (style);

  if (ga_style_get_kind (style) == GA_STYLE_GRID)
    kind = GA_GEOM_POLYGON;
  for (guint i = 0; i < n; i++)
    {
      const GaStyleClass *c = ga_style_get_class (style, i);
      g_autofree char *text = class_text (style, c);

      row (pen, style, kind, c->color, text, FALSE);
    }
}

/* The reference values of proportional circles: the style's classes, else the maximum, a
 * quarter and a sixteenth of it (rounded to 1-2-5 numbers). */
static GArray *
reference_values (GaStyle *style)
{
  GArray *values = g_array_new (FALSE, FALSE, sizeof (double));
  guint n = ga_style_get_n_classes (style);

  for (guint i = 0; i < n; i++)
    {
      const GaStyleClass *c = ga_style_get_class (style, i);
      double v = c->lower > 0.0 ? c->lower : c->upper;

      if (v > 0.0)
        g_array_append_val (values, v);
    }
  if (values->len == 0 && ga_style_get_max_value (style) > 0.0)
    {
      double max = ga_style_get_max_value (style);
      double v[3] = { ga_pretty_round (max), ga_pretty_round (max / 4.0),
                      ga_pretty_round (max / 16.0) };

      for (guint i = 0; i < 3; i++)
        if (v[i] > 0.0 && (i == 0 || v[i] < v[i - 1]))
          g_array_append_val (values, v[i]);
    }
  return values;
}

static int
compare_desc (gconstpointer a,
              gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x > y ? -1 : x < y ? 1 : 0;
}

static void
proportional (Pen     *pen,
              GaStyle *style)
{
  g_autoptr(GArray) values = reference_values (style);
  double s = pen->scale;
  double r_max, cx, base, label_x, widest = 0.0, prev_label_y = G_MAXDOUBLE, bottom;
  GaRgba fill = ga_thematic_proportional_fill (style);
  GaRgba stroke = ga_thematic_proportional_stroke (style);
  const char *unit = ga_style_get_unit (style);

  /* without a unit, the field says what the circles measure */
  if (unit == NULL || *unit == '\0')
    unit = ga_style_get_field (style);
  if (values->len == 0)
    return;
  g_array_sort (values, compare_desc);
  r_max = ga_thematic_proportional_radius (style, g_array_index (values, double, 0)) * s;
  cx = pen->x + r_max + 1.0 * s;
  base = pen->y + 2.0 * r_max + 1.0 * s;  /* circles stand on one baseline */
  label_x = cx + r_max + TEXT_GAP * s;
  bottom = base;

  for (guint i = 0; i < values->len; i++)
    {
      double v = g_array_index (values, double, i);
      double r = ga_thematic_proportional_radius (style, v) * s;
      g_autofree char *num = ga_format_number (v);
      g_autofree char *text = unit != NULL && *unit != '\0' && i == 0
                              ? g_strdup_printf ("%s %s", num, unit) : g_strdup (num);
      double tw, th, ty;

      text_size (pen, text, SMALL_SIZE, FALSE, &tw, &th);
      /* at the circle's top, but never on the label above it */
      ty = base - 2.0 * r - th / 2.0;
      ty = MAX (ty, pen->y);
      if (prev_label_y != G_MAXDOUBLE)
        ty = MAX (ty, prev_label_y);
      prev_label_y = ty + th;
      bottom = MAX (bottom, ty + th);
      if (pen->draw)
        {
          cairo_save (pen->cr);
          cairo_new_path (pen->cr);
          cairo_arc (pen->cr, cx, base - r, r, 0.0, 2.0 * G_PI);
          ga_rgba_set_source (pen->cr, fill);
          cairo_fill_preserve (pen->cr);
          cairo_set_line_width (pen->cr, 1.0 * s);
          ga_rgba_set_source (pen->cr, stroke);
          cairo_stroke (pen->cr);
          /* leader from the circle's top to its value */
          cairo_move_to (pen->cr, cx, base - 2.0 * r);
          cairo_line_to (pen->cr, label_x - 2.0 * s, ty + th / 2.0);
          cairo_set_line_width (pen->cr, 0.8 * s);
          cairo_set_source_rgba (pen->cr, 0.3, 0.3, 0.3, 0.8);
          cairo_stroke (pen->cr);
          cairo_restore (pen->cr);
          text_at (pen, text, SMALL_SIZE, FALSE, label_x, ty, &tw, &th);
        }
      widest = MAX (widest, tw);
    }
  pen->width = MAX (pen->width, label_x - pen->x + widest);
  pen->y = bottom + ROW_GAP * s;
}

/* The colour bar of a heatmap item whose content starts at (@x, @y). */
static void
heat_bar_rect (double  x,
               double  y,
               double  scale,
               double *rect)
{
  rect[0] = round (x);
  rect[1] = round (y);
  rect[2] = round (BAR_W * scale);
  rect[3] = round (BAR_H * scale);
}

static void
heatmap (Pen     *pen,
         GaStyle *style)
{
  double s = pen->scale;
  double rect[4], tw, th, zw, zh;
  double scale_max = ga_style_get_scale_max (style);
  const char *unit = ga_style_get_unit (style);
  g_autofree char *num = ga_format_number (scale_max);
  g_autofree char *max_text = unit != NULL && *unit != '\0'
                              ? g_strdup_printf ("%s %s", num, unit) : g_strdup (num);

  heat_bar_rect (pen->x, pen->y, s, rect);
  if (pen->draw)
    {
      int n = (int) rect[2];
      g_autoptr(cairo_surface_t) image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, n, 1);
      guint32 *data;

      cairo_surface_flush (image);
      data = (guint32 *) (void *) cairo_image_surface_get_data (image);
      for (int i = 0; i < n; i++)
        {
          /* column i shows the density at its centre */
          GaRgba c = ga_thematic_heat_color (style, (i + 0.5) / n * scale_max);
          guint a = c & 0xff;

          data[i] = (a << 24) |
                    ((((c >> 24) & 0xff) * a + 127) / 255) << 16 |
                    ((((c >> 16) & 0xff) * a + 127) / 255) << 8 |
                    ((((c >> 8) & 0xff) * a + 127) / 255);
        }
      cairo_surface_mark_dirty (image);

      cairo_save (pen->cr);
      /* white under the bar, as the map's colours over a white page */
      cairo_rectangle (pen->cr, rect[0], rect[1], rect[2], rect[3]);
      cairo_set_source_rgb (pen->cr, 1, 1, 1);
      cairo_fill_preserve (pen->cr);
      cairo_clip (pen->cr);
      cairo_translate (pen->cr, rect[0], rect[1]);
      cairo_scale (pen->cr, 1.0, rect[3]);
      cairo_set_source_surface (pen->cr, image, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (pen->cr), CAIRO_FILTER_NEAREST);
      cairo_paint (pen->cr);
      cairo_restore (pen->cr);
    }
  pen->y = rect[1] + rect[3] + 2.0 * s;
  text_at (pen, "0", SMALL_SIZE, FALSE, rect[0], pen->y, &zw, &zh);
  text_size (pen, max_text, SMALL_SIZE, FALSE, &tw, &th);
  if (pen->draw)
    text_at (pen, max_text, SMALL_SIZE, FALSE, MAX (rect[0] + zw + TEXT_GAP * s,
                                                     rect[0] + rect[2] - tw),
             pen->y, &tw, &th);
  pen->width = MAX (pen->width, MAX (rect[2], zw + TEXT_GAP * s + tw));
  pen->y += MAX (zh, th) + ROW_GAP * s;
}

/* A file-style layer name ("emission_hotspots") as a heading ("Emission hotspots"). */
static char *
heading (const char *name)
{
  char *text = g_strdup (name != NULL ? name : "");

  if (strchr (text, ' ') == NULL && strchr (text, '_') != NULL)
    {
      g_strdelimit (text, "_", ' ');
      g_strstrip (text);
    }
  if (g_ascii_islower (text[0]))
    text[0] = g_ascii_toupper (text[0]);
  return text;
}

static void
item (Pen                *pen,
      const GaLegendItem *it)
{
  g_autofree char *name = heading (ga_layer_get_name (it->layer));
  GaGeomKind kind = ga_layer_get_geom_kind (it->layer);

  switch (ga_style_get_kind (it->style))
    {
    case GA_STYLE_SINGLE:
      row (pen, it->style, kind, ga_style_get_kind (it->style) == GA_STYLE_SINGLE &&
           kind == GA_GEOM_LINE ? ga_style_get_stroke (it->style) : ga_style_get_fill (it->style),
           name, TRUE);
      break;
    case GA_STYLE_CATEGORIZED:
    case GA_STYLE_GRADUATED:
    case GA_STYLE_GRID:
      /* Transit stops are classed by their line's colour only to colour their rings; the
       * lines layer already lists the lines, so the stops show as one symbol. */
      if (ga_style_get_theme (it->style) == GA_THEME_TRANSIT_STOPS && kind == GA_GEOM_POINT)
        {
          row (pen, it->style, kind, ga_style_get_fill (it->style), name, TRUE);
          break;
        }
      title (pen, name);
      classes (pen, it->layer, it->style);
      break;
    case GA_STYLE_PROPORTIONAL:
      title (pen, name);
      proportional (pen, it->style);
      break;
    case GA_STYLE_HEATMAP:
      title (pen, name);
      heatmap (pen, it->style);
      break;
    default:
      title (pen, name);
      break;
    }

  /* A filtered layer says so: the legend must not pass off a subset as the whole. */
  if (ga_style_get_filter (it->style) != NULL && *ga_style_get_filter (it->style) != '\0')
    {
      /* Translators: under a layer in the legend; %s is an attribute condition such as
       * "tco2e > 1000" */
      g_autofree char *text = g_strdup_printf (_("Only where %s"), ga_style_get_filter (it->style));
      double tw, th;

      text_at (pen, text, SMALL_SIZE, FALSE, pen->x, pen->y, &tw, &th);
      pen->width = MAX (pen->width, tw);
      pen->y += th + ROW_GAP * pen->scale;
    }
}

static void
layout_legend (cairo_t            *cr,
               const GaLegendItem *items,
               guint               n_items,
               double              scale,
               gboolean            draw,
               double             *width,
               double             *height)
{
  Pen pen = { cr, scale, draw, PAD * scale, PAD * scale, 0.0 };

  for (guint i = 0; i < n_items; i++)
    {
      if (items[i].layer == NULL || items[i].style == NULL)
        continue;
      if (i > 0)
        pen.y += (ITEM_GAP - ROW_GAP) * scale;
      item (&pen, &items[i]);
    }
  *width = ceil (pen.width + 2.0 * PAD * scale);
  *height = ceil (pen.y - ROW_GAP * scale + PAD * scale);
}

/* ---- private API (tests) ---- */

/* The colour bar of the @index-th item (a heatmap) of a legend drawn at the origin. */
gboolean
ga_legend_get_heat_bar (cairo_t            *cr,
                        const GaLegendItem *items,
                        guint               n_items,
                        double              scale,
                        guint               index,
                        double              rect[4])
{
  if (index >= n_items || ga_style_get_kind (items[index].style) != GA_STYLE_HEATMAP)
    return FALSE;
  /* lay out the items before it, then its title */
  {
    Pen pen = { cr, scale, FALSE, PAD * scale, PAD * scale, 0.0 };

    for (guint i = 0; i < index; i++)
      {
        if (i > 0)
          pen.y += (ITEM_GAP - ROW_GAP) * scale;
        item (&pen, &items[i]);
      }
    if (index > 0)
      pen.y += (ITEM_GAP - ROW_GAP) * scale;
    {
      g_autofree char *name = heading (ga_layer_get_name (items[index].layer));

      title (&pen, name);
    }
    heat_bar_rect (pen.x, pen.y, scale, rect);
  }
  return TRUE;
}

/* ---- public API ---- */

void
ga_legend_measure (cairo_t            *cr,
                   const GaLegendItem *items,
                   guint               n_items,
                   double              scale,
                   double             *width,
                   double             *height)
{
  double w = 0.0, h = 0.0;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (items != NULL || n_items == 0);

  if (n_items > 0)
    layout_legend (cr, items, n_items, scale > 0.0 ? scale : 1.0, FALSE, &w, &h);
  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;
}

void
ga_legend_draw (cairo_t            *cr,
                const GaLegendItem *items,
                guint               n_items,
                double              scale)
{
  double w, h, r;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (items != NULL || n_items == 0);

  if (n_items == 0)
    return;
  if (scale <= 0.0)
    scale = 1.0;
  layout_legend (cr, items, n_items, scale, FALSE, &w, &h);
  r = RADIUS * scale;

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_arc (cr, w - r, r, r, -G_PI / 2.0, 0.0);
  cairo_arc (cr, w - r, h - r, r, 0.0, G_PI / 2.0);
  cairo_arc (cr, r, h - r, r, G_PI / 2.0, G_PI);
  cairo_arc (cr, r, r, r, G_PI, 1.5 * G_PI);
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, 1.0, 1.0, 1.0, 0.97);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1.0 * scale);
  cairo_set_source_rgba (cr, 0.0, 0.0, 0.0, 0.18);
  cairo_stroke (cr);
  cairo_new_path (cr);

  layout_legend (cr, items, n_items, scale, TRUE, &w, &h);
  cairo_restore (cr);
}
