/* ga-crs.h — coordinate reference systems and transformations through PROJ
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A transformation from one CRS to another, normalised for visualisation
 * (x = longitude or easting, y = latitude or northing).  Not thread-safe: one per thread. */
typedef struct _GaTransform GaTransform;

/* src/dst: "EPSG:32647", WKT, or a PROJ string. */
GaTransform *ga_transform_new        (const char   *src,
                                      const char   *dst,
                                      GError      **error);
/* Transforms @n points in place; FALSE if any failed (those become HUGE_VAL). */
gboolean     ga_transform_apply      (GaTransform  *self,
                                      double       *x,
                                      double       *y,
                                      gsize         n);
/* For tests: whether @self runs its projection without PROJ's pipeline around it. */
gboolean     _ga_transform_is_bare   (GaTransform  *self);
/* Human-readable name of the source CRS, e.g. "WGS 84 / UTM zone 47N (EPSG:32647)". */
const char  *ga_transform_get_source_name (GaTransform *self);
void         ga_transform_free       (GaTransform  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GaTransform, ga_transform_free)

/* Checks a user-supplied CRS string; on success returns its display name. */
char        *ga_crs_describe         (const char   *definition,
                                      GError      **error);

typedef struct
{
  char     *code;      /* "EPSG:32647" */
  char     *name;      /* "WGS 84 / UTM zone 47N" */
  gboolean  regional;  /* one of the systems used in South-East Asia, listed first */
} GaCrsInfo;

void         ga_crs_info_free        (GaCrsInfo    *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GaCrsInfo, ga_crs_info_free)

/* Projected and geographic CRSs from PROJ's database whose code or name contains @filter
 * (case-insensitive; NULL or "" = all), regional ones first. GPtrArray of GaCrsInfo. */
GPtrArray   *ga_crs_list             (const char   *filter);

G_END_DECLS
