/* test-gtfs.c — GTFS feeds generated here become the expected lines and stops layers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include <cpl_vsi.h>
#include <gdal.h>

#include "ga-error.h"
#include "ga-gtfs.h"
#include "ga-reader.h"

typedef struct
{
  const char *name;
  const char *text;
} Member;

/* Writes a zip through GDAL's /vsizip/ writer. */
static char *
write_zip (const char *dir, const char *file, const Member *members, guint n)
{
  char *path = g_build_filename (dir, file, NULL);

  GDALAllRegister ();
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *vsi = g_strdup_printf ("/vsizip/%s/%s", path, members[i].name);
      VSILFILE *fp = VSIFOpenL (vsi, "wb");

      g_assert_nonnull (fp);
      g_assert_cmpuint (VSIFWriteL (members[i].text, 1, strlen (members[i].text), fp), ==,
                        strlen (members[i].text));
      VSIFCloseL (fp);
    }
  return path;
}

static const char routes_txt[] =
  "route_id,agency_id,route_short_name,route_long_name,route_type,route_color\n"
  "R1,A,Sukhumvit,สายสุขุมวิท,1,7FBF3F\n"
  "R2,A,Silom,สายสีลม,1,00704A\n";
static const char trips_txt[] =
  "route_id,service_id,trip_id,direction_id,shape_id\n"
  "R1,WD,T1,0,SH1\n"
  "R1,WD,T2,1,SH1\n"
  "R2,WD,T3,0,SH2\n";
static const char stops_txt[] =
  "stop_id,stop_name,stop_lat,stop_lon\n"
  "S1,สยาม,13.7456,100.5341\n"
  "S2,Chit Lom,13.7441,100.5430\n"
  "S3,Sala Daeng,13.7286,100.5343\n";
/* shape points deliberately out of order: the sequence decides */
static const char shapes_txt[] =
  "shape_id,shape_pt_lat,shape_pt_lon,shape_pt_sequence\n"
  "SH1,13.7441,100.5430,3\n"
  "SH1,13.7456,100.5341,1\n"
  "SH1,13.7450,100.5380,2\n"
  "SH2,13.7456,100.5341,10\n"
  "SH2,13.7286,100.5343,20\n";
static const char stop_times_txt[] =
  "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
  "T1,08:00:00,08:00:00,S2,2\n"
  "T1,07:58:00,07:58:00,S1,1\n"
  "T2,09:00:00,09:00:00,S2,1\n"
  "T2,09:02:00,09:02:00,S1,2\n"
  "T3,08:00:00,08:00:00,S1,1\n"
  "T3,08:05:00,08:05:00,S3,2\n";

static void
mercator (double lon, double lat, double *x, double *y)
{
  /* EPSG:3857 on the sphere of radius 6378137, for checking */
  *x = 6378137.0 * lon * G_PI / 180.0;
  *y = 6378137.0 * log (tan (G_PI / 4 + lat * G_PI / 360.0));
}

static void
assert_coord (const double *xy, double lon, double lat)
{
  double x, y;

  mercator (lon, lat, &x, &y);
  g_assert_cmpfloat_with_epsilon (xy[0], x, 0.01);
  g_assert_cmpfloat_with_epsilon (xy[1], y, 0.01);
}

static const char *
value (GaLayer *layer, guint feature, const char *field)
{
  int f = ga_layer_find_field (layer, field);

  g_assert_cmpint (f, >=, 0);
  return ga_layer_get_value (layer, feature, (guint) f);
}

static void
test_shapes (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gtfs-XXXXXX", NULL);
  const Member members[] = {
    { "agency.txt", "agency_id,agency_name,agency_url,agency_timezone\n"
                    "A,BTS,https://example.org,Asia/Bangkok\n" },
    { "routes.txt", routes_txt }, { "trips.txt", trips_txt }, { "stops.txt", stops_txt },
    { "shapes.txt", shapes_txt }, { "stop_times.txt", stop_times_txt },
  };
  g_autofree char *path = write_zip (dir, "bangkok.zip", members, G_N_ELEMENTS (members));
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) layers = NULL;
  GaLayer *lines, *stops;
  guint n;
  const double *xy;

  g_assert_true (ga_gtfs_is_feed (path));
  /* through the reader, as the Open dialog does */
  layers = ga_reader_load (path, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (layers->len, ==, 2);
  lines = layers->pdata[0];
  stops = layers->pdata[1];

  g_assert_cmpstr (ga_layer_get_name (lines), ==, "bangkok lines");
  g_assert_cmpint (ga_layer_get_geom_kind (lines), ==, GA_GEOM_LINE);
  g_assert_cmpuint (ga_layer_get_n_features (lines), ==, 2);
  g_assert_cmpstr (value (lines, 0, "route_id"), ==, "R1");
  g_assert_cmpstr (value (lines, 0, "route_short_name"), ==, "Sukhumvit");
  g_assert_cmpstr (value (lines, 0, "route_long_name"), ==, "สายสุขุมวิท");
  g_assert_cmpstr (value (lines, 0, "route_color"), ==, "7FBF3F");
  g_assert_cmpstr (value (lines, 0, "route_type"), ==, "1");
  g_assert_cmpstr (value (lines, 1, "route_color"), ==, "00704A");
  /* R1: one shape shared by both trips → one part, three points in sequence order */
  g_assert_cmpuint (ga_layer_get_n_parts (lines, 0), ==, 1);
  xy = ga_layer_get_part (lines, 0, 0, &n);
  g_assert_cmpuint (n, ==, 3);
  assert_coord (xy, 100.5341, 13.7456);
  assert_coord (xy + 2, 100.5380, 13.7450);
  assert_coord (xy + 4, 100.5430, 13.7441);
  g_assert_cmpstr (ga_layer_get_crs_name (lines), ==, "WGS 84 (EPSG:4326)");
  g_assert_cmpstr (ga_layer_get_encoding (lines), ==, "UTF-8");

  g_assert_cmpstr (ga_layer_get_name (stops), ==, "bangkok stops");
  g_assert_cmpint (ga_layer_get_geom_kind (stops), ==, GA_GEOM_POINT);
  g_assert_cmpuint (ga_layer_get_n_features (stops), ==, 3);
  g_assert_cmpstr (ga_layer_get_field_name (stops, 0), ==, "stop_id");
  g_assert_cmpstr (ga_layer_get_field_name (stops, 1), ==, "stop_name");
  g_assert_cmpint (ga_layer_find_field (stops, "stop_lat"), ==, -1);
  g_assert_cmpstr (value (stops, 0, "stop_name"), ==, "สยาม");
  xy = ga_layer_get_part (stops, 2, 0, &n);
  assert_coord (xy, 100.5343, 13.7286);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_stop_sequences (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gtfs-XXXXXX", NULL);
  /* in a sub-folder, no shapes.txt */
  const Member members[] = {
    { "feed/routes.txt", routes_txt }, { "feed/trips.txt", trips_txt },
    { "feed/stops.txt", stops_txt }, { "feed/stop_times.txt", stop_times_txt },
  };
  g_autofree char *path = write_zip (dir, "noshapes.zip", members, G_N_ELEMENTS (members));
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) layers = ga_gtfs_load (path, NULL, NULL, &error);
  GaLayer *lines;
  guint n;
  const double *xy;

  g_assert_no_error (error);
  lines = layers->pdata[0];
  g_assert_cmpuint (ga_layer_get_n_features (lines), ==, 2);
  /* R1 has two directions: T1 (S1 → S2) and T2 (S2 → S1), one part each */
  g_assert_cmpuint (ga_layer_get_n_parts (lines, 0), ==, 2);
  xy = ga_layer_get_part (lines, 0, 0, &n);
  g_assert_cmpuint (n, ==, 2);
  assert_coord (xy, 100.5341, 13.7456);       /* T1 stop_sequence 1 = S1 */
  assert_coord (xy + 2, 100.5430, 13.7441);
  xy = ga_layer_get_part (lines, 0, 1, &n);
  assert_coord (xy, 100.5430, 13.7441);       /* T2 starts at S2 */
  /* R2: S1 → S3 */
  xy = ga_layer_get_part (lines, 1, 0, &n);
  g_assert_cmpuint (n, ==, 2);
  assert_coord (xy + 2, 100.5343, 13.7286);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_missing_stops (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gtfs-XXXXXX", NULL);
  const Member members[] = {
    { "routes.txt", routes_txt }, { "trips.txt", trips_txt }, { "shapes.txt", shapes_txt },
  };
  g_autofree char *path = write_zip (dir, "feed.zip", members, G_N_ELEMENTS (members));
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) layers = ga_reader_load (path, NULL, NULL, NULL, NULL, &error);

  g_assert_null (layers);
  g_assert_error (error, GA_ERROR, GA_ERROR_CORRUPT);
  g_assert_cmpstr (error->message, ==, "“feed.zip” is a GTFS feed without stops.txt.");
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_bad_columns (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gtfs-XXXXXX", NULL);
  const Member members[] = {
    { "routes.txt", routes_txt }, { "trips.txt", trips_txt },
    { "stops.txt", "stop_id,stop_name,lat,lon\nS1,A,13.7,100.5\n" },
  };
  g_autofree char *path = write_zip (dir, "feed.zip", members, G_N_ELEMENTS (members));
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) layers = ga_gtfs_load (path, NULL, NULL, &error);

  g_assert_null (layers);
  g_assert_error (error, GA_ERROR, GA_ERROR_CORRUPT);
  g_assert_cmpstr (error->message, ==,
                   "“feed.zip” is a GTFS feed whose stops.txt has no “stop_lat” column.");
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_no_lines (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gtfs-XXXXXX", NULL);
  const Member members[] = {
    { "routes.txt", routes_txt }, { "trips.txt", trips_txt }, { "stops.txt", stops_txt },
  };
  g_autofree char *path = write_zip (dir, "partial.zip", members, G_N_ELEMENTS (members));
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) layers = ga_gtfs_load (path, NULL, NULL, &error);

  g_assert_null (layers);
  g_assert_error (error, GA_ERROR, GA_ERROR_CORRUPT);
  g_assert_cmpstr (error->message, ==,
                   "“partial.zip” is a GTFS feed without shapes.txt or stop_times.txt, so its "
                   "lines cannot be drawn.");
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/gtfs/shapes", test_shapes);
  g_test_add_func ("/gtfs/stop-sequences", test_stop_sequences);
  g_test_add_func ("/gtfs/missing-stops", test_missing_stops);
  g_test_add_func ("/gtfs/bad-columns", test_bad_columns);
  g_test_add_func ("/gtfs/no-lines", test_no_lines);
  return g_test_run ();
}
