/* ga-crs-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A searchable list over ga_crs_list(), regional systems (UTM 47N/48N, Indian 1975,
 * SVY21, VN-2000, …) first, as PROJ's database gives them.
 */
#define G_LOG_DOMAIN "ga-crs-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ga-application.h"
#include "ga-crs-dialog.h"
#include "ga-crs.h"

struct _GaCrsDialog
{
  AdwWindow           parent_instance;

  GtkLabel           *message_label;
  GtkSearchEntry     *search_entry;
  GtkListView        *list_view;
  GtkButton          *cancel_button;
  GtkButton          *select_button;

  GtkStringList      *items;      /* "CODE\x1fNAME\x1fregional" */
  GtkSingleSelection *selection;
  gboolean            answered;
};

G_DEFINE_FINAL_TYPE (GaCrsDialog, ga_crs_dialog, ADW_TYPE_WINDOW)

enum
{
  CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
answer (GaCrsDialog *self,
        const char  *code)
{
  if (self->answered)
    return;
  self->answered = TRUE;
  g_signal_emit (self, signals[CHOSEN], 0, code);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
refill (GaCrsDialog *self,
        const char  *filter)
{
  g_autoptr(GPtrArray) list = ga_crs_list (filter);
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; list && i < list->len; i++)
    {
      GaCrsInfo *info = g_ptr_array_index (list, i);

      g_ptr_array_add (strings, g_strdup_printf ("%s\x1f%s\x1f%d", info->code, info->name,
                                                 info->regional ? 1 : 0));
    }
  g_ptr_array_add (strings, NULL);
  gtk_string_list_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                          (const char * const *) strings->pdata);
  if (strings->len > 1)
    gtk_single_selection_set_selected (self->selection, 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->select_button), strings->len > 1);
}

static void
on_setup_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *code = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (code, "dim-label");
  gtk_widget_add_css_class (code, "numeric");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), code);
  gtk_list_item_set_child (item, box);
}

static void
on_bind_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *code = gtk_widget_get_next_sibling (name);
  const char *s = gtk_string_object_get_string (gtk_list_item_get_item (item));
  g_auto(GStrv) parts = g_strsplit (s, "\x1f", 3);

  gtk_label_set_label (GTK_LABEL (code), parts[0]);
  gtk_label_set_label (GTK_LABEL (name), parts[1] ? parts[1] : "");
  if (parts[1] && parts[2] && g_str_equal (parts[2], "1"))
    gtk_widget_add_css_class (name, "heading");
  else
    gtk_widget_remove_css_class (name, "heading");
}

static char *
code_at (GaCrsDialog *self,
         guint        position)
{
  const char *s = gtk_string_list_get_string (self->items, position);
  const char *sep;

  if (s == NULL)
    return NULL;
  sep = strchr (s, '\x1f');
  return sep ? g_strndup (s, sep - s) : g_strdup (s);
}

static void
on_search_changed_cb (GtkSearchEntry *entry,
                      GaCrsDialog    *self)
{
  refill (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_activate_cb (GtkListView *view,
                guint        position,
                GaCrsDialog *self)
{
  ga_crs_dialog_choose (self, position);
}

static void
on_select_clicked_cb (GtkButton   *button,
                      GaCrsDialog *self)
{
  guint pos = gtk_single_selection_get_selected (self->selection);

  if (pos != GTK_INVALID_LIST_POSITION)
    ga_crs_dialog_choose (self, pos);
}

static void
on_cancel_clicked_cb (GtkButton   *button,
                      GaCrsDialog *self)
{
  answer (self, NULL);
}

static gboolean
ga_crs_dialog_close_request (GtkWindow *window)
{
  GaCrsDialog *self = GA_CRS_DIALOG (window);

  if (!self->answered)
    {
      self->answered = TRUE;
      g_signal_emit (self, signals[CHOSEN], 0, NULL);
    }
  return FALSE;
}

static void
ga_crs_dialog_dispose (GObject *object)
{
  GaCrsDialog *self = GA_CRS_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), GA_TYPE_CRS_DIALOG);
  g_clear_object (&self->selection);
  G_OBJECT_CLASS (ga_crs_dialog_parent_class)->dispose (object);
}

static void
ga_crs_dialog_class_init (GaCrsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ga_crs_dialog_dispose;
  window_class->close_request = ga_crs_dialog_close_request;

  signals[CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  ga_ui_init ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/greenatlas/GreenAtlas/ui/ga-crs-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GaCrsDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, GaCrsDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GaCrsDialog, list_view);
  gtk_widget_class_bind_template_child (widget_class, GaCrsDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, GaCrsDialog, select_button);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ga_crs_dialog_init (GaCrsDialog *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->items = gtk_string_list_new (NULL);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->items));
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (on_search_changed_cb), self);
  g_signal_connect (self->list_view, "activate", G_CALLBACK (on_activate_cb), self);
  g_signal_connect (self->select_button, "clicked", G_CALLBACK (on_select_clicked_cb), self);
  g_signal_connect (self->cancel_button, "clicked", G_CALLBACK (on_cancel_clicked_cb), self);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));

  refill (self, NULL);
}

GaCrsDialog *
ga_crs_dialog_new (GtkWindow  *parent,
                   const char *file_name)
{
  GaCrsDialog *self = g_object_new (GA_TYPE_CRS_DIALOG, "transient-for", parent, NULL);
  g_autofree char *message = NULL;

  /* Translators: %s is a file name */
  message = g_strdup_printf (_("“%s” does not say which coordinate reference system its "
                               "coordinates are in, and they are not longitude and latitude. "
                               "Choose the system the data was made in."),
                             file_name);
  gtk_label_set_label (self->message_label, message);
  return self;
}

void
ga_crs_dialog_set_filter (GaCrsDialog *self,
                          const char  *filter)
{
  g_return_if_fail (GA_IS_CRS_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), filter ? filter : "");
  refill (self, filter);
}

guint
ga_crs_dialog_get_n_items (GaCrsDialog *self)
{
  g_return_val_if_fail (GA_IS_CRS_DIALOG (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->items));
}

void
ga_crs_dialog_choose (GaCrsDialog *self,
                      guint        position)
{
  g_autofree char *code = NULL;

  g_return_if_fail (GA_IS_CRS_DIALOG (self));

  code = code_at (self, position);
  if (code)
    answer (self, code);
}
