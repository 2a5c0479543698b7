/* test-slides.c — slides of the window's project: capture and apply, editing, the panel's
 * thumbnails, and the PDF deck behind the export dialog (under Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window opens the sample city's data files (not its project), so it starts with an
 * untitled project without slides.
 */
#include "config.h"

#include <gdal.h>
#include <glib/gstdio.h>
#include <math.h>

#include "ga-application.h"
#include "ga-export-dialog.h"
#include "ga-layer-style.h"
#include "ga-project.h"
#include "ga-slides-panel.h"
#include "ga-window-private.h"
#include "ga-window-slides.h"
#include "ga-window.h"

#include "ga-test-ui.h"

static GaWindow *
new_sample_window (void)
{
  g_autofree char *dir = ga_find_sample_dir ();
  g_autoptr(GPtrArray) paths = NULL;
  GaWindow *win;

  g_assert_nonnull (dir);
  paths = ga_sample_list_files (dir);
  g_ptr_array_add (paths, NULL);
  win = ga_test_new_window_with ((const char * const *) paths->pdata);
  g_assert_cmpuint (ga_layer_store_get_n_layers (ga_window_get_layer_store (win)), >=, 5);
  return win;
}

static void
destroy_window (GaWindow *win)
{
  /* Toasts must finish their show animation before the window goes (libadwaita 1.2). */
  ga_test_iterate_ms (450);
  _ga_window_set_project_modified (win, FALSE);
  gtk_window_destroy (GTK_WINDOW (win));
  ga_test_iterate_ms (20);
}

static gboolean
slide_layer_visible (GaSlide *slide,
                     GaLayer *layer)
{
  gboolean visible = FALSE;

  if (!ga_slide_get_layer (slide, ga_layer_get_id (layer), &visible, NULL))
    return FALSE;
  return visible;
}

static void
map_center (GaWindow *win,
            double   *lat,
            double   *lon,
            double   *zoom)
{
  ga_map_view_get_center (ga_window_get_map_view (win), lat, lon, zoom);
}

static void
slide_center (GaSlide *slide,
              double  *lat,
              double  *lon)
{
  GaExtent extent;

  g_assert_true (ga_slide_get_mercator_extent (slide, &extent));
  ga_mercator_to_lonlat ((extent.min_x + extent.max_x) / 2, (extent.min_y + extent.max_y) / 2,
                         lon, lat);
}

/* ---- capture and apply ---- */

static void
test_capture_apply (void)
{
  GaWindow *win = new_sample_window ();
  GaProject *project = ga_window_get_project (win);
  GaLayerStore *store = ga_window_get_layer_store (win);
  GaLayer *top = ga_layer_store_get (store, 0);
  GaLayer *bottom = ga_layer_store_get (store, ga_layer_store_get_n_layers (store) - 1);
  GaExtent visible;
  double lat0, lon0, zoom0, lat, lon, zoom, slat, slon;
  double w, s, e, n, west, south, east, north;
  GaSlide *slide;
  guint index;

  ga_layer_set_visible (top, FALSE);
  ga_layer_set_visible (bottom, TRUE);
  ga_test_wait_map_settled (win, TRUE);
  map_center (win, &lat0, &lon0, &zoom0);
  _ga_window_set_project_modified (win, FALSE);

  g_assert_cmpuint (ga_project_get_n_slides (project), ==, 0);
  index = ga_window_add_slide (win);
  g_assert_cmpuint (index, ==, 0);
  g_assert_cmpuint (ga_project_get_n_slides (project), ==, 1);
  g_assert_true (ga_window_get_project_modified (win));
  slide = ga_project_get_slide (project, 0);
  g_assert_cmpstr (ga_slide_get_title (slide), ==, "Slide 1");
  g_assert_cmpstr (ga_slide_get_caption (slide), ==, "");

  /* The extent is the visible area, in degrees. */
  ga_map_view_get_visible_extent (ga_window_get_map_view (win), &visible);
  ga_mercator_to_lonlat (visible.min_x, visible.min_y, &west, &south);
  ga_mercator_to_lonlat (visible.max_x, visible.max_y, &east, &north);
  g_assert_true (ga_slide_get_extent (slide, &w, &s, &e, &n));
  g_assert_cmpfloat_with_epsilon (w, west, 1e-9);
  g_assert_cmpfloat_with_epsilon (s, south, 1e-9);
  g_assert_cmpfloat_with_epsilon (e, east, 1e-9);
  g_assert_cmpfloat_with_epsilon (n, north, 1e-9);
  g_assert_cmpfloat (w, <, lon0);
  g_assert_cmpfloat (e, >, lon0);
  g_assert_cmpfloat (s, <, lat0);
  g_assert_cmpfloat (n, >, lat0);

  /* Every layer by id, with its visibility and its style's JSON. */
  for (guint i = 0; i < ga_layer_store_get_n_layers (store); i++)
    {
      GaLayer *layer = ga_layer_store_get (store, i);
      g_autoptr(JsonNode) expected = ga_style_to_json (ga_layer_style_get (layer));
      gboolean vis;
      JsonNode *style = NULL;

      g_assert_true (ga_slide_get_layer (slide, ga_layer_get_id (layer), &vis, &style));
      g_assert_cmpint (vis, ==, ga_layer_get_visible (layer));
      g_assert_nonnull (style);
      g_assert_true (json_node_equal (style, expected));
    }
  g_assert_false (slide_layer_visible (slide, top));
  g_assert_true (slide_layer_visible (slide, bottom));

  /* Round trip: change visibility, a style and the view; applying brings them back. */
  {
    g_autoptr(GaStyle) red = ga_style_copy (ga_layer_style_get (bottom));
    GaStyle *before = ga_layer_style_get (bottom);

    ga_style_set_fill (red, GA_RGBA (0xff, 0x00, 0x00, 0xff));
    ga_layer_style_set (bottom, red);
    ga_map_view_restyle (ga_window_get_map_view (win), bottom);
    ga_layer_set_visible (top, TRUE);
    ga_layer_set_visible (bottom, FALSE);
    ga_map_view_set_center (ga_window_get_map_view (win), lat0 + 0.2, lon0 - 0.2, zoom0 - 2);
    g_assert_true (before != ga_layer_style_get (bottom));

    ga_window_apply_slide (win, slide, NULL, FALSE);
    g_assert_false (ga_layer_get_visible (top));
    g_assert_true (ga_layer_get_visible (bottom));
    {
      g_autoptr(JsonNode) now = ga_style_to_json (ga_layer_style_get (bottom));
      JsonNode *saved = NULL;

      ga_slide_get_layer (slide, ga_layer_get_id (bottom), NULL, &saved);
      g_assert_true (json_node_equal (now, saved));
      g_assert_cmpuint (ga_style_get_fill (ga_layer_style_get (bottom)), !=,
                        GA_RGBA (0xff, 0x00, 0x00, 0xff));
    }
  }
  map_center (win, &lat, &lon, &zoom);
  slide_center (slide, &slat, &slon);
  g_assert_cmpfloat_with_epsilon (lat, slat, 1e-6);
  g_assert_cmpfloat_with_epsilon (lon, slon, 1e-6);
  g_assert_cmpfloat_with_epsilon (lat, lat0, 1e-4);
  g_assert_cmpfloat_with_epsilon (lon, lon0, 1e-4);
  /* The same window: the same whole zoom level. */
  g_assert_cmpfloat_with_epsilon (zoom, floor (zoom0 + 1e-6), 1e-9);

  /* Applying the same slide again keeps the style objects: no needless re-render. */
  {
    GaStyle *kept = ga_layer_style_get (bottom);

    ga_window_apply_slide (win, slide, NULL, FALSE);
    g_assert_true (kept == ga_layer_style_get (bottom));
  }

  /* A layer the slide does not mention is hidden. */
  ga_slide_clear_layers (slide);
  ga_slide_set_layer (slide, ga_layer_get_id (top), TRUE, NULL);
  ga_window_apply_slide (win, slide, NULL, FALSE);
  g_assert_true (ga_layer_get_visible (top));
  g_assert_false (ga_layer_get_visible (bottom));

  destroy_window (win);
}

/* ---- editing ---- */

static guint n_changed;

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     gpointer    user_data)
{
  n_changed++;
}

static GtkWidget *
row_title_label (GaWindow *win,
                 guint     index)
{
  GtkListBox *list = ga_slides_panel_get_list (GA_SLIDES_PANEL (ga_window_get_slides_panel (win)));
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, (int) index);

  g_assert_nonnull (row);
  return ga_test_find_descendant (GTK_WIDGET (row), GTK_TYPE_EDITABLE_LABEL);
}

static void
test_edit (void)
{
  GaWindow *win = new_sample_window ();
  GaProject *project = ga_window_get_project (win);
  GListModel *slides = ga_project_get_slides (project);
  GaLayerStore *store = ga_window_get_layer_store (win);
  GaLayer *top = ga_layer_store_get (store, 0);
  GaSlide *first, *second;
  GtkListBox *list;

  g_signal_connect (slides, "items-changed", G_CALLBACK (on_items_changed_cb), NULL);
  ga_window_add_slide (win);
  ga_window_add_slide (win);
  g_assert_cmpuint (g_list_model_get_n_items (slides), ==, 2);
  first = ga_project_get_slide (project, 0);
  second = ga_project_get_slide (project, 1);
  g_assert_cmpstr (ga_slide_get_title (second), ==, "Slide 2");

  /* The panel lists them, no longer the empty state. */
  list = ga_slides_panel_get_list (GA_SLIDES_PANEL (ga_window_get_slides_panel (win)));
  g_assert_nonnull (gtk_list_box_get_row_at_index (list, 1));
  g_assert_null (gtk_list_box_get_row_at_index (list, 2));

  /* Update: the slide takes the current visibility. */
  _ga_window_set_project_modified (win, FALSE);
  g_assert_true (slide_layer_visible (first, top));
  ga_layer_set_visible (top, FALSE);
  _ga_window_set_project_modified (win, FALSE);
  ga_window_update_slide (win, 0);
  g_assert_false (slide_layer_visible (first, top));
  g_assert_true (ga_window_get_project_modified (win));

  /* Rename: the model and the row's label. */
  _ga_window_set_project_modified (win, FALSE);
  ga_window_rename_slide (win, 1, "Green space", "Parks within 300 m");
  g_assert_cmpstr (ga_slide_get_title (second), ==, "Green space");
  g_assert_cmpstr (ga_slide_get_caption (second), ==, "Parks within 300 m");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row_title_label (win, 1))), ==,
                   "Green space");
  g_assert_true (ga_window_get_project_modified (win));
  /* The same text again is no change. */
  _ga_window_set_project_modified (win, FALSE);
  ga_window_rename_slide (win, 1, "Green space", NULL);
  g_assert_false (ga_window_get_project_modified (win));

  /* Move: the second goes first. */
  n_changed = 0;
  ga_window_move_slide (win, 1, 0);
  g_assert_cmpuint (n_changed, >, 0);
  g_assert_true (ga_project_get_slide (project, 0) == second);
  g_assert_true (ga_project_get_slide (project, 1) == first);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row_title_label (win, 0))), ==,
                   "Green space");
  g_assert_true (ga_window_get_project_modified (win));

  /* Delete. */
  _ga_window_set_project_modified (win, FALSE);
  n_changed = 0;
  g_object_ref (first);
  ga_window_remove_slide (win, 1);
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (slides), ==, 1);
  g_assert_true (ga_project_get_slide (project, 0) == second);
  g_assert_true (ga_window_get_project_modified (win));
  g_object_unref (first);

  /* Going to a slide (a click on its row) applies it. */
  ga_layer_set_visible (top, TRUE);
  g_assert_true (!slide_layer_visible (second, top) || ga_layer_get_visible (top));
  ga_window_go_to_slide (win, 0);
  g_assert_cmpint (ga_layer_get_visible (top), ==, slide_layer_visible (second, top));

  g_signal_handlers_disconnect_by_func (slides, on_items_changed_cb, NULL);
  destroy_window (win);
}

/* ---- thumbnails ---- */

static void
test_thumbnail (void)
{
  GaWindow *win = new_sample_window ();
  GaSlidesPanel *panel = GA_SLIDES_PANEL (ga_window_get_slides_panel (win));
  GaProject *project = ga_window_get_project (win);
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  GdkTexture *texture;
  g_autofree guchar *pixels = NULL;
  int width, height;
  guint coloured = 0;

  ga_window_add_slide (win);
  while (ga_slides_panel_get_thumbnail (panel, ga_project_get_slide (project, 0)) == NULL
         && g_get_monotonic_time () < end)
    ga_test_iterate_ms (20);
  texture = ga_slides_panel_get_thumbnail (panel, ga_project_get_slide (project, 0));
  g_assert_nonnull (texture);
  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  g_assert_cmpint (width, ==, 2 * GA_SLIDES_PANEL_THUMB_WIDTH);
  g_assert_cmpint (height, ==, 2 * GA_SLIDES_PANEL_THUMB_HEIGHT);
  pixels = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (texture, pixels, (gsize) width * 4);
  /* The page is white; the sample's layers draw colours on it. */
  for (int i = 0; i < width * height; i++)
    {
      const guchar *p = pixels + i * 4;

      if (abs (p[0] - 255) + abs (p[1] - 255) + abs (p[2] - 255) > 60)
        coloured++;
    }
  g_assert_cmpuint (coloured, >, (guint) (width * height / 50));

  /* Update draws it again. */
  ga_window_update_slide (win, 0);
  g_assert_cmpuint (ga_slides_panel_get_n_pending (panel), >, 0);
  end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (ga_slides_panel_get_n_pending (panel) > 0 && g_get_monotonic_time () < end)
    ga_test_iterate_ms (20);
  g_assert_nonnull (ga_slides_panel_get_thumbnail (panel, ga_project_get_slide (project, 0)));
  destroy_window (win);
}

/* ---- export ---- */

static int
pdf_pages (const char *path)
{
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");
  g_autofree char *out = NULL;
  const char *argv[] = { "pdfinfo", path, NULL };
  const char *line;
  int status = 0;

  if (pdfinfo == NULL)
    return -1;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH
                               | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status,
                               NULL));
  g_assert_cmpint (status, ==, 0);
  line = strstr (out, "Pages:");
  g_assert_nonnull (line);
  return atoi (line + strlen ("Pages:"));
}

static void
test_export_deck (void)
{
  GaWindow *win = new_sample_window ();
  g_autofree char *dir = g_dir_make_tmp ("ga-test-slides-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "deck.pdf", NULL);
  g_autofree char *path2 = g_build_filename (dir, "deck2.pdf", NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GError) error = NULL;
  GaExportOptions options;
  GtkWidget *dialog;
  gint64 end;
  int n;

  ga_window_add_slide (win);
  ga_window_rename_slide (win, 0, "The city", NULL);
  ga_layer_set_visible (ga_layer_store_get (ga_window_get_layer_store (win), 0), FALSE);
  ga_window_add_slide (win);

  pages = ga_export_build_pages (win, GA_EXPORT_ALL_SLIDES, NULL);
  g_assert_cmpuint (pages->len, ==, 2);
  g_assert_cmpstr (((GaLayoutPage *) g_ptr_array_index (pages, 0))->title, ==, "The city");
  g_assert_cmpstr (((GaLayoutPage *) g_ptr_array_index (pages, 1))->title, ==, "Slide 2");
  ga_export_options_for_window (win, &options);
  options.format = GA_EXPORT_PDF;
  g_assert_true (ga_doc_export_write (path, pages, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  n = pdf_pages (path);
  if (n >= 0)
    g_assert_cmpint (n, ==, 2);

  /* The dialog's path: the same deck in a worker, then a toast naming the file. */
  dialog = ga_export_dialog_new (win, TRUE);
  gtk_window_present (GTK_WINDOW (dialog));
  ga_export_dialog_export_to (GA_EXPORT_DIALOG (dialog), path2);
  g_assert_true (ga_export_dialog_get_busy (GA_EXPORT_DIALOG (dialog)));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (dialog != NULL && g_get_monotonic_time () < end)
    ga_test_iterate_ms (20);
  g_assert_null (dialog);
  g_assert_true (g_file_test (path2, G_FILE_TEST_IS_REGULAR));
  n = pdf_pages (path2);
  if (n >= 0)
    g_assert_cmpint (n, ==, 2);
  expected = g_strdup_printf ("Exported “deck2.pdf” to %s", dir);
  g_assert_cmpstr (ga_window_get_last_toast (win), ==, expected);
  if (n < 0)
    g_test_message ("pdfinfo not installed: page counts not checked");

  g_unlink (path);
  g_unlink (path2);
  g_rmdir (dir);
  destroy_window (win);
}

int
main (int   argc,
      char *argv[])
{
  int ret;
  g_autofree char *autosave = g_dir_make_tmp ("ga-test-slides-autosave-XXXXXX", NULL);

  ga_test_init_env (&argc, &argv);
  g_setenv ("GA_AUTOSAVE_DIR", autosave, TRUE);
  ga_test_remove_at_exit (autosave);
  GDALAllRegister ();
  ga_test_make_fixture_dir ("ga-test-slides-XXXXXX");
  ga_test_start_app ();

  g_test_add_func ("/slides/capture-apply", test_capture_apply);
  g_test_add_func ("/slides/edit", test_edit);
  g_test_add_func ("/slides/thumbnail", test_thumbnail);
  g_test_add_func ("/slides/export-deck", test_export_deck);

  ret = g_test_run ();

  ga_test_stop_app ();
  return ret;
}
