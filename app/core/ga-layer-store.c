/* ga-layer-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ga-layer-store"

#include "config.h"

#include "ga-layer-store.h"

struct _GaLayerStore
{
  GObject    parent_instance;
  GPtrArray *layers;   /* GaLayer, 0 = top */
  guint      n_added;  /* for palette colours */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GaLayerStore, ga_layer_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* Okabe–Ito-like qualitative colours, distinct on a light basemap. */
static const guint palette[] = {
  0x1b9e77, 0xd95f02, 0x7570b3, 0xe7298a, 0x66a61e, 0xe6ab02, 0xa6761d, 0x1f78b4,
};

guint
ga_palette_color (guint index)
{
  return palette[index % G_N_ELEMENTS (palette)];
}

static GType
get_item_type (GListModel *model)
{
  return GA_TYPE_LAYER;
}

static guint
get_n_items (GListModel *model)
{
  return GA_LAYER_STORE (model)->layers->len;
}

static gpointer
get_item (GListModel *model, guint position)
{
  GaLayerStore *self = GA_LAYER_STORE (model);

  if (position >= self->layers->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->layers, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
ga_layer_store_finalize (GObject *object)
{
  GaLayerStore *self = GA_LAYER_STORE (object);

  g_ptr_array_unref (self->layers);
  G_OBJECT_CLASS (ga_layer_store_parent_class)->finalize (object);
}

static void
ga_layer_store_class_init (GaLayerStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ga_layer_store_finalize;
}

static void
ga_layer_store_init (GaLayerStore *self)
{
  self->layers = g_ptr_array_new_with_free_func (g_object_unref);
}

GaLayerStore *
ga_layer_store_new (void)
{
  return g_object_new (GA_TYPE_LAYER_STORE, NULL);
}

void
ga_layer_store_add (GaLayerStore *self, GaLayer *layer)
{
  g_return_if_fail (GA_IS_LAYER_STORE (self));
  g_return_if_fail (GA_IS_LAYER (layer));

  ga_layer_set_color (layer, ga_palette_color (self->n_added++));
  g_ptr_array_insert (self->layers, 0, g_object_ref (layer));
  g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, 1);
}

void
ga_layer_store_replace (GaLayerStore *self, GaLayer *layer, GaLayer *replacement)
{
  guint pos;

  g_return_if_fail (GA_IS_LAYER_STORE (self));
  g_return_if_fail (GA_IS_LAYER (replacement));

  if (!g_ptr_array_find (self->layers, layer, &pos))
    return;
  ga_layer_set_color (replacement, ga_layer_get_color (layer));
  ga_layer_set_visible (replacement, ga_layer_get_visible (layer));
  ga_layer_set_opacity (replacement, ga_layer_get_opacity (layer));
  g_object_unref (g_ptr_array_index (self->layers, pos));
  g_ptr_array_index (self->layers, pos) = g_object_ref (replacement);
  g_list_model_items_changed (G_LIST_MODEL (self), pos, 1, 1);
}

gboolean
ga_layer_store_find (GaLayerStore *self, GaLayer *layer, guint *position)
{
  g_return_val_if_fail (GA_IS_LAYER_STORE (self), FALSE);
  return g_ptr_array_find (self->layers, layer, position);
}

void
ga_layer_store_remove (GaLayerStore *self, GaLayer *layer)
{
  guint pos;

  g_return_if_fail (GA_IS_LAYER_STORE (self));

  if (!g_ptr_array_find (self->layers, layer, &pos))
    return;
  g_ptr_array_remove_index (self->layers, pos);
  g_list_model_items_changed (G_LIST_MODEL (self), pos, 1, 0);
}

void
ga_layer_store_move (GaLayerStore *self, GaLayer *layer, guint new_position)
{
  guint pos;
  gpointer item;

  g_return_if_fail (GA_IS_LAYER_STORE (self));

  if (!g_ptr_array_find (self->layers, layer, &pos))
    return;
  new_position = MIN (new_position, self->layers->len - 1);
  if (new_position == pos)
    return;

  item = g_ptr_array_steal_index (self->layers, pos);
  g_ptr_array_insert (self->layers, new_position, item);
  g_list_model_items_changed (G_LIST_MODEL (self), MIN (pos, new_position),
                              ABS ((int) pos - (int) new_position) + 1,
                              ABS ((int) pos - (int) new_position) + 1);
}

GaLayer *
ga_layer_store_get (GaLayerStore *self, guint position)
{
  g_return_val_if_fail (GA_IS_LAYER_STORE (self), NULL);
  if (position >= self->layers->len)
    return NULL;
  return g_ptr_array_index (self->layers, position);
}

guint
ga_layer_store_get_n_layers (GaLayerStore *self)
{
  g_return_val_if_fail (GA_IS_LAYER_STORE (self), 0);
  return self->layers->len;
}

gboolean
ga_layer_store_get_extent (GaLayerStore *self, gboolean visible_only, GaExtent *extent)
{
  gboolean any = FALSE;

  g_return_val_if_fail (GA_IS_LAYER_STORE (self), FALSE);

  for (guint i = 0; i < self->layers->len; i++)
    {
      GaLayer *layer = g_ptr_array_index (self->layers, i);
      GaExtent e;

      if (visible_only && !ga_layer_get_visible (layer))
        continue;
      if (ga_layer_get_n_features (layer) == 0)
        continue;
      ga_layer_get_extent (layer, &e);
      if (e.min_x > e.max_x)
        continue;
      if (!any)
        *extent = e;
      else
        {
          extent->min_x = MIN (extent->min_x, e.min_x);
          extent->min_y = MIN (extent->min_y, e.min_y);
          extent->max_x = MAX (extent->max_x, e.max_x);
          extent->max_y = MAX (extent->max_y, e.max_y);
        }
      any = TRUE;
    }
  return any;
}
