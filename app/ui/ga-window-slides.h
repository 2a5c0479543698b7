/* ga-window-slides.h — slides of the window's project: capture, apply, edit, present
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A slide records the window's view (the visible area in degrees, each layer's visibility
 * and style by layer id); applying it gives the layers those visibilities and styles and
 * flies the map there. The slides panel, the presentation window and the export dialog
 * all go through these functions, so each change marks the project modified once.
 */
#pragma once

#include "ga-basemap.h"
#include "ga-map-view.h"
#include "ga-slide.h"
#include "ga-window.h"

G_BEGIN_DECLS

#define GA_SLIDE_FLY_MS  1200   /* flight between slides */
#define GA_SLIDE_FADE_MS 600    /* cross-fade of the layers that appear or disappear */

/* A new slide of the current view of @view (the window's map when NULL), titled "Slide N"
 * with N the next number, an empty caption. */
GaSlide    *ga_window_capture_slide      (GaWindow   *self,
                                          GaMapView  *view);
/* Replaces the extent and the layers of @slide with the current view (title and caption
 * kept). */
void        ga_window_fill_slide         (GaWindow   *self,
                                          GaMapView  *view,
                                          GaSlide    *slide);
/* Gives the window's layers the visibility and styles of @slide (layers it does not
 * mention are hidden; a style is replaced only if it differs) and shows its extent and
 * basemap on @view (NULL: the window's map). @animate flies there and cross-fades the
 * layers on @view. */
void        ga_window_apply_slide        (GaWindow   *self,
                                          GaSlide    *slide,
                                          GaMapView  *view,
                                          gboolean    animate);
/* The same, fitting the extent above @bottom_inset pixels of @view (the caption band).
 * @base_styles (GaLayer* → GaStyle*, may be NULL) gives the style of a layer the slide
 * shows without a style of its own; without it such a layer keeps its current style.
 * The presentation passes the styles from before it started, so every slide looks the
 * same whichever slide came before it (and as in the exported deck). */
void        ga_window_apply_slide_full   (GaWindow   *self,
                                          GaSlide    *slide,
                                          GaMapView  *view,
                                          int         bottom_inset,
                                          GHashTable *base_styles,
                                          gboolean    animate);

/* Editing the project's slides; each marks the project modified. */
guint       ga_window_add_slide          (GaWindow   *self);   /* the new slide's index */
void        ga_window_update_slide       (GaWindow   *self,
                                          guint       index);
void        ga_window_rename_slide       (GaWindow   *self,
                                          guint       index,
                                          const char *title,
                                          const char *caption);  /* NULL keeps it */
void        ga_window_move_slide         (GaWindow   *self,
                                          guint       from,
                                          guint       to);
/* Removes the slide, with an "Undo" toast. */
void        ga_window_remove_slide       (GaWindow   *self,
                                          guint       index);
/* Applies slide @index to the window's map (what a click on a slide row does). */
void        ga_window_go_to_slide        (GaWindow   *self,
                                          guint       index);

/* GaLayer* → GaStyle* (the window's live styles, referenced), as ga_export_page_new wants. */
GHashTable *ga_window_dup_styles         (GaWindow   *self);
/* The basemap shown on the window's map, or NULL for none (not owned). */
GaBasemap  *ga_window_get_current_basemap (GaWindow  *self);

/* The slides panel in the sidebar, and the presentation window while presenting. */
GtkWidget  *ga_window_get_slides_panel   (GaWindow   *self);
GtkWindow  *ga_window_get_presentation   (GaWindow   *self);
/* Starts presenting from slide @index on @monitor (NULL: the window's monitor). */
GtkWindow  *ga_window_present_slides     (GaWindow   *self,
                                          guint       index,
                                          GdkMonitor *monitor);

/* Binds the slides panel to the window's current project (after it replaced it). */
void        _ga_window_slides_project_changed (GaWindow *self);

/* Mercator metres ↔ degrees (spherical Web Mercator, as the map view). */
void        ga_mercator_to_lonlat        (double      x,
                                          double      y,
                                          double     *lon,
                                          double     *lat);
void        ga_lonlat_to_mercator        (double      lon,
                                          double      lat,
                                          double     *x,
                                          double     *y);
/* The slide's extent in Mercator metres; FALSE if it has none. */
gboolean    ga_slide_get_mercator_extent (GaSlide    *slide,
                                          GaExtent   *extent);

G_END_DECLS
