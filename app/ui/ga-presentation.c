/* ga-presentation.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The presentation is a plain GtkWindow over its own GaMapView of the main window's layer
 * store (the GaLayer objects, and so their visibility and styles, are shared). Applying a
 * slide goes through ga_window_apply_slide() with this map as the target: layers cross-fade
 * on it and it flies to the slide's area. What the main window showed before (visibility,
 * style objects, centre and zoom) is recorded at the start and put back when the
 * presentation closes, however it closes; meanwhile the project is not marked modified.
 *
 * Text sizes follow the window height (one CSS provider per presentation, rewritten when
 * the height changes), so the same slide reads on a 1024x768 projector and on a 4K screen.
 */
#define G_LOG_DOMAIN "ga-presentation"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ga-layer-style.h"
#include "ga-legend.h"
#include "ga-presentation.h"
#include "ga-window-private.h"
#include "ga-window-slides.h"

typedef struct
{
  GaLayer  *layer;
  gboolean  visible;
  GaStyle  *style;   /* NULL: the layer had none yet */
} SavedLayer;

struct _GaPresentation
{
  GtkWindow       parent_instance;

  GaWindow       *window;        /* weak */
  GaMapView      *map_view;
  GtkWidget      *title_label;
  GtkWidget      *caption_label;
  GtkWidget      *counter_label;
  GtkWidget      *band;
  GtkWidget      *legend_area;
  GtkWidget      *scale_area;
  GtkWidget      *attribution_label;
  GtkWidget      *blank;
  GtkCssProvider *css;
  int             css_height;
  guint           css_idle;
  guint           fit_idle;

  guint           current;
  int             inset;         /* the band's height: slides are fitted above it */
  gboolean        blanked;
  GString        *digits;

  /* the main window before presenting */
  GArray         *saved;         /* SavedLayer */
  double          saved_lat, saved_lon, saved_zoom;
  gboolean        started;
  gboolean        restored;
};

G_DEFINE_FINAL_TYPE (GaPresentation, ga_presentation, GTK_TYPE_WINDOW)

static void update_legend (GaPresentation *self);

static void
saved_layer_clear (gpointer data)
{
  SavedLayer *saved = data;

  g_clear_object (&saved->layer);
  g_clear_object (&saved->style);
}

static GaProject *
project (GaPresentation *self)
{
  return self->window ? self->window->project : NULL;
}

/* ---- sizes ---- */

static gboolean
update_css_cb (gpointer user_data)
{
  GaPresentation *self = user_data;
  int h = MAX (self->css_height, 300);
  g_autofree char *css = NULL;

  self->css_idle = 0;
  /* 1080 px: title 54 px, caption 32 px, counter 28 px. */
  css = g_strdup_printf (".ga-presentation .ga-pres-title { font-size: %dpx; }\n"
                         ".ga-presentation .ga-pres-caption { font-size: %dpx; }\n"
                         ".ga-presentation .ga-pres-counter { font-size: %dpx; }\n"
                         ".ga-presentation .ga-pres-attribution { font-size: %dpx; }\n"
                         ".ga-presentation .ga-pres-band { padding: %dpx %dpx; }\n",
                         (int) round (h / 20.0), (int) round (h / 34.0), (int) round (h / 38.0),
                         MAX ((int) round (h / 80.0), 11), (int) round (h / 60.0),
                         (int) round (h / 30.0));
  gtk_css_provider_load_from_data (self->css, css, -1);
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self->scale_area),
                                      (int) round (h * 0.3));
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->scale_area),
                                       (int) ceil (40.0 * MAX (h, 300) / 700.0));
  update_legend (self);
  gtk_widget_queue_draw (self->scale_area);
  return G_SOURCE_REMOVE;
}

static double
overlay_scale (GaPresentation *self)
{
  return MAX (self->css_height, 300) / 700.0;
}

/* ---- legend, scale bar, attribution ---- */

static GArray *
legend_items (GaPresentation *self)
{
  GArray *items = g_array_new (FALSE, TRUE, sizeof (GaLegendItem));
  GaLayerStore *store = self->window ? self->window->store : NULL;
  guint n = store ? ga_layer_store_get_n_layers (store) : 0;

  for (guint i = 0; i < n; i++)
    {
      GaLayer *layer = ga_layer_store_get (store, i);
      GaLegendItem item = { layer, NULL };

      if (!ga_layer_get_visible (layer) || ga_layer_get_missing (layer) != NULL)
        continue;
      item.style = ga_layer_style_get (layer);
      g_array_append_val (items, item);
    }
  return items;
}

static void
legend_draw_cb (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  GaPresentation *self = user_data;
  g_autoptr(GArray) items = legend_items (self);

  if (items->len > 0)
    ga_legend_draw (cr, (GaLegendItem *) items->data, items->len, overlay_scale (self));
}

static void
update_legend (GaPresentation *self)
{
  g_autoptr(GArray) items = legend_items (self);
  double width = 0, height = 0;

  if (items->len > 0)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
      cairo_t *cr = cairo_create (surface);

      ga_legend_measure (cr, (GaLegendItem *) items->data, items->len, overlay_scale (self),
                         &width, &height);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self->legend_area), (int) ceil (width));
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->legend_area), (int) ceil (height));
  gtk_widget_set_visible (self->legend_area, items->len > 0);
  gtk_widget_queue_draw (self->legend_area);
}

static void
scale_draw_cb (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        user_data)
{
  GaPresentation *self = user_data;

  ga_map_view_draw_scale_bar (self->map_view, cr, width, overlay_scale (self));
}

static void
on_viewport_notify_cb (GObject        *viewport,
                       GParamSpec     *pspec,
                       GaPresentation *self)
{
  gtk_widget_queue_draw (self->scale_area);
}

/* The basemap's attribution as plain text (its HTML links dropped). */
static void
update_attribution (GaPresentation *self)
{
  GaBasemapSource *source = ga_map_view_get_basemap_source (self->map_view);
  const char *text = source ? ga_basemap_get_attribution (ga_basemap_source_get_basemap (source))
                            : NULL;
  GString *plain = g_string_new (NULL);
  gboolean in_tag = FALSE;

  for (const char *p = text; p && *p; p++)
    {
      if (*p == '<')
        in_tag = TRUE;
      else if (*p == '>')
        in_tag = FALSE;
      else if (!in_tag)
        g_string_append_c (plain, *p);
    }
  gtk_label_set_text (GTK_LABEL (self->attribution_label), plain->str);
  gtk_widget_set_visible (self->attribution_label, plain->len > 0);
  g_string_free (plain, TRUE);
}

/* ---- slides ---- */

static void
show_counter (GaPresentation *self)
{
  g_autofree char *text = NULL;
  guint n = ga_presentation_get_n_slides (self);

  if (self->digits->len > 0)
    /* Translators: while typing a slide number to jump to; %s is what was typed */
    text = g_strdup_printf (_("Go to %s…"), self->digits->str);
  else
    text = g_strdup_printf ("%u / %u", MIN (self->current + 1, n), n);
  gtk_label_set_text (GTK_LABEL (self->counter_label), text);
}

static int
band_height (GaPresentation *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int natural = 0;

  if (width <= 1 || !gtk_widget_get_visible (self->band))
    return 0;
  gtk_widget_measure (self->band, GTK_ORIENTATION_VERTICAL, width, NULL, &natural, NULL, NULL);
  return natural;
}

static void
apply_current (GaPresentation *self,
               gboolean        animate)
{
  GaProject *proj = project (self);
  g_autoptr(GHashTable) base_styles = NULL;
  GaSlide *slide;
  const char *caption, *title;

  if (proj == NULL)
    return;
  slide = ga_project_get_slide (proj, self->current);
  if (slide == NULL)
    return;

  title = ga_slide_get_title (slide);
  caption = ga_slide_get_caption (slide);
  gtk_label_set_text (GTK_LABEL (self->title_label), title ? title : "");
  gtk_label_set_text (GTK_LABEL (self->caption_label), caption ? caption : "");
  gtk_widget_set_visible (self->caption_label, caption && *caption);
  gtk_widget_set_visible (self->band, (caption && *caption) || (title && *title));
  self->inset = band_height (self);

  /* A layer a slide shows without a style of its own gets the style it had before the
   * presentation, not the one an earlier slide gave it. */
  base_styles = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < self->saved->len; i++)
    {
      SavedLayer *saved = &g_array_index (self->saved, SavedLayer, i);

      if (saved->style)
        g_hash_table_insert (base_styles, saved->layer, saved->style);
    }
  _ga_window_block_modified (self->window);
  ga_window_apply_slide_full (self->window, slide, self->map_view, self->inset, base_styles,
                              animate && gtk_widget_get_mapped (GTK_WIDGET (self->map_view)));
  _ga_window_unblock_modified (self->window);

  show_counter (self);
  update_legend (self);
  update_attribution (self);
}

/* The first slide is applied before the window has its size; fit its area again once the
 * map knows how big it is. */
static gboolean
fit_idle_cb (gpointer user_data)
{
  GaPresentation *self = user_data;
  GaProject *proj = project (self);
  GaSlide *slide = proj ? ga_project_get_slide (proj, self->current) : NULL;
  GaExtent extent;

  self->fit_idle = 0;
  self->inset = band_height (self);
  if (slide && ga_slide_get_mercator_extent (slide, &extent))
    ga_map_view_fly_to_extent (self->map_view, &extent, self->inset, 0);
  update_legend (self);
  return G_SOURCE_REMOVE;
}

static void
save_window_state (GaPresentation *self)
{
  GaLayerStore *store = self->window->store;
  guint n = ga_layer_store_get_n_layers (store);

  g_array_set_size (self->saved, 0);
  for (guint i = 0; i < n; i++)
    {
      GaLayer *layer = ga_layer_store_get (store, i);
      SavedLayer saved = { g_object_ref (layer), ga_layer_get_visible (layer),
                           ga_layer_style_has (layer)
                           ? g_object_ref (ga_layer_style_get (layer)) : NULL };

      g_array_append_val (self->saved, saved);
    }
  ga_map_view_get_center (self->window->map_view, &self->saved_lat, &self->saved_lon,
                          &self->saved_zoom);
}

static void
restore_window_state (GaPresentation *self)
{
  GaWindow *window = self->window;

  if (!self->started || self->restored || window == NULL || window->store == NULL
      || window->map_view == NULL)
    return;
  self->restored = TRUE;

  _ga_window_block_modified (window);
  for (guint i = 0; i < self->saved->len; i++)
    {
      SavedLayer *saved = &g_array_index (self->saved, SavedLayer, i);

      if (!ga_layer_store_find (window->store, saved->layer, NULL))
        continue;
      if (saved->style && ga_layer_style_get (saved->layer) != saved->style)
        {
          ga_layer_style_set (saved->layer, saved->style);
          ga_map_view_restyle (window->map_view, saved->layer);
        }
      ga_layer_set_visible (saved->layer, saved->visible);
    }
  ga_map_view_set_center (window->map_view, self->saved_lat, self->saved_lon, self->saved_zoom);
  _ga_window_unblock_modified (window);
}

/* ---- keys ---- */

static int
digit_of (guint keyval)
{
  if (keyval >= GDK_KEY_0 && keyval <= GDK_KEY_9)
    return (int) (keyval - GDK_KEY_0);
  if (keyval >= GDK_KEY_KP_0 && keyval <= GDK_KEY_KP_9)
    return (int) (keyval - GDK_KEY_KP_0);
  return -1;
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   GaPresentation        *self)
{
  int digit = digit_of (keyval);

  /* Modifier keys alone do nothing (and do not unblank). */
  switch (keyval)
    {
    case GDK_KEY_Shift_L: case GDK_KEY_Shift_R: case GDK_KEY_Control_L: case GDK_KEY_Control_R:
    case GDK_KEY_Alt_L: case GDK_KEY_Alt_R: case GDK_KEY_Super_L: case GDK_KEY_Super_R:
    case GDK_KEY_Caps_Lock: case GDK_KEY_Num_Lock:
      return FALSE;
    default:
      break;
    }

  if (self->blanked && keyval != GDK_KEY_Escape)
    {
      ga_presentation_set_blanked (self, FALSE);
      return TRUE;
    }

  if (digit >= 0)
    {
      if (self->digits->len < 4)
        g_string_append_c (self->digits, (char) ('0' + digit));
      show_counter (self);
      return TRUE;
    }

  switch (keyval)
    {
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (self->digits->len > 0)
        {
          guint64 number = g_ascii_strtoull (self->digits->str, NULL, 10);

          g_string_truncate (self->digits, 0);
          if (number >= 1)
            ga_presentation_go_to (self, (guint) MIN (number, G_MAXUINT) - 1);
          else
            show_counter (self);
        }
      else
        ga_presentation_next (self);
      return TRUE;
    case GDK_KEY_BackSpace:
      if (self->digits->len > 0)
        {
          g_string_truncate (self->digits, self->digits->len - 1);
          show_counter (self);
          return TRUE;
        }
      ga_presentation_previous (self);
      return TRUE;
    default:
      break;
    }

  g_string_truncate (self->digits, 0);
  switch (keyval)
    {
    case GDK_KEY_Right:
    case GDK_KEY_Down:
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
    case GDK_KEY_space:
    case GDK_KEY_KP_Right:
    case GDK_KEY_KP_Down:
      ga_presentation_next (self);
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_Up:
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
    case GDK_KEY_KP_Left:
    case GDK_KEY_KP_Up:
      ga_presentation_previous (self);
      return TRUE;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      ga_presentation_go_to (self, 0);
      return TRUE;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      ga_presentation_go_to (self, MAX (ga_presentation_get_n_slides (self), 1) - 1);
      return TRUE;
    case GDK_KEY_b:
    case GDK_KEY_B:
    case GDK_KEY_period:
      ga_presentation_set_blanked (self, TRUE);
      return TRUE;
    case GDK_KEY_Escape:
      gtk_window_destroy (GTK_WINDOW (self));
      return TRUE;
    default:
      show_counter (self);
      return FALSE;
    }
}

/* ---- class ---- */

static void
ga_presentation_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  GaPresentation *self = GA_PRESENTATION (widget);

  GTK_WIDGET_CLASS (ga_presentation_parent_class)->size_allocate (widget, width, height, baseline);
  if (height != self->css_height && height > 1)
    {
      self->css_height = height;
      if (self->css_idle == 0)
        self->css_idle = g_idle_add (update_css_cb, self);
      if (self->started && self->fit_idle == 0)
        self->fit_idle = g_idle_add (fit_idle_cb, self);
    }
}

static void
ga_presentation_dispose (GObject *object)
{
  GaPresentation *self = GA_PRESENTATION (object);

  restore_window_state (self);
  if (self->window && self->started)
    _ga_window_unblock_modified (self->window);
  self->started = FALSE;
  g_clear_handle_id (&self->css_idle, g_source_remove);
  g_clear_handle_id (&self->fit_idle, g_source_remove);
  if (self->map_view)
    g_signal_handlers_disconnect_by_func (ga_map_view_get_viewport (self->map_view),
                                          on_viewport_notify_cb, self);
  if (self->css)
    gtk_style_context_remove_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                                   GTK_STYLE_PROVIDER (self->css));
  g_clear_object (&self->css);
  g_clear_pointer (&self->saved, g_array_unref);
  g_clear_weak_pointer (&self->window);
  G_OBJECT_CLASS (ga_presentation_parent_class)->dispose (object);
}

static void
ga_presentation_finalize (GObject *object)
{
  GaPresentation *self = GA_PRESENTATION (object);

  g_string_free (self->digits, TRUE);
  G_OBJECT_CLASS (ga_presentation_parent_class)->finalize (object);
}

static void
ga_presentation_class_init (GaPresentationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ga_presentation_dispose;
  object_class->finalize = ga_presentation_finalize;
  widget_class->size_allocate = ga_presentation_size_allocate;
}

static GtkWidget *
label_new (const char *css_class,
           gboolean    wrap)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (label, css_class);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (wrap)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
    }
  return label;
}

static void
ga_presentation_init (GaPresentation *self)
{
  GtkWidget *overlay, *text_box, *side_box;
  GtkEventController *keys;

  self->digits = g_string_new (NULL);
  self->saved = g_array_new (FALSE, TRUE, sizeof (SavedLayer));
  g_array_set_clear_func (self->saved, saved_layer_clear);

  gtk_widget_add_css_class (GTK_WIDGET (self), "ga-presentation");
  gtk_window_set_title (GTK_WINDOW (self), _("Presentation"));
  gtk_window_set_decorated (GTK_WINDOW (self), FALSE);

  self->css = gtk_css_provider_new ();
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                              GTK_STYLE_PROVIDER (self->css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);

  overlay = gtk_overlay_new ();
  self->map_view = ga_map_view_new ();
  ga_map_view_set_controls_visible (self->map_view, FALSE);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), GTK_WIDGET (self->map_view));
  g_signal_connect (ga_map_view_get_viewport (self->map_view), "notify",
                    G_CALLBACK (on_viewport_notify_cb), self);

  /* Legend: top left. */
  self->legend_area = gtk_drawing_area_new ();
  gtk_widget_add_css_class (self->legend_area, "ga-pres-legend");
  gtk_widget_set_halign (self->legend_area, GTK_ALIGN_START);
  gtk_widget_set_valign (self->legend_area, GTK_ALIGN_START);
  gtk_widget_set_can_target (self->legend_area, FALSE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->legend_area), legend_draw_cb, self, NULL);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), self->legend_area);

  /* Counter: top right. */
  self->counter_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->counter_label, "ga-pres-counter");
  gtk_widget_set_halign (self->counter_label, GTK_ALIGN_END);
  gtk_widget_set_valign (self->counter_label, GTK_ALIGN_START);
  gtk_widget_set_can_target (self->counter_label, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), self->counter_label);

  /* The band: title and caption on the left, scale bar and attribution on the right. */
  self->band = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
  gtk_widget_add_css_class (self->band, "ga-pres-band");
  gtk_widget_set_valign (self->band, GTK_ALIGN_END);
  gtk_widget_set_can_target (self->band, FALSE);
  text_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_hexpand (text_box, TRUE);
  gtk_widget_set_valign (text_box, GTK_ALIGN_CENTER);
  self->title_label = label_new ("ga-pres-title", TRUE);
  self->caption_label = label_new ("ga-pres-caption", TRUE);
  gtk_box_append (GTK_BOX (text_box), self->title_label);
  gtk_box_append (GTK_BOX (text_box), self->caption_label);
  gtk_box_append (GTK_BOX (self->band), text_box);

  side_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_valign (side_box, GTK_ALIGN_END);
  gtk_widget_set_halign (side_box, GTK_ALIGN_END);
  self->scale_area = gtk_drawing_area_new ();
  gtk_widget_add_css_class (self->scale_area, "ga-pres-scale");
  gtk_widget_set_halign (self->scale_area, GTK_ALIGN_END);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->scale_area), scale_draw_cb, self, NULL);
  self->attribution_label = label_new ("ga-pres-attribution", FALSE);
  gtk_label_set_xalign (GTK_LABEL (self->attribution_label), 1);
  gtk_label_set_ellipsize (GTK_LABEL (self->attribution_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (self->attribution_label), 60);
  gtk_box_append (GTK_BOX (side_box), self->scale_area);
  gtk_box_append (GTK_BOX (side_box), self->attribution_label);
  gtk_box_append (GTK_BOX (self->band), side_box);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), self->band);

  /* Blank screen: above everything. */
  self->blank = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (self->blank, "ga-pres-blank");
  gtk_widget_set_visible (self->blank, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), self->blank);

  gtk_window_set_child (GTK_WINDOW (self), overlay);

  /* Capture phase: the map must not take the arrow keys for panning. */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

/* ---- public ---- */

GaPresentation *
ga_presentation_new (GaWindow *window)
{
  GaPresentation *self;
  GaBasemap *basemap;
  const char *key;

  g_return_val_if_fail (GA_IS_WINDOW (window), NULL);

  self = g_object_new (GA_TYPE_PRESENTATION, NULL);
  g_set_weak_pointer (&self->window, window);
  gtk_window_set_application (GTK_WINDOW (self),
                              gtk_window_get_application (GTK_WINDOW (window)));
  ga_map_view_set_store (self->map_view, window->store);
  key = ga_map_view_get_basemap (window->map_view);
  basemap = ga_window_get_current_basemap (window);
  if (key && !g_str_equal (key, "none"))
    {
      g_autoptr(GError) error = NULL;

      if (!ga_map_view_set_basemap (self->map_view, key, basemap, &error))
        g_debug ("Presentation without basemap: %s", error->message);
    }
  {
    double lat, lon, zoom;

    /* Until the first slide is shown: where the window is. */
    ga_map_view_get_center (window->map_view, &lat, &lon, &zoom);
    ga_map_view_set_center (self->map_view, lat, lon, zoom);
  }
  return self;
}

void
ga_presentation_start (GaPresentation *self,
                       guint           index,
                       GdkMonitor     *monitor)
{
  GdkRectangle geometry = { 0, 0, 1024, 768 };
  GdkSurface *surface;

  g_return_if_fail (GA_IS_PRESENTATION (self));
  g_return_if_fail (self->window != NULL);

  if (!self->started)
    {
      save_window_state (self);
      self->started = TRUE;
      /* Until it closes: the story is not an edit of the project. */
      _ga_window_block_modified (self->window);
    }

  if (monitor == NULL)
    {
      surface = gtk_native_get_surface (GTK_NATIVE (self->window));
      if (surface)
        monitor = gdk_display_get_monitor_at_surface (gtk_widget_get_display (GTK_WIDGET (self)),
                                                      surface);
    }
  if (monitor == NULL)
    {
      GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self)));
      g_autoptr(GdkMonitor) first = g_list_model_get_item (monitors, 0);

      if (first)
        gdk_monitor_get_geometry (first, &geometry);
    }
  else
    gdk_monitor_get_geometry (monitor, &geometry);
  /* Without a window manager (a kiosk, Xvfb) fullscreen is only a request: the size too. */
  gtk_window_set_default_size (GTK_WINDOW (self), geometry.width, geometry.height);
  if (monitor)
    gtk_window_fullscreen_on_monitor (GTK_WINDOW (self), monitor);
  else
    gtk_window_fullscreen (GTK_WINDOW (self));

  self->current = MIN (index, MAX (ga_presentation_get_n_slides (self), 1) - 1);
  apply_current (self, FALSE);
  gtk_window_present (GTK_WINDOW (self));
}

guint
ga_presentation_get_current (GaPresentation *self)
{
  g_return_val_if_fail (GA_IS_PRESENTATION (self), 0);
  return self->current;
}

guint
ga_presentation_get_n_slides (GaPresentation *self)
{
  GaProject *proj;

  g_return_val_if_fail (GA_IS_PRESENTATION (self), 0);

  proj = project (self);
  return proj ? ga_project_get_n_slides (proj) : 0;
}

void
ga_presentation_go_to (GaPresentation *self,
                       guint           index)
{
  guint n;

  g_return_if_fail (GA_IS_PRESENTATION (self));

  n = ga_presentation_get_n_slides (self);
  if (n == 0)
    return;
  self->current = MIN (index, n - 1);
  g_string_truncate (self->digits, 0);
  apply_current (self, TRUE);
}

void
ga_presentation_next (GaPresentation *self)
{
  g_return_if_fail (GA_IS_PRESENTATION (self));
  ga_presentation_go_to (self, self->current + 1);
}

void
ga_presentation_previous (GaPresentation *self)
{
  g_return_if_fail (GA_IS_PRESENTATION (self));
  ga_presentation_go_to (self, self->current > 0 ? self->current - 1 : 0);
}

gboolean
ga_presentation_get_blanked (GaPresentation *self)
{
  g_return_val_if_fail (GA_IS_PRESENTATION (self), FALSE);
  return self->blanked;
}

void
ga_presentation_set_blanked (GaPresentation *self,
                             gboolean        blanked)
{
  g_return_if_fail (GA_IS_PRESENTATION (self));

  self->blanked = !!blanked;
  gtk_widget_set_visible (self->blank, self->blanked);
}

GaMapView *
ga_presentation_get_map_view (GaPresentation *self)
{
  g_return_val_if_fail (GA_IS_PRESENTATION (self), NULL);
  return self->map_view;
}

GtkLabel *
ga_presentation_get_title_label (GaPresentation *self)
{
  g_return_val_if_fail (GA_IS_PRESENTATION (self), NULL);
  return GTK_LABEL (self->title_label);
}

GtkLabel *
ga_presentation_get_caption_label (GaPresentation *self)
{
  g_return_val_if_fail (GA_IS_PRESENTATION (self), NULL);
  return GTK_LABEL (self->caption_label);
}

int
ga_presentation_get_band_height (GaPresentation *self)
{
  g_return_val_if_fail (GA_IS_PRESENTATION (self), 0);
  return self->inset;
}

GtkLabel *
ga_presentation_get_counter_label (GaPresentation *self)
{
  g_return_val_if_fail (GA_IS_PRESENTATION (self), NULL);
  return GTK_LABEL (self->counter_label);
}
