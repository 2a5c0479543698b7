/* ga-attribute-table.h — a layer's attributes in a sortable, filterable table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ga-layer.h"
#include "ga-map-view.h"

G_BEGIN_DECLS

#define GA_TYPE_ATTRIBUTE_TABLE (ga_attribute_table_get_type ())
G_DECLARE_FINAL_TYPE (GaAttributeTable, ga_attribute_table, GA, ATTRIBUTE_TABLE, AdwWindow)

/* Selecting a row highlights the feature in @view and moves the map to it. */
GaAttributeTable *ga_attribute_table_new             (GtkWindow        *parent,
                                                      GaMapView        *view,
                                                      GaLayer          *layer);
GaLayer          *ga_attribute_table_get_layer       (GaAttributeTable *self);
GtkColumnView    *ga_attribute_table_get_column_view (GaAttributeTable *self);
/* The rows as shown (filtered and sorted): a GListModel of GaFeatureRow. */
GListModel       *ga_attribute_table_get_rows        (GaAttributeTable *self);
/* The text filter (any field containing the text, ignoring case). */
void              ga_attribute_table_set_search      (GaAttributeTable *self,
                                                      const char       *text);
/* Sorts by the column of @field; numbers sort as numbers when the column is numeric. */
void              ga_attribute_table_sort_by         (GaAttributeTable *self,
                                                      guint             field,
                                                      gboolean          ascending);
gboolean          ga_attribute_table_is_numeric      (GaAttributeTable *self,
                                                      guint             field);
/* Selects a shown row (as a click would). */
void              ga_attribute_table_select          (GaAttributeTable *self,
                                                      guint             position);

G_END_DECLS
