/* ga-slides-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GtkListBox bound to the project's GListStore of slides. Each row shows a thumbnail
 * drawn in a worker by ga_layout_draw() (the page of ga_export_page_new without title,
 * legend or scale: the map alone, no basemap), cached per slide and drawn again when the
 * slide is updated or the window's layers change (a project's layers load after its
 * slides appear). Title and caption are GtkEditableLabels; every edit goes through
 * ga_window_*_slide() so the project is marked modified.
 */
#define G_LOG_DOMAIN "ga-slides-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "ga-doc-export.h"
#include "ga-layout.h"
#include "ga-memory.h"
#include "ga-slides-panel.h"
#include "ga-tooltip.h"
#include "ga-window-slides.h"

#define THUMB_SCALE   2          /* drawn at twice the size shown, for HiDPI */
#define REFRESH_DELAY 400        /* ms after the layers changed */

struct _GaSlidesPanel
{
  GtkWidget    parent_instance;

  GaWindow    *window;           /* weak: the window owns the panel */
  GaProject   *project;
  GListModel  *slides;
  GtkWidget   *stack;
  GtkWidget   *list;
  GtkWidget   *present_button;
  GMenu       *monitor_menu;

  GHashTable  *thumbs;           /* GaSlide* → GdkTexture* */
  GHashTable  *jobs;             /* GaSlide* → GCancellable* (drawing) */
  guint        refresh_id;
  GaLayerStore *store;
};

G_DEFINE_FINAL_TYPE (GaSlidesPanel, ga_slides_panel, GTK_TYPE_WIDGET)

static void request_thumbnail (GaSlidesPanel *self,
                               GaSlide       *slide);

/* ---- thumbnails ---- */

typedef struct
{
  GaSlidesPanel *panel;   /* weak */
  GaSlide       *slide;
  GaLayoutPage  *page;
  GCancellable  *cancellable;
} ThumbJob;

static void
thumb_job_free (gpointer data)
{
  ThumbJob *job = data;

  g_clear_weak_pointer (&job->panel);
  g_clear_object (&job->slide);
  g_clear_pointer (&job->page, ga_layout_page_free);
  g_clear_object (&job->cancellable);
  g_free (job);
}

static void
thumb_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ThumbJob *job = task_data;
  int width = GA_SLIDES_PANEL_THUMB_WIDTH * THUMB_SCALE;
  int height = GA_SLIDES_PANEL_THUMB_HEIGHT * THUMB_SCALE;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  gboolean done;
  GBytes *bytes;
  GdkTexture *texture;

  ga_thread_set_background ();
  done = ga_layout_draw (cr, job->page, width, height, 0.5, NULL, cancellable);
  cairo_destroy (cr);
  if (!done)
    {
      cairo_surface_destroy (surface);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
      return;
    }
  cairo_surface_flush (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       (gsize) cairo_image_surface_get_stride (surface) * height);
  /* GDK_MEMORY_DEFAULT is cairo's ARGB32 (premultiplied, native endian). */
  texture = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes,
                                    cairo_image_surface_get_stride (surface));
  g_bytes_unref (bytes);
  cairo_surface_destroy (surface);
  g_task_return_pointer (task, texture, g_object_unref);
}

static GtkPicture *
row_picture (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "ga-picture");
}

static GaSlide *
row_slide (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "ga-slide");
}

static void
show_thumbnail (GaSlidesPanel *self,
                GaSlide       *slide)
{
  GdkTexture *texture = g_hash_table_lookup (self->thumbs, slide);

  for (GtkWidget *row = gtk_widget_get_first_child (self->list); row;
       row = gtk_widget_get_next_sibling (row))
    if (row_slide (row) == slide)
      gtk_picture_set_paintable (row_picture (row), GDK_PAINTABLE (texture));
}

static void
on_thumb_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  ThumbJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GdkTexture) texture = g_task_propagate_pointer (G_TASK (result), NULL);
  GaSlidesPanel *self = job->panel;

  if (self == NULL || g_cancellable_is_cancelled (job->cancellable))
    return;
  if (g_hash_table_lookup (self->jobs, job->slide) == job->cancellable)
    g_hash_table_remove (self->jobs, job->slide);
  if (texture == NULL)
    return;
  g_hash_table_replace (self->thumbs, g_object_ref (job->slide), g_steal_pointer (&texture));
  show_thumbnail (self, job->slide);
}

static void
request_thumbnail (GaSlidesPanel *self,
                   GaSlide       *slide)
{
  g_autoptr(GHashTable) styles = NULL;
  g_autoptr(GTask) task = NULL;
  GCancellable *old;
  ThumbJob *job;
  GaLayoutPage *page;

  if (self->window == NULL || self->project == NULL)
    return;
  old = g_hash_table_lookup (self->jobs, slide);
  if (old)
    g_cancellable_cancel (old);

  styles = ga_window_dup_styles (self->window);
  page = ga_export_page_new (self->project, ga_window_get_layer_store (self->window), styles,
                             slide, NULL);
  if (page == NULL)
    return;
  /* The map alone. */
  g_clear_pointer (&page->title, g_free);
  g_clear_pointer (&page->subtitle, g_free);
  g_clear_pointer (&page->caption, g_free);
  g_clear_pointer (&page->attribution, g_free);
  g_clear_pointer (&page->sources, g_strfreev);
  g_clear_pointer (&page->date, g_date_time_unref);
  page->legend = FALSE;
  page->scale_bar = FALSE;
  page->north_arrow = FALSE;

  job = g_new0 (ThumbJob, 1);
  g_set_weak_pointer (&job->panel, self);
  job->slide = g_object_ref (slide);
  job->page = page;
  job->cancellable = g_cancellable_new ();
  g_hash_table_replace (self->jobs, g_object_ref (slide), g_object_ref (job->cancellable));

  task = g_task_new (NULL, job->cancellable, on_thumb_done_cb, NULL);
  g_task_set_source_tag (task, request_thumbnail);
  g_task_set_task_data (task, job, thumb_job_free);
  g_task_run_in_thread (task, thumb_thread);
}

static void
cancel_jobs (GaSlidesPanel *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->jobs);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_cancellable_cancel (value);
  g_hash_table_remove_all (self->jobs);
}

static gboolean
refresh_all_cb (gpointer user_data)
{
  GaSlidesPanel *self = user_data;
  guint n = self->slides ? g_list_model_get_n_items (self->slides) : 0;

  self->refresh_id = 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GaSlide) slide = g_list_model_get_item (self->slides, i);

      request_thumbnail (self, slide);
    }
  return G_SOURCE_REMOVE;
}

static void
queue_refresh_all (GaSlidesPanel *self)
{
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->refresh_id = g_timeout_add (REFRESH_DELAY, refresh_all_cb, self);
}

static void
on_store_changed_cb (GListModel    *model,
                     guint          position,
                     guint          removed,
                     guint          added,
                     GaSlidesPanel *self)
{
  queue_refresh_all (self);
}

/* ---- rows ---- */

static int
row_index (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX_ROW);

  return row ? gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) : -1;
}

static void
on_title_editing_cb (GtkEditableLabel *label,
                     GParamSpec       *pspec,
                     GaSlidesPanel    *self)
{
  const char *which = g_object_get_data (G_OBJECT (label), "ga-field");
  const char *text;
  int index;

  if (gtk_editable_label_get_editing (label) || self->window == NULL)
    return;
  index = row_index (GTK_WIDGET (label));
  if (index < 0)
    return;
  text = gtk_editable_get_text (GTK_EDITABLE (label));
  if (g_str_equal (which, "title"))
    {
      /* An empty title would leave nothing to click: keep the old one. */
      if (*text == '\0')
        {
          GaSlide *slide = row_slide (gtk_widget_get_ancestor (GTK_WIDGET (label),
                                                               GTK_TYPE_LIST_BOX_ROW));

          gtk_editable_set_text (GTK_EDITABLE (label), ga_slide_get_title (slide));
          return;
        }
      ga_window_rename_slide (self->window, index, text, NULL);
    }
  else
    ga_window_rename_slide (self->window, index, NULL, text);
}

static void
on_slide_notify_cb (GaSlide    *slide,
                    GParamSpec *pspec,
                    GtkWidget  *row)
{
  GtkEditableLabel *title = g_object_get_data (G_OBJECT (row), "ga-title");
  GtkEditableLabel *caption = g_object_get_data (G_OBJECT (row), "ga-caption");

  if (!gtk_editable_label_get_editing (title)
      && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (title)), ga_slide_get_title (slide)))
    gtk_editable_set_text (GTK_EDITABLE (title), ga_slide_get_title (slide));
  if (!gtk_editable_label_get_editing (caption)
      && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (caption)), ga_slide_get_caption (slide)))
    gtk_editable_set_text (GTK_EDITABLE (caption), ga_slide_get_caption (slide));
}

static void
row_action_cb (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  GtkWidget *row = user_data;
  GaSlidesPanel *self = GA_SLIDES_PANEL (gtk_widget_get_ancestor (row, GA_TYPE_SLIDES_PANEL));
  const char *name = g_action_get_name (G_ACTION (action));
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));

  if (self == NULL || self->window == NULL || index < 0)
    return;
  if (g_str_equal (name, "update"))
    ga_window_update_slide (self->window, index);
  else if (g_str_equal (name, "move-up") && index > 0)
    ga_window_move_slide (self->window, index, index - 1);
  else if (g_str_equal (name, "move-down"))
    ga_window_move_slide (self->window, index, index + 1);
  else if (g_str_equal (name, "delete"))
    ga_window_remove_slide (self->window, index);
  else if (g_str_equal (name, "present"))
    ga_window_present_slides (self->window, index, NULL);
}

/* GtkEditableLabel shows its text in a GtkLabel that neither wraps nor ellipsizes, so a
 * long caption would widen the whole sidebar: shape that label. */
static void
shape_inner_label (GtkWidget *widget,
                   int        lines)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child))
        {
          gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_END);
          gtk_label_set_width_chars (GTK_LABEL (child), 8);
          gtk_label_set_max_width_chars (GTK_LABEL (child), 24);
          if (lines > 1)
            {
              gtk_label_set_wrap (GTK_LABEL (child), TRUE);
              gtk_label_set_wrap_mode (GTK_LABEL (child), PANGO_WRAP_WORD_CHAR);
              gtk_label_set_lines (GTK_LABEL (child), lines);
            }
        }
      else
        shape_inner_label (child, lines);
    }
}

/* ---- drag and drop: a slide dropped on a row takes that row's place ---- */

static GdkContentProvider *
on_drag_prepare_cb (GtkDragSource *source,
                    double         x,
                    double         y,
                    GtkWidget     *row)
{
  return gdk_content_provider_new_typed (GA_TYPE_SLIDE, row_slide (row));
}

static void
on_drag_begin_cb (GtkDragSource *source,
                  GdkDrag       *drag,
                  GtkWidget     *row)
{
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (row);

  gtk_drag_source_set_icon (source, icon, 0, 0);
}

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            GtkWidget     *row)
{
  GaSlidesPanel *self = GA_SLIDES_PANEL (gtk_widget_get_ancestor (row, GA_TYPE_SLIDES_PANEL));
  GaSlide *dragged = g_value_get_object (value);
  guint from;
  int to = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));

  if (self == NULL || self->window == NULL || self->slides == NULL || to < 0
      || !g_list_store_find (G_LIST_STORE (self->slides), dragged, &from))
    return FALSE;
  ga_window_move_slide (self->window, from, (guint) to);
  return TRUE;
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  GaSlidesPanel *self = user_data;
  GaSlide *slide = GA_SLIDE (item);
  static const GActionEntry entries[] = {
    { "update", row_action_cb },
    { "move-up", row_action_cb },
    { "move-down", row_action_cb },
    { "delete", row_action_cb },
    { "present", row_action_cb },
  };
  GtkWidget *row, *box, *text_box, *picture, *title, *caption, *menu_button, *frame;
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();
  GdkTexture *texture;

  row = gtk_list_box_row_new ();
  gtk_widget_add_css_class (row, "ga-slide-row");
  g_object_set_data_full (G_OBJECT (row), "ga-slide", g_object_ref (slide), g_object_unref);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 8);
  gtk_widget_set_margin_end (box, 8);

  picture = gtk_picture_new ();
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_CONTAIN);
  gtk_widget_set_size_request (picture, GA_SLIDES_PANEL_THUMB_WIDTH,
                               GA_SLIDES_PANEL_THUMB_HEIGHT);
  frame = gtk_frame_new (NULL);
  gtk_widget_add_css_class (frame, "ga-slide-thumb");
  gtk_widget_set_halign (frame, GTK_ALIGN_START);
  gtk_frame_set_child (GTK_FRAME (frame), picture);
  g_object_set_data (G_OBJECT (row), "ga-picture", picture);
  texture = g_hash_table_lookup (self->thumbs, slide);
  if (texture)
    gtk_picture_set_paintable (GTK_PICTURE (picture), GDK_PAINTABLE (texture));

  text_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  {
    GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

    title = gtk_editable_label_new (ga_slide_get_title (slide));
    gtk_widget_add_css_class (title, "heading");
    ga_tooltip_set (title, _("Slide title (click to edit)"));
    g_object_set_data (G_OBJECT (title), "ga-field", (gpointer) "title");
    g_signal_connect (title, "notify::editing", G_CALLBACK (on_title_editing_cb), self);
    caption = gtk_editable_label_new (ga_slide_get_caption (slide));
    gtk_widget_add_css_class (caption, "caption");
    gtk_widget_add_css_class (caption, "ga-slide-caption");
    ga_tooltip_set (caption, _("Caption (click to edit)"));
    g_object_set_data (G_OBJECT (caption), "ga-field", (gpointer) "caption");
    g_signal_connect (caption, "notify::editing", G_CALLBACK (on_title_editing_cb), self);
    shape_inner_label (title, 1);
    shape_inner_label (caption, 3);
    gtk_widget_set_hexpand (labels, TRUE);
    gtk_box_append (GTK_BOX (labels), title);
    gtk_box_append (GTK_BOX (labels), caption);
    gtk_box_append (GTK_BOX (text_box), labels);
  }
  g_object_set_data (G_OBJECT (row), "ga-title", title);
  g_object_set_data (G_OBJECT (row), "ga-caption", caption);
  g_signal_connect_object (slide, "notify", G_CALLBACK (on_slide_notify_cb), row, 0);

  g_menu_append (section, _("_Update to Current View"), "slide.update");
  g_menu_append (section, _("_Present From Here"), "slide.present");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_clear_object (&section);
  section = g_menu_new ();
  g_menu_append (section, _("Move _Up"), "slide.move-up");
  g_menu_append (section, _("Move _Down"), "slide.move-down");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_clear_object (&section);
  section = g_menu_new ();
  g_menu_append (section, _("_Delete"), "slide.delete");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));

  menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), G_MENU_MODEL (menu));
  gtk_widget_add_css_class (menu_button, "flat");
  gtk_widget_set_valign (menu_button, GTK_ALIGN_START);
  ga_tooltip_set (menu_button, _("Slide Menu"));
  gtk_box_append (GTK_BOX (text_box), menu_button);

  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), row);
  gtk_widget_insert_action_group (row, "slide", G_ACTION_GROUP (group));
  g_object_set_data_full (G_OBJECT (row), "ga-actions", g_object_ref (group), g_object_unref);

  gtk_box_append (GTK_BOX (box), frame);
  gtk_box_append (GTK_BOX (box), text_box);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  ga_tooltip_set (row, _("Show this slide on the map; drag to reorder"));

  {
    GtkDragSource *drag = gtk_drag_source_new ();
    GtkDropTarget *drop = gtk_drop_target_new (GA_TYPE_SLIDE, GDK_ACTION_MOVE);

    gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
    g_signal_connect (drag, "prepare", G_CALLBACK (on_drag_prepare_cb), row);
    g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), row);
    gtk_widget_add_controller (frame, GTK_EVENT_CONTROLLER (drag));
    g_signal_connect (drop, "drop", G_CALLBACK (on_drop_cb), row);
    gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drop));
  }

  if (texture == NULL && g_hash_table_lookup (self->jobs, slide) == NULL)
    request_thumbnail (self, slide);
  return row;
}

static void
update_move_actions (GaSlidesPanel *self)
{
  guint n = self->slides ? g_list_model_get_n_items (self->slides) : 0;

  for (GtkWidget *row = gtk_widget_get_first_child (self->list); row;
       row = gtk_widget_get_next_sibling (row))
    {
      int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
      GActionGroup *group = g_object_get_data (G_OBJECT (row), "ga-actions");
      GAction *up, *down;

      if (group == NULL || index < 0)
        continue;
      up = g_action_map_lookup_action (G_ACTION_MAP (group), "move-up");
      down = g_action_map_lookup_action (G_ACTION_MAP (group), "move-down");
      g_simple_action_set_enabled (G_SIMPLE_ACTION (up), index > 0);
      g_simple_action_set_enabled (G_SIMPLE_ACTION (down), (guint) index + 1 < n);
    }
}

static void
on_slides_changed_cb (GListModel    *model,
                      guint          position,
                      guint          removed,
                      guint          added,
                      GaSlidesPanel *self)
{
  guint n = g_list_model_get_n_items (model);
  GHashTableIter iter;
  gpointer key;

  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), n > 0 ? "list" : "empty");
  update_move_actions (self);

  /* Forget thumbnails of slides that are gone (an undone delete draws again). */
  if (removed > 0)
    {
      g_autoptr(GHashTable) present = g_hash_table_new (NULL, NULL);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GaSlide) slide = g_list_model_get_item (model, i);

          g_hash_table_add (present, slide);
        }
      g_hash_table_iter_init (&iter, self->thumbs);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (!g_hash_table_contains (present, key))
          g_hash_table_iter_remove (&iter);
    }
}

static void
on_row_activated_cb (GtkListBox    *list,
                     GtkListBoxRow *row,
                     GaSlidesPanel *self)
{
  if (self->window)
    ga_window_go_to_slide (self->window, gtk_list_box_row_get_index (row));
}

/* ---- monitors ---- */

static void
rebuild_monitor_menu (GaSlidesPanel *self)
{
  GListModel *monitors = gdk_display_get_monitors (gdk_display_get_default ());
  guint n = monitors ? g_list_model_get_n_items (monitors) : 0;

  g_menu_remove_all (self->monitor_menu);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);
      GdkRectangle geometry;
      g_autofree char *label = NULL;
      g_autoptr(GMenuItem) item = NULL;
      const char *name = gdk_monitor_get_model (monitor);

      gdk_monitor_get_geometry (monitor, &geometry);
      /* Translators: a menu item; %s is a monitor's name, then its size in pixels */
      label = g_strdup_printf (_("Present on %s (%d × %d)"),
                               name ? name : gdk_monitor_get_connector (monitor)
                                             ? gdk_monitor_get_connector (monitor)
                                             : _("Monitor"),
                               geometry.width, geometry.height);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "win.present-on",
                                               g_variant_new_int32 ((gint32) i));
      g_menu_append_item (self->monitor_menu, item);
    }
}

static void
on_monitors_changed_cb (GListModel    *model,
                        guint          position,
                        guint          removed,
                        guint          added,
                        GaSlidesPanel *self)
{
  rebuild_monitor_menu (self);
}

/* ---- class ---- */

static void
ga_slides_panel_dispose (GObject *object)
{
  GaSlidesPanel *self = GA_SLIDES_PANEL (object);
  GdkDisplay *display = gdk_display_get_default ();

  if (display)
    g_signal_handlers_disconnect_by_func (gdk_display_get_monitors (display),
                                          on_monitors_changed_cb, self);
  ga_slides_panel_set_project (self, NULL);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->store)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed_cb, self);
  g_clear_object (&self->store);
  g_clear_weak_pointer (&self->window);
  g_clear_object (&self->monitor_menu);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child; )
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      gtk_widget_unparent (child);
      child = next;
    }
  G_OBJECT_CLASS (ga_slides_panel_parent_class)->dispose (object);
}

static void
ga_slides_panel_finalize (GObject *object)
{
  GaSlidesPanel *self = GA_SLIDES_PANEL (object);

  g_hash_table_unref (self->thumbs);
  g_hash_table_unref (self->jobs);
  G_OBJECT_CLASS (ga_slides_panel_parent_class)->finalize (object);
}

static void
ga_slides_panel_class_init (GaSlidesPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ga_slides_panel_dispose;
  object_class->finalize = ga_slides_panel_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ga-slides-panel");
}

static void
ga_slides_panel_init (GaSlidesPanel *self)
{
  GtkWidget *header, *heading, *add, *scrolled, *empty;
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  self->thumbs = g_hash_table_new_full (NULL, NULL, g_object_unref, g_object_unref);
  self->jobs = g_hash_table_new_full (NULL, NULL, g_object_unref, g_object_unref);

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_end (header, 8);
  gtk_widget_set_margin_top (header, 8);
  gtk_widget_set_margin_bottom (header, 4);
  heading = gtk_label_new (_("Slides"));
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_set_hexpand (heading, TRUE);
  gtk_box_append (GTK_BOX (header), heading);

  add = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "win.add-slide");
  gtk_widget_set_tooltip_text (add, _("Add the Current View as a Slide"));
  gtk_widget_add_css_class (add, "flat");
  gtk_box_append (GTK_BOX (header), add);

  self->monitor_menu = g_menu_new ();
  g_menu_append_section (menu, NULL, G_MENU_MODEL (self->monitor_menu));
  self->present_button = adw_split_button_new ();
  adw_split_button_set_child (ADW_SPLIT_BUTTON (self->present_button),
                              adw_button_content_new ());
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (adw_split_button_get_child (
                                      ADW_SPLIT_BUTTON (self->present_button))),
                                    "x-office-presentation-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (adw_split_button_get_child (
                                  ADW_SPLIT_BUTTON (self->present_button))),
                                _("_Present"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (adw_split_button_get_child (
                                          ADW_SPLIT_BUTTON (self->present_button))),
                                        TRUE);
  adw_split_button_set_menu_model (ADW_SPLIT_BUTTON (self->present_button), G_MENU_MODEL (menu));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->present_button), "win.present");
  gtk_widget_set_tooltip_text (self->present_button, _("Present the Slides Full Screen (F5)"));
  gtk_widget_add_css_class (self->present_button, "suggested-action");
  gtk_box_append (GTK_BOX (header), self->present_button);
  gtk_widget_set_parent (header, GTK_WIDGET (self));

  self->stack = gtk_stack_new ();
  gtk_widget_set_vexpand (self->stack, TRUE);
  empty = gtk_label_new (_("No slides yet. Add the current view as a slide."));
  gtk_label_set_wrap (GTK_LABEL (empty), TRUE);
  gtk_label_set_justify (GTK_LABEL (empty), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (empty, "dim-label");
  gtk_widget_add_css_class (empty, "ga-slides-empty");
  gtk_widget_set_margin_start (empty, 24);
  gtk_widget_set_margin_end (empty, 24);
  gtk_widget_set_valign (empty, GTK_ALIGN_CENTER);
  gtk_stack_add_named (GTK_STACK (self->stack), empty, "empty");

  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (self->list), TRUE);
  gtk_widget_add_css_class (self->list, "navigation-sidebar");
  gtk_widget_add_css_class (self->list, "ga-slides-list");
  g_signal_connect (self->list, "row-activated", G_CALLBACK (on_row_activated_cb), self);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->list);
  gtk_stack_add_named (GTK_STACK (self->stack), scrolled, "list");
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
  gtk_widget_set_parent (self->stack, GTK_WIDGET (self));

  if (display)
    {
      rebuild_monitor_menu (self);
      g_signal_connect (gdk_display_get_monitors (display), "items-changed",
                        G_CALLBACK (on_monitors_changed_cb), self);
    }
}

/* ---- public ---- */

GtkWidget *
ga_slides_panel_new (GaWindow *window)
{
  GaSlidesPanel *self = g_object_new (GA_TYPE_SLIDES_PANEL, NULL);

  g_set_weak_pointer (&self->window, window);
  self->store = g_object_ref (ga_window_get_layer_store (window));
  g_signal_connect (self->store, "items-changed", G_CALLBACK (on_store_changed_cb), self);
  return GTK_WIDGET (self);
}

void
ga_slides_panel_set_project (GaSlidesPanel *self,
                             GaProject     *project)
{
  g_return_if_fail (GA_IS_SLIDES_PANEL (self));

  if (self->project == project)
    return;
  cancel_jobs (self);
  g_hash_table_remove_all (self->thumbs);
  if (self->slides)
    g_signal_handlers_disconnect_by_func (self->slides, on_slides_changed_cb, self);
  gtk_list_box_bind_model (GTK_LIST_BOX (self->list), NULL, NULL, NULL, NULL);
  g_clear_object (&self->slides);
  g_set_object (&self->project, project);
  if (project == NULL)
    return;

  self->slides = g_object_ref (ga_project_get_slides (project));
  gtk_list_box_bind_model (GTK_LIST_BOX (self->list), self->slides, create_row, self, NULL);
  g_signal_connect_after (self->slides, "items-changed", G_CALLBACK (on_slides_changed_cb), self);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack),
                                    g_list_model_get_n_items (self->slides) > 0 ? "list" : "empty");
  update_move_actions (self);
}

GtkListBox *
ga_slides_panel_get_list (GaSlidesPanel *self)
{
  g_return_val_if_fail (GA_IS_SLIDES_PANEL (self), NULL);
  return GTK_LIST_BOX (self->list);
}

void
ga_slides_panel_refresh_thumbnail (GaSlidesPanel *self,
                                   GaSlide       *slide)
{
  g_return_if_fail (GA_IS_SLIDES_PANEL (self));
  g_return_if_fail (GA_IS_SLIDE (slide));

  request_thumbnail (self, slide);
}

GdkTexture *
ga_slides_panel_get_thumbnail (GaSlidesPanel *self,
                               GaSlide       *slide)
{
  g_return_val_if_fail (GA_IS_SLIDES_PANEL (self), NULL);
  return g_hash_table_lookup (self->thumbs, slide);
}

guint
ga_slides_panel_get_n_pending (GaSlidesPanel *self)
{
  g_return_val_if_fail (GA_IS_SLIDES_PANEL (self), 0);
  return g_hash_table_size (self->jobs) + (self->refresh_id ? 1 : 0);
}
