/* ga-map-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A ShumateSimpleMap (scale, licence) with its own whole-level zoom buttons.  Below sits
 * the basemap layer (a GaBasemapSource: online XYZ, MBTiles or a tile folder; or nothing,
 * on a plain light background); above it one
 * ShumateMapLayer per GaLayer, in store order, fed by a GaOverlaySource that renders tiles
 * in worker threads.  Visibility and opacity of a GaLayer go straight to its map layer
 * widget, so toggling them costs no re-render.
 */
#define G_LOG_DOMAIN "ga-map-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ga-basemap-source.h"
#include "ga-map-view.h"
#include "ga-overlay-source.h"
#include "ga-render-view.h"

#define EARTH_RADIUS 6378137.0
#define MAX_FIT_ZOOM 18.0

typedef struct
{
  GaMapView       *view;        /* not owned */
  GaLayer         *layer;
  GaOverlaySource *source;
  ShumateMapLayer *map_layer;
  gulong           visible_id;
  gulong           opacity_id;
  gulong           color_id;
} Overlay;

struct _GaMapView
{
  GtkWidget         parent_instance;

  GtkWidget        *overlay;
  ShumateSimpleMap *simple_map;
  ShumateMap       *map;
  ShumateViewport  *viewport;

  ShumateMapSource *reference;   /* Web Mercator, 256 px: the viewport's maths, never drawn */
  GaBasemapSource  *base_source;
  ShumateMapLayer  *base_layer;
  char             *basemap;
  gulong            failed_id;

  GaLayerStore     *store;
  GPtrArray        *overlays;   /* Overlay*, bottom to top, as stacked in the map */
};

G_DEFINE_FINAL_TYPE (GaMapView, ga_map_view, GTK_TYPE_WIDGET)

enum
{
  BASEMAP_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum
{
  PROP_0,
  PROP_BASEMAP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
overlay_free (gpointer data)
{
  Overlay *ov = data;

  g_clear_signal_handler (&ov->visible_id, ov->layer);
  g_clear_signal_handler (&ov->opacity_id, ov->layer);
  g_clear_signal_handler (&ov->color_id, ov->layer);
  g_clear_object (&ov->layer);
  g_clear_object (&ov->source);
  g_clear_object (&ov->map_layer);
  g_free (ov);
}

static Overlay *
find_overlay (GaMapView *self,
              GaLayer   *layer,
              guint     *index)
{
  for (guint i = 0; i < self->overlays->len; i++)
    {
      Overlay *ov = g_ptr_array_index (self->overlays, i);

      if (ov->layer == layer)
        {
          if (index)
            *index = i;
          return ov;
        }
    }
  return NULL;
}

static void
on_layer_visible_cb (GaLayer    *layer,
                     GParamSpec *pspec,
                     Overlay    *ov)
{
  gtk_widget_set_visible (GTK_WIDGET (ov->map_layer), ga_layer_get_visible (layer));
}

/* Tiles are drawn opaque; the translucency is the map layer's opacity, exactly as exports
 * composite the layer (ga_renderer_draw_layer_composited). */
static void
update_opacity (Overlay *ov)
{
  const GaSymbol *symbol = ga_overlay_source_get_symbol (ov->source);

  gtk_widget_set_opacity (GTK_WIDGET (ov->map_layer),
                          CLAMP (ga_layer_get_opacity (ov->layer), 0, 1) * symbol->layer_alpha);
}

static void
on_layer_opacity_cb (GaLayer    *layer,
                     GParamSpec *pspec,
                     Overlay    *ov)
{
  update_opacity (ov);
}

static void on_layer_color_cb (GaLayer    *layer,
                               GParamSpec *pspec,
                               Overlay    *ov);

static Overlay *
overlay_new (GaMapView *self,
             GaLayer   *layer)
{
  Overlay *ov = g_new0 (Overlay, 1);

  ov->view = self;
  ov->layer = g_object_ref (layer);
  ov->source = ga_overlay_source_new (layer);
  ov->map_layer = g_object_ref_sink (shumate_map_layer_new (SHUMATE_MAP_SOURCE (ov->source),
                                                            self->viewport));
  gtk_widget_set_visible (GTK_WIDGET (ov->map_layer), ga_layer_get_visible (layer));
  update_opacity (ov);
  ov->visible_id = g_signal_connect (layer, "notify::visible",
                                     G_CALLBACK (on_layer_visible_cb), ov);
  ov->opacity_id = g_signal_connect (layer, "notify::opacity",
                                     G_CALLBACK (on_layer_opacity_cb), ov);
  ov->color_id = g_signal_connect (layer, "notify::color", G_CALLBACK (on_layer_color_cb), ov);
  return ov;
}

/* The tiles hold the colour of the symbol snapshot: a new colour needs a new source, and
 * a ShumateMapLayer's source is fixed, so the map layer is replaced in place. */
static void
on_layer_color_cb (GaLayer    *layer,
                   GParamSpec *pspec,
                   Overlay    *ov)
{
  GaMapView *self = ov->view;
  Overlay *fresh;
  guint index;

  if (find_overlay (self, layer, &index) != ov)
    return;
  fresh = overlay_new (self, layer);
  shumate_map_insert_layer_above (self->map, SHUMATE_LAYER (fresh->map_layer),
                                  SHUMATE_LAYER (ov->map_layer));
  shumate_map_remove_layer (self->map, SHUMATE_LAYER (ov->map_layer));
  overlay_free (g_steal_pointer (&self->overlays->pdata[index]));
  self->overlays->pdata[index] = fresh;
}

/* Makes the overlays in the map match the store: position 0 of the store is on top. */
static void
sync_overlays (GaMapView *self)
{
  g_autoptr(GPtrArray) wanted = g_ptr_array_new ();  /* GaLayer, bottom to top */
  guint n = self->store ? ga_layer_store_get_n_layers (self->store) : 0;
  gboolean prefix = TRUE;
  guint i;

  for (i = n; i > 0; i--)
    g_ptr_array_add (wanted, ga_layer_store_get (self->store, i - 1));

  /* Drop the overlays of removed layers. */
  for (i = self->overlays->len; i > 0; i--)
    {
      Overlay *ov = g_ptr_array_index (self->overlays, i - 1);

      if (!g_ptr_array_find (wanted, ov->layer, NULL))
        {
          shumate_map_remove_layer (self->map, SHUMATE_LAYER (ov->map_layer));
          g_ptr_array_remove_index (self->overlays, i - 1);
        }
    }

  /* Common case: the stack is unchanged and new layers go on top. */
  for (i = 0; i < self->overlays->len && prefix; i++)
    {
      Overlay *ov = g_ptr_array_index (self->overlays, i);

      prefix = (i < wanted->len && g_ptr_array_index (wanted, i) == ov->layer);
    }

  if (!prefix)
    {
      /* Reordered: take every overlay out and stack them again in store order. */
      g_autoptr(GPtrArray) old = g_steal_pointer (&self->overlays);

      self->overlays = g_ptr_array_new_with_free_func (overlay_free);
      for (i = 0; i < old->len; i++)
        {
          Overlay *ov = g_ptr_array_index (old, i);

          shumate_map_remove_layer (self->map, SHUMATE_LAYER (ov->map_layer));
        }
      for (i = 0; i < wanted->len; i++)
        {
          GaLayer *layer = g_ptr_array_index (wanted, i);
          Overlay *found = NULL;

          for (guint j = 0; j < old->len && found == NULL; j++)
            if (((Overlay *) g_ptr_array_index (old, j))->layer == layer)
              found = g_ptr_array_steal_index (old, j);

          /* A layer new in the middle of the stack (a reloaded layer) gets its overlay here. */
          if (found == NULL)
            found = overlay_new (self, layer);
          g_ptr_array_add (self->overlays, found);
          shumate_map_add_layer (self->map, SHUMATE_LAYER (found->map_layer));
        }
    }

  for (i = self->overlays->len; i < wanted->len; i++)
    {
      Overlay *ov = overlay_new (self, g_ptr_array_index (wanted, i));

      g_ptr_array_add (self->overlays, ov);
      shumate_map_add_layer (self->map, SHUMATE_LAYER (ov->map_layer));
    }
}

static void
on_store_items_changed_cb (GListModel *model,
                           guint       position,
                           guint       removed,
                           guint       added,
                           GaMapView  *self)
{
  sync_overlays (self);
}

/* ShumateMapLayer redraws from a low-priority idle that starves when frames are slow
 * (cairo renderer), so the base and the overlays would freeze during animations and
 * drift apart.  Redraw every map layer whenever the viewport moves. */
static void
on_viewport_notify_cb (ShumateViewport *viewport,
                       GParamSpec      *pspec,
                       GaMapView       *self)
{
  if (self->base_layer)
    gtk_widget_queue_draw (GTK_WIDGET (self->base_layer));
  for (guint i = 0; i < self->overlays->len; i++)
    {
      Overlay *ov = g_ptr_array_index (self->overlays, i);

      gtk_widget_queue_draw (GTK_WIDGET (ov->map_layer));
    }
}

static void
on_basemap_failed_cb (GaBasemapSource *source,
                      GaMapView       *self)
{
  g_signal_emit (self, signals[BASEMAP_FAILED], 0);
}

static void
clear_base (GaMapView *self)
{
  ShumateLicense *license = shumate_simple_map_get_license (self->simple_map);

  if (self->base_layer)
    {
      shumate_map_remove_layer (self->map, SHUMATE_LAYER (self->base_layer));
      g_clear_object (&self->base_layer);
    }
  if (self->base_source)
    {
      shumate_license_remove_map_source (license,
                                         ga_basemap_source_get_map_source (self->base_source));
      g_clear_signal_handler (&self->failed_id, self->base_source);
      g_clear_object (&self->base_source);
    }
}

static void
ga_map_view_dispose (GObject *object)
{
  GaMapView *self = GA_MAP_VIEW (object);

  if (self->store)
    g_signal_handlers_disconnect_by_func (self->store, on_store_items_changed_cb, self);
  if (self->viewport)
    g_signal_handlers_disconnect_by_func (self->viewport, on_viewport_notify_cb, self);
  g_clear_pointer (&self->overlays, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->base_layer);
  if (self->base_source)
    g_clear_signal_handler (&self->failed_id, self->base_source);
  g_clear_object (&self->base_source);
  g_clear_object (&self->reference);
  g_clear_pointer (&self->overlay, gtk_widget_unparent);
  G_OBJECT_CLASS (ga_map_view_parent_class)->dispose (object);
}

static void
ga_map_view_finalize (GObject *object)
{
  GaMapView *self = GA_MAP_VIEW (object);

  g_free (self->basemap);
  G_OBJECT_CLASS (ga_map_view_parent_class)->finalize (object);
}

static void
ga_map_view_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  GaMapView *self = GA_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_BASEMAP:
      g_value_set_string (value, self->basemap);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ga_map_view_class_init (GaMapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ga_map_view_dispose;
  object_class->finalize = ga_map_view_finalize;
  object_class->get_property = ga_map_view_get_property;

  /* The key of the basemap shown ("none" for a plain background). */
  properties[PROP_BASEMAP] =
    g_param_spec_string ("basemap", NULL, NULL, "none",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted once per basemap when its tiles cannot be fetched (offline, server down); see
   * ga_basemap_source_dup_failure_message(). */
  signals[BASEMAP_FAILED] = g_signal_new ("basemap-failed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ga-map-view");
}

static GtkWidget *
make_zoom_button (const char *icon,
                  const char *action,
                  const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_tooltip_text (button, tooltip);
  return button;
}

static void
ga_map_view_init (GaMapView *self)
{
  GtkWidget *zoom_box;

  g_type_ensure (SHUMATE_TYPE_SIMPLE_MAP);

  self->overlays = g_ptr_array_new_with_free_func (overlay_free);
  gtk_widget_add_css_class (GTK_WIDGET (self), "ga-map-view");

  self->overlay = gtk_overlay_new ();
  gtk_widget_set_parent (self->overlay, GTK_WIDGET (self));

  self->simple_map = shumate_simple_map_new ();
  shumate_simple_map_set_show_zoom_buttons (self->simple_map, FALSE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->simple_map), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->simple_map), TRUE);
  gtk_overlay_set_child (GTK_OVERLAY (self->overlay), GTK_WIDGET (self->simple_map));

  self->map = shumate_simple_map_get_map (self->simple_map);
  self->viewport = shumate_simple_map_get_viewport (self->simple_map);

  zoom_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (zoom_box, "linked");
  gtk_widget_add_css_class (zoom_box, "osd");
  gtk_widget_add_css_class (zoom_box, "ga-zoom-buttons");
  gtk_widget_set_halign (zoom_box, GTK_ALIGN_END);
  gtk_widget_set_valign (zoom_box, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (zoom_box),
                  make_zoom_button ("zoom-in-symbolic", "win.zoom-in", _("Zoom In")));
  gtk_box_append (GTK_BOX (zoom_box),
                  make_zoom_button ("zoom-out-symbolic", "win.zoom-out", _("Zoom Out")));
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), zoom_box);

  /* The viewport's maths stay Web Mercator with 256 px tiles (like the overlays) whatever
   * the basemap is.  This source is never put in a layer, so it never downloads. */
  self->reference = SHUMATE_MAP_SOURCE (
    shumate_raster_renderer_new_full_from_url ("ga-reference", "Web Mercator", "", "", 0, 19, 256,
                                               SHUMATE_MAP_PROJECTION_MERCATOR,
                                               "http://localhost.invalid/{z}/{x}/{y}.png"));
  shumate_viewport_set_reference_map_source (self->viewport, self->reference);
  shumate_viewport_set_min_zoom_level (self->viewport, 2);
  shumate_viewport_set_max_zoom_level (self->viewport, 19);
  shumate_viewport_set_zoom_level (self->viewport, 10);
  shumate_location_set_location (SHUMATE_LOCATION (self->viewport), 13.75, 100.52);
  g_signal_connect (self->viewport, "notify", G_CALLBACK (on_viewport_notify_cb), self);

  self->basemap = g_strdup ("none");
  gtk_widget_add_css_class (GTK_WIDGET (self), "no-basemap");
}

GaMapView *
ga_map_view_new (void)
{
  return g_object_new (GA_TYPE_MAP_VIEW, NULL);
}

void
ga_map_view_set_store (GaMapView    *self,
                       GaLayerStore *store)
{
  g_return_if_fail (GA_IS_MAP_VIEW (self));

  if (self->store)
    g_signal_handlers_disconnect_by_func (self->store, on_store_items_changed_cb, self);
  g_set_object (&self->store, store);
  if (store)
    g_signal_connect (store, "items-changed", G_CALLBACK (on_store_items_changed_cb), self);
  sync_overlays (self);
}

ShumateMap *
ga_map_view_get_map (GaMapView *self)
{
  g_return_val_if_fail (GA_IS_MAP_VIEW (self), NULL);
  return self->map;
}

ShumateViewport *
ga_map_view_get_viewport (GaMapView *self)
{
  g_return_val_if_fail (GA_IS_MAP_VIEW (self), NULL);
  return self->viewport;
}

gboolean
ga_map_view_set_basemap (GaMapView   *self,
                         const char  *key,
                         GaBasemap   *basemap,
                         GError     **error)
{
  g_autoptr(GaBasemapSource) source = NULL;
  Overlay *bottom;

  g_return_val_if_fail (GA_IS_MAP_VIEW (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (basemap == NULL || GA_IS_BASEMAP (basemap), FALSE);

  if (basemap && ga_basemap_get_kind (basemap) != GA_BASEMAP_NONE)
    {
      source = ga_basemap_source_new (basemap, error);
      if (source == NULL)
        return FALSE;
    }

  clear_base (self);
  g_free (self->basemap);
  self->basemap = g_strdup (key);

  if (source == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "no-basemap");
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASEMAP]);
      return TRUE;
    }

  self->base_source = g_steal_pointer (&source);
  self->failed_id = g_signal_connect (self->base_source, "failed",
                                      G_CALLBACK (on_basemap_failed_cb), self);
  self->base_layer = g_object_ref_sink (
    shumate_map_layer_new (ga_basemap_source_get_map_source (self->base_source), self->viewport));
  bottom = self->overlays->len ? g_ptr_array_index (self->overlays, 0) : NULL;
  if (bottom)
    shumate_map_insert_layer_behind (self->map, SHUMATE_LAYER (self->base_layer),
                                     SHUMATE_LAYER (bottom->map_layer));
  else
    shumate_map_add_layer (self->map, SHUMATE_LAYER (self->base_layer));
  shumate_license_append_map_source (shumate_simple_map_get_license (self->simple_map),
                                     ga_basemap_source_get_map_source (self->base_source));
  gtk_widget_remove_css_class (GTK_WIDGET (self), "no-basemap");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASEMAP]);
  return TRUE;
}

const char *
ga_map_view_get_basemap (GaMapView *self)
{
  g_return_val_if_fail (GA_IS_MAP_VIEW (self), NULL);
  return self->basemap;
}

GaBasemapSource *
ga_map_view_get_basemap_source (GaMapView *self)
{
  g_return_val_if_fail (GA_IS_MAP_VIEW (self), NULL);
  return self->base_source;
}

ShumateLayer *
ga_map_view_get_basemap_layer (GaMapView *self)
{
  g_return_val_if_fail (GA_IS_MAP_VIEW (self), NULL);
  return self->base_layer ? SHUMATE_LAYER (self->base_layer) : NULL;
}

void
ga_map_view_get_visible_extent (GaMapView *self,
                                GaExtent  *extent)
{
  double lat[2], lon[2];
  int width, height;

  g_return_if_fail (GA_IS_MAP_VIEW (self));
  g_return_if_fail (extent != NULL);

  width = MAX (gtk_widget_get_width (GTK_WIDGET (self->map)), 1);
  height = MAX (gtk_widget_get_height (GTK_WIDGET (self->map)), 1);
  shumate_viewport_widget_coords_to_location (self->viewport, GTK_WIDGET (self->map), 0, 0,
                                              &lat[0], &lon[0]);
  shumate_viewport_widget_coords_to_location (self->viewport, GTK_WIDGET (self->map),
                                              width, height, &lat[1], &lon[1]);
  lat[0] = CLAMP (lat[0], -85.05, 85.05);
  lat[1] = CLAMP (lat[1], -85.05, 85.05);
  extent->min_x = MIN (lon[0], lon[1]) * G_PI / 180.0 * EARTH_RADIUS;
  extent->max_x = MAX (lon[0], lon[1]) * G_PI / 180.0 * EARTH_RADIUS;
  extent->min_y = EARTH_RADIUS * asinh (tan (MIN (lat[0], lat[1]) * G_PI / 180.0));
  extent->max_y = EARTH_RADIUS * asinh (tan (MAX (lat[0], lat[1]) * G_PI / 180.0));
}

static void
go_to_zoom (GaMapView *self,
            double     zoom)
{
  double lat = shumate_location_get_latitude (SHUMATE_LOCATION (self->viewport));
  double lon = shumate_location_get_longitude (SHUMATE_LOCATION (self->viewport));

  zoom = CLAMP (zoom, shumate_viewport_get_min_zoom_level (self->viewport),
                shumate_viewport_get_max_zoom_level (self->viewport));
  shumate_map_go_to_full_with_duration (self->map, lat, lon, zoom, 200);
}

void
ga_map_view_zoom_in (GaMapView *self)
{
  g_return_if_fail (GA_IS_MAP_VIEW (self));
  /* Snap: 14.4 → 15, 14.9999998 → 15 (not 15.9999998). */
  go_to_zoom (self, floor (shumate_viewport_get_zoom_level (self->viewport) + 0.01) + 1);
}

void
ga_map_view_zoom_out (GaMapView *self)
{
  g_return_if_fail (GA_IS_MAP_VIEW (self));
  go_to_zoom (self, ceil (shumate_viewport_get_zoom_level (self->viewport) - 0.01) - 1);
}

void
ga_map_view_zoom_to_extent (GaMapView      *self,
                            const GaExtent *extent,
                            gboolean        animate)
{
  GaRenderView view;
  int width, height;
  double lat, lon, zoom;

  g_return_if_fail (GA_IS_MAP_VIEW (self));
  g_return_if_fail (extent != NULL);

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (width <= 1 || height <= 1)
    {
      width = 800;
      height = 600;
    }

  ga_render_view_init_extent (&view, extent, width, height, 0.05);
  /* Whole levels keep tiles crisp; a point or a tiny extent stops at street level. */
  zoom = CLAMP (floor (view.zoom), shumate_viewport_get_min_zoom_level (self->viewport),
                MAX_FIT_ZOOM);
  lon = view.center_x / EARTH_RADIUS * 180.0 / G_PI;
  lat = atan (sinh (view.center_y / EARTH_RADIUS)) * 180.0 / G_PI;

  if (animate)
    shumate_map_go_to_full_with_duration (self->map, lat, lon, zoom, 500);
  else
    {
      shumate_map_stop_go_to (self->map);
      shumate_viewport_set_zoom_level (self->viewport, zoom);
      shumate_location_set_location (SHUMATE_LOCATION (self->viewport), lat, lon);
    }
}

ShumateLayer *
ga_map_view_get_overlay_layer (GaMapView *self,
                               GaLayer   *layer)
{
  Overlay *ov;

  g_return_val_if_fail (GA_IS_MAP_VIEW (self), NULL);

  ov = find_overlay (self, layer, NULL);
  return ov ? SHUMATE_LAYER (ov->map_layer) : NULL;
}
