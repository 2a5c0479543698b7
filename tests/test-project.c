/* test-project.c — project files: round trip, relative paths, placeholders, bad files,
 * newer versions, atomic save under a full disk, autosave, the sample project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "ga-error.h"
#include "ga-project.h"
#include "ga-project-private.h"
#include "ga-reader.h"
#include "ga-style.h"
#include "ga-test-util.h"

/* Three parks around Lumphini, lon/lat; fields name and area_ha. */
static const char parks_geojson[] =
  "{\"type\":\"FeatureCollection\",\"features\":["
  "{\"type\":\"Feature\",\"properties\":{\"name\":\"Lumphini\",\"area_ha\":57.6},"
  "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[100.536,13.727],[100.545,13.727],"
  "[100.545,13.735],[100.536,13.735],[100.536,13.727]]]}},"
  "{\"type\":\"Feature\",\"properties\":{\"name\":\"Benjakitti\",\"area_ha\":52.0},"
  "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[100.553,13.728],[100.562,13.728],"
  "[100.562,13.736],[100.553,13.736],[100.553,13.728]]]}},"
  "{\"type\":\"Feature\",\"properties\":{\"name\":\"Pocket\",\"area_ha\":0.4},"
  "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[100.520,13.740],[100.521,13.740],"
  "[100.521,13.741],[100.520,13.741],[100.520,13.740]]]}}]}";

static const char points_geojson[] =
  "{\"type\":\"FeatureCollection\",\"features\":["
  "{\"type\":\"Feature\",\"properties\":{\"tco2e\":1200},"
  "\"geometry\":{\"type\":\"Point\",\"coordinates\":[100.50,13.75]}},"
  "{\"type\":\"Feature\",\"properties\":{\"tco2e\":300},"
  "\"geometry\":{\"type\":\"Point\",\"coordinates\":[100.55,13.72]}}]}";

typedef struct
{
  char *root;   /* temporary folder, removed at the end */
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->root = g_dir_make_tmp ("ga-project-XXXXXX", NULL);
  g_assert_nonnull (f->root);
  _ga_project_set_write_fault (-1);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  _ga_project_set_write_fault (-1);
  ga_test_remove_tree (f->root);
  g_free (f->root);
}

static void
write_file (const char *path, const char *text)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static char *
read_text (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static void
copy_file (const char *from, const char *to)
{
  g_autofree char *text = NULL;
  gsize length;
  g_autoptr (GError) error = NULL;

  g_file_get_contents (from, &text, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (to, text, length, &error);
  g_assert_no_error (error);
}

/* Like g_assert_cmpstr, but shows only the first line that differs. */
static void
assert_same_text (const char *a, const char *b)
{
  g_auto (GStrv) la = g_strsplit (a, "\n", -1);
  g_auto (GStrv) lb = g_strsplit (b, "\n", -1);

  for (guint i = 0; la[i] != NULL || lb[i] != NULL; i++)
    {
      if (la[i] == NULL || lb[i] == NULL || strcmp (la[i], lb[i]) != 0)
        g_error ("texts differ at line %u: “%s” vs “%s”", i + 1, la[i] ? la[i] : "(end)",
                 lb[i] ? lb[i] : "(end)");
      if (la[i] == NULL || lb[i] == NULL)
        break;
    }
}

static guint
count_entries (const char *dir_path)
{
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static GaLayer *
load_one (const char *path, const char *source_layer, const GaReaderOptions *options)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) layers = ga_reader_load (path, options, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < layers->len; i++)
    {
      GaLayer *layer = g_ptr_array_index (layers, i);

      if (source_layer == NULL || g_strcmp0 (ga_layer_get_source_layer (layer), source_layer) == 0)
        return g_object_ref (layer);
    }
  g_assert_not_reached ();
}

static GHashTable *
new_styles (void)
{
  return g_hash_table_new_full (NULL, NULL, g_object_unref, g_object_unref);
}

static GaLayer *
find_layer (GaLayerStore *store, const char *id)
{
  for (guint i = 0; i < ga_layer_store_get_n_layers (store); i++)
    if (g_strcmp0 (ga_layer_get_id (ga_layer_store_get (store, i)), id) == 0)
      return ga_layer_store_get (store, i);
  return NULL;
}

/* The project folder: p/project.greenatlas with p/data/parks.geojson, p/data/transit.gpkg
 * (two layers), p/data/districts.{shp,shx,dbf} without a .prj (CRS and encoding given by
 * the user) and a sibling tree shared/points.geojson. Builds the project from a store. */
static GaProject *
make_project (const char *root, GaLayerStore *store, GHashTable *styles)
{
  g_autofree char *parks = g_build_filename (root, "p", "data", "parks.geojson", NULL);
  g_autofree char *points = g_build_filename (root, "shared", "points.geojson", NULL);
  g_autofree char *transit = g_build_filename (root, "p", "data", "transit.gpkg", NULL);
  g_autofree char *districts = g_build_filename (root, "p", "data", "districts.shp", NULL);
  const char *exts[] = { "shp", "shx", "dbf" };
  GaReaderOptions district_options = { (char *) "EPSG:32647", (char *) "CP874" };
  g_autoptr (GaProject) project = ga_project_new ();
  g_autoptr (GaLayer) l_parks = NULL;
  g_autoptr (GaLayer) l_points = NULL;
  g_autoptr (GaLayer) l_lines = NULL;
  g_autoptr (GaLayer) l_stations = NULL;
  g_autoptr (GaLayer) l_districts = NULL;
  g_autoptr (GaStyle) parks_style = NULL;
  g_autoptr (GaSlide) slide1 = ga_slide_new ();
  g_autoptr (GaSlide) slide2 = ga_slide_new ();
  g_autoptr (GError) error = NULL;

  write_file (parks, parks_geojson);
  write_file (points, points_geojson);
  copy_file (SOURCE_SAMPLE_DIR "/transit.gpkg", transit);
  for (guint i = 0; i < G_N_ELEMENTS (exts); i++)
    {
      g_autofree char *from = g_strdup_printf (SOURCE_SAMPLE_DIR "/districts.%s", exts[i]);
      g_autofree char *to = g_build_filename (root, "p", "data", "", NULL);
      g_autofree char *name = g_strdup_printf ("districts.%s", exts[i]);
      g_autofree char *dest = g_build_filename (to, name, NULL);

      copy_file (from, dest);
    }

  /* Added bottom first: districts, parks, lines, stations, points (top). */
  l_districts = load_one (districts, NULL, &district_options);
  g_assert_cmpint (ga_layer_get_encoding_origin (l_districts), ==, GA_ENCODING_ORIGIN_OPTION);
  g_assert_cmpstr (ga_layer_get_crs_override (l_districts), ==, "EPSG:32647");
  ga_layer_set_id (l_districts, "districts");
  ga_layer_store_add (store, l_districts);
  g_hash_table_insert (styles, g_object_ref (l_districts), ga_style_new_for_layer (l_districts));

  l_parks = load_one (parks, NULL, NULL);
  ga_layer_set_id (l_parks, "parks");
  ga_layer_store_add (store, l_parks);
  parks_style = ga_style_new_for_layer (l_parks);
  g_assert_true (ga_style_set_filter (parks_style, "area_ha > 2", &error));
  g_assert_no_error (error);
  ga_style_set_fill (parks_style, GA_RGBA (0x12, 0x34, 0x56, 0xff));
  g_hash_table_insert (styles, g_object_ref (l_parks), g_object_ref (parks_style));
  ga_layer_set_opacity (l_parks, 0.5);
  ga_layer_set_color (l_parks, 0x2e7d32);

  l_lines = load_one (transit, "transit_lines", NULL);
  ga_layer_set_id (l_lines, "lines");
  ga_layer_store_add (store, l_lines);
  g_hash_table_insert (styles, g_object_ref (l_lines), ga_style_new_for_layer (l_lines));

  l_stations = load_one (transit, "transit_stations", NULL);
  ga_layer_set_id (l_stations, "stations");
  ga_layer_store_add (store, l_stations);
  ga_layer_set_visible (l_stations, FALSE);
  /* no style: saved as null */

  l_points = load_one (points, NULL, NULL);
  ga_layer_set_id (l_points, "points");
  ga_layer_store_add (store, l_points);
  g_hash_table_insert (styles, g_object_ref (l_points), ga_style_new_for_layer (l_points));

  ga_project_set_layers_from_store (project, store, styles);
  ga_project_set_title (project, "Green Bangkok — “quotes” and ไทย");
  ga_project_set_subtitle (project, "Subtitle\nwith a new line");
  ga_project_set_notes (project, "Notes with \"quotes\" and a tab\t.");
  ga_project_set_basemap (project, "sample-city");
  ga_project_set_view (project, 100.5412, 13.7288, 12.25);

  ga_slide_set_title (slide1, "The city");
  ga_slide_set_caption (slide1, "Districts and parks");
  ga_slide_set_extent (slide1, 100.45, 13.65, 100.65, 13.85);
  ga_slide_set_layer (slide1, "districts", TRUE, NULL);
  {
    g_autoptr (JsonNode) node = ga_style_to_json (parks_style);

    ga_slide_set_layer (slide1, "parks", TRUE, node);
  }
  ga_slide_set_layer (slide1, "points", FALSE, NULL);
  ga_slide_set_title (slide2, "Transit");
  ga_slide_set_basemap (slide2, "none");
  ga_slide_set_layer (slide2, "lines", TRUE, NULL);
  g_list_store_append (G_LIST_STORE (ga_project_get_slides (project)), slide1);
  g_list_store_append (G_LIST_STORE (ga_project_get_slides (project)), slide2);

  return g_steal_pointer (&project);
}

/* Every member a project stores, checked on a loaded copy. */
static void
check_project (GaProject *project, const char *root)
{
  GPtrArray *layers = ga_project_get_layers (project);
  GaProjectLayer *l;
  GaSlide *slide;
  double lon, lat, zoom, w, s, e, n;
  gboolean visible;
  JsonNode *style_node;
  g_autoptr (GaStyle) style = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *parks = g_build_filename (root, "p", "data", "parks.geojson", NULL);
  g_autofree char *points = g_build_filename (root, "shared", "points.geojson", NULL);
  g_autofree char *districts = g_build_filename (root, "p", "data", "districts.shp", NULL);

  g_assert_cmpstr (ga_project_get_title (project), ==, "Green Bangkok — “quotes” and ไทย");
  g_assert_cmpstr (ga_project_get_subtitle (project), ==, "Subtitle\nwith a new line");
  g_assert_cmpstr (ga_project_get_notes (project), ==, "Notes with \"quotes\" and a tab\t.");
  g_assert_cmpstr (ga_project_get_basemap (project), ==, "sample-city");
  g_assert_true (ga_project_get_view (project, &lon, &lat, &zoom));
  g_assert_cmpfloat (lon, ==, 100.5412);
  g_assert_cmpfloat (lat, ==, 13.7288);
  g_assert_cmpfloat (zoom, ==, 12.25);
  g_assert_false (ga_project_get_read_only (project));

  /* Top first. */
  g_assert_cmpuint (layers->len, ==, 5);
  l = g_ptr_array_index (layers, 0);
  g_assert_cmpstr (l->id, ==, "points");
  g_assert_cmpstr (l->path, ==, points);
  l = g_ptr_array_index (layers, 1);
  g_assert_cmpstr (l->id, ==, "stations");
  g_assert_false (l->visible);
  g_assert_null (l->style);
  g_assert_cmpstr (l->source_layer, ==, "transit_stations");
  l = g_ptr_array_index (layers, 2);
  g_assert_cmpstr (l->id, ==, "lines");
  g_assert_cmpstr (l->source_layer, ==, "transit_lines");
  g_assert_true (l->visible);
  l = g_ptr_array_index (layers, 3);
  g_assert_cmpstr (l->id, ==, "parks");
  g_assert_cmpstr (l->path, ==, parks);
  g_assert_null (l->encoding);   /* automatic: not stored */
  g_assert_null (l->crs);
  g_assert_cmpfloat (l->opacity, ==, 0.5);
  g_assert_cmphex (l->color, ==, 0x2e7d32);
  style = ga_style_new_from_json (l->style, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ga_style_get_filter (style), ==, "area_ha > 2");
  g_assert_cmphex (ga_style_get_fill (style), ==, GA_RGBA (0x12, 0x34, 0x56, 0xff));
  l = g_ptr_array_index (layers, 4);
  g_assert_cmpstr (l->id, ==, "districts");
  g_assert_cmpstr (l->path, ==, districts);
  g_assert_cmpstr (l->encoding, ==, "CP874");
  g_assert_cmpstr (l->crs, ==, "EPSG:32647");

  g_assert_cmpuint (ga_project_get_n_slides (project), ==, 2);
  slide = ga_project_get_slide (project, 0);
  g_assert_cmpstr (ga_slide_get_title (slide), ==, "The city");
  g_assert_cmpstr (ga_slide_get_caption (slide), ==, "Districts and parks");
  g_assert_true (ga_slide_get_extent (slide, &w, &s, &e, &n));
  g_assert_cmpfloat (w, ==, 100.45);
  g_assert_cmpfloat (s, ==, 13.65);
  g_assert_cmpfloat (e, ==, 100.65);
  g_assert_cmpfloat (n, ==, 13.85);
  g_assert_null (ga_slide_get_basemap (slide));
  g_assert_cmpuint (g_strv_length ((GStrv) ga_slide_get_layer_ids (slide)), ==, 3);
  g_assert_cmpstr (ga_slide_get_layer_ids (slide)[0], ==, "districts");
  g_assert_cmpstr (ga_slide_get_layer_ids (slide)[1], ==, "parks");
  g_assert_cmpstr (ga_slide_get_layer_ids (slide)[2], ==, "points");
  g_assert_true (ga_slide_get_layer (slide, "parks", &visible, &style_node));
  g_assert_true (visible);
  g_assert_nonnull (style_node);
  g_clear_object (&style);
  style = ga_style_new_from_json (style_node, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ga_style_get_filter (style), ==, "area_ha > 2");
  g_assert_true (ga_slide_get_layer (slide, "points", &visible, &style_node));
  g_assert_false (visible);
  g_assert_null (style_node);
  g_assert_false (ga_slide_get_layer (slide, "lines", &visible, NULL));
  slide = ga_project_get_slide (project, 1);
  g_assert_cmpstr (ga_slide_get_title (slide), ==, "Transit");
  g_assert_false (ga_slide_get_extent (slide, NULL, NULL, NULL, NULL));
  g_assert_cmpstr (ga_slide_get_basemap (slide), ==, "none");
}

static void
test_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr (GaLayerStore) store = ga_layer_store_new ();
  g_autoptr (GHashTable) styles = new_styles ();
  g_autoptr (GaProject) project = make_project (f->root, store, styles);
  g_autoptr (GaProject) loaded = NULL;
  g_autoptr (GaProject) moved = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (f->root, "p", "project.greenatlas", NULL);
  g_autofree char *path2 = g_build_filename (f->root, "p", "again.greenatlas", NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *from = g_build_filename (f->root, "p", NULL);
  g_autofree char *shared_from = g_build_filename (f->root, "shared", NULL);
  g_autofree char *new_root = g_build_filename (f->root, "elsewhere", "deeper", NULL);
  g_autofree char *to = g_build_filename (new_root, "p", NULL);
  g_autofree char *shared_to = g_build_filename (new_root, "shared", NULL);
  g_autofree char *moved_path = g_build_filename (to, "project.greenatlas", NULL);
  g_autoptr (GaLayerStore) store2 = ga_layer_store_new ();
  g_autoptr (GHashTable) styles2 = new_styles ();
  g_autoptr (GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  GaLayer *layer;
  GaStyle *style;

  g_assert_null (ga_project_get_path (project));
  g_assert_true (ga_project_save (project, path, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ga_project_get_path (project), ==, path);

  /* Paths relative to the project folder, also into the sibling tree. */
  first = read_text (path);
  g_assert_nonnull (strstr (first, "\"format\" : \"green-atlas-project\""));
  g_assert_nonnull (strstr (first, "\"version\" : 1,"));
  g_assert_nonnull (strstr (first, "\"path\" : \"data/parks.geojson\""));
  g_assert_nonnull (strstr (first, "\"path\" : \"../shared/points.geojson\""));
  g_assert_nonnull (strstr (first, "\"path\" : \"data/transit.gpkg\""));
  g_assert_null (strstr (first, f->root));

  /* Open, check, save again: the same bytes. */
  loaded = ga_project_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ga_project_get_path (loaded), ==, path);
  check_project (loaded, f->root);
  g_assert_true (ga_project_save (loaded, path2, &error));
  g_assert_no_error (error);
  second = read_text (path2);
  assert_same_text (first, second);
  g_clear_pointer (&second, g_free);
  g_assert_true (ga_project_save (loaded, path, &error));
  second = read_text (path);
  assert_same_text (first, second);

  /* Move the whole folder (project and its sibling data) somewhere else: the data is
   * found through the relative paths. */
  g_assert_cmpint (g_mkdir_with_parents (new_root, 0755), ==, 0);
  g_assert_cmpint (g_rename (from, to), ==, 0);
  g_assert_cmpint (g_rename (shared_from, shared_to), ==, 0);
  moved = ga_project_load (moved_path, &error);
  g_assert_no_error (error);
  check_project (moved, new_root);
  g_assert_true (ga_project_read_layers (moved, store2, styles2, warnings, NULL, NULL, NULL,
                                         &error));
  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, 0);
  g_assert_cmpuint (ga_layer_store_get_n_layers (store2), ==, 5);
  g_assert_cmpstr (ga_layer_get_id (ga_layer_store_get (store2, 0)), ==, "points");
  g_assert_cmpstr (ga_layer_get_id (ga_layer_store_get (store2, 1)), ==, "stations");
  g_assert_cmpstr (ga_layer_get_id (ga_layer_store_get (store2, 2)), ==, "lines");
  g_assert_cmpstr (ga_layer_get_id (ga_layer_store_get (store2, 3)), ==, "parks");
  g_assert_cmpstr (ga_layer_get_id (ga_layer_store_get (store2, 4)), ==, "districts");
  for (guint i = 0; i < 5; i++)
    {
      layer = ga_layer_store_get (store2, i);
      g_assert_null (ga_layer_get_missing (layer));
      g_assert_cmpuint (ga_layer_get_n_features (layer), >, 0);
      g_assert_true (g_str_has_prefix (ga_layer_get_path (layer), to)
                     || g_str_has_prefix (ga_layer_get_path (layer), shared_to));
      g_assert_nonnull (g_hash_table_lookup (styles2, layer));
    }
  layer = find_layer (store2, "stations");
  g_assert_false (ga_layer_get_visible (layer));
  g_assert_cmpstr (ga_layer_get_source_layer (layer), ==, "transit_stations");
  g_assert_cmpstr (ga_layer_get_source_layer (find_layer (store2, "lines")), ==, "transit_lines");
  layer = find_layer (store2, "parks");
  g_assert_cmpuint (ga_layer_get_n_features (layer), ==, 3);
  g_assert_cmpfloat (ga_layer_get_opacity (layer), ==, 0.5);
  g_assert_cmphex (ga_layer_get_color (layer), ==, 0x2e7d32);
  style = g_hash_table_lookup (styles2, layer);
  g_assert_cmpstr (ga_style_get_filter (style), ==, "area_ha > 2");
  /* Prepared: the filter is bound to the layer's fields (the 0.4 ha park is hidden). */
  g_assert_true (ga_style_feature_visible (style, layer, 0));
  g_assert_false (ga_style_feature_visible (style, layer, 2));
  /* The categorized lines find their classes in the loaded data. */
  layer = find_layer (store2, "lines");
  style = g_hash_table_lookup (styles2, layer);
  g_assert_cmpint (ga_style_get_kind (style), ==, GA_STYLE_CATEGORIZED);
  for (guint i = 0; i < ga_layer_get_n_features (layer); i++)
    g_assert_cmpint (ga_style_class_of_feature (style, layer, i), >=, 0);
  layer = find_layer (store2, "districts");
  g_assert_cmpstr (ga_layer_get_encoding (layer), ==, "CP874");
  g_assert_cmpint (ga_layer_get_encoding_origin (layer), ==, GA_ENCODING_ORIGIN_OPTION);
  g_assert_cmpstr (ga_layer_get_crs_override (layer), ==, "EPSG:32647");

  /* The store gives back the same document (now at the new place). */
  {
    g_autofree char *before = ga_project_to_data (moved, to, NULL);
    g_autofree char *after = NULL;

    /* The stations were saved without a style; the default one they got is not saved. */
    g_hash_table_remove (styles2, find_layer (store2, "stations"));
    ga_project_set_layers_from_store (moved, store2, styles2);
    after = ga_project_to_data (moved, to, NULL);
    assert_same_text (before, after);
  }

  /* A layer that was not read from a file cannot be saved: it is left out. */
  {
    g_autoptr (GaProject) scratch = ga_project_new ();
    g_autoptr (GaLayerStore) store3 = ga_layer_store_new ();
    g_autoptr (GaLayer) drawn = ga_layer_new ("sketch");

    ga_layer_seal (drawn);
    ga_layer_store_add (store3, drawn);
    ga_layer_store_add (store3, find_layer (store2, "parks"));
    ga_project_set_layers_from_store (scratch, store3, NULL);
    g_assert_cmpuint (ga_project_get_layers (scratch)->len, ==, 1);
    g_assert_cmpstr (((GaProjectLayer *) g_ptr_array_index (ga_project_get_layers (scratch), 0))->id,
                     ==, "parks");
  }
}

static void
test_path_forms (void)
{
  const char doc[] =
    "{\"format\":\"green-atlas-project\",\"version\":1,\"layers\":["
    "{\"id\":\"a\",\"path\":\"/a/b/c/d/data/x.shp\"},"
    "{\"id\":\"b\",\"path\":\"/a/b/c/e/y.shp\"},"
    "{\"id\":\"c\",\"path\":\"/a/b/f/z.shp\"},"
    "{\"id\":\"d\",\"path\":\"/a/g/w.shp\"},"
    "{\"id\":\"e\",\"path\":\"rel/v.shp\"},"
    "{\"id\":\"f\",\"path\":\"../up/u.shp\"}]}";
  g_autoptr (GError) error = NULL;
  g_autoptr (GaProject) project = ga_project_new_from_data (doc, -1, "/a/b/c/d", &error);
  g_autofree char *relative = NULL;
  g_autofree char *absolute = NULL;
  GPtrArray *layers;

  g_assert_no_error (error);
  layers = ga_project_get_layers (project);
  g_assert_cmpstr (((GaProjectLayer *) g_ptr_array_index (layers, 4))->path, ==,
                   "/a/b/c/d/rel/v.shp");
  g_assert_cmpstr (((GaProjectLayer *) g_ptr_array_index (layers, 5))->path, ==,
                   "/a/b/c/up/u.shp");
  /* The name defaults to the file name; the id is kept. */
  g_assert_cmpstr (((GaProjectLayer *) g_ptr_array_index (layers, 0))->name, ==, "x.shp");

  relative = ga_project_to_data (project, "/a/b/c/d", NULL);
  g_assert_nonnull (strstr (relative, "\"path\" : \"data/x.shp\""));
  g_assert_nonnull (strstr (relative, "\"path\" : \"../e/y.shp\""));
  g_assert_nonnull (strstr (relative, "\"path\" : \"../../f/z.shp\""));
  g_assert_nonnull (strstr (relative, "\"path\" : \"/a/g/w.shp\""));   /* too far: absolute */
  g_assert_nonnull (strstr (relative, "\"path\" : \"rel/v.shp\""));
  g_assert_nonnull (strstr (relative, "\"path\" : \"../up/u.shp\""));
  absolute = ga_project_to_data (project, NULL, NULL);
  g_assert_nonnull (strstr (absolute, "\"path\" : \"/a/b/c/d/data/x.shp\""));
  g_assert_nonnull (strstr (absolute, "\"path\" : \"/a/b/c/up/u.shp\""));
}

static void
test_missing_data (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->root, "missing.greenatlas", NULL);
  g_autofree char *parks = g_build_filename (f->root, "parks.geojson", NULL);
  const char doc[] =
    "{\"format\":\"green-atlas-project\",\"version\":1,\"layers\":["
    "{\"id\":\"gone\",\"name\":\"Old canals\",\"path\":\"canals.shp\",\"encoding\":\"CP874\","
    "\"visible\":true,\"opacity\":0.7,\"color\":\"#112233\","
    "\"style\":{\"version\":1,\"kind\":\"single\",\"fill\":\"#abcdef\"}},"
    "{\"id\":\"parks\",\"name\":\"Parks\",\"path\":\"parks.geojson\"}]}";
  g_autoptr (GaProject) project = NULL;
  g_autoptr (GaLayerStore) store = ga_layer_store_new ();
  g_autoptr (GHashTable) styles = new_styles ();
  g_autoptr (GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *canals = g_build_filename (f->root, "canals.shp", NULL);
  GaLayer *placeholder;
  GaProjectLayer *entry;

  write_file (path, doc);
  write_file (parks, parks_geojson);
  project = ga_project_load (path, &error);
  g_assert_no_error (error);
  g_assert_true (ga_project_read_layers (project, store, styles, warnings, NULL, NULL, NULL,
                                         &error));
  g_assert_no_error (error);

  /* The placeholder keeps its place (top), id, name and display state. */
  g_assert_cmpuint (ga_layer_store_get_n_layers (store), ==, 2);
  placeholder = ga_layer_store_get (store, 0);
  g_assert_cmpstr (ga_layer_get_id (placeholder), ==, "gone");
  g_assert_cmpstr (ga_layer_get_name (placeholder), ==, "Old canals");
  g_assert_cmpstr (ga_layer_get_path (placeholder), ==, canals);
  g_assert_cmpuint (ga_layer_get_n_features (placeholder), ==, 0);
  g_assert_cmpfloat (ga_layer_get_opacity (placeholder), ==, 0.7);
  g_assert_cmphex (ga_layer_get_color (placeholder), ==, 0x112233);
  expected = g_strdup_printf ("The file “%s” of layer “Old canals” is missing. Put it back or "
                              "open the project from its folder.", canals);
  g_assert_cmpstr (ga_layer_get_missing (placeholder), ==, expected);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (warnings, 0), ==, expected);
  g_assert_null (ga_layer_get_missing (ga_layer_store_get (store, 1)));
  g_assert_cmpuint (ga_layer_get_n_features (ga_layer_store_get (store, 1)), ==, 3);

  /* Saving keeps the missing layer's path, options and style; its display state follows
   * the store. */
  ga_layer_set_visible (placeholder, FALSE);
  ga_project_set_layers_from_store (project, store, styles);
  entry = g_ptr_array_index (ga_project_get_layers (project), 0);
  g_assert_cmpstr (entry->id, ==, "gone");
  g_assert_cmpstr (entry->name, ==, "Old canals");
  g_assert_cmpstr (entry->path, ==, canals);
  g_assert_cmpstr (entry->encoding, ==, "CP874");
  g_assert_false (entry->visible);
  g_assert_nonnull (entry->style);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (entry->style), "fill"),
                   ==, "#abcdef");
  entry = g_ptr_array_index (ga_project_get_layers (project), 1);
  g_assert_cmpstr (entry->id, ==, "parks");
  g_assert_nonnull (entry->style);   /* the default style it was drawn with */

  /* An unreadable file: the reader's reason is in the message. */
  {
    g_autoptr (GaLayerStore) store2 = ga_layer_store_new ();
    g_autoptr (GPtrArray) warnings2 = g_ptr_array_new_with_free_func (g_free);
    g_autofree char *junk = g_build_filename (f->root, "parks.geojson", NULL);
    g_autofree char *prefix = g_strdup_printf ("The file “%s” of layer “Parks” could not be read: ",
                                               junk);

    write_file (junk, "this is not GeoJSON");
    g_assert_true (ga_project_read_layers (project, store2, NULL, warnings2, NULL, NULL, NULL,
                                           &error));
    g_assert_no_error (error);
    for (guint i = 0; i < warnings2->len; i++)
      g_test_message ("warning: %s", (char *) g_ptr_array_index (warnings2, i));
    g_assert_cmpuint (warnings2->len, ==, 2);
    g_assert_true (g_str_has_prefix (g_ptr_array_index (warnings2, 1), prefix));
    g_assert_true (g_str_has_prefix (ga_layer_get_missing (ga_layer_store_get (store2, 1)),
                                     prefix));
  }
}

static void
test_cancel (Fixture *f, gconstpointer data)
{
  g_autofree char *parks = g_build_filename (f->root, "parks.geojson", NULL);
  g_autofree char *doc = g_strdup_printf ("{\"format\":\"green-atlas-project\",\"version\":1,"
                                          "\"layers\":[{\"id\":\"p\",\"path\":\"%s\"}]}", parks);
  g_autoptr (GaProject) project = ga_project_new_from_data (doc, -1, NULL, NULL);
  g_autoptr (GaLayerStore) store = ga_layer_store_new ();
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;

  write_file (parks, parks_geojson);
  g_cancellable_cancel (cancellable);
  g_assert_false (ga_project_read_layers (project, store, NULL, NULL, cancellable, NULL, NULL,
                                          &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (ga_layer_store_get_n_layers (store), ==, 0);
}

static void
on_progress_cb (double fraction, gpointer user_data)
{
  GArray *fractions = user_data;

  g_array_append_val (fractions, fraction);
}

/* The same file twice (two styles of one layer) gives two layers; a GeoPackage with two
 * layers is read once per set of options; progress runs from 0 to 1. */
static void
test_same_file_twice (Fixture *f, gconstpointer data)
{
  g_autofree char *parks = g_build_filename (f->root, "parks.geojson", NULL);
  g_autofree char *transit = g_build_filename (f->root, "transit.gpkg", NULL);
  const char doc[] =
    "{\"format\":\"green-atlas-project\",\"version\":1,\"layers\":["
    "{\"id\":\"stations\",\"path\":\"transit.gpkg\",\"source-layer\":\"transit_stations\"},"
    "{\"id\":\"big-parks\",\"path\":\"parks.geojson\",\"opacity\":0.25,"
    "\"style\":{\"version\":1,\"kind\":\"single\",\"filter\":\"area_ha > 10\"}},"
    "{\"id\":\"all-parks\",\"name\":\"All parks\",\"path\":\"parks.geojson\",\"style\":{\"kind\":\"no-such-kind\"}},"
    "{\"id\":\"lines\",\"path\":\"transit.gpkg\",\"source-layer\":\"transit_lines\"}]}";
  g_autoptr (GaProject) project = NULL;
  g_autoptr (GaLayerStore) store = ga_layer_store_new ();
  g_autoptr (GHashTable) styles = new_styles ();
  g_autoptr (GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GError) error = NULL;
  GaLayer *big, *all;

  write_file (parks, parks_geojson);
  copy_file (SOURCE_SAMPLE_DIR "/transit.gpkg", transit);
  project = ga_project_new_from_data (doc, -1, f->root, &error);
  g_assert_no_error (error);
  g_assert_true (ga_project_read_layers (project, store, styles, warnings, NULL, on_progress_cb,
                                         fractions, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (ga_layer_store_get_n_layers (store), ==, 4);
  g_assert_cmpstr (ga_layer_get_id (ga_layer_store_get (store, 0)), ==, "stations");
  g_assert_cmpstr (ga_layer_get_id (ga_layer_store_get (store, 1)), ==, "big-parks");
  g_assert_cmpstr (ga_layer_get_id (ga_layer_store_get (store, 2)), ==, "all-parks");
  g_assert_cmpstr (ga_layer_get_id (ga_layer_store_get (store, 3)), ==, "lines");
  g_assert_cmpuint (ga_layer_get_n_features (ga_layer_store_get (store, 0)), ==, 92);
  g_assert_cmpuint (ga_layer_get_n_features (ga_layer_store_get (store, 3)), ==, 4);
  big = ga_layer_store_get (store, 1);
  all = ga_layer_store_get (store, 2);
  g_assert_true (big != all);
  g_assert_cmpuint (ga_layer_get_n_features (all), ==, 3);
  g_assert_cmpfloat (ga_layer_get_opacity (big), ==, 0.25);
  g_assert_cmpfloat (ga_layer_get_opacity (all), ==, 1.0);
  g_assert_cmpstr (ga_style_get_filter (g_hash_table_lookup (styles, big)), ==, "area_ha > 10");
  /* The unreadable style falls back to the layer's default one, with a warning. */
  g_assert_null (ga_style_get_filter (g_hash_table_lookup (styles, all)));
  g_assert_cmpint (ga_style_get_theme (g_hash_table_lookup (styles, all)), ==,
                   GA_THEME_GREEN_SPACE);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (warnings, 0),
                                   "The style of layer “All parks” could not be read ("));

  /* Two files: progress from 0 to 1, never backwards. */
  g_assert_cmpuint (fractions->len, >=, 3);
  g_assert_cmpfloat (g_array_index (fractions, double, 0), ==, 0.0);
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i), >=,
                       g_array_index (fractions, double, i - 1));
}

static void
test_malformed (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->root, "broken.greenatlas", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GaProject) project = NULL;

  write_file (path, "{\n  \"format\" : \"green-atlas-project\",\n  \"version\" : 1,\n"
                    "  \"title\" : \"x\"\n  \"layers\" : []\n}\n");
  project = ga_project_load (path, &error);
  g_assert_null (project);
  g_assert_error (error, GA_ERROR, GA_ERROR_CORRUPT);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message,
                                   "Could not open “broken.greenatlas”: it is not valid JSON "
                                   "(line 4, column 15: "));
  g_clear_error (&error);

  /* Not there at all. */
  g_clear_pointer (&path, g_free);
  path = g_build_filename (f->root, "nowhere.greenatlas", NULL);
  g_assert_null (ga_project_load (path, &error));
  g_assert_error (error, GA_ERROR, GA_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==,
                   "Could not open “nowhere.greenatlas”: the file does not exist");
  g_clear_error (&error);

  /* A broken slide. */
  g_clear_pointer (&path, g_free);
  path = g_build_filename (f->root, "slide.greenatlas", NULL);
  write_file (path, "{\"format\":\"green-atlas-project\",\"version\":1,"
                    "\"slides\":[{\"title\":\"A\",\"extent\":[1,2,3]}]}");
  g_assert_null (ga_project_load (path, &error));
  g_assert_error (error, GA_ERROR, GA_ERROR_CORRUPT);
  g_assert_cmpstr (error->message, ==,
                   "Could not open “slide.greenatlas”: slide 1: The extent of slide “A” does not "
                   "have four numbers.");
}

static void
test_wrong_format (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->root, "other.greenatlas", NULL);
  g_autoptr (GError) error = NULL;

  write_file (path, "{\"format\":\"qgis-project\",\"version\":1}");
  g_assert_null (ga_project_load (path, &error));
  g_assert_error (error, GA_ERROR, GA_ERROR_UNSUPPORTED);
  g_assert_cmpstr (error->message, ==,
                   "Could not open “other.greenatlas”: it is not a Green Atlas project "
                   "(its format is “qgis-project”)");
  g_clear_error (&error);

  write_file (path, "[1, 2, 3]");
  g_assert_null (ga_project_load (path, &error));
  g_assert_error (error, GA_ERROR, GA_ERROR_UNSUPPORTED);
  g_assert_cmpstr (error->message, ==,
                   "Could not open “other.greenatlas”: it is not a Green Atlas project");
  g_clear_error (&error);

  write_file (path, "{\"format\":\"green-atlas-project\",\"version\":\"one\"}");
  g_assert_null (ga_project_load (path, &error));
  g_assert_error (error, GA_ERROR, GA_ERROR_CORRUPT);
  g_assert_true (strstr (error->message, "other.greenatlas") != NULL);
  g_clear_error (&error);

  /* Data without a file: the message says "the project". */
  g_assert_null (ga_project_new_from_data ("{\"format\":\"x\"}", -1, NULL, &error));
  g_assert_cmpstr (error->message, ==,
                   "Could not read the project: it is not a Green Atlas project "
                   "(its format is “x”)");
}

static void
test_newer_version (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->root, "future.greenatlas", NULL);
  g_autofree char *copy = g_build_filename (f->root, "copy.greenatlas", NULL);
  const char doc[] =
    "{\"format\":\"green-atlas-project\",\"version\":3,\"title\":\"From the future\","
    "\"hologram\":{\"depth\":[1,2]},\"layers\":[],\"slides\":[],\"zzz\":true}";
  g_autoptr (GaProject) project = NULL;
  g_autoptr (GaProject) reloaded = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *saved = NULL;

  write_file (path, doc);
  project = ga_project_load (path, &error);
  g_assert_no_error (error);
  g_assert_true (ga_project_get_read_only (project));
  g_assert_cmpstr (ga_project_get_read_only_reason (project), ==,
                   "“future.greenatlas” was saved by a newer version of Green Atlas (format 3); "
                   "it is open read-only. Use Save As to keep your changes in a new file.");
  g_assert_cmpstr (ga_project_get_title (project), ==, "From the future");

  /* Not over itself… */
  ga_project_set_title (project, "Changed");
  g_assert_false (ga_project_save (project, path, &error));
  g_assert_error (error, GA_ERROR, GA_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, "Could not save “future.greenatlas”: "));
  g_clear_error (&error);
  text = read_text (path);
  g_assert_cmpstr (text, ==, doc);

  /* …but as a copy, with the unknown members kept, in order. */
  g_assert_true (ga_project_save (project, copy, &error));
  g_assert_no_error (error);
  g_assert_false (ga_project_get_read_only (project));
  g_assert_cmpstr (ga_project_get_path (project), ==, copy);
  saved = read_text (copy);
  g_assert_nonnull (strstr (saved, "\"hologram\" : {"));
  g_assert_true (strstr (saved, "\"hologram\"") < strstr (saved, "\"zzz\" : true"));
  g_assert_true (strstr (saved, "\"slides\"") < strstr (saved, "\"hologram\""));
  reloaded = ga_project_load (copy, &error);
  g_assert_no_error (error);
  g_assert_false (ga_project_get_read_only (reloaded));
  g_assert_null (ga_project_get_read_only_reason (reloaded));
  g_assert_cmpstr (ga_project_get_title (reloaded), ==, "Changed");
}

static void
test_write_failure (Fixture *f, gconstpointer data)
{
  g_autofree char *dir = g_build_filename (f->root, "save", NULL);
  g_autofree char *path = g_build_filename (dir, "plan.greenatlas", NULL);
  g_autoptr (GaProject) project = ga_project_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *expected = NULL;
  gsize length;
  const gssize faults[] = { 0, 1, 100, -2 /* = length - 1 */, -3 /* = length */ };

  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  ga_project_set_title (project, "Before");
  g_assert_true (ga_project_save (project, path, &error));
  g_assert_no_error (error);
  before = read_text (path);
  g_assert_cmpuint (count_entries (dir), ==, 1);

  ga_project_set_title (project, "After, a much longer title that changes the size");
  g_free (ga_project_to_data (project, dir, &length));
  expected = g_strdup_printf ("Could not save “plan.greenatlas”: %s", g_strerror (ENOSPC));
  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autofree char *now = NULL;
      gssize fault = faults[i] == -2 ? (gssize) length - 1
                   : faults[i] == -3 ? (gssize) length : faults[i];

      _ga_project_set_write_fault (fault);
      g_assert_false (ga_project_save (project, path, &error));
      g_assert_error (error, GA_ERROR, GA_ERROR_IO);
      g_assert_cmpstr (error->message, ==, expected);
      g_clear_error (&error);
      now = read_text (path);
      g_assert_cmpstr (now, ==, before);
      g_assert_cmpuint (count_entries (dir), ==, 1);   /* no temporary file left */
    }

  /* A project never saved is not created by a failed save. */
  {
    g_autofree char *other = g_build_filename (dir, "new.greenatlas", NULL);

    g_assert_false (ga_project_save (project, other, &error));
    g_clear_error (&error);
    g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
    g_assert_cmpuint (count_entries (dir), ==, 1);
  }

  _ga_project_set_write_fault ((gssize) length + 1);
  g_assert_true (ga_project_save (project, path, &error));
  g_assert_no_error (error);
  _ga_project_set_write_fault (-1);
  g_clear_pointer (&before, g_free);
  before = read_text (path);
  g_assert_nonnull (strstr (before, "After, a much longer title"));
  g_assert_cmpuint (count_entries (dir), ==, 1);
}

static void
test_autosave (Fixture *f, gconstpointer data)
{
  g_autofree char *autosave_dir = g_build_filename (f->root, "state", "autosave", NULL);
  g_autofree char *path = g_build_filename (f->root, "work", "city.greenatlas", NULL);
  g_autofree char *parks = g_build_filename (f->root, "work", "parks.geojson", NULL);
  g_autofree char *doc = g_strdup_printf ("{\"format\":\"green-atlas-project\",\"version\":1,"
                                          "\"title\":\"Saved\",\"layers\":[{\"id\":\"p\","
                                          "\"path\":\"parks.geojson\"}]}");
  g_autoptr (GaProject) project = NULL;
  g_autoptr (GaProject) recovered = NULL;
  g_autoptr (GaProject) untitled = ga_project_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *autosave_path = NULL;
  g_autofree char *untitled_path = NULL;
  g_autofree char *text = NULL;
  g_auto (GStrv) list = NULL;

  g_setenv ("GA_AUTOSAVE_DIR", autosave_dir, TRUE);
  write_file (path, doc);
  write_file (parks, parks_geojson);
  project = ga_project_load (path, &error);
  g_assert_no_error (error);

  autosave_path = ga_project_autosave_path (path);
  g_assert_true (g_str_has_prefix (autosave_path, autosave_dir));
  g_assert_true (g_str_has_suffix (autosave_path, ".greenatlas"));
  g_assert_cmpstr (autosave_path, !=, path);
  {
    /* Another project gets another copy. */
    g_autofree char *other = ga_project_autosave_path ("/elsewhere/city.greenatlas");

    g_assert_cmpstr (other, !=, autosave_path);
  }

  list = ga_project_list_autosaves ();
  g_assert_cmpuint (g_strv_length (list), ==, 0);
  g_clear_pointer (&list, g_strfreev);

  ga_project_set_title (project, "Unsaved change");
  g_assert_true (ga_project_autosave (project, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ga_project_get_path (project), ==, path);   /* unchanged */
  text = read_text (path);
  g_assert_cmpstr (text, ==, doc);                              /* the project is untouched */
  g_assert_true (g_file_test (autosave_path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (count_entries (autosave_dir), ==, 1);

  list = ga_project_list_autosaves ();
  g_assert_cmpuint (g_strv_length (list), ==, 1);
  g_assert_cmpstr (list[0], ==, autosave_path);

  recovered = ga_project_load_autosave (list[0], &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ga_project_get_path (recovered), ==, path);
  g_assert_cmpstr (ga_project_get_title (recovered), ==, "Unsaved change");
  g_assert_cmpstr (((GaProjectLayer *) g_ptr_array_index (ga_project_get_layers (recovered), 0))->path,
                   ==, parks);
  /* Saving the recovered project writes no "autosave-of". */
  g_assert_true (ga_project_save (recovered, path, &error));
  g_clear_pointer (&text, g_free);
  text = read_text (path);
  g_assert_null (strstr (text, "autosave-of"));
  g_assert_nonnull (strstr (text, "\"path\" : \"parks.geojson\""));
  /* A normal load of the autosave file ignores the member and keeps its own path. */
  {
    g_autoptr (GaProject) plain = ga_project_load (autosave_path, &error);
    g_autofree char *again = NULL;

    g_assert_no_error (error);
    g_assert_cmpstr (ga_project_get_path (plain), ==, autosave_path);
    again = ga_project_to_data (plain, NULL, NULL);
    g_assert_null (strstr (again, "autosave-of"));
  }

  ga_project_discard_autosave (path);
  g_assert_false (g_file_test (autosave_path, G_FILE_TEST_EXISTS));
  g_clear_pointer (&list, g_strfreev);
  list = ga_project_list_autosaves ();
  g_assert_cmpuint (g_strv_length (list), ==, 0);

  /* An unsaved project: recovered without a path; this session's own copy is not offered. */
  ga_project_set_title (untitled, "Draft");
  g_assert_true (ga_project_autosave (untitled, &error));
  g_assert_no_error (error);
  untitled_path = ga_project_autosave_path (NULL);
  g_assert_true (g_file_test (untitled_path, G_FILE_TEST_IS_REGULAR));
  g_clear_pointer (&list, g_strfreev);
  list = ga_project_list_autosaves ();
  g_assert_cmpuint (g_strv_length (list), ==, 0);
  g_clear_object (&recovered);
  recovered = ga_project_load_autosave (untitled_path, &error);
  g_assert_no_error (error);
  g_assert_null (ga_project_get_path (recovered));
  g_assert_cmpstr (ga_project_get_title (recovered), ==, "Draft");
  ga_project_discard_autosave (NULL);
  g_assert_false (g_file_test (untitled_path, G_FILE_TEST_EXISTS));

  /* A failed autosave leaves the previous copy. */
  g_assert_true (ga_project_autosave (project, &error));
  _ga_project_set_write_fault (5);
  ga_project_set_title (project, "Later");
  g_assert_false (ga_project_autosave (project, &error));
  g_assert_error (error, GA_ERROR, GA_ERROR_IO);
  g_clear_error (&error);
  _ga_project_set_write_fault (-1);
  g_clear_pointer (&text, g_free);
  text = read_text (autosave_path);
  g_assert_nonnull (strstr (text, "Unsaved change"));
  g_assert_cmpuint (count_entries (autosave_dir), ==, 1);

  /* A project open read-only (newer format) stays read-only when recovered, so the copy
   * cannot be saved over the newer file. */
  {
    g_autofree char *future = g_build_filename (f->root, "work", "future.greenatlas", NULL);
    g_autofree char *copy_path = NULL;
    g_autoptr (GaProject) newer = NULL;
    g_autoptr (GaProject) back = NULL;

    write_file (future, "{\"format\":\"green-atlas-project\",\"version\":2,\"title\":\"F\"}");
    newer = ga_project_load (future, &error);
    g_assert_no_error (error);
    g_assert_true (ga_project_get_read_only (newer));
    g_assert_true (ga_project_autosave (newer, &error));
    g_assert_no_error (error);
    copy_path = ga_project_autosave_path (future);
    back = ga_project_load_autosave (copy_path, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (ga_project_get_path (back), ==, future);
    g_assert_true (ga_project_get_read_only (back));
    g_assert_cmpstr (ga_project_get_read_only_reason (back), ==,
                     ga_project_get_read_only_reason (newer));
    g_assert_false (ga_project_save (back, future, &error));
    g_assert_error (error, GA_ERROR, GA_ERROR_IO);
    g_clear_error (&error);
    ga_project_discard_autosave (future);
  }

  g_unsetenv ("GA_AUTOSAVE_DIR");
}

static void
on_notify_cb (GObject *object, GParamSpec *pspec, guint *count)
{
  (*count)++;
}

static void
test_slide (void)
{
  g_autoptr (GaSlide) slide = ga_slide_new ();
  g_autoptr (GaSlide) copy = NULL;
  g_autoptr (GaSlide) back = NULL;
  g_autoptr (JsonNode) style = json_from_string ("{\"kind\":\"heatmap\"}", NULL);
  g_autoptr (JsonNode) json = NULL;
  g_autoptr (GError) error = NULL;
  guint notified = 0;
  JsonNode *got = NULL;
  gboolean visible = TRUE;

  g_signal_connect (slide, "notify", G_CALLBACK (on_notify_cb), &notified);
  g_assert_cmpstr (ga_slide_get_title (slide), ==, "");
  ga_slide_set_title (slide, "One");
  ga_slide_set_title (slide, "One");   /* no change, no notify */
  g_object_set (slide, "caption", "Two", NULL);
  g_assert_cmpuint (notified, ==, 2);
  ga_slide_set_layer (slide, "b", TRUE, style);
  ga_slide_set_layer (slide, "a", FALSE, NULL);
  ga_slide_set_layer (slide, "b", FALSE, NULL);   /* replaces, keeps the order */
  g_assert_cmpstr (ga_slide_get_layer_ids (slide)[0], ==, "b");
  g_assert_cmpstr (ga_slide_get_layer_ids (slide)[1], ==, "a");
  g_assert_null (ga_slide_get_layer_ids (slide)[2]);
  g_assert_true (ga_slide_get_layer (slide, "b", &visible, &got));
  g_assert_false (visible);
  g_assert_null (got);
  g_assert_false (ga_slide_get_layer (slide, "c", &visible, &got));

  ga_slide_set_layer (slide, "b", TRUE, style);
  ga_slide_set_extent (slide, 100.0, 13.0, 101.0, 14.0);
  ga_slide_set_title (slide, "T");
  ga_slide_set_caption (slide, "C");
  copy = ga_slide_copy (slide);
  ga_slide_clear_layers (slide);
  g_assert_null (ga_slide_get_layer_ids (slide)[0]);
  g_assert_true (ga_slide_get_layer (copy, "b", &visible, &got));
  g_assert_true (visible);
  g_assert_true (json_node_equal (got, style));

  json = ga_slide_to_json (copy);
  back = ga_slide_new_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ga_slide_get_title (back), ==, "T");
  g_assert_cmpstr (ga_slide_get_caption (back), ==, "C");
  g_assert_true (ga_slide_get_layer (back, "b", &visible, &got));
  g_assert_true (json_node_equal (got, style));
  {
    g_autofree char *a = json_to_string (json, FALSE);
    g_autoptr (JsonNode) json2 = ga_slide_to_json (back);
    g_autofree char *b = json_to_string (json2, FALSE);

    g_assert_cmpstr (a, ==, b);
  }
}

/* The bundled sample story: every layer loads, every slide shows existing layers in a
 * place inside the data, every slide style reads, and the file is in canonical form. */
static void
test_sample_project (void)
{
  const char *path = SOURCE_SAMPLE_DIR "/green-city.greenatlas";
  g_autoptr (GaProject) project = NULL;
  g_autoptr (GaLayerStore) store = ga_layer_store_new ();
  g_autoptr (GHashTable) styles = new_styles ();
  g_autoptr (GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;
  GaExtent all = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
  guint n_heatmaps = 0;

  project = ga_project_load (path, &error);
  g_assert_no_error (error);
  g_assert_false (ga_project_get_read_only (project));
  g_assert_cmpstr (ga_project_get_basemap (project), ==, "sample-city");
  g_assert_cmpstr (ga_project_get_title (project), !=, "");
  g_assert_cmpuint (ga_project_get_n_slides (project), >=, 6);
  g_assert_cmpuint (ga_project_get_n_slides (project), <=, 7);

  /* Saved by this version: opening and writing gives the same bytes. */
  text = read_text (path);
  again = ga_project_to_data (project, SOURCE_SAMPLE_DIR, NULL);
  assert_same_text (text, again);

  g_assert_true (ga_project_read_layers (project, store, styles, warnings, NULL, NULL, NULL,
                                         &error));
  g_assert_no_error (error);
  for (guint i = 0; i < warnings->len; i++)
    g_test_message ("warning: %s", (char *) g_ptr_array_index (warnings, i));
  g_assert_cmpuint (warnings->len, ==, 0);
  g_assert_cmpuint (ga_layer_store_get_n_layers (store), ==, 7);
  for (guint i = 0; i < ga_layer_store_get_n_layers (store); i++)
    {
      GaLayer *layer = ga_layer_store_get (store, i);
      GaProjectLayer *entry = g_ptr_array_index (ga_project_get_layers (project), i);
      GaExtent e;

      g_assert_cmpstr (ga_layer_get_id (layer), ==, entry->id);
      g_assert_null (ga_layer_get_missing (layer));
      g_assert_cmpuint (ga_layer_get_n_features (layer), >, 0);
      g_assert_nonnull (g_hash_table_lookup (styles, layer));
      g_assert_true (g_str_has_prefix (ga_layer_get_path (layer), SOURCE_SAMPLE_DIR "/"));
      ga_layer_get_lonlat_extent (layer, &e);
      all.min_x = MIN (all.min_x, e.min_x);
      all.min_y = MIN (all.min_y, e.min_y);
      all.max_x = MAX (all.max_x, e.max_x);
      all.max_y = MAX (all.max_y, e.max_y);
    }
  /* The sample city is Bangkok. */
  g_assert_cmpfloat (all.min_x, >, 100.2);
  g_assert_cmpfloat (all.max_x, <, 100.9);
  g_assert_cmpfloat (all.min_y, >, 13.5);
  g_assert_cmpfloat (all.max_y, <, 14.0);

  for (guint s = 0; s < ga_project_get_n_slides (project); s++)
    {
      GaSlide *slide = ga_project_get_slide (project, s);
      const char * const *ids = ga_slide_get_layer_ids (slide);
      double w, so, e, n;
      guint n_visible = 0;

      g_test_message ("slide %u: %s", s + 1, ga_slide_get_title (slide));
      g_assert_cmpstr (ga_slide_get_title (slide), !=, "");
      g_assert_cmpstr (ga_slide_get_caption (slide), !=, "");
      g_assert_true (ga_slide_get_extent (slide, &w, &so, &e, &n));
      g_assert_cmpfloat (w, <, e);
      g_assert_cmpfloat (so, <, n);
      /* Inside the data (with a small margin) and not a whole-world view. */
      g_assert_cmpfloat (w, >=, all.min_x - 0.05);
      g_assert_cmpfloat (e, <=, all.max_x + 0.05);
      g_assert_cmpfloat (so, >=, all.min_y - 0.05);
      g_assert_cmpfloat (n, <=, all.max_y + 0.05);
      for (guint i = 0; ids[i] != NULL; i++)
        {
          gboolean visible;
          JsonNode *node;

          g_assert_nonnull (find_layer (store, ids[i]));
          g_assert_true (ga_slide_get_layer (slide, ids[i], &visible, &node));
          n_visible += visible;
          if (node != NULL)
            {
              g_autoptr (GaStyle) style = ga_style_new_from_json (node, &error);

              g_assert_no_error (error);
              ga_style_prepare (style, find_layer (store, ids[i]));
              if (ga_style_get_kind (style) == GA_STYLE_HEATMAP)
                {
                  n_heatmaps++;
                  g_assert_cmpfloat (ga_style_get_scale_max (style), >, 0.0);
                  g_assert_cmpstr (ga_style_get_weight_field (style), ==, "tco2e");
                }
              if (ga_style_get_field (style) != NULL)
                g_assert_cmpint (ga_layer_find_field (find_layer (store, ids[i]),
                                                      ga_style_get_field (style)), >=, 0);
            }
        }
      g_assert_cmpuint (n_visible, >=, 2);
    }
  g_assert_cmpuint (n_heatmaps, ==, 1);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/project/slide", test_slide);
  g_test_add_func ("/project/path-forms", test_path_forms);
  g_test_add_func ("/project/sample", test_sample_project);
  g_test_add ("/project/round-trip", Fixture, NULL, fixture_set_up, test_round_trip,
              fixture_tear_down);
  g_test_add ("/project/missing-data", Fixture, NULL, fixture_set_up, test_missing_data,
              fixture_tear_down);
  g_test_add ("/project/same-file-twice", Fixture, NULL, fixture_set_up, test_same_file_twice,
              fixture_tear_down);
  g_test_add ("/project/cancel", Fixture, NULL, fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add ("/project/malformed", Fixture, NULL, fixture_set_up, test_malformed,
              fixture_tear_down);
  g_test_add ("/project/wrong-format", Fixture, NULL, fixture_set_up, test_wrong_format,
              fixture_tear_down);
  g_test_add ("/project/newer-version", Fixture, NULL, fixture_set_up, test_newer_version,
              fixture_tear_down);
  g_test_add ("/project/write-failure", Fixture, NULL, fixture_set_up, test_write_failure,
              fixture_tear_down);
  g_test_add ("/project/autosave", Fixture, NULL, fixture_set_up, test_autosave,
              fixture_tear_down);

  return g_test_run ();
}
