/* ga-highlight-layer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Draws only the chosen feature's vertices, projected with the viewport at every snapshot,
 * and redraws on every viewport change so it stays glued to the map while panning.
 */
#define G_LOG_DOMAIN "ga-highlight-layer"

#include "config.h"

#include <math.h>

#include "ga-highlight-layer.h"

#define EARTH_RADIUS 6378137.0

struct _GaHighlightLayer
{
  ShumateLayer  parent_instance;
  GaLayer      *layer;
  guint         feature;
};

G_DEFINE_FINAL_TYPE (GaHighlightLayer, ga_highlight_layer, SHUMATE_TYPE_LAYER)

static void
to_widget (GaHighlightLayer *self,
           double            mx,
           double            my,
           double           *wx,
           double           *wy)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  double lon = mx / EARTH_RADIUS * 180.0 / G_PI;
  double lat = atan (sinh (my / EARTH_RADIUS)) * 180.0 / G_PI;

  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self), lat, lon, wx, wy);
}

static void
on_viewport_notify_cb (ShumateViewport  *viewport,
                       GParamSpec       *pspec,
                       GaHighlightLayer *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
ga_highlight_layer_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  GaHighlightLayer *self = GA_HIGHLIGHT_LAYER (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GaGeomKind kind;
  cairo_t *cr;

  if (self->layer == NULL || width <= 0 || height <= 0
      || self->feature >= ga_layer_get_n_features (self->layer))
    return;

  kind = ga_layer_get_feature_kind (self->layer, self->feature);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint p = 0; p < ga_layer_get_n_parts (self->layer, self->feature); p++)
    {
      guint n = 0;
      const double *c = ga_layer_get_part (self->layer, self->feature, p, &n);

      for (guint i = 0; i < n; i++)
        {
          double x, y;

          to_widget (self, c[2 * i], c[2 * i + 1], &x, &y);
          if (kind == GA_GEOM_POINT || n == 1)
            {
              cairo_new_sub_path (cr);
              cairo_arc (cr, x, y, 11, 0, 2 * G_PI);
            }
          else if (i == 0)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      if (kind == GA_GEOM_POLYGON && n > 1)
        cairo_close_path (cr);
    }
  /* A white casing under a strong magenta line reads on any map colour. */
  cairo_set_source_rgba (cr, 1, 1, 1, 0.95);
  cairo_set_line_width (cr, 7);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgb (cr, 0.85, 0.0, 0.55);
  cairo_set_line_width (cr, 3.5);
  cairo_stroke (cr);
  cairo_destroy (cr);
}

static void
ga_highlight_layer_constructed (GObject *object)
{
  GaHighlightLayer *self = GA_HIGHLIGHT_LAYER (object);

  G_OBJECT_CLASS (ga_highlight_layer_parent_class)->constructed (object);
  g_signal_connect_object (shumate_layer_get_viewport (SHUMATE_LAYER (self)), "notify",
                           G_CALLBACK (on_viewport_notify_cb), self, 0);
}

static void
ga_highlight_layer_dispose (GObject *object)
{
  GaHighlightLayer *self = GA_HIGHLIGHT_LAYER (object);

  g_clear_object (&self->layer);
  G_OBJECT_CLASS (ga_highlight_layer_parent_class)->dispose (object);
}

static void
ga_highlight_layer_class_init (GaHighlightLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ga_highlight_layer_constructed;
  object_class->dispose = ga_highlight_layer_dispose;
  widget_class->snapshot = ga_highlight_layer_snapshot;
}

static void
ga_highlight_layer_init (GaHighlightLayer *self)
{
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

GaHighlightLayer *
ga_highlight_layer_new (ShumateViewport *viewport)
{
  return g_object_new (GA_TYPE_HIGHLIGHT_LAYER, "viewport", viewport, NULL);
}

void
ga_highlight_layer_set_feature (GaHighlightLayer *self,
                                GaLayer          *layer,
                                guint             feature)
{
  g_return_if_fail (GA_IS_HIGHLIGHT_LAYER (self));

  g_set_object (&self->layer, layer);
  self->feature = feature;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

GaLayer *
ga_highlight_layer_get_layer (GaHighlightLayer *self)
{
  g_return_val_if_fail (GA_IS_HIGHLIGHT_LAYER (self), NULL);
  return self->layer;
}

guint
ga_highlight_layer_get_feature (GaHighlightLayer *self)
{
  g_return_val_if_fail (GA_IS_HIGHLIGHT_LAYER (self), 0);
  return self->feature;
}
