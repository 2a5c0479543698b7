/* ga-feature-list.h — the features of a layer as a lazy GListModel of row objects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Holds only feature numbers; a GaFeatureRow is created when an item is asked for, so a
 * 100,000-feature layer costs 400 KB until rows are shown.
 */
#pragma once

#include <gio/gio.h>

#include "ga-layer.h"
#include "ga-style.h"

G_BEGIN_DECLS

#define GA_TYPE_FEATURE_ROW (ga_feature_row_get_type ())
G_DECLARE_FINAL_TYPE (GaFeatureRow, ga_feature_row, GA, FEATURE_ROW, GObject)

GaLayer    *ga_feature_row_get_layer   (GaFeatureRow *self);
guint       ga_feature_row_get_feature (GaFeatureRow *self);
/* UTF-8 or NULL */
const char *ga_feature_row_get_value   (GaFeatureRow *self,
                                        guint         field);

#define GA_TYPE_FEATURE_LIST (ga_feature_list_get_type ())
G_DECLARE_FINAL_TYPE (GaFeatureList, ga_feature_list, GA, FEATURE_LIST, GObject)

/* Every feature of @layer that passes @style's filter (NULL: all). */
GaFeatureList *ga_feature_list_new        (GaLayer       *layer,
                                           GaStyle       *style);
/* Re-reads the filter of @style (NULL: all features). */
void           ga_feature_list_set_style  (GaFeatureList *self,
                                           GaStyle       *style);
GaLayer       *ga_feature_list_get_layer  (GaFeatureList *self);

G_END_DECLS
