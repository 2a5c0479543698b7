/* ga-feature-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ga-feature-list"

#include "config.h"

#include "ga-feature-list.h"

struct _GaFeatureRow
{
  GObject  parent_instance;
  GaLayer *layer;
  guint    feature;
};

G_DEFINE_FINAL_TYPE (GaFeatureRow, ga_feature_row, G_TYPE_OBJECT)

struct _GaFeatureList
{
  GObject  parent_instance;
  GaLayer *layer;
  GArray  *ids;   /* guint feature numbers shown */
};

static void ga_feature_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GaFeatureList, ga_feature_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      ga_feature_list_model_init))

static void
ga_feature_row_dispose (GObject *object)
{
  GaFeatureRow *self = GA_FEATURE_ROW (object);

  g_clear_object (&self->layer);
  G_OBJECT_CLASS (ga_feature_row_parent_class)->dispose (object);
}

static void
ga_feature_row_class_init (GaFeatureRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ga_feature_row_dispose;
}

static void
ga_feature_row_init (GaFeatureRow *self)
{
}

GaLayer *
ga_feature_row_get_layer (GaFeatureRow *self)
{
  g_return_val_if_fail (GA_IS_FEATURE_ROW (self), NULL);
  return self->layer;
}

guint
ga_feature_row_get_feature (GaFeatureRow *self)
{
  g_return_val_if_fail (GA_IS_FEATURE_ROW (self), 0);
  return self->feature;
}

const char *
ga_feature_row_get_value (GaFeatureRow *self,
                          guint         field)
{
  g_return_val_if_fail (GA_IS_FEATURE_ROW (self), NULL);
  return ga_layer_get_value (self->layer, self->feature, field);
}

static GType
ga_feature_list_get_item_type (GListModel *model)
{
  return GA_TYPE_FEATURE_ROW;
}

static guint
ga_feature_list_get_n_items (GListModel *model)
{
  return GA_FEATURE_LIST (model)->ids->len;
}

static gpointer
ga_feature_list_get_item (GListModel *model,
                          guint       position)
{
  GaFeatureList *self = GA_FEATURE_LIST (model);
  GaFeatureRow *row;

  if (position >= self->ids->len)
    return NULL;
  row = g_object_new (GA_TYPE_FEATURE_ROW, NULL);
  row->layer = g_object_ref (self->layer);
  row->feature = g_array_index (self->ids, guint, position);
  return row;
}

static void
ga_feature_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = ga_feature_list_get_item_type;
  iface->get_n_items = ga_feature_list_get_n_items;
  iface->get_item = ga_feature_list_get_item;
}

static void
ga_feature_list_dispose (GObject *object)
{
  GaFeatureList *self = GA_FEATURE_LIST (object);

  g_clear_object (&self->layer);
  g_clear_pointer (&self->ids, g_array_unref);
  G_OBJECT_CLASS (ga_feature_list_parent_class)->dispose (object);
}

static void
ga_feature_list_class_init (GaFeatureListClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ga_feature_list_dispose;
}

static void
ga_feature_list_init (GaFeatureList *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (guint));
}

GaFeatureList *
ga_feature_list_new (GaLayer *layer,
                     GaStyle *style)
{
  GaFeatureList *self;

  g_return_val_if_fail (GA_IS_LAYER (layer), NULL);

  self = g_object_new (GA_TYPE_FEATURE_LIST, NULL);
  self->layer = g_object_ref (layer);
  ga_feature_list_set_style (self, style);
  return self;
}

void
ga_feature_list_set_style (GaFeatureList *self,
                           GaStyle       *style)
{
  g_autoptr(GaStyle) snapshot = NULL;
  guint removed, n;

  g_return_if_fail (GA_IS_FEATURE_LIST (self));

  removed = self->ids->len;
  g_array_set_size (self->ids, 0);
  n = ga_layer_get_n_features (self->layer);
  if (style)
    {
      snapshot = ga_style_copy (style);
      ga_style_prepare (snapshot, self->layer);
    }
  for (guint i = 0; i < n; i++)
    if (snapshot == NULL || ga_style_feature_visible (snapshot, self->layer, i))
      g_array_append_val (self->ids, i);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->ids->len);
}

GaLayer *
ga_feature_list_get_layer (GaFeatureList *self)
{
  g_return_val_if_fail (GA_IS_FEATURE_LIST (self), NULL);
  return self->layer;
}
