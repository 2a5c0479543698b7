/* ga-style-sheet.c — per-layer symbols and labels read from a JSON style sheet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The format is documented in data/sample/basemap/README.md.  In short:
 *
 *   { "background": "#f4f1ea",
 *     "layers": { "water": { "fill": "#aad3df", "stroke": "none" },
 *                 "roads_primary": { "stroke": "#ffffff", "width": 3, "casing": "#c9c3b8",
 *                                    "casing-width": 0.8, "zoom-scale": 1.35 },
 *                 "places": { "alpha": 0, "label": { "text": "{name_th}", "size": 13 } } } }
 *
 * Every key is optional; what an entry leaves out keeps the layer's default symbol.  The
 * whole file is checked when it is loaded, so a typo is reported once, naming the file.
 */
#define G_LOG_DOMAIN "ga-style-sheet"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "ga-error.h"
#include "ga-style-sheet.h"

typedef enum
{
  HAS_FILL          = 1 << 0,
  HAS_STROKE        = 1 << 1,
  HAS_WIDTH         = 1 << 2,
  HAS_RADIUS        = 1 << 3,
  HAS_ALPHA         = 1 << 4,
  HAS_DASH          = 1 << 5,
  HAS_CASING        = 1 << 6,
  HAS_CASING_WIDTH  = 1 << 7,
  HAS_ZOOM_SCALE    = 1 << 8,
  HAS_MIN_ZOOM      = 1 << 9,
  HAS_LABEL         = 1 << 10,
} EntryFlags;

/* One layer's entry: the keys it sets (flags) over a symbol holding their values. */
typedef struct
{
  EntryFlags flags;
  GaSymbol   values;
} Entry;

struct _GaStyleSheet
{
  GObject     parent_instance;

  char       *path;
  GHashTable *entries;      /* layer name → Entry */
  gboolean    has_background;
  double      background[4];
};

G_DEFINE_FINAL_TYPE (GaStyleSheet, ga_style_sheet, G_TYPE_OBJECT)

#define DEFAULT_LABEL_SIZE 12.0

/* ---- parsing helpers; each failure names the file, the layer and the key ---- */

static gboolean
parse_hex_color (const char *text,
                 double      rgba[4])
{
  guint v[4] = { 0, 0, 0, 255 };
  gsize len;

  if (g_ascii_strcasecmp (text, "none") == 0 || g_ascii_strcasecmp (text, "transparent") == 0)
    {
      rgba[0] = rgba[1] = rgba[2] = rgba[3] = 0.0;
      return TRUE;
    }
  if (text[0] != '#')
    return FALSE;
  text++;
  len = strlen (text);
  if (len != 6 && len != 8 && len != 3)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isxdigit (text[i]))
      return FALSE;

  if (len == 3)
    {
      for (int i = 0; i < 3; i++)
        v[i] = g_ascii_xdigit_value (text[i]) * 17;
    }
  else
    {
      for (gsize i = 0; i < len / 2; i++)
        v[i] = g_ascii_xdigit_value (text[2 * i]) * 16 + g_ascii_xdigit_value (text[2 * i + 1]);
    }
  for (int i = 0; i < 4; i++)
    rgba[i] = v[i] / 255.0;
  return TRUE;
}

static void
set_bad_value (GError     **error,
               const char  *path,
               const char  *layer,
               const char  *key,
               const char  *expected)
{
  g_autofree char *base = g_path_get_basename (path);

  /* Translators: a style sheet is a JSON file; the last %s says what the key needs,
   * e.g. "a colour such as #1f78b4 or none" */
  g_set_error (error, GA_ERROR, GA_ERROR_CORRUPT,
               _("Style sheet “%s”: “%s” of layer “%s” must be %s."),
               base, key, layer, expected);
}

static gboolean
get_color (JsonObject  *obj,
           const char  *key,
           double       rgba[4],
           const char  *path,
           const char  *layer,
           gboolean    *found,
           GError     **error)
{
  JsonNode *node = json_object_get_member (obj, key);
  const char *text;

  *found = FALSE;
  if (node == NULL)
    return TRUE;
  text = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
  if (text == NULL || !parse_hex_color (text, rgba))
    {
      set_bad_value (error, path, layer, key, _("a colour such as #1f78b4 or “none”"));
      return FALSE;
    }
  *found = TRUE;
  return TRUE;
}

static gboolean
get_number (JsonObject  *obj,
            const char  *key,
            double       min,
            double       max,
            double      *value,
            const char  *path,
            const char  *layer,
            gboolean    *found,
            GError     **error)
{
  JsonNode *node = json_object_get_member (obj, key);
  GType type;

  *found = FALSE;
  if (node == NULL)
    return TRUE;
  type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    goto bad;
  *value = json_node_get_double (node);
  if (!(*value >= min && *value <= max))
    goto bad;
  *found = TRUE;
  return TRUE;

bad:
  {
    g_autofree char *expected = g_strdup_printf (_("a number from %g to %g"), min, max);

    set_bad_value (error, path, layer, key, expected);
    return FALSE;
  }
}

static gboolean
get_string (JsonObject  *obj,
            const char  *key,
            char        *out,
            gsize        out_size,
            const char  *path,
            const char  *layer,
            GError     **error)
{
  JsonNode *node = json_object_get_member (obj, key);
  const char *text;

  if (node == NULL)
    return TRUE;
  text = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
  if (text == NULL || strlen (text) >= out_size)
    {
      g_autofree char *expected = g_strdup_printf (_("a text of at most %u bytes"),
                                                   (guint) out_size - 1);

      set_bad_value (error, path, layer, key, expected);
      return FALSE;
    }
  g_strlcpy (out, text, out_size);
  return TRUE;
}

static gboolean
get_bool (JsonObject  *obj,
          const char  *key,
          gboolean    *value,
          const char  *path,
          const char  *layer,
          GError     **error)
{
  JsonNode *node = json_object_get_member (obj, key);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      set_bad_value (error, path, layer, key, _("true or false"));
      return FALSE;
    }
  *value = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
parse_label (JsonObject  *obj,
             GaSymbol    *s,
             const char  *path,
             const char  *layer,
             GError     **error)
{
  gboolean found, bold = FALSE;
  double v;

  /* Defaults of a label: dark grey text with a white halo. */
  s->label_size = DEFAULT_LABEL_SIZE;
  s->label_color[0] = s->label_color[1] = s->label_color[2] = 0.25;
  s->label_color[3] = 1.0;
  s->label_halo[0] = s->label_halo[1] = s->label_halo[2] = s->label_halo[3] = 1.0;
  s->label_halo_width = 2.0;

  if (!get_string (obj, "text", s->label_text, sizeof s->label_text, path, layer, error) ||
      !get_string (obj, "rank-field", s->label_rank_field, sizeof s->label_rank_field, path,
                   layer, error) ||
      !get_color (obj, "color", s->label_color, path, layer, &found, error) ||
      !get_color (obj, "halo", s->label_halo, path, layer, &found, error) ||
      !get_bool (obj, "bold", &bold, path, layer, error) ||
      !get_bool (obj, "italic", &s->label_italic, path, layer, error))
    return FALSE;
  if (s->label_text[0] == '\0')
    {
      set_bad_value (error, path, layer, "label.text", _("a field name or a text like {name}"));
      return FALSE;
    }
  s->label_weight = bold ? 700 : 400;

  if (!get_number (obj, "size", 4.0, 96.0, &s->label_size, path, layer, &found, error) ||
      !get_number (obj, "halo-width", 0.0, 20.0, &s->label_halo_width, path, layer, &found,
                   error))
    return FALSE;
  if (!get_number (obj, "min-zoom", 0.0, 30.0, &v, path, layer, &found, error))
    return FALSE;
  if (found)
    s->label_min_zoom = (int) v;
  if (!get_number (obj, "max-zoom", 0.0, 30.0, &v, path, layer, &found, error))
    return FALSE;
  if (found)
    s->label_max_zoom = (int) v;
  if (!get_number (obj, "priority", -1000.0, 1000.0, &v, path, layer, &found, error))
    return FALSE;
  if (found)
    s->label_priority = (int) v;
  return TRUE;
}

static gboolean
parse_entry (JsonObject  *obj,
             Entry       *e,
             const char  *path,
             const char  *layer,
             GError     **error)
{
  GaSymbol *s = &e->values;
  gboolean found;
  double v;
  JsonNode *node;

  if (!get_color (obj, "fill", s->fill, path, layer, &found, error))
    return FALSE;
  e->flags |= found ? HAS_FILL : 0;
  if (!get_color (obj, "stroke", s->stroke, path, layer, &found, error))
    return FALSE;
  e->flags |= found ? HAS_STROKE : 0;
  if (!get_color (obj, "casing", s->casing, path, layer, &found, error))
    return FALSE;
  e->flags |= found ? HAS_CASING : 0;
  if (!get_number (obj, "width", 0.0, 100.0, &s->line_width, path, layer, &found, error))
    return FALSE;
  e->flags |= found ? HAS_WIDTH : 0;
  if (!get_number (obj, "casing-width", 0.0, 50.0, &s->casing_width, path, layer, &found,
                   error))
    return FALSE;
  e->flags |= found ? HAS_CASING_WIDTH : 0;
  if (!get_number (obj, "radius", 0.0, 100.0, &s->point_radius, path, layer, &found, error))
    return FALSE;
  e->flags |= found ? HAS_RADIUS : 0;
  if (!get_number (obj, "alpha", 0.0, 1.0, &s->layer_alpha, path, layer, &found, error))
    return FALSE;
  e->flags |= found ? HAS_ALPHA : 0;
  if (!get_number (obj, "zoom-scale", 0.0, 4.0, &s->zoom_scale, path, layer, &found, error))
    return FALSE;
  e->flags |= found ? HAS_ZOOM_SCALE : 0;
  if (!get_number (obj, "min-zoom", 0.0, 30.0, &v, path, layer, &found, error))
    return FALSE;
  if (found)
    {
      s->min_zoom = (int) v;
      e->flags |= HAS_MIN_ZOOM;
    }

  node = json_object_get_member (obj, "dash");
  if (node != NULL)
    {
      JsonArray *a = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
      gboolean ok = a != NULL && json_array_get_length (a) == 2;

      for (guint i = 0; ok && i < 2; i++)
        {
          JsonNode *n = json_array_get_element (a, i);
          GType t = JSON_NODE_HOLDS_VALUE (n) ? json_node_get_value_type (n) : G_TYPE_INVALID;

          ok = (t == G_TYPE_INT64 || t == G_TYPE_DOUBLE) && json_node_get_double (n) > 0.0 &&
               json_node_get_double (n) <= 100.0;
          if (ok)
            s->line_dash[i] = json_node_get_double (n);
        }
      if (!ok)
        {
          set_bad_value (error, path, layer, "dash",
                         _("two lengths in pixels, such as [4, 3]"));
          return FALSE;
        }
      e->flags |= HAS_DASH;
    }

  node = json_object_get_member (obj, "label");
  if (node != NULL)
    {
      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          set_bad_value (error, path, layer, "label", _("an object such as {\"text\": \"{name}\"}"));
          return FALSE;
        }
      if (!parse_label (json_node_get_object (node), s, path, layer, error))
        return FALSE;
      e->flags |= HAS_LABEL;
    }
  return TRUE;
}

/* ---- GObject ---- */

static void
ga_style_sheet_finalize (GObject *object)
{
  GaStyleSheet *self = GA_STYLE_SHEET (object);

  g_free (self->path);
  g_clear_pointer (&self->entries, g_hash_table_unref);

  G_OBJECT_CLASS (ga_style_sheet_parent_class)->finalize (object);
}

static void
ga_style_sheet_class_init (GaStyleSheetClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ga_style_sheet_finalize;
}

static void
ga_style_sheet_init (GaStyleSheet *self)
{
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* ---- public API ---- */

GaStyleSheet *
ga_style_sheet_load (const char  *path,
                     GError     **error)
{
  g_autoptr(GaStyleSheet) self = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *base = NULL;
  JsonNode *root;
  JsonObject *obj, *layers;
  JsonNode *node;
  g_autoptr(GList) names = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  base = g_path_get_basename (path);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, GA_ERROR, GA_ERROR_NOT_FOUND,
                   _("Style sheet “%s” does not exist."), path);
      return NULL;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_file (parser, path, &local_error))
    {
      g_set_error (error, GA_ERROR, GA_ERROR_CORRUPT,
                   _("Style sheet “%s” is not valid JSON: %s"), base, local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, GA_ERROR, GA_ERROR_CORRUPT,
                   _("Style sheet “%s” must hold one JSON object with “background” and "
                     "“layers”."), base);
      return NULL;
    }
  obj = json_node_get_object (root);

  self = g_object_new (GA_TYPE_STYLE_SHEET, NULL);
  self->path = g_strdup (path);

  node = json_object_get_member (obj, "background");
  if (node != NULL)
    {
      const char *text = JSON_NODE_HOLDS_VALUE (node) &&
                         json_node_get_value_type (node) == G_TYPE_STRING
                         ? json_node_get_string (node) : NULL;

      if (text == NULL || !parse_hex_color (text, self->background))
        {
          g_set_error (error, GA_ERROR, GA_ERROR_CORRUPT,
                       _("Style sheet “%s”: “background” must be a colour such as #f4f1ea."),
                       base);
          return NULL;
        }
      self->has_background = TRUE;
    }

  node = json_object_get_member (obj, "layers");
  if (node == NULL)
    return g_steal_pointer (&self);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, GA_ERROR, GA_ERROR_CORRUPT,
                   _("Style sheet “%s”: “layers” must be an object keyed by layer name."),
                   base);
      return NULL;
    }
  layers = json_node_get_object (node);
  names = json_object_get_members (layers);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *entry_node = json_object_get_member (layers, name);
      g_autofree Entry *entry = g_new0 (Entry, 1);

      if (!JSON_NODE_HOLDS_OBJECT (entry_node))
        {
          g_set_error (error, GA_ERROR, GA_ERROR_CORRUPT,
                       _("Style sheet “%s”: the entry of layer “%s” must be an object."),
                       base, name);
          return NULL;
        }
      if (!parse_entry (json_node_get_object (entry_node), entry, path, name, error))
        return NULL;
      g_hash_table_replace (self->entries, g_strdup (name), g_steal_pointer (&entry));
    }

  return g_steal_pointer (&self);
}

void
ga_style_sheet_apply (GaStyleSheet *self,
                      GaLayer      *layer,
                      GaSymbol     *symbol)
{
  const Entry *e;
  const GaSymbol *v;

  g_return_if_fail (GA_IS_STYLE_SHEET (self));
  g_return_if_fail (GA_IS_LAYER (layer));
  g_return_if_fail (symbol != NULL);

  ga_symbol_init_default (symbol, layer);
  e = g_hash_table_lookup (self->entries, ga_layer_get_name (layer));
  if (e == NULL)
    return;
  v = &e->values;

  if (e->flags & HAS_FILL)
    memcpy (symbol->fill, v->fill, sizeof symbol->fill);
  if (e->flags & HAS_STROKE)
    memcpy (symbol->stroke, v->stroke, sizeof symbol->stroke);
  if (e->flags & HAS_WIDTH)
    symbol->line_width = v->line_width;
  if (e->flags & HAS_RADIUS)
    symbol->point_radius = v->point_radius;
  if (e->flags & HAS_ALPHA)
    symbol->layer_alpha = v->layer_alpha;
  if (e->flags & HAS_DASH)
    memcpy (symbol->line_dash, v->line_dash, sizeof symbol->line_dash);
  if (e->flags & HAS_CASING)
    memcpy (symbol->casing, v->casing, sizeof symbol->casing);
  if (e->flags & HAS_CASING_WIDTH)
    symbol->casing_width = v->casing_width;
  if (e->flags & HAS_ZOOM_SCALE)
    symbol->zoom_scale = v->zoom_scale;
  if (e->flags & HAS_MIN_ZOOM)
    symbol->min_zoom = v->min_zoom;
  if (e->flags & HAS_LABEL)
    {
      memcpy (symbol->label_text, v->label_text, sizeof symbol->label_text);
      memcpy (symbol->label_rank_field, v->label_rank_field, sizeof symbol->label_rank_field);
      symbol->label_size = v->label_size;
      memcpy (symbol->label_color, v->label_color, sizeof symbol->label_color);
      memcpy (symbol->label_halo, v->label_halo, sizeof symbol->label_halo);
      symbol->label_halo_width = v->label_halo_width;
      symbol->label_min_zoom = v->label_min_zoom;
      symbol->label_max_zoom = v->label_max_zoom;
      symbol->label_priority = v->label_priority;
      symbol->label_weight = v->label_weight;
      symbol->label_italic = v->label_italic;
    }
}

gboolean
ga_style_sheet_get_background (GaStyleSheet *self,
                               double        rgba[4])
{
  g_return_val_if_fail (GA_IS_STYLE_SHEET (self), FALSE);

  if (!self->has_background)
    return FALSE;
  memcpy (rgba, self->background, sizeof self->background);
  return TRUE;
}
