/* test-reader.c — every format, the encoding cases and every bad input, with fixtures
 * written by GDAL into a temporary folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reference coordinates: the UTM zone 47N point E 666085.55, N 1518062.57 is
 * 100.536°E 13.727°N (checked against Krüger's series in test-crs.c); Web Mercator is
 * x = R·λ, y = R·ln tan(π/4 + φ/2) with R = 6378137 m.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "ga-crs.h"
#include "ga-error.h"
#include "ga-gdal-private.h"
#include "ga-reader.h"

#define R_EARTH 6378137.0
#define DEG     (G_PI / 180.0)

#define UTM_E   666085.55
#define UTM_N   1518062.57
#define UTM_LON 100.536
#define UTM_LAT 13.727

static const char thai_park[] = "สวนลุมพินี";
static char *tmp_dir;

/* ---- helpers ---- */

static double
merc_x (double lon)
{
  return R_EARTH * lon * DEG;
}

static double
merc_y (double lat)
{
  return R_EARTH * log (tan (G_PI / 4.0 + lat * DEG / 2.0));
}

static char *
fixture (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static void
write_text (const char *name, const char *text)
{
  g_autofree char *path = fixture (name);
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static void
remove_fixture (const char *name)
{
  g_autofree char *path = fixture (name);
  g_assert_cmpint (g_unlink (path), ==, 0);
}

typedef struct
{
  const char *wkt;
  const char *name;  /* UTF-8 */
  int         pop;
} Row;

/* Writes @dir/@layer.shp (or any OGR format with @driver_name) with fields name, pop. */
static void
write_vector (const char *driver_name,
              const char *path,
              const char *layer_name,
              int         epsg,
              OGRwkbGeometryType type,
              const char *encoding,
              const Row  *rows,
              guint       n_rows)
{
  GDALDriverH driver = GDALGetDriverByName (driver_name);
  g_auto (OGRSpatialReferenceH) srs = NULL;
  g_autofree char *lco_encoding = encoding ? g_strconcat ("ENCODING=", encoding, NULL) : NULL;
  const char *lco[] = { lco_encoding, NULL };
  GDALDatasetH ds;
  OGRLayerH layer;
  OGRFieldDefnH fd;

  g_assert_nonnull (driver);
  ds = g_file_test (path, G_FILE_TEST_EXISTS) && g_str_equal (driver_name, "GPKG")
    ? GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_UPDATE, NULL, NULL, NULL)
    : GDALCreate (driver, path, 0, 0, 0, GDT_Unknown, NULL);
  g_assert_nonnull (ds);

  if (epsg > 0)
    {
      srs = OSRNewSpatialReference (NULL);
      g_assert_cmpint (OSRImportFromEPSG (srs, epsg), ==, OGRERR_NONE);
    }
  layer = GDALDatasetCreateLayer (ds, layer_name, srs, type, (char **) lco);
  g_assert_nonnull (layer);

  fd = OGR_Fld_Create ("name", OFTString);
  OGR_Fld_SetWidth (fd, 60);
  OGR_L_CreateField (layer, fd, TRUE);
  OGR_Fld_Destroy (fd);
  fd = OGR_Fld_Create ("pop", OFTInteger);
  OGR_L_CreateField (layer, fd, TRUE);
  OGR_Fld_Destroy (fd);

  for (guint i = 0; i < n_rows; i++)
    {
      g_auto (OGRFeatureH) f = OGR_F_Create (OGR_L_GetLayerDefn (layer));
      OGRGeometryH g = NULL;
      char *wkt = (char *) rows[i].wkt;

      if (rows[i].wkt != NULL)
        {
          g_assert_cmpint (OGR_G_CreateFromWkt (&wkt, srs, &g), ==, OGRERR_NONE);
          OGR_F_SetGeometryDirectly (f, g);
        }
      if (rows[i].name != NULL)
        OGR_F_SetFieldString (f, 0, rows[i].name);
      OGR_F_SetFieldInteger (f, 1, rows[i].pop);
      g_assert_cmpint (OGR_L_CreateFeature (layer, f), ==, OGRERR_NONE);
    }

  GDALClose (ds);
}

static void
write_shapefile (const char *name, int epsg, const char *encoding, const Row *rows, guint n)
{
  g_autofree char *file = g_strconcat (name, ".shp", NULL);
  g_autofree char *path = fixture (file);

  write_vector ("ESRI Shapefile", path, name, epsg, wkbUnknown, encoding, rows, n);
}

/* One Lumphini point in UTM 47N, Thai name written in @encoding */
static void
write_park (const char *name, const char *encoding)
{
  g_autofree char *wkt = g_strdup_printf ("POINT (%.2f %.2f)", UTM_E, UTM_N);
  const Row rows[] = { { wkt, thai_park, 1 }, { "POINT (665000 1517000)", "Park 2", 2 } };

  write_shapefile (name, 32647, encoding, rows, G_N_ELEMENTS (rows));
}

static void
patch_byte (const char *name, long offset, guchar value)
{
  g_autofree char *path = fixture (name);
  FILE *fp = fopen (path, "r+b");

  g_assert_nonnull (fp);
  g_assert_cmpint (fseek (fp, offset, SEEK_SET), ==, 0);
  g_assert_cmpint (fputc (value, fp), ==, value);
  fclose (fp);
}

/* Copies fixture files into a zip, each under @prefix */
static void
zip_files (const char *zip_name, const char *prefix, const char * const *names)
{
  g_autofree char *zip_path = fixture (zip_name);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *src = fixture (names[i]);
      g_autofree char *dst = g_strdup_printf ("/vsizip/%s/%s%s", zip_path, prefix, names[i]);
      g_autofree char *contents = NULL;
      gsize length;
      VSILFILE *fp;

      g_assert_true (g_file_get_contents (src, &contents, &length, NULL));
      fp = VSIFOpenL (dst, "wb");
      g_assert_nonnull (fp);
      g_assert_cmpuint (VSIFWriteL (contents, 1, length, fp), ==, length);
      VSIFCloseL (fp);
    }
}

static GPtrArray *
load_ok (const char *name, const GaReaderOptions *options)
{
  g_autofree char *path = fixture (name);
  g_autoptr (GError) error = NULL;
  GPtrArray *layers = ga_reader_load (path, options, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (layers);
  for (guint i = 0; i < layers->len; i++)
    g_assert_cmpstr (ga_layer_get_path (layers->pdata[i]), ==, path);
  return layers;
}

static void
load_fails (const char *name, const GaReaderOptions *options, int code,
            const char *message)
{
  g_autofree char *path = fixture (name);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) layers = ga_reader_load (path, options, NULL, NULL, NULL, &error);

  g_assert_null (layers);
  g_assert_error (error, GA_ERROR, code);
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);
}

static void
assert_park_layer (GaLayer *layer, const char *encoding, GaEncodingOrigin origin)
{
  int name_field = ga_layer_find_field (layer, "name");
  const double *xy;
  guint n;
  GaExtent ll;

  g_assert_cmpuint (ga_layer_get_n_features (layer), ==, 2);
  g_assert_cmpint (ga_layer_get_geom_kind (layer), ==, GA_GEOM_POINT);
  g_assert_cmpint (name_field, >=, 0);
  g_assert_cmpstr (ga_layer_get_value (layer, 0, name_field), ==, thai_park);
  g_assert_cmpstr (ga_layer_get_value (layer, 1, name_field), ==, "Park 2");
  g_assert_cmpstr (ga_layer_get_value (layer, 0, ga_layer_find_field (layer, "pop")), ==, "1");
  g_assert_cmpstr (ga_layer_get_encoding (layer), ==, encoding);
  g_assert_cmpint (ga_layer_get_encoding_origin (layer), ==, origin);
  g_assert_cmpstr (ga_layer_get_crs_name (layer), ==, "WGS 84 / UTM zone 47N (EPSG:32647)");

  g_assert_cmpuint (ga_layer_get_n_parts (layer, 0), ==, 1);
  xy = ga_layer_get_part (layer, 0, 0, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpfloat_with_epsilon (xy[0], merc_x (UTM_LON), 0.03);
  g_assert_cmpfloat_with_epsilon (xy[1], merc_y (UTM_LAT), 0.03);

  ga_layer_get_lonlat_extent (layer, &ll);
  g_assert_cmpfloat_with_epsilon (ll.max_x, UTM_LON, 1e-6);
  g_assert_cmpfloat_with_epsilon (ll.max_y, UTM_LAT, 1e-6);
  g_assert_cmpfloat (ll.min_x, <, ll.max_x);
}

/* ---- shapefiles and encodings ---- */

static void
test_shp_cpg (void)
{
  g_autoptr (GPtrArray) layers = NULL;
  g_autofree char *cpg = NULL;
  g_autofree char *cpg_path = NULL;

  write_park ("cpg874", "CP874");
  cpg_path = fixture ("cpg874.cpg");
  g_assert_true (g_file_get_contents (cpg_path, &cpg, NULL, NULL));
  g_assert_nonnull (strstr (cpg, "874"));

  layers = load_ok ("cpg874.shp", NULL);
  g_assert_cmpuint (layers->len, ==, 1);
  g_assert_cmpstr (ga_layer_get_name (layers->pdata[0]), ==, "cpg874");
  assert_park_layer (layers->pdata[0], "CP874", GA_ENCODING_ORIGIN_CPG);
}

static void
test_shp_cpg_ansi (void)
{
  g_autoptr (GPtrArray) layers = NULL;

  /* "ANSI 874" is what ArcGIS writes; GDAL does not know it */
  write_park ("ansi874", "CP874");
  write_text ("ansi874.cpg", "ANSI 874");
  layers = load_ok ("ansi874.shp", NULL);
  assert_park_layer (layers->pdata[0], "CP874", GA_ENCODING_ORIGIN_CPG);
}

static void
test_shp_detected (void)
{
  g_autoptr (GPtrArray) layers = NULL;

  write_park ("nocpg", "CP874");
  remove_fixture ("nocpg.cpg");
  layers = load_ok ("nocpg.shp", NULL);
  assert_park_layer (layers->pdata[0], "CP874", GA_ENCODING_ORIGIN_DETECTED);
}

static void
test_shp_ldid (void)
{
  g_autoptr (GPtrArray) layers = NULL;
  g_autoptr (GPtrArray) ansi = NULL;

  /* language driver 0x7C = 124 is Thai (CP874) in GDAL's table */
  write_park ("ldid", "CP874");
  remove_fixture ("ldid.cpg");
  patch_byte ("ldid.dbf", 29, 0x7C);
  layers = load_ok ("ldid.shp", NULL);
  assert_park_layer (layers->pdata[0], "CP874", GA_ENCODING_ORIGIN_LDID);

  /* 0x57 is "ANSI", the writer's Windows code page (GDAL reads it as ISO-8859-1);
   * Thai bytes under it are recognised */
  write_park ("ldid57", "CP874");
  remove_fixture ("ldid57.cpg");
  patch_byte ("ldid57.dbf", 29, 0x57);
  ansi = load_ok ("ldid57.shp", NULL);
  assert_park_layer (ansi->pdata[0], "CP874", GA_ENCODING_ORIGIN_DETECTED);
}

static void
test_shp_wrong_cpg (void)
{
  g_autoptr (GPtrArray) layers = NULL;

  write_park ("wrongcpg", "CP874");
  write_text ("wrongcpg.cpg", "UTF-8");
  layers = load_ok ("wrongcpg.shp", NULL);
  assert_park_layer (layers->pdata[0], "CP874", GA_ENCODING_ORIGIN_DETECTED);
}

static void
test_shp_utf8_and_latin1 (void)
{
  const Row cafe[] = { { "POINT (100.5 13.7)", "Café de Paris", 1 } };
  g_autoptr (GPtrArray) utf8 = NULL;
  g_autoptr (GPtrArray) latin1 = NULL;

  write_park ("utf8", "UTF-8");
  utf8 = load_ok ("utf8.shp", NULL);
  assert_park_layer (utf8->pdata[0], "UTF-8", GA_ENCODING_ORIGIN_CPG);

  write_shapefile ("latin1", 4326, "ISO-8859-1", cafe, 1);
  remove_fixture ("latin1.cpg");
  latin1 = load_ok ("latin1.shp", NULL);
  g_assert_cmpstr (ga_layer_get_value (latin1->pdata[0], 0, 0), ==, "Café de Paris");
  g_assert_cmpstr (ga_layer_get_encoding (latin1->pdata[0]), ==, "ISO-8859-1");
  g_assert_cmpint (ga_layer_get_encoding_origin (latin1->pdata[0]), ==,
                   GA_ENCODING_ORIGIN_DETECTED);
}

/* DBF reals come back as written ("11.54"), not as 17 digits of binary noise */
static void
test_shp_real_text (void)
{
  g_autofree char *path = fixture ("reals.shp");
  GDALDriverH driver = GDALGetDriverByName ("ESRI Shapefile");
  g_autoptr (GPtrArray) layers = NULL;
  GDALDatasetH ds;
  OGRLayerH layer;
  OGRFieldDefnH fd;
  const double area[] = { 11.54, 32.91, 0.1 };

  ds = GDALCreate (driver, path, 0, 0, 0, GDT_Unknown, NULL);
  layer = GDALDatasetCreateLayer (ds, "reals", NULL, wkbPoint, NULL);
  fd = OGR_Fld_Create ("area_km2", OFTReal);
  OGR_Fld_SetWidth (fd, 24);
  OGR_Fld_SetPrecision (fd, 15);
  OGR_L_CreateField (layer, fd, TRUE);
  OGR_Fld_Destroy (fd);
  for (guint i = 0; i < G_N_ELEMENTS (area); i++)
    {
      g_auto (OGRFeatureH) f = OGR_F_Create (OGR_L_GetLayerDefn (layer));
      OGRGeometryH g = OGR_G_CreateGeometry (wkbPoint);

      OGR_G_SetPoint_2D (g, 0, 100.5, 13.7);
      OGR_F_SetGeometryDirectly (f, g);
      OGR_F_SetFieldDouble (f, 0, area[i]);
      g_assert_cmpint (OGR_L_CreateFeature (layer, f), ==, OGRERR_NONE);
    }
  GDALClose (ds);

  layers = load_ok ("reals.shp", NULL);
  g_assert_cmpstr (ga_layer_get_value (layers->pdata[0], 0, 0), ==, "11.54");
  g_assert_cmpstr (ga_layer_get_value (layers->pdata[0], 1, 0), ==, "32.91");
  g_assert_cmpstr (ga_layer_get_value (layers->pdata[0], 2, 0), ==, "0.1");
}

static void
test_shp_ascii (void)
{
  const Row plain[] = { { "POINT (100.5 13.7)", "Lumphini Park", 1 } };
  g_autoptr (GPtrArray) layers = NULL;

  /* Undeclared plain ASCII: nothing was guessed, so nothing is reported as detected */
  write_shapefile ("ascii", 4326, "ISO-8859-1", plain, 1);
  remove_fixture ("ascii.cpg");
  layers = load_ok ("ascii.shp", NULL);
  g_assert_cmpstr (ga_layer_get_value (layers->pdata[0], 0, 0), ==, "Lumphini Park");
  g_assert_cmpint (ga_layer_get_encoding_origin (layers->pdata[0]), ==,
                   GA_ENCODING_ORIGIN_ASCII);
}

static void
test_encoding_option (void)
{
  GaReaderOptions latin1 = { NULL, (char *) "ISO-8859-1" };
  GaReaderOptions thai = { NULL, (char *) "tis-620" };
  GaReaderOptions bogus = { NULL, (char *) "KLINGON-8" };
  g_autoptr (GPtrArray) wrong = NULL;
  g_autoptr (GPtrArray) right = NULL;
  const char *value;

  write_park ("option", "CP874");
  remove_fixture ("option.cpg");

  /* the user's choice wins, even when it gives mojibake; the text is still valid UTF-8 */
  wrong = load_ok ("option.shp", &latin1);
  value = ga_layer_get_value (wrong->pdata[0], 0, 0);
  g_assert_true (g_utf8_validate (value, -1, NULL));
  g_assert_cmpstr (value, !=, thai_park);
  g_assert_cmpstr (ga_layer_get_encoding (wrong->pdata[0]), ==, "ISO-8859-1");
  g_assert_cmpint (ga_layer_get_encoding_origin (wrong->pdata[0]), ==, GA_ENCODING_ORIGIN_OPTION);

  right = load_ok ("option.shp", &thai);
  assert_park_layer (right->pdata[0], "CP874", GA_ENCODING_ORIGIN_OPTION);

  load_fails ("option.shp", &bogus, GA_ERROR_BAD_ENCODING,
              "Cannot read “option.shp” with the text encoding “KLINGON-8”: Green Atlas does "
              "not know it. Try CP874 (Thai), UTF-8 or ISO-8859-1.");
}

static void
test_shp_missing_shx (void)
{
  g_autoptr (GPtrArray) layers = NULL;
  g_autofree char *shx = fixture ("noshx.shx");

  write_park ("noshx", "CP874");
  remove_fixture ("noshx.shx");
  layers = load_ok ("noshx.shp", NULL);
  assert_park_layer (layers->pdata[0], "CP874", GA_ENCODING_ORIGIN_CPG);
  /* the index is rebuilt in memory, never written next to the user's file */
  g_assert_false (g_file_test (shx, G_FILE_TEST_EXISTS));
}

static void
test_shp_open_sidecar (void)
{
  g_autoptr (GPtrArray) layers = NULL;

  /* dropping the .dbf of a complete shapefile opens the shapefile */
  write_park ("bydbf", "CP874");
  layers = load_ok ("bydbf.dbf", NULL);
  assert_park_layer (layers->pdata[0], "CP874", GA_ENCODING_ORIGIN_CPG);
}

/* ---- zips ---- */

static void
test_zip (void)
{
  const char * const files[] = { "zpark.shp", "zpark.shx", "zpark.dbf", "zpark.prj", "zpark.cpg", NULL };
  const char * const no_shx[] = { "zpark.shp", "zpark.dbf", "zpark.prj", "zpark.cpg", NULL };
  g_autoptr (GPtrArray) flat = NULL;
  g_autoptr (GPtrArray) sub = NULL;
  g_autoptr (GPtrArray) noshx = NULL;

  write_park ("zpark", "CP874");
  zip_files ("flat.zip", "", files);
  zip_files ("sub.zip", "export/data/", files);
  zip_files ("zipnoshx.zip", "a/", no_shx);

  flat = load_ok ("flat.zip", NULL);
  g_assert_cmpuint (flat->len, ==, 1);
  assert_park_layer (flat->pdata[0], "CP874", GA_ENCODING_ORIGIN_CPG);

  sub = load_ok ("sub.zip", NULL);
  g_assert_cmpuint (sub->len, ==, 1);
  assert_park_layer (sub->pdata[0], "CP874", GA_ENCODING_ORIGIN_CPG);
  g_assert_cmpstr (ga_layer_get_source_layer (sub->pdata[0]), ==, "export/data/zpark.shp");

  noshx = load_ok ("zipnoshx.zip", NULL);
  assert_park_layer (noshx->pdata[0], "CP874", GA_ENCODING_ORIGIN_CPG);
}

static void
test_zip_two_shapefiles (void)
{
  const Row lines[] = { { "LINESTRING (665000 1517000, 666000 1518000)", "Road", 0 } };
  const char * const files[] = { "zpark2.shp", "zpark2.shx", "zpark2.dbf", "zpark2.prj", "zpark2.cpg",
                                 "zroads.shp", "zroads.shx", "zroads.dbf", "zroads.prj", NULL };
  g_autoptr (GPtrArray) layers = NULL;

  write_park ("zpark2", "CP874");
  write_shapefile ("zroads", 32647, "UTF-8", lines, 1);
  zip_files ("two.zip", "", files);

  layers = load_ok ("two.zip", NULL);
  g_assert_cmpuint (layers->len, ==, 2);
  assert_park_layer (layers->pdata[0], "CP874", GA_ENCODING_ORIGIN_CPG);
  g_assert_cmpstr (ga_layer_get_name (layers->pdata[1]), ==, "zroads");
  g_assert_cmpint (ga_layer_get_geom_kind (layers->pdata[1]), ==, GA_GEOM_LINE);
}

static void
test_zip_bad (void)
{
  const char * const readme[] = { "readme.txt", NULL };
  const char * const dbf_only[] = { "zonly.dbf", NULL };
  /* an empty archive is just the 22-byte end-of-central-directory record */
  static const char empty_zip[22] = "PK\x05\x06";
  g_autofree char *empty_path = fixture ("empty.zip");

  write_text ("readme.txt", "nothing to see\n");
  zip_files ("textonly.zip", "", readme);
  load_fails ("textonly.zip", NULL, GA_ERROR_EMPTY,
              "“textonly.zip” contains no map data (no shapefile, GeoPackage, GeoJSON, KML, "
              "GPX, CSV or FlatGeobuf file).");

  g_assert_true (g_file_set_contents (empty_path, empty_zip, sizeof empty_zip, NULL));
  load_fails ("empty.zip", NULL, GA_ERROR_EMPTY, NULL);

  write_text ("notazip.zip", "This is a text file, not a zip archive.\n");
  load_fails ("notazip.zip", NULL, GA_ERROR_CORRUPT,
              "“notazip.zip” is not a valid zip archive. It may be damaged, or be another kind "
              "of file renamed to .zip.");

  write_park ("zonly", NULL);
  zip_files ("noshp.zip", "", dbf_only);
  load_fails ("noshp.zip", NULL, GA_ERROR_MISSING_SIDECAR,
              "“noshp.zip” holds only part of a shapefile: “zonly.shp” is missing.");
}

/* ---- other formats ---- */

static void
test_geopackage (void)
{
  g_autofree char *path = fixture ("city.gpkg");
  const Row parks[] = {
    { "POLYGON ((100.53 13.72, 100.54 13.72, 100.54 13.73, 100.53 13.73, 100.53 13.72))", thai_park, 1 },
  };
  g_autofree char *wkt = g_strdup_printf ("POINT (%.2f %.2f)", UTM_E, UTM_N);
  const Row stops[] = { { wkt, "Si Lom", 7 }, { "POINT (665000 1517000)", "Lumphini", 8 } };
  g_autoptr (GPtrArray) layers = NULL;
  GaLayer *layer;
  const double *xy;
  guint n;

  write_vector ("GPKG", path, "parks", 4326, wkbPolygon, NULL, parks, 1);
  write_vector ("GPKG", path, "stops", 32647, wkbPoint, NULL, stops, 2);

  layers = load_ok ("city.gpkg", NULL);
  g_assert_cmpuint (layers->len, ==, 2);

  layer = layers->pdata[0];
  g_assert_cmpstr (ga_layer_get_name (layer), ==, "parks");
  g_assert_cmpint (ga_layer_get_geom_kind (layer), ==, GA_GEOM_POLYGON);
  g_assert_cmpstr (ga_layer_get_value (layer, 0, 0), ==, thai_park);
  g_assert_cmpstr (ga_layer_get_crs_name (layer), ==, "WGS 84 (EPSG:4326)");
  g_assert_cmpint (ga_layer_get_encoding_origin (layer), ==, GA_ENCODING_ORIGIN_NONE);
  xy = ga_layer_get_part (layer, 0, 0, &n);
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpfloat_with_epsilon (xy[0], merc_x (100.53), 0.001);
  g_assert_cmpfloat_with_epsilon (xy[1], merc_y (13.72), 0.001);

  layer = layers->pdata[1];
  g_assert_cmpstr (ga_layer_get_name (layer), ==, "stops");
  g_assert_cmpuint (ga_layer_get_n_features (layer), ==, 2);
  xy = ga_layer_get_part (layer, 0, 0, &n);
  g_assert_cmpfloat_with_epsilon (xy[0], merc_x (UTM_LON), 0.03);
  g_assert_cmpfloat_with_epsilon (xy[1], merc_y (UTM_LAT), 0.03);
}

static void
test_geojson_multipolygon (void)
{
  g_autoptr (GPtrArray) layers = NULL;
  GaLayer *layer;
  const double *xy;
  guint n;

  /* a MultiPolygon: an outer ring with a hole, and a second polygon; then a 3D line,
   * a collection, and a feature without geometry */
  write_text ("shapes.geojson",
              "{\"type\":\"FeatureCollection\",\"features\":["
              "{\"type\":\"Feature\",\"properties\":{\"name\":\"สวนเบญจกิติ\",\"area\":1.5},"
              " \"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":["
              "  [[[100.0,13.0],[101.0,13.0],[101.0,14.0],[100.0,14.0],[100.0,13.0]],"
              "   [[100.2,13.2],[100.4,13.2],[100.4,13.4],[100.2,13.2]]],"
              "  [[[102.0,13.0],[102.5,13.0],[102.5,13.5],[102.0,13.0]]]]}},"
              "{\"type\":\"Feature\",\"properties\":{\"name\":\"BTS\",\"area\":null},"
              " \"geometry\":{\"type\":\"LineString\",\"coordinates\":[[100.5,13.7,12.5],[100.6,13.8,30.0]]}},"
              "{\"type\":\"Feature\",\"properties\":{\"name\":\"mixed\"},"
              " \"geometry\":{\"type\":\"GeometryCollection\",\"geometries\":["
              "  {\"type\":\"Point\",\"coordinates\":[100.1,13.1]},"
              "  {\"type\":\"LineString\",\"coordinates\":[[100.1,13.1],[100.2,13.2]]}]}},"
              "{\"type\":\"Feature\",\"properties\":{\"name\":\"nowhere\"},\"geometry\":null}"
              "]}");

  layers = load_ok ("shapes.geojson", NULL);
  g_assert_cmpuint (layers->len, ==, 1);
  layer = layers->pdata[0];

  /* the collection becomes two features (point, line) with the same attributes */
  g_assert_cmpuint (ga_layer_get_n_features (layer), ==, 5);
  g_assert_cmpint (ga_layer_get_feature_kind (layer, 0), ==, GA_GEOM_POLYGON);
  g_assert_cmpuint (ga_layer_get_n_parts (layer, 0), ==, 3);
  xy = ga_layer_get_part (layer, 0, 1, &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpfloat_with_epsilon (xy[0], merc_x (100.2), 0.001);
  g_assert_cmpfloat_with_epsilon (xy[1], merc_y (13.2), 0.001);
  g_assert_cmpstr (ga_layer_get_value (layer, 0, 0), ==, "สวนเบญจกิติ");

  g_assert_cmpint (ga_layer_get_feature_kind (layer, 1), ==, GA_GEOM_LINE);
  xy = ga_layer_get_part (layer, 1, 0, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpfloat_with_epsilon (xy[2], merc_x (100.6), 0.001);
  g_assert_cmpfloat_with_epsilon (xy[3], merc_y (13.8), 0.001);
  g_assert_null (ga_layer_get_value (layer, 1, 1));

  g_assert_cmpint (ga_layer_get_feature_kind (layer, 2), ==, GA_GEOM_POINT);
  g_assert_cmpint (ga_layer_get_feature_kind (layer, 3), ==, GA_GEOM_LINE);
  g_assert_cmpstr (ga_layer_get_value (layer, 3, 0), ==, "mixed");
  g_assert_cmpint (ga_layer_get_feature_kind (layer, 4), ==, GA_GEOM_NONE);
  g_assert_cmpuint (ga_layer_get_n_parts (layer, 4), ==, 0);
}

static void
test_shp_3d_line (void)
{
  const Row rows[] = {
    { "LINESTRING Z (665000 1517000 5, 666085.55 1518062.57 12)", "Blue Line", 1 },
  };
  g_autoptr (GPtrArray) layers = NULL;
  const double *xy;
  guint n;

  write_shapefile ("line3d", 32647, "UTF-8", rows, 1);
  layers = load_ok ("line3d.shp", NULL);
  g_assert_cmpint (ga_layer_get_geom_kind (layers->pdata[0]), ==, GA_GEOM_LINE);
  xy = ga_layer_get_part (layers->pdata[0], 0, 0, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpfloat_with_epsilon (xy[2], merc_x (UTM_LON), 0.03);
  g_assert_cmpfloat_with_epsilon (xy[3], merc_y (UTM_LAT), 0.03);
}

static void
test_kml (void)
{
  g_autoptr (GPtrArray) layers = NULL;
  const double *xy;
  guint n;

  write_text ("city.kml",
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
              "<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document>\n"
              "<Folder><name>Parks</name>\n"
              " <Placemark><name>สวนลุมพินี</name><Polygon><outerBoundaryIs><LinearRing><coordinates>"
              "100.53,13.72 100.54,13.72 100.54,13.73 100.53,13.72</coordinates></LinearRing>"
              "</outerBoundaryIs></Polygon></Placemark>\n"
              "</Folder>\n"
              "<Folder><name>Stations</name>\n"
              " <Placemark><name>Si Lom</name><Point><coordinates>100.536,13.729</coordinates></Point></Placemark>\n"
              " <Placemark><name>Sala Daeng</name><Point><coordinates>100.534,13.728</coordinates></Point></Placemark>\n"
              "</Folder>\n"
              "</Document></kml>\n");

  layers = load_ok ("city.kml", NULL);
  g_assert_cmpuint (layers->len, ==, 2);
  g_assert_cmpstr (ga_layer_get_name (layers->pdata[0]), ==, "Parks");
  g_assert_cmpint (ga_layer_get_geom_kind (layers->pdata[0]), ==, GA_GEOM_POLYGON);
  g_assert_cmpstr (ga_layer_get_value (layers->pdata[0], 0, ga_layer_find_field (layers->pdata[0], "Name")),
                   ==, thai_park);
  g_assert_cmpstr (ga_layer_get_name (layers->pdata[1]), ==, "Stations");
  g_assert_cmpuint (ga_layer_get_n_features (layers->pdata[1]), ==, 2);
  xy = ga_layer_get_part (layers->pdata[1], 0, 0, &n);
  g_assert_cmpfloat_with_epsilon (xy[0], merc_x (100.536), 0.001);
  g_assert_cmpfloat_with_epsilon (xy[1], merc_y (13.729), 0.001);
}

static void
test_gpx (void)
{
  g_autoptr (GPtrArray) layers = NULL;

  write_text ("walk.gpx",
              "<?xml version=\"1.0\"?>\n"
              "<gpx version=\"1.1\" creator=\"test\" xmlns=\"http://www.topografix.com/GPX/1/1\">\n"
              " <wpt lat=\"13.7300\" lon=\"100.5400\"><name>Gate</name></wpt>\n"
              " <trk><name>Loop</name><trkseg>\n"
              "  <trkpt lat=\"13.7300\" lon=\"100.5400\"><ele>3</ele></trkpt>\n"
              "  <trkpt lat=\"13.7310\" lon=\"100.5410\"><ele>4</ele></trkpt>\n"
              "  <trkpt lat=\"13.7320\" lon=\"100.5400\"><ele>5</ele></trkpt>\n"
              " </trkseg></trk>\n"
              "</gpx>\n");

  /* waypoints and tracks; the empty routes layers and the repeated track points are left out */
  layers = load_ok ("walk.gpx", NULL);
  g_assert_cmpuint (layers->len, ==, 2);
  g_assert_cmpstr (ga_layer_get_name (layers->pdata[0]), ==, "waypoints");
  g_assert_cmpint (ga_layer_get_geom_kind (layers->pdata[0]), ==, GA_GEOM_POINT);
  g_assert_cmpstr (ga_layer_get_name (layers->pdata[1]), ==, "tracks");
  g_assert_cmpint (ga_layer_get_geom_kind (layers->pdata[1]), ==, GA_GEOM_LINE);
  g_assert_cmpuint (ga_layer_get_n_coords (layers->pdata[1]), ==, 3);
}

static void
test_csv (void)
{
  g_autoptr (GPtrArray) lonlat = NULL;
  g_autoptr (GPtrArray) wkt = NULL;
  GaLayer *layer;
  const double *xy;
  guint n;

  write_text ("stations.csv",
              "name,Longitude,Latitude,riders\n"
              "สยาม,100.5343,13.7456,120000\n"
              "Mo Chit,100.5538,13.8026,\n");
  lonlat = load_ok ("stations.csv", NULL);
  layer = lonlat->pdata[0];
  g_assert_cmpuint (ga_layer_get_n_features (layer), ==, 2);
  g_assert_cmpint (ga_layer_get_geom_kind (layer), ==, GA_GEOM_POINT);
  g_assert_cmpstr (ga_layer_get_value (layer, 0, ga_layer_find_field (layer, "name")), ==, "สยาม");
  g_assert_cmpstr (ga_layer_get_crs_name (layer), ==, "WGS 84 (EPSG:4326), assumed");
  xy = ga_layer_get_part (layer, 1, 0, &n);
  g_assert_cmpfloat_with_epsilon (xy[0], merc_x (100.5538), 0.001);
  g_assert_cmpfloat_with_epsilon (xy[1], merc_y (13.8026), 0.001);

  write_text ("lines.csv",
              "id,WKT,label\n"
              "1,\"LINESTRING (100.5 13.7, 100.6 13.8)\",Sukhumvit\n"
              "2,\"POLYGON ((100 13, 101 13, 101 14, 100 13))\",Block\n");
  wkt = load_ok ("lines.csv", NULL);
  layer = wkt->pdata[0];
  g_assert_cmpuint (ga_layer_get_n_features (layer), ==, 2);
  g_assert_cmpint (ga_layer_get_feature_kind (layer, 0), ==, GA_GEOM_LINE);
  g_assert_cmpint (ga_layer_get_feature_kind (layer, 1), ==, GA_GEOM_POLYGON);
  g_assert_cmpint (ga_layer_find_field (layer, "WKT"), <, 0);
  g_assert_cmpstr (ga_layer_get_value (layer, 0, ga_layer_find_field (layer, "label")), ==, "Sukhumvit");

  write_text ("table.csv", "name,riders\nSiam,120000\n");
  load_fails ("table.csv", NULL, GA_ERROR_EMPTY,
              "“table.csv” has no features with a location. A CSV file needs longitude and "
              "latitude columns (lon, lat) or a WKT geometry column.");
}

static void
test_flatgeobuf (void)
{
  g_autofree char *path = fixture ("parks.fgb");
  g_autofree char *wkt = g_strdup_printf ("POINT (%.2f %.2f)", UTM_E, UTM_N);
  const Row rows[] = { { wkt, thai_park, 1 } };
  g_autoptr (GPtrArray) layers = NULL;
  const double *xy;
  guint n;

  write_vector ("FlatGeobuf", path, "parks", 32647, wkbPoint, NULL, rows, 1);
  layers = load_ok ("parks.fgb", NULL);
  g_assert_cmpuint (ga_layer_get_n_features (layers->pdata[0]), ==, 1);
  g_assert_cmpstr (ga_layer_get_value (layers->pdata[0], 0, 0), ==, thai_park);
  xy = ga_layer_get_part (layers->pdata[0], 0, 0, &n);
  g_assert_cmpfloat_with_epsilon (xy[0], merc_x (UTM_LON), 0.03);
  g_assert_cmpfloat_with_epsilon (xy[1], merc_y (UTM_LAT), 0.03);
}

/* ---- CRS cases ---- */

static void
test_no_crs (void)
{
  GaReaderOptions utm = { (char *) "EPSG:32647", NULL };
  GaReaderOptions bad = { (char *) "EPSG:0", NULL };
  const Row lonlat_rows[] = { { "POINT (100.5 13.7)", "a", 1 } };
  g_autoptr (GPtrArray) layers = NULL;
  g_autoptr (GPtrArray) assumed = NULL;
  const double *xy;
  guint n;

  write_park ("noprj", "CP874");
  remove_fixture ("noprj.prj");
  load_fails ("noprj.shp", NULL, GA_ERROR_NO_CRS,
              "“noprj.shp” has no coordinate system (.prj) and its coordinates are not "
              "longitude/latitude.");

  layers = load_ok ("noprj.shp", &utm);
  assert_park_layer (layers->pdata[0], "CP874", GA_ENCODING_ORIGIN_CPG);
  /* the CRS the user chose is remembered for reloads and projects */
  g_assert_cmpstr (ga_layer_get_crs_override (layers->pdata[0]), ==, utm.crs);

  load_fails ("noprj.shp", &bad, GA_ERROR_BAD_CRS, NULL);

  /* GeoJSON claims WGS 84 whatever the numbers are */
  write_text ("utm.geojson",
              "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
              "\"properties\":{\"name\":\"x\"},\"geometry\":{\"type\":\"Point\","
              "\"coordinates\":[666085.55,1518062.57]}}]}");
  load_fails ("utm.geojson", NULL, GA_ERROR_NO_CRS,
              "“utm.geojson” says its coordinates are longitude/latitude, but they are not.");
  g_clear_pointer (&layers, g_ptr_array_unref);
  layers = load_ok ("utm.geojson", &utm);
  xy = ga_layer_get_part (layers->pdata[0], 0, 0, &n);
  g_assert_cmpfloat_with_epsilon (xy[0], merc_x (UTM_LON), 0.03);
  g_assert_cmpfloat_with_epsilon (xy[1], merc_y (UTM_LAT), 0.03);
  g_assert_cmpstr (ga_layer_get_crs_name (layers->pdata[0]), ==, "WGS 84 / UTM zone 47N (EPSG:32647)");

  write_shapefile ("noprjll", 0, "UTF-8", lonlat_rows, 1);
  assumed = load_ok ("noprjll.shp", NULL);
  g_assert_cmpstr (ga_layer_get_crs_name (assumed->pdata[0]), ==, "WGS 84 (EPSG:4326), assumed");
  xy = ga_layer_get_part (assumed->pdata[0], 0, 0, &n);
  g_assert_cmpfloat_with_epsilon (xy[0], merc_x (100.5), 0.001);
  g_assert_cmpfloat_with_epsilon (xy[1], merc_y (13.7), 0.001);
}

static void
test_regional_crs (void)
{
  /* Indian 1975 / UTM 47N: the datum shift moves the point a few hundred metres */
  const Row rows[] = { { "POINT (666000 1518000)", "old map", 1 } };
  g_autoptr (GPtrArray) indian = NULL;
  g_autoptr (GPtrArray) wgs = NULL;
  const double *a, *b;
  guint n;

  write_shapefile ("indian", 24047, "UTF-8", rows, 1);
  write_shapefile ("wgs", 32647, "UTF-8", rows, 1);
  indian = load_ok ("indian.shp", NULL);
  wgs = load_ok ("wgs.shp", NULL);
  g_assert_cmpstr (ga_layer_get_crs_name (indian->pdata[0]), ==,
                   "Indian 1975 / UTM zone 47N (EPSG:24047)");
  a = ga_layer_get_part (indian->pdata[0], 0, 0, &n);
  b = ga_layer_get_part (wgs->pdata[0], 0, 0, &n);
  g_assert_cmpfloat (hypot (a[0] - b[0], a[1] - b[1]), >, 200.0);
  g_assert_cmpfloat (hypot (a[0] - b[0], a[1] - b[1]), <, 1000.0);
}

/* Where a projected CRS meets the edges of Web Mercator. Expected values: PROJ's cs2cs
 * (EPSG:3031 → EPSG:4326) gives the South Pole for (0, 0), 87.2394° S for (0, 300000) and
 * 77.0374006° S 45° W for (-1000000, 1000000); for UTM 47N, (1e8, 1e8) and (1e15, 1e15)
 * give "inf" (no place on Earth). */
static void
test_crs_edges (void)
{
  const Row polar[] = {
    { "POINT (0 0)", "pole", 1 },
    { "POINT (0 300000)", "near the pole", 2 },
    { "POINT (-1000000 1000000)", "Antarctica", 3 },
  };
  const Row far[] = {
    { "POINT (1e8 1e8)", "far", 1 },
    { "POINT (666000 1518000)", "Bangkok", 2 },
    { "POINT (1e15 1e15)", "farther", 3 },
  };
  const Row nowhere[] = { { "POINT (1e15 1e15)", "nowhere", 1 } };
  const double max_y = merc_y (85.0511287798066);
  g_autoptr (GPtrArray) layers = NULL;
  GaLayer *layer;
  const double *xy;
  GaExtent ll;
  guint n;

  /* Beyond 85.05° (the pole itself included) a point is kept, on the edge of the square */
  write_shapefile ("polar", 3031, "UTF-8", polar, G_N_ELEMENTS (polar));
  layers = load_ok ("polar.shp", NULL);
  layer = layers->pdata[0];
  g_assert_cmpuint (ga_layer_get_n_features (layer), ==, 3);
  xy = ga_layer_get_part (layer, 0, 0, &n);
  g_assert_cmpfloat_with_epsilon (xy[0], 0.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (xy[1], -max_y, 1e-3);
  xy = ga_layer_get_part (layer, 1, 0, &n);
  g_assert_cmpfloat_with_epsilon (xy[1], -max_y, 1e-3);
  xy = ga_layer_get_part (layer, 2, 0, &n);
  g_assert_cmpfloat_with_epsilon (xy[0], merc_x (-45.0), 0.01);
  g_assert_cmpfloat_with_epsilon (xy[1], merc_y (-77.037400635), 0.05);
  ga_layer_get_lonlat_extent (layer, &ll);
  g_assert_cmpfloat_with_epsilon (ll.min_y, -85.0511287798066, 1e-9);
  g_assert_cmpfloat_with_epsilon (ll.max_y, -77.037400635, 1e-7);
  g_assert_cmpfloat_with_epsilon (ll.min_x, -45.0, 1e-9);
  g_clear_pointer (&layers, g_ptr_array_unref);

  /* Points PROJ cannot convert are left out; the rest of the file loads, in order */
  write_shapefile ("far", 32647, "UTF-8", far, G_N_ELEMENTS (far));
  layers = load_ok ("far.shp", NULL);
  layer = layers->pdata[0];
  g_assert_cmpuint (ga_layer_get_n_features (layer), ==, 1);
  g_assert_cmpstr (ga_layer_get_value (layer, 0, ga_layer_find_field (layer, "name")), ==,
                   "Bangkok");
  ga_layer_get_lonlat_extent (layer, &ll);
  g_assert_cmpfloat_with_epsilon (ll.min_x, 100.535205351, 1e-7);
  g_assert_cmpfloat_with_epsilon (ll.max_y, 13.726439374, 1e-7);

  /* and a file with none left says so, naming the file and its coordinate system */
  write_shapefile ("nowhere", 32647, "UTF-8", nowhere, G_N_ELEMENTS (nowhere));
  load_fails ("nowhere.shp", NULL, GA_ERROR_EMPTY,
              "“nowhere.shp” has no features with usable coordinates: 1 feature could not be "
              "converted from its coordinate system “WGS 84 / UTM zone 47N (EPSG:32647)”.");
}

/* ---- bad inputs ---- */

static void
test_bad_inputs (void)
{
  const Row none[] = { { NULL, NULL, 0 } };
  g_autofree char *zero_path = fixture ("zero.geojson");

  load_fails ("missing.shp", NULL, GA_ERROR_NOT_FOUND,
              "“missing.shp” does not exist. It may have been moved, renamed or deleted.");

  write_park ("htmlprj", "CP874");
  write_text ("htmlprj.prj", "<!DOCTYPE html><html><head><title>Not Found</title></head>"
                             "<body>404</body></html>\n");
  load_fails ("htmlprj.shp", NULL, GA_ERROR_BAD_CRS,
              "The coordinate system file “htmlprj.prj” of “htmlprj.shp” is not valid (it does "
              "not contain WKT text). Replace it with the right .prj file, or delete it and "
              "choose the coordinate system.");

  write_park ("nodbf", "CP874");
  remove_fixture ("nodbf.dbf");
  load_fails ("nodbf.shp", NULL, GA_ERROR_MISSING_SIDECAR,
              "“nodbf.shp” cannot be opened: its attribute table “nodbf.dbf” is missing. Copy it "
              "into the same folder as “nodbf.shp”.");

  write_park ("noshp", "CP874");
  remove_fixture ("noshp.shp");
  load_fails ("noshp.dbf", NULL, GA_ERROR_MISSING_SIDECAR,
              "“noshp.dbf” is only part of a shapefile: its geometry file “noshp.shp” is "
              "missing. Copy it into the same folder.");

  write_text ("text.shp", "Hello, this is not a shapefile at all, just some text.\n");
  load_fails ("text.shp", NULL, GA_ERROR_CORRUPT,
              "“text.shp” is damaged or is not really a shapefile.");

  write_text ("notes.geojson", "Meeting notes: plant more trees.\n");
  load_fails ("notes.geojson", NULL, GA_ERROR_UNSUPPORTED,
              "“notes.geojson” is not a map data file Green Atlas can read.");

  write_text ("photo.jpg", "\xff\xd8\xff\xe0 not really a jpeg");
  load_fails ("photo.jpg", NULL, GA_ERROR_UNSUPPORTED,
              "“photo.jpg” is not a map data file Green Atlas can read.");

  write_text ("empty.csv", "");
  load_fails ("empty.csv", NULL, GA_ERROR_EMPTY, "“empty.csv” is empty (0 bytes).");

  /* zero features */
  write_shapefile ("zero", 32647, "UTF-8", none, 0);
  load_fails ("zero.shp", NULL, GA_ERROR_EMPTY, "“zero.shp” has no features.");
  g_assert_true (g_file_set_contents (zero_path, "{\"type\":\"FeatureCollection\",\"features\":[]}", -1, NULL));
  load_fails ("zero.geojson", NULL, GA_ERROR_EMPTY, "“zero.geojson” has no features.");
}

/* ---- cancellation and async ---- */

static void
write_many (const char *name, guint n)
{
  g_autofree char *file = g_strconcat (name, ".shp", NULL);
  g_autofree char *path = fixture (file);
  g_autoptr (GArray) rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_autoptr (GPtrArray) wkts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      char *wkt = g_strdup_printf ("POINT (%u %u)", 660000 + i % 100 * 10, 1510000 + i / 100 * 10);
      Row row = { wkt, "x", (int) i };

      g_ptr_array_add (wkts, wkt);
      g_array_append_val (rows, row);
    }
  write_vector ("ESRI Shapefile", path, name, 32647, wkbPoint, "UTF-8",
                (const Row *) rows->data, n);
}

/* More features than ga-reader stores on the calling thread: OGR reads on one thread, PROJ
 * and the layer store on another (ga-feature-pipe.c). Every kind of geometry, a collection
 * that becomes two features, a feature without geometry and one that cannot be reprojected
 * arrive in order, each with its own values, each point where a one-point-at-a-time
 * transformation puts it. */
#define BIG_N 30000

static void
test_big_mixed (void)
{
  g_autofree char *path = fixture ("big.gpkg");
  g_autoptr (GArray) rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) layers = NULL;
  g_autoptr (GaTransform) to_merc = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) expected = g_array_new (FALSE, FALSE, sizeof (int)); /* row per feature */
  g_autoptr (GArray) kinds = g_array_new (FALSE, FALSE, sizeof (int));
  GaLayer *layer;
  int name_field, pop_field;
  const int bad_row = 7777;

  for (int i = 0; i < BIG_N; i++)
    {
      char *wkt = NULL;
      char *name = g_strdup_printf ("%s %d", i % 2 ? thai_park : "p", i);
      Row row;
      int kind = GA_GEOM_POINT;

      switch (i % 5000)
        {
        case 1:
          wkt = g_strdup ("LINESTRING (665000 1517000, 666000 1518000, 667000 1517500)");
          kind = GA_GEOM_LINE;
          break;
        case 2:
          wkt = g_strdup ("POLYGON ((665000 1517000, 666000 1517000, 666000 1518000, "
                          "665000 1517000))");
          kind = GA_GEOM_POLYGON;
          break;
        case 3:
          wkt = g_strdup ("GEOMETRYCOLLECTION (POINT (665000 1517000), POLYGON ((665000 "
                          "1517000, 666000 1517000, 666000 1518000, 665000 1517000)))");
          break;
        case 4:
          kind = GA_GEOM_NONE;
          break;
        default:
          wkt = i == bad_row ? g_strdup ("POINT (1e20 1e20)")
                             : g_strdup_printf ("POINT (%.2f %.2f)", UTM_E + i % 100,
                                                UTM_N + i / 100);
          break;
        }
      row = (Row) { wkt, name, i };
      if (wkt != NULL)
        g_ptr_array_add (texts, wkt);
      g_ptr_array_add (texts, name);
      g_array_append_val (rows, row);

      if (i == bad_row)
        continue;
      if (i % 5000 == 3)
        {
          int point = GA_GEOM_POINT, polygon = GA_GEOM_POLYGON;

          g_array_append_val (expected, i);
          g_array_append_val (kinds, point);
          g_array_append_val (expected, i);
          g_array_append_val (kinds, polygon);
          continue;
        }
      g_array_append_val (expected, i);
      g_array_append_val (kinds, kind);
    }
  write_vector ("GPKG", path, "big", 32647, wkbUnknown, NULL, (const Row *) rows->data, BIG_N);

  layers = load_ok ("big.gpkg", NULL);
  g_assert_cmpuint (layers->len, ==, 1);
  layer = layers->pdata[0];
  g_assert_cmpuint (ga_layer_get_n_features (layer), ==, expected->len);
  g_assert_cmpuint (expected->len, ==, BIG_N + BIG_N / 5000 - 1);
  name_field = ga_layer_find_field (layer, "name");
  pop_field = ga_layer_find_field (layer, "pop");

  to_merc = ga_transform_new ("EPSG:32647", "EPSG:3857", &error);
  g_assert_no_error (error);
  for (guint f = 0; f < expected->len; f++)
    {
      int i = g_array_index (expected, int, f);
      g_autofree char *name = g_strdup_printf ("%s %d", i % 2 ? thai_park : "p", i);
      g_autofree char *pop = g_strdup_printf ("%d", i);

      g_assert_cmpint (ga_layer_get_feature_kind (layer, f), ==, g_array_index (kinds, int, f));
      g_assert_cmpstr (ga_layer_get_value (layer, f, name_field), ==, name);
      g_assert_cmpstr (ga_layer_get_value (layer, f, pop_field), ==, pop);
      if (i % 5000 > 4)
        {
          double x = UTM_E + i % 100, y = UTM_N + i / 100;
          const double *xy;
          guint n;

          g_assert_true (ga_transform_apply (to_merc, &x, &y, 1));
          xy = ga_layer_get_part (layer, f, 0, &n);
          g_assert_cmpuint (n, ==, 1);
          g_assert_cmpfloat_with_epsilon (xy[0], x, 1e-6);
          g_assert_cmpfloat_with_epsilon (xy[1], y, 1e-6);
        }
      else if (g_array_index (kinds, int, f) == GA_GEOM_LINE)
        g_assert_cmpuint (ga_layer_get_n_coords (layer) > 0, ==, TRUE);
    }
  /* the first point is the reference point */
  {
    const double *xy;
    guint n;

    xy = ga_layer_get_part (layer, 0, 0, &n);
    g_assert_cmpfloat_with_epsilon (xy[0], merc_x (UTM_LON), 0.03);
    g_assert_cmpfloat_with_epsilon (xy[1], merc_y (UTM_LAT), 0.03);
  }
}

/* Several files at once: results in the order asked, the first failure (in that order)
 * reported with its file's name. */
/* Geometry alone: the same features where the same places are, and no fields at all,
 * from a shapefile (no encoding sniffed: no text is read) and from a GeoPackage. */
static void
test_geometry_only (void)
{
  GaReaderOptions options = { NULL, NULL, TRUE };
  g_autofree char *gpkg = fixture ("geometry-only.gpkg");
  g_autofree char *wkt = g_strdup_printf ("POINT (%.2f %.2f)", UTM_E, UTM_N);
  const Row rows[] = { { wkt, thai_park, 1 }, { "POINT (665000 1517000)", "Park 2", 2 },
                       { "LINESTRING (665000 1517000, 666000 1518000)", "path", 3 } };
  const char *names[] = { "geometry-only.shp", "geometry-only.gpkg" };

  write_shapefile ("geometry-only", 32647, "CP874", rows, 2);
  write_vector ("GPKG", gpkg, "parks", 32647, wkbUnknown, NULL, rows, G_N_ELEMENTS (rows));

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (GPtrArray) full = load_ok (names[i], NULL);
      g_autoptr (GPtrArray) bare = load_ok (names[i], &options);
      GaLayer *a, *b;

      g_assert_cmpuint (bare->len, ==, full->len);
      a = full->pdata[0];
      b = bare->pdata[0];
      g_assert_cmpuint (ga_layer_get_n_fields (a), ==, 2);
      g_assert_cmpuint (ga_layer_get_n_fields (b), ==, 0);
      g_assert_cmpint (ga_layer_find_field (b, "name"), <, 0);
      g_assert_cmpuint (ga_layer_get_n_features (b), ==, ga_layer_get_n_features (a));
      g_assert_cmpuint (ga_layer_get_n_features (b), ==, i == 0 ? 2 : 3);
      for (guint f = 0; f < ga_layer_get_n_features (a); f++)
        {
          guint na, nb;
          const double *xa = ga_layer_get_part (a, f, 0, &na);
          const double *xb = ga_layer_get_part (b, f, 0, &nb);

          g_assert_cmpint (ga_layer_get_feature_kind (b, f), ==, ga_layer_get_feature_kind (a, f));
          g_assert_cmpuint (nb, ==, na);
          for (guint k = 0; k < 2 * na; k++)
            g_assert_cmpfloat (xb[k], ==, xa[k]);
        }
      /* Lumphini, as the full load finds it */
      {
        guint n;
        const double *xy = ga_layer_get_part (b, 0, 0, &n);

        g_assert_cmpfloat_with_epsilon (xy[0], merc_x (UTM_LON), 0.03);
        g_assert_cmpfloat_with_epsilon (xy[1], merc_y (UTM_LAT), 0.03);
      }
      g_assert_cmpstr (ga_layer_get_crs_name (b), ==, "WGS 84 / UTM zone 47N (EPSG:32647)");
    }
  /* the full load takes the code page of the .cpg; this one read no text and names none */
  {
    g_autoptr (GPtrArray) full = load_ok ("geometry-only.shp", NULL);
    g_autoptr (GPtrArray) bare = load_ok ("geometry-only.shp", &options);

    g_assert_cmpint (ga_layer_get_encoding_origin (full->pdata[0]), ==, GA_ENCODING_ORIGIN_CPG);
    g_assert_cmpint (ga_layer_get_encoding_origin (bare->pdata[0]), ==,
                     GA_ENCODING_ORIGIN_NONE);
  }
}

static void
test_load_all (void)
{
  g_autofree char *a = fixture ("all-a.shp");
  g_autofree char *b = fixture ("all-b.shp");
  g_autofree char *missing = fixture ("all-missing.shp");
  const char *paths[] = { a, b, a, NULL };
  const char *bad[] = { a, missing, b, NULL };
  g_autoptr (GPtrArray) loaded = NULL;
  g_autoptr (GError) error = NULL;

  write_many ("all-a", 50);
  write_many ("all-b", 70);
  loaded = ga_reader_load_all (paths, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      GPtrArray *layers = loaded->pdata[i];

      g_assert_cmpuint (layers->len, ==, 1);
      g_assert_cmpstr (ga_layer_get_path (layers->pdata[0]), ==, paths[i]);
      g_assert_cmpuint (ga_layer_get_n_features (layers->pdata[0]), ==, i == 1 ? 70 : 50);
    }
  g_clear_pointer (&loaded, g_ptr_array_unref);

  loaded = ga_reader_load_all (bad, NULL, NULL, &error);
  g_assert_null (loaded);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "all-missing.shp"));
}

static void
cancel_on_progress (double fraction, gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

static void
test_cancel (void)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GCancellable) later = g_cancellable_new ();
  g_autofree char *path = fixture ("many.shp");
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) layers = NULL;

  write_many ("many", 12000); /* over PIPE_THREAD_MIN: the threaded store stops too */

  g_cancellable_cancel (cancellable);
  layers = ga_reader_load (path, NULL, cancellable, NULL, NULL, &error);
  g_assert_null (layers);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* cancelled during the read, from the progress callback */
  layers = ga_reader_load (path, NULL, later, cancel_on_progress, later, &error);
  g_assert_null (layers);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

typedef struct
{
  GMainLoop *loop;
  GPtrArray *layers;
  GError    *error;
  GArray    *fractions;
  GThread   *main_thread;
} AsyncState;

static void
on_progress (double fraction, gpointer user_data)
{
  AsyncState *state = user_data;

  g_assert_true (g_thread_self () == state->main_thread);
  g_array_append_val (state->fractions, fraction);
}

static void
on_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  AsyncState *state = user_data;

  g_assert_true (g_thread_self () == state->main_thread);
  state->layers = ga_reader_load_finish (result, &state->error);
  g_main_loop_quit (state->loop);
}

static void
test_async (void)
{
  g_autofree char *path = fixture ("async.shp");
  GaReaderOptions options = { NULL, (char *) "UTF-8" };
  AsyncState state = { 0 };
  double last = -1.0;

  write_many ("async", 5000);

  state.loop = g_main_loop_new (NULL, FALSE);
  state.fractions = g_array_new (FALSE, FALSE, sizeof (double));
  state.main_thread = g_thread_self ();

  ga_reader_load_async (path, &options, NULL, on_progress, &state, on_loaded, &state);
  /* the options are copied: changing ours now must not matter */
  options.encoding = (char *) "KLINGON-8";
  g_main_loop_run (state.loop);

  g_assert_no_error (state.error);
  g_assert_nonnull (state.layers);
  g_assert_cmpuint (ga_layer_get_n_features (state.layers->pdata[0]), ==, 5000);
  g_assert_cmpint (ga_layer_get_encoding_origin (state.layers->pdata[0]), ==, GA_ENCODING_ORIGIN_OPTION);

  g_assert_cmpuint (state.fractions->len, >=, 3);
  for (guint i = 0; i < state.fractions->len; i++)
    {
      double f = g_array_index (state.fractions, double, i);
      g_assert_cmpfloat (f, >=, last);
      g_assert_cmpfloat (f, <=, 1.0);
      last = f;
    }
  g_assert_cmpfloat (last, ==, 1.0);

  g_ptr_array_unref (state.layers);
  g_array_unref (state.fractions);
  g_main_loop_unref (state.loop);
}

static void
test_async_error (void)
{
  g_autofree char *path = fixture ("nowhere.gpkg");
  AsyncState state = { 0 };

  state.loop = g_main_loop_new (NULL, FALSE);
  state.fractions = g_array_new (FALSE, FALSE, sizeof (double));
  state.main_thread = g_thread_self ();
  ga_reader_load_async (path, NULL, NULL, NULL, NULL, on_loaded, &state);
  g_main_loop_run (state.loop);
  g_assert_null (state.layers);
  g_assert_error (state.error, GA_ERROR, GA_ERROR_NOT_FOUND);
  g_clear_error (&state.error);
  g_array_unref (state.fractions);
  g_main_loop_unref (state.loop);
}

static void
test_patterns (void)
{
  const char * const *patterns = ga_reader_get_patterns ();

  g_assert_true (g_strv_contains (patterns, "*.shp"));
  g_assert_true (g_strv_contains (patterns, "*.zip"));
  g_assert_true (g_strv_contains (patterns, "*.gpkg"));
  g_assert_true (g_strv_contains (patterns, "*.fgb"));
}

/* ---- main ---- */

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
    }
  g_remove (path);
}

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  GDALAllRegister ();
  CPLPushErrorHandler (CPLQuietErrorHandler);
  tmp_dir = g_dir_make_tmp ("ga-reader-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);

  g_test_add_func ("/reader/shp/cpg", test_shp_cpg);
  g_test_add_func ("/reader/shp/cpg-ansi", test_shp_cpg_ansi);
  g_test_add_func ("/reader/shp/detected", test_shp_detected);
  g_test_add_func ("/reader/shp/ascii", test_shp_ascii);
  g_test_add_func ("/reader/shp/real-text", test_shp_real_text);
  g_test_add_func ("/reader/shp/ldid", test_shp_ldid);
  g_test_add_func ("/reader/shp/wrong-cpg", test_shp_wrong_cpg);
  g_test_add_func ("/reader/shp/utf8-latin1", test_shp_utf8_and_latin1);
  g_test_add_func ("/reader/shp/encoding-option", test_encoding_option);
  g_test_add_func ("/reader/shp/missing-shx", test_shp_missing_shx);
  g_test_add_func ("/reader/shp/open-sidecar", test_shp_open_sidecar);
  g_test_add_func ("/reader/shp/3d-line", test_shp_3d_line);
  g_test_add_func ("/reader/zip/simple", test_zip);
  g_test_add_func ("/reader/zip/two-shapefiles", test_zip_two_shapefiles);
  g_test_add_func ("/reader/zip/bad", test_zip_bad);
  g_test_add_func ("/reader/gpkg", test_geopackage);
  g_test_add_func ("/reader/geojson", test_geojson_multipolygon);
  g_test_add_func ("/reader/kml", test_kml);
  g_test_add_func ("/reader/gpx", test_gpx);
  g_test_add_func ("/reader/csv", test_csv);
  g_test_add_func ("/reader/flatgeobuf", test_flatgeobuf);
  g_test_add_func ("/reader/crs/none", test_no_crs);
  g_test_add_func ("/reader/crs/regional", test_regional_crs);
  g_test_add_func ("/reader/crs/edges", test_crs_edges);
  g_test_add_func ("/reader/bad-inputs", test_bad_inputs);
  g_test_add_func ("/reader/cancel", test_cancel);
  g_test_add_func ("/reader/big-mixed", test_big_mixed);
  g_test_add_func ("/reader/load-all", test_load_all);
  g_test_add_func ("/reader/geometry-only", test_geometry_only);
  g_test_add_func ("/reader/async", test_async);
  g_test_add_func ("/reader/async-error", test_async_error);
  g_test_add_func ("/reader/patterns", test_patterns);

  ret = g_test_run ();

  remove_tree (tmp_dir);
  g_free (tmp_dir);
  return ret;
}
