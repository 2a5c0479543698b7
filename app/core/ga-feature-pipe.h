/* ga-feature-pipe.h — OGR features into a GaLayer, reprojected and stored on a second thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reader's thread takes features from OGR and copies their coordinates and values into
 * a batch (ga_feature_pipe_push); a second thread reprojects each whole batch in one PROJ
 * call and appends the features to the layer, in the order they were pushed. Reading (OGR)
 * and storing (PROJ, the layer) then share two cores. The transforms are used only on the
 * storing thread, each with its own PROJ context (ga_transform_new).
 *
 * A feature with several kinds of geometry (a collection of points and polygons) becomes one
 * layer feature per kind, with the same values; a feature without geometry is kept as
 * GA_GEOM_NONE; a feature whose coordinates cannot be reprojected is dropped and counted.
 */
#pragma once

#include <glib.h>

#include "ga-crs.h"
#include "ga-encoding.h"
#include "ga-gdal-private.h"
#include "ga-layer.h"

G_BEGIN_DECLS

typedef struct _GaFeaturePipe GaFeaturePipe;

/* @field_types: @n_fields OGR field types (copied). @fixes: where text that is not UTF-8 is
 * fed when @fix_text (a format that should be UTF-8); it is written only by the storing
 * thread, and may be read again after ga_feature_pipe_finish(). @threaded: FALSE stores
 * each batch on the calling thread (small layers: no thread to start). */
GaFeaturePipe *ga_feature_pipe_new     (GaLayer            *layer,
                                        GaTransform        *to_lonlat,
                                        GaTransform        *to_merc,
                                        guint               n_fields,
                                        const OGRFieldType *field_types,
                                        gboolean            fix_text,
                                        GaEncodingSniffer  *fixes,
                                        gboolean            threaded);
void           ga_feature_pipe_push    (GaFeaturePipe      *pipe,
                                        OGRFeatureH         feature);
/* Waits for the storing thread and frees @pipe. Returns the number of features dropped;
 * @lonlat (may be NULL) gets the lon/lat extent of the features kept. */
guint          ga_feature_pipe_finish  (GaFeaturePipe      *pipe,
                                        GaExtent           *lonlat);

/* Text of a name or value as UTF-8: valid UTF-8 as it is; else, when @fix, guessed (Thai
 * TIS-620 and others) and fed to @fixes; else with the invalid bytes replaced. */
char          *ga_feature_pipe_text    (const char         *raw,
                                        gboolean            fix,
                                        GaEncodingSniffer  *fixes);

G_END_DECLS
