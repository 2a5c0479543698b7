/* test-basemap.c — basemap descriptions: built-ins, --basemap specs, JSON, tile counts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "ga-basemap.h"
#include "ga-crs.h"
#include "ga-error.h"
#include "ga-layer.h"
#include "ga-tile-reader.h"

#include "ga-test-util.h"

#define H GA_MERCATOR_HALF_WORLD

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->dir = g_dir_make_tmp ("ga-basemap-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  ga_test_remove_tree (f->dir);
  g_free (f->dir);
}

static void
write_tile (const char *root, int z, int x, int y, const char *ext, const char *contents)
{
  g_autofree char *zs = g_strdup_printf ("%d", z);
  g_autofree char *xs = g_strdup_printf ("%d", x);
  g_autofree char *name = g_strdup_printf ("%d.%s", y, ext);
  g_autofree char *dir = g_build_filename (root, zs, xs, NULL);
  g_autofree char *file = g_build_filename (dir, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (file, contents, -1, NULL));
}

static char *
make_mbtiles (Fixture *f, const char *name)
{
  char *path = g_build_filename (f->dir, name, NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TABLE metadata (name TEXT, value TEXT);"
                                 "INSERT INTO metadata VALUES ('name', 'Sample city');"
                                 "INSERT INTO metadata VALUES ('attribution', '© Sample');"
                                 "INSERT INTO metadata VALUES ('minzoom', '9');"
                                 "INSERT INTO metadata VALUES ('maxzoom', '16');"
                                 "INSERT INTO metadata VALUES ('format', 'png');"
                                 "INSERT INTO metadata VALUES ('bounds', "
                                 "'100.4,13.6,100.7,13.9');"
                                 "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER,"
                                 " tile_row INTEGER, tile_data BLOB);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  return path;
}

/* lon/lat box → Mercator through PROJ */
static void
lonlat_to_mercator (double lon0, double lat0, double lon1, double lat1, double out[4])
{
  g_autoptr(GaTransform) tr = ga_transform_new ("EPSG:4326", "EPSG:3857", NULL);
  double xs[2] = { lon0, lon1 }, ys[2] = { lat0, lat1 };

  g_assert_nonnull (tr);
  g_assert_true (ga_transform_apply (tr, xs, ys, 2));
  out[0] = xs[0];
  out[1] = ys[0];
  out[2] = xs[1];
  out[3] = ys[1];
}

/* ---- tests ---- */

static void
test_builtins (void)
{
  g_autoptr(GPtrArray) list = ga_basemap_get_builtins ();
  gboolean have_osm = FALSE;

  g_assert_cmpuint (list->len, >=, 4);
  g_assert_cmpint (ga_basemap_get_kind (g_ptr_array_index (list, 0)), ==, GA_BASEMAP_NONE);
  g_assert_cmpstr (ga_basemap_get_id (g_ptr_array_index (list, 0)), ==, "none");
  g_assert_null (ga_basemap_get_location (g_ptr_array_index (list, 0)));

  for (guint i = 1; i < list->len; i++)
    {
      GaBasemap *b = g_ptr_array_index (list, i);
      const char *url = ga_basemap_get_location (b);

      g_assert_cmpint (ga_basemap_get_kind (b), ==, GA_BASEMAP_XYZ);
      g_assert_true (g_str_has_prefix (url, "https://"));
      g_assert_nonnull (strstr (url, "{z}/{x}/{y}"));
      g_assert_nonnull (ga_basemap_get_attribution (b));
      g_assert_nonnull (strstr (ga_basemap_get_attribution (b), "OpenStreetMap"));
      g_assert_cmpint (ga_basemap_get_tile_size (b), ==, 256);
      g_assert_cmpint (ga_basemap_get_min_zoom (b), <, ga_basemap_get_max_zoom (b));
      g_assert_nonnull (ga_basemap_get_name (b));
      if (g_str_equal (ga_basemap_get_id (b), "osm"))
        {
          have_osm = TRUE;
          g_assert_cmpstr (url, ==, "https://tile.openstreetmap.org/{z}/{x}/{y}.png");
          g_assert_cmpstr (ga_basemap_get_attribution (b), ==, "© OpenStreetMap contributors");
          g_assert_cmpint (ga_basemap_get_max_zoom (b), ==, 19);
          /* OSM's tile usage policy forbids bulk downloads */
          g_assert_cmpuint (ga_basemap_get_max_bulk_tiles (b), ==, 0);
        }
      if (g_str_equal (ga_basemap_get_id (b), "opentopomap"))
        {
          g_assert_cmpstr (ga_basemap_get_attribution (b), ==,
                           "Map data: © OpenStreetMap contributors, SRTM | Map style: © "
                           "OpenTopoMap (CC-BY-SA)");
          g_assert_cmpint (ga_basemap_get_max_zoom (b), ==, 17);
          g_assert_cmpuint (ga_basemap_get_max_bulk_tiles (b), >, 0);
          g_assert_cmpuint (ga_basemap_get_max_bulk_tiles (b), <=, 5000);
        }
    }
  g_assert_true (have_osm);
}

static void
test_spec_kinds (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(GaBasemap) b = ga_basemap_new_from_spec ("none", &error);
    g_assert_no_error (error);
    g_assert_cmpint (ga_basemap_get_kind (b), ==, GA_BASEMAP_NONE);
  }
  {
    g_autoptr(GaBasemap) b = ga_basemap_new_from_spec ("", &error);
    g_assert_no_error (error);
    g_assert_cmpint (ga_basemap_get_kind (b), ==, GA_BASEMAP_NONE);
  }
  {
    g_autoptr(GaBasemap) b =
      ga_basemap_new_from_spec ("http://127.0.0.1:8080/t/{z}/{x}/{y}.png", &error);
    g_assert_no_error (error);
    g_assert_cmpint (ga_basemap_get_kind (b), ==, GA_BASEMAP_XYZ);
    g_assert_cmpstr (ga_basemap_get_location (b), ==, "http://127.0.0.1:8080/t/{z}/{x}/{y}.png");
    g_assert_cmpstr (ga_basemap_get_name (b), ==, "127.0.0.1");
    g_assert_cmpint (ga_basemap_get_tile_size (b), ==, 256);
  }
  {
    /* GDAL's ${z} form is accepted and normalised */
    g_autoptr(GaBasemap) b =
      ga_basemap_new_from_spec ("https://tiles.example.org/${z}/${x}/${y}.png", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (ga_basemap_get_location (b), ==,
                     "https://tiles.example.org/{z}/{x}/{y}.png");
  }
  {
    /* a known server keeps its attribution and its limit */
    g_autoptr(GaBasemap) b =
      ga_basemap_new_from_spec ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (ga_basemap_get_id (b), ==, "osm");
    g_assert_cmpstr (ga_basemap_get_attribution (b), ==, "© OpenStreetMap contributors");
    g_assert_cmpuint (ga_basemap_get_max_bulk_tiles (b), ==, 0);
  }
  {
    g_autoptr(GaBasemap) b = ga_basemap_new_from_spec ("opentopomap", &error);
    g_assert_no_error (error);
    g_assert_cmpint (ga_basemap_get_kind (b), ==, GA_BASEMAP_XYZ);
    g_assert_cmpstr (ga_basemap_get_id (b), ==, "opentopomap");
  }
  {
    g_autofree char *path = make_mbtiles (f, "city.mbtiles");
    g_autoptr(GaBasemap) b = ga_basemap_new_from_spec (path, &error);
    double bounds[4];

    g_assert_no_error (error);
    g_assert_cmpint (ga_basemap_get_kind (b), ==, GA_BASEMAP_MBTILES);
    g_assert_cmpstr (ga_basemap_get_name (b), ==, "Sample city");
    g_assert_cmpstr (ga_basemap_get_attribution (b), ==, "© Sample");
    g_assert_cmpint (ga_basemap_get_min_zoom (b), ==, 9);
    g_assert_cmpint (ga_basemap_get_max_zoom (b), ==, 16);
    g_assert_true (ga_basemap_get_bounds (b, bounds));
    g_assert_cmpfloat (bounds[0], ==, 100.4);
    g_assert_cmpfloat (bounds[3], ==, 13.9);
    g_assert_true (g_path_is_absolute (ga_basemap_get_location (b)));
    g_assert_true (g_str_has_suffix (ga_basemap_get_location (b), "/city.mbtiles"));
  }
  {
    g_autofree char *root = g_build_filename (f->dir, "tiles", NULL);
    g_autoptr(GaBasemap) b = NULL;
    g_autoptr(GaTileReader) reader = NULL;
    g_autoptr(GBytes) tile = NULL;
    double bounds[4];

    write_tile (root, 3, 6, 3, "png", "tile-3-6-3");
    write_tile (root, 5, 25, 14, "png", "tile-5-25-14");
    write_tile (root, 4, 12, 7, "png", "tile-4-12-7");
    /* not tiles */
    g_assert_cmpint (g_mkdir_with_parents (root, 0755), ==, 0);
    {
      g_autofree char *junk = g_build_filename (root, "README.txt", NULL);
      g_autofree char *nondigit = g_build_filename (root, "cache", "1", NULL);

      g_assert_true (g_file_set_contents (junk, "hello", -1, NULL));
      g_assert_cmpint (g_mkdir_with_parents (nondigit, 0755), ==, 0);
    }

    b = ga_basemap_new_from_spec (root, &error);
    g_assert_no_error (error);
    g_assert_cmpint (ga_basemap_get_kind (b), ==, GA_BASEMAP_FOLDER);
    g_assert_cmpint (ga_basemap_get_min_zoom (b), ==, 3);
    g_assert_cmpint (ga_basemap_get_max_zoom (b), ==, 5);
    g_assert_cmpstr (ga_basemap_get_name (b), ==, "tiles");
    g_assert_false (ga_basemap_get_bounds (b, bounds));

    reader = ga_tile_reader_new (b, &error);
    g_assert_no_error (error);
    tile = ga_tile_reader_get_tile (reader, 5, 25, 14, &error);
    g_assert_no_error (error);
    g_assert_cmpmem (g_bytes_get_data (tile, NULL), g_bytes_get_size (tile), "tile-5-25-14", 12);
    g_assert_null (ga_tile_reader_get_tile (reader, 5, 25, 15, &error));
    g_assert_null (ga_tile_reader_get_tile (reader, 6, 0, 0, &error));
    g_assert_no_error (error);
  }
}

static void
test_spec_bad (Fixture *f, gconstpointer data)
{
  g_autofree char *missing = g_build_filename (f->dir, "nowhere.mbtiles", NULL);
  g_autofree char *empty_dir = g_build_filename (f->dir, "empty", NULL);
  g_autofree char *text = g_build_filename (f->dir, "notes.mbtiles", NULL);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GaBasemap) b =
      ga_basemap_new_from_spec ("https://example.invalid/tiles.png", &error);

    g_assert_null (b);
    g_assert_error (error, GA_ERROR, GA_ERROR_BAD_ARGUMENT);
    g_assert_nonnull (strstr (error->message, "{z}"));
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GaBasemap) b = ga_basemap_new_from_spec (missing, &error);

    g_assert_null (b);
    g_assert_error (error, GA_ERROR, GA_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "nowhere.mbtiles"));
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GaBasemap) b = NULL;

    g_assert_cmpint (g_mkdir (empty_dir, 0755), ==, 0);
    b = ga_basemap_new_from_spec (empty_dir, &error);
    g_assert_null (b);
    g_assert_error (error, GA_ERROR, GA_ERROR_UNSUPPORTED);
    g_assert_cmpstr (error->message, ==,
                     "“empty” is not a tile folder: it has no {z}/{x}/{y}.png or .jpg tiles.");
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GaBasemap) b = NULL;

    g_assert_true (g_file_set_contents (text, "not a database, just some words of text here\n",
                                        -1, NULL));
    b = ga_basemap_new_from_spec (text, &error);
    g_assert_null (b);
    g_assert_cmpstr (error->message, ==,
                     "“notes.mbtiles” is not an MBTiles file (not an SQLite database).");
  }
}

static void
test_json (void)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) back = NULL;
  g_autofree char *json = NULL;

  g_ptr_array_add (list, ga_basemap_new_xyz ("custom:city", "City GIS “ortho” ภาพถ่าย",
                                             "https://gis.city.example/ortho/{z}/{x}/{y}.jpg",
                                             "© City of Bangkok", 10, 20, 512, 300));
  g_ptr_array_add (list, ga_basemap_new_xyz (NULL, NULL,
                                             "http://127.0.0.1:9000/{z}/{x}/{y}.png",
                                             NULL, 0, 18, 256, 0));
  /* only XYZ sources are stored */
  g_ptr_array_add (list, ga_basemap_new_none ());

  json = ga_basemap_list_to_json (list);
  back = ga_basemap_list_from_json (json);
  g_assert_cmpuint (back->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      GaBasemap *a = g_ptr_array_index (list, i), *b = g_ptr_array_index (back, i);

      g_assert_cmpint (ga_basemap_get_kind (b), ==, GA_BASEMAP_XYZ);
      g_assert_cmpstr (ga_basemap_get_id (b), ==, ga_basemap_get_id (a));
      g_assert_cmpstr (ga_basemap_get_name (b), ==, ga_basemap_get_name (a));
      g_assert_cmpstr (ga_basemap_get_location (b), ==, ga_basemap_get_location (a));
      g_assert_cmpstr (ga_basemap_get_attribution (b), ==, ga_basemap_get_attribution (a));
      g_assert_cmpint (ga_basemap_get_min_zoom (b), ==, ga_basemap_get_min_zoom (a));
      g_assert_cmpint (ga_basemap_get_max_zoom (b), ==, ga_basemap_get_max_zoom (a));
      g_assert_cmpint (ga_basemap_get_tile_size (b), ==, ga_basemap_get_tile_size (a));
      g_assert_cmpuint (ga_basemap_get_max_bulk_tiles (b), ==,
                        ga_basemap_get_max_bulk_tiles (a));
    }
  g_assert_cmpint (ga_basemap_get_tile_size (g_ptr_array_index (back, 0)), ==, 512);
  g_assert_cmpstr (ga_basemap_get_name (g_ptr_array_index (back, 1)), ==, "127.0.0.1");

  /* invalid entries are skipped, the rest kept */
  {
    g_autoptr(GPtrArray) some = ga_basemap_list_from_json (
      "[{\"name\": \"no url\"},"
      " {\"url\": \"https://a.example/tiles.png\"},"
      " {\"url\": \"file:///tmp/{z}/{x}/{y}.png\"},"
      " {\"url\": \"https://b.example/{z}/{x}/{y}.png\", \"min_zoom\": 12, \"max_zoom\": 3},"
      " 42, \"text\", null,"
      " {\"url\": \"https://c.example/{z}/{x}/{y}.png\", \"name\": \"C\"}]");

    g_assert_cmpuint (some->len, ==, 1);
    g_assert_cmpstr (ga_basemap_get_name (g_ptr_array_index (some, 0)), ==, "C");
    g_assert_cmpint (ga_basemap_get_max_zoom (g_ptr_array_index (some, 0)), ==, 19);
  }
  {
    g_autoptr(GPtrArray) none1 = ga_basemap_list_from_json ("{not json");
    g_autoptr(GPtrArray) none2 = ga_basemap_list_from_json ("{\"a\": 1}");
    g_autoptr(GPtrArray) none3 = ga_basemap_list_from_json ("");

    g_assert_cmpuint (none1->len, ==, 0);
    g_assert_cmpuint (none2->len, ==, 0);
    g_assert_cmpuint (none3->len, ==, 0);
  }
}

static void
test_tile_count (void)
{
  double bkk[4];
  int x0, y0, x1, y1;

  /* central Bangkok inside one z10 tile (x 797, y 472, as libshumate shows it) */
  lonlat_to_mercator (100.45, 13.70, 100.52, 13.80, bkk);
  g_assert_cmpuint (ga_tile_range_count (bkk[0], bkk[1], bkk[2], bkk[3], 10, 10), ==, 1);
  g_assert_true (ga_tile_range_at_zoom (bkk[0], bkk[1], bkk[2], bkk[3], 10,
                                        &x0, &y0, &x1, &y1));
  g_assert_cmpint (x0, ==, 797);
  g_assert_cmpint (y0, ==, 472);
  g_assert_cmpint (x1, ==, 797);
  g_assert_cmpint (y1, ==, 472);
  /* one tile at every zoom 0..10 */
  g_assert_cmpuint (ga_tile_range_count (bkk[0], bkk[1], bkk[2], bkk[3], 0, 10), ==, 11);

  /* a tiny box across the origin touches 2 x 2 tiles from z1 on */
  g_assert_cmpuint (ga_tile_range_count (-1, -1, 1, 1, 0, 0), ==, 1);
  g_assert_cmpuint (ga_tile_range_count (-1, -1, 1, 1, 1, 1), ==, 4);
  g_assert_cmpuint (ga_tile_range_count (-1, -1, 1, 1, 0, 3), ==, 1 + 4 + 4 + 4);
  /* the whole world */
  g_assert_cmpuint (ga_tile_range_count (-H, -H, H, H, 2, 2), ==, 16);
  g_assert_cmpuint (ga_tile_range_count (-H, -H, H, H, 0, 2), ==, 21);
  /* an edge exactly on a tile border does not take the next tile */
  g_assert_cmpuint (ga_tile_range_count (0, 0, H, H, 1, 1), ==, 1);
  g_assert_cmpuint (ga_tile_range_count (0, 0, H / 2, H / 2, 2, 2), ==, 1);
  g_assert_cmpuint (ga_tile_range_count (0, 0, H / 2 + 1, H / 2, 2, 2), ==, 2);
  /* larger than the world is clamped; outside is none */
  g_assert_cmpuint (ga_tile_range_count (-3 * H, -3 * H, 3 * H, 3 * H, 1, 1), ==, 4);
  g_assert_cmpuint (ga_tile_range_count (2 * H, 0, 3 * H, 1, 0, 5), ==, 0);
  /* 3 x 2 at z3: x 4..6 (0 .. 3H/4 + ε), y 2..3 (H/2 − ε .. H/4 + ε on the north side) */
  g_assert_cmpuint (ga_tile_range_count (1, 1, 0.75 * H - 1, 0.5 * H - 1, 3, 3), ==, 3 * 2);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/basemap/builtins", test_builtins);
  g_test_add ("/basemap/spec-kinds", Fixture, NULL, fixture_setup, test_spec_kinds,
              fixture_teardown);
  g_test_add ("/basemap/spec-bad", Fixture, NULL, fixture_setup, test_spec_bad,
              fixture_teardown);
  g_test_add_func ("/basemap/json", test_json);
  g_test_add_func ("/basemap/tile-count", test_tile_count);

  return g_test_run ();
}
