/* ga-window-project.c — the window and its project: open, save, modified, autosave
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window always has a GaProject.  Opening one reads the document and every data file
 * in a GTask worker (progress and cancel in the sidebar's load list; the worker also makes
 * the default style of a layer saved without one, and the snapshot the map draws each
 * layer with, as for opened files), then swaps the
 * layers of the window's store, the styles, the basemap, the view and the title in one go
 * on the main thread; a document that cannot be read is a toast and the window keeps what
 * it showed.  Saving captures the window's state into the project first.
 *
 * Changes that mark the project modified: layers added, removed, moved or replaced;
 * a layer's visibility, opacity or colour; a style edit; the slides; the project's words.
 * Moving the map does not (the view is saved all the same).  While modified, an autosave
 * copy is written a few seconds after the last change, and at least once a minute during
 * continuous editing; it is discarded after a save and after a clean close.
 */
#define G_LOG_DOMAIN "ga-window"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "ga-error.h"
#include "ga-layer-style.h"
#include "ga-layout.h"
#include "ga-memory.h"
#include "ga-overlay-source.h"
#include "ga-reader.h"
#include "ga-window-private.h"

/* Autosave a few seconds after the last change, but never later than a minute after the
 * first unsaved one. */
#define AUTOSAVE_DEBOUNCE_MS 5000
#define AUTOSAVE_MAX_DELAY_MS 60000
#define MAX_RECENT_PROJECTS 10

typedef struct
{
  GaWindow *window;
  GaLayer  *layer;
  GaStyle  *style;       /* the style "changed" is connected to */
  gulong    notify_id;
  gulong    style_id;
} LayerTracker;

typedef struct
{
  GaWindow       *window;         /* NULL once the window is gone */
  char           *path;           /* the project file (NULL when recovering an untitled one) */
  char           *autosave_path;  /* recovering: the autosave copy read */
  char           *display_name;
  GCancellable   *cancellable;
  GtkWidget      *row;
  GtkProgressBar *bar;
  guint           progress_id;
  gint            permille;       /* atomic: written by the worker */
  gboolean        is_sample;

  /* results, handed to the main thread */
  GaProject      *project;
  GaLayerStore   *store;
  GHashTable     *styles;         /* GaLayer* → GaStyle* (every layer: saved or default) */
  GHashTable     *snapshots;      /* GaLayer* → GaStyle*, prepared for the map */
  GPtrArray      *warnings;
} ProjectJob;

static void schedule_autosave (GaWindow *self);
static void discard_autosave (GaWindow *self);
static gboolean project_saves_in_place (GaWindow *self);

/* ---- helpers ---- */

static void
project_job_free (ProjectJob *job)
{
  g_clear_handle_id (&job->progress_id, g_source_remove);
  if (job->row)
    _ga_window_remove_load_row (job->row);
  g_free (job->path);
  g_free (job->autosave_path);
  g_free (job->display_name);
  g_clear_object (&job->cancellable);
  g_clear_object (&job->project);
  g_clear_object (&job->store);
  g_clear_pointer (&job->styles, g_hash_table_unref);
  g_clear_pointer (&job->snapshots, g_hash_table_unref);
  g_clear_pointer (&job->warnings, g_ptr_array_unref);
  g_free (job);
}

/* "green-city" for ".../green-city.greenatlas". */
static char *
project_file_stem (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *lower = g_ascii_strdown (base, -1);

  if (g_str_has_suffix (lower, GA_PROJECT_EXTENSION)
      && strlen (base) > strlen (GA_PROJECT_EXTENSION))
    base[strlen (base) - strlen (GA_PROJECT_EXTENSION)] = '\0';
  return g_steal_pointer (&base);
}

/* The name a user knows the project by: its title, else its file name, else "Untitled". */
static char *
project_display_name (GaProject *project)
{
  const char *title = ga_project_get_title (project);
  const char *path = ga_project_get_path (project);

  if (title && *title)
    return g_strdup (title);
  if (path)
    return project_file_stem (path);
  return g_strdup (_("Untitled Project"));
}

/* "~/maps/x.greenatlas" */
static char *
abbreviate_home (const char *path)
{
  const char *home = g_get_home_dir ();
  gsize len = home ? strlen (home) : 0;

  if (len > 1 && g_str_has_prefix (path, home) && path[len] == G_DIR_SEPARATOR)
    return g_strconcat ("~", path + len, NULL);
  return g_strdup (path);
}

/* The project's name as shown (with the unsaved marker) and the header's subtitle */
static void
title_texts (GaWindow  *self,
             char     **shown,
             char     **subtitle)
{
  g_autofree char *name = project_display_name (self->project);
  const char *path = ga_project_get_path (self->project);

  /* Translators: the marker of a project with unsaved changes, before its name */
  *shown = self->project_modified ? g_strdup_printf (_("• %s"), name) : g_strdup (name);
  *subtitle = path ? abbreviate_home (path) : g_strdup ("");
  if (path && ga_project_get_read_only (self->project))
    {
      /* Translators: subtitle of a project that cannot be saved over; %s is its path */
      g_autofree char *ro = g_strdup_printf (_("%s (read-only)"), *subtitle);

      g_free (*subtitle);
      *subtitle = g_steal_pointer (&ro);
    }
}

static gboolean
update_header_title_cb (gpointer data)
{
  GaWindow *self = data;
  g_autofree char *shown = NULL;
  g_autofree char *subtitle = NULL;

  self->header_title_id = 0;
  title_texts (self, &shown, &subtitle);
  adw_window_title_set_title (self->window_title, shown);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  return G_SOURCE_REMOVE;
}

/* The window's title at once; the header bar's in the next frame, from a low-priority idle.
 * What changes the title (layers added: the unsaved marker) also changes the sidebar, and
 * GTK 4.8's cairo renderer paints one rectangle around all that changed in a frame: the
 * sidebar and the header's centre in one frame make one box over half the window, which
 * on a machine with slow page faults took the frame after a load from ~35 to ~55 ms. */
static void
update_title (GaWindow *self)
{
  g_autofree char *shown = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *window_title = NULL;

  title_texts (self, &shown, &subtitle);
  /* Translators: the window title: the project name, then the application name */
  window_title = g_strdup_printf (_("%s — Green Atlas"), shown);
  gtk_window_set_title (GTK_WINDOW (self), window_title);
  if (self->window_title && self->header_title_id == 0)
    self->header_title_id = g_idle_add_full (G_PRIORITY_LOW, update_header_title_cb, self, NULL);
}

/* ---- modified ---- */

void
_ga_window_set_project_modified (GaWindow *self,
                                 gboolean  modified)
{
  g_return_if_fail (GA_IS_WINDOW (self));

  modified = !!modified;
  if (modified)
    schedule_autosave (self);
  else
    {
      g_clear_handle_id (&self->autosave_id, g_source_remove);
      self->autosave_first_change = 0;
    }
  if (self->project_modified == modified)
    return;
  self->project_modified = modified;
  update_title (self);
  g_object_notify (G_OBJECT (self), "project-modified");
}

static void
mark_modified (GaWindow *self)
{
  if (self->block_modified > 0)
    return;
  _ga_window_set_project_modified (self, TRUE);
}

void
_ga_window_block_modified (GaWindow *self)
{
  g_return_if_fail (GA_IS_WINDOW (self));
  self->block_modified++;
}

void
_ga_window_unblock_modified (GaWindow *self)
{
  g_return_if_fail (GA_IS_WINDOW (self));
  g_return_if_fail (self->block_modified > 0);
  self->block_modified--;
}

gboolean
ga_window_get_project_modified (GaWindow *self)
{
  g_return_val_if_fail (GA_IS_WINDOW (self), FALSE);
  return self->project_modified;
}

/* ---- tracking changes of layers and styles ---- */

static void
on_tracked_style_changed_cb (GaStyle      *style,
                             LayerTracker *tracker)
{
  mark_modified (tracker->window);
}

static void
tracker_attach_style (LayerTracker *tracker)
{
  GaStyle *style = ga_layer_style_get (tracker->layer);

  if (style == tracker->style)
    return;
  if (tracker->style)
    g_clear_signal_handler (&tracker->style_id, tracker->style);
  g_set_object (&tracker->style, style);
  tracker->style_id = g_signal_connect (style, "changed",
                                        G_CALLBACK (on_tracked_style_changed_cb), tracker);
}

static void
on_tracked_layer_notify_cb (GaLayer      *layer,
                            GParamSpec   *pspec,
                            LayerTracker *tracker)
{
  const char *name = g_param_spec_get_name (pspec);

  if (!g_str_equal (name, "visible") && !g_str_equal (name, "opacity")
      && !g_str_equal (name, "color") && !g_str_equal (name, "name"))
    return;
  /* A style given with ga_layer_style_set() (e.g. by a slide) is followed from now on. */
  tracker_attach_style (tracker);
  mark_modified (tracker->window);
}

static LayerTracker *
tracker_new (GaWindow *self,
             GaLayer  *layer)
{
  LayerTracker *tracker = g_new0 (LayerTracker, 1);

  tracker->window = self;
  tracker->layer = g_object_ref (layer);
  tracker->notify_id = g_signal_connect (layer, "notify",
                                         G_CALLBACK (on_tracked_layer_notify_cb), tracker);
  tracker_attach_style (tracker);
  return tracker;
}

static void
tracker_free (LayerTracker *tracker)
{
  g_clear_signal_handler (&tracker->notify_id, tracker->layer);
  if (tracker->style)
    g_clear_signal_handler (&tracker->style_id, tracker->style);
  g_clear_object (&tracker->style);
  g_clear_object (&tracker->layer);
  g_free (tracker);
}

/* One tracker per layer of the store: new layers get one, removed ones lose theirs. */
static void
sync_trackers (GaWindow *self)
{
  g_autoptr(GHashTable) present = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer key, value;
  guint n = ga_layer_store_get_n_layers (self->store);

  for (guint i = 0; i < n; i++)
    {
      GaLayer *layer = ga_layer_store_get (self->store, i);

      g_hash_table_add (present, layer);
      if (!g_hash_table_contains (self->trackers, layer))
        g_hash_table_insert (self->trackers, layer, tracker_new (self, layer));
      else
        tracker_attach_style (g_hash_table_lookup (self->trackers, layer));
    }
  g_hash_table_iter_init (&iter, self->trackers);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (present, key))
      g_hash_table_iter_remove (&iter);
}

void
_ga_window_track_styles (GaWindow *self)
{
  g_return_if_fail (GA_IS_WINDOW (self));
  if (self->trackers)
    sync_trackers (self);
}

static void
on_store_items_changed_cb (GListModel *model,
                           guint       position,
                           guint       removed,
                           guint       added,
                           GaWindow   *self)
{
  sync_trackers (self);
  mark_modified (self);
}

static void
on_slides_items_changed_cb (GListModel *model,
                            guint       position,
                            guint       removed,
                            guint       added,
                            GaWindow   *self)
{
  mark_modified (self);
}

static void
on_project_notify_cb (GaProject  *project,
                      GParamSpec *pspec,
                      GaWindow   *self)
{
  const char *name = g_param_spec_get_name (pspec);

  /* The basemap and the view are captured at save time: not edits. */
  if (g_str_equal (name, "title") || g_str_equal (name, "subtitle")
      || g_str_equal (name, "notes"))
    {
      update_title (self);
      mark_modified (self);
    }
}

static void
disconnect_project (GaWindow *self)
{
  if (self->project == NULL)
    return;
  g_signal_handlers_disconnect_by_func (self->project, on_project_notify_cb, self);
  if (self->slides_changed_id)
    g_clear_signal_handler (&self->slides_changed_id, ga_project_get_slides (self->project));
}

/* Makes @project the window's project (the caller already filled the store). */
static void
set_project (GaWindow  *self,
             GaProject *project)
{
  if (project == self->project)
    return;
  disconnect_project (self);
  g_set_object (&self->project, project);
  g_signal_connect (project, "notify", G_CALLBACK (on_project_notify_cb), self);
  self->slides_changed_id = g_signal_connect (ga_project_get_slides (project), "items-changed",
                                              G_CALLBACK (on_slides_items_changed_cb), self);
  update_title (self);
  g_object_notify (G_OBJECT (self), "project");
}

GaProject *
ga_window_get_project (GaWindow *self)
{
  g_return_val_if_fail (GA_IS_WINDOW (self), NULL);
  return self->project;
}

/* ---- capture ---- */

void
_ga_window_capture_project (GaWindow *self)
{
  g_autoptr(GHashTable) styles = g_hash_table_new (NULL, NULL);
  ShumateViewport *viewport = ga_map_view_get_viewport (self->map_view);
  const char *basemap = ga_map_view_get_basemap (self->map_view);
  guint n = ga_layer_store_get_n_layers (self->store);

  for (guint i = 0; i < n; i++)
    {
      GaLayer *layer = ga_layer_store_get (self->store, i);

      if (ga_layer_get_missing (layer) == NULL || ga_layer_style_has (layer))
        g_hash_table_insert (styles, layer, ga_layer_style_get (layer));
    }
  ga_project_set_layers_from_store (self->project, self->store, styles);
  ga_project_set_view (self->project,
                       shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                       shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                       shumate_viewport_get_zoom_level (viewport));
  ga_project_set_basemap (self->project, basemap);
}

/* ---- recent projects ---- */

static void
recent_projects_add (GaWindow   *self,
                     const char *path)
{
  g_auto(GStrv) old = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) list = NULL;
  guint n = 1;

  if (self->settings == NULL || path == NULL)
    return;
  old = g_settings_get_strv (self->settings, "recent-projects");
  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, path);
  for (guint i = 0; old[i] && n < MAX_RECENT_PROJECTS; i++)
    if (!g_str_equal (old[i], path))
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }
  list = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-projects", (const char * const *) list);
}

/* Menu labels take mnemonics: a file name's underscores are doubled. */
static char *
escape_mnemonic (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "_", -1);

  return g_strjoinv ("__", parts);
}

void
_ga_window_rebuild_recent_menu (GaWindow *self)
{
  g_auto(GStrv) list = NULL;
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
  gboolean dropped = FALSE;

  g_menu_remove_all (self->recent_projects_section);
  if (self->settings == NULL)
    return;

  list = g_settings_get_strv (self->settings, "recent-projects");
  for (guint i = 0; list[i]; i++)
    {
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *stem = NULL;
      g_autofree char *label = NULL;

      /* A project that was moved or deleted leaves the list. */
      if (!g_file_test (list[i], G_FILE_TEST_IS_REGULAR))
        {
          dropped = TRUE;
          continue;
        }
      g_strv_builder_add (kept, list[i]);
      stem = project_file_stem (list[i]);
      label = escape_mnemonic (stem);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "win.open-recent-project",
                                               g_variant_new_string (list[i]));
      g_menu_append_item (self->recent_projects_section, item);
    }
  if (dropped)
    {
      g_auto(GStrv) keep = g_strv_builder_end (kept);

      g_settings_set_strv (self->settings, "recent-projects", (const char * const *) keep);
    }
}

static void
on_recent_changed_cb (GSettings  *settings,
                      const char *key,
                      GaWindow   *self)
{
  _ga_window_rebuild_recent_menu (self);
}

void
_ga_window_open_recent_project (GaWindow   *self,
                                const char *path)
{
  g_autoptr(GFile) file = NULL;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *name = g_path_get_basename (path);
      /* Translators: %s is a project file name */
      g_autofree char *message = g_strdup_printf (_("The project “%s” is no longer there"), name);

      ga_window_add_toast (self, message);
      _ga_window_rebuild_recent_menu (self);
      return;
    }
  file = g_file_new_for_path (path);
  ga_window_open_project (self, file);
}

/* ---- opening ---- */

static gboolean
project_progress_tick_cb (gpointer user_data)
{
  ProjectJob *job = user_data;

  if (job->bar)
    gtk_progress_bar_set_fraction (job->bar, g_atomic_int_get (&job->permille) / 1000.0);
  return G_SOURCE_CONTINUE;
}

/* Worker thread: only the atomic is touched. */
static void
project_progress_cb (double   fraction,
                     gpointer user_data)
{
  ProjectJob *job = user_data;

  g_atomic_int_set (&job->permille, (gint) (CLAMP (fraction, 0.0, 1.0) * 1000));
}

static void
read_project_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  ProjectJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GaProject) project = NULL;
  g_autoptr(GaLayerStore) store = ga_layer_store_new ();
  g_autoptr(GHashTable) styles = g_hash_table_new_full (NULL, NULL, g_object_unref,
                                                        g_object_unref);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) snapshots = NULL;

  ga_thread_set_background ();
  if (job->autosave_path)
    project = ga_project_load_autosave (job->autosave_path, &error);
  else
    project = ga_project_load (job->path, &error);
  if (project == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!ga_project_read_layers (project, store, styles, warnings, cancellable,
                               project_progress_cb, job, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* As for opened files: a layer saved without a style gets its default style here, and
   * every style the snapshot the map draws it with (both walk every feature: 0.1–0.6 s for
   * a layer of a million). */
  snapshots = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  for (guint i = 0; i < ga_layer_store_get_n_layers (store); i++)
    {
      GaLayer *layer = ga_layer_store_get (store, i);
      GaStyle *style = g_hash_table_lookup (styles, layer);
      GaStyle *snapshot;

      if (g_cancellable_set_error_if_cancelled (cancellable, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      if (style == NULL)
        {
          style = ga_style_new_for_layer (layer);
          g_hash_table_insert (styles, g_object_ref (layer), style);
        }
      snapshot = ga_style_copy (style);
      ga_style_prepare (snapshot, layer);
      g_hash_table_insert (snapshots, layer, snapshot);
    }
  job->project = g_steal_pointer (&project);
  job->store = g_steal_pointer (&store);
  job->styles = g_steal_pointer (&styles);
  job->snapshots = g_steal_pointer (&snapshots);
  job->warnings = g_steal_pointer (&warnings);
  g_task_return_boolean (task, TRUE);
}

static void
close_layer_windows (GaWindow *self)
{
  GHashTableIter iter;
  gpointer value;
  g_autoptr(GPtrArray) tables = g_ptr_array_new ();

  if (self->style_editor)
    gtk_window_destroy (g_steal_pointer (&self->style_editor));
  g_hash_table_iter_init (&iter, self->tables);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (tables, value);
  for (guint i = 0; i < tables->len; i++)
    gtk_window_destroy (g_ptr_array_index (tables, i));
}

/* Replaces the window's layers with those read for the project, in order, with their
 * colours and styles (and the snapshots the map draws them with). */
static void
swap_layers (GaWindow     *self,
             GaLayerStore *store,
             GHashTable   *styles,
             GHashTable   *snapshots)
{
  guint n = ga_layer_store_get_n_layers (store);

  close_layer_windows (self);
  while (ga_layer_store_get_n_layers (self->store) > 0)
    ga_layer_store_remove (self->store, ga_layer_store_get (self->store, 0));

  /* Bottom first: each add goes on top.  The style is set before the map view sees the
   * layer, and the add's palette colour is put back to the project's. */
  for (guint i = n; i-- > 0;)
    {
      GaLayer *layer = ga_layer_store_get (store, i);
      GaStyle *style = g_hash_table_lookup (styles, layer);
      guint color = ga_layer_get_color (layer);

      GaStyle *snapshot = snapshots ? g_hash_table_lookup (snapshots, layer) : NULL;

      if (style)
        ga_layer_style_set (layer, style);
      if (style && snapshot)
        ga_overlay_source_attach_prepared (layer, style, snapshot);
      ga_layer_store_add (self->store, layer);
      ga_layer_set_color (layer, color);
    }
}

static void
apply_view (GaWindow  *self,
            GaProject *project)
{
  double lon, lat, zoom;
  GaExtent extent;

  if (ga_project_get_view (project, &lon, &lat, &zoom))
    {
      ShumateViewport *viewport = ga_map_view_get_viewport (self->map_view);

      shumate_viewport_set_zoom_level (viewport, zoom);
      shumate_map_center_on (ga_map_view_get_map (self->map_view), lat, lon);
    }
  else if (ga_layer_store_get_extent (self->store, TRUE, &extent))
    ga_map_view_zoom_to_extent (self->map_view, &extent, FALSE);
}

static void
on_project_read_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  ProjectJob *job = g_task_get_task_data (G_TASK (result));
  GaWindow *self = job->window;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  guint n_missing = 0;
  gboolean recovered = job->autosave_path != NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (self && self->project_job == job)
        self->project_job = NULL;
      if (self && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_debug ("%s", error->message);
          ga_window_add_toast (self, error->message);
        }
      return;
    }
  if (self == NULL || self->project_job != job)
    return;
  self->project_job = NULL;

  /* One change for the project: nothing of it marks it modified. */
  _ga_window_block_modified (self);
  swap_layers (self, job->store, job->styles, job->snapshots);
  set_project (self, job->project);
  if (ga_project_get_basemap (job->project))
    ga_window_set_basemap (self, ga_project_get_basemap (job->project), FALSE);
  apply_view (self, job->project);
  _ga_window_unblock_modified (self);

  /* A recovered copy is the unsaved work: modified, and the copy stays until it is saved
   * or a newer copy replaces it.  Opening another project leaves the previous copy (if
   * any) behind: it was offered, and the user chose to open something else. */
  g_free (self->autosave_file);
  self->autosave_file = recovered ? g_strdup (job->autosave_path) : NULL;
  self->project_is_sample = job->is_sample;
  _ga_window_set_project_modified (self, recovered);
  update_title (self);
  recent_projects_add (self, ga_project_get_path (job->project));

  for (guint i = 0; i < job->warnings->len; i++)
    g_debug ("%s", (const char *) g_ptr_array_index (job->warnings, i));

  name = g_path_get_basename (job->path ? job->path : job->display_name);
  if (ga_project_get_read_only (job->project))
    ga_window_add_toast (self, ga_project_get_read_only_reason (job->project));
  for (guint i = 0; i < ga_layer_store_get_n_layers (self->store); i++)
    if (ga_layer_get_missing (ga_layer_store_get (self->store, i)))
      n_missing++;
  if (n_missing > 0)
    {
      /* Translators: first %u is a number of layers, %s a project file name */
      g_autofree char *message = g_strdup_printf (ngettext ("%u layer of “%s” could not be found — use Locate… to relink it",
                                                            "%u layers of “%s” could not be found — use Locate… to relink them",
                                                            n_missing),
                                                  n_missing, name);

      ga_window_add_toast (self, message);
    }
}

static ProjectJob *
start_project_job (GaWindow   *self,
                   const char *path,
                   const char *autosave_path)
{
  g_autoptr(GTask) task = NULL;
  ProjectJob *job = g_new0 (ProjectJob, 1);

  /* A project being read is replaced by the newer request. */
  if (self->project_job)
    {
      ProjectJob *old = self->project_job;

      g_cancellable_cancel (old->cancellable);
      old->window = NULL;
      self->project_job = NULL;
    }

  job->window = self;
  job->path = g_strdup (path);
  job->autosave_path = g_strdup (autosave_path);
  job->display_name = path ? g_path_get_basename (path) : g_strdup (_("Recovered project"));
  job->cancellable = g_cancellable_new ();
  job->row = _ga_window_add_load_row (self, job->display_name, job->cancellable, &job->bar);
  job->progress_id = g_timeout_add (100, project_progress_tick_cb, job);
  self->project_job = job;

  task = g_task_new (NULL, job->cancellable, on_project_read_cb, NULL);
  g_task_set_source_tag (task, start_project_job);
  g_task_set_task_data (task, job, (GDestroyNotify) project_job_free);
  g_task_run_in_thread (task, read_project_thread);
  return job;
}

static ProjectJob *
open_project (GaWindow *self,
              GFile    *file)
{
  g_autofree char *path = g_file_get_path (file);

  if (path == NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      /* Translators: %s is a file name */
      g_autofree char *message = g_strdup_printf (_("“%s” is not a local file. Copy it to this computer and open it again."),
                                                  name);

      ga_window_add_toast (self, message);
      return NULL;
    }
  return start_project_job (self, path, NULL);
}

static void
on_open_prompt_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            GaWindow         *self)
{
  GFile *file = g_object_get_data (G_OBJECT (dialog), "ga-file");
  g_autoptr(GError) error = NULL;

  if (self->close_dialog == GTK_WINDOW (dialog))
    self->close_dialog = NULL;
  if (g_str_equal (response, "discard"))
    {
      discard_autosave (self);
      open_project (self, file);
    }
  else if (g_str_equal (response, "save"))
    {
      if (ga_project_get_read_only (self->project) || !project_saves_in_place (self))
        {
          _ga_window_show_save_project_dialog (self, FALSE);
          g_set_object (&self->open_after_save, file);
          return;
        }
      if (!ga_window_save_project (self, NULL, &error))
        {
          ga_window_add_toast (self, error->message);
          return;
        }
      open_project (self, file);
    }
}

void
ga_window_open_project (GaWindow *self,
                        GFile    *file)
{
  g_autofree char *name = NULL;
  g_autofree char *other = NULL;
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  g_return_if_fail (GA_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (!self->project_modified)
    {
      open_project (self, file);
      return;
    }

  /* The unsaved changes first, as when closing. */
  if (self->close_dialog)
    gtk_window_destroy (g_steal_pointer (&self->close_dialog));
  name = project_display_name (self->project);
  other = g_file_get_basename (file);
  /* Translators: first %s is the open project's name, second the file about to be opened */
  heading = g_strdup_printf (_("Save changes to “%s” before opening “%s”?"), name, other);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading,
                                                       _("Unsaved changes are lost if you open another project without saving.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_object_set_data_full (G_OBJECT (dialog), "ga-file", g_object_ref (file), g_object_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (on_open_prompt_response_cb), self);
  self->close_dialog = GTK_WINDOW (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_ga_window_open_sample_project (GaWindow *self,
                                GFile    *file)
{
  ProjectJob *job = open_project (self, file);

  if (job)
    job->is_sample = TRUE;
}

/* ---- saving ---- */

static void
discard_autosave (GaWindow *self)
{
  if (self->autosave_file && g_unlink (self->autosave_file) != 0 && errno != ENOENT)
    g_debug ("Could not remove the autosave copy %s: %s", self->autosave_file,
             g_strerror (errno));
  g_clear_pointer (&self->autosave_file, g_free);
}

gboolean
ga_window_save_project (GaWindow  *self,
                        GFile     *file,
                        GError   **error)
{
  g_autofree char *path = NULL;
  gint64 start;

  g_return_val_if_fail (GA_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), FALSE);

  if (file)
    {
      path = g_file_get_path (file);
      if (path == NULL)
        {
          g_autofree char *name = g_file_get_basename (file);

          g_set_error (error, GA_ERROR, GA_ERROR_IO,
                       _("“%s” is not a local file. Save the project on this computer."), name);
          return FALSE;
        }
    }
  else
    {
      if (ga_project_get_path (self->project) == NULL)
        {
          g_set_error_literal (error, GA_ERROR, GA_ERROR_FAILED,
                               _("The project has not been saved yet: choose a file with Save As."));
          return FALSE;
        }
      if (ga_project_get_read_only (self->project))
        {
          g_set_error_literal (error, GA_ERROR, GA_ERROR_FAILED,
                               ga_project_get_read_only_reason (self->project));
          return FALSE;
        }
      path = g_strdup (ga_project_get_path (self->project));
    }

  start = g_get_monotonic_time ();
  _ga_window_capture_project (self);
  if (!ga_project_save (self->project, path, error))
    return FALSE;
  g_debug ("Saved %s in %.1f ms", path, (g_get_monotonic_time () - start) / 1000.0);

  self->project_is_sample = FALSE;
  /* The copy of the untitled (or previously named) project is no longer needed. */
  discard_autosave (self);
  ga_project_discard_autosave (path);
  _ga_window_set_project_modified (self, FALSE);
  update_title (self);
  recent_projects_add (self, path);
  return TRUE;
}

/* Whether Save may write the project's own file: not for an untitled project, the
 * sample, or a file in a folder the user cannot write. */
static gboolean
project_saves_in_place (GaWindow *self)
{
  const char *path = ga_project_get_path (self->project);
  g_autofree char *dir = NULL;

  if (path == NULL || self->project_is_sample)
    return FALSE;
  dir = g_path_get_dirname (path);
  return g_access (dir, W_OK) == 0
         && (!g_file_test (path, G_FILE_TEST_EXISTS) || g_access (path, W_OK) == 0);
}

void
_ga_window_save_project_interactive (GaWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (ga_project_get_read_only (self->project))
    {
      /* A newer format: saving over it would lose what this version does not know. */
      ga_window_add_toast (self, ga_project_get_read_only_reason (self->project));
      return;
    }
  /* Untitled, the sample, or a project in a folder the user cannot write. */
  if (!project_saves_in_place (self))
    {
      _ga_window_show_save_project_dialog (self, FALSE);
      return;
    }
  if (!ga_window_save_project (self, NULL, &error))
    ga_window_add_toast (self, error->message);
}

/* ---- autosave ---- */

gboolean
ga_window_autosave (GaWindow  *self,
                    GError   **error)
{
  g_autofree char *file = NULL;
  gint64 start;

  g_return_val_if_fail (GA_IS_WINDOW (self), FALSE);

  start = g_get_monotonic_time ();
  _ga_window_capture_project (self);
  file = ga_project_autosave_path (ga_project_get_path (self->project));
  /* A copy under another name (before a Save As, or the one recovered) goes. */
  if (g_strcmp0 (self->autosave_file, file) != 0)
    discard_autosave (self);
  if (!ga_project_autosave (self->project, error))
    return FALSE;
  g_free (self->autosave_file);
  self->autosave_file = g_steal_pointer (&file);
  g_debug ("Autosaved in %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  return TRUE;
}

static gboolean
autosave_timeout_cb (gpointer user_data)
{
  GaWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  self->autosave_id = 0;
  self->autosave_first_change = 0;
  if (!self->project_modified)
    return G_SOURCE_REMOVE;
  if (!ga_window_autosave (self, &error))
    {
      /* Translators: %s is the reason */
      g_autofree char *message = g_strdup_printf (_("Could not write the autosave copy: %s"),
                                                  error->message);

      g_debug ("%s", message);
      if (!g_object_get_data (G_OBJECT (self), "ga-autosave-failed"))
        ga_window_add_toast (self, message);
      g_object_set_data (G_OBJECT (self), "ga-autosave-failed", GINT_TO_POINTER (TRUE));
    }
  else
    g_object_set_data (G_OBJECT (self), "ga-autosave-failed", NULL);
  return G_SOURCE_REMOVE;
}

static void
schedule_autosave (GaWindow *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 delay_ms;

  if (self->autosave_first_change == 0)
    self->autosave_first_change = now;
  delay_ms = AUTOSAVE_MAX_DELAY_MS - (now - self->autosave_first_change) / 1000;
  delay_ms = CLAMP (delay_ms, 0, AUTOSAVE_DEBOUNCE_MS);
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  self->autosave_id = g_timeout_add ((guint) delay_ms, autosave_timeout_cb, self);
}

/* ---- recovery ---- */

void
ga_window_recover_autosave (GaWindow   *self,
                            const char *autosave_path)
{
  g_autoptr(GaProject) peek = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (GA_IS_WINDOW (self));
  g_return_if_fail (autosave_path != NULL);

  /* The original path names the progress row; the worker reads the copy again. */
  peek = ga_project_load_autosave (autosave_path, &error);
  if (peek == NULL)
    {
      ga_window_add_toast (self, error->message);
      return;
    }
  start_project_job (self, ga_project_get_path (peek), autosave_path);
}

static gint64
file_mtime (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return 0;
  return st.st_mtime;
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  gint64 ta = file_mtime (*(const char **) a);
  gint64 tb = file_mtime (*(const char **) b);

  return ta < tb ? 1 : ta > tb ? -1 : 0;
}

static void
on_recovery_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         GaWindow         *self)
{
  const char *autosave_path = g_object_get_data (G_OBJECT (dialog), "ga-autosave-path");

  if (self->recovery_dialog == GTK_WINDOW (dialog))
    self->recovery_dialog = NULL;
  if (g_str_equal (response, "recover"))
    ga_window_recover_autosave (self, autosave_path);
  else if (g_str_equal (response, "discard"))
    {
      if (g_unlink (autosave_path) != 0 && errno != ENOENT)
        g_debug ("Could not remove the autosave copy %s: %s", autosave_path, g_strerror (errno));
      /* Another copy left behind is offered next. */
      ga_window_offer_recovery (self);
    }
}

GtkWindow *
ga_window_offer_recovery (GaWindow *self)
{
  g_auto(GStrv) copies = NULL;
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  AdwMessageDialog *dialog;

  g_return_val_if_fail (GA_IS_WINDOW (self), NULL);

  if (self->recovery_dialog)
    return self->recovery_dialog;
  copies = ga_project_list_autosaves ();
  for (guint i = 0; copies && copies[i]; i++)
    g_ptr_array_add (sorted, copies[i]);
  g_ptr_array_sort (sorted, compare_newest_first);

  for (guint i = 0; i < sorted->len; i++)
    {
      const char *copy = g_ptr_array_index (sorted, i);
      g_autoptr(GaProject) project = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GDateTime) when = NULL;
      g_autofree char *date = NULL;
      g_autofree char *body = NULL;
      const char *path;

      project = ga_project_load_autosave (copy, &error);
      if (project == NULL)
        {
          /* A damaged copy cannot be offered; it would be offered at every start. */
          g_debug ("Dropping the autosave copy %s: %s", copy, error->message);
          g_unlink (copy);
          continue;
        }
      path = ga_project_get_path (project);
      when = g_date_time_new_from_unix_local (file_mtime (copy));
      {
        /* The layout's date: our own month names, and the Buddhist-era year in Thai,
         * which g_date_time_format() cannot print. */
        g_autofree char *day = ga_layout_format_date (when);
        g_autofree char *time = g_date_time_format (when, "%H:%M");

        /* Translators: the date and the time of an autosave copy, e.g.
         * "27 November 2026, 14:05" */
        date = g_strdup_printf (_("%1$s, %2$s"), day, time);
      }
      if (path)
        {
          g_autofree char *name = g_path_get_basename (path);

          /* Translators: first %s is a project file name, second a date and time */
          body = g_strdup_printf (_("Green Atlas did not close properly. Recover the unsaved changes to “%s” from %s?"),
                                  name, date);
        }
      else
        /* Translators: %s is a date and time */
        body = g_strdup_printf (_("Green Atlas did not close properly. Recover the unsaved project from %s?"),
                                date);

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                           _("Recover Unsaved Changes?"),
                                                           body));
      adw_message_dialog_add_responses (dialog,
                                        "discard", _("_Discard"),
                                        "recover", _("_Recover"),
                                        NULL);
      adw_message_dialog_set_response_appearance (dialog, "discard",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_response_appearance (dialog, "recover", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "recover");
      /* Escape keeps the copy for the next start rather than deleting the work. */
      adw_message_dialog_set_close_response (dialog, "later");
      g_object_set_data_full (G_OBJECT (dialog), "ga-autosave-path", g_strdup (copy), g_free);
      gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
      g_signal_connect (dialog, "response", G_CALLBACK (on_recovery_response_cb), self);
      self->recovery_dialog = GTK_WINDOW (dialog);
      gtk_window_present (GTK_WINDOW (dialog));
      return GTK_WINDOW (dialog);
    }
  return NULL;
}

/* ---- closing ---- */

static gboolean
close_idle_cb (gpointer user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

/* Closes the window once the prompt has finished closing itself: destroying its parent
 * from its own "response" handler would destroy the prompt under its feet. */
static void
close_after_prompt (GaWindow *self)
{
  self->close_confirmed = TRUE;
  g_idle_add_full (G_PRIORITY_DEFAULT, close_idle_cb, g_object_ref (self), g_object_unref);
}

static void
on_close_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      GaWindow         *self)
{
  self->close_dialog = NULL;
  if (g_str_equal (response, "discard"))
    {
      discard_autosave (self);
      close_after_prompt (self);
    }
  else if (g_str_equal (response, "save"))
    {
      g_autoptr(GError) error = NULL;

      if (ga_project_get_read_only (self->project) || !project_saves_in_place (self))
        {
          _ga_window_show_save_project_dialog (self, TRUE);
          return;
        }
      if (!ga_window_save_project (self, NULL, &error))
        {
          ga_window_add_toast (self, error->message);
          return;
        }
      close_after_prompt (self);
    }
}

gboolean
_ga_window_confirm_close (GaWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  if (!self->project_modified || self->close_confirmed)
    {
      /* A clean close: no copy is left to offer at the next start. */
      discard_autosave (self);
      return TRUE;
    }
  if (self->close_dialog)
    {
      gtk_window_present (self->close_dialog);
      return FALSE;
    }

  name = project_display_name (self->project);
  /* Translators: %s is the project name */
  heading = g_strdup_printf (_("Save changes to “%s” before closing?"), name);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading,
                                                       _("Unsaved changes are lost if you close without saving.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_close_response_cb), self);
  self->close_dialog = GTK_WINDOW (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  return FALSE;
}

/* ---- file choosers ---- */

static void
add_project_filter (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Green Atlas Projects"));
  gtk_file_filter_add_pattern (filter, "*" GA_PROJECT_EXTENSION);
  gtk_file_filter_add_mime_type (filter, GA_PROJECT_MIME_TYPE);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
set_start_folder (GaWindow       *self,
                  GtkFileChooser *chooser)
{
  g_autofree char *folder = NULL;
  const char *path = ga_project_get_path (self->project);

  if (path && !self->project_is_sample)
    folder = g_path_get_dirname (path);
  else if (self->settings)
    folder = g_settings_get_string (self->settings, "last-project-folder");
  if (folder && *folder && g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) dir = g_file_new_for_path (folder);

      gtk_file_chooser_set_current_folder (chooser, dir, NULL);
    }
}

static void
remember_folder (GaWindow *self,
                 GFile    *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *folder = parent ? g_file_get_path (parent) : NULL;

  if (folder && self->settings)
    g_settings_set_string (self->settings, "last-project-folder", folder);
}

static void
drop_project_chooser (GaWindow *self)
{
  if (self->project_chooser)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->project_chooser));
      g_clear_object (&self->project_chooser);
    }
}

static void
on_open_project_response_cb (GtkNativeDialog *dialog,
                             int              response,
                             GaWindow        *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  drop_project_chooser (self);
  if (file)
    {
      remember_folder (self, file);
      ga_window_open_project (self, file);
    }
}

void
_ga_window_show_open_project_dialog (GaWindow *self)
{
  GtkFileChooserNative *chooser;

  drop_project_chooser (self);
  chooser = gtk_file_chooser_native_new (_("Open Project"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_project_filter (GTK_FILE_CHOOSER (chooser));
  set_start_folder (self, GTK_FILE_CHOOSER (chooser));
  g_signal_connect (chooser, "response", G_CALLBACK (on_open_project_response_cb), self);
  self->project_chooser = chooser;
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* "plan" → "plan.greenatlas"; a name that already ends so is kept. */
static GFile *
with_project_extension (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = g_ascii_strdown (name, -1);
  g_autofree char *fixed = NULL;
  g_autoptr(GFile) parent = NULL;

  if (g_str_has_suffix (lower, GA_PROJECT_EXTENSION))
    return g_object_ref (file);
  parent = g_file_get_parent (file);
  fixed = g_strconcat (name, GA_PROJECT_EXTENSION, NULL);
  return g_file_get_child (parent, fixed);
}

static void
on_save_project_response_cb (GtkNativeDialog *dialog,
                             int              response,
                             GaWindow        *self)
{
  g_autoptr(GFile) chosen = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) open_after = g_steal_pointer (&self->open_after_save);
  gboolean close_after = self->close_after_save;

  self->close_after_save = FALSE;
  if (response == GTK_RESPONSE_ACCEPT)
    chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  drop_project_chooser (self);
  if (chosen == NULL)
    return;

  file = with_project_extension (chosen);
  remember_folder (self, file);
  if (!ga_window_save_project (self, file, &error))
    {
      ga_window_add_toast (self, error->message);
      return;
    }
  if (close_after)
    close_after_prompt (self);
  else if (open_after)
    open_project (self, open_after);
}

void
_ga_window_show_save_project_dialog (GaWindow *self,
                                     gboolean  close_after)
{
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;
  g_autofree char *file_name = NULL;
  const char *path = ga_project_get_path (self->project);

  drop_project_chooser (self);
  chooser = gtk_file_chooser_native_new (_("Save Project"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_project_filter (GTK_FILE_CHOOSER (chooser));
  set_start_folder (self, GTK_FILE_CHOOSER (chooser));
  name = path ? project_file_stem (path) : project_display_name (self->project);
  file_name = g_strconcat (name, GA_PROJECT_EXTENSION, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), file_name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_project_response_cb), self);
  self->close_after_save = close_after;
  self->project_chooser = chooser;
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- missing layers ---- */

static GaProjectLayer *
find_project_layer (GaWindow   *self,
                    const char *id)
{
  GPtrArray *layers = ga_project_get_layers (self->project);

  for (guint i = 0; layers && id && i < layers->len; i++)
    {
      GaProjectLayer *entry = g_ptr_array_index (layers, i);

      if (g_strcmp0 (entry->id, id) == 0)
        return entry;
    }
  return NULL;
}

void
ga_window_relink_layer (GaWindow *self,
                        GaLayer  *placeholder,
                        GFile    *file)
{
  GaProjectLayer *entry;
  GaReaderOptions options = { NULL, NULL };

  g_return_if_fail (GA_IS_WINDOW (self));
  g_return_if_fail (GA_IS_LAYER (placeholder));
  g_return_if_fail (G_IS_FILE (file));

  /* The project entry has the user's overrides; the placeholder is the fallback. */
  entry = find_project_layer (self, ga_layer_get_id (placeholder));
  if (entry)
    {
      options.encoding = entry->encoding;
      options.crs = entry->crs;
    }
  else
    {
      if (ga_layer_get_encoding_origin (placeholder) == GA_ENCODING_ORIGIN_OPTION)
        options.encoding = (char *) ga_layer_get_encoding (placeholder);
      options.crs = (char *) ga_layer_get_crs_override (placeholder);
    }
  _ga_window_start_relink (self, placeholder, file, &options,
                           (entry != NULL && entry->style != NULL)
                           || (entry == NULL && ga_layer_style_has (placeholder)));
}

static void
on_locate_response_cb (GtkNativeDialog *dialog,
                       int              response,
                       GaWindow        *self)
{
  GaLayer *placeholder = g_object_get_data (G_OBJECT (dialog), "ga-layer");
  g_autoptr(GFile) file = NULL;
  guint pos;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (file && placeholder && ga_layer_store_find (self->store, placeholder, &pos))
    ga_window_relink_layer (self, placeholder, file);
  gtk_native_dialog_destroy (dialog);
  if (self->locate_chooser == GTK_FILE_CHOOSER_NATIVE (dialog))
    g_clear_object (&self->locate_chooser);
}

void
_ga_window_show_locate_dialog (GaWindow *self,
                               GaLayer  *placeholder)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *title = NULL;
  const char * const *patterns = ga_reader_get_patterns ();
  const char *old_path = ga_layer_get_path (placeholder);
  const char *project_path = ga_project_get_path (self->project);
  g_autofree char *folder = NULL;

  if (self->locate_chooser)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->locate_chooser));
      g_clear_object (&self->locate_chooser);
    }
  /* Translators: %s is a layer name */
  title = g_strdup_printf (_("Locate “%s”"), ga_layer_get_name (placeholder));
  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Map Data"));
  for (guint i = 0; patterns && patterns[i]; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  /* Where the file was, if that folder is still there; else the project's folder. */
  if (old_path)
    folder = g_path_get_dirname (old_path);
  if ((folder == NULL || !g_file_test (folder, G_FILE_TEST_IS_DIR)) && project_path)
    {
      g_free (folder);
      folder = g_path_get_dirname (project_path);
    }
  if (folder && g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) dir = g_file_new_for_path (folder);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), dir, NULL);
    }
  g_object_set_data_full (G_OBJECT (chooser), "ga-layer", g_object_ref (placeholder),
                          g_object_unref);
  g_signal_connect (chooser, "response", G_CALLBACK (on_locate_response_cb), self);
  self->locate_chooser = chooser;
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- set-up ---- */

void
_ga_window_init_project (GaWindow *self)
{
  g_autoptr(GaProject) project = ga_project_new ();

  self->trackers = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) tracker_free);
  set_project (self, project);
  g_signal_connect (self->store, "items-changed", G_CALLBACK (on_store_items_changed_cb), self);
  sync_trackers (self);
  if (self->settings)
    self->recent_changed_id = g_signal_connect (self->settings, "changed::recent-projects",
                                                G_CALLBACK (on_recent_changed_cb), self);
  _ga_window_rebuild_recent_menu (self);
  update_title (self);
}

void
_ga_window_dispose_project (GaWindow *self)
{
  if (self->project_job)
    {
      ProjectJob *job = self->project_job;

      g_cancellable_cancel (job->cancellable);
      job->window = NULL;
      self->project_job = NULL;
    }
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  g_clear_handle_id (&self->header_title_id, g_source_remove);
  /* Destroyed without the close prompt having been needed: nothing unsaved to keep. */
  if (!self->project_modified)
    discard_autosave (self);
  g_clear_pointer (&self->autosave_file, g_free);
  if (self->store)
    g_signal_handlers_disconnect_by_func (self->store, on_store_items_changed_cb, self);
  g_clear_pointer (&self->trackers, g_hash_table_unref);
  if (self->settings && self->recent_changed_id)
    g_clear_signal_handler (&self->recent_changed_id, self->settings);
  drop_project_chooser (self);
  g_clear_object (&self->open_after_save);
  if (self->locate_chooser)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->locate_chooser));
      g_clear_object (&self->locate_chooser);
    }
  if (self->close_dialog)
    gtk_window_destroy (g_steal_pointer (&self->close_dialog));
  if (self->recovery_dialog)
    gtk_window_destroy (g_steal_pointer (&self->recovery_dialog));
  disconnect_project (self);
  g_clear_object (&self->project);
}
