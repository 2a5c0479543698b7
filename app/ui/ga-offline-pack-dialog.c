/* ga-offline-pack-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The count and size are worked out from the tile range before anything is fetched, and
 * ga_offline_pack_check() gives the source's policy (OpenStreetMap: no bulk downloads) in
 * the user's words.  The download itself is ga_offline_pack_download_async(): polite,
 * atomic, cancellable; this dialog only shows its progress.
 */
#define G_LOG_DOMAIN "ga-offline-pack-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ga-offline-pack-dialog.h"
#include "ga-offline-pack.h"

struct _GaOfflinePackDialog
{
  AdwWindow             parent_instance;

  GtkButton            *cancel_button;
  GtkButton            *download_button;
  AdwActionRow         *source_row;
  AdwActionRow         *summary_row;
  GtkSpinButton        *min_zoom_spin;
  GtkSpinButton        *max_zoom_spin;
  GtkLabel             *message_label;
  GtkProgressBar       *progress_bar;

  GaBasemap            *source;
  GaExtent              extent;
  guint64               n_tiles;
  char                 *summary;
  char                 *message;
  GCancellable         *cancellable;   /* non-NULL while downloading */
  GtkFileChooserNative *chooser;
  char                 *path;
  gboolean              disposed;
};

G_DEFINE_FINAL_TYPE (GaOfflinePackDialog, ga_offline_pack_dialog, ADW_TYPE_WINDOW)

enum
{
  PACK_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_message (GaOfflinePackDialog *self,
             const char          *message)
{
  g_free (self->message);
  self->message = g_strdup (message ? message : "");
  gtk_label_set_text (self->message_label, self->message);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), *self->message != '\0');
}

static gboolean
check (GaOfflinePackDialog  *self,
       GError              **error)
{
  return ga_offline_pack_check (self->source, self->extent.min_x, self->extent.min_y,
                                self->extent.max_x, self->extent.max_y,
                                gtk_spin_button_get_value_as_int (self->min_zoom_spin),
                                gtk_spin_button_get_value_as_int (self->max_zoom_spin), error);
}

static void
update (GaOfflinePackDialog *self)
{
  int min_zoom = gtk_spin_button_get_value_as_int (self->min_zoom_spin);
  int max_zoom = gtk_spin_button_get_value_as_int (self->max_zoom_spin);
  g_autoptr(GError) error = NULL;
  g_autofree char *size = NULL;
  g_autofree char *count = NULL;
  gboolean ok;

  self->n_tiles = min_zoom <= max_zoom
                  ? ga_tile_range_count (self->extent.min_x, self->extent.min_y,
                                         self->extent.max_x, self->extent.max_y,
                                         min_zoom, max_zoom)
                  : 0;
  size = g_format_size (self->n_tiles * GA_OFFLINE_PACK_BYTES_PER_TILE_ESTIMATE);
  count = g_strdup_printf ("%" G_GUINT64_FORMAT, self->n_tiles);
  g_free (self->summary);
  /* Translators: first %s is a number of map tiles, second a size such as “1.7 MB” */
  self->summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s tile, about %s",
                                                "%s tiles, about %s",
                                                self->n_tiles > 1000000 ? 1000000 : self->n_tiles),
                                   count, size);
  adw_action_row_set_subtitle (self->summary_row, self->summary);

  ok = min_zoom <= max_zoom && check (self, &error);
  if (min_zoom > max_zoom)
    set_message (self, _("“From Zoom” is above “To Zoom”."));
  else
    set_message (self, ok ? NULL : error->message);
  gtk_widget_set_sensitive (GTK_WIDGET (self->download_button), ok && self->cancellable == NULL);
}

static void
on_progress_cb (guint64  tiles_done,
                guint64  tiles_total,
                guint64  bytes_done,
                gpointer user_data)
{
  GaOfflinePackDialog *self = user_data;
  g_autofree char *size = NULL;
  g_autofree char *done = NULL;
  g_autofree char *total = NULL;
  g_autofree char *text = NULL;

  if (self->disposed)
    return;
  size = g_format_size (bytes_done);
  done = g_strdup_printf ("%" G_GUINT64_FORMAT, tiles_done);
  total = g_strdup_printf ("%" G_GUINT64_FORMAT, tiles_total);
  /* Translators: “120 of 340 tiles (2.1 MB)” */
  text = g_strdup_printf (_("%s of %s tiles (%s)"), done, total, size);
  gtk_progress_bar_set_fraction (self->progress_bar,
                                 tiles_total ? (double) tiles_done / tiles_total : 0);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
set_running (GaOfflinePackDialog *self,
             gboolean             running)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->min_zoom_spin), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->max_zoom_spin), !running);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), running);
  if (running)
    {
      gtk_progress_bar_set_fraction (self->progress_bar, 0);
      gtk_progress_bar_set_text (self->progress_bar, _("Starting…"));
    }
  update (self);
}

static void
on_download_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GaOfflinePackDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = ga_offline_pack_download_finish (result, &error);

  g_clear_object (&self->cancellable);
  if (self->disposed)
    return;
  if (ok)
    {
      g_signal_emit (self, signals[PACK_SAVED], 0, self->path);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  set_running (self, FALSE);
  set_message (self, error->message);
}

static void
on_chooser_response_cb (GtkNativeDialog     *dialog,
                        int                  response,
                        GaOfflinePackDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path && !g_str_has_suffix (path, ".mbtiles"))
        {
          char *with_ext = g_strconcat (path, ".mbtiles", NULL);

          g_free (path);
          path = with_ext;
        }
      if (path)
        ga_offline_pack_dialog_start (self, path);
    }
  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->chooser);
}

static void
on_download_clicked_cb (GaOfflinePackDialog *self)
{
  g_autofree char *name = NULL;

  if (self->chooser)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Save Offline Basemap"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  /* Translators: suggested file name; %s is the basemap name */
  name = g_strdup_printf (_("%s offline.mbtiles"), ga_basemap_get_name (self->source));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_cancel_clicked_cb (GaOfflinePackDialog *self)
{
  if (self->cancellable)
    {
      /* The download stops, removes its partial file and then closes the dialog. */
      g_cancellable_cancel (self->cancellable);
      gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), FALSE);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
ga_offline_pack_dialog_close_request (GtkWindow *window)
{
  GaOfflinePackDialog *self = GA_OFFLINE_PACK_DIALOG (window);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (ga_offline_pack_dialog_parent_class)->close_request (window);
}

static void
ga_offline_pack_dialog_dispose (GObject *object)
{
  GaOfflinePackDialog *self = GA_OFFLINE_PACK_DIALOG (object);

  self->disposed = TRUE;
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  if (self->chooser)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  g_clear_object (&self->source);
  gtk_widget_dispose_template (GTK_WIDGET (object), GA_TYPE_OFFLINE_PACK_DIALOG);
  G_OBJECT_CLASS (ga_offline_pack_dialog_parent_class)->dispose (object);
}

static void
ga_offline_pack_dialog_finalize (GObject *object)
{
  GaOfflinePackDialog *self = GA_OFFLINE_PACK_DIALOG (object);

  g_free (self->summary);
  g_free (self->message);
  g_free (self->path);
  G_OBJECT_CLASS (ga_offline_pack_dialog_parent_class)->finalize (object);
}

static void
ga_offline_pack_dialog_class_init (GaOfflinePackDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ga_offline_pack_dialog_dispose;
  object_class->finalize = ga_offline_pack_dialog_finalize;
  window_class->close_request = ga_offline_pack_dialog_close_request;

  signals[PACK_SAVED] = g_signal_new ("pack-saved", G_TYPE_FROM_CLASS (klass),
                                      G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                      G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/greenatlas/GreenAtlas/ui/ga-offline-pack-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GaOfflinePackDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, GaOfflinePackDialog, download_button);
  gtk_widget_class_bind_template_child (widget_class, GaOfflinePackDialog, source_row);
  gtk_widget_class_bind_template_child (widget_class, GaOfflinePackDialog, summary_row);
  gtk_widget_class_bind_template_child (widget_class, GaOfflinePackDialog, min_zoom_spin);
  gtk_widget_class_bind_template_child (widget_class, GaOfflinePackDialog, max_zoom_spin);
  gtk_widget_class_bind_template_child (widget_class, GaOfflinePackDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, GaOfflinePackDialog, progress_bar);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ga_offline_pack_dialog_init (GaOfflinePackDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->message = g_strdup ("");
  self->summary = g_strdup ("");

  g_signal_connect_swapped (self->download_button, "clicked",
                            G_CALLBACK (on_download_clicked_cb), self);
  g_signal_connect_swapped (self->cancel_button, "clicked", G_CALLBACK (on_cancel_clicked_cb),
                            self);
}

GaOfflinePackDialog *
ga_offline_pack_dialog_new (GtkWindow      *parent,
                            GaBasemap      *source,
                            const GaExtent *extent,
                            int             zoom)
{
  GaOfflinePackDialog *self;
  int max_zoom;

  g_return_val_if_fail (GA_IS_BASEMAP (source), NULL);
  g_return_val_if_fail (extent != NULL, NULL);

  self = g_object_new (GA_TYPE_OFFLINE_PACK_DIALOG, "transient-for", parent, NULL);
  self->source = g_object_ref (source);
  self->extent = *extent;
  adw_action_row_set_subtitle (self->source_row, ga_basemap_get_name (source));

  max_zoom = ga_basemap_get_max_zoom (source);
  gtk_spin_button_set_range (self->min_zoom_spin, ga_basemap_get_min_zoom (source), max_zoom);
  gtk_spin_button_set_range (self->max_zoom_spin, ga_basemap_get_min_zoom (source), max_zoom);
  ga_offline_pack_dialog_set_zoom_range (self, zoom, MIN (zoom + 3, max_zoom));

  g_signal_connect_swapped (self->min_zoom_spin, "value-changed", G_CALLBACK (update), self);
  g_signal_connect_swapped (self->max_zoom_spin, "value-changed", G_CALLBACK (update), self);
  return self;
}

void
ga_offline_pack_dialog_set_zoom_range (GaOfflinePackDialog *self,
                                       int                  min_zoom,
                                       int                  max_zoom)
{
  g_return_if_fail (GA_IS_OFFLINE_PACK_DIALOG (self));

  gtk_spin_button_set_value (self->min_zoom_spin, min_zoom);
  gtk_spin_button_set_value (self->max_zoom_spin, max_zoom);
  update (self);
}

void
ga_offline_pack_dialog_get_zoom_range (GaOfflinePackDialog *self,
                                       int                 *min_zoom,
                                       int                 *max_zoom)
{
  g_return_if_fail (GA_IS_OFFLINE_PACK_DIALOG (self));

  if (min_zoom)
    *min_zoom = gtk_spin_button_get_value_as_int (self->min_zoom_spin);
  if (max_zoom)
    *max_zoom = gtk_spin_button_get_value_as_int (self->max_zoom_spin);
}

guint64
ga_offline_pack_dialog_get_n_tiles (GaOfflinePackDialog *self)
{
  g_return_val_if_fail (GA_IS_OFFLINE_PACK_DIALOG (self), 0);
  return self->n_tiles;
}

const char *
ga_offline_pack_dialog_get_summary (GaOfflinePackDialog *self)
{
  g_return_val_if_fail (GA_IS_OFFLINE_PACK_DIALOG (self), NULL);
  return self->summary;
}

const char *
ga_offline_pack_dialog_get_message (GaOfflinePackDialog *self)
{
  g_return_val_if_fail (GA_IS_OFFLINE_PACK_DIALOG (self), NULL);
  return self->message;
}

gboolean
ga_offline_pack_dialog_start (GaOfflinePackDialog *self,
                              const char          *path)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (GA_IS_OFFLINE_PACK_DIALOG (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->cancellable)
    return FALSE;
  if (!check (self, &error))
    {
      set_message (self, error->message);
      return FALSE;
    }
  g_free (self->path);
  self->path = g_strdup (path);
  self->cancellable = g_cancellable_new ();
  set_running (self, TRUE);
  ga_offline_pack_download_async (self->source, self->extent.min_x, self->extent.min_y,
                                  self->extent.max_x, self->extent.max_y,
                                  gtk_spin_button_get_value_as_int (self->min_zoom_spin),
                                  gtk_spin_button_get_value_as_int (self->max_zoom_spin),
                                  path, self->cancellable, on_progress_cb, self,
                                  on_download_done_cb, g_object_ref (self));
  return TRUE;
}

gboolean
ga_offline_pack_dialog_is_running (GaOfflinePackDialog *self)
{
  g_return_val_if_fail (GA_IS_OFFLINE_PACK_DIALOG (self), FALSE);
  return self->cancellable != NULL;
}
