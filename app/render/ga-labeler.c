/* ga-labeler.c — labels shaped with Pango, placed once per zoom level, drawn per tile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pango objects are not thread-safe, so every use of them (shaping during placement,
 * drawing in tiles) happens under one lock and with one private font map.  Drawing a
 * handful of labels per tile is cheap next to the geometry, so the lock costs little.
 */
#define G_LOG_DOMAIN "ga-labeler"

#include "config.h"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "ga-labeler.h"
#include "ga-render-private.h"

/* Empty space kept around every label, pixels. */
#define LABEL_PADDING      3.0
/* A polygon is labelled only if its on-screen size is at least this share of the label. */
#define POLYGON_MIN_SHARE  0.5
/* Zooms closer than this are the same placement. */
#define ZOOM_KEY_SCALE     1000.0
#define CANCEL_CHECK_EVERY 200

typedef struct
{
  GaLayer  *layer;
  GaSymbol  symbol;
  int       rank_field;  /* -1 = none */
  guint     order;       /* order of addition, for ties */
  GaLabelerFilter filter;
  gpointer  filter_data;
  GDestroyNotify filter_destroy;
} LabelLayer;

typedef struct
{
  PangoLayout *layout;    /* shaped text, drawn under pango_lock */
  char        *text;
  const LabelLayer *ll;
  double       x, y;      /* world px of the layout's top-left (integers) */
  double       box[4];    /* world px collision box: x, y, w, h (halo and padding in) */
  /* sort keys */
  int          priority;
  double       rank;
  double       size;      /* polygon area (px²), bigger first */
  guint        feature;
} Label;

typedef struct
{
  GPtrArray *labels;      /* Label*, placed */
} Placement;

struct _GaLabeler
{
  GObject     parent_instance;

  GPtrArray  *layers;     /* LabelLayer* */
  GMutex      cache_lock;
  GHashTable *cache;      /* zoom key (gint64*) → Placement* */
};

G_DEFINE_FINAL_TYPE (GaLabeler, ga_labeler, G_TYPE_OBJECT)

/* All Pango work of all labelers goes through this lock and this font map. */
static GMutex pango_lock;
static PangoFontMap *font_map;
static PangoContext *pango_context;

/* ---- helpers ---- */

static void
label_free (Label *label)
{
  g_clear_object (&label->layout);
  g_free (label->text);
  g_free (label);
}

static void
placement_free (Placement *p)
{
  /* The layouts belong to the shared context: drop them under its lock. */
  g_mutex_lock (&pango_lock);
  g_ptr_array_unref (p->labels);
  g_mutex_unlock (&pango_lock);
  g_free (p);
}

static void
layer_free (LabelLayer *ll)
{
  if (ll->filter_destroy != NULL)
    ll->filter_destroy (ll->filter_data);
  g_object_unref (ll->layer);
  g_free (ll);
}

/* Call with pango_lock held. */
static PangoContext *
get_context_locked (void)
{
  if (pango_context == NULL)
    {
      cairo_font_options_t *options = cairo_font_options_create ();

      font_map = pango_cairo_font_map_new ();
      pango_context = pango_font_map_create_context (font_map);
      /* Unhinted outlines with unhinted metrics: a label looks and measures the same at
       * every position, so two tiles draw their halves of it identically. */
      cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
      cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
      cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
      pango_cairo_context_set_font_options (pango_context, options);
      cairo_font_options_destroy (options);
    }
  return pango_context;
}

static double
world_scale (double zoom)
{
  return 256.0 * pow (2.0, zoom) / (2.0 * GA_MERCATOR_HALF_WORLD);
}

static gint64
zoom_key (double zoom)
{
  return (gint64) llround (zoom * ZOOM_KEY_SCALE);
}

/* Expands "{field}" references of @tmpl with the feature's values; a template without braces
 * is a field name. NULL if the result is blank. */
static char *
expand_text (GaLayer    *layer,
             guint       feature,
             const char *tmpl)
{
  GString *out;
  const char *p = tmpl;

  if (strchr (tmpl, '{') == NULL)
    {
      int field = ga_layer_find_field (layer, tmpl);
      const char *v = field >= 0 ? ga_layer_get_value (layer, feature, field) : NULL;

      return v != NULL && *v != '\0' ? g_strstrip (g_strdup (v)) : NULL;
    }

  out = g_string_new (NULL);
  while (*p != '\0')
    {
      const char *close;

      if (*p == '{' && (close = strchr (p, '}')) != NULL)
        {
          g_autofree char *name = g_strndup (p + 1, close - p - 1);
          int field = ga_layer_find_field (layer, name);
          const char *v = field >= 0 ? ga_layer_get_value (layer, feature, field) : NULL;

          if (v != NULL)
            g_string_append (out, v);
          p = close + 1;
        }
      else
        {
          g_string_append_c (out, *p);
          p++;
        }
    }
  g_strstrip (out->str);
  if (out->str[0] == '\0')
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  /* A template like "{a}\n{b}" with an empty b leaves a clean single line. */
  return g_string_free (out, FALSE);
}

/* Even-odd point-in-polygon over all rings of a feature (Mercator). */
static gboolean
point_in_feature (GaLayer *layer,
                  guint    feature,
                  double   x,
                  double   y)
{
  gboolean inside = FALSE;
  guint n_parts = ga_layer_get_n_parts (layer, feature);

  for (guint p = 0; p < n_parts; p++)
    {
      guint n;
      const double *xy = ga_layer_get_part (layer, feature, p, &n);

      for (guint i = 0, j = n - 1; i < n; j = i++)
        {
          double xi = xy[2 * i], yi = xy[2 * i + 1], xj = xy[2 * j], yj = xy[2 * j + 1];

          if (((yi > y) != (yj > y)) && (x < (xj - xi) * (y - yi) / (yj - yi) + xi))
            inside = !inside;
        }
    }
  return inside;
}

/* A representative interior point of a polygon feature: the area centroid of its largest
 * ring if that lies inside, else the centre of its extent if that does. */
static gboolean
polygon_anchor (GaLayer *layer,
                guint    feature,
                double  *ax,
                double  *ay,
                double  *area_out)
{
  guint n_parts = ga_layer_get_n_parts (layer, feature);
  double best_area = 0.0, best_x = 0.0, best_y = 0.0;
  GaExtent fe;

  for (guint p = 0; p < n_parts; p++)
    {
      guint n;
      const double *xy = ga_layer_get_part (layer, feature, p, &n);
      double a = 0.0, cx = 0.0, cy = 0.0;
      double x0 = n > 0 ? xy[0] : 0.0, y0 = n > 0 ? xy[1] : 0.0;

      for (guint i = 0; i + 1 < n; i++)
        {
          /* relative to the first vertex, for precision */
          double xa = xy[2 * i] - x0, ya = xy[2 * i + 1] - y0;
          double xb = xy[2 * i + 2] - x0, yb = xy[2 * i + 3] - y0;
          double c = xa * yb - xb * ya;

          a += c;
          cx += (xa + xb) * c;
          cy += (ya + yb) * c;
        }
      if (fabs (a) > fabs (best_area))
        {
          best_area = a;
          best_x = x0 + cx / (3.0 * a);
          best_y = y0 + cy / (3.0 * a);
        }
    }

  *area_out = fabs (best_area) / 2.0;
  if (best_area != 0.0 && point_in_feature (layer, feature, best_x, best_y))
    {
      *ax = best_x;
      *ay = best_y;
      return TRUE;
    }
  ga_layer_get_feature_extent (layer, feature, &fe);
  *ax = (fe.min_x + fe.max_x) / 2.0;
  *ay = (fe.min_y + fe.max_y) / 2.0;
  return point_in_feature (layer, feature, *ax, *ay);
}

/* The point half way along the longest part of a line feature. */
static gboolean
line_anchor (GaLayer *layer,
             guint    feature,
             double  *ax,
             double  *ay)
{
  guint n_parts = ga_layer_get_n_parts (layer, feature);
  const double *best = NULL;
  guint best_n = 0;
  double best_len = -1.0, walked = 0.0;

  for (guint p = 0; p < n_parts; p++)
    {
      guint n;
      const double *xy = ga_layer_get_part (layer, feature, p, &n);
      double len = 0.0;

      for (guint i = 0; i + 1 < n; i++)
        len += hypot (xy[2 * i + 2] - xy[2 * i], xy[2 * i + 3] - xy[2 * i + 1]);
      if (n > 0 && len > best_len)
        {
          best_len = len;
          best = xy;
          best_n = n;
        }
    }
  if (best == NULL)
    return FALSE;

  *ax = best[0];
  *ay = best[1];
  for (guint i = 0; i + 1 < best_n; i++)
    {
      double seg = hypot (best[2 * i + 2] - best[2 * i], best[2 * i + 3] - best[2 * i + 1]);

      if (walked + seg >= best_len / 2.0 && seg > 0.0)
        {
          double t = (best_len / 2.0 - walked) / seg;

          *ax = best[2 * i] + t * (best[2 * i + 2] - best[2 * i]);
          *ay = best[2 * i + 1] + t * (best[2 * i + 3] - best[2 * i + 1]);
          return TRUE;
        }
      walked += seg;
    }
  return TRUE;
}

static gboolean
feature_anchor (GaLayer *layer,
                guint    feature,
                double  *ax,
                double  *ay,
                double  *area)
{
  guint n;
  const double *xy;

  *area = 0.0;
  switch (ga_layer_get_feature_kind (layer, feature))
    {
    case GA_GEOM_POINT:
      if (ga_layer_get_n_parts (layer, feature) == 0)
        return FALSE;
      xy = ga_layer_get_part (layer, feature, 0, &n);
      if (n == 0)
        return FALSE;
      *ax = xy[0];
      *ay = xy[1];
      return TRUE;
    case GA_GEOM_POLYGON:
      return polygon_anchor (layer, feature, ax, ay, area);
    case GA_GEOM_LINE:
      return line_anchor (layer, feature, ax, ay);
    case GA_GEOM_NONE:
    default:
      return FALSE;
    }
}

/* Call with pango_lock held. */
static PangoLayout *
make_layout (const GaSymbol *s,
             const char     *text)
{
  PangoLayout *layout = pango_layout_new (get_context_locked ());
  PangoFontDescription *desc = pango_font_description_from_string (GA_LABELER_FONT_FAMILIES);
  double size = s->label_size > 0.0 ? s->label_size : 12.0;

  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  if (s->label_weight > 0)
    pango_font_description_set_weight (desc, (PangoWeight) s->label_weight);
  if (s->label_italic)
    pango_font_description_set_style (desc, PANGO_STYLE_ITALIC);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_text (layout, text, -1);
  pango_font_description_free (desc);
  return layout;
}

static gboolean
zoom_allows (const GaSymbol *s,
             double          zoom)
{
  const double eps = 1e-6;

  if (s->min_zoom > 0 && zoom < s->min_zoom - eps)
    return FALSE;
  if (s->label_min_zoom > 0 && zoom < s->label_min_zoom - eps)
    return FALSE;
  if (s->label_max_zoom > 0 && zoom >= s->label_max_zoom + 1 - eps)
    return FALSE;
  return TRUE;
}

static int
compare_labels (gconstpointer a,
                gconstpointer b)
{
  const Label *la = *(Label * const *) a;
  const Label *lb = *(Label * const *) b;

  if (la->priority != lb->priority)
    return la->priority > lb->priority ? -1 : 1;
  if (la->rank != lb->rank)
    return la->rank < lb->rank ? -1 : 1;
  if (la->size != lb->size)
    return la->size > lb->size ? -1 : 1;
  if (la->ll->order != lb->ll->order)
    return la->ll->order < lb->ll->order ? -1 : 1;
  return la->feature < lb->feature ? -1 : la->feature > lb->feature ? 1 : 0;
}

static gboolean
boxes_overlap (const double *a,
               const double *b)
{
  return a[0] < b[0] + b[2] && b[0] < a[0] + a[2] &&
         a[1] < b[1] + b[3] && b[1] < a[1] + a[3];
}

/* Places every label of the zoom level. Greedy: the candidates sorted by priority, each kept
 * if its box meets no kept box. */
static Placement *
place_zoom (GaLabeler *self,
            double     zoom)
{
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) label_free);
  Placement *placement = g_new0 (Placement, 1);
  double k = world_scale (zoom);

  placement->labels = g_ptr_array_new_with_free_func ((GDestroyNotify) label_free);

  g_mutex_lock (&pango_lock);
  for (guint li = 0; li < self->layers->len; li++)
    {
      const LabelLayer *ll = g_ptr_array_index (self->layers, li);
      const GaSymbol *s = &ll->symbol;
      guint n = ga_layer_get_n_features (ll->layer);

      if (!zoom_allows (s, zoom))
        continue;

      for (guint f = 0; f < n; f++)
        {
          g_autofree char *text = NULL;
          double ax, ay, area, wx, wy, halo;
          PangoRectangle ink, logical;
          Label *label;

          if (ll->filter != NULL && !ll->filter (ll->layer, f, ll->filter_data))
            continue;
          if (!feature_anchor (ll->layer, f, &ax, &ay, &area))
            continue;
          text = expand_text (ll->layer, f, s->label_text);
          if (text == NULL)
            continue;

          label = g_new0 (Label, 1);
          label->layout = make_layout (s, text);
          label->text = g_steal_pointer (&text);
          label->ll = ll;
          label->feature = f;
          label->priority = s->label_priority;
          label->size = area * k * k;
          label->rank = G_MAXDOUBLE;
          if (ll->rank_field >= 0)
            {
              const char *v = ga_layer_get_value (ll->layer, f, ll->rank_field);

              if (v != NULL && *v != '\0')
                label->rank = g_ascii_strtod (v, NULL);
            }

          pango_layout_get_pixel_extents (label->layout, &ink, &logical);
          wx = (ax + GA_MERCATOR_HALF_WORLD) * k;
          wy = (GA_MERCATOR_HALF_WORLD - ay) * k;
          /* Centred on the anchor, snapped to whole world pixels. */
          label->x = round (wx - logical.width / 2.0);
          if (s->label_dy > 0.0 &&
              ga_layer_get_feature_kind (ll->layer, f) == GA_GEOM_POINT)
            label->y = round (wy + s->label_dy);
          else
            label->y = round (wy - logical.height / 2.0);
          halo = s->label_halo[3] > 0.0 ? s->label_halo_width : 0.0;
          label->box[0] = label->x + MIN (ink.x, logical.x) - halo - LABEL_PADDING;
          label->box[1] = label->y + MIN (ink.y, logical.y) - halo - LABEL_PADDING;
          label->box[2] = MAX (ink.x + ink.width, logical.x + logical.width) -
                          MIN (ink.x, logical.x) + 2.0 * (halo + LABEL_PADDING);
          label->box[3] = MAX (ink.y + ink.height, logical.y + logical.height) -
                          MIN (ink.y, logical.y) + 2.0 * (halo + LABEL_PADDING);

          if (ga_layer_get_feature_kind (ll->layer, f) == GA_GEOM_POLYGON)
            {
              GaExtent fe;
              double span;

              ga_layer_get_feature_extent (ll->layer, f, &fe);
              span = MAX (fe.max_x - fe.min_x, fe.max_y - fe.min_y) * k;
              if (span < POLYGON_MIN_SHARE * logical.width)
                {
                  label_free (label);
                  continue;
                }
            }
          g_ptr_array_add (candidates, label);
        }
    }
  g_mutex_unlock (&pango_lock);

  g_ptr_array_sort (candidates, compare_labels);
  for (guint i = 0; i < candidates->len; i++)
    {
      Label *label = g_ptr_array_index (candidates, i);
      gboolean free_spot = TRUE;

      for (guint j = 0; j < placement->labels->len && free_spot; j++)
        {
          const Label *other = g_ptr_array_index (placement->labels, j);

          free_spot = !boxes_overlap (label->box, other->box);
        }
      if (free_spot)
        g_ptr_array_add (placement->labels, g_ptr_array_steal_index_fast (candidates, i--));
    }

  /* The rejected layouts are freed under the lock, like all Pango objects. */
  g_mutex_lock (&pango_lock);
  g_clear_pointer (&candidates, g_ptr_array_unref);
  g_mutex_unlock (&pango_lock);

  return placement;
}

static Placement *
get_placement (GaLabeler *self,
               double     zoom)
{
  gint64 key = zoom_key (zoom);
  Placement *placement;

  g_mutex_lock (&self->cache_lock);
  placement = g_hash_table_lookup (self->cache, &key);
  if (placement == NULL)
    {
      placement = place_zoom (self, zoom);
      g_hash_table_insert (self->cache, g_memdup2 (&key, sizeof key), placement);
    }
  g_mutex_unlock (&self->cache_lock);
  return placement;
}

/* Where @view's top-left is in world pixels; whole numbers are snapped so tiles line up. */
static void
view_origin (const GaRenderView *view,
             double             *ox,
             double             *oy)
{
  double k = world_scale (view->zoom);
  double x = (view->center_x + GA_MERCATOR_HALF_WORLD) * k - view->width / 2.0;
  double y = (GA_MERCATOR_HALF_WORLD - view->center_y) * k - view->height / 2.0;

  *ox = fabs (x - round (x)) < 1e-3 ? round (x) : x;
  *oy = fabs (y - round (y)) < 1e-3 ? round (y) : y;
}

/* ---- GObject ---- */

static void
ga_labeler_finalize (GObject *object)
{
  GaLabeler *self = GA_LABELER (object);

  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_pointer (&self->layers, g_ptr_array_unref);
  g_mutex_clear (&self->cache_lock);

  G_OBJECT_CLASS (ga_labeler_parent_class)->finalize (object);
}

static void
ga_labeler_class_init (GaLabelerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ga_labeler_finalize;
}

static void
ga_labeler_init (GaLabeler *self)
{
  self->layers = g_ptr_array_new_with_free_func ((GDestroyNotify) layer_free);
  g_mutex_init (&self->cache_lock);
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                       (GDestroyNotify) placement_free);
}

/* ---- public API ---- */

GaLabeler *
ga_labeler_new (void)
{
  return g_object_new (GA_TYPE_LABELER, NULL);
}

void
ga_labeler_add_layer (GaLabeler      *self,
                      GaLayer        *layer,
                      const GaSymbol *symbol)
{
  ga_labeler_add_layer_filtered (self, layer, symbol, NULL, NULL, NULL);
}

void
ga_labeler_add_layer_filtered (GaLabeler       *self,
                               GaLayer         *layer,
                               const GaSymbol  *symbol,
                               GaLabelerFilter  filter,
                               gpointer         user_data,
                               GDestroyNotify   destroy)
{
  LabelLayer *ll;

  g_return_if_fail (GA_IS_LABELER (self));
  g_return_if_fail (GA_IS_LAYER (layer));
  g_return_if_fail (symbol != NULL);

  if (symbol->label_text[0] == '\0')
    {
      if (destroy != NULL)
        destroy (user_data);
      return;
    }

  ll = g_new0 (LabelLayer, 1);
  ll->layer = g_object_ref (layer);
  ll->symbol = *symbol;
  ll->rank_field = symbol->label_rank_field[0] != '\0'
                   ? ga_layer_find_field (layer, symbol->label_rank_field) : -1;
  ll->order = self->layers->len;
  ll->filter = filter;
  ll->filter_data = user_data;
  ll->filter_destroy = destroy;
  g_ptr_array_add (self->layers, ll);

  g_mutex_lock (&self->cache_lock);
  g_hash_table_remove_all (self->cache);
  g_mutex_unlock (&self->cache_lock);
}

gboolean
ga_labeler_has_labels (GaLabeler *self)
{
  g_return_val_if_fail (GA_IS_LABELER (self), FALSE);

  return self->layers->len > 0;
}

gboolean
ga_labeler_draw (GaLabeler          *self,
                 cairo_t            *cr,
                 const GaRenderView *view,
                 GCancellable       *cancellable)
{
  Placement *placement;
  double ox, oy;
  double vbox[4];

  g_return_val_if_fail (GA_IS_LABELER (self), FALSE);
  g_return_val_if_fail (cr != NULL && view != NULL, FALSE);

  if (g_cancellable_is_cancelled (cancellable))
    return FALSE;
  if (self->layers->len == 0 || view->width <= 0 || view->height <= 0)
    return TRUE;

  placement = get_placement (self, view->zoom);
  view_origin (view, &ox, &oy);
  vbox[0] = ox;
  vbox[1] = oy;
  vbox[2] = view->width;
  vbox[3] = view->height;

  g_mutex_lock (&pango_lock);
  cairo_save (cr);
  cairo_set_dash (cr, NULL, 0, 0.0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < placement->labels->len; i++)
    {
      const Label *label = g_ptr_array_index (placement->labels, i);
      const GaSymbol *s = &label->ll->symbol;
      double x = label->x - ox, y = label->y - oy;

      if (i % CANCEL_CHECK_EVERY == CANCEL_CHECK_EVERY - 1 &&
          g_cancellable_is_cancelled (cancellable))
        break;
      if (!boxes_overlap (label->box, vbox))
        continue;

      if (s->label_halo[3] > 0.0 && s->label_halo_width > 0.0)
        {
          cairo_new_path (cr);
          cairo_move_to (cr, x, y);
          pango_cairo_layout_path (cr, label->layout);
          cairo_set_source_rgba (cr, s->label_halo[0], s->label_halo[1], s->label_halo[2],
                                 s->label_halo[3]);
          cairo_set_line_width (cr, 2.0 * s->label_halo_width);
          cairo_stroke (cr);
        }
      cairo_move_to (cr, x, y);
      cairo_set_source_rgba (cr, s->label_color[0], s->label_color[1], s->label_color[2],
                             s->label_color[3]);
      pango_cairo_show_layout (cr, label->layout);
    }
  cairo_restore (cr);
  g_mutex_unlock (&pango_lock);

  return !g_cancellable_is_cancelled (cancellable);
}

guint
ga_labeler_get_n_placed (GaLabeler *self,
                         double     zoom)
{
  g_return_val_if_fail (GA_IS_LABELER (self), 0);

  return get_placement (self, zoom)->labels->len;
}

gboolean
ga_labeler_get_placed_box (GaLabeler  *self,
                           double      zoom,
                           const char *text,
                           double      box[4])
{
  Placement *placement;

  g_return_val_if_fail (GA_IS_LABELER (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  placement = get_placement (self, zoom);
  for (guint i = 0; i < placement->labels->len; i++)
    {
      const Label *label = g_ptr_array_index (placement->labels, i);

      if (g_strcmp0 (label->text, text) == 0)
        {
          memcpy (box, label->box, 4 * sizeof (double));
          return TRUE;
        }
    }
  return FALSE;
}
