/* ga-export-dialog.h — export the view or slides as PNG, PDF or SVG pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ga-doc-export.h"
#include "ga-window.h"

G_BEGIN_DECLS

/* What to export (besides a slide's index). */
#define GA_EXPORT_CURRENT_VIEW (-1)
#define GA_EXPORT_ALL_SLIDES   (-2)

#define GA_TYPE_EXPORT_DIALOG (ga_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GaExportDialog, ga_export_dialog, GA, EXPORT_DIALOG, AdwWindow)

/* A modal dialog over @window: what (the current view or a slide; with @deck all slides as
 * one PDF), format, page preset and orientation, PNG resolution, title; "Export…" asks for
 * the file, then writes it in a worker with a progress bar and Cancel. The result is a
 * toast in @window naming the file. */
GtkWidget  *ga_export_dialog_new         (GaWindow       *window,
                                          gboolean        deck);

/* The pages the dialog exports: @which is GA_EXPORT_CURRENT_VIEW (the map's visible area
 * and layers), GA_EXPORT_ALL_SLIDES or a slide index. @title (NULL: the page's own) is the
 * title of a current-view page and the subtitle of slide pages. The basemap attribution
 * of @window is filled in. */
GPtrArray  *ga_export_build_pages        (GaWindow       *window,
                                          int             which,
                                          const char     *title);
/* Options from the window's basemap (optional: an offline basemap becomes a warning). */
void        ga_export_options_for_window (GaWindow       *window,
                                          GaExportOptions *options);

/* For tests: start the export to @path as the "Export…" button does after the chooser,
 * and whether one is running. */
void        ga_export_dialog_export_to   (GaExportDialog *self,
                                          const char     *path);
gboolean    ga_export_dialog_get_busy    (GaExportDialog *self);

G_END_DECLS
