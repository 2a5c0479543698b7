/* ga-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window owns the layer store and the load jobs.  Each file is read by
 * ga_reader_load_async() in a worker with its own GCancellable and a progress row in the
 * sidebar; results are added to the store in the order the files were given, whatever
 * order the workers finish in.  A bad file becomes one toast and the others still load.
 * A file without a CRS waits for the CRS dialog and is read again with the chosen one.
 * The default style of a new layer (ga_style_new_for_layer: it classifies every value,
 * 0.3 s at 1M features) is made in a worker too, before the layer reaches the store, so the
 * map, the layer row and the legend never make it on the main thread.  The style takes the
 * layer's colour, which the store hands out in the order layers are added: a file's layers
 * get theirs once every file before it is read (start_stylings), the same as before.
 */
#define G_LOG_DOMAIN "ga-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ga-application.h"
#include "ga-attribute-table.h"
#include "ga-crs-dialog.h"
#include "ga-error.h"
#include "ga-frame-memory.h"
#include "ga-http-source.h"
#include "ga-layer-row.h"
#include "ga-layer-style.h"
#include "ga-memory.h"
#include "ga-overlay-source.h"
#include "ga-reader.h"
#include "ga-style-editor.h"
#include "ga-tooltip.h"
#include "ga-window-private.h"

typedef struct
{
  GaWindow        *window;      /* not owned; NULL once the window is gone */
  GFile           *file;
  char            *path;
  char            *display_name;
  GaReaderOptions  options;
  GCancellable    *cancellable;
  GtkWidget       *row;
  GtkProgressBar  *bar;
  GPtrArray       *layers;      /* result */
  GError          *error;       /* result */
  gboolean         done;
  gboolean         read;        /* read, its layers are getting their default styles */
  gboolean         styling;     /* the worker making them runs */
  gboolean         styled;      /* its layers have them: they keep their colour */
  gulong           cancelled_id;
  gboolean         waiting_crs; /* in crs_waiting or its dialog is open: not running */
  GaLayer         *replaces;    /* reload of this layer (encoding change) */
  gboolean         relink;      /* replaces is a missing project layer (Locate…) */
  gboolean         keep_style;  /* relink: the placeholder's style came from the project */
} LoadJob;

G_DEFINE_FINAL_TYPE (GaWindow, ga_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_PROJECT,
  PROP_PROJECT_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The project file of the sample folder, opened instead of its manifest when present. */
#define GA_SAMPLE_PROJECT "green-city" GA_PROJECT_EXTENSION

static void start_job (LoadJob *job);
static void flush_jobs (GaWindow *self);
static void start_stylings (GaWindow *self);

static void
load_job_free (LoadJob *job)
{
  g_clear_signal_handler (&job->cancelled_id, job->cancellable);
  if (job->row)
    _ga_window_remove_load_row (job->row);
  g_clear_object (&job->file);
  g_free (job->path);
  g_free (job->display_name);
  g_free (job->options.crs);
  g_free (job->options.encoding);
  g_clear_object (&job->cancellable);
  g_clear_pointer (&job->layers, g_ptr_array_unref);
  g_clear_error (&job->error);
  g_clear_object (&job->replaces);
  g_free (job);
}

/* ---- settings ---- */

static GSettings *
settings_new_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("GSettings schema %s not installed; settings are not saved", APPLICATION_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

/* ---- toasts ---- */

void
ga_window_add_toast (GaWindow   *self,
                     const char *message)
{
  g_autofree char *markup = NULL;
  AdwToast *toast;

  g_return_if_fail (GA_IS_WINDOW (self));

  /* AdwToast titles are Pango markup in libadwaita 1.2. */
  markup = g_markup_escape_text (message, -1);
  toast = adw_toast_new (markup);
  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  self->n_toasts++;
  g_free (self->last_toast);
  self->last_toast = g_strdup (message);
}

/* ---- basemap ---- */

gboolean
ga_window_set_basemap (GaWindow   *self,
                       const char *key,
                       gboolean    remember)
{
  g_autoptr(GError) error = NULL;
  GaBasemap *basemap;
  GAction *action;

  g_return_val_if_fail (GA_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  basemap = ga_basemap_chooser_lookup (self->basemap_chooser, key);
  if (basemap == NULL && !g_str_equal (key, "none"))
    {
      /* A stored choice that is gone (a removed file or custom source). */
      g_debug ("Basemap “%s” is not available; using OpenStreetMap", key);
      key = "osm";
      basemap = ga_basemap_chooser_lookup (self->basemap_chooser, key);
    }

  if (!ga_map_view_set_basemap (self->map_view, key, basemap, &error))
    {
      /* Translators: first %s is a basemap name, second the reason */
      g_autofree char *message = g_strdup_printf (_("Could not show the basemap “%s”: %s"),
                                                  ga_basemap_get_name (basemap), error->message);

      ga_window_add_toast (self, message);
      return FALSE;
    }

  self->basemap_failure_shown = FALSE;
  g_clear_handle_id (&self->basemap_failed_idle, g_source_remove);
  action = g_action_map_lookup_action (G_ACTION_MAP (self), "basemap");
  if (action)
    g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string (key));
  ga_basemap_chooser_set_current (self->basemap_chooser, key);
  if (remember && self->settings)
    g_settings_set_string (self->settings, "basemap", key);
  _ga_window_update_basemap_actions (self);
  return TRUE;
}

gboolean
ga_window_add_basemap_file (GaWindow    *self,
                            const char  *path,
                            GError     **error)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (GA_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  key = ga_basemap_chooser_add_file (self->basemap_chooser, path, error);
  if (key == NULL)
    return FALSE;
  return ga_window_set_basemap (self, key, TRUE);
}

/* Deferred from the tile callback: switching basemaps there would drop the source that is
 * reporting. */
static gboolean
basemap_failed_idle_cb (gpointer user_data)
{
  GaWindow *self = user_data;
  GaBasemapSource *source = ga_map_view_get_basemap_source (self->map_view);
  g_autofree char *message = NULL;
  GaBasemap *basemap;

  self->basemap_failed_idle = 0;
  if (source == NULL || self->basemap_failure_shown)
    return G_SOURCE_REMOVE;
  self->basemap_failure_shown = TRUE;
  basemap = ga_basemap_source_get_basemap (source);

  /* An online basemap that fails before showing a single tile: the bundled offline one
   * is better than an empty map. */
  if (ga_basemap_get_kind (basemap) == GA_BASEMAP_XYZ
      && ga_basemap_source_get_n_loaded (source) == 0
      && !self->basemap_fallback_done
      && ga_basemap_chooser_lookup (self->basemap_chooser, GA_BASEMAP_KEY_BUNDLED) != NULL)
    {
      const GError *failure = ga_basemap_source_get_failure (source);

      /* Translators: %s is the reason, e.g. “no network” */
      message = g_strdup_printf (_("Basemap unavailable: %s — showing the offline sample city basemap"),
                                 failure->message);
      self->basemap_fallback_done = TRUE;
      if (ga_window_set_basemap (self, GA_BASEMAP_KEY_BUNDLED, FALSE))
        {
          self->basemap_failure_shown = TRUE;
          ga_window_add_toast (self, message);
          return G_SOURCE_REMOVE;
        }
      g_clear_pointer (&message, g_free);
    }

  message = ga_basemap_source_dup_failure_message (source);
  if (message)
    ga_window_add_toast (self, message);
  return G_SOURCE_REMOVE;
}

static void
on_basemap_failed_cb (GaMapView *view,
                      GaWindow  *self)
{
  if (self->basemap_failure_shown || self->basemap_failed_idle)
    return;
  self->basemap_failed_idle = g_idle_add (basemap_failed_idle_cb, self);
}

/* At start-up: the stored choice, except that a new user with no network gets the bundled
 * offline basemap rather than an empty online one. */
static void
choose_startup_basemap (GaWindow *self)
{
  g_autofree char *key = NULL;
  g_autoptr(GVariant) user_value = NULL;

  key = self->settings ? g_settings_get_string (self->settings, "basemap") : g_strdup ("osm");
  if (self->settings)
    user_value = g_settings_get_user_value (self->settings, "basemap");

  if (user_value == NULL && !ga_network_available ()
      && ga_basemap_chooser_lookup (self->basemap_chooser, GA_BASEMAP_KEY_BUNDLED) != NULL
      && ga_window_set_basemap (self, GA_BASEMAP_KEY_BUNDLED, FALSE))
    {
      self->basemap_fallback_done = TRUE;
      ga_window_add_toast (self, _("No network: showing the offline sample city basemap."));
      return;
    }
  ga_window_set_basemap (self, key, FALSE);
}

/* ---- layer rows ---- */

static void
extent_union (GaExtent       *acc,
              gboolean       *has,
              const GaExtent *e)
{
  if (!*has)
    {
      *acc = *e;
      *has = TRUE;
      return;
    }
  acc->min_x = MIN (acc->min_x, e->min_x);
  acc->min_y = MIN (acc->min_y, e->min_y);
  acc->max_x = MAX (acc->max_x, e->max_x);
  acc->max_y = MAX (acc->max_y, e->max_y);
}

static void
on_row_move_up_cb (GaLayerRow *row,
                   GaWindow   *self)
{
  GaLayer *layer = ga_layer_row_get_layer (row);
  guint pos;

  if (ga_layer_store_find (self->store, layer, &pos) && pos > 0)
    ga_layer_store_move (self->store, layer, pos - 1);
}

static void
on_row_move_down_cb (GaLayerRow *row,
                     GaWindow   *self)
{
  GaLayer *layer = ga_layer_row_get_layer (row);
  guint pos;

  if (ga_layer_store_find (self->store, layer, &pos))
    ga_layer_store_move (self->store, layer, pos + 1);
}

static void
on_row_zoom_to_cb (GaLayerRow *row,
                   GaWindow   *self)
{
  GaExtent extent;

  ga_layer_get_extent (ga_layer_row_get_layer (row), &extent);
  ga_map_view_zoom_to_extent (self->map_view, &extent, TRUE);
}

static void
on_row_remove_cb (GaLayerRow *row,
                  GaWindow   *self)
{
  ga_layer_store_remove (self->store, ga_layer_row_get_layer (row));
}

static void
on_row_layer_dropped_cb (GaLayerRow *row,
                         GaLayer    *dragged,
                         GaWindow   *self)
{
  guint pos;

  if (ga_layer_store_find (self->store, ga_layer_row_get_layer (row), &pos))
    ga_layer_store_move (self->store, dragged, pos);
}

static LoadJob *load_job_new (GaWindow   *self,
                              GFile      *file);

static void
on_row_edit_style_cb (GaLayerRow *row,
                      GaWindow   *self)
{
  ga_window_edit_style (self, ga_layer_row_get_layer (row));
}

static void
on_row_show_attributes_cb (GaLayerRow *row,
                           GaWindow   *self)
{
  ga_window_show_attributes (self, ga_layer_row_get_layer (row));
}

static void
on_row_reload_cb (GaLayerRow *row,
                  const char *encoding,
                  GaWindow   *self)
{
  GaLayer *layer = ga_layer_row_get_layer (row);
  g_autoptr(GFile) file = NULL;
  LoadJob *job;

  if (ga_layer_get_path (layer) == NULL)
    return;

  file = g_file_new_for_path (ga_layer_get_path (layer));
  job = load_job_new (self, file);
  job->options.encoding = g_strdup (encoding);
  /* A CRS the user chose for a file without one: read with it again instead of asking twice. */
  job->options.crs = g_strdup (ga_layer_get_crs_override (layer));
  job->replaces = g_object_ref (layer);
  g_queue_push_tail (&self->jobs, job);
  start_job (job);
}

static void
on_row_locate_cb (GaLayerRow *row,
                  GaWindow   *self)
{
  _ga_window_show_locate_dialog (self, ga_layer_row_get_layer (row));
}

void
_ga_window_start_relink (GaWindow              *self,
                         GaLayer               *placeholder,
                         GFile                 *file,
                         const GaReaderOptions *options,
                         gboolean               keep_style)
{
  LoadJob *job = load_job_new (self, file);

  job->options.encoding = g_strdup (options ? options->encoding : NULL);
  job->options.crs = g_strdup (options ? options->crs : NULL);
  job->replaces = g_object_ref (placeholder);
  job->relink = TRUE;
  job->keep_style = keep_style;
  g_queue_push_tail (&self->jobs, job);
  start_job (job);
}

static GtkWidget *
create_layer_row (gpointer item,
                  gpointer user_data)
{
  GaWindow *self = user_data;
  GtkWidget *row = ga_layer_row_new (GA_LAYER (item));

  g_signal_connect (row, "move-up", G_CALLBACK (on_row_move_up_cb), self);
  g_signal_connect (row, "move-down", G_CALLBACK (on_row_move_down_cb), self);
  g_signal_connect (row, "zoom-to", G_CALLBACK (on_row_zoom_to_cb), self);
  g_signal_connect (row, "remove", G_CALLBACK (on_row_remove_cb), self);
  g_signal_connect (row, "edit-style", G_CALLBACK (on_row_edit_style_cb), self);
  g_signal_connect (row, "show-attributes", G_CALLBACK (on_row_show_attributes_cb), self);
  g_signal_connect (row, "reload", G_CALLBACK (on_row_reload_cb), self);
  g_signal_connect (row, "layer-dropped", G_CALLBACK (on_row_layer_dropped_cb), self);
  g_signal_connect (row, "locate", G_CALLBACK (on_row_locate_cb), self);
  return row;
}

/* ---- loading ---- */

static void
on_cancel_clicked_cb (GtkButton    *button,
                      GCancellable *cancellable)
{
  g_cancellable_cancel (cancellable);
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
}

static void
unref_closure_data (gpointer  data,
                    GClosure *closure)
{
  g_object_unref (data);
}

GtkWidget *
_ga_window_add_load_row (GaWindow        *self,
                         const char      *name,
                         GCancellable    *cancellable,
                         GtkProgressBar **bar)
{
  GtkWidget *box, *top, *label, *button, *row;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 10);
  gtk_widget_set_margin_end (box, 6);
  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  label = gtk_label_new (name);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_hexpand (label, TRUE);
  button = gtk_button_new_from_icon_name ("process-stop-symbolic");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  /* Translators: tooltip of the button that stops loading a file */
  ga_tooltip_set (button, _("Cancel Loading"));
  /* The cancellable outlives the button: the row holds a reference. */
  g_signal_connect_data (button, "clicked", G_CALLBACK (on_cancel_clicked_cb),
                         g_object_ref (cancellable), unref_closure_data, 0);
  gtk_box_append (GTK_BOX (top), label);
  gtk_box_append (GTK_BOX (top), button);
  *bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (*bar));

  row = g_object_ref_sink (gtk_list_box_row_new ());
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "ga-load-row");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_append (self->load_list, row);
  gtk_widget_set_visible (GTK_WIDGET (self->load_list), TRUE);
  return row;
}

/* Removes a row of _ga_window_add_load_row() and drops its reference. */
void
_ga_window_remove_load_row (GtkWidget *row)
{
  GtkWidget *list = gtk_widget_get_parent (row);

  if (GTK_IS_LIST_BOX (list))
    {
      gtk_list_box_remove (GTK_LIST_BOX (list), row);
      if (gtk_widget_get_first_child (list) == NULL)
        gtk_widget_set_visible (list, FALSE);
    }
  g_object_unref (row);
}

/* @job has nothing more to do: its row goes, and the files after it stop waiting for it. */
static void
end_job (GaWindow *self,
         LoadJob  *job)
{
  job->done = TRUE;
  if (job->row)
    gtk_widget_set_visible (job->row, FALSE);
  flush_jobs (self);
}

/* Cancel of a file that is read and waits for the files before it to be read (to know its
 * layers' colours) before its styles are made: nothing runs that would see it, so it ends
 * here.  (While reading or styling, the worker stops and its callback ends the job.) */
static void
on_job_cancelled_cb (GCancellable *cancellable,
                     LoadJob      *job)
{
  GaWindow *self = job->window;

  if (self == NULL || !job->read || job->styling || job->done)
    return;
  g_clear_pointer (&job->layers, g_ptr_array_unref);
  end_job (self, job);
}

static LoadJob *
load_job_new (GaWindow *self,
              GFile    *file)
{
  LoadJob *job = g_new0 (LoadJob, 1);

  job->window = self;
  job->file = g_object_ref (file);
  job->path = g_file_get_path (file);
  job->display_name = g_file_get_basename (file);
  job->cancellable = g_cancellable_new ();
  job->cancelled_id = g_signal_connect (job->cancellable, "cancelled",
                                        G_CALLBACK (on_job_cancelled_cb), job);
  job->row = _ga_window_add_load_row (self, job->display_name, job->cancellable, &job->bar);
  return job;
}

static void
on_progress_cb (double   fraction,
                gpointer user_data)
{
  LoadJob *job = user_data;

  if (job->window && job->bar)
    gtk_progress_bar_set_fraction (job->bar, CLAMP (fraction, 0.0, 1.0));
}

static void open_next_crs_dialog (GaWindow *self);

static void
on_crs_chosen_cb (GaCrsDialog *dialog,
                  const char  *code,
                  GaWindow    *self)
{
  LoadJob *job = g_object_get_data (G_OBJECT (dialog), "ga-load-job");

  self->crs_dialog = NULL;
  if (job && g_queue_find (&self->jobs, job))
    {
      job->waiting_crs = FALSE;
      if (code)
        {
          g_free (job->options.crs);
          job->options.crs = g_strdup (code);
          g_clear_error (&job->error);
          start_job (job);
        }
      else
        {
          /* The user declined: the file is simply not opened. */
          job->done = TRUE;
          flush_jobs (self);
        }
    }
  open_next_crs_dialog (self);
}

static void
open_next_crs_dialog (GaWindow *self)
{
  LoadJob *job;
  GaCrsDialog *dialog;

  if (self->crs_dialog != NULL)
    return;
  job = g_queue_pop_head (&self->crs_waiting);
  if (job == NULL)
    return;

  dialog = ga_crs_dialog_new (GTK_WINDOW (self), job->display_name);
  g_object_set_data (G_OBJECT (dialog), "ga-load-job", job);
  g_signal_connect (dialog, "chosen", G_CALLBACK (on_crs_chosen_cb), self);
  self->crs_dialog = GTK_WINDOW (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
error_message_for (LoadJob *job)
{
  const char *message = job->error->message;

  if (job->display_name && strstr (message, job->display_name) != NULL)
    return g_strdup (message);
  /* Translators: first %s is a file name, second the reason */
  return g_strdup_printf (_("Could not open “%s”: %s"), job->display_name, message);
}

static void
add_job_layers (GaWindow *self,
                LoadJob  *job)
{
  GaExtent extent;

  if (job->replaces)
    {
      GaLayer *old = job->replaces;
      GaLayer *pick = NULL;
      guint pos;

      if (!ga_layer_store_find (self->store, old, &pos))
        return;
      for (guint i = 0; i < job->layers->len && pick == NULL; i++)
        {
          GaLayer *l = g_ptr_array_index (job->layers, i);

          if (g_strcmp0 (ga_layer_get_source_layer (l), ga_layer_get_source_layer (old)) == 0)
            pick = l;
        }
      if (pick == NULL)
        pick = g_ptr_array_index (job->layers, 0);

      if (job->relink)
        {
          /* A relinked project layer is the same layer to the project and its slides. */
          ga_layer_set_id (pick, ga_layer_get_id (old));
          ga_layer_set_name (pick, ga_layer_get_name (old));
          if (job->keep_style)
            ga_layer_style_set (pick, ga_layer_style_get (old));
        }
      /* The reloaded layer keeps its style (theme, classes, filter). */
      else if (ga_layer_style_has (old))
        ga_layer_style_set (pick, ga_layer_style_get (old));

      ga_layer_store_replace (self->store, old, pick);
      return;
    }

  for (guint i = 0; i < job->layers->len; i++)
    {
      GaLayer *layer = g_ptr_array_index (job->layers, i);
      guint color = ga_layer_get_color (layer);

      /* The first layer of a batch: fly to the batch's extent only if the map showed layers
       * already (from an empty map it jumps: no scaled frames of a big layer's tiles). */
      if (!self->batch_has_extent)
        self->batch_animate = ga_layer_store_get_n_layers (self->store) > 0;
      ga_layer_store_add (self->store, layer);
      /* Its style was made with this colour (only differs if other layers came in between,
       * e.g. from a project). */
      if (job->styled && ga_layer_get_color (layer) != color)
        ga_layer_set_color (layer, color);
      if (ga_layer_get_n_features (layer) > 0)
        {
          ga_layer_get_extent (layer, &extent);
          extent_union (&self->batch_extent, &self->batch_has_extent, &extent);
        }
    }
}

static void
cancel_pending_zoom (GaWindow *self)
{
  /* a clock disposed with its surface has dropped its handlers already */
  if (self->zoom_after_paint_id != 0 &&
      g_signal_handler_is_connected (self->zoom_clock, self->zoom_after_paint_id))
    g_signal_handler_disconnect (self->zoom_clock, self->zoom_after_paint_id);
  self->zoom_after_paint_id = 0;
  g_clear_object (&self->zoom_clock);
}

static void
on_after_paint_zoom_cb (GdkFrameClock *clock,
                        GaWindow      *self)
{
  cancel_pending_zoom (self);
  ga_map_view_zoom_to_extent (self->map_view, &self->zoom_extent, self->zoom_animate);
}

/* The map goes to newly loaded layers in the frame after the one that shows their rows.
 * In one frame, GTK 4.8's cairo renderer would paint one rectangle around the sidebar and
 * the map (over a basemap: nearly the whole window, in fresh memory, 4,300 page faults and
 * ~100 ms on the benchmark machine). */
static void
zoom_after_next_frame (GaWindow       *self,
                       const GaExtent *extent,
                       gboolean        animate)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  self->zoom_extent = *extent;
  self->zoom_animate = animate;
  if (clock == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      on_after_paint_zoom_cb (NULL, self);
      return;
    }
  if (self->zoom_after_paint_id == 0)
    {
      self->zoom_clock = g_object_ref (clock);
      self->zoom_after_paint_id = g_signal_connect (clock, "after-paint",
                                                    G_CALLBACK (on_after_paint_zoom_cb), self);
    }
  /* a frame even if nothing else asks for one */
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
}

/* Adds the finished jobs at the head of the queue to the store, in order. */
static void
flush_jobs (GaWindow *self)
{
  LoadJob *job;

  while ((job = g_queue_peek_head (&self->jobs)) != NULL && job->done)
    {
      g_queue_pop_head (&self->jobs);

      if (job->layers && job->layers->len > 0)
        add_job_layers (self, job);
      load_job_free (job);
    }

  if (g_queue_is_empty (&self->jobs) && self->batch_has_extent)
    {
      zoom_after_next_frame (self, &self->batch_extent, self->batch_animate);
      self->batch_has_extent = FALSE;
    }
  start_stylings (self);
}

/* Whether the layers of @job need their default style (not a reload or relink that keeps
 * the style of the layer it replaces). */
static gboolean
job_needs_styles (LoadJob *job)
{
  if (job->replaces == NULL)
    return TRUE;
  if (job->relink)
    return !job->keep_style;
  return !ga_layer_style_has (job->replaces);
}

static void
style_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GPtrArray *layers = task_data;
  g_autoptr(GPtrArray) styles = g_ptr_array_new_with_free_func (g_object_unref);
  GError *error = NULL;

  ga_thread_set_background ();
  /* GaLayer is sealed and GaStyle GTK-free: both are safe here until handed over.  Each
   * style is followed by the snapshot the map will draw it with, prepared here too. */
  for (guint i = 0; i < layers->len; i++)
    {
      GaLayer *layer = g_ptr_array_index (layers, i);
      GaStyle *style, *snapshot;

      if (g_cancellable_set_error_if_cancelled (cancellable, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      style = ga_style_new_for_layer (layer);
      snapshot = ga_style_copy (style);
      ga_style_prepare (snapshot, layer);
      g_ptr_array_add (styles, style);
      g_ptr_array_add (styles, snapshot);
    }
  g_task_return_pointer (task, g_steal_pointer (&styles), (GDestroyNotify) g_ptr_array_unref);
}

static void
on_styles_made_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  LoadJob *job = user_data;
  GaWindow *self = job->window;
  g_autoptr(GPtrArray) styles = g_task_propagate_pointer (G_TASK (result), &job->error);

  if (self == NULL)
    {
      load_job_free (job);
      return;
    }
  if (styles == NULL)
    g_clear_pointer (&job->layers, g_ptr_array_unref);  /* cancelled */
  else
    {
      for (guint i = 0; i < job->layers->len; i++)
        {
          GaLayer *layer = g_ptr_array_index (job->layers, i);
          GaStyle *style = g_ptr_array_index (styles, 2 * i);

          ga_layer_style_set (layer, style);
          ga_overlay_source_attach_prepared (layer, style, g_ptr_array_index (styles, 2 * i + 1));
        }
      job->styled = TRUE;
    }
  end_job (self, job);
}

/* The file is read: its layers get their default styles in a worker, then wait for their
 * turn in flush_jobs(). */
static void
style_job_layers (LoadJob *job)
{
  g_autoptr(GTask) task = g_task_new (NULL, job->cancellable, on_styles_made_cb, job);

  g_task_set_source_tag (task, style_job_layers);
  g_task_set_task_data (task, g_ptr_array_ref (job->layers), (GDestroyNotify) g_ptr_array_unref);
  if (job->bar)
    {
      /* Translators: shown under a file's name once it is read, while its layers get their
       * default styles (classes computed from the data) */
      gtk_progress_bar_set_text (job->bar, _("Preparing styles…"));
      gtk_progress_bar_set_show_text (job->bar, TRUE);
    }
  g_task_run_in_thread (task, style_thread);
}

/* Starts styling the read files whose layers' colours are known: those the store will give
 * them (ga_palette_color of the number of layers added before them), i.e. once every file
 * before them is read; a reload or relink keeps the colour of the layer it replaces. */
static void
start_stylings (GaWindow *self)
{
  guint next = self->n_store_added;

  for (GList *l = self->jobs.head; l != NULL; l = l->next)
    {
      LoadJob *job = l->data;

      if (job->read && job->layers != NULL && !job->done && !job->styling)
        {
          for (guint i = 0; i < job->layers->len; i++)
            ga_layer_set_color (g_ptr_array_index (job->layers, i),
                                job->replaces ? ga_layer_get_color (job->replaces)
                                              : ga_palette_color (next + i));
          job->styling = TRUE;
          style_job_layers (job);
        }
      if (!job->read && !job->done)
        break;  /* still reading, or waiting for a CRS: how many layers is not known yet */
      if (job->layers != NULL && job->replaces == NULL)
        next += job->layers->len;
    }
}

static void
on_store_items_changed_cb (GListModel *model,
                           guint       position,
                           guint       removed,
                           guint       added,
                           GaWindow   *self)
{
  /* ga_layer_store_add: what the store counts to hand out colours (a move removes too). */
  if (removed == 0)
    self->n_store_added += added;
}

static void
on_load_finished_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  LoadJob *job = user_data;
  GaWindow *self = job->window;

  job->layers = ga_reader_load_finish (result, &job->error);
  /* cancelled after the read ended, before this callback: the same as during it */
  if (job->layers != NULL && g_cancellable_is_cancelled (job->cancellable))
    {
      g_clear_pointer (&job->layers, g_ptr_array_unref);
      g_set_error_literal (&job->error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
    }

  if (self == NULL)
    {
      load_job_free (job);
      return;
    }

  if (job->layers == NULL && g_error_matches (job->error, GA_ERROR, GA_ERROR_NO_CRS))
    {
      gtk_progress_bar_set_fraction (job->bar, 0);
      job->waiting_crs = TRUE;
      g_queue_push_tail (&self->crs_waiting, job);
      open_next_crs_dialog (self);
      return;
    }

  /* Errors are told at once; only layers wait for the files before them. */
  if (job->error && !g_error_matches (job->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = error_message_for (job);

      g_debug ("%s", message);
      ga_window_add_toast (self, message);
    }
  if (job->layers != NULL && job->layers->len > 0 && job_needs_styles (job))
    {
      job->read = TRUE;
      if (job->bar)
        gtk_progress_bar_set_fraction (job->bar, 1.0);
      start_stylings (self);
      return;
    }
  end_job (self, job);
}

static void
start_job (LoadJob *job)
{
  if (job->path == NULL)
    {
      g_set_error (&job->error, GA_ERROR, GA_ERROR_NOT_FOUND,
                   _("“%s” is not a local file. Copy it to this computer and open it again."),
                   job->display_name);
      ga_window_add_toast (job->window, job->error->message);
      job->done = TRUE;
      flush_jobs (job->window);
      return;
    }

  ga_reader_load_async (job->path, &job->options, job->cancellable, on_progress_cb, job,
                        on_load_finished_cb, job);
}

/* ---- drag and drop ---- */

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            GaWindow      *self)
{
  GSList *list;
  g_autoptr(GPtrArray) files = g_ptr_array_new ();

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  list = g_value_get_boxed (value);
  for (GSList *l = list; l; l = l->next)
    g_ptr_array_add (files, l->data);
  if (files->len == 0)
    return FALSE;
  ga_window_open_files (self, (GFile **) files->pdata, files->len);
  return TRUE;
}

/* ---- window ---- */

static gboolean
ga_window_close_request (GtkWindow *window)
{
  GaWindow *self = GA_WINDOW (window);

  /* Unsaved changes: the prompt closes the window again once answered. */
  if (!_ga_window_confirm_close (self))
    return TRUE;

  if (self->settings)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
      if (!gtk_window_is_maximized (window))
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
    }
  return GTK_WINDOW_CLASS (ga_window_parent_class)->close_request (window);
}

static void
ga_window_dispose (GObject *object)
{
  GaWindow *self = GA_WINDOW (object);
  LoadJob *job;

  /* Jobs still running finish in the background and free themselves; the others go now. */
  while ((job = g_queue_pop_head (&self->jobs)) != NULL)
    {
      /* A read file waiting for its turn to be styled has no worker either. */
      if (job->done || job->waiting_crs || (job->read && !job->styling))
        {
          load_job_free (job);
          continue;
        }
      job->window = NULL;
      job->bar = NULL;
      g_cancellable_cancel (job->cancellable);
    }
  g_queue_clear (&self->crs_waiting);
  if (self->crs_dialog)
    {
      g_signal_handlers_disconnect_by_func (self->crs_dialog, on_crs_chosen_cb, self);
      gtk_window_destroy (g_steal_pointer (&self->crs_dialog));
    }

  if (self->chooser)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  if (self->basemap_file_chooser)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->basemap_file_chooser));
      g_clear_object (&self->basemap_file_chooser);
    }
  if (self->custom_dialog)
    gtk_window_destroy (g_steal_pointer (&self->custom_dialog));
  if (self->pack_dialog)
    gtk_window_destroy (g_steal_pointer (&self->pack_dialog));
  if (self->style_editor)
    gtk_window_destroy (g_steal_pointer (&self->style_editor));
  g_clear_pointer (&self->tables, g_hash_table_unref);
  g_clear_handle_id (&self->basemap_failed_idle, g_source_remove);
  cancel_pending_zoom (self);
  _ga_window_dispose_slides (self);
  _ga_window_dispose_project (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), GA_TYPE_WINDOW);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (ga_window_parent_class)->dispose (object);
}

static void
ga_window_finalize (GObject *object)
{
  GaWindow *self = GA_WINDOW (object);

  g_free (self->last_toast);
  G_OBJECT_CLASS (ga_window_parent_class)->finalize (object);
}

static void
ga_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  GaWindow *self = GA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;
    case PROP_PROJECT_MODIFIED:
      g_value_set_boolean (value, self->project_modified);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ga_window_class_init (GaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ga_window_dispose;
  object_class->finalize = ga_window_finalize;
  object_class->get_property = ga_window_get_property;
  window_class->close_request = ga_window_close_request;

  /* The open project: a new object when another project is opened. */
  properties[PROP_PROJECT] =
    g_param_spec_object ("project", NULL, NULL, GA_TYPE_PROJECT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROJECT_MODIFIED] =
    g_param_spec_boolean ("project-modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GA_TYPE_MAP_VIEW);
  g_type_ensure (GA_TYPE_BASEMAP_CHOOSER);
  ga_ui_init ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/greenatlas/GreenAtlas/ui/ga-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GaWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, GaWindow, load_list);
  gtk_widget_class_bind_template_child (widget_class, GaWindow, layer_list);
  gtk_widget_class_bind_template_child (widget_class, GaWindow, map_view);
  gtk_widget_class_bind_template_child (widget_class, GaWindow, basemap_chooser);
  gtk_widget_class_bind_template_child (widget_class, GaWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, GaWindow, slides_box);
  gtk_widget_class_bind_template_child (widget_class, GaWindow, recent_projects_section);
  gtk_widget_class_bind_template_child (widget_class, GaWindow, window_title);
}

/* Before the first frame over the whole map (ga-frame-memory.c). */
static void
on_realize_cb (GtkWidget *widget,
               gpointer   user_data)
{
  gsize size = ga_frame_memory_reserve (widget);

  if (size > 0)
    g_debug ("%" G_GSIZE_FORMAT " MB of memory prepared for frames", size >> 20);
}

static void
ga_window_init (GaWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));

  g_queue_init (&self->jobs);
  g_queue_init (&self->crs_waiting);

  self->store = ga_layer_store_new ();
  g_signal_connect_object (self->store, "items-changed", G_CALLBACK (on_store_items_changed_cb),
                           self, 0);
  gtk_list_box_bind_model (self->layer_list, G_LIST_MODEL (self->store), create_layer_row, self,
                           NULL);
  ga_map_view_set_store (self->map_view, self->store);
  g_signal_connect_after (self, "realize", G_CALLBACK (on_realize_cb), NULL);
  g_signal_connect (self->map_view, "basemap-failed", G_CALLBACK (on_basemap_failed_cb), self);

  self->settings = settings_new_if_installed ();
  if (self->settings)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
  ga_basemap_chooser_set_settings (self->basemap_chooser, self->settings);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop_cb), self);
  /* On the window, so files dropped on the sidebar or the header bar open too. */
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  self->tables = g_hash_table_new (NULL, NULL);

  _ga_window_install_actions (self);
  /* The project exists before the slides panel binds to it. */
  _ga_window_init_project (self);
  _ga_window_install_slides (self);
  choose_startup_basemap (self);
}

GaWindow *
ga_window_new (GtkApplication *application)
{
  return g_object_new (GA_TYPE_WINDOW, "application", application, NULL);
}

/* MBTiles files and tile folders are basemaps, not data layers. */
static gboolean
open_as_basemap (GaWindow *self,
                 GFile    *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *lower = NULL;
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    return FALSE;
  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".mbtiles"))
    {
      if (!ga_window_add_basemap_file (self, path, &error))
        ga_window_add_toast (self, error->message);
      return TRUE;
    }
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GaBasemap) folder = ga_basemap_new_folder (path, NULL);

      if (folder)
        {
          if (!ga_window_add_basemap_file (self, path, &error))
            ga_window_add_toast (self, error->message);
          return TRUE;
        }
    }
  return FALSE;
}

/* A .greenatlas file: opened as the project, not as data. */
gboolean
ga_file_is_project (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = name ? g_ascii_strdown (name, -1) : NULL;

  return lower != NULL && g_str_has_suffix (lower, GA_PROJECT_EXTENSION);
}

void
ga_window_open_files (GaWindow *self,
                      GFile   **files,
                      guint     n_files)
{
  g_return_if_fail (GA_IS_WINDOW (self));

  for (guint i = 0; i < n_files; i++)
    {
      LoadJob *job;

      if (open_as_basemap (self, files[i]))
        continue;
      if (ga_file_is_project (files[i]))
        {
          ga_window_open_project (self, files[i]);
          continue;
        }
      job = load_job_new (self, files[i]);

      g_queue_push_tail (&self->jobs, job);
      start_job (job);
    }
}

static gboolean
is_data_file (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  return g_str_has_suffix (lower, ".shp") || g_str_has_suffix (lower, ".gpkg")
         || g_str_has_suffix (lower, ".geojson") || g_str_has_suffix (lower, ".csv");
}

char *
ga_find_sample_dir (void)
{
  const char *candidates[] = { g_getenv ("GA_SAMPLE_DIR"), SAMPLE_DIR, SOURCE_SAMPLE_DIR };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (candidates[i] && *candidates[i] && g_file_test (candidates[i], G_FILE_TEST_IS_DIR))
      return g_strdup (candidates[i]);
  return NULL;
}

GPtrArray *
ga_sample_list_files (const char *dir)
{
  g_autofree char *manifest = g_build_filename (dir, "manifest.txt", NULL);
  g_autofree char *contents = NULL;
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);

  if (g_file_get_contents (manifest, &contents, NULL, NULL))
    {
      g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);

      for (guint i = 0; lines[i]; i++)
        {
          char *line = g_strstrip (lines[i]);

          if (*line == '\0' || *line == '#')
            continue;
          g_ptr_array_add (paths, g_build_filename (dir, line, NULL));
        }
    }
  else
    {
      g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new ();
      const char *name;

      while (d && (name = g_dir_read_name (d)) != NULL)
        if (is_data_file (name))
          g_ptr_array_add (names, (gpointer) g_intern_string (name));
      g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
      for (guint i = 0; i < names->len; i++)
        g_ptr_array_add (paths, g_build_filename (dir, g_ptr_array_index (names, i), NULL));
    }
  return paths;
}

gboolean
ga_window_open_sample (GaWindow *self)
{
  g_autofree char *dir = NULL;
  g_autofree char *project = NULL;
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (GA_IS_WINDOW (self), FALSE);

  dir = ga_find_sample_dir ();
  if (dir == NULL)
    return FALSE;

  /* The sample project: the city with its styles, view and slides. */
  project = g_build_filename (dir, GA_SAMPLE_PROJECT, NULL);
  if (g_file_test (project, G_FILE_TEST_IS_REGULAR))
    {
      g_autoptr(GFile) file = g_file_new_for_path (project);

      _ga_window_open_sample_project (self, file);
      return TRUE;
    }
  paths = ga_sample_list_files (dir);
  for (guint i = 0; i < paths->len; i++)
    g_ptr_array_add (files, g_file_new_for_path (g_ptr_array_index (paths, i)));
  if (files->len == 0)
    return FALSE;
  ga_window_open_files (self, (GFile **) files->pdata, files->len);
  return TRUE;
}

GaLayerStore *
ga_window_get_layer_store (GaWindow *self)
{
  g_return_val_if_fail (GA_IS_WINDOW (self), NULL);
  return self->store;
}

GaMapView *
ga_window_get_map_view (GaWindow *self)
{
  g_return_val_if_fail (GA_IS_WINDOW (self), NULL);
  return self->map_view;
}

GtkListBox *
ga_window_get_layer_list (GaWindow *self)
{
  g_return_val_if_fail (GA_IS_WINDOW (self), NULL);
  return self->layer_list;
}

GaBasemapChooser *
ga_window_get_basemap_chooser (GaWindow *self)
{
  g_return_val_if_fail (GA_IS_WINDOW (self), NULL);
  return self->basemap_chooser;
}

guint
ga_window_get_n_toasts (GaWindow *self)
{
  g_return_val_if_fail (GA_IS_WINDOW (self), 0);
  return self->n_toasts;
}

const char *
ga_window_get_last_toast (GaWindow *self)
{
  g_return_val_if_fail (GA_IS_WINDOW (self), NULL);
  return self->last_toast;
}

guint
ga_window_get_n_loading (GaWindow *self)
{
  g_return_val_if_fail (GA_IS_WINDOW (self), 0);
  return g_queue_get_length (&self->jobs) + (self->project_job != NULL ? 1 : 0);
}

/* ---- style editor and attribute tables ---- */

static void
on_child_window_destroy_cb (GtkWidget *window,
                            GaWindow  *self)
{
  GHashTableIter iter;
  gpointer value;

  if (self->style_editor == GTK_WINDOW (window))
    self->style_editor = NULL;
  if (self->tables == NULL)
    return;
  g_hash_table_iter_init (&iter, self->tables);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (value == window)
      g_hash_table_iter_remove (&iter);
}

GtkWindow *
ga_window_edit_style (GaWindow *self,
                      GaLayer  *layer)
{
  g_return_val_if_fail (GA_IS_WINDOW (self), NULL);
  g_return_val_if_fail (GA_IS_LAYER (layer), NULL);

  /* The style edited is the one tracked for "modified" (a slide may have replaced it). */
  _ga_window_track_styles (self);
  if (self->style_editor
      && ga_style_editor_get_layer (GA_STYLE_EDITOR (self->style_editor)) != layer)
    gtk_window_destroy (g_steal_pointer (&self->style_editor));
  if (self->style_editor == NULL)
    {
      self->style_editor = GTK_WINDOW (ga_style_editor_new (GTK_WINDOW (self), self->map_view,
                                                            layer));
      g_signal_connect (self->style_editor, "destroy", G_CALLBACK (on_child_window_destroy_cb),
                        self);
    }
  gtk_window_present (self->style_editor);
  return self->style_editor;
}

GtkWindow *
ga_window_show_attributes (GaWindow *self,
                           GaLayer  *layer)
{
  GtkWindow *table;

  g_return_val_if_fail (GA_IS_WINDOW (self), NULL);
  g_return_val_if_fail (GA_IS_LAYER (layer), NULL);

  table = g_hash_table_lookup (self->tables, layer);
  if (table == NULL)
    {
      table = GTK_WINDOW (ga_attribute_table_new (GTK_WINDOW (self), self->map_view, layer));
      g_signal_connect (table, "destroy", G_CALLBACK (on_child_window_destroy_cb), self);
      g_hash_table_insert (self->tables, layer, table);
    }
  gtk_window_present (table);
  return table;
}
