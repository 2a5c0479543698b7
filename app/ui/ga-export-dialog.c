/* ga-export-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pages come from ga_export_page_new (the same layout code as green-atlas-render) and
 * are written by ga_doc_export_write_async in a worker; the dialog only gathers options,
 * asks for the file, shows progress and reports the outcome as a toast in the main window.
 */
#define G_LOG_DOMAIN "ga-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ga-export-dialog.h"
#include "ga-window-private.h"
#include "ga-window-slides.h"

struct _GaExportDialog
{
  AdwWindow             parent_instance;

  GaWindow             *window;      /* weak */
  gboolean              deck;
  GtkWidget            *what_row;
  GtkWidget            *format_row;
  GtkWidget            *preset_row;
  GtkWidget            *portrait_switch;
  GtkWidget            *dpi_row;
  GtkWidget            *dpi_spin;
  GtkWidget            *title_row;
  GtkWidget            *progress;
  GtkWidget            *export_button;
  GtkWidget            *cancel_button;
  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;
  char                 *path;
};

G_DEFINE_FINAL_TYPE (GaExportDialog, ga_export_dialog, ADW_TYPE_WINDOW)

static const GaExportFormat formats[] = { GA_EXPORT_PDF, GA_EXPORT_PNG, GA_EXPORT_SVG };
static const GaLayoutPreset presets[] = {
  GA_LAYOUT_SLIDE, GA_LAYOUT_A4, GA_LAYOUT_A3, GA_LAYOUT_A0
};

static const char *
extension (GaExportFormat format)
{
  switch (format)
    {
    case GA_EXPORT_PNG:
      return "png";
    case GA_EXPORT_SVG:
      return "svg";
    case GA_EXPORT_PDF:
    default:
      return "pdf";
    }
}

/* ---- pages ---- */

static char *
strip_tags (const char *html)
{
  GString *plain = g_string_new (NULL);
  gboolean in_tag = FALSE;

  for (const char *p = html; p && *p; p++)
    {
      if (*p == '<')
        in_tag = TRUE;
      else if (*p == '>')
        in_tag = FALSE;
      else if (!in_tag)
        g_string_append_c (plain, *p);
    }
  return g_string_free (plain, FALSE);
}

static GaLayoutPage *
page_new (GaWindow       *window,
          GHashTable     *styles,
          GaSlide        *slide,
          const GaExtent *extent,
          const char     *title,
          const char     *attribution)
{
  GaLayoutPage *page = ga_export_page_new (window->project, window->store, styles, slide, extent);

  if (page == NULL)
    return NULL;
  if (title)
    {
      char **field = slide ? &page->subtitle : &page->title;

      g_free (*field);
      *field = *title ? g_strdup (title) : NULL;
    }
  if ((page->attribution == NULL || *page->attribution == '\0') && attribution && *attribution)
    {
      g_free (page->attribution);
      page->attribution = g_strdup (attribution);
    }
  return page;
}

GPtrArray *
ga_export_build_pages (GaWindow   *window,
                       int         which,
                       const char *title)
{
  GPtrArray *pages = g_ptr_array_new_with_free_func ((GDestroyNotify) ga_layout_page_free);
  g_autoptr(GHashTable) styles = NULL;
  g_autofree char *attribution = NULL;
  GaBasemap *basemap;

  g_return_val_if_fail (GA_IS_WINDOW (window), pages);

  styles = ga_window_dup_styles (window);
  basemap = ga_window_get_current_basemap (window);
  if (basemap && ga_basemap_get_kind (basemap) != GA_BASEMAP_NONE)
    attribution = strip_tags (ga_basemap_get_attribution (basemap));

  if (which == GA_EXPORT_CURRENT_VIEW)
    {
      GaExtent extent;
      GaLayoutPage *page;

      ga_map_view_get_visible_extent (window->map_view, &extent);
      page = page_new (window, styles, NULL, &extent, title, attribution);
      if (page)
        g_ptr_array_add (pages, page);
    }
  else
    {
      guint n = ga_project_get_n_slides (window->project);

      for (guint i = 0; i < n; i++)
        {
          GaLayoutPage *page;

          if (which != GA_EXPORT_ALL_SLIDES && (guint) which != i)
            continue;
          page = page_new (window, styles, ga_project_get_slide (window->project, i), NULL,
                           title, attribution);
          if (page)
            g_ptr_array_add (pages, page);
        }
    }
  return pages;
}

void
ga_export_options_for_window (GaWindow        *window,
                              GaExportOptions *options)
{
  ga_export_options_init (options);
  options->basemap = ga_window_get_current_basemap (window);
  if (options->basemap && ga_basemap_get_kind (options->basemap) == GA_BASEMAP_NONE)
    options->basemap = NULL;
  options->basemap_optional = TRUE;
}

/* ---- export ---- */

static void
set_busy (GaExportDialog *self,
          gboolean        busy)
{
  gtk_widget_set_visible (self->progress, busy);
  gtk_widget_set_sensitive (self->export_button, !busy);
  gtk_button_set_label (GTK_BUTTON (self->cancel_button), busy ? _("_Stop") : _("_Cancel"));
  if (busy)
    gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress), 0);
}

static void
on_progress_cb (double   fraction,
                gpointer user_data)
{
  GaExportDialog *self = user_data;

  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress), CLAMP (fraction, 0, 1));
}

static void
on_written_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GaExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *warning = NULL;
  g_autofree char *name = g_path_get_basename (self->path);
  g_autofree char *dir = g_path_get_dirname (self->path);
  g_autofree char *message = NULL;
  gboolean ok;

  ok = ga_doc_export_write_finish (result, &warning, &error);
  g_clear_object (&self->cancellable);
  /* Closed meanwhile (its widgets are gone) or the main window is. */
  if (self->window == NULL)
    return;
  set_busy (self, FALSE);

  if (!ok)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: %s is a file name, then the reason */
      message = g_strdup_printf (_("Could not export “%s”: %s"), name, error->message);
      ga_window_add_toast (self->window, message);
      return;
    }
  if (warning)
    ga_window_add_toast (self->window, warning);
  /* Translators: first %s is the file name, second its folder */
  message = g_strdup_printf (_("Exported “%s” to %s"), name, dir);
  ga_window_add_toast (self->window, message);
  gtk_window_destroy (GTK_WINDOW (self));
}

static guint
selected (GtkWidget *row)
{
  return adw_combo_row_get_selected (ADW_COMBO_ROW (row));
}

static GaExportFormat
current_format (GaExportDialog *self)
{
  return self->deck ? GA_EXPORT_PDF : formats[MIN (selected (self->format_row), 2)];
}

void
ga_export_dialog_export_to (GaExportDialog *self,
                            const char     *path)
{
  g_autoptr(GPtrArray) pages = NULL;
  GaExportOptions options;
  const char *title;
  int which;

  g_return_if_fail (GA_IS_EXPORT_DIALOG (self));
  g_return_if_fail (path != NULL);

  if (self->window == NULL || self->cancellable)
    return;
  g_free (self->path);
  self->path = g_strdup (path);

  if (self->deck)
    which = GA_EXPORT_ALL_SLIDES;
  else
    which = selected (self->what_row) == 0 ? GA_EXPORT_CURRENT_VIEW
                                           : (int) selected (self->what_row) - 1;
  title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  pages = ga_export_build_pages (self->window, which, title);

  ga_export_options_for_window (self->window, &options);
  options.format = current_format (self);
  if (!ga_export_format_from_path (path, &options.format))
    options.format = current_format (self);
  options.preset = presets[MIN (selected (self->preset_row), G_N_ELEMENTS (presets) - 1)];
  options.portrait = gtk_switch_get_active (GTK_SWITCH (self->portrait_switch));
  options.dpi = gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->dpi_spin));

  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  ga_doc_export_write_async (path, pages, &options, self->cancellable, on_progress_cb, self,
                             on_written_cb, g_object_ref (self));
}

gboolean
ga_export_dialog_get_busy (GaExportDialog *self)
{
  g_return_val_if_fail (GA_IS_EXPORT_DIALOG (self), FALSE);
  return self->cancellable != NULL;
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        GaExportDialog  *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;
  path = g_file_get_path (file);
  if (path == NULL)
    return;
  /* The extension says the format; add it when the name has none. */
  {
    GaExportFormat format;

    if (!ga_export_format_from_path (path, &format))
      {
        char *with = g_strdup_printf ("%s.%s", path, extension (current_format (self)));

        g_free (path);
        path = with;
      }
  }
  ga_export_dialog_export_to (self, path);
}

static char *
suggested_name (GaExportDialog *self)
{
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  const char *ext = extension (current_format (self));
  g_autofree char *base = g_strdup (title && *title ? title : _("Map"));

  g_strdelimit (base, "/\\:", '-');
  return g_strdup_printf ("%s.%s", base, ext);
}

static void
on_export_clicked_cb (GtkButton      *button,
                      GaExportDialog *self)
{
  g_autofree char *name = suggested_name (self);
  const char *project_path = self->window ? ga_project_get_path (self->window->project) : NULL;

  if (self->chooser)
    return;
  self->chooser = gtk_file_chooser_native_new (self->deck ? _("Export Slides") : _("Export Map"),
                                               GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  if (project_path)
    {
      g_autofree char *dir = g_path_get_dirname (project_path);
      g_autoptr(GFile) folder = g_file_new_for_path (dir);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
    }
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_cancel_clicked_cb (GtkButton      *button,
                      GaExportDialog *self)
{
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_format_changed_cb (GObject        *row,
                      GParamSpec     *pspec,
                      GaExportDialog *self)
{
  gtk_widget_set_visible (self->dpi_row, current_format (self) == GA_EXPORT_PNG);
}

/* ---- class ---- */

static void
ga_export_dialog_dispose (GObject *object)
{
  GaExportDialog *self = GA_EXPORT_DIALOG (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  g_clear_weak_pointer (&self->window);
  G_OBJECT_CLASS (ga_export_dialog_parent_class)->dispose (object);
}

static void
ga_export_dialog_finalize (GObject *object)
{
  GaExportDialog *self = GA_EXPORT_DIALOG (object);

  g_free (self->path);
  G_OBJECT_CLASS (ga_export_dialog_parent_class)->finalize (object);
}

static void
ga_export_dialog_class_init (GaExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ga_export_dialog_dispose;
  object_class->finalize = ga_export_dialog_finalize;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ga_export_dialog_init (GaExportDialog *self)
{
}

static GtkWidget *
combo_row_new (const char        *title,
               const char *const *items)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) list = gtk_string_list_new (items);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (list));
  return row;
}

GtkWidget *
ga_export_dialog_new (GaWindow *window,
                      gboolean  deck)
{
  GaExportDialog *self;
  GtkWidget *box, *header, *page, *group, *row, *buttons;
  g_autoptr(GtkStringList) what = NULL;
  const char *format_items[] = { _("PDF Document"), _("PNG Image"), _("SVG Drawing"), NULL };
  const char *preset_items[G_N_ELEMENTS (presets) + 1] = { NULL };
  const char *title;
  guint n_slides;

  g_return_val_if_fail (GA_IS_WINDOW (window), NULL);

  self = g_object_new (GA_TYPE_EXPORT_DIALOG, "modal", TRUE, "transient-for", window,
                       "default-width", 460, "destroy-with-parent", TRUE, NULL);
  g_set_weak_pointer (&self->window, window);
  self->deck = deck;
  gtk_widget_add_css_class (GTK_WIDGET (self), "ga-export-dialog");
  gtk_window_set_title (GTK_WINDOW (self), deck ? _("Export Slides") : _("Export Map"));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (box), header);

  page = adw_preferences_page_new ();
  group = adw_preferences_group_new ();
  if (deck)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                           _("All slides, one page each, in one PDF file."));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  /* What */
  what = gtk_string_list_new (NULL);
  gtk_string_list_append (what, _("Current View"));
  n_slides = ga_project_get_n_slides (window->project);
  for (guint i = 0; i < n_slides; i++)
    {
      /* Translators: an export choice: slide number and title */
      g_autofree char *label = g_strdup_printf (_("Slide %u: %s"), i + 1,
                                                ga_slide_get_title (ga_project_get_slide (
                                                  window->project, i)));

      gtk_string_list_append (what, label);
    }
  self->what_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->what_row), _("Show"));
  adw_combo_row_set_model (ADW_COMBO_ROW (self->what_row), G_LIST_MODEL (what));
  gtk_widget_set_visible (self->what_row, !deck);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->what_row);

  self->format_row = combo_row_new (_("Format"), format_items);
  gtk_widget_set_visible (self->format_row, !deck);
  g_signal_connect (self->format_row, "notify::selected", G_CALLBACK (on_format_changed_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->format_row);

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    preset_items[i] = ga_layout_preset_get_label (presets[i]);
  self->preset_row = combo_row_new (_("Page"), preset_items);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->preset_row);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Portrait"));
  self->portrait_switch = gtk_switch_new ();
  gtk_widget_set_valign (self->portrait_switch, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), self->portrait_switch);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), self->portrait_switch);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  self->dpi_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->dpi_row), _("Resolution"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->dpi_row), _("Dots per inch of the PNG image"));
  self->dpi_spin = gtk_spin_button_new_with_range (72, 600, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->dpi_spin), 150);
  gtk_widget_set_valign (self->dpi_spin, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->dpi_row), self->dpi_spin);
  gtk_widget_set_visible (self->dpi_row, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->dpi_row);

  self->title_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->title_row),
                                 deck ? _("Subtitle") : _("Title"));
  title = ga_project_get_title (window->project);
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), title ? title : "");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->title_row);

  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);

  self->progress = gtk_progress_bar_new ();
  gtk_widget_set_margin_start (self->progress, 24);
  gtk_widget_set_margin_end (self->progress, 24);
  gtk_widget_set_visible (self->progress, FALSE);
  gtk_box_append (GTK_BOX (box), self->progress);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_set_margin_top (buttons, 12);
  gtk_widget_set_margin_bottom (buttons, 18);
  gtk_widget_set_margin_end (buttons, 24);
  self->cancel_button = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect (self->cancel_button, "clicked", G_CALLBACK (on_cancel_clicked_cb), self);
  self->export_button = gtk_button_new_with_mnemonic (_("_Export…"));
  gtk_widget_add_css_class (self->export_button, "suggested-action");
  g_signal_connect (self->export_button, "clicked", G_CALLBACK (on_export_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), self->cancel_button);
  gtk_box_append (GTK_BOX (buttons), self->export_button);
  gtk_box_append (GTK_BOX (box), buttons);

  adw_window_set_content (ADW_WINDOW (self), box);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->export_button);
  return GTK_WIDGET (self);
}
