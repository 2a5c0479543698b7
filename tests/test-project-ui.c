/* test-project-ui.c — the window and its project: open, modify, save, missing layers,
 * bad and newer files, the close prompt, autosave and recovery (under Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fixture projects are made with the core API (layers read with the reader, a style
 * with a known fill, ga_project_save), so each test knows what the window must show.
 * Autosave copies go to a temporary GA_AUTOSAVE_DIR.
 */
#include "config.h"

#include <gdal.h>
#include <glib/gstdio.h>

#include "ga-application.h"
#include "ga-layer-row.h"
#include "ga-layer-style.h"
#include "ga-map-view.h"
#include "ga-project.h"
#include "ga-reader.h"
#include "ga-window.h"

#include "ga-test-ui.h"

/* Three layers, top first in the project: stops, parks (hidden, 60 %, a magenta style),
 * districts. */
#define PARKS_FILL GA_RGBA (0xcc, 0x00, 0xcc, 0xff)
#define VIEW_LON 100.5321
#define VIEW_LAT 13.7456
#define VIEW_ZOOM 13.0

static char *autosave_dir;

/* ---- fixtures ---- */

static void
write_fixtures (void)
{
  static const char *fields[] = { "name", NULL };
  static const GaTestSquare districts[] = {
    { 100.45, 13.70, 100.60, 13.80, { "Pathum Wan" } },
  };
  static const GaTestSquare parks[] = {
    { 100.50, 13.73, 100.53, 13.76, { "Lumphini" } },
    { 100.55, 13.74, 100.56, 13.75, { "Benjakitti" } },
  };
  static const GaTestSquare stops[] = {
    { 100.530, 13.740, 100.532, 13.742, { "Silom" } },
  };
  g_autofree char *d = ga_test_write_squares ("districts", fields, districts, 1);
  g_autofree char *p = ga_test_write_squares ("parks", fields, parks, 2);
  g_autofree char *s = ga_test_write_squares ("stops", fields, stops, 1);
}

static GaLayer *
read_layer (const char *name)
{
  g_autofree char *file = g_strdup_printf ("%s.geojson", name);
  g_autofree char *path = ga_test_fixture (file);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) layers = ga_reader_load (path, NULL, NULL, NULL, NULL, &error);
  GaLayer *layer;

  g_assert_no_error (error);
  g_assert_cmpuint (layers->len, ==, 1);
  layer = g_object_ref (g_ptr_array_index (layers, 0));
  ga_layer_set_id (layer, name);
  return layer;
}

/* Writes a project of the three fixture layers to @file_name in the fixture folder. */
static char *
write_project (const char *file_name,
               const char *title)
{
  g_autoptr(GaProject) project = ga_project_new ();
  g_autoptr(GaLayerStore) store = ga_layer_store_new ();
  g_autoptr(GHashTable) styles = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  g_autoptr(GaLayer) districts = read_layer ("districts");
  g_autoptr(GaLayer) parks = read_layer ("parks");
  g_autoptr(GaLayer) stops = read_layer ("stops");
  g_autoptr(GError) error = NULL;
  GaStyle *parks_style = ga_style_new_for_layer (parks);
  char *path = ga_test_fixture (file_name);

  ga_layer_store_add (store, districts);
  ga_layer_store_add (store, parks);
  ga_layer_store_add (store, stops);
  ga_layer_set_name (parks, "Parks");
  ga_layer_set_visible (parks, FALSE);
  ga_layer_set_opacity (parks, 0.6);
  ga_style_set_fill (parks_style, PARKS_FILL);
  g_hash_table_insert (styles, parks, parks_style);

  ga_project_set_layers_from_store (project, store, styles);
  ga_project_set_title (project, title);
  ga_project_set_basemap (project, "none");
  ga_project_set_view (project, VIEW_LON, VIEW_LAT, VIEW_ZOOM);
  g_assert_true (ga_project_save (project, path, &error));
  g_assert_no_error (error);
  return path;
}

/* ---- helpers ---- */


static void
open_project (GaWindow   *win,
              const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  ga_window_open_project (win, file);
  g_assert_cmpuint (ga_window_get_n_loading (win), ==, 1);
  ga_test_wait_loaded (win);
  ga_test_wait_map_settled (win, TRUE);
}

/* Toasts must finish their show animation before the window goes (libadwaita 1.2). */
static void
destroy_window (GaWindow *win)
{
  ga_test_iterate_ms (450);
  gtk_window_destroy (GTK_WINDOW (win));
  ga_test_iterate_ms (20);
}

static char *
layer_names (GaWindow *win)
{
  GaLayerStore *store = ga_window_get_layer_store (win);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < ga_layer_store_get_n_layers (store); i++)
    g_string_append_printf (names, "%s%s", i ? "," : "",
                            ga_layer_get_id (ga_layer_store_get (store, i)));
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static GtkWidget *
find_button_with_label (GtkWidget  *widget,
                        const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_with_label (child, label);

      if (found)
        return found;
    }
  return NULL;
}

/* The AdwMessageDialog transient for @win, or NULL. */
static AdwMessageDialog *
find_message_dialog (GaWindow *win)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* not owned */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window)
          && gtk_window_get_transient_for (window) == GTK_WINDOW (win)
          && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* Clicks the response button labelled @label, as the user would (the button also closes
 * the dialog, which adw_message_dialog_response() alone does not). */
static void
click_response (gpointer    dialog,
                const char *label)
{
  GtkWidget *button = find_button_with_label (GTK_WIDGET (dialog), label);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  ga_test_iterate_ms (50);
}

static gboolean
title_has_marker (GaWindow *win)
{
  return g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (win)), "• ");
}

/* ---- tests ---- */

static void
test_open (void)
{
  g_autofree char *path = write_project ("open.greenatlas", "Test City");
  g_autofree char *names = NULL;
  GaWindow *win = ga_test_new_window ();
  GaLayerStore *store = ga_window_get_layer_store (win);
  ShumateViewport *vp = ga_map_view_get_viewport (ga_window_get_map_view (win));
  GaProject *empty = ga_window_get_project (win);
  GaLayer *parks, *stops;
  GtkListBoxRow *row;
  GtkSwitch *sw;
  GSettings *settings;
  g_auto(GStrv) recent = NULL;

  /* A new window has an empty untitled project. */
  g_assert_nonnull (empty);
  g_assert_null (ga_project_get_path (empty));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (win)), ==, "Untitled Project — Green Atlas");

  open_project (win, path);
  g_assert_true (ga_window_get_project (win) != empty);
  g_assert_cmpstr (ga_project_get_path (ga_window_get_project (win)), ==, path);

  /* Layers in the project's order, with visibility, opacity and style. */
  names = layer_names (win);
  g_assert_cmpstr (names, ==, "stops,parks,districts");
  parks = ga_layer_store_get (store, 1);
  stops = ga_layer_store_get (store, 0);
  g_assert_false (ga_layer_get_visible (parks));
  g_assert_true (ga_layer_get_visible (stops));
  g_assert_cmpfloat_with_epsilon (ga_layer_get_opacity (parks), 0.6, 1e-9);
  g_assert_cmpstr (ga_layer_get_name (parks), ==, "Parks");
  g_assert_cmphex (ga_style_get_fill (ga_layer_style_get (parks)), ==, PARKS_FILL);
  g_assert_cmpuint (ga_layer_get_n_features (parks), ==, 2);

  /* The rows show the same. */
  row = gtk_list_box_get_row_at_index (ga_window_get_layer_list (win), 1);
  g_assert_true (GA_IS_LAYER_ROW (row));
  g_assert_true (ga_layer_row_get_layer (GA_LAYER_ROW (row)) == parks);
  sw = GTK_SWITCH (ga_test_find_descendant (GTK_WIDGET (row), GTK_TYPE_SWITCH));
  g_assert_false (gtk_switch_get_active (sw));

  /* The saved view and the title; opening is not a change. */
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (vp), VIEW_ZOOM, 1e-6);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (SHUMATE_LOCATION (vp)),
                                  VIEW_LON, 1e-6);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (vp)),
                                  VIEW_LAT, 1e-6);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (win)), ==, "Test City — Green Atlas");
  g_assert_false (ga_window_get_project_modified (win));

  /* Moving the map is no change either. */
  shumate_map_center_on (ga_map_view_get_map (ga_window_get_map_view (win)), 13.70, 100.40);
  ga_test_iterate_ms (50);
  g_assert_false (ga_window_get_project_modified (win));

  /* It is the newest recent project. */
  settings = g_settings_new (APPLICATION_ID);
  recent = g_settings_get_strv (settings, "recent-projects");
  g_assert_nonnull (recent[0]);
  g_assert_cmpstr (recent[0], ==, path);
  g_object_unref (settings);

  destroy_window (win);
}

static void
on_notify_count_cb (GObject    *object,
                    GParamSpec *pspec,
                    guint      *count)
{
  (*count)++;
}

/* Issue 6: a project's layers come with their styles made (the default one where none was
 * saved) and their map snapshots prepared in the worker that read them: the first moment
 * the map has them, it can draw every one without work on the main thread. */
static void
test_styles_made_in_worker (void)
{
  g_autofree char *path = write_project ("styled.greenatlas", "Styled");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GaWindow *win = ga_test_new_window ();
  GaLayerStore *store = ga_window_get_layer_store (win);
  GaMapView *view = ga_window_get_map_view (win);
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  ga_window_open_project (win, file);
  while (ga_layer_store_get_n_layers (store) < 3 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (ga_layer_store_get_n_layers (store), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      GaLayer *layer = ga_layer_store_get (store, i);
      GaStyle *drawn = ga_map_view_get_drawn_style (view, layer);

      g_test_message ("%s: drawn style %s", ga_layer_get_name (layer), drawn ? "ready" : "none");
      g_assert_true (ga_layer_style_has (layer));
      g_assert_nonnull (drawn);
      g_assert_true (drawn != ga_layer_style_get (layer));
      g_assert_cmpuint (ga_style_get_fill (drawn), ==,
                        ga_style_get_fill (ga_layer_style_get (layer)));
    }
  /* the saved style is the one used */
  g_assert_cmpuint (ga_style_get_fill (ga_layer_style_get (ga_test_find_layer (win, "Parks"))),
                    ==, PARKS_FILL);
  ga_test_wait_loaded (win);
  gtk_window_destroy (GTK_WINDOW (win));
}

static void
test_modify_save_reopen (void)
{
  g_autofree char *path = write_project ("modify.greenatlas", "Modify");
  g_autofree char *dir = g_dir_make_tmp ("ga-test-save-XXXXXX", NULL);
  g_autofree char *saved = g_build_filename (dir, "copy.greenatlas", NULL);
  g_autoptr(GFile) saved_file = g_file_new_for_path (saved);
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;
  GaWindow *win = ga_test_new_window ();
  GaWindow *again;
  GaLayerStore *store;
  GtkListBoxRow *row;
  GtkSwitch *sw;
  guint n_modified_notify = 0;

  open_project (win, path);
  store = ga_window_get_layer_store (win);
  g_signal_connect (win, "notify::project-modified", G_CALLBACK (on_notify_count_cb),
                    &n_modified_notify);

  /* Switching the stops off in their row is a change: the title gets its marker. */
  row = gtk_list_box_get_row_at_index (ga_window_get_layer_list (win), 0);
  sw = GTK_SWITCH (ga_test_find_descendant (GTK_WIDGET (row), GTK_TYPE_SWITCH));
  gtk_switch_set_active (sw, FALSE);
  g_assert_true (ga_window_get_project_modified (win));
  g_assert_cmpuint (n_modified_notify, ==, 1);
  g_assert_true (title_has_marker (win));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (win)), ==, "• Modify — Green Atlas");
  /* The header bar follows in the next frame (update_title). */
  {
    AdwWindowTitle *header = ADW_WINDOW_TITLE (ga_test_find_descendant (GTK_WIDGET (win),
                                                                        ADW_TYPE_WINDOW_TITLE));

    ga_test_iterate_ms (50);
    g_assert_cmpstr (adw_window_title_get_title (header), ==, "• Modify");
  }

  /* And the districts go on top. */
  ga_layer_store_move (store, ga_layer_store_get (store, 2), 0);

  g_assert_true (ga_window_save_project (win, saved_file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (saved, G_FILE_TEST_IS_REGULAR));
  g_assert_false (ga_window_get_project_modified (win));
  g_assert_false (title_has_marker (win));
  g_assert_cmpstr (ga_project_get_path (ga_window_get_project (win)), ==, saved);

  /* A style edit is a change too. */
  ga_style_set_fill (ga_layer_style_get (ga_layer_store_get (store, 1)),
                     GA_RGBA (0x11, 0x22, 0x33, 0xff));
  g_assert_true (ga_window_get_project_modified (win));
  g_assert_true (ga_window_save_project (win, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (ga_window_get_project_modified (win));

  again = ga_test_new_window ();
  open_project (again, saved);
  names = layer_names (again);
  g_assert_cmpstr (names, ==, "districts,stops,parks");
  store = ga_window_get_layer_store (again);
  g_assert_true (ga_layer_get_visible (ga_layer_store_get (store, 0)));
  g_assert_false (ga_layer_get_visible (ga_layer_store_get (store, 1)));
  g_assert_false (ga_layer_get_visible (ga_layer_store_get (store, 2)));
  g_assert_cmphex (ga_style_get_fill (ga_layer_style_get (ga_layer_store_get (store, 1))), ==,
                   GA_RGBA (0x11, 0x22, 0x33, 0xff));
  g_assert_cmphex (ga_style_get_fill (ga_layer_style_get (ga_layer_store_get (store, 2))), ==,
                   PARKS_FILL);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (again)), ==, "Modify — Green Atlas");

  destroy_window (again);
  destroy_window (win);
  g_unlink (saved);
  g_rmdir (dir);
}

static void
test_view_round_trip (void)
{
  g_autofree char *path = write_project ("view.greenatlas", "View");
  g_autofree char *saved = ga_test_fixture ("view-saved.greenatlas");
  g_autoptr(GFile) saved_file = g_file_new_for_path (saved);
  g_autoptr(GError) error = NULL;
  GaWindow *win = ga_test_new_window ();
  GaWindow *again;
  ShumateViewport *vp;

  open_project (win, path);
  vp = ga_map_view_get_viewport (ga_window_get_map_view (win));
  shumate_viewport_set_zoom_level (vp, 14.25);
  shumate_map_center_on (ga_map_view_get_map (ga_window_get_map_view (win)), 13.7012, 100.4987);
  ga_test_iterate_ms (50);
  g_assert_true (ga_window_save_project (win, saved_file, &error));
  g_assert_no_error (error);

  again = ga_test_new_window ();
  open_project (again, saved);
  vp = ga_map_view_get_viewport (ga_window_get_map_view (again));
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (vp), 14.25, 1e-6);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (vp)),
                                  13.7012, 1e-6);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (SHUMATE_LOCATION (vp)),
                                  100.4987, 1e-6);
  destroy_window (again);
  destroy_window (win);
}

static void
test_missing_layer (void)
{
  g_autofree char *path = write_project ("missing.greenatlas", "Missing");
  g_autofree char *parks = ga_test_fixture ("parks.geojson");
  g_autofree char *moved_dir = ga_test_fixture ("moved");
  g_autofree char *moved = g_build_filename (moved_dir, "parks.geojson", NULL);
  g_autoptr(GFile) moved_file = g_file_new_for_path (moved);
  GaWindow *win = ga_test_new_window ();
  GaLayerStore *store = ga_window_get_layer_store (win);
  GaLayer *placeholder, *relinked;
  GaStyle *style;
  GtkListBoxRow *row;
  GtkWidget *locate;
  g_autoptr(GString) labels = g_string_new (NULL);

  g_assert_cmpint (g_mkdir_with_parents (moved_dir, 0700), ==, 0);
  g_assert_cmpint (g_rename (parks, moved), ==, 0);

  open_project (win, path);
  g_assert_cmpuint (ga_layer_store_get_n_layers (store), ==, 3);
  placeholder = ga_layer_store_get (store, 1);
  g_assert_cmpstr (ga_layer_get_id (placeholder), ==, "parks");
  g_assert_nonnull (ga_layer_get_missing (placeholder));
  g_assert_cmpuint (ga_layer_get_n_features (placeholder), ==, 0);
  g_assert_cmpstr (ga_window_get_last_toast (win), ==,
                   "1 layer of “missing.greenatlas” could not be found — use Locate… to relink it");
  g_assert_false (ga_window_get_project_modified (win));

  /* Its row: the reason and a Locate… button; the other rows have none. */
  row = gtk_list_box_get_row_at_index (ga_window_get_layer_list (win), 1);
  locate = find_button_with_label (GTK_WIDGET (row), "_Locate…");
  g_assert_nonnull (locate);
  g_assert_true (gtk_widget_get_visible (locate));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "ga-missing-layer"));
  ga_test_collect_labels (GTK_WIDGET (row), labels);
  g_assert_nonnull (strstr (labels->str, ga_layer_get_missing (placeholder)));
  g_assert_false (gtk_widget_get_visible (
    find_button_with_label (GTK_WIDGET (gtk_list_box_get_row_at_index (ga_window_get_layer_list (win), 0)),
                            "_Locate…")));

  /* Saving keeps the entry (its old path and style) although the data is not there. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GaProject) reread = NULL;
    GaProjectLayer *entry;

    g_assert_true (ga_window_save_project (win, NULL, &error));
    g_assert_no_error (error);
    reread = ga_project_load (path, &error);
    g_assert_no_error (error);
    entry = g_ptr_array_index (ga_project_get_layers (reread), 1);
    g_assert_cmpstr (entry->id, ==, "parks");
    g_assert_cmpstr (entry->path, ==, parks);
    g_assert_nonnull (entry->style);
  }

  /* Relink it with the function behind Locate…: the data is back, with the same id,
   * visibility, opacity and style. */
  style = g_object_ref (ga_layer_style_get (placeholder));
  ga_window_relink_layer (win, placeholder, moved_file);
  ga_test_wait_loaded (win);
  relinked = ga_layer_store_get (store, 1);
  g_assert_true (relinked != placeholder);
  g_assert_null (ga_layer_get_missing (relinked));
  g_assert_cmpuint (ga_layer_get_n_features (relinked), ==, 2);
  g_assert_cmpstr (ga_layer_get_id (relinked), ==, "parks");
  g_assert_cmpstr (ga_layer_get_name (relinked), ==, "Parks");
  g_assert_cmpstr (ga_layer_get_path (relinked), ==, moved);
  g_assert_false (ga_layer_get_visible (relinked));
  g_assert_cmpfloat_with_epsilon (ga_layer_get_opacity (relinked), 0.6, 1e-9);
  g_assert_true (ga_layer_style_get (relinked) == style);
  g_assert_cmphex (ga_style_get_fill (style), ==, PARKS_FILL);
  g_assert_true (ga_window_get_project_modified (win));
  row = gtk_list_box_get_row_at_index (ga_window_get_layer_list (win), 1);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row), "ga-missing-layer"));
  g_object_unref (style);

  destroy_window (win);
  g_assert_cmpint (g_rename (moved, parks), ==, 0);
  g_rmdir (moved_dir);
}

static void
test_malformed (void)
{
  g_autofree char *path = write_project ("good.greenatlas", "Good");
  g_autofree char *bad = ga_test_fixture ("bad.greenatlas");
  g_autofree char *names = NULL;
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad);
  GaWindow *win = ga_test_new_window ();
  GaProject *project;
  guint n_toasts;

  open_project (win, path);
  project = ga_window_get_project (win);
  n_toasts = ga_window_get_n_toasts (win);

  g_assert_true (g_file_set_contents (bad, "{\n  \"format\": \"green-atlas-project\",\n  \"version\": 1,\n  \"layers\": [ oops ]\n}\n",
                                      -1, NULL));
  ga_window_open_project (win, bad_file);
  ga_test_wait_loaded (win);
  g_assert_cmpuint (ga_window_get_n_toasts (win), ==, n_toasts + 1);
  g_test_message ("toast: %s", ga_window_get_last_toast (win));
  g_assert_nonnull (strstr (ga_window_get_last_toast (win), "bad.greenatlas"));
  /* Nothing changed. */
  g_assert_true (ga_window_get_project (win) == project);
  names = layer_names (win);
  g_assert_cmpstr (names, ==, "stops,parks,districts");
  g_assert_false (ga_window_get_project_modified (win));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (win)), ==, "Good — Green Atlas");

  /* Not JSON at all, and an empty file: the same. */
  g_assert_true (g_file_set_contents (bad, "PK\003\004 not a project", -1, NULL));
  ga_window_open_project (win, bad_file);
  ga_test_wait_loaded (win);
  g_assert_cmpuint (ga_window_get_n_toasts (win), ==, n_toasts + 2);
  g_assert_nonnull (strstr (ga_window_get_last_toast (win), "bad.greenatlas"));
  g_assert_true (g_file_set_contents (bad, "", -1, NULL));
  ga_window_open_project (win, bad_file);
  ga_test_wait_loaded (win);
  g_assert_cmpuint (ga_window_get_n_toasts (win), ==, n_toasts + 3);
  g_assert_true (ga_window_get_project (win) == project);
  destroy_window (win);
}

static void
test_newer_version (void)
{
  g_autofree char *path = write_project ("newer.greenatlas", "Newer");
  g_autofree char *copy = ga_test_fixture ("newer-copy.greenatlas");
  g_autoptr(GFile) copy_file = g_file_new_for_path (copy);
  g_autofree char *contents = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) regex = g_regex_new ("\"version\"\\s*:\\s*1", 0, 0, NULL);
  g_autofree char *newer = NULL;
  GaWindow *win = ga_test_new_window ();
  GaProject *project;
  const char *reason;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  newer = g_regex_replace_literal (regex, contents, -1, 0, "\"version\": 99", 0, NULL);
  g_assert_cmpstr (newer, !=, contents);
  g_assert_true (g_file_set_contents (path, newer, -1, NULL));

  open_project (win, path);
  project = ga_window_get_project (win);
  g_assert_true (ga_project_get_read_only (project));
  reason = ga_project_get_read_only_reason (project);
  g_assert_nonnull (reason);
  g_assert_cmpstr (ga_window_get_last_toast (win), ==, reason);
  g_assert_cmpuint (ga_layer_store_get_n_layers (ga_window_get_layer_store (win)), ==, 3);

  /* Save is refused with the reason, by the function and by the action; the file stays. */
  ga_layer_set_visible (ga_layer_store_get (ga_window_get_layer_store (win), 0), FALSE);
  g_assert_false (ga_window_save_project (win, NULL, &error));
  g_assert_cmpstr (error->message, ==, reason);
  g_clear_error (&error);
  g_action_group_activate_action (G_ACTION_GROUP (win), "save-project", NULL);
  g_assert_cmpstr (ga_window_get_last_toast (win), ==, reason);
  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));
  g_assert_cmpstr (before, ==, newer);

  /* Save As works and the copy is an ordinary project. */
  g_assert_true (ga_window_save_project (win, copy_file, &error));
  g_assert_no_error (error);
  g_assert_false (ga_project_get_read_only (ga_window_get_project (win)));
  g_assert_false (ga_window_get_project_modified (win));
  g_assert_true (g_file_get_contents (copy, &after, NULL, NULL));
  g_assert_true (g_regex_match_simple ("\"version\"\\s*:\\s*1\\b", after, 0, 0));
  destroy_window (win);
}

static void
test_close_prompt (void)
{
  g_autofree char *path = write_project ("close.greenatlas", "Close Me");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GaWindow *win = ga_test_new_window ();
  AdwMessageDialog *dialog;

  /* Unmodified: closes at once, without a question. */
  g_object_add_weak_pointer (G_OBJECT (win), (gpointer *) &win);
  open_project (win, path);
  gtk_window_close (GTK_WINDOW (win));
  ga_test_iterate_ms (50);
  g_assert_null (win);

  win = ga_test_new_window ();
  g_object_add_weak_pointer (G_OBJECT (win), (gpointer *) &win);
  open_project (win, path);
  ga_layer_set_opacity (ga_layer_store_get (ga_window_get_layer_store (win), 0), 0.5);
  g_assert_true (ga_window_get_project_modified (win));

  /* Cancel keeps the window. */
  gtk_window_close (GTK_WINDOW (win));
  ga_test_iterate_ms (50);
  g_assert_nonnull (win);
  dialog = find_message_dialog (win);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==,
                   "Save changes to “Close Me” before closing?");
  g_assert_true (adw_message_dialog_has_response (dialog, "cancel"));
  g_assert_true (adw_message_dialog_has_response (dialog, "discard"));
  g_assert_true (adw_message_dialog_has_response (dialog, "save"));
  click_response (dialog, "_Cancel");
  g_assert_nonnull (win);
  g_assert_null (find_message_dialog (win));

  /* Save saves, then closes. */
  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));
  gtk_window_close (GTK_WINDOW (win));
  ga_test_iterate_ms (50);
  dialog = find_message_dialog (win);
  g_assert_nonnull (dialog);
  click_response (dialog, "_Save");
  g_assert_null (win);
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (before, !=, after);
  g_assert_nonnull (strstr (after, "\"opacity\" : 0.5"));

  /* Discard closes without saving. */
  win = ga_test_new_window ();
  g_object_add_weak_pointer (G_OBJECT (win), (gpointer *) &win);
  open_project (win, path);
  ga_layer_set_opacity (ga_layer_store_get (ga_window_get_layer_store (win), 0), 0.25);
  gtk_window_close (GTK_WINDOW (win));
  ga_test_iterate_ms (50);
  dialog = find_message_dialog (win);
  g_assert_nonnull (dialog);
  ga_test_iterate_ms (400);
  click_response (dialog, "_Discard");
  g_assert_null (win);
  g_clear_pointer (&before, g_free);
  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));
  g_assert_cmpstr (before, ==, after);
}

/* Opening another project over unsaved changes asks first. */
static void
test_open_prompt (void)
{
  g_autofree char *path = write_project ("first.greenatlas", "First");
  g_autofree char *other = write_project ("second.greenatlas", "Second");
  g_autoptr(GFile) other_file = g_file_new_for_path (other);
  GaWindow *win = ga_test_new_window ();
  GaProject *first;
  AdwMessageDialog *dialog;

  open_project (win, path);
  first = ga_window_get_project (win);
  ga_layer_set_visible (ga_layer_store_get (ga_window_get_layer_store (win), 0), FALSE);

  ga_window_open_project (win, other_file);
  g_assert_cmpuint (ga_window_get_n_loading (win), ==, 0);
  dialog = find_message_dialog (win);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==,
                   "Save changes to “First” before opening “second.greenatlas”?");
  click_response (dialog, "_Cancel");
  g_assert_true (ga_window_get_project (win) == first);
  g_assert_true (ga_window_get_project_modified (win));

  ga_window_open_project (win, other_file);
  dialog = find_message_dialog (win);
  g_assert_nonnull (dialog);
  click_response (dialog, "_Discard");
  ga_test_wait_loaded (win);
  g_assert_cmpstr (ga_project_get_path (ga_window_get_project (win)), ==, other);
  g_assert_false (ga_window_get_project_modified (win));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (win)), ==, "Second — Green Atlas");
  destroy_window (win);
}

static void
test_autosave_and_recovery (void)
{
  g_autofree char *path = write_project ("crash.greenatlas", "Crash");
  g_autofree char *copy = ga_project_autosave_path (path);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) copies = NULL;
  GaWindow *win = ga_test_new_window ();
  GaWindow *next;
  GtkWindow *dialog;
  GaLayerStore *store;
  gint64 end;

  g_assert_true (g_str_has_prefix (copy, autosave_dir));
  open_project (win, path);
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));

  /* A change is written to the autosave copy a few seconds later, by the timer. */
  ga_layer_set_visible (ga_layer_store_get (ga_window_get_layer_store (win), 2), FALSE);
  end = g_get_monotonic_time () + 8 * G_USEC_PER_SEC;
  while (!g_file_test (copy, G_FILE_TEST_EXISTS) && g_get_monotonic_time () < end)
    ga_test_iterate_ms (50);
  g_assert_true (g_file_test (copy, G_FILE_TEST_EXISTS));

  /* And on demand; the file itself is untouched. */
  ga_layer_set_opacity (ga_layer_store_get (ga_window_get_layer_store (win), 0), 0.3);
  g_assert_true (ga_window_autosave (win, &error));
  g_assert_no_error (error);
  copies = ga_project_list_autosaves ();
  g_assert_true (g_strv_contains ((const char * const *) copies, copy));

  /* The session ends without closing the window (a crash). */
  destroy_window (win);
  g_assert_true (g_file_test (copy, G_FILE_TEST_EXISTS));

  /* The next start offers it; recovering gives the unsaved state, modified, with the
   * original path. */
  next = ga_test_new_window ();
  dialog = ga_window_offer_recovery (next);
  g_assert_nonnull (dialog);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  g_test_message ("%s", adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "crash.greenatlas"));
  click_response (dialog, "_Recover");
  ga_test_wait_loaded (next);
  store = ga_window_get_layer_store (next);
  g_assert_cmpuint (ga_layer_store_get_n_layers (store), ==, 3);
  g_assert_false (ga_layer_get_visible (ga_layer_store_get (store, 2)));
  g_assert_cmpfloat_with_epsilon (ga_layer_get_opacity (ga_layer_store_get (store, 0)), 0.3, 1e-9);
  g_assert_true (ga_window_get_project_modified (next));
  g_assert_true (title_has_marker (next));
  g_assert_cmpstr (ga_project_get_path (ga_window_get_project (next)), ==, path);

  /* Saving writes the original file and removes the copy. */
  g_assert_true (ga_window_save_project (next, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  g_assert_null (ga_window_offer_recovery (next));
  destroy_window (next);

  /* Discard removes a copy without opening it. */
  {
    g_autoptr(GaProject) project = ga_project_load (path, &error);

    g_assert_no_error (error);
    g_assert_true (ga_project_autosave (project, &error));
    g_assert_true (g_file_test (copy, G_FILE_TEST_EXISTS));
    next = ga_test_new_window ();
    dialog = ga_window_offer_recovery (next);
    g_assert_nonnull (dialog);
    click_response (dialog, "_Discard");
    g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
    g_assert_cmpuint (ga_window_get_n_loading (next), ==, 0);
    destroy_window (next);
  }
}

/* The menu of the header bar's primary menu button. */
static GMenuModel *
find_primary_menu (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget)))
    return gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GMenuModel *found = find_primary_menu (child);

      if (found)
        return found;
    }
  return NULL;
}

static void
test_open_files_and_recent (void)
{
  g_autofree char *path = write_project ("via-open.greenatlas", "Via Open");
  g_autofree char *gone = ga_test_fixture ("gone.greenatlas");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *names = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_auto(GStrv) recent = NULL;
  const char *list[] = { gone, path, NULL };
  GaWindow *win = ga_test_new_window ();
  GMenuModel *menu;

  g_assert_true (ga_file_is_project (file));

  /* A project among opened files opens as the project, not as data. */
  ga_window_open_files (win, &file, 1);
  ga_test_wait_loaded (win);
  names = layer_names (win);
  g_assert_cmpstr (names, ==, "stops,parks,districts");
  g_assert_cmpstr (ga_project_get_path (ga_window_get_project (win)), ==, path);

  /* The recent list drops files that are gone. */
  g_settings_set_strv (settings, "recent-projects", list);
  ga_test_iterate_ms (20);
  recent = g_settings_get_strv (settings, "recent-projects");
  g_assert_cmpuint (g_strv_length (recent), ==, 1);
  g_assert_cmpstr (recent[0], ==, path);

  /* The primary menu lists it, with the action that opens it. */
  menu = find_primary_menu (GTK_WIDGET (win));
  g_assert_nonnull (menu);
  {
    gboolean found = FALSE;

    for (int i = 0; i < g_menu_model_get_n_items (menu) && !found; i++)
      {
        g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

        for (int j = 0; section && j < g_menu_model_get_n_items (section) && !found; j++)
          {
            g_autoptr(GMenuModel) sub = g_menu_model_get_item_link (section, j, G_MENU_LINK_SUBMENU);
            g_autoptr(GMenuModel) recent_section = NULL;
            g_autofree char *action = NULL;
            g_autoptr(GVariant) target = NULL;

            if (sub == NULL)
              continue;
            recent_section = g_menu_model_get_item_link (sub, 0, G_MENU_LINK_SECTION);
            if (recent_section == NULL || g_menu_model_get_n_items (recent_section) == 0)
              continue;
            g_assert_cmpint (g_menu_model_get_n_items (recent_section), ==, 1);
            g_assert_true (g_menu_model_get_item_attribute (recent_section, 0, "action", "s",
                                                            &action));
            g_assert_cmpstr (action, ==, "win.open-recent-project");
            target = g_menu_model_get_item_attribute_value (recent_section, 0, "target",
                                                            G_VARIANT_TYPE_STRING);
            g_assert_cmpstr (g_variant_get_string (target, NULL), ==, path);
            found = TRUE;
          }
      }
    g_assert_true (found);
  }

  /* A recent project that vanished since is a toast. */
  g_action_group_activate_action (G_ACTION_GROUP (win), "open-recent-project",
                                  g_variant_new_string (gone));
  g_assert_cmpstr (ga_window_get_last_toast (win), ==, "The project “gone.greenatlas” is no longer there");
  g_assert_cmpuint (ga_window_get_n_loading (win), ==, 0);
  destroy_window (win);
}

/* The bundled sample project, when it exists: every layer read, nothing missing. */
static void
test_sample_project (void)
{
  g_autofree char *dir = ga_find_sample_dir ();
  g_autofree char *project = dir ? g_build_filename (dir, "green-city.greenatlas", NULL) : NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GaWindow *win;
  GaLayerStore *store;

  if (project == NULL || !g_file_test (project, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("data/sample/green-city.greenatlas is not there yet");
      return;
    }
  win = ga_test_new_window ();
  g_assert_true (ga_window_open_sample (win));
  ga_test_wait_loaded (win);
  store = ga_window_get_layer_store (win);
  g_assert_cmpuint (ga_layer_store_get_n_layers (store), >=, 5);
  for (guint i = 0; i < ga_layer_store_get_n_layers (store); i++)
    {
      GaLayer *layer = ga_layer_store_get (store, i);

      g_assert_null (ga_layer_get_missing (layer));
      g_assert_cmpuint (ga_layer_get_n_features (layer), >, 0);
    }
  g_assert_cmpstr (ga_project_get_path (ga_window_get_project (win)), ==, project);
  g_assert_false (ga_window_get_project_modified (win));
  g_assert_cmpuint (ga_project_get_n_slides (ga_window_get_project (win)), >=, 5);

  /* The sample is a starting point: Save asks for a new file instead of writing into it. */
  g_assert_true (g_file_get_contents (project, &before, NULL, NULL));
  ga_layer_set_visible (ga_layer_store_get (store, 0), !ga_layer_get_visible (ga_layer_store_get (store, 0)));
  g_assert_true (ga_window_get_project_modified (win));
  g_action_group_activate_action (G_ACTION_GROUP (win), "save-project", NULL);
  ga_test_iterate_ms (100);
  g_assert_true (g_file_get_contents (project, &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);
  g_assert_true (ga_window_get_project_modified (win));
  destroy_window (win);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  ga_test_init_env (&argc, &argv);
  autosave_dir = g_dir_make_tmp ("ga-test-autosave-XXXXXX", NULL);
  g_setenv ("GA_AUTOSAVE_DIR", autosave_dir, TRUE);
  ga_test_remove_at_exit (autosave_dir);
  GDALAllRegister ();
  ga_test_make_fixture_dir ("ga-test-project-ui-XXXXXX");
  write_fixtures ();
  ga_test_start_app ();

  g_test_add_func ("/project-ui/open", test_open);
  g_test_add_func ("/project-ui/styles-made-in-worker", test_styles_made_in_worker);
  g_test_add_func ("/project-ui/modify-save-reopen", test_modify_save_reopen);
  g_test_add_func ("/project-ui/view-round-trip", test_view_round_trip);
  g_test_add_func ("/project-ui/missing-layer", test_missing_layer);
  g_test_add_func ("/project-ui/malformed", test_malformed);
  g_test_add_func ("/project-ui/newer-version", test_newer_version);
  g_test_add_func ("/project-ui/close-prompt", test_close_prompt);
  g_test_add_func ("/project-ui/open-prompt", test_open_prompt);
  g_test_add_func ("/project-ui/autosave-and-recovery", test_autosave_and_recovery);
  g_test_add_func ("/project-ui/open-files-and-recent", test_open_files_and_recent);
  g_test_add_func ("/project-ui/sample-project", test_sample_project);

  ret = g_test_run ();

  ga_test_stop_app ();
  return ret;
}
