/* ga-layout.c — a map page: map, title, legend, scale bar, north arrow, attribution, date
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sizes are given in 96-dpi pixels and multiplied by the page's unit: the caller's @scale
 * (the output's resolution) times a page factor, so an A0 poster looks like an enlarged A4
 * page, map included. Text is measured and drawn through one unhinted Pango context, so the geometry the
 * export computes before drawing (the map view, to fetch the basemap for it) is exactly the
 * one drawn, whatever the output.
 */
#define G_LOG_DOMAIN "ga-layout"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "ga-labeler.h"
#include "ga-layout-private.h"
#include "ga-layout.h"
#include "ga-legend.h"
#include "ga-render-bands.h"
#include "ga-render-private.h"
#include "ga-thematic.h"

/* A4 landscape at 96 dpi: the page whose factor is 1 */
#define REFERENCE_W 1122.5
#define REFERENCE_H 793.7
#define PT_PER_MM   (72.0 / 25.4)

/* furniture, in 96-dpi pixels at factor 1 */
#define MARGIN          18.0
#define TITLE_SIZE      26.0
#define SUBTITLE_SIZE   15.0
#define CAPTION_SIZE    13.5
#define FOOTER_SIZE     10.0
#define LINE_GAP         3.0
#define BAND_GAP        10.0
#define FOOTER_GAP       6.0
#define FRAME_PAD       10.0
#define ARROW_SIZE      42.0
#define BAR_TEXT_SIZE   11.0
#define BAR_HEIGHT       6.0
#define BAR_PAD          6.0
#define BAR_MAX_WIDTH  200.0
#define EARTH_RADIUS   (GA_MERCATOR_HALF_WORLD / G_PI)

#define FONT_FAMILIES GA_LABELER_FONT_FAMILIES

/* ---- text: one unhinted context for measuring and drawing ---- */

/* Pango 1.50 declares no cleanup for PangoContext */
typedef PangoContext TextContext;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TextContext, g_object_unref)

static PangoContext *
text_context (void)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (context, FALSE);
  return context;
}

/* A layout of @text at @size units; @width > 0 wraps it (at most @max_lines lines, the
 * last one ellipsized). */
static PangoLayout *
text_layout (PangoContext   *context,
             const char     *text,
             double          size,
             gboolean        bold,
             double          width,
             int             max_lines,
             PangoAlignment  alignment)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILIES);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, text, -1);
  if (width > 0.0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_alignment (layout, alignment);
      if (max_lines > 0)
        {
          pango_layout_set_height (layout, -max_lines);
          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
        }
    }
  return layout;
}

static void
layout_size (PangoLayout *layout,
             double      *width,
             double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width != NULL)
    *width = logical.width / (double) PANGO_SCALE;
  if (height != NULL)
    *height = logical.height / (double) PANGO_SCALE;
}

static void
show_layout (cairo_t     *cr,
             PangoLayout *layout,
             double       x,
             double       y,
             double       grey)
{
  cairo_save (cr);
  cairo_move_to (cr, x, y);
  cairo_set_source_rgb (cr, grey, grey, grey);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

static gboolean
nonempty (const char *text)
{
  return text != NULL && *text != '\0';
}

/* ---- presets ---- */

static const struct
{
  const char *name;
  const char *label;
  double      width_mm;
  double      height_mm;
} presets[] = {
  [GA_LAYOUT_SLIDE] = { "slide", NC_("page size", "Slide 16:9"), 338.6667, 190.5 },
  [GA_LAYOUT_A4] = { "a4", NC_("page size", "A4"), 297.0, 210.0 },
  [GA_LAYOUT_A3] = { "a3", NC_("page size", "A3"), 420.0, 297.0 },
  [GA_LAYOUT_A0] = { "a0", NC_("page size", "A0 poster"), 1189.0, 841.0 },
};

gboolean
ga_layout_preset_from_string (const char     *name,
                              GaLayoutPreset *preset)
{
  g_return_val_if_fail (preset != NULL, FALSE);

  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (presets); i++)
    if (g_ascii_strcasecmp (name, presets[i].name) == 0)
      {
        *preset = (GaLayoutPreset) i;
        return TRUE;
      }
  return FALSE;
}

const char *
ga_layout_preset_to_string (GaLayoutPreset preset)
{
  g_return_val_if_fail ((guint) preset < G_N_ELEMENTS (presets), NULL);

  return presets[preset].name;
}

const char *
ga_layout_preset_get_label (GaLayoutPreset preset)
{
  g_return_val_if_fail ((guint) preset < G_N_ELEMENTS (presets), NULL);

  return g_dpgettext2 (GETTEXT_PACKAGE, "page size", presets[preset].label);
}

void
ga_layout_preset_get_size (GaLayoutPreset  preset,
                           gboolean        portrait,
                           double         *width_pt,
                           double         *height_pt)
{
  double w, h;

  g_return_if_fail ((guint) preset < G_N_ELEMENTS (presets));

  /* whole points, as print dialogs give them: 842 x 595 for A4 */
  w = round (presets[preset].width_mm * PT_PER_MM);
  h = round (presets[preset].height_mm * PT_PER_MM);
  if (portrait)
    {
      double t = w;

      w = h;
      h = t;
    }
  if (width_pt != NULL)
    *width_pt = w;
  if (height_pt != NULL)
    *height_pt = h;
}

/* ---- pages ---- */

GaLayoutPage *
ga_layout_page_new (void)
{
  GaLayoutPage *page = g_new0 (GaLayoutPage, 1);

  page->layers = g_ptr_array_new_with_free_func (g_object_unref);
  page->styles = g_ptr_array_new_with_free_func (g_object_unref);
  page->legend = TRUE;
  page->scale_bar = TRUE;
  page->north_arrow = TRUE;
  return page;
}

void
ga_layout_page_free (GaLayoutPage *page)
{
  if (page == NULL)
    return;
  g_clear_pointer (&page->layers, g_ptr_array_unref);
  g_clear_pointer (&page->styles, g_ptr_array_unref);
  g_clear_pointer (&page->opacities, g_array_unref);
  g_free (page->title);
  g_free (page->subtitle);
  g_free (page->caption);
  g_free (page->attribution);
  g_strfreev (page->sources);
  g_clear_pointer (&page->date, g_date_time_unref);
  g_free (page);
}

GaLayoutPage *
ga_layout_page_copy (const GaLayoutPage *page)
{
  GaLayoutPage *copy;

  g_return_val_if_fail (page != NULL, NULL);

  copy = ga_layout_page_new ();
  for (guint i = 0; page->layers != NULL && i < page->layers->len; i++)
    g_ptr_array_add (copy->layers, g_object_ref (g_ptr_array_index (page->layers, i)));
  for (guint i = 0; page->styles != NULL && i < page->styles->len; i++)
    g_ptr_array_add (copy->styles, g_object_ref (g_ptr_array_index (page->styles, i)));
  if (page->opacities != NULL)
    {
      copy->opacities = g_array_sized_new (FALSE, FALSE, sizeof (double), page->opacities->len);
      g_array_append_vals (copy->opacities, page->opacities->data, page->opacities->len);
    }
  copy->extent = page->extent;
  copy->title = g_strdup (page->title);
  copy->subtitle = g_strdup (page->subtitle);
  copy->caption = g_strdup (page->caption);
  copy->attribution = g_strdup (page->attribution);
  copy->sources = g_strdupv (page->sources);
  copy->date = page->date != NULL ? g_date_time_ref (page->date) : NULL;
  copy->legend = page->legend;
  copy->scale_bar = page->scale_bar;
  copy->north_arrow = page->north_arrow;
  return copy;
}

/* ---- Mercator ---- */

void
ga_layout_lonlat_to_mercator (double  lon,
                              double  lat,
                              double *x,
                              double *y)
{
  /* EPSG:3857 on its sphere; latitudes clamped to the square world */
  lat = CLAMP (lat, -85.05112878, 85.05112878);
  *x = lon * G_PI / 180.0 * EARTH_RADIUS;
  *y = log (tan (G_PI / 4.0 + lat * G_PI / 360.0)) * EARTH_RADIUS;
}

double
ga_layout_mercator_to_lat (double y)
{
  return atan (sinh (y / EARTH_RADIUS)) * 180.0 / G_PI;
}

/* ---- date ---- */

static const char *
month_name (int month)
{
  switch (month)
    {
    case 1: return C_("month name", "January");
    case 2: return C_("month name", "February");
    case 3: return C_("month name", "March");
    case 4: return C_("month name", "April");
    case 5: return C_("month name", "May");
    case 6: return C_("month name", "June");
    case 7: return C_("month name", "July");
    case 8: return C_("month name", "August");
    case 9: return C_("month name", "September");
    case 10: return C_("month name", "October");
    case 11: return C_("month name", "November");
    case 12: return C_("month name", "December");
    default: return "";
    }
}

char *
ga_layout_format_date_era (GDateTime *date,
                           gboolean   buddhist_era)
{
  /* xgettext:no-c-format */
  /* Translators: the date printed on exported maps. %d is the day of the month, %B the
   * month's name (translated separately, context "month name"), %Y the year (in the era of
   * "calendar era"), %m the month's number. Thai: "%d %B %Y". */
  const char *format = C_("layout date", "%d %B %Y");
  GString *out = g_string_new (NULL);
  int year;

  g_return_val_if_fail (date != NULL, NULL);

  year = g_date_time_get_year (date) + (buddhist_era ? 543 : 0);
  for (const char *p = format; *p != '\0'; p++)
    {
      if (*p != '%' || p[1] == '\0')
        {
          g_string_append_c (out, *p);
          continue;
        }
      p++;
      switch (*p)
        {
        case 'd':
        case 'e':
          g_string_append_printf (out, "%d", g_date_time_get_day_of_month (date));
          break;
        case 'm':
          g_string_append_printf (out, "%d", g_date_time_get_month (date));
          break;
        case 'B':
          g_string_append (out, month_name (g_date_time_get_month (date)));
          break;
        case 'Y':
          g_string_append_printf (out, "%d", year);
          break;
        case '%':
          g_string_append_c (out, '%');
          break;
        default:
          g_string_append_c (out, '%');
          g_string_append_c (out, *p);
          break;
        }
    }
  return g_string_free (out, FALSE);
}

char *
ga_layout_format_date (GDateTime *date)
{
  /* Translators: the calendar of dates on exported maps: "gregorian", or "buddhist" for
   * years of the Buddhist era (Thai: 2569 for 2026). Do not translate it into your
   * language: type one of the two words. */
  const char *era = C_("calendar era", "gregorian");

  g_return_val_if_fail (date != NULL, NULL);

  return ga_layout_format_date_era (date, g_str_equal (era, "buddhist"));
}

/* ---- scale bar ---- */

double
ga_layout_scale_bar_length (double  metres_per_pixel,
                            double  lat,
                            double  max_width,
                            double *metres)
{
  static const double steps[] = { 5.0, 2.0, 1.0 };
  double ground, max_m, power;

  if (metres != NULL)
    *metres = 0.0;
  /* Mercator stretches distances by 1 / cos(latitude) */
  ground = metres_per_pixel * cos (lat * G_PI / 180.0);
  if (!(ground > 0.0) || !(max_width > 0.0) || !isfinite (ground))
    return 0.0;
  max_m = max_width * ground;
  power = pow (10.0, floor (log10 (max_m)));
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] * power <= max_m * (1.0 + 1e-9))
      {
        if (metres != NULL)
          *metres = steps[i] * power;
        return steps[i] * power / ground;
      }
  return 0.0;
}

char *
ga_layout_format_distance (double metres)
{
  g_autofree char *number = NULL;

  if (metres >= 1000.0)
    {
      number = g_strdup_printf ("%g", metres / 1000.0);
      /* Translators: a scale bar's length in kilometres */
      return g_strdup_printf (C_("scale bar", "%s km"), number);
    }
  number = g_strdup_printf ("%g", metres);
  /* Translators: a scale bar's length in metres */
  return g_strdup_printf (C_("scale bar", "%s m"), number);
}

/* The box of a scale bar (padding included) and where its bar lies inside it. */
typedef struct
{
  double       width, height;
  double       bar_x, bar_y, bar_w, bar_h;
  double       label_x, label_y;
  PangoLayout *label;
} ScaleBar;

static gboolean
scale_bar_layout (PangoContext *context,
                  double        metres_per_pixel,
                  double        lat,
                  double        max_width,
                  double        scale,
                  ScaleBar     *bar)
{
  double metres, pad = BAR_PAD * scale, lw, lh;
  g_autofree char *text = NULL;

  memset (bar, 0, sizeof *bar);
  bar->bar_w = ga_layout_scale_bar_length (metres_per_pixel, lat, max_width - 2.0 * pad,
                                           &metres);
  if (bar->bar_w <= 0.0)
    return FALSE;
  text = ga_layout_format_distance (metres);
  bar->label = text_layout (context, text, BAR_TEXT_SIZE * scale, FALSE, 0.0, 0,
                            PANGO_ALIGN_LEFT);
  layout_size (bar->label, &lw, &lh);
  bar->width = MAX (bar->bar_w, lw) + 2.0 * pad;
  bar->bar_h = BAR_HEIGHT * scale;
  bar->bar_x = pad + (bar->width - 2.0 * pad - bar->bar_w) / 2.0;
  bar->label_x = pad + (bar->width - 2.0 * pad - lw) / 2.0;
  bar->label_y = pad * 0.6;
  bar->bar_y = bar->label_y + lh + 2.0 * scale;
  bar->height = bar->bar_y + bar->bar_h + pad;
  return TRUE;
}

static void
rounded_rectangle (cairo_t *cr,
                   double   x,
                   double   y,
                   double   w,
                   double   h,
                   double   r)
{
  r = MIN (r, MIN (w, h) / 2.0);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2.0, 0.0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0.0, G_PI / 2.0);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2.0, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 1.5 * G_PI);
  cairo_close_path (cr);
}

static void
panel (cairo_t *cr,
       double   x,
       double   y,
       double   w,
       double   h,
       double   scale)
{
  cairo_save (cr);
  cairo_new_path (cr);
  rounded_rectangle (cr, x, y, w, h, 6.0 * scale);
  cairo_set_source_rgba (cr, 1.0, 1.0, 1.0, 0.9);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1.0 * scale);
  cairo_set_source_rgba (cr, 0.0, 0.0, 0.0, 0.18);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
current_point (cairo_t *cr,
               double  *x,
               double  *y)
{
  *x = *y = 0.0;
  if (cairo_has_current_point (cr))
    cairo_get_current_point (cr, x, y);
}

double
ga_layout_draw_scale_bar (cairo_t *cr,
                          double   metres_per_pixel,
                          double   lat,
                          double   max_width,
                          double   scale)
{
  g_autoptr(TextContext) context = NULL;
  ScaleBar bar;
  double x, y, lw;

  g_return_val_if_fail (cr != NULL, 0.0);

  if (scale <= 0.0)
    scale = 1.0;
  current_point (cr, &x, &y);
  context = text_context ();
  if (!scale_bar_layout (context, metres_per_pixel, lat, max_width, scale, &bar))
    return 0.0;

  panel (cr, x, y, bar.width, bar.height, scale);
  cairo_save (cr);
  cairo_new_path (cr);
  /* left half dark, right half white, one outline inside the bar's length */
  lw = 1.0 * scale;
  cairo_rectangle (cr, x + bar.bar_x, y + bar.bar_y, bar.bar_w / 2.0, bar.bar_h);
  cairo_set_source_rgb (cr, 0.13, 0.13, 0.13);
  cairo_fill (cr);
  cairo_rectangle (cr, x + bar.bar_x + lw / 2.0, y + bar.bar_y + lw / 2.0, bar.bar_w - lw,
                   bar.bar_h - lw);
  cairo_set_line_width (cr, lw);
  cairo_stroke (cr);
  cairo_restore (cr);
  show_layout (cr, bar.label, x + bar.label_x, y + bar.label_y, 0.13);
  g_object_unref (bar.label);
  cairo_new_path (cr);
  return bar.width;
}

/* ---- north arrow ---- */

void
ga_layout_draw_north_arrow (cairo_t *cr,
                            double   size)
{
  g_autoptr(TextContext) context = NULL;
  g_autoptr(PangoLayout) n = NULL;
  double x, y, cx, tip, base, notch, half, nw, nh;

  g_return_if_fail (cr != NULL);

  current_point (cr, &x, &y);
  cx = x + size / 2.0;
  tip = y + size * 0.42;
  base = y + size * 0.86;
  notch = y + size * 0.75;
  half = size * 0.15;

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_arc (cr, cx, y + size / 2.0, size / 2.0, 0.0, 2.0 * G_PI);
  cairo_set_source_rgba (cr, 1.0, 1.0, 1.0, 0.9);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, size * 0.025);
  cairo_set_source_rgba (cr, 0.0, 0.0, 0.0, 0.18);
  cairo_stroke (cr);

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
  /* west half dark, east half light: the classic two-tone needle */
  cairo_move_to (cr, cx, tip);
  cairo_line_to (cr, cx - half, base);
  cairo_line_to (cr, cx, notch);
  cairo_close_path (cr);
  cairo_set_source_rgb (cr, 0.13, 0.13, 0.13);
  cairo_fill (cr);
  cairo_move_to (cr, cx, tip);
  cairo_line_to (cr, cx + half, base);
  cairo_line_to (cr, cx, notch);
  cairo_close_path (cr);
  cairo_set_source_rgb (cr, 1.0, 1.0, 1.0);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, MAX (size * 0.03, 0.5));
  cairo_set_source_rgb (cr, 0.13, 0.13, 0.13);
  cairo_stroke (cr);
  cairo_restore (cr);

  context = text_context ();
  /* Translators: the letter on the north arrow of exported maps */
  n = text_layout (context, C_("north arrow", "N"), size * 0.28, TRUE, 0.0, 0,
                   PANGO_ALIGN_LEFT);
  layout_size (n, &nw, &nh);
  show_layout (cr, n, cx - nw / 2.0, y + size * 0.06, 0.13);
  cairo_new_path (cr);
}

/* ---- the map ---- */

/* Layers top … bottom - 1 of a LayerRun, from the bottom up. */
typedef struct
{
  const GaRenderView *view;
  GaLayer * const    *layers;
  GaStyle * const    *styles;
  const double       *opacities;
  guint               top;
  guint               bottom;
} LayerRun;

static gboolean
draws_whole_view (GaStyle *style)
{
  GaStyleKind kind = ga_style_get_kind (style);

  return kind == GA_STYLE_HEATMAP || kind == GA_STYLE_GRID;
}

static gboolean
draw_layer_run (cairo_t      *cr,
                gpointer      data,
                GCancellable *cancellable)
{
  const LayerRun *run = data;

  for (guint i = run->bottom; i-- > run->top;)
    {
      GaLayer *layer = run->layers[i];
      double opacity = run->opacities != NULL ? run->opacities[i] : ga_layer_get_opacity (layer);

      if (opacity <= 0.0)
        continue;
      if (!ga_thematic_draw_layer_full (cr, run->view, layer, run->styles[i], opacity,
                                        GA_THEMATIC_NO_LABELS, cancellable))
        return FALSE;
    }
  return TRUE;
}

gboolean
ga_layout_draw_map_layers (cairo_t            *cr,
                           const GaRenderView *view,
                           GaLayer * const    *layers,
                           GaStyle * const    *styles,
                           const double       *opacities,
                           guint               n,
                           GCancellable       *cancellable)
{
  g_autoptr(GaLabeler) labeler = ga_labeler_new ();
  LayerRun run = { view, layers, styles, opacities, 0, 0 };

  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (view != NULL, FALSE);

  /* top first: draw from the bottom up; each run of layers drawn feature by feature split
   * across cores (ga-render-bands.h), a heatmap or grid (computed over the whole view, and
   * threaded itself) on its own */
  for (guint i = n; i-- > 0;)
    {
      gboolean whole = draws_whole_view (styles[i]);

      run.bottom = i + 1;
      run.top = i;
      while (!whole && run.top > 0 && !draws_whole_view (styles[run.top - 1]))
        run.top--;
      if (whole ? !draw_layer_run (cr, &run, cancellable)
                : !ga_render_bands (cr, draw_layer_run, &run, cancellable))
        return FALSE;
      i = run.top;
    }
  /* labels of the upper layers win ties */
  for (guint i = 0; i < n; i++)
    {
      double opacity = opacities != NULL ? opacities[i] : ga_layer_get_opacity (layers[i]);

      if (opacity > 0.0)
        ga_thematic_add_labels (labeler, layers[i], styles[i]);
    }
  if (ga_labeler_has_labels (labeler) && !ga_labeler_draw (labeler, cr, view, cancellable))
    return FALSE;
  return !g_cancellable_is_cancelled (cancellable);
}

/* ---- geometry ---- */

typedef struct
{
  PangoLayout *title;
  PangoLayout *subtitle;
  PangoLayout *caption;
  PangoLayout *footer;
  PangoLayout *date;
  double       title_y, subtitle_y, caption_y;
} PageText;

static void
page_text_clear (PageText *text)
{
  g_clear_object (&text->title);
  g_clear_object (&text->subtitle);
  g_clear_object (&text->caption);
  g_clear_object (&text->footer);
  g_clear_object (&text->date);
}

/* "Basemap: © OpenStreetMap contributors · Data: Parks (parks.shp); …" without HTML */
static char *
footer_text (const GaLayoutPage *page)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (nonempty (page->attribution))
    {
      gboolean in_tag = FALSE;

      for (const char *p = page->attribution; *p != '\0'; p++)
        {
          if (*p == '<')
            in_tag = TRUE;
          else if (*p == '>' && in_tag)
            in_tag = FALSE;
          else if (!in_tag)
            g_string_append_c (out, *p == '\n' ? ' ' : *p);
        }
      g_string_replace (out, "&copy;", "©", 0);
      g_string_replace (out, "&amp;", "&", 0);
      g_strstrip (out->str);
      g_string_set_size (out, strlen (out->str));
      if (out->len > 0)
        {
          /* Translators: the basemap's credit at the bottom of an exported map */
          g_autofree char *credit = g_strdup_printf (_("Basemap: %s"), out->str);

          g_string_assign (out, credit);
        }
    }
  if (page->sources != NULL && page->sources[0] != NULL)
    {
      g_autofree char *list = g_strjoinv ("; ", page->sources);
      /* Translators: the data layers' sources at the bottom of an exported map */
      g_autofree char *data = g_strdup_printf (_("Data: %s"), list);

      if (out->len > 0)
        g_string_append (out, " · ");
      g_string_append (out, data);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
compute_geometry (PangoContext       *context,
                  const GaLayoutPage *page,
                  double              width,
                  double              height,
                  double              scale,
                  GaLayoutGeometry   *g,
                  GaRenderView       *view,
                  PageText           *text)
{
  g_autofree char *footer = NULL;
  g_autofree char *date = NULL;
  double factor, u, margin, inner_w, y, w, h, bottom, frame_top, frame_bottom;

  memset (g, 0, sizeof *g);
  if (scale <= 0.0)
    scale = 1.0;
  factor = sqrt ((width / scale) * (height / scale) / (REFERENCE_W * REFERENCE_H));
  factor = CLAMP (factor, 0.5, 8.0);
  u = g->unit = scale * factor;
  /* the map grows with the furniture: a poster is the A4 page enlarged, its symbols and
   * labels readable from a few steps away (the basemap gets one tile zoom level finer) */
  g->map_scale = u;
  margin = MARGIN * u;
  inner_w = MAX (width - 2.0 * margin, 1.0);

  /* title band */
  y = margin;
  if (nonempty (page->title))
    {
      text->title = text_layout (context, page->title, TITLE_SIZE * u, TRUE, inner_w, 2,
                                 PANGO_ALIGN_LEFT);
      layout_size (text->title, NULL, &h);
      text->title_y = y;
      y += h + LINE_GAP * u;
    }
  if (nonempty (page->subtitle))
    {
      text->subtitle = text_layout (context, page->subtitle, SUBTITLE_SIZE * u, FALSE, inner_w,
                                    1, PANGO_ALIGN_LEFT);
      layout_size (text->subtitle, NULL, &h);
      text->subtitle_y = y;
      y += h + LINE_GAP * u;
    }
  if (nonempty (page->caption))
    {
      text->caption = text_layout (context, page->caption, CAPTION_SIZE * u, FALSE, inner_w, 3,
                                   PANGO_ALIGN_LEFT);
      layout_size (text->caption, NULL, &h);
      text->caption_y = y + LINE_GAP * u;
      y = text->caption_y + h + LINE_GAP * u;
    }
  g->title[0] = margin;
  g->title[1] = margin;
  g->title[2] = y > margin ? inner_w : 0.0;
  g->title[3] = y > margin ? y - LINE_GAP * u - margin : 0.0;
  frame_top = y > margin ? y - LINE_GAP * u + BAND_GAP * u : margin;

  /* footer: attribution left, date right */
  footer = footer_text (page);
  date = page->date != NULL ? ga_layout_format_date (page->date) : NULL;
  bottom = height - margin;
  h = 0.0;
  w = 0.0;
  if (nonempty (date))
    {
      double dh;

      text->date = text_layout (context, date, FOOTER_SIZE * u, FALSE, 0.0, 0, PANGO_ALIGN_LEFT);
      layout_size (text->date, &w, &dh);
      h = MAX (h, dh);
    }
  if (nonempty (footer))
    {
      double fh, avail = inner_w - (w > 0.0 ? w + 16.0 * u : 0.0);

      text->footer = text_layout (context, footer, FOOTER_SIZE * u, FALSE, MAX (avail, 1.0), 2,
                                  PANGO_ALIGN_LEFT);
      layout_size (text->footer, NULL, &fh);
      h = MAX (h, fh);
    }
  g->footer[0] = margin;
  g->footer[1] = bottom - h;
  g->footer[2] = h > 0.0 ? inner_w : 0.0;
  g->footer[3] = h;
  frame_bottom = h > 0.0 ? bottom - h - FOOTER_GAP * u : bottom;

  /* the map frame: whole view pixels at the map's scale */
  view->width = (int) MAX (1.0, floor (inner_w / g->map_scale + 0.5));
  view->height = (int) MAX (1.0, floor ((frame_bottom - frame_top) / g->map_scale + 0.5));
  g->frame[0] = margin;
  g->frame[1] = frame_top;
  g->frame[2] = view->width * g->map_scale;
  g->frame[3] = view->height * g->map_scale;
}

/* Legend items of @page: its layers, top first. */
static GArray *
legend_items (const GaLayoutPage *page)
{
  GArray *items = g_array_new (FALSE, TRUE, sizeof (GaLegendItem));

  for (guint i = 0; i < page->layers->len && i < page->styles->len; i++)
    {
      GaLegendItem item = { g_ptr_array_index (page->layers, i),
                            g_ptr_array_index (page->styles, i) };
      double opacity = page->opacities != NULL && i < page->opacities->len
                       ? g_array_index (page->opacities, double, i)
                       : ga_layer_get_opacity (item.layer);

      if (opacity > 0.0)
        g_array_append_val (items, item);
    }
  return items;
}

/* Fits the page's extent into the part of the frame the legend leaves free (a column on
 * its right or a band above it, whichever keeps more of the map), centred there: the
 * legend never hides the data the page is about. */
static void
fit_view (const GaLayoutPage     *page,
          const GaLayoutGeometry *g,
          GaRenderView           *view)
{
  int width = view->width, height = view->height;
  double column = 0.0, band = 0.0, res;

  if (g->legend[2] > 0.0)
    {
      double pad = FRAME_PAD * g->unit;
      double col = (g->legend[2] + pad) / g->map_scale;
      double bnd = (g->legend[3] + pad) / g->map_scale;

      if (col / width <= bnd / height)
        column = MIN (col, width * 0.5);
      else
        band = MIN (bnd, height * 0.5);
    }
  ga_render_view_init_extent (view, &page->extent, MAX (1, (int) (width - column)),
                              MAX (1, (int) (height - band)), 0.0);
  res = ga_render_view_get_resolution (view);
  view->width = width;
  view->height = height;
  /* centred in the whole frame when that keeps it clear of the legend, else moved just
   * enough: the less of the map beyond the extent shows, the better (a basemap may end
   * there) */
  if (column > 0.0)
    {
      double free_px = (width - (page->extent.max_x - page->extent.min_x) / res) / 2.0;

      view->center_x -= MAX (0.0, column - free_px) * res;
    }
  if (band > 0.0)
    {
      double free_px = (height - (page->extent.max_y - page->extent.min_y) / res) / 2.0;

      view->center_y -= MAX (0.0, band - free_px) * res;
    }
}

static void
place_overlays (PangoContext       *context,
                const GaLayoutPage *page,
                GaLayoutGeometry   *g,
                GaRenderView       *view)
{
  double u = g->unit, pad = FRAME_PAD * u;
  double fx = g->frame[0], fy = g->frame[1], fw = g->frame[2], fh = g->frame[3];
  double bar_max = MIN (fw * 0.3, BAR_MAX_WIDTH * u);

  if (page->north_arrow)
    {
      double size = MIN (ARROW_SIZE * u, MIN (fw, fh) / 4.0);

      g->north_arrow[0] = fx + fw - pad - size;
      g->north_arrow[1] = fy + pad;
      g->north_arrow[2] = size;
      g->north_arrow[3] = size;
    }

  g->legend_scale = u;
  if (page->legend)
    {
      g_autoptr(GArray) items = legend_items (page);

      if (items->len > 0)
        {
          g_autoptr(cairo_surface_t) surface = NULL;
          g_autoptr(cairo_t) cr = NULL;
          cairo_font_options_t *options;
          double lw, lh, avail_w, avail_h, shrink = 1.0;

          /* a measuring context like the export's: unhinted metrics */
          surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
          cr = cairo_create (surface);
          options = cairo_font_options_create ();
          cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
          cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
          cairo_set_font_options (cr, options);
          cairo_font_options_destroy (options);

          ga_legend_measure (cr, (GaLegendItem *) (void *) items->data, items->len, u, &lw, &lh);
          /* never taller than the frame, nor so wide it meets the scale bar */
          avail_h = fh - 2.0 * pad;
          avail_w = MIN (fw * 0.45, fw - 3.0 * pad - bar_max);
          if (lh > avail_h && lh > 0.0)
            shrink = MIN (shrink, avail_h / lh);
          if (lw > avail_w && lw > 0.0)
            shrink = MIN (shrink, avail_w / lw);
          shrink = MAX (shrink, 0.25);
          if (shrink < 1.0)
            {
              g->legend_scale = u * shrink;
              ga_legend_measure (cr, (GaLegendItem *) (void *) items->data, items->len,
                                 g->legend_scale, &lw, &lh);
            }
          g->legend[0] = fx + pad;
          g->legend[1] = MAX (fy + pad, fy + fh - pad - lh);
          g->legend[2] = lw;
          g->legend[3] = lh;
        }
    }

  fit_view (page, g, view);

  if (page->scale_bar)
    {
      ScaleBar bar;
      double mpp = ga_render_view_get_resolution (view) / g->map_scale;
      double lat = ga_layout_mercator_to_lat (view->center_y);

      if (scale_bar_layout (context, mpp, lat, bar_max, u, &bar))
        {
          g->scale_bar[0] = fx + fw - pad - bar.width;
          g->scale_bar[1] = fy + fh - pad - bar.height;
          g->scale_bar[2] = bar.width;
          g->scale_bar[3] = bar.height;
          g_object_unref (bar.label);
        }
    }
}

void
ga_layout_get_geometry (const GaLayoutPage *page,
                        double              width,
                        double              height,
                        double              scale,
                        GaLayoutGeometry   *geometry,
                        GaRenderView       *view)
{
  g_autoptr(TextContext) context = NULL;
  PageText text = { 0 };
  GaRenderView local_view;

  g_return_if_fail (page != NULL);
  g_return_if_fail (geometry != NULL);

  if (view == NULL)
    view = &local_view;
  context = text_context ();
  compute_geometry (context, page, width, height, scale, geometry, view, &text);
  place_overlays (context, page, geometry, view);
  page_text_clear (&text);
}

void
ga_layout_get_map_view (const GaLayoutPage *page,
                        double              width,
                        double              height,
                        double              scale,
                        GaRenderView       *view,
                        double             *map_x,
                        double             *map_y)
{
  g_autoptr(TextContext) context = NULL;
  PageText text = { 0 };
  GaLayoutGeometry g;

  g_return_if_fail (page != NULL);
  g_return_if_fail (view != NULL);

  context = text_context ();
  compute_geometry (context, page, width, height, scale, &g, view, &text);
  place_overlays (context, page, &g, view);
  page_text_clear (&text);
  if (map_x != NULL)
    *map_x = g.frame[0];
  if (map_y != NULL)
    *map_y = g.frame[1];
}

/* cairo 1.16's SVG surface never frees what it makes to emit a group painted into it
 * (472 bytes per translucent layer and export; fixed in later cairo). An SVG page's map is
 * drawn through this function alone, so build-aux/lsan.supp can name exactly this leak. */
static G_GNUC_NO_INLINE gboolean
ga_layout_draw_map_svg (cairo_t            *cr,
                        const GaRenderView *view,
                        GaLayer * const    *layers,
                        GaStyle * const    *styles,
                        const double       *opacities,
                        guint               n,
                        GCancellable       *cancellable)
{
  gboolean ok;

  /* the group's pattern is released here too, at the restore */
  cairo_save (cr);
  ok = ga_layout_draw_map_layers (cr, view, layers, styles, opacities, n, cancellable);
  cairo_restore (cr);
  return ok;
}

/* ---- the page ---- */

gboolean
ga_layout_draw (cairo_t            *cr,
                const GaLayoutPage *page,
                double              width,
                double              height,
                double              scale,
                cairo_surface_t    *basemap,
                GCancellable       *cancellable)
{
  g_autoptr(TextContext) context = NULL;
  PageText text = { 0 };
  GaLayoutGeometry g;
  GaRenderView view;
  guint n;
  gboolean ok = TRUE;

  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (page != NULL, FALSE);

  if (g_cancellable_is_cancelled (cancellable))
    return FALSE;

  context = text_context ();
  compute_geometry (context, page, width, height, scale, &g, &view, &text);
  place_overlays (context, page, &g, &view);

  cairo_save (cr);
  cairo_new_path (cr);

  /* white page */
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill (cr);

  /* the map, clipped to its frame */
  cairo_save (cr);
  cairo_rectangle (cr, g.frame[0], g.frame[1], g.frame[2], g.frame[3]);
  cairo_clip (cr);
  if (basemap != NULL && cairo_surface_status (basemap) == CAIRO_STATUS_SUCCESS)
    {
      gboolean image = cairo_surface_get_type (basemap) == CAIRO_SURFACE_TYPE_IMAGE;
      int bw = image ? cairo_image_surface_get_width (basemap) : view.width;
      int bh = image ? cairo_image_surface_get_height (basemap) : view.height;

      if (bw > 0 && bh > 0)
        {
          cairo_save (cr);
          cairo_translate (cr, g.frame[0], g.frame[1]);
          cairo_scale (cr, g.frame[2] / bw, g.frame[3] / bh);
          cairo_set_source_surface (cr, basemap, 0, 0);
          cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
          cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
          cairo_paint (cr);
          cairo_restore (cr);
        }
    }
  cairo_translate (cr, g.frame[0], g.frame[1]);
  cairo_scale (cr, g.map_scale, g.map_scale);
  n = MIN (page->layers->len, page->styles->len);
  {
    g_autofree double *opacities = NULL;
    GaLayer * const *layers = (GaLayer * const *) page->layers->pdata;
    GaStyle * const *styles = (GaStyle * const *) page->styles->pdata;

    if (page->opacities != NULL)
      {
        opacities = g_new0 (double, MAX (n, 1));
        for (guint i = 0; i < n; i++)
          opacities[i] = i < page->opacities->len ? g_array_index (page->opacities, double, i)
                                                  : ga_layer_get_opacity (layers[i]);
      }
    if (cairo_surface_get_type (cairo_get_target (cr)) == CAIRO_SURFACE_TYPE_SVG)
      ok = ga_layout_draw_map_svg (cr, &view, layers, styles, opacities, n, cancellable);
    else
      ok = ga_layout_draw_map_layers (cr, &view, layers, styles, opacities, n, cancellable);
  }
  cairo_restore (cr);

  if (ok)
    {
      /* the frame's edge */
      cairo_save (cr);
      cairo_rectangle (cr, g.frame[0], g.frame[1], g.frame[2], g.frame[3]);
      cairo_set_line_width (cr, 1.0 * g.unit);
      cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
      cairo_stroke (cr);
      cairo_restore (cr);

      if (g.legend[2] > 0.0)
        {
          g_autoptr(GArray) items = legend_items (page);

          cairo_save (cr);
          cairo_translate (cr, g.legend[0], g.legend[1]);
          ga_legend_draw (cr, (GaLegendItem *) (void *) items->data, items->len,
                          g.legend_scale);
          cairo_restore (cr);
        }
      if (g.scale_bar[2] > 0.0)
        {
          double mpp = ga_render_view_get_resolution (&view) / g.map_scale;

          cairo_move_to (cr, g.scale_bar[0], g.scale_bar[1]);
          ga_layout_draw_scale_bar (cr, mpp, ga_layout_mercator_to_lat (view.center_y),
                                    MIN (g.frame[2] * 0.3, BAR_MAX_WIDTH * g.unit), g.unit);
        }
      if (g.north_arrow[2] > 0.0)
        {
          cairo_move_to (cr, g.north_arrow[0], g.north_arrow[1]);
          ga_layout_draw_north_arrow (cr, g.north_arrow[2]);
        }

      /* words */
      if (text.title != NULL)
        show_layout (cr, text.title, g.title[0], text.title_y, 0.1);
      if (text.subtitle != NULL)
        show_layout (cr, text.subtitle, g.title[0], text.subtitle_y, 0.35);
      if (text.caption != NULL)
        show_layout (cr, text.caption, g.title[0], text.caption_y, 0.2);
      if (text.footer != NULL)
        show_layout (cr, text.footer, g.footer[0], g.footer[1], 0.35);
      if (text.date != NULL)
        {
          double dw;

          layout_size (text.date, &dw, NULL);
          show_layout (cr, text.date, g.footer[0] + g.footer[2] - dw, g.footer[1], 0.35);
        }
    }

  cairo_restore (cr);
  page_text_clear (&text);
  return ok && !g_cancellable_is_cancelled (cancellable);
}
