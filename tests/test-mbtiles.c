/* test-mbtiles.c — the MBTiles reader and writer on files generated here
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "ga-error.h"
#include "ga-mbtiles.h"

#include "ga-test-util.h"

typedef struct
{
  char *dir;
} Fixture;

/* ---- fixtures ---- */

static void
tile_colour (int z, int x, int y, int rgb[3])
{
  rgb[0] = 20 + 40 * x % 230;
  rgb[1] = 20 + 40 * y % 230;
  rgb[2] = 30 * z;
}

/* Decodes a PNG tile and checks its centre pixel. */
static void
assert_tile_colour (GBytes *tile, int z, int x, int y)
{
  cairo_surface_t *s;
  guint32 v;
  int rgb[3];

  g_assert_nonnull (tile);
  s = ga_test_png_decode (tile);
  g_assert_cmpint (cairo_surface_status (s), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_flush (s);
  v = *(guint32 *) (void *) (cairo_image_surface_get_data (s) +
                             128 * cairo_image_surface_get_stride (s) + 128 * 4);
  tile_colour (z, x, y, rgb);
  g_assert_cmpint ((v >> 16) & 0xff, ==, rgb[0]);
  g_assert_cmpint ((v >> 8) & 0xff, ==, rgb[1]);
  g_assert_cmpint (v & 0xff, ==, rgb[2]);
  cairo_surface_destroy (s);
}

static void
exec_sql (sqlite3 *db, const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("SQL failed: %s: %s", sql, message);
}

/* Tiles stored the MBTiles way: TMS rows (row = 2^z − 1 − y). */
static void
insert_tile (sqlite3 *db, int z, int x, int y, GBytes *data)
{
  sqlite3_stmt *stmt;
  gsize size;
  const void *blob = g_bytes_get_data (data, &size);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO tiles VALUES (?, ?, ?, ?)", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int (stmt, 1, z);
  sqlite3_bind_int (stmt, 2, x);
  sqlite3_bind_int (stmt, 3, (1 << z) - 1 - y);
  sqlite3_bind_blob (stmt, 4, blob, (int) size, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

/* Every tile of zooms 0..3, coloured by z/x/y, plus @metadata rows ("k=v" strings). */
static char *
make_mbtiles (Fixture     *f,
              const char  *name,
              const char **metadata)
{
  char *path = g_build_filename (f->dir, name, NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_sql (db, "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, "
                "tile_row INTEGER, tile_data BLOB); BEGIN;");
  if (metadata != NULL)
    {
      exec_sql (db, "CREATE TABLE metadata (name TEXT, value TEXT)");
      for (int i = 0; metadata[i] != NULL; i++)
        {
          g_auto(GStrv) kv = g_strsplit (metadata[i], "=", 2);
          char *sql = sqlite3_mprintf ("INSERT INTO metadata VALUES (%Q, %Q)", kv[0], kv[1]);

          exec_sql (db, sql);
          sqlite3_free (sql);
        }
    }
  for (int z = 0; z <= 3; z++)
    for (int x = 0; x < (1 << z); x++)
      for (int y = 0; y < (1 << z); y++)
        {
          int rgb[3];
          g_autoptr(GBytes) png = NULL;

          tile_colour (z, x, y, rgb);
          png = ga_test_png_bytes (rgb[0], rgb[1], rgb[2]);
          insert_tile (db, z, x, y, png);
        }
  exec_sql (db, "COMMIT");
  sqlite3_close (db);
  return path;
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("ga-mbtiles-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static gboolean
file_exists (Fixture *f, const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* ---- tests ---- */

static void
test_read_tiles (Fixture *f, gconstpointer data)
{
  const char *meta[] = { "name=Test city", "minzoom=1", "maxzoom=3", "format=png",
                         "attribution=© Test contributors", NULL };
  g_autofree char *path = make_mbtiles (f, "city.mbtiles", meta);
  g_autoptr(GError) error = NULL;
  g_autoptr(GaMbtiles) mb = ga_mbtiles_open (path, &error);
  const GaMbtilesInfo *info;

  g_assert_no_error (error);
  g_assert_nonnull (mb);
  g_assert_cmpstr (ga_mbtiles_get_path (mb), ==, path);
  info = ga_mbtiles_get_info (mb);
  g_assert_cmpstr (info->name, ==, "Test city");
  g_assert_cmpstr (info->attribution, ==, "© Test contributors");
  g_assert_cmpstr (info->format, ==, "png");
  g_assert_cmpint (info->min_zoom, ==, 1);
  g_assert_cmpint (info->max_zoom, ==, 3);
  g_assert_false (info->has_bounds);

  /* XYZ in, TMS rows in the file: every tile comes back as its own colour */
  for (int z = 1; z <= 3; z++)
    for (int x = 0; x < (1 << z); x++)
      for (int y = 0; y < (1 << z); y++)
        {
          g_autoptr(GBytes) tile = ga_mbtiles_get_tile (mb, z, x, y, &error);

          g_assert_no_error (error);
          assert_tile_colour (tile, z, x, y);
        }

  /* z0 is in the file but outside metadata's zoom range; off-world tiles */
  g_assert_null (ga_mbtiles_get_tile (mb, 0, 0, 0, &error));
  g_assert_no_error (error);
  g_assert_null (ga_mbtiles_get_tile (mb, 4, 0, 0, &error));
  g_assert_no_error (error);
  g_assert_null (ga_mbtiles_get_tile (mb, 2, 4, 0, &error));
  g_assert_null (ga_mbtiles_get_tile (mb, 2, 0, -1, &error));
  g_assert_no_error (error);
}

static void
test_bounds (Fixture *f, gconstpointer data)
{
  /* the north-east quarter of the world, minus a margin */
  const char *meta[] = { "bounds=10,10,170,80", NULL };
  g_autofree char *path = make_mbtiles (f, "ne.mbtiles", meta);
  g_autoptr(GError) error = NULL;
  g_autoptr(GaMbtiles) mb = ga_mbtiles_open (path, &error);
  const GaMbtilesInfo *info;
  g_autoptr(GBytes) ne = NULL;

  g_assert_no_error (error);
  info = ga_mbtiles_get_info (mb);
  g_assert_true (info->has_bounds);
  g_assert_cmpfloat (info->bounds[0], ==, 10);
  g_assert_cmpfloat (info->bounds[3], ==, 80);
  /* no minzoom/maxzoom in metadata: from the tiles table */
  g_assert_cmpint (info->min_zoom, ==, 0);
  g_assert_cmpint (info->max_zoom, ==, 3);
  /* no name: the file's name; no format: sniffed */
  g_assert_cmpstr (info->name, ==, "ne");
  g_assert_cmpstr (info->format, ==, "png");

  ne = ga_mbtiles_get_tile (mb, 1, 1, 0, &error);
  assert_tile_colour (ne, 1, 1, 0);
  /* stored, but outside the bounds: nothing, and no error */
  g_assert_null (ga_mbtiles_get_tile (mb, 1, 0, 0, &error)); /* north-west */
  g_assert_null (ga_mbtiles_get_tile (mb, 1, 1, 1, &error)); /* south-east */
  g_assert_null (ga_mbtiles_get_tile (mb, 3, 0, 2, &error)); /* west of 10°E */
  g_assert_no_error (error);
  {
    g_autoptr(GBytes) in = ga_mbtiles_get_tile (mb, 3, 5, 2, &error);
    assert_tile_colour (in, 3, 5, 2);
  }
}

static void
assert_open_fails (const char *path,
                   int         code,
                   const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GaMbtiles) mb = ga_mbtiles_open (path, &error);

  g_assert_null (mb);
  g_assert_error (error, GA_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_bad_files (Fixture *f, gconstpointer data)
{
  g_autofree char *text = g_build_filename (f->dir, "notes.mbtiles", NULL);
  g_autofree char *notiles = g_build_filename (f->dir, "empty.mbtiles", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "gone.mbtiles", NULL);
  const char *vmeta[] = { "name=Roads", "format=pbf", NULL };
  g_autofree char *vector = make_mbtiles (f, "roads.mbtiles", vmeta);
  sqlite3 *db = NULL;

  g_assert_true (g_file_set_contents (text, "These are meeting notes, not a map.\n"
                                            "Second line of text that is long enough.\n",
                                      -1, NULL));
  assert_open_fails (text, GA_ERROR_UNSUPPORTED,
                     "“notes.mbtiles” is not an MBTiles file (not an SQLite database).");

  g_assert_cmpint (sqlite3_open (notiles, &db), ==, SQLITE_OK);
  exec_sql (db, "CREATE TABLE metadata (name TEXT, value TEXT)");
  sqlite3_close (db);
  assert_open_fails (notiles, GA_ERROR_UNSUPPORTED,
                     "“empty.mbtiles” is not an MBTiles file: it has no “tiles” table.");

  assert_open_fails (vector, GA_ERROR_UNSUPPORTED,
                     "“roads.mbtiles” holds vector tiles; Green Atlas shows raster MBTiles "
                     "(PNG or JPEG).");

  assert_open_fails (missing, GA_ERROR_NOT_FOUND, "“gone.mbtiles” does not exist.");

  /* vector tiles with no format in the metadata: gzip bytes give them away */
  {
    g_autofree char *gz = g_build_filename (f->dir, "gz.mbtiles", NULL);
    g_autoptr(GBytes) blob = g_bytes_new_static ("\x1f\x8b\x08\x00\x00\x00\x00\x00", 8);

    g_assert_cmpint (sqlite3_open (gz, &db), ==, SQLITE_OK);
    exec_sql (db, "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, "
                  "tile_row INTEGER, tile_data BLOB)");
    insert_tile (db, 0, 0, 0, blob);
    sqlite3_close (db);
    assert_open_fails (gz, GA_ERROR_UNSUPPORTED,
                       "“gz.mbtiles” holds vector tiles; Green Atlas shows raster MBTiles "
                       "(PNG or JPEG).");
  }
}

static void
test_writer_round_trip (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "pack.mbtiles", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GaMbtilesWriter) writer = NULL;
  g_autoptr(GaMbtiles) mb = NULL;
  GaMbtilesInfo info = { 0 };
  const GaMbtilesInfo *got;
  int n = 0;

  info.name = (char *) "Bangkok (offline)";
  info.attribution = (char *) "© OpenStreetMap contributors";
  info.format = (char *) "png";
  info.min_zoom = 2;
  info.max_zoom = 9;
  info.has_bounds = TRUE;
  info.bounds[0] = 100.45;
  info.bounds[1] = -80;
  info.bounds[2] = 179;
  info.bounds[3] = 80;

  writer = ga_mbtiles_writer_new (path, &info, &error);
  g_assert_no_error (error);
  /* more than one batch */
  for (int z = 2; z <= 5; z++)
    for (int x = 1 << (z - 1); x < (1 << z); x++)
      for (int y = 0; y < (1 << z); y++)
        {
          int rgb[3];
          g_autoptr(GBytes) png = NULL;

          tile_colour (z, x, y, rgb);
          png = ga_test_png_bytes (rgb[0], rgb[1], rgb[2]);
          g_assert_true (ga_mbtiles_writer_put (writer, z, x, y, png, &error));
          g_assert_no_error (error);
          n++;
        }
  g_assert_cmpint (n, >, 512);
  /* nothing under the final name until finished */
  g_assert_false (file_exists (f, "pack.mbtiles"));
  g_assert_true (file_exists (f, "pack.mbtiles.partial"));
  g_assert_true (ga_mbtiles_writer_finish (writer, &error));
  g_assert_no_error (error);
  g_clear_pointer (&writer, ga_mbtiles_writer_free);
  g_assert_true (file_exists (f, "pack.mbtiles"));
  g_assert_false (file_exists (f, "pack.mbtiles.partial"));

  mb = ga_mbtiles_open (path, &error);
  g_assert_no_error (error);
  got = ga_mbtiles_get_info (mb);
  g_assert_cmpstr (got->name, ==, "Bangkok (offline)");
  g_assert_cmpstr (got->attribution, ==, "© OpenStreetMap contributors");
  g_assert_cmpstr (got->format, ==, "png");
  /* what is really in the file */
  g_assert_cmpint (got->min_zoom, ==, 2);
  g_assert_cmpint (got->max_zoom, ==, 5);
  g_assert_true (got->has_bounds);
  g_assert_cmpfloat_with_epsilon (got->bounds[0], 100.45, 1e-6);
  g_assert_cmpfloat_with_epsilon (got->bounds[3], 80, 1e-6);
  for (int z = 2; z <= 5; z++)
    {
      /* east, just south of the equator: inside the bounds */
      g_autoptr(GBytes) t = ga_mbtiles_get_tile (mb, z, (1 << z) - 1, 1 << (z - 1), &error);
      assert_tile_colour (t, z, (1 << z) - 1, 1 << (z - 1));
    }

  /* the file follows the MBTiles spec: a unique index on the tiles table */
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM sqlite_master WHERE "
                                             "type = 'index' AND tbl_name = 'tiles' AND "
                                             "sql LIKE 'CREATE UNIQUE INDEX%'", -1, &stmt,
                                         NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
    sqlite3_finalize (stmt);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM tiles", -1, &stmt, NULL),
                     ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, n);
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
}

static void
test_writer_atomic (Fixture *f, gconstpointer data)
{
  const char *meta[] = { "name=Old good", NULL };
  g_autofree char *path = make_mbtiles (f, "keep.mbtiles", meta);
  g_autofree char *fresh = g_build_filename (f->dir, "fresh.mbtiles", NULL);
  g_autofree char *before = NULL, *after = NULL;
  gsize before_len, after_len;
  g_autoptr(GError) error = NULL;
  GaMbtilesInfo info = { 0 };
  g_autoptr(GBytes) png = ga_test_png_bytes (1, 2, 3);

  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));
  info.name = (char *) "New";

  /* a cancelled (never finished) write over an existing file leaves it untouched */
  {
    GaMbtilesWriter *writer = ga_mbtiles_writer_new (path, &info, &error);

    g_assert_no_error (error);
    g_assert_true (ga_mbtiles_writer_put (writer, 0, 0, 0, png, &error));
    ga_mbtiles_writer_free (writer);
  }
  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
  g_assert_false (file_exists (f, "keep.mbtiles.partial"));
  {
    g_autoptr(GaMbtiles) mb = ga_mbtiles_open (path, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (ga_mbtiles_get_info (mb)->name, ==, "Old good");
  }

  /* and a new file never appears */
  {
    GaMbtilesWriter *writer = ga_mbtiles_writer_new (fresh, &info, &error);

    g_assert_no_error (error);
    g_assert_true (ga_mbtiles_writer_put (writer, 0, 0, 0, png, &error));
    ga_mbtiles_writer_free (writer);
  }
  g_assert_false (file_exists (f, "fresh.mbtiles"));
  g_assert_false (file_exists (f, "fresh.mbtiles.partial"));

  /* an unwritable place is a clear error naming the file */
  {
    GaMbtilesWriter *writer = ga_mbtiles_writer_new ("/nonexistent-dir/pack.mbtiles", &info,
                                                     &error);

    g_assert_null (writer);
    g_assert_error (error, GA_ERROR, GA_ERROR_IO);
    g_assert_nonnull (strstr (error->message, "pack.mbtiles"));
  }
}

typedef struct
{
  GaMbtiles *mb;
  GPtrArray *expected;  /* PNG bytes by tile_index() */
  int        seed;
  gboolean   ok;
} ThreadData;

static guint
tile_index (int z, int x, int y)
{
  return ((1u << (2 * z)) - 1) / 3 + (guint) (x << z) + (guint) y;
}

static gpointer
reader_thread (gpointer data)
{
  ThreadData *td = data;
  GRand *rand = g_rand_new_with_seed (td->seed);

  td->ok = TRUE;
  for (int i = 0; i < 2000 && td->ok; i++)
    {
      int z = g_rand_int_range (rand, 0, 4);
      int x = g_rand_int_range (rand, 0, 1 << z);
      int y = g_rand_int_range (rand, 0, 1 << z);
      g_autoptr(GBytes) tile = ga_mbtiles_get_tile (td->mb, z, x, y, NULL);

      td->ok = tile != NULL &&
               g_bytes_equal (tile, g_ptr_array_index (td->expected, tile_index (z, x, y)));
    }
  g_rand_free (rand);
  return NULL;
}

static void
test_threads (Fixture *f, gconstpointer data)
{
  g_autofree char *path = make_mbtiles (f, "shared.mbtiles", NULL);
  g_autoptr(GaMbtiles) mb = ga_mbtiles_open (path, NULL);
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  ThreadData td[4];
  GThread *threads[4];

  g_assert_nonnull (mb);
  for (int z = 0; z <= 3; z++)
    for (int x = 0; x < (1 << z); x++)
      for (int y = 0; y < (1 << z); y++)
        {
          int rgb[3];

          tile_colour (z, x, y, rgb);
          g_assert_cmpuint (tile_index (z, x, y), ==, expected->len);
          g_ptr_array_add (expected, ga_test_png_bytes (rgb[0], rgb[1], rgb[2]));
        }
  for (int i = 0; i < 4; i++)
    {
      td[i].mb = mb;
      td[i].expected = expected;
      td[i].seed = i + 1;
      threads[i] = g_thread_new ("reader", reader_thread, &td[i]);
    }
  for (int i = 0; i < 4; i++)
    {
      g_thread_join (threads[i]);
      g_assert_true (td[i].ok);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/mbtiles/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("read-tiles", test_read_tiles);
  ADD ("bounds", test_bounds);
  ADD ("bad-files", test_bad_files);
  ADD ("writer-round-trip", test_writer_round_trip);
  ADD ("writer-atomic", test_writer_atomic);
  ADD ("threads", test_threads);
#undef ADD

  return g_test_run ();
}
