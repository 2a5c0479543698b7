/* ga-reader.c — open any vector file GDAL reads, reproject with PROJ, fill GaLayers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One load runs in one thread and owns everything it touches: its GDAL datasets, its
 * PROJ contexts (inside GaTransform) and its GDAL error handler (CPLPushErrorHandler is
 * per thread).  GDAL's own messages are never shown: each failure is turned into a
 * GA_ERROR with a sentence that names the file.
 *
 * A path is first resolved into sources: a zip (or a folder) is listed and each map file
 * inside becomes a source of its own, so every shapefile gets its own encoding decision
 * and sidecar checks.  Shapefiles are opened once without recoding (ENCODING="") to see
 * the raw DBF bytes; the .cpg, the language byte and those bytes decide the encoding, and
 * the file is reopened with ENCODING=… when GDAL has to recode.
 */
#define G_LOG_DOMAIN "ga-reader"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "ga-crs.h"
#include "ga-encoding.h"
#include "ga-error.h"
#include "ga-feature-pipe.h"
#include "ga-gdal-private.h"
#include "ga-gtfs.h"
#include "ga-memory.h"
#include "ga-reader.h"

#define CANCEL_CHECK_EVERY 2000
#define PROGRESS_EVERY     500
#define SNIFF_MAX_FEATURES 20000
#define PIPE_THREAD_MIN    10000

typedef struct
{
  char     *gdal_path;    /* what GDAL opens: a path, or /vsizip/… */
  char     *display;      /* for messages: "roads.shp" or "data.zip/roads.shp" */
  char     *member;       /* path inside a zip or folder; NULL for a plain file */
  gboolean  is_shapefile;
} Source;

typedef struct
{
  const char            *path;
  char                  *display;
  const GaReaderOptions *options;
  char                  *option_encoding;
  GCancellable          *cancellable;
  GaProgressFunc         progress;
  gpointer               progress_data;
  double                 span_start;
  double                 span_size;
  double                 last_reported;
  GPtrArray             *layers;
  guint                  n_no_geometry_layers;
  guint                  n_dropped;
  char                  *dropped_crs;
} Load;

static const char * const data_extensions[] = {
  "shp", "gpkg", "geojson", "json", "kml", "kmz", "gpx", "csv", "fgb",
};

static const char * const shapefile_parts[] = {
  "shp", "shx", "dbf", "prj", "cpg", "qpj", "sbn", "sbx",
};

static const char * const patterns[] = {
  "*.shp", "*.zip", "*.gpkg", "*.geojson", "*.json", "*.kml", "*.kmz", "*.gpx", "*.csv",
  "*.fgb", NULL,
};

static void
source_free (Source *source)
{
  g_free (source->gdal_path);
  g_free (source->display);
  g_free (source->member);
  g_free (source);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Source, source_free)

static void
ensure_gdal (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      GDALAllRegister ();
      g_once_init_leave (&once, 1);
    }
}

/* ---- paths ---- */

static char *
lower_extension (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  const char *dot = strrchr (base, '.');

  return dot ? g_ascii_strdown (dot + 1, -1) : g_strdup ("");
}

static gboolean
in_list (const char *ext, const char * const *list, gsize n)
{
  for (gsize i = 0; i < n; i++)
    if (g_str_equal (ext, list[i]))
      return TRUE;
  return FALSE;
}

/* path without its extension ("a/b.SHP" → "a/b") */
static char *
strip_extension (const char *path)
{
  const char *slash = strrchr (path, '/');
  const char *dot = strrchr (path, '.');

  if (dot == NULL || (slash != NULL && dot < slash))
    return g_strdup (path);
  return g_strndup (path, dot - path);
}

static gboolean
vsi_exists (const char *path)
{
  /* VSIStatL's buffer type needs _LARGEFILE64_SOURCE; opening works everywhere. */
  VSILFILE *fp = VSIFOpenL (path, "rb");

  if (fp == NULL)
    return FALSE;
  VSIFCloseL (fp);
  return TRUE;
}

/* The sidecar @ext of @stem in lower or upper case, or NULL. */
static char *
find_sidecar (const char *stem, const char *ext)
{
  g_autofree char *lower = g_strconcat (stem, ".", ext, NULL);
  g_autofree char *upper_ext = g_ascii_strup (ext, -1);
  g_autofree char *upper = g_strconcat (stem, ".", upper_ext, NULL);

  if (vsi_exists (lower))
    return g_steal_pointer (&lower);
  if (vsi_exists (upper))
    return g_steal_pointer (&upper);
  return NULL;
}

static char *
basename_of (const char *path)
{
  return g_path_get_basename (path);
}

/* ---- progress ---- */

static void
report (Load *load, double fraction)
{
  double overall;

  if (load->progress == NULL)
    return;

  overall = load->span_start + load->span_size * CLAMP (fraction, 0.0, 1.0);
  if (overall - load->last_reported >= 0.01 || (overall >= 1.0 && load->last_reported < 1.0))
    {
      load->last_reported = overall;
      load->progress (overall, load->progress_data);
    }
}

static gboolean
check_cancelled (Load *load, GError **error)
{
  return g_cancellable_set_error_if_cancelled (load->cancellable, error);
}

/* ---- CRS ---- */

static gboolean
extent_is_lonlat (const OGREnvelope *env)
{
  return env->MinX >= -180.0 && env->MaxX <= 180.0 && env->MinY >= -90.0 && env->MaxY <= 90.0 &&
         env->MinX <= env->MaxX && env->MinY <= env->MaxY;
}

/* A definition PROJ understands for an OGR SRS: AUTH:CODE when it has one, else WKT2. */
static char *
srs_definition (OGRSpatialReferenceH srs)
{
  const char *target = OSRIsProjected (srs) ? "PROJCS" : OSRIsGeographic (srs) ? "GEOGCS" : NULL;
  const char *auth = OSRGetAuthorityName (srs, target);
  const char *code = OSRGetAuthorityCode (srs, target);
  const char * const wkt_options[] = { "FORMAT=WKT2_2019", NULL };
  g_auto (GaCplString) wkt = NULL;

  if (auth != NULL && code != NULL && g_ascii_strcasecmp (auth, "EPSG") == 0)
    return g_strdup_printf ("EPSG:%s", code);

  if (OSRExportToWktEx (srs, &wkt, wkt_options) != OGRERR_NONE || wkt == NULL)
    {
      g_clear_pointer (&wkt, CPLFree);
      if (OSRExportToWkt (srs, &wkt) != OGRERR_NONE || wkt == NULL)
        return NULL;
    }
  return g_strdup (wkt);
}

/* ---- one OGR layer → one GaLayer ---- */

typedef struct
{
  const Source *source;
  const char   *encoding;       /* NULL: format is UTF-8 */
  GaEncodingOrigin origin;
  const char   *prj_path;       /* shapefile .prj that exists, or NULL */
  double        span_start;     /* of this layer within the source, 0…1 */
  double        span_size;
  guint         coords_hint;    /* coordinate pairs the file can hold at most, or 0 */
} LayerJob;


/* Tells OGR to read no attribute value of @layer (only its geometry). */
static void
ignore_fields (OGRLayerH layer)
{
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn (layer);
  g_autoptr (GPtrArray) names = g_ptr_array_new ();

  for (int i = 0; i < OGR_FD_GetFieldCount (defn); i++)
    g_ptr_array_add (names, (gpointer) OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, i)));
  g_ptr_array_add (names, (gpointer) "OGR_STYLE");
  g_ptr_array_add (names, NULL);
  OGR_L_SetIgnoredFields (layer, (const char **) names->pdata);
}

static GaLayer *
read_layer (Load      *load,
            OGRLayerH  ogr_layer,
            LayerJob  *job,
            GError   **error)
{
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn (ogr_layer);
  OGRSpatialReferenceH srs = OGR_L_GetSpatialRef (ogr_layer);
  gboolean geometry_only = load->options != NULL && load->options->geometry_only;
  int n_fields = geometry_only ? 0 : OGR_FD_GetFieldCount (defn);
  const char *layer_name = OGR_L_GetName (ogr_layer);
  g_autoptr (GaLayer) layer = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree OGRFieldType *field_types = NULL;
  g_autofree GaFieldType *layer_types = NULL;
  GaFeaturePipe *pipe;
  g_autoptr (GaTransform) to_lonlat = NULL;
  g_autoptr (GaTransform) to_merc = NULL;
  g_autofree char *definition = NULL;
  g_autofree char *crs_name = NULL;
  gboolean assumed = FALSE;
  gboolean mislabelled = FALSE;
  gboolean crs_from_option = FALSE;
  gboolean fix_text = job->encoding == NULL;
  GaEncodingSniffer fixes;
  GIntBig total;
  guint64 n_read = 0;
  guint dropped;
  GaExtent lonlat;
  OGRFeatureH feature;

  if (OGR_FD_GetGeomFieldCount (defn) == 0)
    {
      load->n_no_geometry_layers++;
      return NULL;
    }

  ga_encoding_sniffer_init (&fixes);

  /* An engineering CRS ("Undefined SRS" of GeoPackage) says nothing about the Earth */
  if (srs != NULL && OSRIsLocal (srs))
    srs = NULL;

  /* GeoJSON is always "WGS 84", even when a tool wrote UTM metres into it */
  if (srs != NULL && OSRIsGeographic (srs))
    {
      OGREnvelope env;

      if (OGR_L_GetExtent (ogr_layer, &env, TRUE) == OGRERR_NONE && !extent_is_lonlat (&env))
        {
          if (load->options == NULL || load->options->crs == NULL || *load->options->crs == '\0')
            {
              g_set_error (error, GA_ERROR, GA_ERROR_NO_CRS,
                           _("“%s” says its coordinates are longitude/latitude, but they are "
                             "not."),
                           job->source->display);
              return NULL;
            }
          srs = NULL;
          mislabelled = TRUE;
        }
    }

  /* Coordinate system */
  if (srs != NULL)
    definition = srs_definition (srs);
  else if (job->prj_path != NULL && !mislabelled)
    {
      g_autofree char *prj = basename_of (job->prj_path);

      g_set_error (error, GA_ERROR, GA_ERROR_BAD_CRS,
                   _("The coordinate system file “%s” of “%s” is not valid (it does not "
                     "contain WKT text). Replace it with the right .prj file, or delete it "
                     "and choose the coordinate system."),
                   prj, job->source->display);
      return NULL;
    }
  else if (load->options != NULL && load->options->crs != NULL && *load->options->crs != '\0')
    {
      definition = g_strdup (load->options->crs);
      crs_from_option = TRUE;
    }
  else
    {
      OGREnvelope env;

      if (OGR_L_GetExtent (ogr_layer, &env, TRUE) == OGRERR_NONE && !extent_is_lonlat (&env))
        {
          g_set_error (error, GA_ERROR, GA_ERROR_NO_CRS,
                       _("“%s” has no coordinate system (.prj) and its coordinates are not "
                         "longitude/latitude."),
                       job->source->display);
          return NULL;
        }
      definition = g_strdup ("EPSG:4326");
      assumed = TRUE;
    }

  if (definition != NULL)
    {
      g_autoptr (GError) local = NULL;

      to_lonlat = ga_transform_new (definition, "EPSG:4326", &local);
      if (to_lonlat == NULL)
        {
          g_set_error (error, GA_ERROR, GA_ERROR_BAD_CRS,
                       _("The coordinate system of “%s” cannot be used. %s"),
                       job->source->display, local->message);
          return NULL;
        }
    }
  if (to_lonlat == NULL)
    {
      g_set_error (error, GA_ERROR, GA_ERROR_BAD_CRS,
                   _("The coordinate system of “%s” cannot be used."), job->source->display);
      return NULL;
    }
  to_merc = ga_transform_new ("EPSG:4326", "EPSG:3857", error);
  if (to_merc == NULL)
    return NULL;

  crs_name = assumed
    /* Translators: %s is a coordinate system name, e.g. "WGS 84 (EPSG:4326)" */
    ? g_strdup_printf (_("%s, assumed"), ga_transform_get_source_name (to_lonlat))
    : g_strdup (ga_transform_get_source_name (to_lonlat));

  /* Fields */
  for (int i = 0; i < n_fields; i++)
    {
      const char *name = OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, i));
      g_ptr_array_add (names, ga_feature_pipe_text (name, fix_text, &fixes));
    }
  g_ptr_array_add (names, NULL);

  layer = ga_layer_new (layer_name);
  ga_layer_set_fields (layer, (const char * const *) names->pdata);

  /* numbers are kept as numbers (ga_layer_get_value() writes them as OGR would) */
  field_types = g_new (OGRFieldType, MAX (n_fields, 1));
  layer_types = g_new (GaFieldType, MAX (n_fields, 1));
  for (int i = 0; i < n_fields; i++)
    {
      field_types[i] = OGR_Fld_GetType (OGR_FD_GetFieldDefn (defn, i));
      layer_types[i] = field_types[i] == OFTReal ? GA_FIELD_REAL
                       : field_types[i] == OFTInteger || field_types[i] == OFTInteger64
                       ? GA_FIELD_INTEGER : GA_FIELD_TEXT;
    }
  ga_layer_set_field_types (layer, layer_types);

  if (geometry_only)
    ignore_fields (ogr_layer);

  total = OGR_L_GetFeatureCount (ogr_layer, FALSE);
  OGR_L_ResetReading (ogr_layer);
  CPLErrorReset ();

  /* Room for every feature at once (no growing and copying a million-feature layer). */
  if (total > 0 && total < G_MAXINT32 / 8)
    ga_layer_reserve (layer, (guint) total,
                      wkbFlatten (OGR_L_GetGeomType (ogr_layer)) == wkbPoint ? (guint) total
                                                                             : job->coords_hint);

  /* OGR reads on this thread, PROJ and the layer store on a second one (but not for a
   * small layer, where starting a thread costs more than it saves). */
  pipe = ga_feature_pipe_new (layer, to_lonlat, to_merc, (guint) n_fields, field_types,
                              fix_text, &fixes, total < 0 || total > PIPE_THREAD_MIN);
  while ((feature = OGR_L_GetNextFeature (ogr_layer)) != NULL)
    {
      n_read++;
      ga_feature_pipe_push (pipe, feature);
      OGR_F_Destroy (feature);

      if (n_read % CANCEL_CHECK_EVERY == 0 &&
          g_cancellable_is_cancelled (load->cancellable))
        break;
      if (n_read % PROGRESS_EVERY == 0 && total > 0)
        report (load, job->span_start + job->span_size * ((double) n_read / (double) total));
    }
  dropped = ga_feature_pipe_finish (pipe, &lonlat);

  if (check_cancelled (load, error))
    return NULL;

  if (n_read == 0 && CPLGetLastErrorType () >= CE_Failure)
    {
      g_set_error (error, GA_ERROR, GA_ERROR_CORRUPT,
                   _("“%s” is damaged or incomplete: no features could be read from it."),
                   job->source->display);
      return NULL;
    }

  if (dropped > 0)
    g_debug ("%s: %u features dropped (coordinates outside the coordinate system)",
             job->source->display, dropped);
  load->n_dropped += dropped;
  if (load->dropped_crs == NULL && dropped > 0)
    load->dropped_crs = g_strdup (ga_transform_get_source_name (to_lonlat));

  ga_layer_seal (layer);
  if (ga_layer_get_n_features (layer) == 0)
    return NULL;

  ga_layer_set_source (layer, load->path, job->source->member ? job->source->member : layer_name);
  ga_layer_set_crs_name (layer, crs_name);
  if (crs_from_option)
    ga_layer_set_crs_override (layer, load->options->crs);
  if (job->encoding != NULL)
    ga_layer_set_encoding (layer, job->encoding, job->origin);
  else if (fixes.n_high > 0)
    ga_layer_set_encoding (layer, ga_text_kind_to_encoding (ga_encoding_sniffer_get_kind (&fixes)),
                           GA_ENCODING_ORIGIN_DETECTED);
  else
    ga_layer_set_encoding (layer, "UTF-8", GA_ENCODING_ORIGIN_NONE);
  if (lonlat.min_x <= lonlat.max_x)
    ga_layer_set_lonlat_extent (layer, &lonlat);

  report (load, job->span_start + job->span_size);
  return g_steal_pointer (&layer);
}

/* ---- opening ---- */

static GDALDatasetH
open_dataset (const char *gdal_path, const char * const *open_options, gboolean restore_shx)
{
  GDALDatasetH ds;

  if (restore_shx)
    CPLSetThreadLocalConfigOption ("SHAPE_RESTORE_SHX", "YES");
  CPLErrorReset ();
  ds = GDALOpenEx (gdal_path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, open_options, NULL);
  if (restore_shx)
    CPLSetThreadLocalConfigOption ("SHAPE_RESTORE_SHX", NULL);
  return ds;
}

static void
set_open_failure (const Source *source, GError **error)
{
  GDALDriverH driver;

  if (source->is_shapefile)
    {
      g_set_error (error, GA_ERROR, GA_ERROR_CORRUPT,
                   _("“%s” is damaged or is not really a shapefile."), source->display);
      return;
    }

  driver = GDALIdentifyDriverEx (source->gdal_path, GDAL_OF_VECTOR, NULL, NULL);
  if (driver != NULL)
    g_set_error (error, GA_ERROR, GA_ERROR_CORRUPT,
                 _("“%s” could not be read: the file is damaged or incomplete."),
                 source->display);
  else
    g_set_error (error, GA_ERROR, GA_ERROR_UNSUPPORTED,
                 _("“%s” is not a map data file Green Atlas can read."), source->display);
}

/* Copies a shapefile without .shx into /vsimem so GDAL can rebuild the index there,
 * instead of writing into the user's folder (or failing inside a zip). */
static char *
copy_to_vsimem (const char *stem, const char *shp_path, char **out_dir)
{
  static gint counter = 0;
  g_autofree char *dir = g_strdup_printf ("/vsimem/green-atlas-%p-%d", (void *) g_thread_self (),
                                          g_atomic_int_add (&counter, 1));
  g_autofree char *name = basename_of (stem);
  const char * const exts[] = { "dbf", "prj", "cpg" };

  VSIMkdir (dir, 0755);
  for (int i = -1; i < (int) G_N_ELEMENTS (exts); i++)
    {
      g_autofree char *src = i < 0 ? g_strdup (shp_path) : find_sidecar (stem, exts[i]);
      g_autofree char *dst = NULL;
      GByte *data = NULL;
      vsi_l_offset size = 0;

      if (src == NULL)
        continue;
      dst = g_strdup_printf ("%s/%s.%s", dir, name, i < 0 ? "shp" : exts[i]);
      if (!VSIIngestFile (NULL, src, &data, &size, -1))
        continue;
      VSIFCloseL (VSIFileFromMemBuffer (dst, data, size, TRUE));
    }

  *out_dir = g_steal_pointer (&dir);
  return g_strdup_printf ("%s/%s.shp", *out_dir, name);
}

static void
sniff_layer (Load *load, OGRLayerH layer, GaEncodingSniffer *sniffer)
{
  const char *ignored[] = { "OGR_GEOMETRY", "OGR_STYLE", NULL };
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn (layer);
  int n_fields = OGR_FD_GetFieldCount (defn);
  g_autofree gboolean *is_text = g_new0 (gboolean, MAX (n_fields, 1));
  OGRFeatureH feature;
  int n = 0;

  for (int i = 0; i < n_fields; i++)
    {
      OGRFieldDefnH fd = OGR_FD_GetFieldDefn (defn, i);

      ga_encoding_sniffer_feed (sniffer, OGR_Fld_GetNameRef (fd), -1);
      is_text[i] = OGR_Fld_GetType (fd) == OFTString;
    }

  OGR_L_SetIgnoredFields (layer, ignored);
  OGR_L_ResetReading (layer);
  while (n < SNIFF_MAX_FEATURES && (feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      g_auto (OGRFeatureH) f = feature;

      if (++n % CANCEL_CHECK_EVERY == 0 && g_cancellable_is_cancelled (load->cancellable))
        break;
      for (int i = 0; i < n_fields; i++)
        if (is_text[i] && OGR_F_IsFieldSetAndNotNull (f, i))
          ga_encoding_sniffer_feed (sniffer, OGR_F_GetFieldAsString (f, i), -1);
    }
  OGR_L_SetIgnoredFields (layer, NULL);
  OGR_L_ResetReading (layer);
}

/* Decides the encoding of a shapefile's DBF; returns the iconv name. */
static char *
decide_encoding (Load             *load,
                 OGRLayerH         layer,
                 GaEncodingOrigin *origin)
{
  const char *cpg = GDALGetMetadataItem ((GDALMajorObjectH) layer, "ENCODING_FROM_CPG", "SHAPEFILE");
  const char *ldid = GDALGetMetadataItem ((GDALMajorObjectH) layer, "ENCODING_FROM_LDID", "SHAPEFILE");
  g_autofree char *cpg_enc = ga_encoding_normalize (cpg);
  g_autofree char *ldid_enc = ga_encoding_normalize (ldid);
  GaEncodingSniffer sniffer;
  GaTextKind kind;
  gboolean clearly_utf8;

  if (load->option_encoding != NULL)
    {
      *origin = GA_ENCODING_ORIGIN_OPTION;
      return g_strdup (load->option_encoding);
    }

  ga_encoding_sniffer_init (&sniffer);
  sniff_layer (load, layer, &sniffer);
  kind = ga_encoding_sniffer_get_kind (&sniffer);
  /* Enough multi-byte characters that single-byte text would hardly be valid UTF-8 */
  clearly_utf8 = kind == GA_TEXT_UTF8 && sniffer.n_utf8_multi >= 4;

  if (cpg_enc != NULL)
    {
      gboolean says_utf8 = g_str_equal (cpg_enc, "UTF-8");

      if (says_utf8 && (kind == GA_TEXT_THAI || kind == GA_TEXT_LATIN1))
        {
          /* A wrong .cpg: it says UTF-8 over bytes that are not */
          *origin = GA_ENCODING_ORIGIN_DETECTED;
          return g_strdup (ga_text_kind_to_encoding (kind));
        }
      if (!says_utf8 && clearly_utf8)
        {
          *origin = GA_ENCODING_ORIGIN_DETECTED;
          return g_strdup ("UTF-8");
        }
      *origin = GA_ENCODING_ORIGIN_CPG;
      return g_steal_pointer (&cpg_enc);
    }

  if (ldid_enc != NULL)
    {
      /* LDID 0x57 ("ANSI", which GDAL reads as ISO-8859-1) only says "the Windows code
       * page of the machine that wrote it": Thai Windows writes it over CP874. */
      gboolean generic = g_str_equal (ldid_enc, "ISO-8859-1");

      if (clearly_utf8 || (generic && kind != GA_TEXT_LATIN1 && kind != GA_TEXT_ASCII))
        {
          *origin = GA_ENCODING_ORIGIN_DETECTED;
          return g_strdup (ga_text_kind_to_encoding (kind));
        }
      *origin = GA_ENCODING_ORIGIN_LDID;
      return g_steal_pointer (&ldid_enc);
    }

  /* Plain ASCII reads the same in every encoding: there is nothing to tell the user. */
  *origin = kind == GA_TEXT_ASCII ? GA_ENCODING_ORIGIN_ASCII : GA_ENCODING_ORIGIN_DETECTED;
  return g_strdup (ga_text_kind_to_encoding (kind));
}

static void
gdal_dataset_close (GDALDatasetH ds)
{
  if (ds != NULL)
    GDALClose (ds);
}

/* A .shp starts with the file code 9994 (big-endian) and is at least 100 bytes long. */
static gboolean
shp_header_ok (const char *path)
{
  guchar header[4] = { 0 };
  VSILFILE *fp = VSIFOpenL (path, "rb");
  gboolean ok;

  if (fp == NULL)
    return FALSE;
  ok = VSIFReadL (header, 1, 4, fp) == 4 &&
       header[0] == 0 && header[1] == 0 && header[2] == 0x27 && header[3] == 0x0A;
  VSIFCloseL (fp);
  return ok;
}

/* How many coordinate pairs a .shp of lines or polygons holds at most: its size over the
 * smallest size of a point (16 bytes; 24 with a measure or a height), so that the layer's
 * coordinates are allocated once instead of grown and copied. */
static guint
shp_coords_hint (const char *path,
                 OGRLayerH   layer)
{
  OGRwkbGeometryType type = OGR_L_GetGeomType (layer);
  VSILFILE *fp;
  vsi_l_offset size = 0;
  guint64 n;

  if (wkbFlatten (type) == wkbPoint || (fp = VSIFOpenL (path, "rb")) == NULL)
    return 0;
  if (VSIFSeekL (fp, 0, SEEK_END) == 0)
    size = VSIFTellL (fp);
  VSIFCloseL (fp);
  if (size <= 100)
    return 0;
  n = (guint64) (size - 100) / (wkbHasZ (type) || wkbHasM (type) ? 24 : 16);
  return n < G_MAXINT32 / 8 ? (guint) n : 0;
}

static gboolean
load_shapefile (Load *load, const Source *source, GError **error)
{
  g_autofree char *stem = strip_extension (source->gdal_path);
  g_autofree char *dbf = find_sidecar (stem, "dbf");
  g_autofree char *shx = find_sidecar (stem, "shx");
  g_autofree char *prj = find_sidecar (stem, "prj");
  g_autofree char *vsimem_dir = NULL;
  g_autofree char *open_path = NULL;
  g_autofree char *encoding = NULL;
  g_autoptr (GaLayer) layer = NULL;
  const char * const raw_options[] = { "ENCODING=", NULL };
  GDALDatasetH ds = NULL;
  OGRLayerH ogr_layer;
  GaEncodingOrigin origin = GA_ENCODING_ORIGIN_NONE;
  LayerJob job = { 0 };
  gboolean ok = FALSE;

  if (!shp_header_ok (source->gdal_path))
    {
      g_set_error (error, GA_ERROR, GA_ERROR_CORRUPT,
                   _("“%s” is damaged or is not really a shapefile."), source->display);
      return FALSE;
    }

  if (dbf == NULL)
    {
      g_autofree char *shp_name = basename_of (source->gdal_path);
      g_autofree char *stem_name = basename_of (stem);

      g_set_error (error, GA_ERROR, GA_ERROR_MISSING_SIDECAR,
                   _("“%s” cannot be opened: its attribute table “%s.dbf” is missing. "
                     "Copy it into the same folder as “%s”."),
                   source->display, stem_name, shp_name);
      return FALSE;
    }

  open_path = shx ? g_strdup (source->gdal_path)
                  : copy_to_vsimem (stem, source->gdal_path, &vsimem_dir);

  ds = open_dataset (open_path, raw_options, shx == NULL);
  if (ds == NULL || GDALDatasetGetLayerCount (ds) < 1)
    {
      set_open_failure (source, error);
      goto out;
    }

  ogr_layer = GDALDatasetGetLayer (ds, 0);
  /* without attributes no text is read, and its encoding does not matter */
  if (load->options != NULL && load->options->geometry_only)
    encoding = g_strdup ("UTF-8");
  else
    encoding = decide_encoding (load, ogr_layer, &origin);
  if (check_cancelled (load, error))
    goto out;

  if (!g_str_equal (encoding, "UTF-8"))
    {
      g_autofree char *opt = g_strconcat ("ENCODING=", encoding, NULL);
      const char * const options[] = { opt, NULL };

      gdal_dataset_close (ds);
      ds = open_dataset (open_path, options, FALSE);
      if (ds == NULL || GDALDatasetGetLayerCount (ds) < 1)
        {
          set_open_failure (source, error);
          goto out;
        }
      ogr_layer = GDALDatasetGetLayer (ds, 0);
    }

  job.source = source;
  job.encoding = encoding;
  job.origin = origin;
  job.prj_path = prj;
  job.span_start = 0.0;
  job.span_size = 1.0;
  job.coords_hint = shp_coords_hint (open_path, ogr_layer);
  layer = read_layer (load, ogr_layer, &job, error);
  if (layer != NULL)
    g_ptr_array_add (load->layers, g_steal_pointer (&layer));
  ok = error == NULL || *error == NULL;

out:
  gdal_dataset_close (ds);
  if (vsimem_dir != NULL)
    VSIRmdirRecursive (vsimem_dir);
  return ok;
}

static gboolean
skip_gpx_layer (GDALDatasetH ds, OGRLayerH layer)
{
  const char *name = OGR_L_GetName (layer);
  const char *parent = NULL;
  OGRLayerH parent_layer;

  /* route_points and track_points repeat the vertices of routes and tracks */
  if (g_str_equal (name, "route_points"))
    parent = "routes";
  else if (g_str_equal (name, "track_points"))
    parent = "tracks";
  if (parent == NULL)
    return FALSE;

  parent_layer = GDALDatasetGetLayerByName (ds, parent);
  return parent_layer != NULL && OGR_L_GetFeatureCount (parent_layer, TRUE) > 0;
}

static gboolean
load_generic (Load *load, const Source *source, GError **error)
{
  g_autofree char *ext = lower_extension (source->gdal_path);
  const char * const csv_options[] = {
    "X_POSSIBLE_NAMES=lon*,lng,long*,x,easting",
    "Y_POSSIBLE_NAMES=lat*,y,northing",
    "GEOM_POSSIBLE_NAMES=wkt,geom*,the_geom,shape",
    "KEEP_GEOM_COLUMNS=NO",
    NULL,
  };
  gboolean is_csv = g_str_equal (ext, "csv") || g_str_equal (ext, "tsv");
  g_auto (GDALDatasetH) ds = NULL;
  const char *driver;
  int n_layers;
  g_autofree double *weights = NULL;
  double sum = 0.0, start = 0.0;

  ds = open_dataset (source->gdal_path, is_csv ? csv_options : NULL, FALSE);
  if (ds == NULL)
    {
      set_open_failure (source, error);
      return FALSE;
    }

  driver = GDALGetDriverShortName (GDALGetDatasetDriver (ds));
  n_layers = GDALDatasetGetLayerCount (ds);
  weights = g_new0 (double, MAX (n_layers, 1));
  for (int i = 0; i < n_layers; i++)
    {
      GIntBig count = OGR_L_GetFeatureCount (GDALDatasetGetLayer (ds, i), FALSE);
      weights[i] = count >= 0 ? (double) count + 1.0 : 1.0;
      sum += weights[i];
    }

  for (int i = 0; i < n_layers; i++)
    {
      OGRLayerH ogr_layer = GDALDatasetGetLayer (ds, i);
      g_autoptr (GaLayer) layer = NULL;
      LayerJob job = { 0 };

      job.source = source;
      job.span_start = start;
      job.span_size = weights[i] / sum;
      start += job.span_size;

      if (g_str_equal (driver, "GPX") && skip_gpx_layer (ds, ogr_layer))
        continue;

      layer = read_layer (load, ogr_layer, &job, error);
      if (layer == NULL && error != NULL && *error != NULL)
        return FALSE;
      if (layer != NULL)
        g_ptr_array_add (load->layers, g_steal_pointer (&layer));
    }

  return TRUE;
}

/* ---- resolving a path into sources ---- */

static Source *
source_new (const char *gdal_path, const char *display, const char *member, gboolean is_shapefile)
{
  Source *source = g_new0 (Source, 1);

  source->gdal_path = g_strdup (gdal_path);
  source->display = g_strdup (display);
  source->member = g_strdup (member);
  source->is_shapefile = is_shapefile;
  return source;
}

static gboolean
looks_like_zip (const char *path)
{
  guchar magic[4] = { 0 };
  FILE *fp = fopen (path, "rb");
  gsize n;

  if (fp == NULL)
    return FALSE;
  n = fread (magic, 1, 4, fp);
  fclose (fp);
  return n == 4 && magic[0] == 'P' && magic[1] == 'K' &&
         (magic[2] == 3 || magic[2] == 5 || magic[2] == 7);
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
list_container (Load        *load,
                const char  *root,
                GPtrArray   *sources,
                GError     **error)
{
  g_auto (GaCplStringList) entries = VSIReadDirRecursive (root);
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  g_autofree char *orphan = NULL;

  for (int i = 0; entries != NULL && entries[i] != NULL; i++)
    g_ptr_array_add (names, entries[i]);
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      const char *member = names->pdata[i];
      g_autofree char *base = basename_of (member);
      g_autofree char *ext = lower_extension (member);
      g_autofree char *full = NULL;
      g_autofree char *display = NULL;

      if (strstr (member, "__MACOSX") != NULL || base[0] == '.')
        continue;

      full = g_strconcat (root, "/", member, NULL);
      if (g_str_equal (ext, "dbf") || g_str_equal (ext, "shx"))
        {
          g_autofree char *stem = strip_extension (full);
          g_autofree char *shp = find_sidecar (stem, "shp");

          if (shp == NULL && orphan == NULL)
            {
              g_autofree char *stem_member = strip_extension (member);
              orphan = g_strconcat (stem_member, ".shp", NULL);
            }
          continue;
        }
      if (!in_list (ext, data_extensions, G_N_ELEMENTS (data_extensions)))
        continue;

      display = g_strdup_printf ("%s/%s", load->display, member);
      g_ptr_array_add (sources, source_new (full, display, member, g_str_equal (ext, "shp")));
    }

  if (sources->len == 0 && orphan != NULL)
    {
      g_set_error (error, GA_ERROR, GA_ERROR_MISSING_SIDECAR,
                   _("“%s” holds only part of a shapefile: “%s” is missing."),
                   load->display, orphan);
      return FALSE;
    }
  if (sources->len == 0)
    {
      g_set_error (error, GA_ERROR, GA_ERROR_EMPTY,
                   _("“%s” contains no map data (no shapefile, GeoPackage, GeoJSON, KML, GPX, "
                     "CSV or FlatGeobuf file)."),
                   load->display);
      return FALSE;
    }
  return TRUE;
}

static gboolean
resolve_sources (Load *load, GPtrArray *sources, GError **error)
{
  const char *path = load->path;
  g_autofree char *ext = lower_extension (path);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return list_container (load, path, sources, error);

  if (g_str_equal (ext, "zip"))
    {
      g_autofree char *root = NULL;

      if (!looks_like_zip (path))
        {
          g_set_error (error, GA_ERROR, GA_ERROR_CORRUPT,
                       _("“%s” is not a valid zip archive. It may be damaged, or be another "
                         "kind of file renamed to .zip."),
                       load->display);
          return FALSE;
        }
      root = g_strconcat ("/vsizip/", path, NULL);
      return list_container (load, root, sources, error);
    }

  if (in_list (ext, shapefile_parts, G_N_ELEMENTS (shapefile_parts)))
    {
      g_autofree char *stem = strip_extension (path);
      g_autofree char *shp = find_sidecar (stem, "shp");

      if (shp == NULL)
        {
          g_autofree char *stem_name = basename_of (stem);

          g_set_error (error, GA_ERROR, GA_ERROR_MISSING_SIDECAR,
                       _("“%s” is only part of a shapefile: its geometry file “%s.shp” is "
                         "missing. Copy it into the same folder."),
                       load->display, stem_name);
          return FALSE;
        }
      g_ptr_array_add (sources, source_new (shp, load->display, NULL, TRUE));
      if (!g_str_equal (ext, "shp"))
        {
          g_autofree char *shp_name = basename_of (shp);
          g_free (((Source *) sources->pdata[0])->display);
          ((Source *) sources->pdata[0])->display = g_steal_pointer (&shp_name);
        }
      return TRUE;
    }

  g_ptr_array_add (sources, source_new (path, load->display, NULL, FALSE));
  return TRUE;
}

static GPtrArray *
load_all (Load *load, GError **error)
{
  g_autoptr (GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) source_free);
  g_autoptr (GError) first_error = NULL;
  gboolean is_csv = FALSE;

  if (load->options != NULL && load->options->encoding != NULL && *load->options->encoding != '\0')
    {
      load->option_encoding = ga_encoding_normalize (load->options->encoding);
      if (load->option_encoding == NULL)
        {
          g_set_error (error, GA_ERROR, GA_ERROR_BAD_ENCODING,
                       _("Cannot read “%s” with the text encoding “%s”: Green Atlas does not "
                         "know it. Try CP874 (Thai), UTF-8 or ISO-8859-1."),
                       load->display, load->options->encoding);
          return NULL;
        }
    }

  if (load->options != NULL && load->options->crs != NULL && *load->options->crs != '\0')
    {
      g_autoptr (GError) local = NULL;
      g_autofree char *name = ga_crs_describe (load->options->crs, &local);

      if (name == NULL)
        {
          g_set_error (error, GA_ERROR, GA_ERROR_BAD_CRS,
                       _("Cannot read “%s” in the coordinate system “%s”: Green Atlas does not "
                         "know it. Use a code such as EPSG:32647."),
                       load->display, load->options->crs);
          return NULL;
        }
    }

  if (!g_file_test (load->path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, GA_ERROR, GA_ERROR_NOT_FOUND,
                   _("“%s” does not exist. It may have been moved, renamed or deleted."),
                   load->display);
      return NULL;
    }

  if (g_file_test (load->path, G_FILE_TEST_IS_REGULAR))
    {
      GStatBuf st;

      if (g_stat (load->path, &st) == 0 && st.st_size == 0)
        {
          g_set_error (error, GA_ERROR, GA_ERROR_EMPTY,
                       _("“%s” is empty (0 bytes)."), load->display);
          return NULL;
        }
    }

  if (!resolve_sources (load, sources, error))
    return NULL;

  for (guint i = 0; i < sources->len; i++)
    {
      const Source *source = sources->pdata[i];
      g_autoptr (GError) local = NULL;
      g_autofree char *ext = lower_extension (source->gdal_path);
      gboolean ok;

      if (check_cancelled (load, error))
        return NULL;

      is_csv = is_csv || g_str_equal (ext, "csv") || g_str_equal (ext, "tsv");
      load->span_start = (double) i / sources->len;
      load->span_size = 1.0 / sources->len;

      ok = source->is_shapefile ? load_shapefile (load, source, &local)
                                : load_generic (load, source, &local);
      if (!ok)
        {
          if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return NULL;
            }
          if (sources->len > 1)
            g_debug ("%s: %s", source->display, local ? local->message : "failed");
          if (first_error == NULL)
            first_error = g_steal_pointer (&local);
        }
    }

  if (load->layers->len == 0)
    {
      if (first_error != NULL)
        g_propagate_error (error, g_steal_pointer (&first_error));
      else if (load->n_dropped > 0)
        g_set_error (error, GA_ERROR, GA_ERROR_EMPTY,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "“%s” has no features with usable coordinates: %u feature "
                                  "could not be converted from its coordinate system “%s”.",
                                  "“%s” has no features with usable coordinates: %u features "
                                  "could not be converted from its coordinate system “%s”.",
                                  load->n_dropped),
                     load->display, load->n_dropped, load->dropped_crs);
      else if (is_csv && load->n_no_geometry_layers > 0)
        g_set_error (error, GA_ERROR, GA_ERROR_EMPTY,
                     _("“%s” has no features with a location. A CSV file needs longitude and "
                       "latitude columns (lon, lat) or a WKT geometry column."),
                     load->display);
      else
        g_set_error (error, GA_ERROR, GA_ERROR_EMPTY, _("“%s” has no features."), load->display);
      return NULL;
    }

  if (load->progress != NULL && load->last_reported < 1.0)
    load->progress (1.0, load->progress_data);

  return g_ptr_array_ref (load->layers);
}

GPtrArray *
ga_reader_load (const char             *path,
                const GaReaderOptions  *options,
                GCancellable           *cancellable,
                GaProgressFunc          progress,
                gpointer                progress_data,
                GError                **error)
{
  Load load = { 0 };
  GPtrArray *result;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ensure_gdal ();
  CPLPushErrorHandler (CPLQuietErrorHandler);

  load.path = path;
  load.display = g_path_get_basename (path);
  load.options = options;
  load.cancellable = cancellable;
  load.progress = progress;
  load.progress_data = progress_data;
  load.layers = g_ptr_array_new_with_free_func (g_object_unref);

  /* GTFS feeds (GDAL 3.6 has no driver for them) become a lines and a stops layer */
  {
    g_autofree char *ext = lower_extension (path);

    if (g_str_equal (ext, "zip") && looks_like_zip (path) && ga_gtfs_is_feed (path))
      result = ga_gtfs_load (path, load.display, cancellable, error);
    else
      result = load_all (&load, error);
  }

  g_ptr_array_unref (load.layers);
  g_free (load.display);
  g_free (load.option_encoding);
  g_free (load.dropped_crs);

  CPLErrorReset ();
  CPLPopErrorHandler ();
  return result;
}

/* ---- several files at once ---- */

typedef struct
{
  const char            *path;
  const GaReaderOptions *options;
  GCancellable          *cancellable;
  GPtrArray             *layers;
  GError                *error;
} LoadSlot;

static void
load_slot (gpointer data,
           gpointer user_data)
{
  LoadSlot *slot = data;

  slot->layers = ga_reader_load (slot->path, slot->options, slot->cancellable, NULL, NULL,
                                 &slot->error);
}

GPtrArray *
ga_reader_load_all (const char * const    *paths,
                    const GaReaderOptions *options,
                    GCancellable          *cancellable,
                    GError               **error)
{
  guint n = g_strv_length ((char **) paths);
  g_autofree LoadSlot *slots = g_new0 (LoadSlot, MAX (n, 1));
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GThreadPool *pool;
  GError *first = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  pool = g_thread_pool_new (load_slot, NULL, (int) MIN (MAX (n, 1), g_get_num_processors ()),
                            FALSE, NULL);
  for (guint i = 0; i < n; i++)
    {
      slots[i].path = paths[i];
      slots[i].options = options;
      slots[i].cancellable = cancellable;
      g_thread_pool_push (pool, &slots[i], NULL);
    }
  g_thread_pool_free (pool, FALSE, TRUE); /* waits for every file */

  for (guint i = 0; i < n; i++)
    {
      if (slots[i].layers == NULL && first == NULL)
        first = g_steal_pointer (&slots[i].error);
      g_clear_error (&slots[i].error);
      if (slots[i].layers != NULL)
        g_ptr_array_add (result, slots[i].layers);
    }
  if (first != NULL)
    {
      g_propagate_error (error, first);
      g_ptr_array_unref (result);
      return NULL;
    }
  return result;
}

/* ---- async ---- */

typedef struct
{
  char            *path;
  GaReaderOptions  options;
  GaProgressFunc   progress;
  gpointer         progress_data;
  GMainContext    *context;
} AsyncData;

typedef struct
{
  GaProgressFunc progress;
  gpointer       progress_data;
  double         fraction;
} ProgressMessage;

static void
async_data_free (AsyncData *data)
{
  g_free (data->path);
  g_free (data->options.crs);
  g_free (data->options.encoding);
  g_main_context_unref (data->context);
  g_free (data);
}

static gboolean
progress_dispatch (gpointer user_data)
{
  ProgressMessage *message = user_data;

  message->progress (message->fraction, message->progress_data);
  return G_SOURCE_REMOVE;
}

/* Worker thread → caller's context.  A source attached to the context (rather than
 * g_main_context_invoke, which runs the function at once in this thread when nobody owns
 * the context) guarantees the callback runs where the caller iterates. */
static void
async_progress (double fraction, gpointer user_data)
{
  AsyncData *data = user_data;
  ProgressMessage *message = g_new (ProgressMessage, 1);
  GSource *source = g_idle_source_new ();

  message->progress = data->progress;
  message->progress_data = data->progress_data;
  message->fraction = fraction;
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, progress_dispatch, message, g_free);
  g_source_set_static_name (source, "[green-atlas] reader progress");
  g_source_attach (source, data->context);
  g_source_unref (source);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  AsyncData *data = task_data;
  GError *error = NULL;
  GPtrArray *layers;

  ga_thread_set_background ();
  layers = ga_reader_load (data->path, &data->options, cancellable,
                           data->progress ? async_progress : NULL, data, &error);
  if (layers == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, layers, (GDestroyNotify) g_ptr_array_unref);
}

void
ga_reader_load_async (const char            *path,
                      const GaReaderOptions *options,
                      GCancellable          *cancellable,
                      GaProgressFunc         progress,
                      gpointer               progress_data,
                      GAsyncReadyCallback    callback,
                      gpointer               user_data)
{
  g_autoptr (GTask) task = NULL;
  AsyncData *data;

  g_return_if_fail (path != NULL);

  data = g_new0 (AsyncData, 1);
  data->path = g_strdup (path);
  if (options != NULL)
    {
      data->options.crs = g_strdup (options->crs);
      data->options.encoding = g_strdup (options->encoding);
    }
  data->progress = progress;
  data->progress_data = progress_data;
  data->context = g_main_context_ref_thread_default ();

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ga_reader_load_async);
  g_task_set_name (task, "[green-atlas] ga_reader_load_async");
  g_task_set_task_data (task, data, (GDestroyNotify) async_data_free);
  g_task_run_in_thread (task, load_thread);
}

GPtrArray *
ga_reader_load_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, ga_reader_load_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char * const *
ga_reader_get_patterns (void)
{
  return patterns;
}
