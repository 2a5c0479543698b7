/* ga-window-slides.c — the slides panel, presentation and export actions of the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Slides live in the project (ga_project_get_slides, a GListStore of GaSlide). Capturing
 * reads the map's visible area and each layer's visibility and style JSON by layer id;
 * applying sets them back, re-rendering a layer only when its style JSON differs, and flies
 * the map to the slide's area at the largest whole zoom that shows it (crisp tiles).
 */
#define G_LOG_DOMAIN "ga-window-slides"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ga-export-dialog.h"
#include "ga-layer-style.h"
#include "ga-presentation.h"
#include "ga-slides-panel.h"
#include "ga-window-private.h"
#include "ga-window-slides.h"

#define EARTH_RADIUS 6378137.0

typedef struct
{
  GtkWidget *panel;
  GtkWindow *presentation;
  GtkWindow *export_dialog;
  gulong     project_notify_id;
} SlidesState;

static SlidesState *
get_state (GaWindow *self)
{
  return self->slides_state;
}

static GListStore *
slides_store (GaWindow *self)
{
  return G_LIST_STORE (ga_project_get_slides (self->project));
}

static void
mark_modified (GaWindow *self)
{
  _ga_window_set_project_modified (self, TRUE);
}

/* ---- maths ---- */

void
ga_mercator_to_lonlat (double  x,
                       double  y,
                       double *lon,
                       double *lat)
{
  *lon = x / EARTH_RADIUS * 180.0 / G_PI;
  *lat = atan (sinh (y / EARTH_RADIUS)) * 180.0 / G_PI;
}

void
ga_lonlat_to_mercator (double  lon,
                       double  lat,
                       double *x,
                       double *y)
{
  lat = CLAMP (lat, -85.05112878, 85.05112878);
  *x = lon * G_PI / 180.0 * EARTH_RADIUS;
  *y = EARTH_RADIUS * asinh (tan (lat * G_PI / 180.0));
}

gboolean
ga_slide_get_mercator_extent (GaSlide  *slide,
                              GaExtent *extent)
{
  double w, s, e, n;

  g_return_val_if_fail (GA_IS_SLIDE (slide), FALSE);

  if (!ga_slide_get_extent (slide, &w, &s, &e, &n))
    return FALSE;
  ga_lonlat_to_mercator (w, s, &extent->min_x, &extent->min_y);
  ga_lonlat_to_mercator (e, n, &extent->max_x, &extent->max_y);
  return TRUE;
}

/* ---- capture and apply ---- */

void
ga_window_fill_slide (GaWindow  *self,
                      GaMapView *view,
                      GaSlide   *slide)
{
  GaExtent extent;
  double w, s, e, n;
  guint n_layers;

  g_return_if_fail (GA_IS_WINDOW (self));
  g_return_if_fail (GA_IS_SLIDE (slide));

  if (view == NULL)
    view = self->map_view;
  ga_map_view_get_visible_extent (view, &extent);
  ga_mercator_to_lonlat (extent.min_x, extent.min_y, &w, &s);
  ga_mercator_to_lonlat (extent.max_x, extent.max_y, &e, &n);
  ga_slide_set_extent (slide, w, s, e, n);

  ga_slide_clear_layers (slide);
  n_layers = ga_layer_store_get_n_layers (self->store);
  for (guint i = 0; i < n_layers; i++)
    {
      GaLayer *layer = ga_layer_store_get (self->store, i);
      g_autoptr(JsonNode) style = NULL;

      /* A placeholder has no data, but keeps its place in the story. */
      if (ga_layer_style_has (layer) || ga_layer_get_missing (layer) == NULL)
        style = ga_style_to_json (ga_layer_style_get (layer));
      ga_slide_set_layer (slide, ga_layer_get_id (layer), ga_layer_get_visible (layer), style);
    }
}

GaSlide *
ga_window_capture_slide (GaWindow  *self,
                         GaMapView *view)
{
  g_autoptr(GaSlide) slide = ga_slide_new ();
  g_autofree char *title = NULL;

  g_return_val_if_fail (GA_IS_WINDOW (self), NULL);

  /* Translators: the default title of a new slide; %u is its number */
  title = g_strdup_printf (_("Slide %u"), ga_project_get_n_slides (self->project) + 1);
  ga_slide_set_title (slide, title);
  ga_slide_set_caption (slide, "");
  ga_window_fill_slide (self, view, slide);
  return g_steal_pointer (&slide);
}

static void
apply_style (GaWindow  *self,
             GaLayer   *layer,
             JsonNode  *node,
             GaMapView *view)
{
  g_autoptr(JsonNode) current = ga_style_to_json (ga_layer_style_get (layer));
  g_autoptr(GaStyle) style = NULL;
  g_autoptr(GError) error = NULL;

  if (current && json_node_equal (current, node))
    return;
  style = ga_style_new_from_json (node, &error);
  if (style == NULL)
    {
      g_warning ("Slide style of layer “%s” not applied: %s", ga_layer_get_name (layer),
                 error->message);
      return;
    }
  ga_layer_style_set (layer, style);
  /* Later edits of the new style object must mark the project modified too. */
  _ga_window_track_styles (self);
  ga_map_view_restyle (self->map_view, layer);
  if (view != self->map_view)
    ga_map_view_restyle (view, layer);
}

void
ga_window_apply_slide (GaWindow  *self,
                       GaSlide   *slide,
                       GaMapView *view,
                       gboolean   animate)
{
  ga_window_apply_slide_full (self, slide, view, 0, NULL, animate);
}

void
ga_window_apply_slide_full (GaWindow  *self,
                            GaSlide   *slide,
                            GaMapView *view,
                            int         bottom_inset,
                            GHashTable *base_styles,
                            gboolean    animate)
{
  const char *basemap;
  GaExtent extent;
  guint n_layers;

  g_return_if_fail (GA_IS_WINDOW (self));
  g_return_if_fail (GA_IS_SLIDE (slide));

  if (view == NULL)
    view = self->map_view;

  n_layers = ga_layer_store_get_n_layers (self->store);
  for (guint i = 0; i < n_layers; i++)
    {
      GaLayer *layer = ga_layer_store_get (self->store, i);
      gboolean visible = FALSE;
      JsonNode *style = NULL;

      if (!ga_slide_get_layer (slide, ga_layer_get_id (layer), &visible, &style))
        visible = FALSE;
      /* Visibility first: a layer fading out keeps fading while its new style renders. */
      if (animate)
        ga_map_view_set_layer_visible_animated (view, layer, visible, GA_SLIDE_FADE_MS);
      else
        ga_layer_set_visible (layer, visible);
      if (ga_layer_get_missing (layer) != NULL)
        continue;
      if (style)
        apply_style (self, layer, style, view);
      else if (base_styles && visible)
        {
          GaStyle *base = g_hash_table_lookup (base_styles, layer);

          if (base && (!ga_layer_style_has (layer) || ga_layer_style_get (layer) != base))
            {
              ga_layer_style_set (layer, base);
              _ga_window_track_styles (self);
              ga_map_view_restyle (self->map_view, layer);
              if (view != self->map_view)
                ga_map_view_restyle (view, layer);
            }
        }
    }

  basemap = ga_slide_get_basemap (slide);
  if (basemap && !g_str_equal (basemap, ga_map_view_get_basemap (view)))
    {
      if (view == self->map_view)
        ga_window_set_basemap (self, basemap, FALSE);
      else
        {
          GaBasemap *spec = ga_basemap_chooser_lookup (self->basemap_chooser, basemap);

          if (spec || g_str_equal (basemap, "none"))
            ga_map_view_set_basemap (view, basemap, spec, NULL);
        }
    }

  if (ga_slide_get_mercator_extent (slide, &extent))
    ga_map_view_fly_to_extent (view, &extent, bottom_inset, animate ? GA_SLIDE_FLY_MS : 0);
}

/* ---- editing ---- */

guint
ga_window_add_slide (GaWindow *self)
{
  g_autoptr(GaSlide) slide = NULL;
  guint index;

  g_return_val_if_fail (GA_IS_WINDOW (self), 0);

  slide = ga_window_capture_slide (self, NULL);
  index = ga_project_get_n_slides (self->project);
  g_list_store_append (slides_store (self), slide);
  mark_modified (self);
  return index;
}

void
ga_window_update_slide (GaWindow *self,
                        guint     index)
{
  GaSlide *slide;
  SlidesState *state;

  g_return_if_fail (GA_IS_WINDOW (self));

  slide = ga_project_get_slide (self->project, index);
  g_return_if_fail (slide != NULL);
  ga_window_fill_slide (self, NULL, slide);
  state = get_state (self);
  if (state && state->panel)
    ga_slides_panel_refresh_thumbnail (GA_SLIDES_PANEL (state->panel), slide);
  mark_modified (self);
}

void
ga_window_rename_slide (GaWindow   *self,
                        guint       index,
                        const char *title,
                        const char *caption)
{
  GaSlide *slide;
  gboolean changed = FALSE;

  g_return_if_fail (GA_IS_WINDOW (self));

  slide = ga_project_get_slide (self->project, index);
  g_return_if_fail (slide != NULL);
  if (title && g_strcmp0 (title, ga_slide_get_title (slide)) != 0)
    {
      ga_slide_set_title (slide, title);
      changed = TRUE;
    }
  if (caption && g_strcmp0 (caption, ga_slide_get_caption (slide)) != 0)
    {
      ga_slide_set_caption (slide, caption);
      changed = TRUE;
    }
  if (changed)
    mark_modified (self);
}

void
ga_window_move_slide (GaWindow *self,
                      guint     from,
                      guint     to)
{
  GListStore *store;
  g_autoptr(GaSlide) slide = NULL;
  guint n;

  g_return_if_fail (GA_IS_WINDOW (self));

  store = slides_store (self);
  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  if (from >= n || n < 2)
    return;
  to = MIN (to, n - 1);
  if (to == from)
    return;
  slide = g_list_model_get_item (G_LIST_MODEL (store), from);
  g_list_store_remove (store, from);
  g_list_store_insert (store, to, slide);
  mark_modified (self);
}

typedef struct
{
  GaWindow *window;   /* weak */
  GaProject *project;
  GaSlide  *slide;
  guint     index;
} UndoRemove;

static void
undo_remove_free (gpointer data)
{
  UndoRemove *undo = data;

  g_clear_weak_pointer (&undo->window);
  g_clear_object (&undo->project);
  g_clear_object (&undo->slide);
  g_free (undo);
}

static void
on_undo_remove_cb (AdwToast   *toast,
                   UndoRemove *undo)
{
  GListStore *store;

  /* Only into the project it was removed from. */
  if (undo->window == NULL || undo->window->project != undo->project)
    return;
  store = slides_store (undo->window);
  g_list_store_insert (store, MIN (undo->index, g_list_model_get_n_items (G_LIST_MODEL (store))),
                       undo->slide);
  mark_modified (undo->window);
}

void
ga_window_remove_slide (GaWindow *self,
                        guint     index)
{
  GListStore *store;
  g_autoptr(GaSlide) slide = NULL;
  g_autofree char *title = NULL;
  g_autofree char *markup = NULL;
  UndoRemove *undo;
  AdwToast *toast;

  g_return_if_fail (GA_IS_WINDOW (self));

  store = slides_store (self);
  slide = g_list_model_get_item (G_LIST_MODEL (store), index);
  g_return_if_fail (slide != NULL);
  g_list_store_remove (store, index);
  mark_modified (self);

  undo = g_new0 (UndoRemove, 1);
  g_set_weak_pointer (&undo->window, self);
  undo->project = g_object_ref (self->project);
  undo->slide = g_object_ref (slide);
  undo->index = index;

  /* Translators: toast after deleting a slide; %s is its title */
  title = g_strdup_printf (_("“%s” deleted"), ga_slide_get_title (slide));
  markup = g_markup_escape_text (title, -1);
  toast = adw_toast_new (markup);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_timeout (toast, 8);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_remove_cb), undo,
                         (GClosureNotify) (void (*) (void)) undo_remove_free, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
ga_window_go_to_slide (GaWindow *self,
                       guint     index)
{
  GaSlide *slide;

  g_return_if_fail (GA_IS_WINDOW (self));

  slide = ga_project_get_slide (self->project, index);
  if (slide)
    ga_window_apply_slide (self, slide, NULL, TRUE);
}

GHashTable *
ga_window_dup_styles (GaWindow *self)
{
  GHashTable *styles = g_hash_table_new_full (NULL, NULL, g_object_unref, g_object_unref);
  guint n;

  g_return_val_if_fail (GA_IS_WINDOW (self), styles);

  n = ga_layer_store_get_n_layers (self->store);
  for (guint i = 0; i < n; i++)
    {
      GaLayer *layer = ga_layer_store_get (self->store, i);

      if (ga_layer_get_missing (layer) != NULL && !ga_layer_style_has (layer))
        continue;
      g_hash_table_insert (styles, g_object_ref (layer),
                           g_object_ref (ga_layer_style_get (layer)));
    }
  return styles;
}

GaBasemap *
ga_window_get_current_basemap (GaWindow *self)
{
  GaBasemapSource *source;

  g_return_val_if_fail (GA_IS_WINDOW (self), NULL);

  source = ga_map_view_get_basemap_source (self->map_view);
  if (source)
    return ga_basemap_source_get_basemap (source);
  return ga_basemap_chooser_lookup (self->basemap_chooser,
                                    ga_map_view_get_basemap (self->map_view));
}

GtkWidget *
ga_window_get_slides_panel (GaWindow *self)
{
  SlidesState *state;

  g_return_val_if_fail (GA_IS_WINDOW (self), NULL);

  state = get_state (self);
  return state ? state->panel : NULL;
}

GtkWindow *
ga_window_get_presentation (GaWindow *self)
{
  SlidesState *state;

  g_return_val_if_fail (GA_IS_WINDOW (self), NULL);

  state = get_state (self);
  return state ? state->presentation : NULL;
}

static void
on_presentation_destroy_cb (GtkWidget *window,
                            GaWindow  *self)
{
  SlidesState *state = get_state (self);

  if (state && state->presentation == GTK_WINDOW (window))
    state->presentation = NULL;
}

GtkWindow *
ga_window_present_slides (GaWindow   *self,
                          guint       index,
                          GdkMonitor *monitor)
{
  SlidesState *state;
  GaPresentation *presentation;

  g_return_val_if_fail (GA_IS_WINDOW (self), NULL);

  state = get_state (self);
  if (state->presentation)
    {
      gtk_window_present (state->presentation);
      return state->presentation;
    }
  if (ga_project_get_n_slides (self->project) == 0)
    {
      ga_window_add_toast (self, _("No slides to present. Add the current view as a slide first."));
      return NULL;
    }
  presentation = ga_presentation_new (self);
  state->presentation = GTK_WINDOW (presentation);
  g_signal_connect (presentation, "destroy", G_CALLBACK (on_presentation_destroy_cb), self);
  ga_presentation_start (presentation, index, monitor);
  return state->presentation;
}

/* ---- actions ---- */

static void
add_slide_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  ga_window_add_slide (GA_WINDOW (user_data));
}

static void
present_action (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  ga_window_present_slides (GA_WINDOW (user_data), 0, NULL);
}

/* The parameter is the index of the monitor in the display's list. */
static void
present_on_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  GaWindow *self = GA_WINDOW (user_data);
  GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self)));
  g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors,
                                                         (guint) g_variant_get_int32 (param));

  ga_window_present_slides (self, 0, monitor);
}

static void
show_export_dialog (GaWindow *self,
                    gboolean  deck)
{
  SlidesState *state = get_state (self);

  if (state->export_dialog)
    gtk_window_destroy (state->export_dialog);
  state->export_dialog = GTK_WINDOW (ga_export_dialog_new (self, deck));
  g_object_add_weak_pointer (G_OBJECT (state->export_dialog),
                             (gpointer *) &state->export_dialog);
  gtk_window_present (state->export_dialog);
}

static void
export_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  show_export_dialog (GA_WINDOW (user_data), FALSE);
}

static void
export_slides_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  GaWindow *self = GA_WINDOW (user_data);

  if (ga_project_get_n_slides (self->project) == 0)
    {
      ga_window_add_toast (self, _("No slides to export. Add the current view as a slide first."));
      return;
    }
  show_export_dialog (self, TRUE);
}

static void
on_project_notify_cb (GObject    *object,
                      GParamSpec *pspec,
                      GaWindow   *self)
{
  _ga_window_slides_project_changed (self);
}

void
_ga_window_slides_project_changed (GaWindow *self)
{
  SlidesState *state = get_state (self);

  if (state == NULL || state->panel == NULL)
    return;
  ga_slides_panel_set_project (GA_SLIDES_PANEL (state->panel), self->project);
}

void
_ga_window_install_slides (GaWindow *self)
{
  static const GActionEntry entries[] = {
    { "add-slide", add_slide_action },
    { "present", present_action },
    { "present-on", present_on_action, "i" },
    { "export", export_action },
    { "export-slides", export_slides_action },
  };
  SlidesState *state = g_new0 (SlidesState, 1);

  self->slides_state = state;
  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);

  state->panel = ga_slides_panel_new (self);
  gtk_widget_set_vexpand (state->panel, TRUE);
  gtk_box_append (self->slides_box, state->panel);
  ga_slides_panel_set_project (GA_SLIDES_PANEL (state->panel), self->project);

  /* The window replaces its project object when another one is opened. */
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (self), "project"))
    state->project_notify_id = g_signal_connect (self, "notify::project",
                                                 G_CALLBACK (on_project_notify_cb), self);
}

void
_ga_window_dispose_slides (GaWindow *self)
{
  SlidesState *state = get_state (self);

  if (state == NULL)
    return;
  g_clear_signal_handler (&state->project_notify_id, self);
  if (state->presentation)
    gtk_window_destroy (g_steal_pointer (&state->presentation));
  if (state->export_dialog)
    gtk_window_destroy (state->export_dialog);
  if (state->panel)
    ga_slides_panel_set_project (GA_SLIDES_PANEL (state->panel), NULL);
  state->panel = NULL;
  g_free (state);
  self->slides_state = NULL;
}
