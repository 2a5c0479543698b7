/* ga-reader.h — open any vector file GDAL reads, reproject with PROJ, fill GaLayers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs in a worker thread; owns its GDAL dataset and PJ_CONTEXT; touches no shared state.
 * Every failure is a GA_ERROR whose message names the file and the reason in plain words.
 */
#pragma once

#include <gio/gio.h>

#include "ga-layer.h"

G_BEGIN_DECLS

typedef struct
{
  char *crs;       /* CRS for layers that have none: "EPSG:32647", WKT or PROJ string; NULL */
  char *encoding;  /* DBF text encoding override ("CP874", "UTF-8", "ISO-8859-1"); NULL = auto */
  /* Geometry alone: the layers get no fields and OGR reads no attribute values (for a
   * drawing whose styles use none; GDAL then skips a shapefile's .dbf). */
  gboolean geometry_only;
} GaReaderOptions;

/* Called with 0.0 … 1.0.  The sync call invokes it in the calling thread; the async call
 * invokes it on the thread-default main context of the caller. */
typedef void (*GaProgressFunc) (double fraction, gpointer user_data);

/* Returns a GPtrArray of sealed GaLayer (owned refs, free func set), one per layer of the
 * dataset (a GeoPackage or KML file gives several). Layers are in dataset order. */
GPtrArray          *ga_reader_load               (const char            *path,
                                                  const GaReaderOptions *options,
                                                  GCancellable          *cancellable,
                                                  GaProgressFunc         progress,
                                                  gpointer               progress_data,
                                                  GError               **error);
/* Loads every path of @paths (NULL-terminated), several at once on as many threads as
 * there are cores. Returns one GPtrArray of layers per path, in the order of @paths, or
 * NULL and the error of the first path (in that order) that failed. */
GPtrArray          *ga_reader_load_all           (const char * const    *paths,
                                                  const GaReaderOptions *options,
                                                  GCancellable          *cancellable,
                                                  GError               **error);
void                ga_reader_load_async         (const char            *path,
                                                  const GaReaderOptions *options,
                                                  GCancellable          *cancellable,
                                                  GaProgressFunc         progress,
                                                  gpointer               progress_data,
                                                  GAsyncReadyCallback    callback,
                                                  gpointer               user_data);
GPtrArray          *ga_reader_load_finish        (GAsyncResult          *result,
                                                  GError               **error);

/* Glob patterns for the Open dialog filter ("*.shp", "*.zip", "*.gpkg", …), NULL-terminated. */
const char * const *ga_reader_get_patterns       (void);

G_END_DECLS
