/* ga-custom-source-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small form for a {z}/{x}/{y} tile server.  The template is checked as it is typed and
 * again on Add; the source's id is derived from its URL, so adding the same server twice
 * replaces the first entry instead of listing it twice.
 */
#define G_LOG_DOMAIN "ga-custom-source-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ga-custom-source-dialog.h"
#include "ga-error.h"

struct _GaCustomSourceDialog
{
  AdwWindow       parent_instance;

  GtkButton      *cancel_button;
  GtkButton      *add_button;
  AdwEntryRow    *url_row;
  AdwEntryRow    *name_row;
  AdwEntryRow    *attribution_row;
  GtkSpinButton  *min_zoom_spin;
  GtkSpinButton  *max_zoom_spin;
  GtkDropDown    *tile_size_drop;
  GtkLabel       *message_label;
};

G_DEFINE_FINAL_TYPE (GaCustomSourceDialog, ga_custom_source_dialog, ADW_TYPE_WINDOW)

enum
{
  SOURCE_ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

gboolean
ga_check_url_template (const char  *url_template,
                       GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (url_template == NULL || *url_template == '\0')
    {
      g_set_error_literal (error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
                           _("Enter the URL template of the tile server."));
      return FALSE;
    }
  uri = g_uri_parse (url_template, G_URI_FLAGS_PARSE_RELAXED, NULL);
  scheme = uri ? g_uri_get_scheme (uri) : NULL;
  if (scheme == NULL
      || (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
      || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error_literal (error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
                           _("The URL template must start with http:// or https:// and name a "
                             "server."));
      return FALSE;
    }
  if (strstr (url_template, "{z}") == NULL || strstr (url_template, "{x}") == NULL
      || (strstr (url_template, "{y}") == NULL && strstr (url_template, "{-y}") == NULL))
    {
      g_set_error_literal (error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
                           _("The URL template must contain {z}, {x} and {y} where the tile’s "
                             "zoom, column and row go."));
      return FALSE;
    }
  return TRUE;
}

static void
show_message (GaCustomSourceDialog *self,
              const char           *message)
{
  gtk_label_set_text (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static GaBasemap *
build_basemap (GaCustomSourceDialog  *self,
               GError               **error)
{
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->url_row));
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  const char *attribution = gtk_editable_get_text (GTK_EDITABLE (self->attribution_row));
  int min_zoom = gtk_spin_button_get_value_as_int (self->min_zoom_spin);
  int max_zoom = gtk_spin_button_get_value_as_int (self->max_zoom_spin);
  int tile_size = gtk_drop_down_get_selected (self->tile_size_drop) == 1 ? 512 : 256;
  g_autofree char *url_stripped = g_strstrip (g_strdup (url));
  g_autofree char *name_stripped = g_strstrip (g_strdup (name));
  g_autofree char *hash = NULL;
  g_autofree char *id = NULL;

  if (!ga_check_url_template (url_stripped, error))
    return NULL;
  if (*name_stripped == '\0')
    {
      g_set_error_literal (error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
                           _("Give the source a name for the basemap list."));
      return NULL;
    }
  if (min_zoom > max_zoom)
    {
      g_set_error_literal (error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
                           _("The minimum zoom is above the maximum zoom."));
      return NULL;
    }

  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA1, url_stripped, -1);
  id = g_strdup_printf ("custom:%.12s", hash);
  /* Offline packs from the user's own server: a polite download of minutes, at most. */
  return ga_basemap_new_xyz (id, name_stripped, url_stripped, attribution, min_zoom, max_zoom,
                             tile_size, 10000);
}

static void
on_changed_cb (GaCustomSourceDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GaBasemap) basemap = build_basemap (self, &error);
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->url_row));

  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), basemap != NULL);
  /* No scolding while the form is still empty. */
  show_message (self, basemap == NULL && *url ? error->message : NULL);
}

static void
on_add_clicked_cb (GaCustomSourceDialog *self)
{
  ga_custom_source_dialog_add (self, NULL);
}

static void
on_cancel_clicked_cb (GaCustomSourceDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
ga_custom_source_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), GA_TYPE_CUSTOM_SOURCE_DIALOG);
  G_OBJECT_CLASS (ga_custom_source_dialog_parent_class)->dispose (object);
}

static void
ga_custom_source_dialog_class_init (GaCustomSourceDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ga_custom_source_dialog_dispose;

  signals[SOURCE_ADDED] = g_signal_new ("source-added", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, GA_TYPE_BASEMAP);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/greenatlas/GreenAtlas/ui/ga-custom-source-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GaCustomSourceDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, GaCustomSourceDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, GaCustomSourceDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, GaCustomSourceDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, GaCustomSourceDialog, attribution_row);
  gtk_widget_class_bind_template_child (widget_class, GaCustomSourceDialog, min_zoom_spin);
  gtk_widget_class_bind_template_child (widget_class, GaCustomSourceDialog, max_zoom_spin);
  gtk_widget_class_bind_template_child (widget_class, GaCustomSourceDialog, tile_size_drop);
  gtk_widget_class_bind_template_child (widget_class, GaCustomSourceDialog, message_label);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ga_custom_source_dialog_init (GaCustomSourceDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (self->url_row, "changed", G_CALLBACK (on_changed_cb), self);
  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (on_changed_cb), self);
  g_signal_connect_swapped (self->min_zoom_spin, "value-changed", G_CALLBACK (on_changed_cb), self);
  g_signal_connect_swapped (self->max_zoom_spin, "value-changed", G_CALLBACK (on_changed_cb), self);
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (on_add_clicked_cb), self);
  g_signal_connect_swapped (self->cancel_button, "clicked", G_CALLBACK (on_cancel_clicked_cb),
                            self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), FALSE);
}

GaCustomSourceDialog *
ga_custom_source_dialog_new (GtkWindow *parent)
{
  return g_object_new (GA_TYPE_CUSTOM_SOURCE_DIALOG, "transient-for", parent, NULL);
}

void
ga_custom_source_dialog_set_fields (GaCustomSourceDialog *self,
                                    const char           *url_template,
                                    const char           *name,
                                    const char           *attribution,
                                    int                   min_zoom,
                                    int                   max_zoom,
                                    int                   tile_size)
{
  g_return_if_fail (GA_IS_CUSTOM_SOURCE_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url_template ? url_template : "");
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name ? name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->attribution_row), attribution ? attribution : "");
  gtk_spin_button_set_value (self->min_zoom_spin, min_zoom);
  gtk_spin_button_set_value (self->max_zoom_spin, max_zoom);
  gtk_drop_down_set_selected (self->tile_size_drop, tile_size == 512 ? 1 : 0);
}

gboolean
ga_custom_source_dialog_add (GaCustomSourceDialog  *self,
                             GError               **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GaBasemap) basemap = NULL;

  g_return_val_if_fail (GA_IS_CUSTOM_SOURCE_DIALOG (self), FALSE);

  basemap = build_basemap (self, &local_error);
  if (basemap == NULL)
    {
      show_message (self, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_signal_emit (self, signals[SOURCE_ADDED], 0, basemap);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}
