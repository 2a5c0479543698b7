/* ga-slide.h — one saved view of a project: extent, layer visibility and styles, words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A slide is a "map theme": for each layer (by ga_layer_get_id()) whether it is visible
 * and the style it is drawn with (the JSON of ga_style_to_json()), plus the area shown
 * (a WGS 84 longitude/latitude box, so a projector and a laptop show the same place), a
 * title and a caption. Layers a slide does not mention are hidden on it.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define GA_TYPE_SLIDE (ga_slide_get_type ())
G_DECLARE_FINAL_TYPE (GaSlide, ga_slide, GA, SLIDE, GObject)

GaSlide    *ga_slide_new             (void);
GaSlide    *ga_slide_copy            (GaSlide     *self);

/* "title" and "caption" are GObject properties (notify on change). */
const char *ga_slide_get_title       (GaSlide     *self);
void        ga_slide_set_title       (GaSlide     *self,
                                      const char  *title);
const char *ga_slide_get_caption     (GaSlide     *self);
void        ga_slide_set_caption     (GaSlide     *self,
                                      const char  *caption);

/* The area shown, in degrees: west, south, east, north. FALSE if none was set. */
gboolean    ga_slide_get_extent      (GaSlide     *self,
                                      double      *west,
                                      double      *south,
                                      double      *east,
                                      double      *north);
void        ga_slide_set_extent      (GaSlide     *self,
                                      double       west,
                                      double       south,
                                      double       east,
                                      double       north);

/* Basemap key for this slide (NULL: keep the project's). */
const char *ga_slide_get_basemap     (GaSlide     *self);
void        ga_slide_set_basemap     (GaSlide     *self,
                                      const char  *key);

/* Per layer: visibility and style (a ga_style_to_json() object; NULL keeps the layer's
 * current style). Setting replaces what was there. */
void        ga_slide_set_layer       (GaSlide     *self,
                                      const char  *layer_id,
                                      gboolean     visible,
                                      JsonNode    *style);
/* FALSE if the slide does not mention @layer_id (then the layer is hidden). */
gboolean    ga_slide_get_layer       (GaSlide     *self,
                                      const char  *layer_id,
                                      gboolean    *visible,
                                      JsonNode   **style);   /* not owned, may be NULL */
/* The layer ids the slide mentions, in the order they were set (NULL-terminated, owned by
 * the slide until the next change). */
const char * const *ga_slide_get_layer_ids (GaSlide *self);
void        ga_slide_clear_layers    (GaSlide     *self);

/* The slide as it is stored in a project file, and back. */
JsonNode   *ga_slide_to_json         (GaSlide     *self);
GaSlide    *ga_slide_new_from_json   (JsonNode    *node,
                                      GError     **error);

G_END_DECLS
