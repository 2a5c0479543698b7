/* ga-doc-export.h — PNG, PDF and SVG pages and PDF decks, drawn by ga_layout_draw()
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK-free: used by the app's export dialog (in a worker, with progress and cancel) and by
 * the headless green-atlas-render. The basemap is drawn at the export's resolution through
 * the same sources as on screen (XYZ, MBTiles, tile folders; ga_png_export_draw_basemap).
 */
#pragma once

#include <gio/gio.h>

#include "ga-basemap.h"
#include "ga-layer-store.h"
#include "ga-layout.h"
#include "ga-project.h"

G_BEGIN_DECLS

typedef enum
{
  GA_EXPORT_PNG,
  GA_EXPORT_PDF,
  GA_EXPORT_SVG,
} GaExportFormat;

/* From the file name's extension (.png, .pdf, .svg, any case); FALSE otherwise. */
gboolean ga_export_format_from_path (const char      *path,
                                     GaExportFormat  *format);

typedef struct
{
  GaExportFormat  format;
  GaLayoutPreset  preset;
  gboolean        portrait;
  double          dpi;               /* PNG: pixels = page size × dpi / 72; default 150 */
  int             width_px;          /* PNG: > 0 overrides preset and dpi (with height_px) */
  int             height_px;
  GaBasemap      *basemap;           /* NULL / NONE: no basemap */
  gboolean        basemap_optional;  /* a failing basemap becomes a warning, not an error */
} GaExportOptions;

void ga_export_options_init (GaExportOptions *options);

/* A page for @slide of a project whose layers were read into @store with @styles
 * (GaLayer* → GaStyle*, as ga_project_read_layers fills it): the slide's visibility and
 * styles (new prepared copies), extent, title and caption, the project's title as
 * subtitle context, today's date. @slide NULL: the current state of @store (visible
 * layers, their styles) and @extent (Mercator; NULL = all data). */
GaLayoutPage *ga_export_page_new (GaProject      *project,
                                  GaLayerStore   *store,
                                  GHashTable     *styles,
                                  GaSlide        *slide,
                                  const GaExtent *extent);

/* Writes @pages (GaLayoutPage*) to @path: PDF = one page each (a deck), PNG and SVG need
 * exactly one page. Atomic (temp file + rename). @progress gets 0..1. *@warning is set
 * (one line) when a basemap marked optional failed. */
gboolean ga_doc_export_write        (const char            *path,
                                     GPtrArray             *pages,
                                     const GaExportOptions *options,
                                     char                 **warning,
                                     GCancellable          *cancellable,
                                     GaProgressFunc         progress,
                                     gpointer               progress_data,
                                     GError               **error);
/* The same in a worker thread; @progress is called on the caller's main context. The
 * pages and options are copied/referenced as needed; @options->basemap is referenced. */
void     ga_doc_export_write_async  (const char            *path,
                                     GPtrArray             *pages,
                                     const GaExportOptions *options,
                                     GCancellable          *cancellable,
                                     GaProgressFunc         progress,
                                     gpointer               progress_data,
                                     GAsyncReadyCallback    callback,
                                     gpointer               user_data);
gboolean ga_doc_export_write_finish (GAsyncResult          *result,
                                     char                 **warning,
                                     GError               **error);

G_END_DECLS
