/* ga-tooltip.h — a widget's tooltip, set without a round trip to the display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * gtk_widget_set_tooltip_text() on a visible widget (every widget of a template, and a new
 * one) asks the display at once which surface is under the pointer: on X11 that is
 * XIGetClientPointer and XIQueryPointer, two round trips. While the workers keep both
 * cores busy the X server answers late, and a layer row's seven tooltips, built when a
 * layer arrives, held the main loop for tens of milliseconds.
 *
 * ga_tooltip_set() keeps the text on the widget and gives it to GTK in ::query-tooltip,
 * when GTK asks (the pointer rests on the widget). The text is also the widget's
 * accessible description, as gtk_widget_set_tooltip_text() makes it.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* @text (plain text) as @widget's tooltip; NULL removes it. */
void        ga_tooltip_set (GtkWidget  *widget,
                            const char *text);

/* The text ga_tooltip_set() gave @widget, or NULL. */
const char *ga_tooltip_get (GtkWidget  *widget);

G_END_DECLS
