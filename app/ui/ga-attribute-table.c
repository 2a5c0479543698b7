/* ga-attribute-table.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GtkColumnView ← GtkSingleSelection ← GtkSortListModel ← GtkFilterListModel ← GaFeatureList
 * (lazy rows).  Sort keys (numbers or collation keys) and the case-folded text searched
 * are computed once per column / row on first use, so sorting and filtering 100,000 rows
 * does not redo Unicode work on every comparison.  The layer style's filter decides which
 * features are listed at all.
 */
#define G_LOG_DOMAIN "ga-attribute-table"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ga-attribute-table.h"
#include "ga-feature-list.h"
#include "ga-layer-style.h"

typedef struct
{
  GaLayer  *layer;    /* not owned */
  guint     field;
  gboolean  numeric;
  double   *numbers;  /* per feature; NaN = empty */
  char    **keys;     /* per feature collation keys, made on first sort */
} Column;

struct _GaAttributeTable
{
  AdwWindow           parent_instance;

  GaMapView          *view;       /* weak */
  GaLayer            *layer;
  GaStyle            *style;
  gulong              style_id;
  char               *filter_expr;

  GaFeatureList      *features;
  GtkFilterListModel *filtered;
  GtkSortListModel   *sorted;
  GtkSingleSelection *selection;
  GtkCustomFilter    *text_filter;
  GtkColumnView      *column_view;
  GtkSearchEntry     *search_entry;
  GtkLabel           *count_label;

  GPtrArray          *columns;    /* Column* */
  char              **row_text;   /* case-folded text of each feature, made on first search */
  char               *search;     /* case-folded */
  gboolean            setting_text;
};

G_DEFINE_FINAL_TYPE (GaAttributeTable, ga_attribute_table, ADW_TYPE_WINDOW)

static void
column_free (gpointer data)
{
  Column *col = data;

  g_free (col->numbers);
  if (col->keys)
    {
      guint n = ga_layer_get_n_features (col->layer);

      for (guint i = 0; i < n; i++)
        g_free (col->keys[i]);
      g_free (col->keys);
    }
  g_free (col);
}

static gboolean
parse_number (const char *text,
              double     *out)
{
  char *end = NULL;

  while (text && g_ascii_isspace (*text))
    text++;
  if (text == NULL || *text == '\0')
    return FALSE;
  *out = g_ascii_strtod (text, &end);
  while (end && g_ascii_isspace (*end))
    end++;
  return end != text && end && *end == '\0';
}

static gboolean
is_blank (const char *text)
{
  while (text && g_ascii_isspace (*text))
    text++;
  return text == NULL || *text == '\0';
}

static Column *
column_new (GaLayer *layer,
            guint    field)
{
  Column *col = g_new0 (Column, 1);
  guint n = ga_layer_get_n_features (layer);
  gboolean any = FALSE;

  col->layer = layer;
  col->field = field;
  col->numbers = g_new (double, MAX (n, 1));
  col->numeric = TRUE;
  for (guint i = 0; i < n && col->numeric; i++)
    {
      const char *value = ga_layer_get_value (layer, i, field);

      if (is_blank (value))
        col->numbers[i] = NAN;
      else if (parse_number (value, &col->numbers[i]))
        any = TRUE;
      else
        col->numeric = FALSE;
    }
  col->numeric = col->numeric && any;
  if (!col->numeric)
    g_clear_pointer (&col->numbers, g_free);
  return col;
}

static int
compare_rows_cb (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  Column *col = user_data;
  guint fa = ga_feature_row_get_feature ((GaFeatureRow *) a);
  guint fb = ga_feature_row_get_feature ((GaFeatureRow *) b);

  if (col->numeric)
    {
      double va = col->numbers[fa], vb = col->numbers[fb];

      /* Empty values last. */
      if (isnan (va) || isnan (vb))
        return isnan (va) - isnan (vb);
      return (va > vb) - (va < vb);
    }

  if (col->keys == NULL)
    {
      guint n = ga_layer_get_n_features (col->layer);

      col->keys = g_new0 (char *, MAX (n, 1));
      for (guint i = 0; i < n; i++)
        {
          const char *value = ga_layer_get_value (col->layer, i, col->field);

          col->keys[i] = g_utf8_collate_key (value ? value : "", -1);
        }
    }
  return strcmp (col->keys[fa], col->keys[fb]);
}

static gboolean
match_row_cb (gpointer item,
              gpointer user_data)
{
  GaAttributeTable *self = user_data;
  guint feature = ga_feature_row_get_feature (item);

  if (self->search == NULL || *self->search == '\0')
    return TRUE;
  if (self->row_text == NULL)
    {
      guint n = ga_layer_get_n_features (self->layer);
      guint n_fields = ga_layer_get_n_fields (self->layer);

      self->row_text = g_new0 (char *, n + 1);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GString) text = g_string_new (NULL);
          g_autofree char *folded = NULL;

          for (guint f = 0; f < n_fields; f++)
            {
              const char *value = ga_layer_get_value (self->layer, i, f);

              if (value)
                g_string_append (text, value);
              g_string_append_c (text, '\x1f');
            }
          self->row_text[i] = g_utf8_casefold (text->str, text->len);
        }
    }
  return strstr (self->row_text[feature], self->search) != NULL;
}

static void
update_count (GaAttributeTable *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  guint total = ga_layer_get_n_features (self->layer);
  g_autofree char *text = NULL;

  /* Translators: rows shown of all features, e.g. "120 of 4,000 features" */
  text = g_strdup_printf (ngettext ("%u of %u feature", "%u of %u features", total), shown, total);
  gtk_label_set_label (self->count_label, text);
}

static void
on_search_changed_cb (GtkSearchEntry   *entry,
                      GaAttributeTable *self)
{
  if (self->setting_text)
    return;
  ga_attribute_table_set_search (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_items_changed_cb (GListModel       *model,
                     guint             position,
                     guint             removed,
                     guint             added,
                     GaAttributeTable *self)
{
  update_count (self);
}

static void
on_selection_changed_cb (GtkSelectionModel *model,
                         guint              position,
                         guint              n_items,
                         GaAttributeTable  *self)
{
  g_autoptr(GaFeatureRow) row = NULL;

  row = gtk_single_selection_get_selected_item (self->selection)
        ? g_object_ref (gtk_single_selection_get_selected_item (self->selection)) : NULL;
  if (row == NULL || self->view == NULL)
    return;
  ga_map_view_show_feature (self->view, self->layer, ga_feature_row_get_feature (row), TRUE);
}

static void
on_style_changed_cb (GaStyle          *style,
                     GaAttributeTable *self)
{
  /* Only a new filter changes which rows are listed. */
  if (g_strcmp0 (ga_style_get_filter (style), self->filter_expr) == 0)
    return;
  g_free (self->filter_expr);
  self->filter_expr = g_strdup (ga_style_get_filter (style));
  ga_feature_list_set_style (self->features, style);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  Column *col = user_data;
  GaFeatureRow *row = gtk_list_item_get_item (item);
  const char *value = ga_feature_row_get_value (row, col->field);
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_label (GTK_LABEL (label), value ? value : "");
  gtk_label_set_xalign (GTK_LABEL (label), col->numeric ? 1.0 : 0.0);
}

static void
ga_attribute_table_dispose (GObject *object)
{
  GaAttributeTable *self = GA_ATTRIBUTE_TABLE (object);

  /* Destroying the column view empties the sorted model: its count label is gone by then. */
  if (self->sorted)
    g_signal_handlers_disconnect_by_data (self->sorted, self);
  if (self->style)
    g_clear_signal_handler (&self->style_id, self->style);
  g_clear_object (&self->style);
  g_clear_weak_pointer (&self->view);
  g_clear_object (&self->selection);
  g_clear_object (&self->features);
  G_OBJECT_CLASS (ga_attribute_table_parent_class)->dispose (object);
}

static void
ga_attribute_table_finalize (GObject *object)
{
  GaAttributeTable *self = GA_ATTRIBUTE_TABLE (object);

  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_strfreev (self->row_text);
  g_free (self->search);
  g_free (self->filter_expr);
  g_clear_object (&self->layer);
  G_OBJECT_CLASS (ga_attribute_table_parent_class)->finalize (object);
}

static void
ga_attribute_table_class_init (GaAttributeTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ga_attribute_table_dispose;
  object_class->finalize = ga_attribute_table_finalize;
}

static void
ga_attribute_table_init (GaAttributeTable *self)
{
  self->columns = g_ptr_array_new_with_free_func (column_free);
}

GaAttributeTable *
ga_attribute_table_new (GtkWindow *parent,
                        GaMapView *view,
                        GaLayer   *layer)
{
  GaAttributeTable *self;
  GtkWidget *box, *header, *search_bar, *scrolled;
  g_autofree char *title = NULL;
  GtkSorter *sorter;

  g_return_val_if_fail (GA_IS_LAYER (layer), NULL);

  /* Translators: %s is a layer name */
  title = g_strdup_printf (_("Attributes of %s"), ga_layer_get_name (layer));
  self = g_object_new (GA_TYPE_ATTRIBUTE_TABLE, "transient-for", parent, "title", title,
                       "default-width", 860, "default-height", 520, NULL);
  self->layer = g_object_ref (layer);
  g_set_weak_pointer (&self->view, view);
  self->style = g_object_ref (ga_layer_style_get (layer));
  self->filter_expr = g_strdup (ga_style_get_filter (self->style));
  self->style_id = g_signal_connect (self->style, "changed", G_CALLBACK (on_style_changed_cb),
                                     self);

  self->features = ga_feature_list_new (layer, self->style);
  self->text_filter = gtk_custom_filter_new (match_row_cb, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->features)),
                                              GTK_FILTER (self->text_filter));
  self->column_view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  sorter = gtk_column_view_get_sorter (self->column_view);
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (self->filtered), g_object_ref (sorter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->sorted));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  gtk_column_view_set_show_column_separators (self->column_view, TRUE);
  gtk_column_view_set_reorderable (self->column_view, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->column_view), "data-table");
  g_signal_connect (self->selection, "selection-changed", G_CALLBACK (on_selection_changed_cb),
                    self);
  g_signal_connect (self->sorted, "items-changed", G_CALLBACK (on_items_changed_cb), self);

  for (guint f = 0; f < ga_layer_get_n_fields (layer); f++)
    {
      Column *col = column_new (layer, f);
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;
      GtkSorter *col_sorter;

      g_ptr_array_add (self->columns, col);
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), col);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), col);
      column = gtk_column_view_column_new (ga_layer_get_field_name (layer, f), factory);
      col_sorter = GTK_SORTER (gtk_custom_sorter_new (compare_rows_cb, col, NULL));
      gtk_column_view_column_set_sorter (column, col_sorter);
      g_object_unref (col_sorter);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (self->column_view, column);
      g_object_unref (column);
    }

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (box), header);

  search_bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_start (search_bar, 12);
  gtk_widget_set_margin_end (search_bar, 12);
  gtk_widget_set_margin_top (search_bar, 8);
  gtk_widget_set_margin_bottom (search_bar, 8);
  self->search_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->search_entry), TRUE);
  g_object_set (self->search_entry, "placeholder-text", _("Filter rows"), NULL);
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (on_search_changed_cb), self);
  gtk_box_append (GTK_BOX (search_bar), GTK_WIDGET (self->search_entry));
  self->count_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "dim-label");
  gtk_box_append (GTK_BOX (search_bar), GTK_WIDGET (self->count_label));
  gtk_box_append (GTK_BOX (box), search_bar);

  scrolled = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->column_view));
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (self), box);

  update_count (self);
  return self;
}

GaLayer *
ga_attribute_table_get_layer (GaAttributeTable *self)
{
  g_return_val_if_fail (GA_IS_ATTRIBUTE_TABLE (self), NULL);
  return self->layer;
}

GtkColumnView *
ga_attribute_table_get_column_view (GaAttributeTable *self)
{
  g_return_val_if_fail (GA_IS_ATTRIBUTE_TABLE (self), NULL);
  return self->column_view;
}

GListModel *
ga_attribute_table_get_rows (GaAttributeTable *self)
{
  g_return_val_if_fail (GA_IS_ATTRIBUTE_TABLE (self), NULL);
  return G_LIST_MODEL (self->sorted);
}

void
ga_attribute_table_set_search (GaAttributeTable *self,
                               const char       *text)
{
  g_return_if_fail (GA_IS_ATTRIBUTE_TABLE (self));

  g_free (self->search);
  self->search = text && *text ? g_utf8_casefold (text, -1) : NULL;
  /* Setting the entry's text passes through "" (an immediate "search-changed"): ignore it. */
  if (!self->setting_text
      && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), text ? text : "") != 0)
    {
      self->setting_text = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
      self->setting_text = FALSE;
    }
  gtk_filter_changed (GTK_FILTER (self->text_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

void
ga_attribute_table_sort_by (GaAttributeTable *self,
                            guint             field,
                            gboolean          ascending)
{
  GListModel *columns;
  g_autoptr(GtkColumnViewColumn) column = NULL;

  g_return_if_fail (GA_IS_ATTRIBUTE_TABLE (self));

  columns = gtk_column_view_get_columns (self->column_view);
  column = g_list_model_get_item (columns, field);
  g_return_if_fail (column != NULL);
  gtk_column_view_sort_by_column (self->column_view, column,
                                  ascending ? GTK_SORT_ASCENDING : GTK_SORT_DESCENDING);
}

gboolean
ga_attribute_table_is_numeric (GaAttributeTable *self,
                               guint             field)
{
  g_return_val_if_fail (GA_IS_ATTRIBUTE_TABLE (self), FALSE);
  g_return_val_if_fail (field < self->columns->len, FALSE);
  return ((Column *) g_ptr_array_index (self->columns, field))->numeric;
}

void
ga_attribute_table_select (GaAttributeTable *self,
                           guint             position)
{
  g_return_if_fail (GA_IS_ATTRIBUTE_TABLE (self));
  gtk_single_selection_set_selected (self->selection, position);
}
