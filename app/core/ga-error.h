/* ga-error.h — the one error domain of Green Atlas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GA_ERROR (ga_error_quark ())

/**
 * GaError:
 * Every failure a user can cause. Messages name the file and say what to do.
 */
typedef enum
{
  GA_ERROR_FAILED,              /* anything else */
  GA_ERROR_NOT_FOUND,           /* the file does not exist */
  GA_ERROR_UNSUPPORTED,         /* no driver can read it / not what its extension says */
  GA_ERROR_MISSING_SIDECAR,     /* missing .shp or .dbf */
  GA_ERROR_BAD_CRS,             /* .prj not WKT, unknown CRS string */
  GA_ERROR_NO_CRS,              /* no CRS and the coordinates are not lon/lat */
  GA_ERROR_BAD_ENCODING,        /* unknown encoding name */
  GA_ERROR_CORRUPT,             /* truncated or damaged file */
  GA_ERROR_EMPTY,               /* empty zip, zero layers, zero features */
  GA_ERROR_BAD_ARGUMENT,        /* bad command-line value */
  GA_ERROR_IO,                  /* could not write output */
} GaError;

GQuark ga_error_quark (void);

G_END_DECLS
