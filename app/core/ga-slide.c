/* ga-slide.c — one saved view of a project: extent, layer visibility and styles, words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Stored in a project file as
 *   {"title":"…","caption":"…","extent":[west,south,east,north]|null,"basemap":"…"|null,
 *    "layers":[{"id":"parks","visible":true,"style":{…}|null}, …]}
 * with the layers in the order they were set.
 */
#define G_LOG_DOMAIN "ga-slide"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ga-error.h"
#include "ga-json-private.h"
#include "ga-slide.h"

typedef struct
{
  char     *id;
  gboolean  visible;
  JsonNode *style;
} SlideLayer;

struct _GaSlide
{
  GObject    parent_instance;

  char      *title;
  char      *caption;
  char      *basemap;
  gboolean   has_extent;
  double     extent[4];
  GPtrArray *layers;   /* SlideLayer*, in the order set */
  GPtrArray *ids;      /* const char*, NULL-terminated view of the ids; rebuilt on demand */
};

G_DEFINE_FINAL_TYPE (GaSlide, ga_slide, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_TITLE,
  PROP_CAPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
slide_layer_free (SlideLayer *layer)
{
  g_free (layer->id);
  g_clear_pointer (&layer->style, json_node_unref);
  g_free (layer);
}

static SlideLayer *
find_layer (GaSlide    *self,
            const char *id,
            guint      *index)
{
  for (guint i = 0; i < self->layers->len; i++)
    {
      SlideLayer *layer = g_ptr_array_index (self->layers, i);

      if (g_strcmp0 (layer->id, id) == 0)
        {
          if (index != NULL)
            *index = i;
          return layer;
        }
    }
  return NULL;
}

static void
invalidate_ids (GaSlide *self)
{
  g_clear_pointer (&self->ids, g_ptr_array_unref);
}

static void
ga_slide_finalize (GObject *object)
{
  GaSlide *self = GA_SLIDE (object);

  g_free (self->title);
  g_free (self->caption);
  g_free (self->basemap);
  g_clear_pointer (&self->layers, g_ptr_array_unref);
  g_clear_pointer (&self->ids, g_ptr_array_unref);

  G_OBJECT_CLASS (ga_slide_parent_class)->finalize (object);
}

static void
ga_slide_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  GaSlide *self = GA_SLIDE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_CAPTION:
      g_value_set_string (value, self->caption);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ga_slide_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  GaSlide *self = GA_SLIDE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      ga_slide_set_title (self, g_value_get_string (value));
      break;
    case PROP_CAPTION:
      ga_slide_set_caption (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ga_slide_class_init (GaSlideClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ga_slide_finalize;
  object_class->get_property = ga_slide_get_property;
  object_class->set_property = ga_slide_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAPTION] =
    g_param_spec_string ("caption", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ga_slide_init (GaSlide *self)
{
  self->title = g_strdup ("");
  self->caption = g_strdup ("");
  self->layers = g_ptr_array_new_with_free_func ((GDestroyNotify) slide_layer_free);
}

GaSlide *
ga_slide_new (void)
{
  return g_object_new (GA_TYPE_SLIDE, NULL);
}

GaSlide *
ga_slide_copy (GaSlide *self)
{
  GaSlide *copy;

  g_return_val_if_fail (GA_IS_SLIDE (self), NULL);

  copy = ga_slide_new ();
  g_free (copy->title);
  copy->title = g_strdup (self->title);
  g_free (copy->caption);
  copy->caption = g_strdup (self->caption);
  copy->basemap = g_strdup (self->basemap);
  copy->has_extent = self->has_extent;
  memcpy (copy->extent, self->extent, sizeof self->extent);
  for (guint i = 0; i < self->layers->len; i++)
    {
      SlideLayer *layer = g_ptr_array_index (self->layers, i);

      ga_slide_set_layer (copy, layer->id, layer->visible, layer->style);
    }
  return copy;
}

const char *
ga_slide_get_title (GaSlide *self)
{
  g_return_val_if_fail (GA_IS_SLIDE (self), NULL);
  return self->title;
}

void
ga_slide_set_title (GaSlide    *self,
                    const char *title)
{
  g_return_if_fail (GA_IS_SLIDE (self));

  if (title == NULL)
    title = "";
  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
ga_slide_get_caption (GaSlide *self)
{
  g_return_val_if_fail (GA_IS_SLIDE (self), NULL);
  return self->caption;
}

void
ga_slide_set_caption (GaSlide    *self,
                      const char *caption)
{
  g_return_if_fail (GA_IS_SLIDE (self));

  if (caption == NULL)
    caption = "";
  if (g_strcmp0 (self->caption, caption) == 0)
    return;
  g_free (self->caption);
  self->caption = g_strdup (caption);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPTION]);
}

gboolean
ga_slide_get_extent (GaSlide *self,
                     double  *west,
                     double  *south,
                     double  *east,
                     double  *north)
{
  g_return_val_if_fail (GA_IS_SLIDE (self), FALSE);

  if (west != NULL)
    *west = self->extent[0];
  if (south != NULL)
    *south = self->extent[1];
  if (east != NULL)
    *east = self->extent[2];
  if (north != NULL)
    *north = self->extent[3];
  return self->has_extent;
}

void
ga_slide_set_extent (GaSlide *self,
                     double   west,
                     double   south,
                     double   east,
                     double   north)
{
  g_return_if_fail (GA_IS_SLIDE (self));

  self->has_extent = TRUE;
  self->extent[0] = west;
  self->extent[1] = south;
  self->extent[2] = east;
  self->extent[3] = north;
}

const char *
ga_slide_get_basemap (GaSlide *self)
{
  g_return_val_if_fail (GA_IS_SLIDE (self), NULL);
  return self->basemap;
}

void
ga_slide_set_basemap (GaSlide    *self,
                      const char *key)
{
  g_return_if_fail (GA_IS_SLIDE (self));

  if (key != NULL && *key == '\0')
    key = NULL;
  g_free (self->basemap);
  self->basemap = g_strdup (key);
}

void
ga_slide_set_layer (GaSlide    *self,
                    const char *layer_id,
                    gboolean    visible,
                    JsonNode   *style)
{
  SlideLayer *layer;

  g_return_if_fail (GA_IS_SLIDE (self));
  g_return_if_fail (layer_id != NULL);

  layer = find_layer (self, layer_id, NULL);
  if (layer == NULL)
    {
      layer = g_new0 (SlideLayer, 1);
      layer->id = g_strdup (layer_id);
      g_ptr_array_add (self->layers, layer);
      invalidate_ids (self);
    }
  layer->visible = !!visible;
  if (layer->style != style)
    {
      /* Copy first: @style may be the node we are about to drop. */
      JsonNode *copy = (style != NULL && !JSON_NODE_HOLDS_NULL (style)) ? json_node_copy (style)
                                                                        : NULL;

      g_clear_pointer (&layer->style, json_node_unref);
      layer->style = copy;
    }
}

gboolean
ga_slide_get_layer (GaSlide     *self,
                    const char  *layer_id,
                    gboolean    *visible,
                    JsonNode   **style)
{
  SlideLayer *layer;

  g_return_val_if_fail (GA_IS_SLIDE (self), FALSE);

  layer = find_layer (self, layer_id, NULL);
  if (visible != NULL)
    *visible = layer != NULL ? layer->visible : FALSE;
  if (style != NULL)
    *style = layer != NULL ? layer->style : NULL;
  return layer != NULL;
}

const char * const *
ga_slide_get_layer_ids (GaSlide *self)
{
  g_return_val_if_fail (GA_IS_SLIDE (self), NULL);

  if (self->ids == NULL)
    {
      self->ids = g_ptr_array_sized_new (self->layers->len + 1);
      for (guint i = 0; i < self->layers->len; i++)
        g_ptr_array_add (self->ids, ((SlideLayer *) g_ptr_array_index (self->layers, i))->id);
      g_ptr_array_add (self->ids, NULL);
    }
  return (const char * const *) self->ids->pdata;
}

void
ga_slide_clear_layers (GaSlide *self)
{
  g_return_if_fail (GA_IS_SLIDE (self));

  g_ptr_array_set_size (self->layers, 0);
  invalidate_ids (self);
}

JsonNode *
ga_slide_to_json (GaSlide *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (GA_IS_SLIDE (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, self->title);
  json_builder_set_member_name (builder, "caption");
  json_builder_add_string_value (builder, self->caption);
  json_builder_set_member_name (builder, "extent");
  if (self->has_extent)
    {
      json_builder_begin_array (builder);
      for (guint i = 0; i < 4; i++)
        json_builder_add_double_value (builder, self->extent[i]);
      json_builder_end_array (builder);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "basemap");
  if (self->basemap != NULL)
    json_builder_add_string_value (builder, self->basemap);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "layers");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->layers->len; i++)
    {
      SlideLayer *layer = g_ptr_array_index (self->layers, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, layer->id);
      json_builder_set_member_name (builder, "visible");
      json_builder_add_boolean_value (builder, layer->visible);
      json_builder_set_member_name (builder, "style");
      if (layer->style != NULL)
        json_builder_add_value (builder, json_node_copy (layer->style));
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}



GaSlide *
ga_slide_new_from_json (JsonNode  *node,
                        GError   **error)
{
  g_autoptr(GaSlide) self = NULL;
  JsonObject *object;
  JsonNode *member;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, GA_ERROR, GA_ERROR_CORRUPT, _("A slide is not a JSON object."));
      return NULL;
    }
  object = json_node_get_object (node);
  self = ga_slide_new ();

  ga_slide_set_title (self, ga_json_get_string (object, "title"));
  ga_slide_set_caption (self, ga_json_get_string (object, "caption"));
  ga_slide_set_basemap (self, ga_json_get_string (object, "basemap"));

  member = json_object_get_member (object, "extent");
  if (member != NULL && JSON_NODE_HOLDS_ARRAY (member))
    {
      JsonArray *array = json_node_get_array (member);
      double e[4];

      if (json_array_get_length (array) != 4)
        {
          g_set_error (error, GA_ERROR, GA_ERROR_CORRUPT,
                       _("The extent of slide “%s” does not have four numbers."), self->title);
          return NULL;
        }
      for (guint i = 0; i < 4; i++)
        if (!ga_json_get_number (json_array_get_element (array, i), &e[i]))
          {
            g_set_error (error, GA_ERROR, GA_ERROR_CORRUPT,
                         _("The extent of slide “%s” does not have four numbers."), self->title);
            return NULL;
          }
      if (e[0] >= e[2] || e[1] >= e[3])
        {
          g_set_error (error, GA_ERROR, GA_ERROR_CORRUPT,
                       _("The extent of slide “%s” is empty (west must be less than east and "
                         "south less than north)."), self->title);
          return NULL;
        }
      ga_slide_set_extent (self, e[0], e[1], e[2], e[3]);
    }

  member = json_object_get_member (object, "layers");
  if (member != NULL && JSON_NODE_HOLDS_ARRAY (member))
    {
      JsonArray *array = json_node_get_array (member);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          JsonObject *entry;
          const char *id;
          gboolean visible = TRUE;
          JsonNode *style;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            continue;
          entry = json_node_get_object (element);
          id = ga_json_get_string (entry, "id");
          if (id == NULL || *id == '\0')
            {
              g_set_error (error, GA_ERROR, GA_ERROR_CORRUPT,
                           _("A layer of slide “%s” has no id."), self->title);
              return NULL;
            }
          if (json_object_has_member (entry, "visible"))
            visible = json_object_get_boolean_member_with_default (entry, "visible", TRUE);
          style = json_object_get_member (entry, "style");
          if (style != NULL && !JSON_NODE_HOLDS_OBJECT (style))
            style = NULL;
          ga_slide_set_layer (self, id, visible, style);
        }
    }

  return g_steal_pointer (&self);
}
