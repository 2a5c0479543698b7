/* ga-gdal-private.h — automatic cleanups for GDAL, OGR and PROJ handles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GDAL handles are pointer typedefs, so they use g_auto():
 *   g_auto (GDALDatasetH) ds = GDALOpenEx (…);
 * PROJ objects are struct types, so they use g_autoptr():
 *   g_autoptr (PJ) crs = proj_create (ctx, "EPSG:4326");
 */
#pragma once

#include <glib.h>

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <proj.h>

G_BEGIN_DECLS

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (GDALDatasetH, GDALClose, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (OGRFeatureH, OGR_F_Destroy, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (OGRGeometryH, OGR_G_DestroyGeometry, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (OGRSpatialReferenceH, OSRRelease, NULL)

/* CPL strings and string lists: char * from CPLStrdup/OSRExportToWkt, char ** from CSLSetNameValue */
typedef char *GaCplString;
typedef char **GaCplStringList;
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (GaCplString, CPLFree, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (GaCplStringList, CSLDestroy, NULL)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PJ, proj_destroy)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PJ_CONTEXT, proj_context_destroy)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PJ_OBJ_LIST, proj_list_destroy)

/* A PJ_CONTEXT that logs nothing to stderr (bad user input must not print). */
PJ_CONTEXT *ga_proj_context_new (void);

G_END_DECLS
