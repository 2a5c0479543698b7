/* ga-style.c — how a layer is drawn: themes, single/categorized/graduated/proportional/heatmap/grid
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Heatmap formula (shared with app/render through ga-kernel.h):
 *   quartic (biweight) kernel of radius h metres on the ground,
 *     K(d) = 3 / (π h²) · (1 − d²/h²)²  for d < h, else 0,   ∫∫ K = 1 (total weight preserved),
 *   density D(p) = 10⁶ · Σᵢ wᵢ K(|p − pᵢ|) in weight per km², with ground distance = Mercator
 *   distance × cos(latitude of the layer's centre) (ga_style_get_mercator_factor).
 *   scale_max = the largest D evaluated at the data points, rounded up to a 1-2-5 number; the
 *   colour of a pixel is ga_ramp_sample (ramp, D / scale_max), so it depends on the data only.
 *
 * Graduated and grid styles: features (cells) whose value is NULL or not a number fall in no
 * class and are not drawn. Classes hold (lower, upper]; the first also holds its lower edge.
 */
#define G_LOG_DOMAIN "ga-style"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ga-classify.h"
#include "ga-error.h"
#include "ga-filter.h"
#include "ga-kernel.h"
#include "ga-style.h"

#define EARTH_RADIUS     6378137.0
#define MAX_CATEGORIES   12
#define OTHER_COLOR      GA_RGBA (0x9e, 0x9e, 0x9e, 0xff)
#define NO_FEATURE_CLASS G_MININT

struct _GaStyle
{
  GObject           parent_instance;

  GaTheme           theme;
  GaStyleKind       kind;
  char             *field;
  GaClassifyMethod  method;
  guint             n_wanted;
  char             *ramp;
  GaRgba            fill;
  GaRgba            stroke;
  double            stroke_width;
  GArray           *dash;          /* double */
  GaRgba            casing;
  double            casing_width;
  double            opacity;
  GaPointShape      point_shape;
  double            point_size;
  GArray           *classes;       /* GaStyleClass */
  gboolean          color_keyed;
  double            max_radius;
  double            max_value;
  char             *weight_field;
  double            radius_m;
  double            scale_max;
  char             *unit;
  double            cell_size_m;
  gboolean          hexagons;
  GaAggregate       aggregate;
  char             *label_field;
  double            label_size;
  GaRgba            label_color;
  GaRgba            label_halo;
  double            label_min_zoom;
  char             *filter_text;
  GaFilter         *filter;
  double            merc_factor;

  /* prepared for one layer (ga_style_prepare) */
  GaLayer          *prepared;
  int               field_index;
  int               weight_index;
  int              *feature_class;   /* per feature; NO_FEATURE_CLASS = filtered out */
  double           *heat_weights;    /* heatmap: per feature, 0 = not drawn */
  GHashTable       *class_index;     /* value (normalised) → index + 1 */
  GArray           *grid_cells;      /* GaGridCell */
};

typedef struct
{
  GObjectClass parent_class;
} GaStyleObjectClass;

/* G_DEFINE_FINAL_TYPE would need the class struct to be called GaStyleClass (the legend
 * class in ga-style.h), so the type is registered by hand. */
static void ga_style_class_init (GaStyleObjectClass *klass);
static void ga_style_init (GaStyle *self);
static gpointer ga_style_parent_class;

static void
ga_style_class_intern_init (gpointer klass)
{
  ga_style_parent_class = g_type_class_peek_parent (klass);
  ga_style_class_init ((GaStyleObjectClass *) klass);
}

GType
ga_style_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      GType id = g_type_register_static_simple (G_TYPE_OBJECT,
                                                g_intern_static_string ("GaStyle"),
                                                sizeof (GaStyleObjectClass),
                                                (GClassInitFunc) (void (*) (void)) ga_style_class_intern_init,
                                                sizeof (GaStyle),
                                                (GInstanceInitFunc) (void (*) (void)) ga_style_init,
                                                G_TYPE_FLAG_FINAL);
      g_once_init_leave (&type_id, id);
    }
  return type_id;
}

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const theme_ids[] = {
  "other", "green-space", "transit-lines", "transit-stops", "emissions", "districts",
};

static const char * const kind_ids[] = {
  "single", "categorized", "graduated", "proportional", "heatmap", "grid",
};

static const char * const shape_ids[] = { "circle", "square", "triangle", "diamond" };

/* ---- keyword lists (lower case; ASCII words match at a word start, others anywhere) ---- */

static const char * const green_words[] = {
  "park", "green", "garden", "forest", "tree", "wood", "nature", "recreation", "reserve",
  "สวน", "ป่า", "พื้นที่สีเขียว", NULL
};
static const char * const line_words[] = {
  "route", "line", "transit", "rail", "bts", "mrt", "arl", "srt", "bus", "tram", "metro",
  "subway", "skytrain", "สาย", "รถไฟฟ้า", "รถไฟ", "รถเมล์", "เส้นทาง", NULL
};
static const char * const stop_words[] = {
  "station", "stop", "halt", "platform", "สถานี", "ป้าย", "ท่า", NULL
};
static const char * const emission_words[] = {
  "co2", "tco2", "tco2e", "emission", "ghg", "carbon", "pollution", "ปล่อย", "คาร์บอน",
  "ก๊าซเรือนกระจก", NULL
};
static const char * const district_words[] = {
  "district", "khet", "khwaeng", "amphoe", "amphur", "tambon", "boundary", "boundaries",
  "admin", "province", "subdistrict", "ward", "เขต", "แขวง", "อำเภอ", "ตำบล", "จังหวัด",
  "ขอบเขต", NULL
};

static const char * const color_fields[] = {
  "route_color", "route_colour", "colour", "color", "line_color", "line_colour", "สี", NULL
};
static const char * const ring_fields[] = {
  "ring_color", "ring_colour", "line_color", "line_colour", "route_color", "route_colour",
  "colour", "color", NULL
};
static const char * const route_fields[] = {
  "route_short_name", "route_name", "ref", "line", "line_name", "route", "name", "name_en",
  "name_th", "route_long_name", "route_id", "ชื่อสาย", "สาย", "ชื่อ", NULL
};
static const char * const name_fields[] = {
  "name", "name_en", "name_th", "stop_name", "park_name", "ชื่อ", "ชื่อสวน", "ชื่อเขต",
  "ชื่อสถานี", "label", "title", "dname", "district", "district_name", "khet", "amphoe",
  "NAME", NULL
};
static const char * const amount_fields[] = {
  "tco2e", "co2", "co2e", "emission", "emissions", "amount", "value", "ปริมาณ", NULL
};

/* ---- small helpers ---- */

static void
emit_changed (GaStyle *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
set_string (char **slot, const char *value)
{
  if (value != NULL && value[0] == '\0')
    value = NULL;
  if (g_strcmp0 (*slot, value) == 0)
    return FALSE;
  g_free (*slot);
  *slot = g_strdup (value);
  return TRUE;
}

static void
class_clear (gpointer data)
{
  GaStyleClass *klass = data;

  g_clear_pointer (&klass->value, g_free);
  g_clear_pointer (&klass->label, g_free);
}

static GArray *
classes_new (void)
{
  GArray *classes = g_array_new (FALSE, TRUE, sizeof (GaStyleClass));

  g_array_set_clear_func (classes, class_clear);
  return classes;
}

static void
classes_add (GArray *classes, const char *value, double lower, double upper, GaRgba color,
             const char *label)
{
  GaStyleClass klass = {
    g_strdup (value), lower, upper, color, g_strdup (label)
  };

  g_array_append_val (classes, klass);
}

static inline gboolean
parse_number (const char *text, double *out)
{
  return ga_parse_number (text, out);
}

/* A colour attribute value normalised for matching: lower case, no '#', spaces trimmed. */
static char *
normalise_color_key (const char *value)
{
  g_autofree char *s = NULL;

  if (value == NULL)
    return NULL;
  s = g_strstrip (g_strdup (value));
  return g_ascii_strdown (s[0] == '#' ? s + 1 : s, -1);
}

static char *
class_key (GaStyle *self, const char *value)
{
  if (value == NULL || value[0] == '\0')
    return NULL;
  if (self->color_keyed)
    return normalise_color_key (value);
  return g_strdup (value);
}

/* class_key() without a copy for each feature: @value itself, or (colour keyed) its
 * normalised form written into @buf, or into *@heap when longer; NULL for no key. */
static const char *
class_key_in (GaStyle     *self,
              const char  *value,
              char        *buf,
              gsize        size,
              char       **heap)
{
  const char *p, *end;
  char *out;
  gsize len;

  if (value == NULL || value[0] == '\0')
    return NULL;
  if (!self->color_keyed)
    return value;
  /* as normalise_color_key: spaces trimmed, then one '#' dropped, lower case */
  p = value;
  while (g_ascii_isspace (*p))
    p++;
  end = p + strlen (p);
  while (end > p && g_ascii_isspace (end[-1]))
    end--;
  if (p < end && *p == '#')
    p++;
  len = (gsize) (end - p);
  out = len < size ? buf : (*heap = g_malloc (len + 1));
  for (gsize i = 0; i < len; i++)
    out[i] = g_ascii_tolower (p[i]);
  out[len] = '\0';
  return out;
}

static char *
format_range (double lower, double upper)
{
  g_autofree char *a = ga_format_number (lower);
  g_autofree char *b = ga_format_number (upper);

  return g_strdup_printf ("%s – %s", a, b);
}

static double
mercator_factor_for (GaLayer *layer)
{
  GaExtent e;
  double y;

  if (layer == NULL || ga_layer_get_n_features (layer) == 0)
    return 1.0;
  ga_layer_get_extent (layer, &e);
  y = (e.min_y + e.max_y) / 2;
  if (!isfinite (y))
    return 1.0;
  /* latitude of a Web Mercator northing: φ = atan (sinh (y / R)) */
  return MAX (cos (atan (sinh (y / EARTH_RADIUS))), 1e-6);
}

/* ---- field guessing ---- */

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c);
}

/* Does lower-case @text contain @word? ASCII words must start at a word boundary (so "line"
 * matches "bts_lines" and "Line 1" but not "outline"); Thai words match anywhere. */
static gboolean
contains_word (const char *text, const char *word)
{
  gboolean ascii = TRUE;
  gsize len = strlen (word);

  for (const char *p = word; *p; p++)
    ascii = ascii && ((guchar) *p < 0x80);
  if (!ascii)
    return strstr (text, word) != NULL;

  for (const char *p = strstr (text, word); p != NULL; p = strstr (p + 1, word))
    {
      const char *prev;

      if (p == text)
        return TRUE;
      prev = g_utf8_find_prev_char (text, p);
      if (prev == NULL || !is_word_char (g_utf8_get_char (prev)) || *prev == '_' ||
          g_ascii_isdigit (*prev))
        return TRUE;
      (void) len;
    }
  return FALSE;
}

static gboolean
text_matches (const char *text, const char * const *words)
{
  g_autofree char *lower = NULL;

  if (text == NULL)
    return FALSE;
  lower = g_utf8_strdown (text, -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (contains_word (lower, words[i]))
      return TRUE;
  return FALSE;
}

/* The first field of @candidates (in their order) the layer has, case-insensitively. */
static int
find_field (GaLayer *layer, const char * const *candidates)
{
  guint n = ga_layer_get_n_fields (layer);

  for (guint c = 0; candidates[c] != NULL; c++)
    {
      g_autofree char *want = g_utf8_casefold (candidates[c], -1);

      for (guint f = 0; f < n; f++)
        {
          g_autofree char *have = g_utf8_casefold (ga_layer_get_field_name (layer, f), -1);

          if (g_strcmp0 (have, want) == 0)
            return (int) f;
        }
    }
  return -1;
}

static gboolean
field_is_numeric (GaLayer *layer, guint field)
{
  guint n = ga_layer_get_n_features (layer);
  guint numbers = 0, texts = 0;

  /* kept as numbers by the reader (an integer or real field) */
  if (ga_layer_get_field_type (layer, field) != GA_FIELD_TEXT)
    return TRUE;
  for (guint i = 0; i < n && numbers + texts < 200; i++)
    {
      const char *v = ga_layer_get_value (layer, i, field);
      double d;

      if (v == NULL || v[0] == '\0' || g_ascii_strcasecmp (v, "n/a") == 0 ||
          g_ascii_strcasecmp (v, "na") == 0 || g_ascii_strcasecmp (v, "null") == 0 ||
          g_str_equal (v, "-"))
        continue;
      if (parse_number (v, &d))
        numbers++;
      else
        texts++;
    }
  /* a stray note among numbers does not make the field text */
  return numbers > 0 && numbers >= 4 * texts;
}

/* Amount field of an emission layer: the first candidate that is numeric, else any numeric
 * field whose name mentions an emission word. */
static int
find_amount_field (GaLayer *layer)
{
  guint n = ga_layer_get_n_fields (layer);

  for (guint c = 0; amount_fields[c] != NULL; c++)
    {
      const char *one[] = { amount_fields[c], NULL };
      int f = find_field (layer, one);

      if (f >= 0 && field_is_numeric (layer, (guint) f))
        return f;
    }
  for (guint f = 0; f < n; f++)
    if (text_matches (ga_layer_get_field_name (layer, f), emission_words) &&
        field_is_numeric (layer, f))
      return (int) f;
  return -1;
}

/* A colour field whose values parse as colours (with or without '#'). */
static int
find_color_field (GaLayer *layer, const char * const *candidates)
{
  for (guint c = 0; candidates[c] != NULL; c++)
    {
      const char *one[] = { candidates[c], NULL };
      int f = find_field (layer, one);
      guint n = ga_layer_get_n_features (layer), good = 0, bad = 0;

      if (f < 0)
        continue;
      for (guint i = 0; i < n && good + bad < 200; i++)
        {
          const char *v = ga_layer_get_value (layer, i, (guint) f);
          GaRgba rgba;

          if (v == NULL || v[0] == '\0')
            continue;
          if (ga_color_parse (v, &rgba))
            good++;
          else
            bad++;
        }
      if (good > 0 && good >= bad * 4)
        return f;
    }
  return -1;
}

static const char *
field_name_or_null (GaLayer *layer, int field)
{
  return field >= 0 ? ga_layer_get_field_name (layer, (guint) field) : NULL;
}

/* ---- themes ---- */

static gboolean
any_field_matches (GaLayer *layer, const char * const *words)
{
  for (guint f = 0; f < ga_layer_get_n_fields (layer); f++)
    if (text_matches (ga_layer_get_field_name (layer, f), words))
      return TRUE;
  return FALSE;
}

GaTheme
ga_theme_guess (GaLayer *layer)
{
  GaGeomKind kind;
  const char *names[3];
  gboolean green = FALSE, lines = FALSE, stops = FALSE, emissions = FALSE, districts = FALSE;
  const char *stop_fields[] = { "stop_id", "stop_name", "stop_code", NULL };
  const char *route_id_fields[] = { "route_id", "route_short_name", "route_type", NULL };

  g_return_val_if_fail (GA_IS_LAYER (layer), GA_THEME_OTHER);

  kind = ga_layer_get_geom_kind (layer);
  names[0] = ga_layer_get_name (layer);
  names[1] = ga_layer_get_source_layer (layer);
  names[2] = NULL;

  for (guint i = 0; i < 2; i++)
    {
      if (names[i] == NULL)
        continue;
      green = green || text_matches (names[i], green_words);
      lines = lines || text_matches (names[i], line_words);
      stops = stops || text_matches (names[i], stop_words);
      emissions = emissions || text_matches (names[i], emission_words);
      districts = districts || text_matches (names[i], district_words);
    }

  switch (kind)
    {
    case GA_GEOM_POINT:
      if (stops || find_field (layer, stop_fields) >= 0)
        return GA_THEME_TRANSIT_STOPS;
      if ((emissions || any_field_matches (layer, emission_words)) &&
          find_amount_field (layer) >= 0)
        return GA_THEME_EMISSIONS;
      if (lines && !emissions)
        return GA_THEME_TRANSIT_STOPS;
      if (green)
        return GA_THEME_GREEN_SPACE;
      break;

    case GA_GEOM_LINE:
      if (lines || find_field (layer, route_id_fields) >= 0 ||
          find_color_field (layer, color_fields) >= 0)
        return GA_THEME_TRANSIT_LINES;
      if (districts)
        return GA_THEME_DISTRICTS;
      break;

    case GA_GEOM_POLYGON:
      if (green)
        return GA_THEME_GREEN_SPACE;
      if (districts)
        return GA_THEME_DISTRICTS;
      if ((emissions || any_field_matches (layer, emission_words)) &&
          find_amount_field (layer) >= 0)
        return GA_THEME_EMISSIONS;
      break;

    case GA_GEOM_NONE:
    default:
      break;
    }
  return GA_THEME_OTHER;
}

const char *
ga_theme_get_name (GaTheme theme)
{
  switch (theme)
    {
    case GA_THEME_GREEN_SPACE:
      return _("Green space");
    case GA_THEME_TRANSIT_LINES:
      return _("Transit lines");
    case GA_THEME_TRANSIT_STOPS:
      return _("Transit stops");
    case GA_THEME_EMISSIONS:
      return _("Emission hotspots");
    case GA_THEME_DISTRICTS:
      return _("Districts");
    case GA_THEME_OTHER:
    default:
      return C_("theme", "Other");
    }
}

const char *
ga_theme_to_string (GaTheme theme)
{
  if ((guint) theme < G_N_ELEMENTS (theme_ids))
    return theme_ids[theme];
  return "other";
}

GaTheme
ga_theme_from_string (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (theme_ids); i++)
    if (g_strcmp0 (theme_ids[i], id) == 0)
      return (GaTheme) i;
  return GA_THEME_OTHER;
}

/* ---- GObject ---- */

static void
clear_prepared (GaStyle *self)
{
  g_clear_object (&self->prepared);
  g_clear_pointer (&self->feature_class, g_free);
  g_clear_pointer (&self->heat_weights, g_free);
  g_clear_pointer (&self->class_index, g_hash_table_unref);
  self->field_index = -1;
  self->weight_index = -1;
}

static void
ga_style_finalize (GObject *object)
{
  GaStyle *self = GA_STYLE (object);

  clear_prepared (self);
  g_clear_pointer (&self->grid_cells, g_array_unref);
  g_free (self->field);
  g_free (self->ramp);
  g_array_unref (self->dash);
  g_array_unref (self->classes);
  g_free (self->weight_field);
  g_free (self->unit);
  g_free (self->label_field);
  g_free (self->filter_text);
  g_clear_pointer (&self->filter, ga_filter_unref);

  G_OBJECT_CLASS (ga_style_parent_class)->finalize (object);
}

static void
ga_style_class_init (GaStyleObjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ga_style_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
reset_defaults (GaStyle *self)
{
  self->theme = GA_THEME_OTHER;
  self->kind = GA_STYLE_SINGLE;
  g_clear_pointer (&self->field, g_free);
  self->method = GA_CLASSIFY_NATURAL_BREAKS;
  self->n_wanted = 5;
  g_free (self->ramp);
  self->ramp = g_strdup ("ylorrd");
  self->fill = GA_RGBA (0x35, 0x84, 0xe4, 0xff);
  self->stroke = GA_RGBA (0x20, 0x4f, 0x89, 0xff);
  self->stroke_width = 1.0;
  g_array_set_size (self->dash, 0);
  self->casing = GA_RGBA (0xff, 0xff, 0xff, 0xff);
  self->casing_width = 0;
  self->opacity = 1.0;
  self->point_shape = GA_POINT_CIRCLE;
  self->point_size = 5.0;
  g_array_set_size (self->classes, 0);
  self->color_keyed = FALSE;
  self->max_radius = 24.0;
  self->max_value = 0;
  g_clear_pointer (&self->weight_field, g_free);
  self->radius_m = 500.0;
  self->scale_max = 0;
  g_clear_pointer (&self->unit, g_free);
  self->cell_size_m = 500.0;
  self->hexagons = TRUE;
  self->aggregate = GA_AGGREGATE_COUNT;
  g_clear_pointer (&self->label_field, g_free);
  self->label_size = 10.0;
  self->label_color = GA_RGBA (0x21, 0x21, 0x21, 0xff);
  self->label_halo = GA_RGBA (0xff, 0xff, 0xff, 0xff);
  self->label_min_zoom = 0;
  g_clear_pointer (&self->filter_text, g_free);
  g_clear_pointer (&self->filter, ga_filter_unref);
  self->merc_factor = 1.0;
  g_clear_pointer (&self->grid_cells, g_array_unref);
}

static void
ga_style_init (GaStyle *self)
{
  self->dash = g_array_new (FALSE, FALSE, sizeof (double));
  self->classes = classes_new ();
  self->field_index = -1;
  self->weight_index = -1;
  reset_defaults (self);
}

/* ---- public: construction ---- */

GaStyle *
ga_style_new (void)
{
  return g_object_new (GA_TYPE_STYLE, NULL);
}

GaStyle *
ga_style_new_for_layer (GaLayer *layer)
{
  GaStyle *self;

  g_return_val_if_fail (GA_IS_LAYER (layer), NULL);

  self = ga_style_new ();
  ga_style_apply_theme (self, ga_theme_guess (layer), layer);
  return self;
}

static void
copy_settings (GaStyle *copy,
               GaStyle *self)
{
  /* @copy starts from the defaults: what it owned is freed */
  reset_defaults (copy);
  copy->theme = self->theme;
  copy->kind = self->kind;
  copy->field = g_strdup (self->field);
  copy->method = self->method;
  copy->n_wanted = self->n_wanted;
  g_free (copy->ramp);
  copy->ramp = g_strdup (self->ramp);
  copy->fill = self->fill;
  copy->stroke = self->stroke;
  copy->stroke_width = self->stroke_width;
  g_array_append_vals (copy->dash, self->dash->data, self->dash->len);
  copy->casing = self->casing;
  copy->casing_width = self->casing_width;
  copy->opacity = self->opacity;
  copy->point_shape = self->point_shape;
  copy->point_size = self->point_size;
  for (guint i = 0; i < self->classes->len; i++)
    {
      const GaStyleClass *c = &g_array_index (self->classes, GaStyleClass, i);

      classes_add (copy->classes, c->value, c->lower, c->upper, c->color, c->label);
    }
  copy->color_keyed = self->color_keyed;
  copy->max_radius = self->max_radius;
  copy->max_value = self->max_value;
  copy->weight_field = g_strdup (self->weight_field);
  copy->radius_m = self->radius_m;
  copy->scale_max = self->scale_max;
  copy->unit = g_strdup (self->unit);
  copy->cell_size_m = self->cell_size_m;
  copy->hexagons = self->hexagons;
  copy->aggregate = self->aggregate;
  copy->label_field = g_strdup (self->label_field);
  copy->label_size = self->label_size;
  copy->label_color = self->label_color;
  copy->label_halo = self->label_halo;
  copy->label_min_zoom = self->label_min_zoom;
  copy->filter_text = g_strdup (self->filter_text);
  copy->filter = self->filter != NULL ? ga_filter_new (self->filter_text, NULL) : NULL;
  copy->merc_factor = self->merc_factor;
  if (self->grid_cells != NULL)
    {
      copy->grid_cells = g_array_new (FALSE, FALSE, sizeof (GaGridCell));
      g_array_append_vals (copy->grid_cells, self->grid_cells->data, self->grid_cells->len);
    }
}

GaStyle *
ga_style_copy (GaStyle *self)
{
  GaStyle *copy;

  g_return_val_if_fail (GA_IS_STYLE (self), NULL);

  copy = ga_style_new ();
  copy_settings (copy, self);
  return copy;
}

void
ga_style_assign_from (GaStyle *self,
                      GaStyle *source)
{
  g_return_if_fail (GA_IS_STYLE (self));
  g_return_if_fail (GA_IS_STYLE (source));

  if (self == source)
    return;
  clear_prepared (self);
  copy_settings (self, source);
  emit_changed (self);
}

/* ---- themes → styles ---- */

/* Above this many points an emission layer is coloured by class instead of sized. */
#define DENSE_POINTS 200000

static GaRgba
layer_rgba (GaLayer *layer, double factor)
{
  guint rgb = ga_layer_get_color (layer);

  return GA_RGBA ((guint) (((rgb >> 16) & 0xff) * factor),
                  (guint) (((rgb >> 8) & 0xff) * factor),
                  (guint) ((rgb & 0xff) * factor), 0xff);
}

void
ga_style_apply_theme (GaStyle *self,
                      GaTheme  theme,
                      GaLayer *layer)
{
  GaGeomKind geom;
  int name_field;

  g_return_if_fail (GA_IS_STYLE (self));
  g_return_if_fail (GA_IS_LAYER (layer));

  reset_defaults (self);
  clear_prepared (self);
  self->theme = theme;
  geom = ga_layer_get_geom_kind (layer);
  name_field = find_field (layer, name_fields);
  self->merc_factor = mercator_factor_for (layer);

  switch (theme)
    {
    case GA_THEME_GREEN_SPACE:
      self->fill = GA_RGBA (0x4c, 0xaf, 0x50, 0xff);
      self->stroke = GA_RGBA (0x2e, 0x7d, 0x32, 0xff);
      self->stroke_width = 1.0;
      self->opacity = 0.75;
      self->label_field = g_strdup (field_name_or_null (layer, name_field));
      self->label_color = GA_RGBA (0x1b, 0x5e, 0x20, 0xff);
      self->label_min_zoom = 13;
      break;

    case GA_THEME_TRANSIT_LINES:
      {
        int color_field = find_color_field (layer, color_fields);
        int route_field = find_field (layer, route_fields);

        self->stroke = layer_rgba (layer, 1.0);
        self->fill = self->stroke;
        self->stroke_width = 4.0;
        self->casing = GA_RGBA (0xff, 0xff, 0xff, 0xff);
        self->casing_width = 2.0;
        self->opacity = 1.0;
        g_free (self->ramp);
        self->ramp = g_strdup ("dark2");
        if (color_field >= 0)
          {
            self->kind = GA_STYLE_CATEGORIZED;
            self->field = g_strdup (field_name_or_null (layer, color_field));
            self->color_keyed = TRUE;
          }
        else if (route_field >= 0)
          {
            self->kind = GA_STYLE_CATEGORIZED;
            self->field = g_strdup (field_name_or_null (layer, route_field));
          }
        self->label_field = g_strdup (field_name_or_null (layer, route_field));
        self->label_min_zoom = 13;
        self->label_size = 9;
      }
      break;

    case GA_THEME_TRANSIT_STOPS:
      {
        int ring_field = find_color_field (layer, ring_fields);
        const char *stop_name[] = { "stop_name", "ชื่อสถานี", "ชื่อป้าย", NULL };
        int label = find_field (layer, stop_name);

        self->fill = GA_RGBA (0xff, 0xff, 0xff, 0xff);
        self->stroke = GA_RGBA (0x42, 0x42, 0x42, 0xff);
        self->stroke_width = 2.0;
        self->point_size = 5.0;
        self->opacity = 1.0;
        if (ring_field >= 0)
          {
            self->kind = GA_STYLE_CATEGORIZED;
            self->field = g_strdup (field_name_or_null (layer, ring_field));
            self->color_keyed = TRUE;
          }
        self->label_field = g_strdup (field_name_or_null (layer, label >= 0 ? label
                                                                           : name_field));
        self->label_min_zoom = 14;
        self->label_size = 9;
      }
      break;

    case GA_THEME_EMISSIONS:
      {
        int amount = find_amount_field (layer);

        self->field = g_strdup (field_name_or_null (layer, amount));
        /* Translucent enough that a cluster of hotspots still shows the map beneath. */
        self->fill = GA_RGBA (0xf0, 0x3b, 0x20, 0x8c);
        self->stroke = GA_RGBA (0xbd, 0x00, 0x26, 0xff);
        self->stroke_width = 1.0;
        self->opacity = 1.0;
        g_free (self->ramp);
        self->ramp = g_strdup ("ylorrd");
        self->weight_field = g_strdup (self->field);
        if (geom == GA_GEOM_POINT && amount >= 0
            && ga_layer_get_n_features (layer) > DENSE_POINTS)
          {
            /* A whole inventory (hundreds of thousands of points): circles sized by the
             * amount would only overlap into one blob; dots coloured by class show where
             * the amounts are, with one stamped symbol per class. */
            self->kind = GA_STYLE_GRADUATED;
            self->method = GA_CLASSIFY_QUANTILE;
            self->point_size = 3.0;
            self->stroke_width = 0.0;
          }
        else if (geom == GA_GEOM_POINT && amount >= 0)
          {
            self->kind = GA_STYLE_PROPORTIONAL;
            /* 18 px for the largest value keeps a city-wide view readable on a projector. */
            self->max_radius = 18.0;
          }
        else if (amount >= 0)
          {
            self->kind = GA_STYLE_GRADUATED;
            self->stroke = GA_RGBA (0x75, 0x75, 0x75, 0xff);
            self->stroke_width = 0.5;
            self->opacity = 0.8;
          }
      }
      break;

    case GA_THEME_DISTRICTS:
      {
        const char *district_names[] = { "district_name", "dname", "name", "name_en", "name_th",
                                         "ชื่อเขต", "ชื่อ", "khet_en", "khet_th", "district_en",
                                         "district_th", "amphoe_en", "amphoe_th", "khet",
                                         "district", "amphoe",
                                         "เขต", "อำเภอ", NULL };
        int label = find_field (layer, district_names);

        self->fill = GA_RGBA (0xff, 0xff, 0xff, 0x00);
        self->stroke = GA_RGBA (0x42, 0x42, 0x42, 0xff);
        self->stroke_width = 1.5;
        self->opacity = 1.0;
        self->label_field = g_strdup (field_name_or_null (layer, label));
        self->label_color = GA_RGBA (0x42, 0x42, 0x42, 0xff);
        self->label_size = 11;
        self->label_min_zoom = 10;
      }
      break;

    case GA_THEME_OTHER:
    default:
      /* as ga_symbol_init_default: the layer colour, polygons at half opacity */
      self->theme = GA_THEME_OTHER;
      self->fill = layer_rgba (layer, 1.0);
      switch (geom)
        {
        case GA_GEOM_POINT:
          self->stroke = GA_RGBA (0xff, 0xff, 0xff, 0xff);
          self->stroke_width = 1.5;
          self->point_size = 5.0;
          break;
        case GA_GEOM_LINE:
          self->stroke = self->fill;
          self->stroke_width = 2.5;
          break;
        case GA_GEOM_POLYGON:
        case GA_GEOM_NONE:
        default:
          self->stroke = layer_rgba (layer, 0.60);
          self->stroke_width = 1.0;
          self->opacity = 0.5;
          break;
        }
      break;
    }

  if (self->kind != GA_STYLE_SINGLE)
    ga_style_classify (self, layer);
  emit_changed (self);
}

/* ---- properties ---- */

GaTheme
ga_style_get_theme (GaStyle *self)
{
  g_return_val_if_fail (GA_IS_STYLE (self), GA_THEME_OTHER);
  return self->theme;
}

GaStyleKind
ga_style_get_kind (GaStyle *self)
{
  g_return_val_if_fail (GA_IS_STYLE (self), GA_STYLE_SINGLE);
  return self->kind;
}

void
ga_style_set_kind (GaStyle     *self,
                   GaStyleKind  kind)
{
  g_return_if_fail (GA_IS_STYLE (self));
  if (self->kind == kind)
    return;
  self->kind = kind;
  emit_changed (self);
}

const char *
ga_style_get_field (GaStyle *self)
{
  g_return_val_if_fail (GA_IS_STYLE (self), NULL);
  return self->field;
}

void
ga_style_set_field (GaStyle    *self,
                    const char *field)
{
  g_return_if_fail (GA_IS_STYLE (self));
  if (!set_string (&self->field, field))
    return;
  self->color_keyed = FALSE;
  emit_changed (self);
}

GaClassifyMethod
ga_style_get_method (GaStyle *self)
{
  g_return_val_if_fail (GA_IS_STYLE (self), GA_CLASSIFY_EQUAL_INTERVAL);
  return self->method;
}

void
ga_style_set_method (GaStyle          *self,
                     GaClassifyMethod  method)
{
  g_return_if_fail (GA_IS_STYLE (self));
  if (self->method == method)
    return;
  self->method = method;
  emit_changed (self);
}

guint
ga_style_get_n_classes_wanted (GaStyle *self)
{
  g_return_val_if_fail (GA_IS_STYLE (self), 5);
  return self->n_wanted;
}

void
ga_style_set_n_classes_wanted (GaStyle *self,
                               guint    n)
{
  g_return_if_fail (GA_IS_STYLE (self));
  n = CLAMP (n, 3, 9);
  if (self->n_wanted == n)
    return;
  self->n_wanted = n;
  emit_changed (self);
}

const char *
ga_style_get_ramp (GaStyle *self)
{
  g_return_val_if_fail (GA_IS_STYLE (self), NULL);
  return self->ramp;
}

void
ga_style_set_ramp (GaStyle    *self,
                   const char *ramp)
{
  g_return_if_fail (GA_IS_STYLE (self));
  if (ramp == NULL || !ga_ramp_is_known (ramp))
    return;
  if (set_string (&self->ramp, ramp))
    emit_changed (self);
}

#define SIMPLE_ACCESSORS(type, name, member)                  \
  type                                                        \
  ga_style_get_##name (GaStyle *self)                         \
  {                                                           \
    g_return_val_if_fail (GA_IS_STYLE (self), (type) 0);      \
    return self->member;                                      \
  }                                                           \
  void                                                        \
  ga_style_set_##name (GaStyle *self,                         \
                       type     value)                        \
  {                                                           \
    g_return_if_fail (GA_IS_STYLE (self));                    \
    if (self->member == value)                                \
      return;                                                 \
    self->member = value;                                     \
    emit_changed (self);                                      \
  }

SIMPLE_ACCESSORS (GaRgba, fill, fill)
SIMPLE_ACCESSORS (GaRgba, stroke, stroke)
SIMPLE_ACCESSORS (double, stroke_width, stroke_width)
SIMPLE_ACCESSORS (GaPointShape, point_shape, point_shape)
SIMPLE_ACCESSORS (double, point_size, point_size)
SIMPLE_ACCESSORS (double, max_radius, max_radius)
SIMPLE_ACCESSORS (double, radius_m, radius_m)
SIMPLE_ACCESSORS (double, scale_max, scale_max)
SIMPLE_ACCESSORS (double, cell_size_m, cell_size_m)
SIMPLE_ACCESSORS (gboolean, hexagons, hexagons)
SIMPLE_ACCESSORS (GaAggregate, aggregate, aggregate)

double
ga_style_get_opacity (GaStyle *self)
{
  g_return_val_if_fail (GA_IS_STYLE (self), 1.0);
  return self->opacity;
}

void
ga_style_set_opacity (GaStyle *self,
                      double   opacity)
{
  g_return_if_fail (GA_IS_STYLE (self));
  opacity = CLAMP (opacity, 0.0, 1.0);
  if (self->opacity == opacity)
    return;
  self->opacity = opacity;
  emit_changed (self);
}

const double *
ga_style_get_dash (GaStyle *self,
                   guint   *n_dash)
{
  g_return_val_if_fail (GA_IS_STYLE (self), NULL);
  if (n_dash != NULL)
    *n_dash = self->dash->len;
  return self->dash->len > 0 ? (const double *) self->dash->data : NULL;
}

void
ga_style_set_dash (GaStyle      *self,
                   const double *dash,
                   guint         n_dash)
{
  g_return_if_fail (GA_IS_STYLE (self));
  if (dash == NULL)
    n_dash = 0;
  if (self->dash->len == n_dash &&
      (n_dash == 0 || memcmp (self->dash->data, dash, n_dash * sizeof (double)) == 0))
    return;
  g_array_set_size (self->dash, 0);
  if (n_dash > 0)
    g_array_append_vals (self->dash, dash, n_dash);
  emit_changed (self);
}

GaRgba
ga_style_get_casing (GaStyle *self)
{
  g_return_val_if_fail (GA_IS_STYLE (self), 0);
  return self->casing;
}

double
ga_style_get_casing_width (GaStyle *self)
{
  g_return_val_if_fail (GA_IS_STYLE (self), 0);
  return self->casing_width;
}

void
ga_style_set_casing (GaStyle *self,
                     GaRgba   rgba,
                     double   width)
{
  g_return_if_fail (GA_IS_STYLE (self));
  width = MAX (width, 0.0);
  if (self->casing == rgba && self->casing_width == width)
    return;
  self->casing = rgba;
  self->casing_width = width;
  emit_changed (self);
}

double
ga_style_get_max_value (GaStyle *self)
{
  g_return_val_if_fail (GA_IS_STYLE (self), 0);
  return self->max_value;
}

const char *
ga_style_get_weight_field (GaStyle *self)
{
  g_return_val_if_fail (GA_IS_STYLE (self), NULL);
  return self->weight_field;
}

void
ga_style_set_weight_field (GaStyle    *self,
                           const char *field)
{
  g_return_if_fail (GA_IS_STYLE (self));
  if (set_string (&self->weight_field, field))
    emit_changed (self);
}

const char *
ga_style_get_unit (GaStyle *self)
{
  g_return_val_if_fail (GA_IS_STYLE (self), NULL);
  return self->unit;
}

void
ga_style_set_unit (GaStyle    *self,
                   const char *unit)
{
  g_return_if_fail (GA_IS_STYLE (self));
  if (set_string (&self->unit, unit))
    emit_changed (self);
}

const char *
ga_style_get_label_field (GaStyle *self)
{
  g_return_val_if_fail (GA_IS_STYLE (self), NULL);
  return self->label_field;
}

void
ga_style_set_label_field (GaStyle    *self,
                          const char *field)
{
  g_return_if_fail (GA_IS_STYLE (self));
  if (set_string (&self->label_field, field))
    emit_changed (self);
}

double
ga_style_get_label_size (GaStyle *self)
{
  g_return_val_if_fail (GA_IS_STYLE (self), 10);
  return self->label_size;
}

GaRgba
ga_style_get_label_color (GaStyle *self)
{
  g_return_val_if_fail (GA_IS_STYLE (self), 0);
  return self->label_color;
}

GaRgba
ga_style_get_label_halo (GaStyle *self)
{
  g_return_val_if_fail (GA_IS_STYLE (self), 0);
  return self->label_halo;
}

double
ga_style_get_label_min_zoom (GaStyle *self)
{
  g_return_val_if_fail (GA_IS_STYLE (self), 0);
  return self->label_min_zoom;
}

void
ga_style_set_label (GaStyle    *self,
                    const char *field,
                    double      size_pt,
                    GaRgba      color,
                    GaRgba      halo,
                    double      min_zoom)
{
  gboolean changed;

  g_return_if_fail (GA_IS_STYLE (self));
  changed = set_string (&self->label_field, field);
  changed |= self->label_size != size_pt || self->label_color != color ||
             self->label_halo != halo || self->label_min_zoom != min_zoom;
  self->label_size = size_pt;
  self->label_color = color;
  self->label_halo = halo;
  self->label_min_zoom = min_zoom;
  if (changed)
    emit_changed (self);
}

/* ---- classes ---- */

guint
ga_style_get_n_classes (GaStyle *self)
{
  g_return_val_if_fail (GA_IS_STYLE (self), 0);
  return self->classes->len;
}

const GaStyleClass *
ga_style_get_class (GaStyle *self,
                    guint    index)
{
  g_return_val_if_fail (GA_IS_STYLE (self), NULL);
  if (index >= self->classes->len)
    return NULL;
  return &g_array_index (self->classes, GaStyleClass, index);
}

void
ga_style_set_classes (GaStyle            *self,
                      const GaStyleClass *classes,
                      guint               n)
{
  g_autoptr (GArray) copy = classes_new ();

  g_return_if_fail (GA_IS_STYLE (self));
  g_return_if_fail (classes != NULL || n == 0);

  for (guint i = 0; i < n; i++)
    classes_add (copy, classes[i].value, classes[i].lower, classes[i].upper, classes[i].color,
                 classes[i].label);
  g_array_unref (self->classes);
  self->classes = g_steal_pointer (&copy);
  clear_prepared (self);
  emit_changed (self);
}

void
ga_style_set_class_color (GaStyle *self,
                          guint    index,
                          GaRgba   rgba)
{
  GaStyleClass *klass;

  g_return_if_fail (GA_IS_STYLE (self));
  g_return_if_fail (index < self->classes->len);

  klass = &g_array_index (self->classes, GaStyleClass, index);
  if (klass->color == rgba)
    return;
  klass->color = rgba;
  emit_changed (self);
}

/* ---- classification ---- */

typedef struct
{
  char  *key;
  char  *value;   /* first raw value seen */
  guint  count;
  guint  order;
  GPtrArray *names;  /* colour-keyed: route names that use the colour */
} Category;

static void
category_free (gpointer data)
{
  Category *c = data;

  g_free (c->key);
  g_free (c->value);
  g_clear_pointer (&c->names, g_ptr_array_unref);
  g_free (c);
}

static int
compare_categories (gconstpointer a, gconstpointer b)
{
  const Category *x = *(Category * const *) a, *y = *(Category * const *) b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return (x->order > y->order) - (x->order < y->order);
}

static gboolean
feature_passes (GaStyle *self, GaLayer *layer, guint feature)
{
  return self->filter == NULL || ga_filter_eval (self->filter, layer, feature);
}

static void
classify_categorized (GaStyle *self, GaLayer *layer, int field)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) cats = g_ptr_array_new_with_free_func (category_free);
  guint n = ga_layer_get_n_features (layer);
  guint shown, missing = 0;
  g_autofree GaRgba *colors = NULL;
  int name_field = -1;

  if (self->color_keyed)
    {
      name_field = find_field (layer, route_fields);
      if (name_field == field)
        name_field = -1;
    }

  for (guint i = 0; i < n; i++)
    {
      const char *v = ga_layer_get_value (layer, i, (guint) field);
      char buf[64];
      g_autofree char *heap = NULL;
      const char *key;
      Category *cat;

      if (!feature_passes (self, layer, i))
        continue;
      key = class_key_in (self, v, buf, sizeof buf, &heap);
      if (key == NULL)
        {
          missing++;
          continue;
        }
      cat = g_hash_table_lookup (seen, key);
      if (cat == NULL)
        {
          cat = g_new0 (Category, 1);
          cat->key = g_strdup (key);
          cat->value = g_strdup (v);
          cat->order = cats->len;
          g_ptr_array_add (cats, cat);
          g_hash_table_insert (seen, cat->key, cat);
        }
      cat->count++;
      if (name_field >= 0)
        {
          const char *name = ga_layer_get_value (layer, i, (guint) name_field);

          if (cat->names == NULL)
            cat->names = g_ptr_array_new ();
          if (name != NULL && name[0] != '\0' && cat->names->len < 4 &&
              !g_ptr_array_find_with_equal_func (cat->names, name, g_str_equal, NULL))
            g_ptr_array_add (cat->names, (gpointer) name);
        }
    }

  g_ptr_array_sort (cats, compare_categories);
  shown = MIN (cats->len, MAX_CATEGORIES);
  colors = g_new0 (GaRgba, MAX (shown, 1));
  ga_ramp_colors (ga_ramp_is_qualitative (self->ramp) ? self->ramp : "set2", shown, colors);

  for (guint i = 0; i < shown; i++)
    {
      Category *cat = cats->pdata[i];
      GaRgba color = colors[i];
      g_autofree char *label = NULL;

      if (self->color_keyed)
        {
          if (!ga_color_parse (cat->value, &color))
            color = OTHER_COLOR;
          if (cat->names != NULL && cat->names->len > 0)
            {
              g_ptr_array_add (cat->names, NULL);
              label = g_strjoinv (", ", (char **) cat->names->pdata);
            }
        }
      classes_add (self->classes, self->color_keyed ? cat->key : cat->value, 0, 0, color,
                   label != NULL ? label : cat->value);
    }
  if (cats->len > shown || missing > 0)
    classes_add (self->classes, NULL, 0, 0, OTHER_COLOR, C_("class", "Other"));
}

/* Numeric values of @field for features passing the filter; *@n_values of them. */
static double *
numeric_values (GaStyle *self, GaLayer *layer, int field, gsize *n_values)
{
  guint n = ga_layer_get_n_features (layer);
  double *values = g_new (double, MAX (n, 1));
  gsize m = 0;

  for (guint i = 0; i < n; i++)
    if (feature_passes (self, layer, i) &&
        ga_layer_get_number (layer, i, (guint) field, &values[m]))
      m++;
  *n_values = m;
  return values;
}

/* Classes from @values, which are reordered. */
static void
classes_from_values (GaStyle *self, double *values, gsize n)
{
  g_autoptr (GArray) edges = ga_classify_breaks_in_place (values, n, self->method,
                                                          self->n_wanted);
  g_autofree GaRgba *colors = NULL;
  guint n_classes;
  const char *ramp;

  if (edges == NULL || edges->len < 2)
    return;
  n_classes = edges->len - 1;
  colors = g_new0 (GaRgba, n_classes);
  ramp = ga_ramp_is_qualitative (self->ramp) ? "ylorrd" : self->ramp;
  ga_ramp_colors (ramp, n_classes, colors);
  for (guint i = 0; i < n_classes; i++)
    {
      double lo = g_array_index (edges, double, i);
      double hi = g_array_index (edges, double, i + 1);
      g_autofree char *label = format_range (lo, hi);

      classes_add (self->classes, NULL, lo, hi, colors[i], label);
    }
}

/* The largest 1-2-5 number not above @value. */
static double
pretty_floor (double value)
{
  double p, f;

  if (value <= 0 || !isfinite (value))
    return value;
  p = pow (10, floor (log10 (value)));
  f = value / p;
  if (f >= 5 - 1e-9)
    return 5 * p;
  if (f >= 2 - 1e-9)
    return 2 * p;
  return p;
}

static int
compare_bound_desc (gconstpointer a, gconstpointer b, gpointer data)
{
  const double *bound = data;
  double x = bound[*(const guint32 *) a], y = bound[*(const guint32 *) b];

  return x > y ? -1 : x < y;
}

static void
classify_proportional (GaStyle *self, GaLayer *layer, int field)
{
  guint n = ga_layer_get_n_features (layer);
  double max = 0;
  double refs[3];

  for (guint i = 0; i < n; i++)
    {
      double v;

      if (feature_passes (self, layer, i) &&
          ga_layer_get_number (layer, i, (guint) field, &v))
        max = MAX (max, v);
    }
  self->max_value = max;
  if (max <= 0)
    return;
  refs[0] = pretty_floor (max);
  refs[1] = pretty_floor (max / 4);
  refs[2] = pretty_floor (max / 16);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *label = ga_format_number (refs[i]);

      if (i > 0 && refs[i] >= refs[i - 1])
        continue;
      classes_add (self->classes, NULL, refs[i], refs[i], self->fill, label);
    }
}

double
ga_style_kernel (GaStyle *self,
                 double   distance_m)
{
  double h, u;

  g_return_val_if_fail (GA_IS_STYLE (self), 0);
  h = self->radius_m;
  if (h <= 0 || distance_m >= h || distance_m < 0)
    return 0;
  u = 1.0 - (distance_m * distance_m) / (h * h);
  return 1e6 * 3.0 / (G_PI * h * h) * u * u;
}

double
ga_style_feature_weight (GaStyle *self,
                         GaLayer *layer,
                         guint    feature)
{
  int field;
  double v;

  g_return_val_if_fail (GA_IS_STYLE (self), 0);
  if (self->weight_field == NULL)
    return 1.0;
  field = self->prepared == layer && self->weight_index >= 0
          ? self->weight_index
          : ga_layer_find_field (layer, self->weight_field);
  if (field < 0)
    return 0;
  return ga_layer_get_number (layer, feature, (guint) field, &v) ? v : 0;
}

/* The largest density at any drawn point, exactly as summing every neighbour's kernel at
 * every point would give it, but fast on a million points: points are binned in cells an
 * eighth of the radius wide; each cell gets an upper bound of the density inside it (its
 * neighbours' positive weights times the kernel at the cells' smallest distance), and
 * cells are visited from the highest bound down until the bound falls below the best
 * density found. */
/* Runs @body with @x, @y the first coordinate of every part of the points that @pass, and
 * @i their feature, in feature order (the order the sums below have always run in). */
#define FOR_EACH_HEAT_POINT(layer, n, pass, x, y, i, body)                      \
  for (guint i = 0; i < (n); i++)                                               \
    {                                                                           \
      if (!(pass)[i])                                                           \
        continue;                                                               \
      for (guint p_ = 0; p_ < ga_layer_get_n_parts ((layer), i); p_++)          \
        {                                                                       \
          guint nc_;                                                            \
          const double *xy_ = ga_layer_get_part ((layer), i, p_, &nc_);         \
          double x, y;                                                          \
                                                                                \
          if (nc_ == 0)                                                         \
            continue;                                                           \
          x = xy_[0];                                                           \
          y = xy_[1];                                                           \
          body                                                                  \
        }                                                                       \
    }

static double
max_point_density (GaStyle *self,
                   GaLayer *layer,
                   const guint8 *pass,
                   const double *weights)
{
  guint n = ga_layer_get_n_features (layer);
  double reach = self->radius_m / self->merc_factor;
  g_autofree guint32 *start = NULL, *fill = NULL, *cells = NULL;
  g_autofree double *xs = NULL, *ys = NULL, *ws = NULL;
  g_autofree double *wpos = NULL, *bound = NULL, *kw = NULL;
  double min_x = G_MAXDOUBLE, min_y = G_MAXDOUBLE, max_x = -G_MAXDOUBLE, max_y = -G_MAXDOUBLE;
  double cs, best = 0, inv_reach2, peak;
  gsize gw, gh, n_cells;
  guint np = 0, n_used = 0;
  int win;

  /* every part's first coordinate of the passing points, with its feature's weight */
  FOR_EACH_HEAT_POINT (layer, n, pass, x, y, i,
    {
      np++;
      min_x = MIN (min_x, x);
      min_y = MIN (min_y, y);
      max_x = MAX (max_x, x);
      max_y = MAX (max_y, y);
    })
  if (np == 0 || !(reach > 0) || !isfinite (reach))
    return 0;

  /* cells an eighth of the reach wide (a tight bound), at most about 4M of them */
  cs = reach / 8.0;
  cs = MAX (cs, MAX (max_x - min_x, max_y - min_y) / 2048.0);
  gw = (gsize) floor ((max_x - min_x) / cs) + 1;
  gh = (gsize) floor ((max_y - min_y) / cs) + 1;
  n_cells = gw * gh;
  win = (int) ceil (reach / cs);
  /* d / h = Mercator distance / reach (d = Mercator distance × merc_factor) */
  inv_reach2 = 1.0 / (reach * reach);
  peak = ga_style_kernel (self, 0);

#define CELL_OF(x, y) (MIN ((gsize) (((y) - min_y) / cs), gh - 1) * gw + \
                       MIN ((gsize) (((x) - min_x) / cs), gw - 1))
  /* The points are stored cell by cell (in feature order inside a cell), so the sums below
   * read them one after the other. */
  start = g_new0 (guint32, n_cells + 1);
  wpos = g_new0 (double, n_cells);
  FOR_EACH_HEAT_POINT (layer, n, pass, x, y, i,
    {
      gsize c = CELL_OF (x, y);
      double w = weights[i];

      start[c + 1]++;
      if (w > 0 && isfinite (w))
        wpos[c] += w;
    })
  for (gsize c = 0; c < n_cells; c++)
    start[c + 1] += start[c];
  xs = g_new (double, np);
  ys = g_new (double, np);
  ws = g_new (double, np);
  fill = g_memdup2 (start, sizeof (guint32) * n_cells);
  FOR_EACH_HEAT_POINT (layer, n, pass, x, y, i,
    {
      guint32 a = fill[CELL_OF (x, y)]++;

      xs[a] = x;
      ys[a] = y;
      ws[a] = weights[i];
    })
  g_clear_pointer (&fill, g_free);
#undef CELL_OF

  /* kernel at the smallest distance between two cells dx, dy apart */
  kw = g_new (double, (gsize) (2 * win + 1) * (2 * win + 1));
  for (int dy = -win; dy <= win; dy++)
    for (int dx = -win; dx <= win; dx++)
      {
        double ex = MAX (0, abs (dx) - 1) * cs, ey = MAX (0, abs (dy) - 1) * cs;

        kw[(dy + win) * (2 * win + 1) + (dx + win)] =
          ga_style_kernel (self, hypot (ex, ey) * self->merc_factor);
      }

  bound = g_new0 (double, n_cells);
  cells = g_new (guint32, n_cells);
  for (gsize c = 0; c < n_cells; c++)
    {
      gsize cx = c % gw, cy = c / gw;
      double b = 0;

      if (start[c] == start[c + 1])
        continue;
      for (int dy = -win; dy <= win; dy++)
        for (int dx = -win; dx <= win; dx++)
          {
            gint64 nx = (gint64) cx + dx, ny = (gint64) cy + dy;

            if (nx < 0 || ny < 0 || nx >= (gint64) gw || ny >= (gint64) gh)
              continue;
            b += wpos[ny * gw + nx] * kw[(dy + win) * (2 * win + 1) + (dx + win)];
          }
      bound[c] = b;
      cells[n_used++] = (guint32) c;
    }

  /* highest bound first (insertion into a sorted order by qsort on the bounds) */
  g_qsort_with_data (cells, n_used, sizeof (guint32), compare_bound_desc, bound);

  for (guint k = 0; k < n_used; k++)
    {
      guint32 c = cells[k];
      gsize cx = c % gw, cy = c / gw;

      if (bound[c] <= best)
        break;
      for (guint32 a = start[c]; a < start[c + 1]; a++)
        {
          double x = xs[a], y = ys[a];
          double density = 0;

          for (int dy = -win; dy <= win; dy++)
            for (int dx = -win; dx <= win; dx++)
              {
                gint64 nx = (gint64) cx + dx, ny = (gint64) cy + dy;
                gsize nc;

                if (nx < 0 || ny < 0 || nx >= (gint64) gw || ny >= (gint64) gh)
                  continue;
                nc = (gsize) ny * gw + (gsize) nx;
                for (guint32 b = start[nc]; b < start[nc + 1]; b++)
                  {
                    double w = ws[b], ox = xs[b], oy = ys[b];
                    double u;

                    if (w == 0 || fabs (ox - x) > reach || fabs (oy - y) > reach)
                      continue;
                    /* ga_style_kernel without the square root: peak · (1 − d²/h²)² */
                    u = 1.0 - ((ox - x) * (ox - x) + (oy - y) * (oy - y)) * inv_reach2;
                    if (u > 0)
                      density += w * peak * u * u;
                  }
              }
          best = MAX (best, density);
        }
    }
  return best;
}
#undef FOR_EACH_HEAT_POINT

static void
classify_heatmap (GaStyle *self, GaLayer *layer)
{
  guint n = ga_layer_get_n_features (layer);
  double best;
  g_autofree double *weights = g_new0 (double, MAX (n, 1));
  g_autofree guint8 *pass = g_new0 (guint8, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      pass[i] = feature_passes (self, layer, i) &&
                ga_layer_get_feature_kind (layer, i) == GA_GEOM_POINT;
      weights[i] = pass[i] ? ga_style_feature_weight (self, layer, i) : 0;
    }

  best = max_point_density (self, layer, pass, weights);
  self->scale_max = best > 0 ? ga_pretty_ceil (best) : 0;
  self->max_value = best;
  if (self->unit == NULL)
    {
      if (self->weight_field != NULL)
        self->unit = g_strdup_printf ("%s/km²", self->weight_field);
      else
        self->unit = g_strdup (_("points/km²"));
    }
}

/* ---- grid ---- */

static double
cell_size_merc (GaStyle *self)
{
  return MAX (self->cell_size_m, 1.0) / self->merc_factor;
}

void
ga_style_grid_cell_of (GaStyle *self,
                       double   x,
                       double   y,
                       gint64  *col,
                       gint64  *row)
{
  double s;

  g_return_if_fail (GA_IS_STYLE (self));
  s = cell_size_merc (self);
  if (!self->hexagons)
    {
      *col = (gint64) floor (x / s);
      *row = (gint64) floor (y / s);
      return;
    }
  else
    {
      /* pointy-top hexagons, width across flats s, circumradius R = s / √3; axial coords */
      double R = s / sqrt (3.0);
      double q = (sqrt (3.0) / 3.0 * x - y / 3.0) / R;
      double r = (2.0 / 3.0 * y) / R;
      double cx = q, cz = r, cy = -q - r;
      double rx = round (cx), ry = round (cy), rz = round (cz);
      double dx = fabs (rx - cx), dy = fabs (ry - cy), dz = fabs (rz - cz);

      if (dx > dy && dx > dz)
        rx = -ry - rz;
      else if (dy <= dz)
        rz = -rx - ry;
      *col = (gint64) rx;
      *row = (gint64) rz;
    }
}

guint
ga_style_grid_cell_shape (GaStyle *self,
                          gint64   col,
                          gint64   row,
                          double  *xy)
{
  double s;

  g_return_val_if_fail (GA_IS_STYLE (self), 0);
  s = cell_size_merc (self);
  if (!self->hexagons)
    {
      double x0 = col * s, y0 = row * s;

      xy[0] = x0;     xy[1] = y0;
      xy[2] = x0 + s; xy[3] = y0;
      xy[4] = x0 + s; xy[5] = y0 + s;
      xy[6] = x0;     xy[7] = y0 + s;
      return 4;
    }
  else
    {
      double R = s / sqrt (3.0);
      double cx = R * sqrt (3.0) * (col + row / 2.0);
      double cy = R * 1.5 * row;

      for (int i = 0; i < 6; i++)
        {
          double a = G_PI / 180.0 * (60 * i + 30);

          xy[2 * i] = cx + R * cos (a);
          xy[2 * i + 1] = cy + R * sin (a);
        }
      return 6;
    }
}

static guint
cell_hash (gconstpointer key)
{
  const GaGridCell *c = key;

  return (guint) (c->col * 73856093) ^ (guint) (c->row * 19349663);
}

static gboolean
cell_equal (gconstpointer a, gconstpointer b)
{
  const GaGridCell *x = a, *y = b;

  return x->col == y->col && x->row == y->row;
}

static int
compare_cells (gconstpointer a, gconstpointer b)
{
  const GaGridCell *x = a, *y = b;

  if (x->row != y->row)
    return x->row < y->row ? -1 : 1;
  return (x->col > y->col) - (x->col < y->col);
}

static void
compute_grid (GaStyle *self, GaLayer *layer)
{
  g_autoptr (GHashTable) cells = g_hash_table_new_full (cell_hash, cell_equal, g_free, NULL);
  guint n = ga_layer_get_n_features (layer);
  int field = self->field != NULL ? ga_layer_find_field (layer, self->field) : -1;
  GHashTableIter iter;
  gpointer key;

  g_clear_pointer (&self->grid_cells, g_array_unref);
  self->grid_cells = g_array_new (FALSE, FALSE, sizeof (GaGridCell));

  for (guint i = 0; i < n; i++)
    {
      double w = 1;

      if (ga_layer_get_feature_kind (layer, i) != GA_GEOM_POINT || !feature_passes (self, layer, i))
        continue;
      if (self->aggregate == GA_AGGREGATE_SUM)
        {
          if (field < 0 || !ga_layer_get_number (layer, i, (guint) field, &w))
            continue;
        }
      for (guint p = 0; p < ga_layer_get_n_parts (layer, i); p++)
        {
          guint nc;
          const double *xy = ga_layer_get_part (layer, i, p, &nc);
          GaGridCell probe = { 0 }, *cell;

          if (nc == 0)
            continue;
          ga_style_grid_cell_of (self, xy[0], xy[1], &probe.col, &probe.row);
          cell = g_hash_table_lookup (cells, &probe);
          if (cell == NULL)
            {
              cell = g_memdup2 (&probe, sizeof probe);
              cell->klass = -1;
              g_hash_table_add (cells, cell);
            }
          cell->value += w;
        }
    }
  g_hash_table_iter_init (&iter, cells);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_vals (self->grid_cells, key, 1);
  g_array_sort (self->grid_cells, compare_cells);
}

static void
assign_grid_classes (GaStyle *self)
{
  if (self->grid_cells == NULL)
    return;
  for (guint i = 0; i < self->grid_cells->len; i++)
    {
      GaGridCell *c = &g_array_index (self->grid_cells, GaGridCell, i);

      c->klass = ga_style_class_of_value (self, c->value);
    }
}

void
ga_style_classify (GaStyle *self,
                   GaLayer *layer)
{
  int field;

  g_return_if_fail (GA_IS_STYLE (self));
  g_return_if_fail (GA_IS_LAYER (layer));

  clear_prepared (self);
  g_array_set_size (self->classes, 0);
  self->merc_factor = mercator_factor_for (layer);
  if (self->filter != NULL)
    ga_filter_bind (self->filter, layer, NULL);
  field = self->field != NULL ? ga_layer_find_field (layer, self->field) : -1;

  switch (self->kind)
    {
    case GA_STYLE_CATEGORIZED:
      if (field >= 0)
        classify_categorized (self, layer, field);
      break;

    case GA_STYLE_GRADUATED:
      if (field >= 0)
        {
          gsize n_values;
          g_autofree double *values = numeric_values (self, layer, field, &n_values);

          classes_from_values (self, values, n_values);
        }
      break;

    case GA_STYLE_PROPORTIONAL:
      if (field >= 0)
        classify_proportional (self, layer, field);
      break;

    case GA_STYLE_HEATMAP:
      classify_heatmap (self, layer);
      break;

    case GA_STYLE_GRID:
      {
        g_autoptr (GArray) values = g_array_new (FALSE, FALSE, sizeof (double));

        compute_grid (self, layer);
        for (guint i = 0; i < self->grid_cells->len; i++)
          g_array_append_val (values, g_array_index (self->grid_cells, GaGridCell, i).value);
        classes_from_values (self, (double *) (gpointer) values->data, values->len);
        assign_grid_classes (self);
        if (self->unit == NULL)
          self->unit = self->aggregate == GA_AGGREGATE_SUM && self->field != NULL
                       ? g_strdup (self->field) : g_strdup (_("points"));
      }
      break;

    case GA_STYLE_SINGLE:
    default:
      break;
    }
  emit_changed (self);
}

int
ga_style_class_of_value (GaStyle *self,
                         double   value)
{
  g_return_val_if_fail (GA_IS_STYLE (self), -1);

  if (!isfinite (value) || self->classes->len == 0)
    return -1;
  for (guint i = 0; i < self->classes->len; i++)
    {
      const GaStyleClass *c = &g_array_index (self->classes, GaStyleClass, i);

      if (value <= c->upper && (value > c->lower || (i == 0 && value >= c->lower)))
        return (int) i;
    }
  return -1;
}

static int
lookup_category (GaStyle *self, const char *value)
{
  g_autofree char *key = class_key (self, value);
  int other = -1;

  for (guint i = 0; i < self->classes->len; i++)
    {
      const GaStyleClass *c = &g_array_index (self->classes, GaStyleClass, i);

      if (c->value == NULL)
        {
          other = (int) i;
          continue;
        }
      if (key != NULL)
        {
          g_autofree char *ck = class_key (self, c->value);

          if (g_strcmp0 (ck, key) == 0)
            return (int) i;
        }
    }
  return other;
}

static int
compute_class (GaStyle *self, GaLayer *layer, int field, guint feature)
{
  double v;

  switch (self->kind)
    {
    case GA_STYLE_CATEGORIZED:
      {
        const char *value = field >= 0 ? ga_layer_get_value (layer, feature, (guint) field)
                                       : NULL;

        if (self->class_index != NULL)
          {
            char buf[64];
            g_autofree char *heap = NULL;
            const char *key = class_key_in (self, value, buf, sizeof buf, &heap);
            gpointer hit = key != NULL ? g_hash_table_lookup (self->class_index, key) : NULL;

            if (hit != NULL)
              return GPOINTER_TO_INT (hit) - 1;
            hit = g_hash_table_lookup (self->class_index, "");
            return hit != NULL ? GPOINTER_TO_INT (hit) - 1 : -1;
          }
        return lookup_category (self, value);
      }

    case GA_STYLE_GRADUATED:
      if (field < 0 || !ga_layer_get_number (layer, feature, (guint) field, &v))
        return -1;
      return ga_style_class_of_value (self, v);

    case GA_STYLE_PROPORTIONAL:
      if (field < 0 || !ga_layer_get_number (layer, feature, (guint) field, &v))
        return -1;
      return v > 0 ? 0 : -1;

    case GA_STYLE_GRID:
      {
        /* the class of the cell holding the feature's first point */
        guint nc;
        const double *xy;
        GaGridCell probe = { 0 };

        if (self->grid_cells == NULL || ga_layer_get_n_parts (layer, feature) == 0)
          return -1;
        xy = ga_layer_get_part (layer, feature, 0, &nc);
        if (nc == 0)
          return -1;
        ga_style_grid_cell_of (self, xy[0], xy[1], &probe.col, &probe.row);
        {
          GaGridCell *hit = bsearch (&probe, self->grid_cells->data, self->grid_cells->len,
                                     sizeof (GaGridCell), (GCompareFunc) compare_cells);

          return hit != NULL ? hit->klass : -1;
        }
      }

    case GA_STYLE_SINGLE:
    case GA_STYLE_HEATMAP:
    default:
      return 0;
    }
}

void
ga_style_prepare (GaStyle *self,
                  GaLayer *layer)
{
  guint n;

  g_return_if_fail (GA_IS_STYLE (self));
  g_return_if_fail (GA_IS_LAYER (layer));

  clear_prepared (self);
  self->merc_factor = mercator_factor_for (layer);
  if (self->filter != NULL)
    ga_filter_bind (self->filter, layer, NULL);
  self->field_index = self->field != NULL ? ga_layer_find_field (layer, self->field) : -1;
  self->weight_index = self->weight_field != NULL
                       ? ga_layer_find_field (layer, self->weight_field) : -1;

  if (self->kind == GA_STYLE_CATEGORIZED)
    {
      self->class_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; i < self->classes->len; i++)
        {
          const GaStyleClass *c = &g_array_index (self->classes, GaStyleClass, i);
          char *key = c->value != NULL ? class_key (self, c->value) : g_strdup ("");

          if (key == NULL)
            key = g_strdup ("");
          if (!g_hash_table_contains (self->class_index, key))
            g_hash_table_insert (self->class_index, key, GINT_TO_POINTER ((int) i + 1));
          else
            g_free (key);
        }
    }
  if (self->kind == GA_STYLE_GRID)
    {
      compute_grid (self, layer);
      assign_grid_classes (self);
    }

  n = ga_layer_get_n_features (layer);
  self->feature_class = g_new (int, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    self->feature_class[i] = feature_passes (self, layer, i)
                             ? compute_class (self, layer, self->field_index, i)
                             : NO_FEATURE_CLASS;
  self->prepared = g_object_ref (layer);

  /* The heatmap reads every weight at every redraw: parse them once. */
  if (self->kind == GA_STYLE_HEATMAP)
    {
      self->heat_weights = g_new (double, MAX (n, 1));
      for (guint i = 0; i < n; i++)
        {
          double w = self->feature_class[i] != NO_FEATURE_CLASS
                     ? ga_style_feature_weight (self, layer, i) : 0.0;

          self->heat_weights[i] = isfinite (w) ? w : 0.0;
        }
    }
}

const double *
ga_style_get_heat_weights (GaStyle *self,
                           GaLayer *layer)
{
  g_return_val_if_fail (GA_IS_STYLE (self), NULL);
  return self->prepared == layer ? self->heat_weights : NULL;
}

int
ga_style_class_of_feature (GaStyle *self,
                           GaLayer *layer,
                           guint    feature)
{
  int field;
  int klass;

  g_return_val_if_fail (GA_IS_STYLE (self), -1);
  g_return_val_if_fail (GA_IS_LAYER (layer), -1);

  if (self->prepared == layer && self->feature_class != NULL &&
      feature < ga_layer_get_n_features (layer))
    {
      klass = self->feature_class[feature];
      if (klass != NO_FEATURE_CLASS)
        return klass;
      return compute_class (self, layer, self->field_index, feature);
    }
  field = self->field != NULL ? ga_layer_find_field (layer, self->field) : -1;
  return compute_class (self, layer, field, feature);
}

gboolean
ga_style_feature_value (GaStyle *self,
                        GaLayer *layer,
                        guint    feature,
                        double  *value)
{
  const char *name;
  int field;

  g_return_val_if_fail (GA_IS_STYLE (self), FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (self->kind == GA_STYLE_HEATMAP)
    {
      name = self->weight_field;
      field = self->prepared == layer ? self->weight_index : -2;
    }
  else
    {
      name = self->field;
      field = self->prepared == layer ? self->field_index : -2;
    }
  if (name == NULL)
    return FALSE;
  if (field == -2)
    field = ga_layer_find_field (layer, name);
  if (field < 0)
    return FALSE;
  return ga_layer_get_number (layer, feature, (guint) field, value);
}

gboolean
ga_style_feature_color (GaStyle *self,
                        GaLayer *layer,
                        guint    feature,
                        GaRgba  *color)
{
  int klass;

  g_return_val_if_fail (GA_IS_STYLE (self), FALSE);

  if (!ga_style_feature_visible (self, layer, feature))
    return FALSE;
  klass = ga_style_class_of_feature (self, layer, feature);
  if (klass < 0)
    return FALSE;
  if (self->kind == GA_STYLE_SINGLE || self->kind == GA_STYLE_HEATMAP ||
      self->kind == GA_STYLE_PROPORTIONAL || (guint) klass >= self->classes->len)
    *color = self->kind == GA_STYLE_SINGLE && ga_layer_get_geom_kind (layer) == GA_GEOM_LINE
             ? self->stroke : self->fill;
  else
    *color = g_array_index (self->classes, GaStyleClass, klass).color;
  return TRUE;
}

double
ga_style_get_mercator_factor (GaStyle *self)
{
  g_return_val_if_fail (GA_IS_STYLE (self), 1.0);
  return self->merc_factor;
}

const GaGridCell *
ga_style_get_grid_cells (GaStyle *self,
                         guint   *n_cells)
{
  g_return_val_if_fail (GA_IS_STYLE (self), NULL);
  if (self->grid_cells == NULL)
    {
      *n_cells = 0;
      return NULL;
    }
  *n_cells = self->grid_cells->len;
  return (const GaGridCell *) self->grid_cells->data;
}

gboolean
ga_style_get_color_keyed (GaStyle *self)
{
  g_return_val_if_fail (GA_IS_STYLE (self), FALSE);
  return self->color_keyed;
}

/* ---- filter ---- */

const char *
ga_style_get_filter (GaStyle *self)
{
  g_return_val_if_fail (GA_IS_STYLE (self), NULL);
  return self->filter_text;
}

gboolean
ga_style_set_filter (GaStyle     *self,
                     const char  *expression,
                     GError     **error)
{
  GaFilter *filter = NULL;
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (GA_IS_STYLE (self), FALSE);

  if (expression != NULL)
    stripped = g_strstrip (g_strdup (expression));
  if (stripped != NULL && stripped[0] != '\0')
    {
      filter = ga_filter_new (stripped, error);
      if (filter == NULL)
        return FALSE;
    }
  else
    g_clear_pointer (&stripped, g_free);

  if (g_strcmp0 (stripped, self->filter_text) == 0)
    {
      g_clear_pointer (&filter, ga_filter_unref);
      return TRUE;
    }
  g_clear_pointer (&self->filter, ga_filter_unref);
  self->filter = filter;
  g_free (self->filter_text);
  self->filter_text = g_steal_pointer (&stripped);
  clear_prepared (self);
  emit_changed (self);
  return TRUE;
}

gboolean
ga_style_feature_visible (GaStyle *self,
                          GaLayer *layer,
                          guint    feature)
{
  g_return_val_if_fail (GA_IS_STYLE (self), FALSE);

  if (self->filter == NULL)
    return TRUE;
  if (self->prepared == layer && self->feature_class != NULL &&
      feature < ga_layer_get_n_features (layer))
    return self->feature_class[feature] != NO_FEATURE_CLASS;
  return ga_filter_eval (self->filter, layer, feature);
}

/* ---- JSON ---- */

static void
add_color (JsonBuilder *b, const char *name, GaRgba color)
{
  g_autofree char *text = ga_color_to_string (color);

  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, text);
}

static void
add_string (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_double (JsonBuilder *b, const char *name, double value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_double_value (b, value);
}

JsonNode *
ga_style_to_json (GaStyle *self)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (GA_IS_STYLE (self), NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, 1);
  add_string (b, "theme", ga_theme_to_string (self->theme));
  add_string (b, "kind", kind_ids[self->kind]);
  add_string (b, "field", self->field);
  json_builder_set_member_name (b, "color-keyed");
  json_builder_add_boolean_value (b, self->color_keyed);
  add_string (b, "method", ga_classify_method_to_string (self->method));
  json_builder_set_member_name (b, "classes-wanted");
  json_builder_add_int_value (b, self->n_wanted);
  add_string (b, "ramp", self->ramp);
  add_color (b, "fill", self->fill);
  add_color (b, "stroke", self->stroke);
  add_double (b, "stroke-width", self->stroke_width);
  json_builder_set_member_name (b, "dash");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->dash->len; i++)
    json_builder_add_double_value (b, g_array_index (self->dash, double, i));
  json_builder_end_array (b);
  add_color (b, "casing", self->casing);
  add_double (b, "casing-width", self->casing_width);
  add_double (b, "opacity", self->opacity);
  add_string (b, "point-shape", shape_ids[self->point_shape]);
  add_double (b, "point-size", self->point_size);
  json_builder_set_member_name (b, "classes");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->classes->len; i++)
    {
      const GaStyleClass *c = &g_array_index (self->classes, GaStyleClass, i);

      json_builder_begin_object (b);
      add_string (b, "value", c->value);
      add_double (b, "lower", c->lower);
      add_double (b, "upper", c->upper);
      add_color (b, "color", c->color);
      add_string (b, "label", c->label);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  add_double (b, "max-radius", self->max_radius);
  add_double (b, "max-value", self->max_value);
  add_string (b, "weight-field", self->weight_field);
  add_double (b, "radius-m", self->radius_m);
  add_double (b, "scale-max", self->scale_max);
  add_string (b, "unit", self->unit);
  add_double (b, "cell-size-m", self->cell_size_m);
  json_builder_set_member_name (b, "hexagons");
  json_builder_add_boolean_value (b, self->hexagons);
  add_string (b, "aggregate", self->aggregate == GA_AGGREGATE_SUM ? "sum" : "count");
  json_builder_set_member_name (b, "label");
  json_builder_begin_object (b);
  add_string (b, "field", self->label_field);
  add_double (b, "size", self->label_size);
  add_color (b, "color", self->label_color);
  add_color (b, "halo", self->label_halo);
  add_double (b, "min-zoom", self->label_min_zoom);
  json_builder_end_object (b);
  add_string (b, "filter", self->filter_text);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

typedef struct
{
  JsonObject *object;
  GError     *error;
} Reader;

static JsonNode *
member (Reader *r, JsonObject *object, const char *name, JsonNodeType type, GType value_type)
{
  JsonNode *node;

  if (r->error != NULL || !json_object_has_member (object, name))
    return NULL;
  node = json_object_get_member (object, name);
  if (JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (json_node_get_node_type (node) != type ||
      (type == JSON_NODE_VALUE && value_type == G_TYPE_DOUBLE &&
       json_node_get_value_type (node) != G_TYPE_DOUBLE &&
       json_node_get_value_type (node) != G_TYPE_INT64) ||
      (type == JSON_NODE_VALUE && value_type != G_TYPE_DOUBLE &&
       json_node_get_value_type (node) != value_type))
    {
      g_set_error (&r->error, GA_ERROR, GA_ERROR_CORRUPT,
                   _("The style property “%s” has the wrong type."), name);
      return NULL;
    }
  return node;
}

static void
read_string (Reader *r, JsonObject *o, const char *name, char **slot)
{
  JsonNode *node = member (r, o, name, JSON_NODE_VALUE, G_TYPE_STRING);

  if (node != NULL)
    set_string (slot, json_node_get_string (node));
  else if (r->error == NULL && json_object_has_member (o, name))
    g_clear_pointer (slot, g_free);
}

static void
read_double (Reader *r, JsonObject *o, const char *name, double *slot)
{
  JsonNode *node = member (r, o, name, JSON_NODE_VALUE, G_TYPE_DOUBLE);

  if (node != NULL)
    *slot = json_node_get_double (node);
}

static void
read_bool (Reader *r, JsonObject *o, const char *name, gboolean *slot)
{
  JsonNode *node = member (r, o, name, JSON_NODE_VALUE, G_TYPE_BOOLEAN);

  if (node != NULL)
    *slot = json_node_get_boolean (node);
}

static void
read_color (Reader *r, JsonObject *o, const char *name, GaRgba *slot)
{
  JsonNode *node = member (r, o, name, JSON_NODE_VALUE, G_TYPE_STRING);

  if (node != NULL && !ga_color_parse (json_node_get_string (node), slot))
    g_set_error (&r->error, GA_ERROR, GA_ERROR_CORRUPT,
                 _("The style property “%s” is not a colour: “%s”."), name,
                 json_node_get_string (node));
}

static int
find_id (const char * const *ids, guint n, const char *id)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (ids[i], id) == 0)
      return (int) i;
  return -1;
}

GaStyle *
ga_style_new_from_json (JsonNode  *node,
                        GError   **error)
{
  g_autoptr (GaStyle) self = NULL;
  Reader r = { 0 };
  JsonObject *o;
  JsonNode *n;
  g_autofree char *text = NULL;
  double number;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, GA_ERROR, GA_ERROR_CORRUPT,
                           _("A style must be a JSON object."));
      return NULL;
    }
  o = json_node_get_object (node);
  self = ga_style_new ();

  read_string (&r, o, "theme", &text);
  if (text != NULL)
    {
      if (find_id (theme_ids, G_N_ELEMENTS (theme_ids), text) < 0)
        g_set_error (&r.error, GA_ERROR, GA_ERROR_CORRUPT, _("Unknown theme “%s”."), text);
      self->theme = ga_theme_from_string (text);
    }
  g_clear_pointer (&text, g_free);
  read_string (&r, o, "kind", &text);
  if (text != NULL)
    {
      int kind = find_id (kind_ids, G_N_ELEMENTS (kind_ids), text);

      if (kind < 0 && r.error == NULL)
        g_set_error (&r.error, GA_ERROR, GA_ERROR_CORRUPT, _("Unknown style kind “%s”."),
                     text);
      self->kind = kind >= 0 ? (GaStyleKind) kind : GA_STYLE_SINGLE;
    }
  g_clear_pointer (&text, g_free);
  read_string (&r, o, "field", &self->field);
  read_bool (&r, o, "color-keyed", &self->color_keyed);
  read_string (&r, o, "method", &text);
  if (text != NULL)
    self->method = ga_classify_method_from_string (text);
  g_clear_pointer (&text, g_free);
  number = self->n_wanted;
  read_double (&r, o, "classes-wanted", &number);
  self->n_wanted = CLAMP ((guint) number, 3, 9);
  read_string (&r, o, "ramp", &text);
  if (text != NULL)
    {
      if (!ga_ramp_is_known (text) && r.error == NULL)
        g_set_error (&r.error, GA_ERROR, GA_ERROR_CORRUPT, _("Unknown colour ramp “%s”."),
                     text);
      else
        set_string (&self->ramp, text);
    }
  g_clear_pointer (&text, g_free);
  read_color (&r, o, "fill", &self->fill);
  read_color (&r, o, "stroke", &self->stroke);
  read_double (&r, o, "stroke-width", &self->stroke_width);
  if ((n = member (&r, o, "dash", JSON_NODE_ARRAY, G_TYPE_INVALID)) != NULL)
    {
      JsonArray *a = json_node_get_array (n);

      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          double d = json_array_get_double_element (a, i);

          g_array_append_val (self->dash, d);
        }
    }
  read_color (&r, o, "casing", &self->casing);
  read_double (&r, o, "casing-width", &self->casing_width);
  read_double (&r, o, "opacity", &self->opacity);
  self->opacity = CLAMP (self->opacity, 0.0, 1.0);
  read_string (&r, o, "point-shape", &text);
  if (text != NULL)
    self->point_shape = (GaPointShape) MAX (find_id (shape_ids, G_N_ELEMENTS (shape_ids),
                                                     text), 0);
  g_clear_pointer (&text, g_free);
  read_double (&r, o, "point-size", &self->point_size);
  if ((n = member (&r, o, "classes", JSON_NODE_ARRAY, G_TYPE_INVALID)) != NULL)
    {
      JsonArray *a = json_node_get_array (n);

      for (guint i = 0; i < json_array_get_length (a) && r.error == NULL; i++)
        {
          JsonNode *e = json_array_get_element (a, i);
          JsonObject *co;
          g_autofree char *value = NULL, *label = NULL;
          double lower = 0, upper = 0;
          GaRgba color = OTHER_COLOR;

          if (!JSON_NODE_HOLDS_OBJECT (e))
            {
              g_set_error (&r.error, GA_ERROR, GA_ERROR_CORRUPT,
                           _("Style class %u is not a JSON object."), i + 1);
              break;
            }
          co = json_node_get_object (e);
          read_string (&r, co, "value", &value);
          read_double (&r, co, "lower", &lower);
          read_double (&r, co, "upper", &upper);
          read_color (&r, co, "color", &color);
          read_string (&r, co, "label", &label);
          classes_add (self->classes, value, lower, upper, color, label);
        }
    }
  read_double (&r, o, "max-radius", &self->max_radius);
  read_double (&r, o, "max-value", &self->max_value);
  read_string (&r, o, "weight-field", &self->weight_field);
  read_double (&r, o, "radius-m", &self->radius_m);
  read_double (&r, o, "scale-max", &self->scale_max);
  read_string (&r, o, "unit", &self->unit);
  read_double (&r, o, "cell-size-m", &self->cell_size_m);
  read_bool (&r, o, "hexagons", &self->hexagons);
  read_string (&r, o, "aggregate", &text);
  if (text != NULL)
    self->aggregate = g_str_equal (text, "sum") ? GA_AGGREGATE_SUM : GA_AGGREGATE_COUNT;
  g_clear_pointer (&text, g_free);
  if ((n = member (&r, o, "label", JSON_NODE_OBJECT, G_TYPE_INVALID)) != NULL)
    {
      JsonObject *lo = json_node_get_object (n);

      read_string (&r, lo, "field", &self->label_field);
      read_double (&r, lo, "size", &self->label_size);
      read_color (&r, lo, "color", &self->label_color);
      read_color (&r, lo, "halo", &self->label_halo);
      read_double (&r, lo, "min-zoom", &self->label_min_zoom);
    }
  read_string (&r, o, "filter", &text);
  if (text != NULL && r.error == NULL)
    {
      g_autoptr (GError) filter_error = NULL;

      if (!ga_style_set_filter (self, text, &filter_error))
        g_set_error (&r.error, GA_ERROR, GA_ERROR_CORRUPT, _("Bad filter: %s"),
                     filter_error->message);
    }

  if (r.error != NULL)
    {
      g_propagate_error (error, r.error);
      return NULL;
    }
  return g_steal_pointer (&self);
}

GaStyle *
ga_style_new_from_file (const char  *path,
                        GError     **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) local = NULL;
  g_autofree char *display = NULL;
  GaStyle *style;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display = g_path_get_basename (path);
  if (!json_parser_load_from_file (parser, path, &local))
    {
      if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error (error, GA_ERROR, GA_ERROR_NOT_FOUND,
                     _("The style file “%s” does not exist."), display);
      else if (local->domain == JSON_PARSER_ERROR)
        g_set_error (error, GA_ERROR, GA_ERROR_CORRUPT,
                     _("The style file “%s” is not valid JSON: %s"), display, local->message);
      else
        g_set_error (error, GA_ERROR, GA_ERROR_FAILED,
                     _("Could not read the style file “%s”: %s"), display, local->message);
      return NULL;
    }
  style = ga_style_new_from_json (json_parser_get_root (parser), &local);
  if (style == NULL)
    {
      g_set_error (error, GA_ERROR, GA_ERROR_CORRUPT,
                   _("The style file “%s” is not a Green Atlas style: %s"), display,
                   local->message);
      return NULL;
    }
  return style;
}
