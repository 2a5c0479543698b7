/* ga-presentation.h — the full-screen presentation of a project's slides
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ga-map-view.h"
#include "ga-window.h"

G_BEGIN_DECLS

#define GA_TYPE_PRESENTATION (ga_presentation_get_type ())
G_DECLARE_FINAL_TYPE (GaPresentation, ga_presentation, GA, PRESENTATION, GtkWindow)

/* A window with its own map of @window's layers and basemap, no chrome: the slide's title
 * and caption on a dark band, the legend, a scale bar, the attribution and "3 / 7".
 * Keys: Right, Down, Page Down, Space, Enter = next; Left, Up, Page Up, BackSpace =
 * previous; Home, End; digits then Enter = that slide; B blanks (any key unblanks);
 * Escape leaves. Closing it gives @window's layers and map back the visibility, styles and
 * view they had when it started. */
GaPresentation *ga_presentation_new             (GaWindow       *window);
/* Remembers the window's state, shows slide @index and goes full screen on @monitor (NULL:
 * the monitor of the main window). */
void            ga_presentation_start           (GaPresentation *self,
                                                 guint           index,
                                                 GdkMonitor     *monitor);
guint           ga_presentation_get_current     (GaPresentation *self);
guint           ga_presentation_get_n_slides    (GaPresentation *self);
/* Next / previous slide; at either end the current one is shown again (back to the story
 * after panning). */
void            ga_presentation_next            (GaPresentation *self);
void            ga_presentation_previous        (GaPresentation *self);
void            ga_presentation_go_to           (GaPresentation *self,
                                                 guint           index);
gboolean        ga_presentation_get_blanked     (GaPresentation *self);
void            ga_presentation_set_blanked     (GaPresentation *self,
                                                 gboolean        blanked);
GaMapView      *ga_presentation_get_map_view    (GaPresentation *self);
GtkLabel       *ga_presentation_get_title_label (GaPresentation *self);
GtkLabel       *ga_presentation_get_caption_label (GaPresentation *self);
GtkLabel       *ga_presentation_get_counter_label (GaPresentation *self);
/* The height of the caption band at the bottom; slides are fitted above it. */
int             ga_presentation_get_band_height (GaPresentation *self);

G_END_DECLS
