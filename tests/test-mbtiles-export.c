/* test-mbtiles-export.c — layers rendered into an MBTiles basemap, and the style sheet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ga-basemap.h"
#include "ga-crs.h"
#include "ga-error.h"
#include "ga-layer-store.h"
#include "ga-mbtiles-export.h"
#include "ga-mbtiles.h"
#include "ga-render-private.h"
#include "ga-style-sheet.h"

#define MIN_Z 10
#define MAX_Z 12

typedef struct
{
  char         *dir;
  GaLayerStore *store;
  GaExtent      square;   /* Mercator extent of the red square */
  GaExtent      extent;   /* what is exported: the square and a margin */
} Fixture;

static const char *STYLE =
  "{ \"background\": \"#ffffff\",\n"
  "  \"layers\": { \"square\": { \"fill\": \"#ff0000\", \"stroke\": \"none\", \"alpha\": 1 } } }\n";

static char *
write_file (const char *dir,
            const char *name,
            const char *text)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  const char *fields[] = { "name", NULL };
  const char *values[] = { "square" };
  g_autoptr(GaLayer) layer = ga_layer_new ("square");
  /* Around Bangkok, about 5 km on a side. */
  double x0 = 11190000.0, y0 = 1545000.0, x1 = 11195000.0, y1 = 1550000.0;

  f->dir = g_dir_make_tmp ("ga-mbtiles-export-XXXXXX", NULL);
  g_assert_nonnull (f->dir);

  ga_layer_set_fields (layer, fields);
  ga_layer_begin_feature (layer, GA_GEOM_POLYGON);
  ga_layer_begin_part (layer);
  ga_layer_add_coord (layer, x0, y0);
  ga_layer_add_coord (layer, x1, y0);
  ga_layer_add_coord (layer, x1, y1);
  ga_layer_add_coord (layer, x0, y1);
  ga_layer_add_coord (layer, x0, y0);
  ga_layer_end_feature (layer, values);
  ga_layer_seal (layer);

  f->store = ga_layer_store_new ();
  ga_layer_store_add (f->store, layer);
  f->square = (GaExtent) { x0, y0, x1, y1 };
  f->extent = (GaExtent) { x0 - 3000.0, y0 - 3000.0, x1 + 3000.0, y1 + 3000.0 };
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
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
  g_clear_object (&f->store);
}

typedef struct
{
  const guint8 *data;
  gsize         size;
  gsize         pos;
} Reader;

static cairo_status_t
read_cb (void          *closure,
         unsigned char *out,
         unsigned int   length)
{
  Reader *r = closure;

  if (r->pos + length > r->size)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (out, r->data + r->pos, length);
  r->pos += length;
  return CAIRO_STATUS_SUCCESS;
}

static cairo_surface_t *
decode_png (GBytes *bytes)
{
  Reader r = { 0 };

  r.data = g_bytes_get_data (bytes, &r.size);
  return cairo_image_surface_create_from_png_stream (read_cb, &r);
}

static guint32
pixel_at (cairo_surface_t *s,
          int              x,
          int              y)
{
  const guint8 *data = cairo_image_surface_get_data (s);

  return *(const guint32 *) (const void *) (data + y * cairo_image_surface_get_stride (s) +
                                           4 * x) & 0xffffff;
}

static guint64
count_tiles (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint64 n;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM tiles", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = (guint64) sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, *last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  *last = fraction;
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *style_path = write_file (f->dir, "style.json", STYLE);
  g_autofree char *out = g_build_filename (f->dir, "out.mbtiles", NULL);
  g_autoptr(GaStyleSheet) style = NULL;
  g_autoptr(GaMbtiles) mbtiles = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GaTransform) tr = NULL;
  const GaMbtilesInfo *info;
  double last = 0.0;
  double lon[2] = { f->extent.min_x, f->extent.max_x };
  double lat[2] = { f->extent.min_y, f->extent.max_y };
  guint64 expected;
  guint decoded = 0;

  style = ga_style_sheet_load (style_path, &error);
  g_assert_no_error (error);

  g_assert_true (ga_mbtiles_export (f->store, style, &f->extent, MIN_Z, MAX_Z, "Test basemap",
                                    "© Test contributors", out, NULL, progress_cb, &last,
                                    &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (last, ==, 1.0);

  /* Every tile of the extent, no more. */
  expected = ga_tile_range_count (f->extent.min_x, f->extent.min_y, f->extent.max_x,
                                  f->extent.max_y, MIN_Z, MAX_Z);
  g_assert_cmpuint (expected, >, 3);
  g_assert_cmpuint (count_tiles (out), ==, expected);

  mbtiles = ga_mbtiles_open (out, &error);
  g_assert_no_error (error);
  info = ga_mbtiles_get_info (mbtiles);
  g_assert_cmpstr (info->name, ==, "Test basemap");
  g_assert_cmpstr (info->attribution, ==, "© Test contributors");
  g_assert_cmpstr (info->format, ==, "png");
  g_assert_cmpint (info->min_zoom, ==, MIN_Z);
  g_assert_cmpint (info->max_zoom, ==, MAX_Z);
  g_assert_true (info->has_bounds);
  tr = ga_transform_new ("EPSG:3857", "EPSG:4326", &error);
  g_assert_no_error (error);
  g_assert_true (ga_transform_apply (tr, lon, lat, 2));
  g_assert_cmpfloat_with_epsilon (info->bounds[0], lon[0], 1e-5);
  g_assert_cmpfloat_with_epsilon (info->bounds[1], lat[0], 1e-5);
  g_assert_cmpfloat_with_epsilon (info->bounds[2], lon[1], 1e-5);
  g_assert_cmpfloat_with_epsilon (info->bounds[3], lat[1], 1e-5);

  /* Every tile decodes as a 256x256 PNG. */
  for (int z = MIN_Z; z <= MAX_Z; z++)
    {
      double n = exp2 (z), h = GA_MERCATOR_HALF_WORLD;
      int tx0 = (int) floor ((f->extent.min_x + h) / (2 * h) * n);
      int tx1 = (int) floor ((f->extent.max_x + h) / (2 * h) * n);
      int ty0 = (int) floor ((h - f->extent.max_y) / (2 * h) * n);
      int ty1 = (int) floor ((h - f->extent.min_y) / (2 * h) * n);

      for (int x = tx0; x <= tx1; x++)
        for (int y = ty0; y <= ty1; y++)
          {
            g_autoptr(GBytes) bytes = ga_mbtiles_get_tile (mbtiles, z, x, y, &error);
            g_autoptr(cairo_surface_t) img = NULL;

            g_assert_no_error (error);
            g_assert_nonnull (bytes);
            img = decode_png (bytes);
            g_assert_cmpint (cairo_surface_status (img), ==, CAIRO_STATUS_SUCCESS);
            g_assert_cmpint (cairo_image_surface_get_width (img), ==, 256);
            g_assert_cmpint (cairo_image_surface_get_height (img), ==, 256);
            decoded++;
          }
    }
  g_assert_cmpuint (decoded, ==, expected);

  /* Inside the square the tile has the style's red; outside it, the white background. */
  {
    int z = MAX_Z;
    double n = exp2 (z), h = GA_MERCATOR_HALF_WORLD;
    double cx = (f->square.min_x + f->square.max_x) / 2, cy = (f->square.min_y + f->square.max_y) / 2;
    double wx = (cx + h) / (2 * h) * n * 256, wy = (h - cy) / (2 * h) * n * 256;
    double ox = (f->extent.min_x + 1000.0 + h) / (2 * h) * n * 256;
    double oy = (h - (f->extent.max_y - 1000.0)) / (2 * h) * n * 256;
    g_autoptr(GBytes) in_bytes = ga_mbtiles_get_tile (mbtiles, z, (int) (wx / 256),
                                                      (int) (wy / 256), &error);
    g_autoptr(GBytes) out_bytes = ga_mbtiles_get_tile (mbtiles, z, (int) (ox / 256),
                                                       (int) (oy / 256), &error);
    g_autoptr(cairo_surface_t) in_img = decode_png (in_bytes);
    g_autoptr(cairo_surface_t) out_img = decode_png (out_bytes);

    g_assert_cmphex (pixel_at (in_img, (int) fmod (wx, 256), (int) fmod (wy, 256)), ==,
                     0xff0000);
    g_assert_cmphex (pixel_at (out_img, (int) fmod (ox, 256), (int) fmod (oy, 256)), ==,
                     0xffffff);
  }
}

static void
cancel_on_progress_cb (double   fraction,
                       gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "cancelled.mbtiles", NULL);
  g_autofree char *partial = g_strconcat (out, ".partial", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (ga_mbtiles_export (f->store, NULL, &f->extent, MIN_Z, MAX_Z + 2, NULL, NULL,
                                     out, cancellable, cancel_on_progress_cb, cancellable,
                                     &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));
}

static void
test_bad_zooms (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "bad.mbtiles", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (ga_mbtiles_export (f->store, NULL, NULL, 14, 12, NULL, NULL, out, NULL, NULL,
                                     NULL, &error));
  g_assert_error (error, GA_ERROR, GA_ERROR_BAD_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "bad.mbtiles"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

static void
test_style_sheet (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *good = write_file (f->dir, "good.json",
    "{ \"background\": \"#f3f0ea\", \"layers\": { \"square\": {"
    " \"fill\": \"#00ff0080\", \"stroke\": \"none\", \"width\": 2.5, \"dash\": [4, 2],"
    " \"min-zoom\": 11, \"label\": { \"text\": \"{name}\", \"size\": 13, \"min-zoom\": 12,"
    " \"priority\": 3 } } } }");
  g_autofree char *bad_colour = write_file (f->dir, "bad-colour.json",
    "{ \"layers\": { \"roads\": { \"stroke\": \"blue\" } } }");
  g_autofree char *not_json = write_file (f->dir, "broken.json", "{ \"layers\": ");
  g_autofree char *missing = g_build_filename (f->dir, "missing.json", NULL);
  g_autoptr(GaStyleSheet) style = NULL;
  g_autoptr(GaLayer) other = ga_layer_new ("not-in-sheet");
  GaLayer *square = ga_layer_store_get (f->store, 0);
  g_autoptr(GError) error = NULL;
  GaSymbol s, d;
  double bg[4];

  style = ga_style_sheet_load (good, &error);
  g_assert_no_error (error);
  g_assert_true (ga_style_sheet_get_background (style, bg));
  g_assert_cmpfloat_with_epsilon (bg[0], 0xf3 / 255.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (bg[3], 1.0, 1e-9);

  ga_style_sheet_apply (style, square, &s);
  g_assert_cmpfloat_with_epsilon (s.fill[1], 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (s.fill[3], 0x80 / 255.0, 1e-9);
  g_assert_cmpfloat (s.stroke[3], ==, 0.0);
  g_assert_cmpfloat (s.line_width, ==, 2.5);
  g_assert_cmpfloat (s.line_dash[0], ==, 4.0);
  g_assert_cmpint (s.min_zoom, ==, 11);
  g_assert_cmpstr (s.label_text, ==, "{name}");
  g_assert_cmpfloat (s.label_size, ==, 13.0);
  g_assert_cmpint (s.label_min_zoom, ==, 12);
  g_assert_cmpint (s.label_priority, ==, 3);
  /* unset keys keep the default symbol: layer alpha of a polygon layer */
  ga_symbol_init_default (&d, square);
  g_assert_cmpfloat (s.layer_alpha, ==, d.layer_alpha);
  g_assert_cmpfloat (s.point_radius, ==, d.point_radius);

  /* a layer the sheet does not name: the default symbol, no label */
  ga_style_sheet_apply (style, other, &s);
  g_assert_cmpstr (s.label_text, ==, "");

  g_clear_object (&style);
  style = ga_style_sheet_load (bad_colour, &error);
  g_assert_null (style);
  g_assert_error (error, GA_ERROR, GA_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "bad-colour.json"));
  g_assert_nonnull (strstr (error->message, "roads"));
  g_assert_nonnull (strstr (error->message, "stroke"));
  g_clear_error (&error);

  style = ga_style_sheet_load (not_json, &error);
  g_assert_null (style);
  g_assert_error (error, GA_ERROR, GA_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "broken.json"));
  g_clear_error (&error);

  style = ga_style_sheet_load (missing, &error);
  g_assert_null (style);
  g_assert_error (error, GA_ERROR, GA_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "missing.json"));
}

/* The bundled basemap style sheet parses. */
static void
test_bundled_style (void)
{
  const char *src = g_getenv ("GA_SOURCE_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GaStyleSheet) style = NULL;
  g_autoptr(GError) error = NULL;
  double bg[4];

  if (src == NULL)
    {
      g_test_skip ("GA_SOURCE_DIR is not set");
      return;
    }
  path = g_build_filename (src, "data", "sample", "basemap", "style.json", NULL);
  style = ga_style_sheet_load (path, &error);
  g_assert_no_error (error);
  g_assert_true (ga_style_sheet_get_background (style, bg));
  g_assert_cmpfloat (bg[3], ==, 1.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/mbtiles-export/export", Fixture, NULL, fixture_setup, test_export,
              fixture_teardown);
  g_test_add ("/mbtiles-export/cancel", Fixture, NULL, fixture_setup, test_cancel,
              fixture_teardown);
  g_test_add ("/mbtiles-export/bad-zooms", Fixture, NULL, fixture_setup, test_bad_zooms,
              fixture_teardown);
  g_test_add ("/style-sheet/load-and-apply", Fixture, NULL, fixture_setup, test_style_sheet,
              fixture_teardown);
  g_test_add_func ("/style-sheet/bundled", test_bundled_style);

  return g_test_run ();
}
