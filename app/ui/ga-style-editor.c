/* ga-style-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A window beside the map that edits the layer's live GaStyle: every change goes straight
 * into the style, whose "changed" signal re-renders the map (debounced by GaMapView).  The
 * page is rebuilt from the style when its shape changes (kind, field, classification, or an
 * edit from elsewhere such as the theme menu or a loaded file).  Only the kinds that make
 * sense for the layer's geometry are offered.
 */
#define G_LOG_DOMAIN "ga-style-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "ga-classify.h"
#include "ga-layer-style.h"
#include "ga-memory.h"
#include "ga-style-editor.h"
#include "ga-tooltip.h"

struct _GaStyleEditor
{
  AdwWindow             parent_instance;

  GaMapView            *view;     /* weak */
  GaLayer              *layer;
  GaStyle              *style;
  gulong                style_id;
  gboolean              updating; /* our own edit: no rebuild */
  guint                 rebuild_idle;
  guint                 edit_serial;      /* counts edits: a classification of an older
                                           * state is done again */
  GCancellable         *classify_cancel;  /* the classification running in a worker */

  GtkWidget            *scrolled;
  GtkColorButton       *fill_button;
  GPtrArray            *class_buttons;
  GtkEntry             *filter_entry;
  GtkLabel             *filter_error;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (GaStyleEditor, ga_style_editor, ADW_TYPE_WINDOW)

static void rebuild (GaStyleEditor *self);

/* ---- helpers ---- */

static void
rgba_to_gdk (GaRgba   c,
             GdkRGBA *out)
{
  out->red = ((c >> 24) & 0xff) / 255.0;
  out->green = ((c >> 16) & 0xff) / 255.0;
  out->blue = ((c >> 8) & 0xff) / 255.0;
  out->alpha = (c & 0xff) / 255.0;
}

static GaRgba
gdk_to_rgba (const GdkRGBA *c)
{
  return GA_RGBA ((guint) (CLAMP (c->red, 0, 1) * 255 + 0.5),
                  (guint) (CLAMP (c->green, 0, 1) * 255 + 0.5),
                  (guint) (CLAMP (c->blue, 0, 1) * 255 + 0.5),
                  (guint) (CLAMP (c->alpha, 0, 1) * 255 + 0.5));
}

static gboolean
rebuild_idle_cb (gpointer user_data)
{
  GaStyleEditor *self = user_data;

  self->rebuild_idle = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
queue_rebuild (GaStyleEditor *self)
{
  if (self->rebuild_idle == 0)
    self->rebuild_idle = g_idle_add (rebuild_idle_cb, self);
}

#define EDIT_BEGIN(self) ((self)->updating = TRUE, (self)->edit_serial++)
#define EDIT_END(self) (self)->updating = FALSE

static gboolean
field_is_numeric (GaLayer *layer,
                  guint    field)
{
  guint n = MIN (ga_layer_get_n_features (layer), 2000);
  gboolean any = FALSE;

  /* kept as numbers (asking for their text would write a million of them) */
  if (ga_layer_get_field_type (layer, field) != GA_FIELD_TEXT)
    return ga_layer_get_n_features (layer) > 0;
  for (guint i = 0; i < n; i++)
    {
      const char *value = ga_layer_get_value (layer, i, field);
      char *end = NULL;

      if (value == NULL || *value == '\0')
        continue;
      g_ascii_strtod (value, &end);
      if (end == value || *end != '\0')
        return FALSE;
      any = TRUE;
    }
  return any;
}

/* ---- rows ---- */

typedef void (*ComboChanged) (GaStyleEditor *self,
                              const char    *value);

typedef struct
{
  GaStyleEditor *self;
  ComboChanged   func;
  GStrv          values;
} ComboData;

static void
combo_data_free (gpointer data)
{
  ComboData *cd = data;

  g_strfreev (cd->values);
  g_free (cd);
}

static void
on_combo_selected_cb (AdwComboRow *row,
                      GParamSpec  *pspec,
                      ComboData   *cd)
{
  guint pos = adw_combo_row_get_selected (row);

  if (pos == GTK_INVALID_LIST_POSITION || pos >= g_strv_length (cd->values))
    return;
  cd->func (cd->self, cd->values[pos][0] ? cd->values[pos] : NULL);
}

/* @labels and @values pair up; "" in @values stands for "none" (NULL). */
static GtkWidget *
combo_row (GaStyleEditor      *self,
           const char         *title,
           const char * const *labels,
           const char * const *values,
           const char         *current,
           ComboChanged        func)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (labels);
  ComboData *cd = g_new0 (ComboData, 1);
  guint selected = 0;

  cd->self = self;
  cd->func = func;
  cd->values = g_strdupv ((char **) values);
  for (guint i = 0; values[i]; i++)
    if (g_strcmp0 (values[i], current ? current : "") == 0)
      selected = i;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  g_object_set_data_full (G_OBJECT (row), "ga-combo", cd, combo_data_free);
  g_signal_connect (row, "notify::selected", G_CALLBACK (on_combo_selected_cb), cd);
  return row;
}

static GtkWidget *
field_combo (GaStyleEditor *self,
             const char    *title,
             gboolean       numeric_only,
             gboolean       with_none,
             const char    *current,
             ComboChanged   func)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new ();

  if (with_none)
    {
      /* Translators: no field chosen */
      g_ptr_array_add (labels, (gpointer) C_("field", "None"));
      g_ptr_array_add (values, (gpointer) "");
    }
  for (guint f = 0; f < ga_layer_get_n_fields (self->layer); f++)
    {
      if (numeric_only && !field_is_numeric (self->layer, f))
        continue;
      g_ptr_array_add (labels, (gpointer) ga_layer_get_field_name (self->layer, f));
      g_ptr_array_add (values, (gpointer) ga_layer_get_field_name (self->layer, f));
    }
  g_ptr_array_add (labels, NULL);
  g_ptr_array_add (values, NULL);
  return combo_row (self, title, (const char * const *) labels->pdata,
                    (const char * const *) values->pdata, current, func);
}

typedef void (*SpinChanged) (GaStyleEditor *self,
                             double         value);

static void
on_spin_changed_cb (GtkSpinButton *spin,
                    GaStyleEditor *self)
{
  SpinChanged func = g_object_get_data (G_OBJECT (spin), "ga-func");

  func (self, gtk_spin_button_get_value (spin));
}

static GtkWidget *
spin_row (GaStyleEditor *self,
          const char    *title,
          double         lower,
          double         upper,
          double         step,
          guint          digits,
          double         value,
          SpinChanged    func)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, upper, step);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (spin), "ga-func", func);
  g_signal_connect (spin, "value-changed", G_CALLBACK (on_spin_changed_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  return row;
}

typedef void (*ColorChanged) (GaStyleEditor *self,
                              GaRgba         color,
                              guint          index);

static void
on_color_set_cb (GtkColorButton *button,
                 GaStyleEditor  *self)
{
  ColorChanged func = g_object_get_data (G_OBJECT (button), "ga-func");
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "ga-index"));
  GdkRGBA rgba;

  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  func (self, gdk_to_rgba (&rgba), index);
}

static GtkWidget *
color_button (GaStyleEditor *self,
              GaRgba         color,
              guint          index,
              ColorChanged   func)
{
  GtkWidget *button = gtk_color_button_new ();
  GdkRGBA rgba;

  rgba_to_gdk (color, &rgba);
  gtk_color_chooser_set_use_alpha (GTK_COLOR_CHOOSER (button), TRUE);
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (button), "ga-func", func);
  g_object_set_data (G_OBJECT (button), "ga-index", GUINT_TO_POINTER (index));
  g_signal_connect (button, "color-set", G_CALLBACK (on_color_set_cb), self);
  return button;
}

static GtkWidget *
color_row (GaStyleEditor   *self,
           const char      *title,
           GaRgba           color,
           ColorChanged     func,
           GtkColorButton **out)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = color_button (self, color, 0, func);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  if (out)
    *out = GTK_COLOR_BUTTON (button);
  return row;
}

/* ---- edits ---- */

/* Classifying reads every value of the layer (0.6 s for a heatmap of a million points):
 * a copy of the style is classified in a worker, and its classes and scale go into the
 * style when it is done, unless the style was edited meanwhile (then again, from the
 * edited style). Until then the map draws the edit with the previous classes. */
typedef struct
{
  GaStyle  *copy;
  GaLayer  *layer;
  guint     serial;
  gboolean  rebuild;
} ClassifyJob;

static void start_classify (GaStyleEditor *self,
                            gboolean       rebuild);

static void
classify_job_free (ClassifyJob *job)
{
  g_object_unref (job->copy);
  g_object_unref (job->layer);
  g_free (job);
}

static void
classify_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  ClassifyJob *job = task_data;

  ga_thread_set_background ();
  if (!g_cancellable_is_cancelled (cancellable))
    ga_style_classify (job->copy, job->layer);
  g_task_return_boolean (task, TRUE);
}

static void
on_classified_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GaStyleEditor *self = GA_STYLE_EDITOR (source);
  ClassifyJob *job = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), NULL) || self->style == NULL)
    return; /* a newer one runs, or the editor went */
  g_clear_object (&self->classify_cancel);
  if (job->serial != self->edit_serial)
    {
      start_classify (self, job->rebuild);
      return;
    }
  self->updating = TRUE;
  ga_style_assign_from (self->style, job->copy);
  self->updating = FALSE;
  if (job->rebuild)
    queue_rebuild (self);
}

static void
start_classify (GaStyleEditor *self,
                gboolean       rebuild)
{
  g_autoptr(GTask) task = NULL;
  ClassifyJob *job;

  if (self->classify_cancel != NULL)
    {
      g_cancellable_cancel (self->classify_cancel);
      g_clear_object (&self->classify_cancel);
    }
  job = g_new0 (ClassifyJob, 1);
  job->copy = ga_style_copy (self->style);
  job->layer = g_object_ref (self->layer);
  job->serial = self->edit_serial;
  job->rebuild = rebuild;
  self->classify_cancel = g_cancellable_new ();
  task = g_task_new (self, self->classify_cancel, on_classified_cb, NULL);
  g_task_set_source_tag (task, start_classify);
  g_task_set_task_data (task, job, (GDestroyNotify) classify_job_free);
  g_task_run_in_thread (task, classify_thread);
}

static void
reclassify (GaStyleEditor *self)
{
  start_classify (self, TRUE);
  queue_rebuild (self);
}

gboolean
ga_style_editor_load_file (GaStyleEditor  *self,
                           const char     *path,
                           GError        **error)
{
  g_autoptr(GaStyle) loaded = NULL;

  g_return_val_if_fail (GA_IS_STYLE_EDITOR (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  loaded = ga_style_new_from_file (path, error);
  if (loaded == NULL)
    return FALSE;
  ga_style_assign (self->style, loaded);
  rebuild (self);
  /* A style made for other data: classes follow this layer's values, unless the file
   * fixed them (in a worker, like any classifying edit). */
  if (ga_style_get_n_classes (self->style) == 0)
    start_classify (self, TRUE);
  return TRUE;
}

gboolean
ga_style_editor_get_classifying (GaStyleEditor *self)
{
  g_return_val_if_fail (GA_IS_STYLE_EDITOR (self), FALSE);
  return self->classify_cancel != NULL;
}

static void
set_kind_cb (GaStyleEditor *self,
             const char    *value)
{
  GaStyleKind kind = (GaStyleKind) g_ascii_strtoull (value, NULL, 10);

  if (kind == ga_style_get_kind (self->style))
    return;
  EDIT_BEGIN (self);
  ga_style_set_kind (self->style, kind);
  /* A kind that needs a field gets the first suitable one. */
  if ((kind == GA_STYLE_GRADUATED || kind == GA_STYLE_PROPORTIONAL)
      && (ga_style_get_field (self->style) == NULL
          || ga_layer_find_field (self->layer, ga_style_get_field (self->style)) < 0
          || !field_is_numeric (self->layer,
                                ga_layer_find_field (self->layer, ga_style_get_field (self->style)))))
    {
      for (guint f = 0; f < ga_layer_get_n_fields (self->layer); f++)
        if (field_is_numeric (self->layer, f))
          {
            ga_style_set_field (self->style, ga_layer_get_field_name (self->layer, f));
            break;
          }
    }
  if (kind == GA_STYLE_CATEGORIZED && ga_style_get_field (self->style) == NULL
      && ga_layer_get_n_fields (self->layer) > 0)
    ga_style_set_field (self->style, ga_layer_get_field_name (self->layer, 0));
  if (kind == GA_STYLE_CATEGORIZED)
    {
      if (!ga_ramp_is_qualitative (ga_style_get_ramp (self->style)))
        ga_style_set_ramp (self->style, ga_ramp_list (TRUE)[0]);
    }
  else if (kind != GA_STYLE_SINGLE && ga_ramp_is_qualitative (ga_style_get_ramp (self->style)))
    ga_style_set_ramp (self->style, ga_ramp_list (FALSE)[0]);
  reclassify (self);
  EDIT_END (self);
}

static void
set_field_cb (GaStyleEditor *self,
              const char    *value)
{
  EDIT_BEGIN (self);
  ga_style_set_field (self->style, value);
  reclassify (self);
  EDIT_END (self);
}

static void
set_method_cb (GaStyleEditor *self,
               const char    *value)
{
  EDIT_BEGIN (self);
  ga_style_set_method (self->style, ga_classify_method_from_string (value));
  reclassify (self);
  EDIT_END (self);
}

static void
set_n_classes_cb (GaStyleEditor *self,
                  double         value)
{
  if ((guint) value == ga_style_get_n_classes_wanted (self->style))
    return;
  EDIT_BEGIN (self);
  ga_style_set_n_classes_wanted (self->style, (guint) value);
  reclassify (self);
  EDIT_END (self);
}

static void
set_ramp_cb (GaStyleEditor *self,
             const char    *value)
{
  EDIT_BEGIN (self);
  ga_style_set_ramp (self->style, value);
  reclassify (self);
  EDIT_END (self);
}

static void
set_fill_cb (GaStyleEditor *self,
             GaRgba         color,
             guint          index)
{
  EDIT_BEGIN (self);
  ga_style_set_fill (self->style, color);
  EDIT_END (self);
}

static void
set_stroke_cb (GaStyleEditor *self,
               GaRgba         color,
               guint          index)
{
  EDIT_BEGIN (self);
  ga_style_set_stroke (self->style, color);
  EDIT_END (self);
}

static void
set_class_color_cb (GaStyleEditor *self,
                    GaRgba         color,
                    guint          index)
{
  EDIT_BEGIN (self);
  ga_style_set_class_color (self->style, index, color);
  EDIT_END (self);
  /* The class swatches of the legend are redrawn by the map view. */
}

static void
set_width_cb (GaStyleEditor *self,
              double         value)
{
  EDIT_BEGIN (self);
  ga_style_set_stroke_width (self->style, value);
  EDIT_END (self);
}

static void
set_point_size_cb (GaStyleEditor *self,
                   double         value)
{
  EDIT_BEGIN (self);
  ga_style_set_point_size (self->style, value);
  EDIT_END (self);
}

static void
set_opacity_cb (GaStyleEditor *self,
                double         value)
{
  EDIT_BEGIN (self);
  ga_style_set_opacity (self->style, value / 100.0);
  EDIT_END (self);
}

static void
set_max_radius_cb (GaStyleEditor *self,
                   double         value)
{
  EDIT_BEGIN (self);
  ga_style_set_max_radius (self->style, value);
  EDIT_END (self);
}

static void
set_radius_m_cb (GaStyleEditor *self,
                 double         value)
{
  EDIT_BEGIN (self);
  ga_style_set_radius_m (self->style, value);
  start_classify (self, FALSE);   /* the fixed scale depends on the radius */
  EDIT_END (self);
}

static void
set_weight_cb (GaStyleEditor *self,
               const char    *value)
{
  EDIT_BEGIN (self);
  ga_style_set_weight_field (self->style, value);
  start_classify (self, FALSE);
  EDIT_END (self);
}

static void
set_cell_size_cb (GaStyleEditor *self,
                  double         value)
{
  EDIT_BEGIN (self);
  ga_style_set_cell_size_m (self->style, value);
  reclassify (self);
  EDIT_END (self);
}

static void
set_hexagons_cb (GaStyleEditor *self,
                 const char    *value)
{
  EDIT_BEGIN (self);
  ga_style_set_hexagons (self->style, g_strcmp0 (value, "hex") == 0);
  reclassify (self);
  EDIT_END (self);
}

static void
set_aggregate_cb (GaStyleEditor *self,
                  const char    *value)
{
  EDIT_BEGIN (self);
  ga_style_set_aggregate (self->style,
                          g_strcmp0 (value, "sum") == 0 ? GA_AGGREGATE_SUM : GA_AGGREGATE_COUNT);
  reclassify (self);
  EDIT_END (self);
}

static void
set_label_field_cb (GaStyleEditor *self,
                    const char    *value)
{
  EDIT_BEGIN (self);
  ga_style_set_label (self->style, value, ga_style_get_label_size (self->style),
                      ga_style_get_label_color (self->style), ga_style_get_label_halo (self->style),
                      ga_style_get_label_min_zoom (self->style));
  EDIT_END (self);
}

static void
set_label_size_cb (GaStyleEditor *self,
                   double         value)
{
  EDIT_BEGIN (self);
  ga_style_set_label (self->style, ga_style_get_label_field (self->style), value,
                      ga_style_get_label_color (self->style), ga_style_get_label_halo (self->style),
                      ga_style_get_label_min_zoom (self->style));
  EDIT_END (self);
}

static void
set_label_zoom_cb (GaStyleEditor *self,
                   double         value)
{
  EDIT_BEGIN (self);
  ga_style_set_label (self->style, ga_style_get_label_field (self->style),
                      ga_style_get_label_size (self->style),
                      ga_style_get_label_color (self->style), ga_style_get_label_halo (self->style),
                      value);
  EDIT_END (self);
}

/* An edited break moves the edge shared by two neighbouring classes. */
static void
on_break_changed_cb (GtkSpinButton *spin,
                     GaStyleEditor *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (spin), "ga-index"));
  guint n = ga_style_get_n_classes (self->style);
  g_autofree GaStyleClass *classes = g_new0 (GaStyleClass, MAX (n, 1));
  double value = gtk_spin_button_get_value (spin);

  if (index + 1 >= n)
    return;
  for (guint i = 0; i < n; i++)
    classes[i] = *ga_style_get_class (self->style, i);
  classes[index].upper = value;
  classes[index + 1].lower = value;
  /* Labels follow the edges ("10 – 20"); the style copies the strings. */
  for (guint i = index; i <= index + 1; i++)
    {
      g_autofree char *lo = ga_format_number (classes[i].lower);
      g_autofree char *hi = ga_format_number (classes[i].upper);

      classes[i].label = g_strdup_printf ("%s – %s", lo, hi);
    }
  EDIT_BEGIN (self);
  ga_style_set_classes (self->style, classes, n);
  EDIT_END (self);
  g_free (classes[index].label);
  g_free (classes[index + 1].label);
}

static void
on_filter_apply_cb (GtkWidget     *widget,
                    GaStyleEditor *self)
{
  ga_style_editor_apply_filter (self, gtk_editable_get_text (GTK_EDITABLE (self->filter_entry)));
}

/* ---- the page ---- */

static GtkWidget *
group_new (const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  return group;
}

static void
add_ramp_row (GaStyleEditor *self,
              GtkWidget     *group,
              gboolean       qualitative)
{
  const char * const *ids = ga_ramp_list (qualitative);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  for (guint i = 0; ids[i]; i++)
    g_ptr_array_add (labels, (gpointer) ga_ramp_get_name (ids[i]));
  g_ptr_array_add (labels, NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             combo_row (self, qualitative ? _("Palette") : _("Colour ramp"),
                                        (const char * const *) labels->pdata, ids,
                                        ga_style_get_ramp (self->style), set_ramp_cb));
}

static void
rebuild (GaStyleEditor *self)
{
  GaStyleKind kind = ga_style_get_kind (self->style);
  GaGeomKind geom = ga_layer_get_geom_kind (self->layer);
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group, *row, *box, *apply;
  g_autofree char *kind_str = g_strdup_printf ("%d", kind);
  guint n_classes = ga_style_get_n_classes (self->style);

  g_ptr_array_set_size (self->class_buttons, 0);
  self->fill_button = NULL;

  /* ---- what is drawn ---- */
  group = group_new (_("Symbols"), NULL);
  {
    const char *labels_all[] = { _("Single symbol"), _("Categories"), _("Graduated"),
                                 _("Proportional circles"), _("Heatmap"), _("Grid"), NULL };
    const char *values_all[] = { "0", "1", "2", "3", "4", "5", NULL };
    guint n_kinds = geom == GA_GEOM_POINT ? 6 : 3;
    g_autofree const char **labels = g_new0 (const char *, n_kinds + 1);
    g_autofree const char **values = g_new0 (const char *, n_kinds + 1);

    for (guint i = 0; i < n_kinds; i++)
      {
        labels[i] = labels_all[i];
        values[i] = values_all[i];
      }
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               combo_row (self, _("Style"), labels, values, kind_str, set_kind_cb));
  }
  if (kind == GA_STYLE_CATEGORIZED)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               field_combo (self, _("Field"), FALSE, FALSE,
                                            ga_style_get_field (self->style), set_field_cb));
  else if (kind == GA_STYLE_GRADUATED || kind == GA_STYLE_PROPORTIONAL
           || (kind == GA_STYLE_GRID && ga_style_get_aggregate (self->style) == GA_AGGREGATE_SUM))
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               field_combo (self, _("Field"), TRUE, FALSE,
                                            ga_style_get_field (self->style), set_field_cb));
  if (kind == GA_STYLE_GRADUATED || kind == GA_STYLE_GRID)
    {
      GaClassifyMethod methods[] = { GA_CLASSIFY_EQUAL_INTERVAL, GA_CLASSIFY_QUANTILE,
                                     GA_CLASSIFY_NATURAL_BREAKS, GA_CLASSIFY_PRETTY };
      const char *labels[5] = { NULL }, *values[5] = { NULL };

      for (guint i = 0; i < 4; i++)
        {
          labels[i] = ga_classify_method_get_name (methods[i]);
          values[i] = ga_classify_method_to_string (methods[i]);
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 combo_row (self, _("Method"), labels, values,
                                            ga_classify_method_to_string (ga_style_get_method (self->style)),
                                            set_method_cb));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 spin_row (self, _("Classes"), 3, 9, 1, 0,
                                           ga_style_get_n_classes_wanted (self->style),
                                           set_n_classes_cb));
    }
  if (kind == GA_STYLE_CATEGORIZED)
    add_ramp_row (self, group, TRUE);
  else if (kind == GA_STYLE_GRADUATED || kind == GA_STYLE_GRID || kind == GA_STYLE_HEATMAP)
    add_ramp_row (self, group, FALSE);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  /* ---- classes ---- */
  if (n_classes > 0 && kind != GA_STYLE_SINGLE && kind != GA_STYLE_HEATMAP)
    {
      group = group_new (kind == GA_STYLE_PROPORTIONAL ? _("Reference circles") : _("Classes"),
                         kind == GA_STYLE_GRADUATED ? _("Click a colour to change it; edit the "
                                                        "breaks between classes.")
                                                    : _("Click a colour to change it."));
      for (guint i = 0; i < n_classes; i++)
        {
          const GaStyleClass *cls = ga_style_get_class (self->style, i);
          GtkWidget *button = color_button (self, cls->color, i, set_class_color_cb);

          row = adw_action_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                         cls->label ? cls->label
                                         : cls->value ? cls->value : _("Other"));
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), button);
          g_ptr_array_add (self->class_buttons, button);
          if (kind == GA_STYLE_GRADUATED && i + 1 < n_classes)
            {
              GtkWidget *spin = gtk_spin_button_new_with_range (-1e12, 1e12, 1);

              gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 2);
              gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), cls->upper);
              gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
              ga_tooltip_set (spin, _("Upper break of this class"));
              g_object_set_data (G_OBJECT (spin), "ga-index", GUINT_TO_POINTER (i));
              g_signal_connect (spin, "value-changed", G_CALLBACK (on_break_changed_cb), self);
              adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
            }
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
        }
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
    }

  /* ---- kind-specific ---- */
  if (kind == GA_STYLE_HEATMAP)
    {
      group = group_new (_("Heatmap"), _("The radius is on the ground, so the map does not "
                                         "change its meaning when you zoom."));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 spin_row (self, _("Radius (m)"), 50, 20000, 50, 0,
                                           ga_style_get_radius_m (self->style), set_radius_m_cb));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 field_combo (self, _("Weight"), TRUE, TRUE,
                                              ga_style_get_weight_field (self->style),
                                              set_weight_cb));
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
    }
  if (kind == GA_STYLE_GRID)
    {
      const char *shape_labels[] = { _("Squares"), _("Hexagons"), NULL };
      const char *shape_values[] = { "square", "hex", NULL };
      const char *agg_labels[] = { _("Count of points"), _("Sum of a field"), NULL };
      const char *agg_values[] = { "count", "sum", NULL };

      group = group_new (_("Grid"), NULL);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 spin_row (self, _("Cell size (m)"), 50, 50000, 50, 0,
                                           ga_style_get_cell_size_m (self->style),
                                           set_cell_size_cb));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 combo_row (self, _("Cells"), shape_labels, shape_values,
                                            ga_style_get_hexagons (self->style) ? "hex" : "square",
                                            set_hexagons_cb));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 combo_row (self, _("Value"), agg_labels, agg_values,
                                            ga_style_get_aggregate (self->style) == GA_AGGREGATE_SUM
                                            ? "sum" : "count", set_aggregate_cb));
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
    }

  /* ---- base symbol ---- */
  group = group_new (kind == GA_STYLE_SINGLE ? _("Symbol") : _("Outline and opacity"), NULL);
  if (kind == GA_STYLE_SINGLE || kind == GA_STYLE_PROPORTIONAL)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               color_row (self, geom == GA_GEOM_LINE ? _("Colour") : _("Fill"),
                                          geom == GA_GEOM_LINE ? ga_style_get_stroke (self->style)
                                                               : ga_style_get_fill (self->style),
                                          geom == GA_GEOM_LINE ? set_stroke_cb : set_fill_cb,
                                          &self->fill_button));
  if (geom != GA_GEOM_LINE && kind != GA_STYLE_HEATMAP)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               color_row (self, _("Outline"), ga_style_get_stroke (self->style),
                                          set_stroke_cb, NULL));
  if (kind != GA_STYLE_HEATMAP)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               spin_row (self, geom == GA_GEOM_LINE ? _("Width (px)")
                                                                    : _("Outline width (px)"),
                                         0, 20, 0.5, 1, ga_style_get_stroke_width (self->style),
                                         set_width_cb));
  if (geom == GA_GEOM_POINT && kind != GA_STYLE_HEATMAP && kind != GA_STYLE_GRID)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               kind == GA_STYLE_PROPORTIONAL
                               ? spin_row (self, _("Largest circle radius (px)"), 4, 80, 1, 0,
                                           ga_style_get_max_radius (self->style),
                                           set_max_radius_cb)
                               : spin_row (self, _("Point size (px)"), 1, 30, 0.5, 1,
                                           ga_style_get_point_size (self->style),
                                           set_point_size_cb));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             spin_row (self, _("Opacity (%)"), 0, 100, 5, 0,
                                       ga_style_get_opacity (self->style) * 100, set_opacity_cb));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  /* ---- labels ---- */
  group = group_new (_("Labels"), NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             field_combo (self, _("Label field"), FALSE, TRUE,
                                          ga_style_get_label_field (self->style),
                                          set_label_field_cb));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             spin_row (self, _("Size (pt)"), 6, 36, 1, 0,
                                       ga_style_get_label_size (self->style), set_label_size_cb));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             spin_row (self, _("Shown from zoom"), 0, 20, 1, 0,
                                       ga_style_get_label_min_zoom (self->style),
                                       set_label_zoom_cb));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  /* ---- filter ---- */
  group = group_new (_("Filter"), _("Show only features that match, e.g. tco2e > 1000 or "
                                    "type = 'park'. Applies to the map, legend and table."));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->filter_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->filter_entry), TRUE);
  gtk_entry_set_placeholder_text (self->filter_entry, _("All features"));
  gtk_editable_set_text (GTK_EDITABLE (self->filter_entry),
                         ga_style_get_filter (self->style) ? ga_style_get_filter (self->style) : "");
  g_signal_connect (self->filter_entry, "activate", G_CALLBACK (on_filter_apply_cb), self);
  apply = gtk_button_new_with_mnemonic (_("_Apply"));
  g_signal_connect (apply, "clicked", G_CALLBACK (on_filter_apply_cb), self);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->filter_entry));
  gtk_box_append (GTK_BOX (row), apply);
  gtk_box_append (GTK_BOX (box), row);
  self->filter_error = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->filter_error, 0);
  gtk_label_set_wrap (self->filter_error, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->filter_error), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->filter_error), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->filter_error));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), box);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  adw_window_set_content (ADW_WINDOW (self), NULL);
  {
    GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
    GtkWidget *header = adw_header_bar_new ();
    GtkWidget *load = gtk_button_new_with_mnemonic (_("_Load Style…"));
    GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save Style…"));

    gtk_actionable_set_action_name (GTK_ACTIONABLE (load), "editor.load");
    gtk_actionable_set_action_name (GTK_ACTIONABLE (save), "editor.save");
    adw_header_bar_pack_start (ADW_HEADER_BAR (header), load);
    adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
    gtk_box_append (GTK_BOX (outer), header);
    gtk_widget_set_vexpand (page, TRUE);
    gtk_box_append (GTK_BOX (outer), page);
    adw_window_set_content (ADW_WINDOW (self), outer);
  }
}

static void
on_style_changed_cb (GaStyle       *style,
                     GaStyleEditor *self)
{
  if (!self->updating)
    queue_rebuild (self);
}

/* ---- files ---- */

void
ga_style_assign (GaStyle *dest,
                 GaStyle *src)
{
  guint n_dash = 0, n = ga_style_get_n_classes (src);
  const double *dash = ga_style_get_dash (src, &n_dash);
  g_autofree GaStyleClass *classes = g_new0 (GaStyleClass, MAX (n, 1));

  g_return_if_fail (GA_IS_STYLE (dest));
  g_return_if_fail (GA_IS_STYLE (src));

  ga_style_set_kind (dest, ga_style_get_kind (src));
  ga_style_set_field (dest, ga_style_get_field (src));
  ga_style_set_method (dest, ga_style_get_method (src));
  ga_style_set_n_classes_wanted (dest, ga_style_get_n_classes_wanted (src));
  ga_style_set_ramp (dest, ga_style_get_ramp (src));
  ga_style_set_fill (dest, ga_style_get_fill (src));
  ga_style_set_stroke (dest, ga_style_get_stroke (src));
  ga_style_set_stroke_width (dest, ga_style_get_stroke_width (src));
  ga_style_set_dash (dest, dash, n_dash);
  ga_style_set_casing (dest, ga_style_get_casing (src), ga_style_get_casing_width (src));
  ga_style_set_opacity (dest, ga_style_get_opacity (src));
  ga_style_set_point_shape (dest, ga_style_get_point_shape (src));
  ga_style_set_point_size (dest, ga_style_get_point_size (src));
  ga_style_set_max_radius (dest, ga_style_get_max_radius (src));
  ga_style_set_weight_field (dest, ga_style_get_weight_field (src));
  ga_style_set_radius_m (dest, ga_style_get_radius_m (src));
  ga_style_set_scale_max (dest, ga_style_get_scale_max (src));
  ga_style_set_unit (dest, ga_style_get_unit (src));
  ga_style_set_cell_size_m (dest, ga_style_get_cell_size_m (src));
  ga_style_set_hexagons (dest, ga_style_get_hexagons (src));
  ga_style_set_aggregate (dest, ga_style_get_aggregate (src));
  ga_style_set_label (dest, ga_style_get_label_field (src), ga_style_get_label_size (src),
                      ga_style_get_label_color (src), ga_style_get_label_halo (src),
                      ga_style_get_label_min_zoom (src));
  ga_style_set_filter (dest, ga_style_get_filter (src), NULL);
  for (guint i = 0; i < n; i++)
    classes[i] = *ga_style_get_class (src, i);
  ga_style_set_classes (dest, classes, n);
}

static void
on_load_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     GaStyleEditor   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;

      if (path && !ga_style_editor_load_file (self, path, &error))
        {
          GtkWidget *msg = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Load Style"),
                                                   error->message);

          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (msg), "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (msg));
        }
    }
  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->chooser);
}

static void
on_save_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     GaStyleEditor   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) node = ga_style_to_json (self->style);
      g_autoptr(GError) error = NULL;

      json_generator_set_root (generator, node);
      json_generator_set_pretty (generator, TRUE);
      if (path && !json_generator_to_file (generator, path, &error))
        {
          /* Translators: first %s is a file, second the reason */
          g_autofree char *text = g_strdup_printf (_("Could not save “%s”: %s"), path,
                                                   error->message);
          GtkWidget *msg = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Save Style"),
                                                   text);

          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (msg), "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (msg));
        }
    }
  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->chooser);
}

static void
show_chooser (GaStyleEditor *self,
              gboolean       save)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  self->chooser = gtk_file_chooser_native_new (save ? _("Save Style") : _("Load Style"),
                                               GTK_WINDOW (self),
                                               save ? GTK_FILE_CHOOSER_ACTION_SAVE
                                                    : GTK_FILE_CHOOSER_ACTION_OPEN,
                                               save ? _("_Save") : _("_Load"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Styles (JSON)"));
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  if (save)
    {
      /* Translators: default file name of a saved style; %s is the layer name */
      g_autofree char *name = g_strdup_printf (_("%s style.json"), ga_layer_get_name (self->layer));

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
    }
  else
    {
      /* The bundled presets: installed, or in the source tree when running uninstalled. */
      g_autoptr(GFile) presets = g_file_new_build_filename (PKGDATADIR, "styles", NULL);

      if (!g_file_query_exists (presets, NULL))
        {
          g_clear_object (&presets);
          presets = g_file_new_for_path (SOURCE_STYLES_DIR);
        }
      if (g_file_query_exists (presets, NULL))
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), presets, NULL);
    }
  g_signal_connect (self->chooser, "response",
                    save ? G_CALLBACK (on_save_response_cb) : G_CALLBACK (on_load_response_cb),
                    self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
editor_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  show_chooser (GA_STYLE_EDITOR (widget), g_str_equal (action_name, "editor.save"));
}

/* ---- object ---- */

static void
ga_style_editor_dispose (GObject *object)
{
  GaStyleEditor *self = GA_STYLE_EDITOR (object);

  g_clear_handle_id (&self->rebuild_idle, g_source_remove);
  if (self->classify_cancel != NULL)
    g_cancellable_cancel (self->classify_cancel);
  g_clear_object (&self->classify_cancel);
  if (self->style)
    g_clear_signal_handler (&self->style_id, self->style);
  if (self->chooser)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  g_clear_object (&self->style);
  g_clear_object (&self->layer);
  g_clear_weak_pointer (&self->view);
  G_OBJECT_CLASS (ga_style_editor_parent_class)->dispose (object);
}

static void
ga_style_editor_finalize (GObject *object)
{
  GaStyleEditor *self = GA_STYLE_EDITOR (object);

  g_ptr_array_unref (self->class_buttons);
  G_OBJECT_CLASS (ga_style_editor_parent_class)->finalize (object);
}

static void
ga_style_editor_class_init (GaStyleEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ga_style_editor_dispose;
  object_class->finalize = ga_style_editor_finalize;
  gtk_widget_class_install_action (widget_class, "editor.load", NULL, editor_action_cb);
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, editor_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ga_style_editor_init (GaStyleEditor *self)
{
  self->class_buttons = g_ptr_array_new ();
  gtk_widget_add_css_class (GTK_WIDGET (self), "ga-style-editor");
}

GaStyleEditor *
ga_style_editor_new (GtkWindow *parent,
                     GaMapView *view,
                     GaLayer   *layer)
{
  GaStyleEditor *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (GA_IS_LAYER (layer), NULL);

  /* Translators: window title; %s is a layer name */
  title = g_strdup_printf (_("Style of %s"), ga_layer_get_name (layer));
  self = g_object_new (GA_TYPE_STYLE_EDITOR, "transient-for", parent, "title", title,
                       "default-width", 420, "default-height", 640,
                       "destroy-with-parent", TRUE, NULL);
  self->layer = g_object_ref (layer);
  g_set_weak_pointer (&self->view, view);
  self->style = g_object_ref (ga_layer_style_get (layer));
  self->style_id = g_signal_connect (self->style, "changed", G_CALLBACK (on_style_changed_cb),
                                     self);
  rebuild (self);
  return self;
}

GaLayer *
ga_style_editor_get_layer (GaStyleEditor *self)
{
  g_return_val_if_fail (GA_IS_STYLE_EDITOR (self), NULL);
  return self->layer;
}

GaStyle *
ga_style_editor_get_style (GaStyleEditor *self)
{
  g_return_val_if_fail (GA_IS_STYLE_EDITOR (self), NULL);
  return self->style;
}

GtkColorButton *
ga_style_editor_get_fill_button (GaStyleEditor *self)
{
  g_return_val_if_fail (GA_IS_STYLE_EDITOR (self), NULL);
  if (self->rebuild_idle)
    {
      g_clear_handle_id (&self->rebuild_idle, g_source_remove);
      rebuild (self);
    }
  return self->fill_button;
}

GtkColorButton *
ga_style_editor_get_class_button (GaStyleEditor *self,
                                  guint          index)
{
  g_return_val_if_fail (GA_IS_STYLE_EDITOR (self), NULL);
  if (self->rebuild_idle)
    {
      g_clear_handle_id (&self->rebuild_idle, g_source_remove);
      rebuild (self);
    }
  return index < self->class_buttons->len ? g_ptr_array_index (self->class_buttons, index) : NULL;
}

void
ga_style_editor_apply_filter (GaStyleEditor *self,
                              const char    *expression)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_return_if_fail (GA_IS_STYLE_EDITOR (self));

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->filter_entry)), expression) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->filter_entry), expression ? expression : "");
  EDIT_BEGIN (self);
  ok = ga_style_set_filter (self->style, expression, &error);
  EDIT_END (self);
  gtk_label_set_label (self->filter_error, ok ? "" : error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->filter_error), !ok);
  if (ok)
    gtk_widget_remove_css_class (GTK_WIDGET (self->filter_entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->filter_entry), "error");
}

const char *
ga_style_editor_get_filter_error (GaStyleEditor *self)
{
  g_return_val_if_fail (GA_IS_STYLE_EDITOR (self), NULL);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->filter_error)))
    return NULL;
  return gtk_label_get_label (self->filter_error);
}
