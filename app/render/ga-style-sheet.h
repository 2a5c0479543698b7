/* ga-style-sheet.h — per-layer symbols and labels from a JSON file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small first style model (issue 4 grows it): a JSON object keyed by layer name, each value
 * giving fill, stroke, widths, radius, layer alpha and an optional label (field, size, colour,
 * halo, minimum zoom). Layers not named fall back to ga_symbol_init_default(). Also carries a
 * background colour for basemaps.  Example: data/sample/basemap/style.json
 */
#pragma once

#include <gio/gio.h>

#include "ga-layer.h"
#include "ga-renderer.h"

G_BEGIN_DECLS

#define GA_TYPE_STYLE_SHEET (ga_style_sheet_get_type ())
G_DECLARE_FINAL_TYPE (GaStyleSheet, ga_style_sheet, GA, STYLE_SHEET, GObject)

/* Fails with a GA_ERROR naming the file on unreadable or malformed JSON. */
GaStyleSheet *ga_style_sheet_load            (const char    *path,
                                              GError       **error);
/* Fills @symbol for @layer: the sheet's entry for the layer's name, else the default. */
void          ga_style_sheet_apply           (GaStyleSheet  *self,
                                              GaLayer       *layer,
                                              GaSymbol      *symbol);
/* Background (r, g, b, a in 0..1); FALSE if the sheet sets none. */
gboolean      ga_style_sheet_get_background  (GaStyleSheet  *self,
                                              double         rgba[4]);

G_END_DECLS
