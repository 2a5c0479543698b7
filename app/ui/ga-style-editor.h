/* ga-style-editor.h — edits one layer's GaStyle with live preview on the map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ga-layer.h"
#include "ga-map-view.h"
#include "ga-style.h"

G_BEGIN_DECLS

#define GA_TYPE_STYLE_EDITOR (ga_style_editor_get_type ())
G_DECLARE_FINAL_TYPE (GaStyleEditor, ga_style_editor, GA, STYLE_EDITOR, AdwWindow)

GaStyleEditor  *ga_style_editor_new              (GtkWindow     *parent,
                                                  GaMapView     *view,
                                                  GaLayer       *layer);
GaLayer        *ga_style_editor_get_layer        (GaStyleEditor *self);
GaStyle        *ga_style_editor_get_style        (GaStyleEditor *self);
/* The colour buttons: single-symbol fill, and one per class (NULL if none). */
GtkColorButton *ga_style_editor_get_fill_button  (GaStyleEditor *self);
GtkColorButton *ga_style_editor_get_class_button (GaStyleEditor *self,
                                                  guint          index);
/* Types @expression into the filter field and applies it, as pressing Enter does. */
void            ga_style_editor_apply_filter     (GaStyleEditor *self,
                                                  const char    *expression);
/* The error shown under the filter field, or NULL when there is none. */
const char     *ga_style_editor_get_filter_error (GaStyleEditor *self);
/* TRUE while a classification for an edit runs in a worker (tests). */
gboolean        ga_style_editor_get_classifying  (GaStyleEditor *self);
/* What "Load Style…" does with the file chosen: the style in @path replaces the edited one;
 * without classes of its own it is classified for the layer in a worker.  FALSE (and
 * @error naming the file) if it cannot be read. */
gboolean        ga_style_editor_load_file        (GaStyleEditor *self,
                                                  const char    *path,
                                                  GError       **error);
/* Copies every setting of @src into @dest (a loaded style file into the layer's style). */
void            ga_style_assign                  (GaStyle       *dest,
                                                  GaStyle       *src);

G_END_DECLS
