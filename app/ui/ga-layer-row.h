/* ga-layer-row.h — one row of the layers sidebar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ga-layer.h"

G_BEGIN_DECLS

#define GA_TYPE_LAYER_ROW (ga_layer_row_get_type ())
G_DECLARE_FINAL_TYPE (GaLayerRow, ga_layer_row, GA, LAYER_ROW, GtkListBoxRow)

/* Signals: "move-up", "move-down", "zoom-to", "remove", "edit-style", "show-attributes",
 * "locate" (a missing project layer's Locate… button) (no arguments),
 * "reload" (const char *encoding), "layer-dropped" (GaLayer *dragged onto this row). */
GtkWidget  *ga_layer_row_new             (GaLayer    *layer);
GaLayer    *ga_layer_row_get_layer       (GaLayerRow *self);
/* "1,234 features" */
char       *ga_layer_row_format_count    (guint       n_features);
/* "Thai (CP874)" for "CP874", … */
const char *ga_encoding_display_name     (const char *encoding);

G_END_DECLS
