/* ga-layer-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows a GaLayer and edits its display state (visible, opacity) through property
 * bindings; everything that changes the store (move, remove, reload) is a signal the
 * window handles, so the row stays a view.
 */
#define G_LOG_DOMAIN "ga-layer-row"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "ga-application.h"
#include "ga-layer-row.h"
#include "ga-layer-style.h"
#include "ga-memory.h"
#include "ga-tooltip.h"

struct _GaLayerRow
{
  GtkListBoxRow  parent_instance;

  GaLayer       *layer;

  GtkImage      *geom_icon;
  GtkLabel      *name_label;
  GtkLabel      *count_label;
  GtkLabel      *encoding_label;
  GtkLabel      *missing_label;
  GtkWidget     *locate_button;
  GtkWidget     *menu_button;
  GtkWidget     *style_button;
  GtkWidget     *theme_box;
  GtkWidget     *opacity_box;
  GtkSwitch     *visible_switch;
  GtkScale      *opacity_scale;
  GtkAdjustment *opacity_adjustment;
  GtkDropDown   *theme_dropdown;
  GaStyle       *style;
  gulong         style_id;
  GCancellable  *theme_cancel;   /* the theme being applied in a worker */
};

/* The order of the theme menu. */
static const GaTheme theme_order[] = {
  GA_THEME_GREEN_SPACE, GA_THEME_TRANSIT_LINES, GA_THEME_TRANSIT_STOPS,
  GA_THEME_EMISSIONS, GA_THEME_DISTRICTS, GA_THEME_OTHER,
};

G_DEFINE_FINAL_TYPE (GaLayerRow, ga_layer_row, GTK_TYPE_LIST_BOX_ROW)

enum
{
  MOVE_UP,
  MOVE_DOWN,
  ZOOM_TO,
  REMOVE,
  RELOAD,
  LAYER_DROPPED,
  EDIT_STYLE,
  SHOW_ATTRIBUTES,
  LOCATE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

const char *
ga_encoding_display_name (const char *encoding)
{
  if (encoding == NULL || *encoding == '\0')
    return _("Unknown");
  if (g_ascii_strcasecmp (encoding, "CP874") == 0
      || g_ascii_strcasecmp (encoding, "TIS-620") == 0
      || g_ascii_strcasecmp (encoding, "TIS620") == 0
      || g_ascii_strcasecmp (encoding, "WINDOWS-874") == 0)
    /* Translators: a text encoding */
    return _("Thai (CP874)");
  if (g_ascii_strcasecmp (encoding, "ISO-8859-1") == 0
      || g_ascii_strcasecmp (encoding, "LATIN1") == 0
      || g_ascii_strcasecmp (encoding, "CP1252") == 0)
    /* Translators: a text encoding */
    return _("Western (Latin-1)");
  if (g_ascii_strcasecmp (encoding, "UTF-8") == 0 || g_ascii_strcasecmp (encoding, "UTF8") == 0)
    /* Translators: a text encoding */
    return _("Unicode (UTF-8)");
  return encoding;
}

char *
ga_layer_row_format_count (guint n_features)
{
  struct lconv *lc = localeconv ();
  const char *sep = (lc && lc->thousands_sep && *lc->thousands_sep) ? lc->thousands_sep : ",";
  g_autofree char *digits = g_strdup_printf ("%u", n_features);
  g_autoptr(GString) grouped = g_string_new (NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (grouped, sep);
      g_string_append_c (grouped, digits[i]);
    }

  /* Translators: %s is a number with thousands separators, e.g. "1,234" */
  return g_strdup_printf (ngettext ("%s feature", "%s features", n_features), grouped->str);
}

static gboolean
opacity_to_percent (GBinding     *binding,
                    const GValue *from,
                    GValue       *to,
                    gpointer      user_data)
{
  g_value_set_double (to, g_value_get_double (from) * 100.0);
  return TRUE;
}

static gboolean
percent_to_opacity (GBinding     *binding,
                    const GValue *from,
                    GValue       *to,
                    gpointer      user_data)
{
  g_value_set_double (to, CLAMP (g_value_get_double (from) / 100.0, 0.0, 1.0));
  return TRUE;
}

static char *
format_percent (GtkScale *scale,
                double    value,
                gpointer  user_data)
{
  /* Translators: opacity in percent */
  return g_strdup_printf (_("%d %%"), (int) (value + 0.5));
}

static const char *
geom_icon_name (GaGeomKind kind)
{
  switch (kind)
    {
    case GA_GEOM_POINT:
      return "ga-geom-point-symbolic";
    case GA_GEOM_LINE:
      return "ga-geom-line-symbolic";
    case GA_GEOM_POLYGON:
      return "ga-geom-polygon-symbolic";
    case GA_GEOM_NONE:
    default:
      return "dialog-question-symbolic";
    }
}

static gboolean
has_dbf_text (GaLayer *layer)
{
  const char *path = ga_layer_get_path (layer);

  return path && (g_str_has_suffix (path, ".shp") || g_str_has_suffix (path, ".SHP")
                  || g_str_has_suffix (path, ".dbf") || g_str_has_suffix (path, ".DBF")
                  || g_str_has_suffix (path, ".zip") || g_str_has_suffix (path, ".ZIP"));
}

static void
row_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  GaLayerRow *self = GA_LAYER_ROW (widget);

  if (g_str_equal (action_name, "row.move-up"))
    g_signal_emit (self, signals[MOVE_UP], 0);
  else if (g_str_equal (action_name, "row.move-down"))
    g_signal_emit (self, signals[MOVE_DOWN], 0);
  else if (g_str_equal (action_name, "row.zoom"))
    g_signal_emit (self, signals[ZOOM_TO], 0);
  else if (g_str_equal (action_name, "row.remove"))
    g_signal_emit (self, signals[REMOVE], 0);
  else if (g_str_equal (action_name, "row.edit-style"))
    g_signal_emit (self, signals[EDIT_STYLE], 0);
  else if (g_str_equal (action_name, "row.attributes"))
    g_signal_emit (self, signals[SHOW_ATTRIBUTES], 0);
  else if (g_str_equal (action_name, "row.locate"))
    g_signal_emit (self, signals[LOCATE], 0);
  else if (g_str_equal (action_name, "row.encoding"))
    g_signal_emit (self, signals[RELOAD], 0, g_variant_get_string (param, NULL));
}

static guint
theme_position (GaTheme theme)
{
  for (guint i = 0; i < G_N_ELEMENTS (theme_order); i++)
    if (theme_order[i] == theme)
      return i;
  return G_N_ELEMENTS (theme_order) - 1;
}

static void
sync_theme (GaLayerRow *self)
{
  guint pos = theme_position (ga_style_get_theme (self->style));

  if (gtk_drop_down_get_selected (self->theme_dropdown) != pos)
    gtk_drop_down_set_selected (self->theme_dropdown, pos);
}

static void
on_style_changed_cb (GaStyle    *style,
                     GaLayerRow *self)
{
  sync_theme (self);
}

/* A theme classifies every value of the layer (0.6 s for a heatmap of a million points):
 * it is applied to a copy in a worker, and the copy's settings go into the layer's style
 * when it is done. */
typedef struct
{
  GaStyle *target;
  GaStyle *copy;
  GaLayer *layer;
  GaTheme  theme;
} ThemeJob;

static void
theme_job_free (ThemeJob *job)
{
  g_object_unref (job->target);
  g_object_unref (job->copy);
  g_object_unref (job->layer);
  g_free (job);
}

static void
theme_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ThemeJob *job = task_data;

  ga_thread_set_background ();
  if (!g_cancellable_is_cancelled (cancellable))
    ga_style_apply_theme (job->copy, job->theme, job->layer);
  g_task_return_boolean (task, TRUE);
}

static void
on_theme_applied_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GaLayerRow *self = GA_LAYER_ROW (source);
  ThemeJob *job = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), NULL))
    return; /* another theme was chosen meanwhile, or the row went */
  if (job->target == self->style)
    ga_style_assign_from (self->style, job->copy);
}

static void
on_theme_selected_cb (GtkDropDown *dropdown,
                      GParamSpec  *pspec,
                      GaLayerRow  *self)
{
  guint pos = gtk_drop_down_get_selected (dropdown);
  g_autoptr(GTask) task = NULL;
  ThemeJob *job;

  if (self->theme_cancel != NULL)
    {
      g_cancellable_cancel (self->theme_cancel);
      g_clear_object (&self->theme_cancel);
    }
  if (self->style == NULL || pos >= G_N_ELEMENTS (theme_order)
      || theme_order[pos] == ga_style_get_theme (self->style))
    return;

  job = g_new0 (ThemeJob, 1);
  job->target = g_object_ref (self->style);
  job->copy = ga_style_copy (self->style);
  job->layer = g_object_ref (self->layer);
  job->theme = theme_order[pos];
  self->theme_cancel = g_cancellable_new ();
  task = g_task_new (self, self->theme_cancel, on_theme_applied_cb, NULL);
  g_task_set_source_tag (task, on_theme_selected_cb);
  g_task_set_task_data (task, job, (GDestroyNotify) theme_job_free);
  g_task_run_in_thread (task, theme_thread);
}

static GdkContentProvider *
on_drag_prepare_cb (GtkDragSource *source,
                    double         x,
                    double         y,
                    GaLayerRow    *self)
{
  return gdk_content_provider_new_typed (GA_TYPE_LAYER, self->layer);
}

static void
on_drag_begin_cb (GtkDragSource *source,
                  GdkDrag       *drag,
                  GaLayerRow    *self)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (self));

  gtk_drag_source_set_icon (source, paintable, 0, 0);
}

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            GaLayerRow    *self)
{
  GaLayer *dragged = g_value_get_object (value);

  if (dragged == NULL || dragged == self->layer)
    return FALSE;
  g_signal_emit (self, signals[LAYER_DROPPED], 0, dragged);
  return TRUE;
}

/* A project layer whose file is gone: dimmed, with the reason and "Locate…"; nothing that
 * needs its data is offered. */
static void
show_missing (GaLayerRow *self,
              const char *message)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "ga-missing-layer");
  gtk_image_set_from_icon_name (self->geom_icon, "dialog-warning-symbolic");
  gtk_widget_add_css_class (GTK_WIDGET (self->geom_icon), "warning");
  gtk_widget_add_css_class (GTK_WIDGET (self->name_label), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), FALSE);
  gtk_label_set_label (self->missing_label, message);
  ga_tooltip_set (GTK_WIDGET (self->missing_label), message);
  gtk_widget_set_visible (GTK_WIDGET (self->missing_label), TRUE);
  ga_tooltip_set (GTK_WIDGET (self->geom_icon), message);
  gtk_widget_set_visible (self->locate_button, TRUE);
  gtk_widget_set_visible (self->theme_box, FALSE);
  gtk_widget_set_visible (self->opacity_box, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "row.locate", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "row.zoom", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "row.edit-style", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "row.attributes", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "row.encoding", FALSE);
}

static void
ga_layer_row_dispose (GObject *object)
{
  GaLayerRow *self = GA_LAYER_ROW (object);

  if (self->theme_cancel != NULL)
    g_cancellable_cancel (self->theme_cancel);
  g_clear_object (&self->theme_cancel);
  if (self->style)
    g_clear_signal_handler (&self->style_id, self->style);
  g_clear_object (&self->style);
  gtk_widget_dispose_template (GTK_WIDGET (self), GA_TYPE_LAYER_ROW);
  g_clear_object (&self->layer);
  G_OBJECT_CLASS (ga_layer_row_parent_class)->dispose (object);
}

static void
ga_layer_row_class_init (GaLayerRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ga_layer_row_dispose;

  signals[MOVE_UP] = g_signal_new ("move-up", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[MOVE_DOWN] = g_signal_new ("move-down", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[ZOOM_TO] = g_signal_new ("zoom-to", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[RELOAD] = g_signal_new ("reload", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[LAYER_DROPPED] = g_signal_new ("layer-dropped", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, GA_TYPE_LAYER);
  signals[EDIT_STYLE] = g_signal_new ("edit-style", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SHOW_ATTRIBUTES] = g_signal_new ("show-attributes", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 0);
  signals[LOCATE] = g_signal_new ("locate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  ga_ui_init ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/greenatlas/GreenAtlas/ui/ga-layer-row.ui");
  gtk_widget_class_bind_template_child (widget_class, GaLayerRow, geom_icon);
  gtk_widget_class_bind_template_child (widget_class, GaLayerRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, GaLayerRow, count_label);
  gtk_widget_class_bind_template_child (widget_class, GaLayerRow, encoding_label);
  gtk_widget_class_bind_template_child (widget_class, GaLayerRow, missing_label);
  gtk_widget_class_bind_template_child (widget_class, GaLayerRow, locate_button);
  gtk_widget_class_bind_template_child (widget_class, GaLayerRow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, GaLayerRow, style_button);
  gtk_widget_class_bind_template_child (widget_class, GaLayerRow, theme_box);
  gtk_widget_class_bind_template_child (widget_class, GaLayerRow, opacity_box);
  gtk_widget_class_bind_template_child (widget_class, GaLayerRow, visible_switch);
  gtk_widget_class_bind_template_child (widget_class, GaLayerRow, opacity_scale);
  gtk_widget_class_bind_template_child (widget_class, GaLayerRow, opacity_adjustment);
  gtk_widget_class_bind_template_child (widget_class, GaLayerRow, theme_dropdown);

  gtk_widget_class_install_action (widget_class, "row.move-up", NULL, row_action_cb);
  gtk_widget_class_install_action (widget_class, "row.move-down", NULL, row_action_cb);
  gtk_widget_class_install_action (widget_class, "row.zoom", NULL, row_action_cb);
  gtk_widget_class_install_action (widget_class, "row.remove", NULL, row_action_cb);
  gtk_widget_class_install_action (widget_class, "row.encoding", "s", row_action_cb);
  gtk_widget_class_install_action (widget_class, "row.edit-style", NULL, row_action_cb);
  gtk_widget_class_install_action (widget_class, "row.attributes", NULL, row_action_cb);
  gtk_widget_class_install_action (widget_class, "row.locate", NULL, row_action_cb);
}

static void
ga_layer_row_init (GaLayerRow *self)
{
  GtkDragSource *drag;
  GtkDropTarget *drop;

  g_autoptr(GtkStringList) themes = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  /* set here, not in the template: see ga-tooltip.h */
  ga_tooltip_set (self->locate_button, _("Find the moved data file of this layer"));
  ga_tooltip_set (GTK_WIDGET (self->visible_switch), _("Show or hide this layer"));
  ga_tooltip_set (self->menu_button, _("Layer Menu"));
  ga_tooltip_set (GTK_WIDGET (self->theme_dropdown),
                  _("What this layer shows; sets its default style"));
  ga_tooltip_set (self->style_button, _("Edit Style"));
  ga_tooltip_set (GTK_WIDGET (self->opacity_scale), _("Layer opacity"));
  for (guint i = 0; i < G_N_ELEMENTS (theme_order); i++)
    gtk_string_list_append (themes, ga_theme_get_name (theme_order[i]));
  gtk_drop_down_set_model (self->theme_dropdown, G_LIST_MODEL (themes));
  gtk_scale_set_format_value_func (self->opacity_scale, format_percent, NULL, NULL);

  drag = gtk_drag_source_new ();
  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect (drag, "prepare", G_CALLBACK (on_drag_prepare_cb), self);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  drop = gtk_drop_target_new (GA_TYPE_LAYER, GDK_ACTION_MOVE);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

GtkWidget *
ga_layer_row_new (GaLayer *layer)
{
  GaLayerRow *self;
  g_autofree char *count = NULL;
  g_autofree char *tooltip = NULL;

  g_return_val_if_fail (GA_IS_LAYER (layer), NULL);

  self = g_object_new (GA_TYPE_LAYER_ROW, NULL);
  self->layer = g_object_ref (layer);

  gtk_image_set_from_icon_name (self->geom_icon, geom_icon_name (ga_layer_get_geom_kind (layer)));
  gtk_label_set_label (self->name_label, ga_layer_get_name (layer));
  tooltip = g_strdup_printf ("%s\n%s", ga_layer_get_path (layer) ? ga_layer_get_path (layer) : "",
                             ga_layer_get_crs_name (layer) ? ga_layer_get_crs_name (layer) : "");
  ga_tooltip_set (GTK_WIDGET (self->name_label), g_strstrip (tooltip));
  count = ga_layer_row_format_count (ga_layer_get_n_features (layer));
  gtk_label_set_label (self->count_label, count);

  if (ga_layer_get_encoding_origin (layer) == GA_ENCODING_ORIGIN_DETECTED)
    {
      /* Translators: %s is an encoding name such as "Thai (CP874)" */
      g_autofree char *note = g_strdup_printf (_("Text read as %s"),
                                               ga_encoding_display_name (ga_layer_get_encoding (layer)));

      gtk_label_set_label (self->encoding_label, note);
      gtk_widget_set_visible (GTK_WIDGET (self->encoding_label), TRUE);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "row.encoding", has_dbf_text (layer));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "row.locate", FALSE);
  if (ga_layer_get_missing (layer))
    show_missing (self, ga_layer_get_missing (layer));

  g_object_bind_property (layer, "visible", self->visible_switch, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property_full (layer, "opacity", self->opacity_adjustment, "value",
                               G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                               opacity_to_percent, percent_to_opacity, NULL, NULL);

  self->style = g_object_ref (ga_layer_style_get (layer));
  sync_theme (self);
  self->style_id = g_signal_connect (self->style, "changed", G_CALLBACK (on_style_changed_cb), self);
  g_signal_connect (self->theme_dropdown, "notify::selected", G_CALLBACK (on_theme_selected_cb),
                    self);

  return GTK_WIDGET (self);
}

GaLayer *
ga_layer_row_get_layer (GaLayerRow *self)
{
  g_return_val_if_fail (GA_IS_LAYER_ROW (self), NULL);
  return self->layer;
}
