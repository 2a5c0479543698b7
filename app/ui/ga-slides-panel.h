/* ga-slides-panel.h — the "Slides" page of the sidebar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ga-project.h"
#include "ga-window.h"

G_BEGIN_DECLS

#define GA_SLIDES_PANEL_THUMB_WIDTH  160
#define GA_SLIDES_PANEL_THUMB_HEIGHT 90

#define GA_TYPE_SLIDES_PANEL (ga_slides_panel_get_type ())
G_DECLARE_FINAL_TYPE (GaSlidesPanel, ga_slides_panel, GA, SLIDES_PANEL, GtkWidget)

/* A header with "Add Slide" and "Present", and the list of @window's slides: a thumbnail
 * (drawn in a worker by ga_layout_draw), the title and caption (edited in place), a menu
 * (Update, Move Up/Down, Delete); a click on a slide shows it on the map. */
GtkWidget  *ga_slides_panel_new               (GaWindow      *window);
/* Binds to @project's slides (NULL unbinds). */
void        ga_slides_panel_set_project       (GaSlidesPanel *self,
                                               GaProject     *project);
GtkListBox *ga_slides_panel_get_list          (GaSlidesPanel *self);
/* Draws @slide's thumbnail again (after "Update"). */
void        ga_slides_panel_refresh_thumbnail (GaSlidesPanel *self,
                                               GaSlide       *slide);
/* The thumbnail drawn for @slide, or NULL while it is being drawn. */
GdkTexture *ga_slides_panel_get_thumbnail     (GaSlidesPanel *self,
                                               GaSlide       *slide);
/* Thumbnails being drawn or waiting to be (for tests). */
guint       ga_slides_panel_get_n_pending     (GaSlidesPanel *self);

G_END_DECLS
