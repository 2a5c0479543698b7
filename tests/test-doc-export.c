/* test-doc-export.c — PDF decks, SVG and PNG pages of a project, checked from the outside
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PDFs are read back with poppler's pdfinfo and pdftotext (skipped without them), SVG with
 * GMarkup, PNGs with cairo.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "ga-doc-export.h"
#include "ga-error.h"
#include "ga-layout-private.h"
#include "ga-mbtiles.h"
#include "ga-project.h"
#include "ga-style.h"

#include "ga-test-util.h"

#define PARK_RGB  0x2e, 0x7d, 0x32
#define LAKE_RGB  0x1f, 0x78, 0xb4
#define SLIDE_RGB 0xd3, 0x2f, 0x2f
#define TILE_RGB  0xee, 0xe8, 0xd5
#define TILE_ZOOM 12

typedef struct
{
  char         *dir;
  GaProject    *project;
  GaLayerStore *store;
  GHashTable   *styles;
  GaBasemap    *basemap;
} Fixture;

/* ---- fixtures ---- */

static char *
write_file (Fixture    *f,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
write_square (Fixture    *f,
              const char *name,
              const char *label,
              double      lon0,
              double      lat0,
              double      lon1,
              double      lat1)
{
  g_autofree char *json = NULL;
  g_autofree char *path = NULL;
  char a[4][G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (a[0], sizeof a[0], "%.6f", lon0);
  g_ascii_formatd (a[1], sizeof a[1], "%.6f", lat0);
  g_ascii_formatd (a[2], sizeof a[2], "%.6f", lon1);
  g_ascii_formatd (a[3], sizeof a[3], "%.6f", lat1);
  json = g_strdup_printf (
    "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
    "\"properties\":{\"name\":\"%s\"},\"geometry\":{\"type\":\"Polygon\","
    "\"coordinates\":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}}]}",
    label, a[0], a[1], a[2], a[1], a[2], a[3], a[0], a[3], a[0], a[1]);
  path = write_file (f, name, json);
}

static char *
fill_style_json (int r,
                 int g,
                 int b)
{
  g_autoptr(GaStyle) style = ga_style_new ();
  g_autoptr(JsonNode) node = NULL;

  ga_style_set_kind (style, GA_STYLE_SINGLE);
  ga_style_set_fill (style, GA_RGBA (r, g, b, 0xff));
  ga_style_set_stroke_width (style, 0.0);
  ga_style_set_opacity (style, 1.0);
  node = ga_style_to_json (style);
  return json_to_string (node, FALSE);
}

/* An MBTiles of one zoom level of plain tiles around Bangkok, credited "© Test tiles". */
static char *
write_basemap (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GaMbtilesWriter) writer = NULL;
  g_autoptr(GBytes) png = ga_test_png_bytes (TILE_RGB);
  char *path = g_build_filename (f->dir, "tiles.mbtiles", NULL);
  GaMbtilesInfo info = { 0 };
  double n = exp2 (TILE_ZOOM), lat = 13.745 * G_PI / 180.0;
  int tx = (int) floor ((100.505 + 180.0) / 360.0 * n);
  int ty = (int) floor ((1.0 - asinh (tan (lat)) / G_PI) / 2.0 * n);

  info.name = (char *) "Test tiles";
  info.attribution = (char *) "© Test tiles";
  info.format = (char *) "png";
  info.min_zoom = TILE_ZOOM;
  info.max_zoom = TILE_ZOOM;
  writer = ga_mbtiles_writer_new (path, &info, &error);
  g_assert_no_error (error);
  for (int x = tx - 3; x <= tx + 3; x++)
    for (int y = ty - 3; y <= ty + 3; y++)
      g_assert_true (ga_mbtiles_writer_put (writer, TILE_ZOOM, x, y, png, &error));
  g_assert_true (ga_mbtiles_writer_finish (writer, &error));
  g_assert_no_error (error);
  return path;
}

/* A project of two layers and a missing one, three slides. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *park_style = fill_style_json (PARK_RGB);
  g_autofree char *lake_style = fill_style_json (LAKE_RGB);
  g_autofree char *slide_style = fill_style_json (SLIDE_RGB);
  g_autofree char *json = NULL;
  g_autofree char *path = NULL;
  g_autofree char *mbtiles = NULL;

  f->dir = g_dir_make_tmp ("ga-doc-export-XXXXXX", &error);
  g_assert_no_error (error);
  write_square (f, "parks.geojson", "Suan A", 100.500, 13.740, 100.510, 13.750);
  write_square (f, "lakes.geojson", "Bueng B", 100.480, 13.720, 100.490, 13.730);
  json = g_strdup_printf (
    "{\"format\":\"green-atlas-project\",\"version\":1,\"generator\":\"Green Atlas test\","
    "\"title\":\"Test Atlas\",\"subtitle\":\"Project subtitle\",\"notes\":\"\","
    "\"basemap\":null,\"view\":{\"center\":[100.495,13.735],\"zoom\":13},"
    "\"layers\":["
    "{\"id\":\"parks\",\"name\":\"Parks\",\"path\":\"parks.geojson\",\"visible\":true,"
    "\"opacity\":1.0,\"color\":\"#2e7d32\",\"style\":%s},"
    "{\"id\":\"lakes\",\"name\":\"Lakes\",\"path\":\"lakes.geojson\",\"visible\":true,"
    "\"opacity\":1.0,\"color\":\"#1f78b4\",\"style\":%s},"
    "{\"id\":\"gone\",\"name\":\"Gone\",\"path\":\"gone.geojson\",\"visible\":true,"
    "\"opacity\":1.0,\"color\":\"#000000\",\"style\":null}],"
    "\"slides\":["
    "{\"title\":\"First slide\",\"caption\":\"Parks alone, in red\","
    "\"extent\":[100.498,13.738,100.512,13.752],\"basemap\":null,"
    "\"layers\":[{\"id\":\"parks\",\"visible\":true,\"style\":%s},"
    "{\"id\":\"lakes\",\"visible\":false,\"style\":null}]},"
    "{\"title\":\"Second slide\",\"caption\":\"Lakes alone\","
    "\"extent\":[100.478,13.718,100.492,13.732],\"basemap\":null,"
    "\"layers\":[{\"id\":\"lakes\",\"visible\":true,\"style\":null}]},"
    "{\"title\":\"Third slide เขตปล่อยมลพิษ\",\"caption\":\"Both and the missing one\","
    "\"extent\":[100.47,13.71,100.52,13.76],\"basemap\":null,"
    "\"layers\":[{\"id\":\"parks\",\"visible\":true,\"style\":null},"
    "{\"id\":\"lakes\",\"visible\":true,\"style\":null},"
    "{\"id\":\"gone\",\"visible\":true,\"style\":null}]}]}",
    park_style, lake_style, slide_style);
  path = write_file (f, "test.greenatlas", json);

  f->project = ga_project_load (path, &error);
  g_assert_no_error (error);
  f->store = ga_layer_store_new ();
  f->styles = g_hash_table_new_full (NULL, NULL, g_object_unref, g_object_unref);
  {
    g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);

    g_assert_true (ga_project_read_layers (f->project, f->store, f->styles, warnings, NULL,
                                           NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (warnings->len, ==, 1);  /* gone.geojson */
  }
  g_assert_cmpuint (ga_layer_store_get_n_layers (f->store), ==, 3);

  mbtiles = write_basemap (f);
  f->basemap = ga_basemap_new_mbtiles (mbtiles, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->basemap);
  g_clear_pointer (&f->styles, g_hash_table_unref);
  g_clear_object (&f->store);
  g_clear_object (&f->project);
  ga_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* ---- helpers ---- */

static gboolean
have_poppler (void)
{
  g_autofree char *info = g_find_program_in_path ("pdfinfo");
  g_autofree char *text = g_find_program_in_path ("pdftotext");

  if (info == NULL || text == NULL)
    {
      g_test_skip ("pdfinfo/pdftotext (poppler-utils) are not installed");
      return FALSE;
    }
  return TRUE;
}

static char *
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  return out;
}

static char *
pdfinfo (const char *path)
{
  const char *argv[] = { "pdfinfo", path, NULL };

  return run (argv);
}

/* The text of page @page (0: all). */
static char *
pdftotext (const char *path,
           int         page)
{
  g_autofree char *first = g_strdup_printf ("%d", page);

  if (page > 0)
    {
      const char *argv[] = { "pdftotext", "-f", first, "-l", first, path, "-", NULL };

      return run (argv);
    }
  else
    {
      const char *argv[] = { "pdftotext", path, "-", NULL };

      return run (argv);
    }
}

static void
assert_contains (const char *text,
                 const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, text);
}

static GPtrArray *
pages_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) ga_layout_page_free);
}

static guint
count_rgb (cairo_surface_t *png,
           int              r,
           int              g,
           int              b)
{
  const unsigned char *data = cairo_image_surface_get_data (png);
  int stride = cairo_image_surface_get_stride (png);
  guint n = 0;

  for (int y = 0; y < cairo_image_surface_get_height (png); y++)
    for (int x = 0; x < cairo_image_surface_get_width (png); x++)
      {
        guint32 v = *(const guint32 *) (const void *) (data + y * stride + x * 4);

        if (ABS ((int) ((v >> 16) & 0xff) - r) <= 1 && ABS ((int) ((v >> 8) & 0xff) - g) <= 1 &&
            ABS ((int) (v & 0xff) - b) <= 1)
          n++;
      }
  return n;
}

static guint
n_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

/* ---- tests ---- */

static void
test_format_from_path (void)
{
  GaExportFormat format = GA_EXPORT_SVG;

  g_assert_true (ga_export_format_from_path ("a/map.PDF", &format));
  g_assert_cmpint (format, ==, GA_EXPORT_PDF);
  g_assert_true (ga_export_format_from_path ("map.svg", &format));
  g_assert_cmpint (format, ==, GA_EXPORT_SVG);
  g_assert_true (ga_export_format_from_path ("map.Png", &format));
  g_assert_cmpint (format, ==, GA_EXPORT_PNG);
  g_assert_false (ga_export_format_from_path ("map.jpg", &format));
  g_assert_false (ga_export_format_from_path ("pdf", &format));
}

static void
test_page_from_slide (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GaLayoutPage) first = NULL;
  g_autoptr(GaLayoutPage) third = NULL;
  g_autoptr(GaLayoutPage) current = NULL;
  double x, y;

  /* slide 1: parks only, with the slide's own style; its box in Mercator */
  first = ga_export_page_new (f->project, f->store, f->styles,
                              ga_project_get_slide (f->project, 0), NULL);
  g_assert_cmpuint (first->layers->len, ==, 1);
  g_assert_cmpstr (ga_layer_get_id (g_ptr_array_index (first->layers, 0)), ==, "parks");
  g_assert_cmpuint (ga_style_get_fill (g_ptr_array_index (first->styles, 0)), ==,
                    GA_RGBA (0xd3, 0x2f, 0x2f, 0xff));
  g_assert_cmpstr (first->title, ==, "First slide");
  g_assert_cmpstr (first->subtitle, ==, "Test Atlas");
  g_assert_cmpstr (first->caption, ==, "Parks alone, in red");
  g_assert_nonnull (first->date);
  ga_layout_lonlat_to_mercator (100.498, 13.738, &x, &y);
  g_assert_cmpfloat_with_epsilon (first->extent.min_x, x, 1e-6);
  g_assert_cmpfloat_with_epsilon (first->extent.min_y, y, 1e-6);
  g_assert_cmpfloat_with_epsilon (x, 100.498 / 180.0 * GA_MERCATOR_HALF_WORLD, 1e-6);
  g_assert_nonnull (first->sources);
  /* "Parks (parks.geojson)", or the file alone when the layer is named after it */
  if (g_str_equal (ga_layer_get_name (g_ptr_array_index (first->layers, 0)), "parks"))
    g_assert_cmpstr (first->sources[0], ==, "parks.geojson");
  else
    g_assert_cmpstr (first->sources[0], ==, "Parks (parks.geojson)");
  g_assert_null (first->sources[1]);

  /* slide 3: both, top first, the project's styles; the missing layer left out */
  third = ga_export_page_new (f->project, f->store, f->styles,
                              ga_project_get_slide (f->project, 2), NULL);
  g_assert_cmpuint (third->layers->len, ==, 2);
  g_assert_cmpstr (ga_layer_get_id (g_ptr_array_index (third->layers, 0)), ==, "parks");
  g_assert_cmpstr (ga_layer_get_id (g_ptr_array_index (third->layers, 1)), ==, "lakes");
  g_assert_cmpuint (ga_style_get_fill (g_ptr_array_index (third->styles, 0)), ==,
                    GA_RGBA (0x2e, 0x7d, 0x32, 0xff));
  /* a copy: editing the project's style later does not change the page */
  g_assert_true (g_ptr_array_index (third->styles, 0) !=
                 g_hash_table_lookup (f->styles, g_ptr_array_index (third->layers, 0)));

  /* no slide: the visible layers, the project's title and subtitle, all the data */
  current = ga_export_page_new (f->project, f->store, f->styles, NULL, NULL);
  g_assert_cmpuint (current->layers->len, ==, 2);
  g_assert_cmpstr (current->title, ==, "Test Atlas");
  g_assert_cmpstr (current->subtitle, ==, "Project subtitle");
  g_assert_null (current->caption);
  ga_layout_lonlat_to_mercator (100.480, 13.720, &x, &y);
  g_assert_cmpfloat (current->extent.min_x, <, x);
  g_assert_cmpfloat (current->extent.min_y, <, y);
  ga_layout_lonlat_to_mercator (100.510, 13.750, &x, &y);
  g_assert_cmpfloat (current->extent.max_x, >, x);
  g_assert_cmpfloat (current->extent.max_y, >, y);
}

static void
test_pdf_page (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) pages = pages_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "map.pdf", NULL);
  g_autofree char *info = NULL;
  g_autofree char *text = NULL;
  g_autofree char *warning = NULL;
  GaExportOptions options;

  if (!have_poppler ())
    return;

  ga_export_options_init (&options);
  options.format = GA_EXPORT_PDF;
  options.preset = GA_LAYOUT_A4;
  options.basemap = f->basemap;
  g_ptr_array_add (pages, ga_export_page_new (f->project, f->store, f->styles, NULL, NULL));
  g_assert_true (ga_doc_export_write (path, pages, &options, &warning, NULL, NULL, NULL,
                                     &error));
  g_assert_no_error (error);
  g_assert_null (warning);

  info = pdfinfo (path);
  assert_contains (info, "Pages:           1\n");
  assert_contains (info, "Page size:       842 x 595 pts");
  assert_contains (info, "Title:           Test Atlas");
  text = pdftotext (path, 0);
  assert_contains (text, "Test Atlas");
  assert_contains (text, "Project subtitle");
  /* the legend's headings, the basemap's credit and the data's sources */
  assert_contains (text, "Parks");
  assert_contains (text, "Lakes");
  assert_contains (text, "© Test tiles");
  assert_contains (text, "parks.geojson");
  assert_contains (text, "lakes.geojson");
  /* the date, and the scale bar's length */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *year = g_strdup_printf ("%d", g_date_time_get_year (now));

    assert_contains (text, year);
  }
  g_assert_true (strstr (text, " m\n") != NULL || strstr (text, " km\n") != NULL ||
                 g_regex_match_simple ("[0-9]+ k?m", text, 0, 0));
}

static void
test_deck (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) pages = pages_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "deck.pdf", NULL);
  g_autofree char *info = NULL;
  /* Thai must come out of the PDF as text, shaped and in order */
  static const char *titles[] = { "First slide", "Second slide", "Third slide เขตปล่อยมลพิษ" };
  static const char *captions[] = { "Parks alone, in red", "Lakes alone", "Both and the" };
  GaExportOptions options;

  if (!have_poppler ())
    return;

  ga_export_options_init (&options);
  for (guint i = 0; i < ga_project_get_n_slides (f->project); i++)
    g_ptr_array_add (pages, ga_export_page_new (f->project, f->store, f->styles,
                                                ga_project_get_slide (f->project, i), NULL));
  g_assert_cmpuint (pages->len, ==, 3);
  g_assert_true (ga_doc_export_write (path, pages, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  info = pdfinfo (path);
  assert_contains (info, "Pages:           3\n");
  assert_contains (info, "Page size:       960 x 540 pts");
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *text = pdftotext (path, (int) i + 1);

      assert_contains (text, titles[i]);
      assert_contains (text, captions[i]);
      for (guint j = 0; j < 3; j++)
        if (j != i)
          g_assert_null (strstr (text, titles[j]));
    }
  /* slide 1 shows the parks only, slide 2 the lakes only */
  {
    g_autofree char *first = pdftotext (path, 1);
    g_autofree char *second = pdftotext (path, 2);

    g_assert_null (strstr (first, "Lakes"));
    assert_contains (second, "Lakes");
    g_assert_null (strstr (second, "Parks"));
  }
}

static void
test_portrait (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) pages = pages_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "a3.pdf", NULL);
  g_autofree char *info = NULL;
  GaExportOptions options;

  if (!have_poppler ())
    return;

  ga_export_options_init (&options);
  options.preset = GA_LAYOUT_A3;
  options.portrait = TRUE;
  g_ptr_array_add (pages, ga_export_page_new (f->project, f->store, f->styles, NULL, NULL));
  g_assert_true (ga_doc_export_write (path, pages, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  info = pdfinfo (path);
  assert_contains (info, "Page size:       842 x 1191 pts");
}

typedef struct
{
  gboolean svg;
  char    *width;
  char    *height;
  guint    paths;
  guint    groups;
  guint    images;
} SvgInfo;

static void
svg_start_cb (GMarkupParseContext  *context,
              const char           *element,
              const char          **names,
              const char          **values,
              gpointer              user_data,
              GError              **error)
{
  SvgInfo *info = user_data;

  if (g_str_equal (element, "svg"))
    {
      info->svg = TRUE;
      for (guint i = 0; names[i] != NULL; i++)
        if (g_str_equal (names[i], "width"))
          info->width = g_strdup (values[i]);
        else if (g_str_equal (names[i], "height"))
          info->height = g_strdup (values[i]);
    }
  else if (g_str_equal (element, "path"))
    info->paths++;
  else if (g_str_equal (element, "g"))
    info->groups++;
  else if (g_str_equal (element, "image"))
    info->images++;
}

static void
test_svg (Fixture       *f,
          gconstpointer  data)
{
  static const GMarkupParser parser = { svg_start_cb, NULL, NULL, NULL, NULL };
  g_autoptr(GPtrArray) pages = pages_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "map.svg", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  SvgInfo info = { 0 };
  GaExportOptions options;
  gsize length;

  ga_export_options_init (&options);
  options.format = GA_EXPORT_SVG;
  options.preset = GA_LAYOUT_A4;
  options.basemap = f->basemap;
  g_ptr_array_add (pages, ga_export_page_new (f->project, f->store, f->styles, NULL, NULL));
  g_assert_true (ga_doc_export_write (path, pages, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  context = g_markup_parse_context_new (&parser, G_MARKUP_DEFAULT_FLAGS, &info, NULL);
  g_assert_true (g_markup_parse_context_parse (context, contents, length, &error));
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_assert_true (info.svg);
  g_assert_cmpstr (info.width, ==, "842pt");
  g_assert_cmpstr (info.height, ==, "595pt");
  g_assert_cmpuint (info.paths + info.groups, >, 10);
  g_assert_cmpuint (info.images, >=, 1);   /* the basemap */
  g_free (info.width);
  g_free (info.height);

  /* only a PDF holds several pages */
  g_ptr_array_add (pages, ga_export_page_new (f->project, f->store, f->styles, NULL, NULL));
  g_assert_false (ga_doc_export_write (path, pages, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, GA_ERROR, GA_ERROR_BAD_ARGUMENT);
}

static void
test_png (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GPtrArray) pages = pages_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "map.png", NULL);
  GaExportOptions options;
  cairo_surface_t *png;

  ga_export_options_init (&options);
  options.format = GA_EXPORT_PNG;
  options.preset = GA_LAYOUT_A4;
  options.dpi = 72.0;
  options.basemap = f->basemap;
  g_ptr_array_add (pages, ga_export_page_new (f->project, f->store, f->styles, NULL, NULL));

  /* by dpi: points at 72 dpi are pixels */
  g_assert_true (ga_doc_export_write (path, pages, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, 842);
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, 595);
  g_assert_cmpuint (count_rgb (png, PARK_RGB), >, 50);
  g_assert_cmpuint (count_rgb (png, LAKE_RGB), >, 50);
  g_assert_cmpuint (count_rgb (png, TILE_RGB), >, 10000);   /* the basemap in the frame */
  cairo_surface_destroy (png);

  /* 300 dpi */
  options.dpi = 300.0;
  g_assert_true (ga_doc_export_write (path, pages, &options, NULL, NULL, NULL, NULL, &error));
  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, 3508);
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, 2479);
  cairo_surface_destroy (png);

  /* an explicit size wins over the preset */
  options.width_px = 800;
  options.height_px = 450;
  g_assert_true (ga_doc_export_write (path, pages, &options, NULL, NULL, NULL, NULL, &error));
  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, 800);
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, 450);
  g_assert_cmpuint (count_rgb (png, PARK_RGB), >, 20);
  cairo_surface_destroy (png);
}

static void
test_basemap_optional (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) pages = pages_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "map.png", NULL);
  g_autofree char *warning = NULL;
  const char *mbtiles = ga_basemap_get_location (f->basemap);
  GaExportOptions options;
  cairo_surface_t *png;

  /* the basemap's file is damaged after it was chosen */
  g_assert_true (g_file_set_contents (mbtiles, "minutes of the meeting", -1, NULL));

  ga_export_options_init (&options);
  options.format = GA_EXPORT_PNG;
  options.dpi = 48.0;
  options.basemap = f->basemap;
  g_ptr_array_add (pages, ga_export_page_new (f->project, f->store, f->styles, NULL, NULL));

  /* required: an error naming the basemap, and no file */
  g_assert_false (ga_doc_export_write (path, pages, &options, &warning, NULL, NULL, NULL,
                                       &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "tiles.mbtiles"));
  g_assert_null (warning);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* optional: a warning, and the page without it */
  options.basemap_optional = TRUE;
  g_assert_true (ga_doc_export_write (path, pages, &options, &warning, NULL, NULL, NULL,
                                      &error));
  g_assert_no_error (error);
  g_assert_nonnull (warning);
  g_assert_nonnull (strstr (warning, "tiles.mbtiles"));
  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpuint (count_rgb (png, TILE_RGB), ==, 0);
  g_assert_cmpuint (count_rgb (png, PARK_RGB), >, 10);
  cairo_surface_destroy (png);
}

static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) pages = pages_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = g_build_filename (f->dir, "cancelled.pdf", NULL);
  GaExportOptions options;
  guint before = n_entries (f->dir);

  ga_export_options_init (&options);
  g_ptr_array_add (pages, ga_export_page_new (f->project, f->store, f->styles, NULL, NULL));
  g_cancellable_cancel (cancellable);
  g_assert_false (ga_doc_export_write (path, pages, &options, NULL, cancellable, NULL, NULL,
                                      &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  /* and no temporary file left behind */
  g_assert_cmpuint (n_entries (f->dir), ==, before);
}

static void
test_unwritable (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) pages = pages_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "no-such-folder", "map.pdf", NULL);
  GaExportOptions options;

  ga_export_options_init (&options);
  g_ptr_array_add (pages, ga_export_page_new (f->project, f->store, f->styles, NULL, NULL));
  g_assert_false (ga_doc_export_write (path, pages, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, GA_ERROR, GA_ERROR_IO);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "No such file or directory"));
}

static void
test_replaces_atomically (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) pages = pages_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = g_build_filename (f->dir, "old.pdf", NULL);
  g_autofree char *contents = NULL;
  GaExportOptions options;

  g_assert_true (g_file_set_contents (path, "the old file", -1, NULL));
  ga_export_options_init (&options);
  g_ptr_array_add (pages, ga_export_page_new (f->project, f->store, f->styles, NULL, NULL));
  g_cancellable_cancel (cancellable);
  g_assert_false (ga_doc_export_write (path, pages, &options, NULL, cancellable, NULL, NULL,
                                      &error));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "the old file");
  g_clear_pointer (&contents, g_free);
  g_clear_error (&error);

  g_assert_true (ga_doc_export_write (path, pages, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
}

typedef struct
{
  GMainLoop    *loop;
  GThread      *main_thread;
  GArray       *fractions;
  gboolean      done;
  gboolean      ok;
  GError       *error;
  char         *warning;
} AsyncState;

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  AsyncState *state = user_data;

  g_assert_true (g_thread_self () == state->main_thread);
  g_array_append_val (state->fractions, fraction);
}

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  AsyncState *state = user_data;

  state->ok = ga_doc_export_write_finish (result, &state->warning, &state->error);
  state->done = TRUE;
  g_main_loop_quit (state->loop);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) pages = pages_new ();
  g_autofree char *path = g_build_filename (f->dir, "async.pdf", NULL);
  AsyncState state = { 0 };
  GaExportOptions options;

  ga_export_options_init (&options);
  options.basemap = f->basemap;
  for (guint i = 0; i < ga_project_get_n_slides (f->project); i++)
    g_ptr_array_add (pages, ga_export_page_new (f->project, f->store, f->styles,
                                                ga_project_get_slide (f->project, i), NULL));
  state.loop = g_main_loop_new (NULL, FALSE);
  state.main_thread = g_thread_self ();
  state.fractions = g_array_new (FALSE, FALSE, sizeof (double));
  ga_doc_export_write_async (path, pages, &options, NULL, progress_cb, &state, written_cb,
                             &state);
  /* the pages were copied: the caller may drop its own at once */
  g_ptr_array_set_size (pages, 0);
  g_main_loop_run (state.loop);
  /* progress calls queued before the result are delivered too */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_true (state.done);
  g_assert_no_error (state.error);
  g_assert_true (state.ok);
  g_assert_null (state.warning);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  /* a basemap and a page for each of 3 slides, then the file */
  g_assert_cmpuint (state.fractions->len, ==, 7);
  for (guint i = 1; i < state.fractions->len; i++)
    g_assert_cmpfloat (g_array_index (state.fractions, double, i), >,
                       g_array_index (state.fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (state.fractions, double, state.fractions->len - 1), ==, 1.0);
  g_array_unref (state.fractions);
  g_main_loop_unref (state.loop);
}

static void
test_async_cancelled (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) pages = pages_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = g_build_filename (f->dir, "async.pdf", NULL);
  AsyncState state = { 0 };
  GaExportOptions options;

  ga_export_options_init (&options);
  g_ptr_array_add (pages, ga_export_page_new (f->project, f->store, f->styles, NULL, NULL));
  state.loop = g_main_loop_new (NULL, FALSE);
  state.main_thread = g_thread_self ();
  state.fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_cancellable_cancel (cancellable);
  ga_doc_export_write_async (path, pages, &options, cancellable, progress_cb, &state,
                             written_cb, &state);
  g_main_loop_run (state.loop);
  g_assert_false (state.ok);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&state.error);
  g_array_unref (state.fractions);
  g_main_loop_unref (state.loop);
}

/* The sample city's own project, when it is there: one page per slide. */
static void
test_sample_project (void)
{
  g_autofree char *path = g_build_filename (SOURCE_SAMPLE_DIR, "green-city.greenatlas", NULL);
  g_autofree char *out = NULL;
  g_autofree char *info = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GaProject) project = NULL;
  g_autoptr(GaLayerStore) store = ga_layer_store_new ();
  g_autoptr(GHashTable) styles = g_hash_table_new_full (NULL, NULL, g_object_unref,
                                                        g_object_unref);
  g_autoptr(GPtrArray) pages = pages_new ();
  GaExportOptions options;
  guint n;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the sample project is not written yet");
      return;
    }
  if (!have_poppler ())
    return;
  project = ga_project_load (path, &error);
  g_assert_no_error (error);
  g_assert_true (ga_project_read_layers (project, store, styles, NULL, NULL, NULL, NULL,
                                         &error));
  n = ga_project_get_n_slides (project);
  g_assert_cmpuint (n, >=, 5);
  for (guint i = 0; i < n; i++)
    {
      GaLayoutPage *page = ga_export_page_new (project, store, styles,
                                               ga_project_get_slide (project, i), NULL);

      g_assert_cmpuint (page->layers->len, >, 0);
      g_ptr_array_add (pages, page);
    }
  dir = g_dir_make_tmp ("ga-doc-export-XXXXXX", &error);
  out = g_build_filename (dir, "deck.pdf", NULL);
  ga_export_options_init (&options);
  g_assert_true (ga_doc_export_write (out, pages, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  info = pdfinfo (out);
  expected = g_strdup_printf ("Pages:           %u\n", n);
  assert_contains (info, expected);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = pdftotext (out, (int) i + 1);

      assert_contains (text, ga_slide_get_title (ga_project_get_slide (project, i)));
    }
  ga_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/doc-export/format-from-path", test_format_from_path);
#define ADD(path, func) \
  g_test_add ("/doc-export/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("page-from-slide", test_page_from_slide);
  ADD ("pdf-page", test_pdf_page);
  ADD ("deck", test_deck);
  ADD ("portrait", test_portrait);
  ADD ("svg", test_svg);
  ADD ("png", test_png);
  ADD ("basemap-optional", test_basemap_optional);
  ADD ("cancelled", test_cancelled);
  ADD ("unwritable", test_unwritable);
  ADD ("replaces-atomically", test_replaces_atomically);
  ADD ("async", test_async);
  ADD ("async-cancelled", test_async_cancelled);
#undef ADD
  g_test_add_func ("/doc-export/sample-project", test_sample_project);

  return g_test_run ();
}
