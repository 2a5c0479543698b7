/* ga-map-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A ShumateSimpleMap (licence) with its own whole-level zoom buttons and scale bar.  One
 * GaOverlayCanvas draws the basemap (a GaBasemapSource: online XYZ, MBTiles or a tile
 * folder; or nothing, on a plain light background; a basemap of other than 256-px tiles gets
 * a ShumateMapLayer below the canvas) and above it one GaTileLayer per GaLayer, in store
 * order, each fed by a GaOverlaySource that renders tiles in worker threads from a snapshot
 * of the layer's GaStyle.  Visibility and opacity of a GaLayer go
 * straight to its tile layer, so toggling them costs no re-render.
 *
 * A style edit re-renders the layer without a gap: a tile layer's source holds one style
 * snapshot, so a new tile layer with a new source goes in above the old one at opacity 0 and
 * replaces it once its visible tiles are filled (rapid edits are debounced).
 *
 * Nothing here walks the features on the main thread: a source's style snapshot is prepared
 * in a worker (ga_overlay_source_new_async).  A new layer's tile layer stays hidden until its
 * source is ready; a restyled layer's replacement goes in once its source is ready.
 *
 * Labels are not in the layers' tiles: one label source (ga_overlay_source_new_labels)
 * places the labels of all visible layers together and its tile layer sits above every
 * overlay (the highlight is a map layer above the canvas), so labels of different layers
 * never overlap and are never covered by another layer's symbols.  It is rebuilt (new source, swapped in the same way)
 * whenever the set of visible layers, their order or a style changes.  Labels stay opaque
 * whatever the layer's opacity.
 *
 * Also here: the legend panel (drawn by ga_legend_draw, as in exports), the scale bar (by
 * ga_layout_draw_scale_bar, as in exports; it never changes size), and inspecting a
 * feature by clicking it (hit test on the spatial index, a popover with its attributes, the
 * feature outlined by a GaHighlightLayer above the overlays).
 */
#define G_LOG_DOMAIN "ga-map-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "ga-basemap-source.h"
#include "ga-highlight-layer.h"
#include "ga-hit-test.h"
#include "ga-layer-style.h"
#include "ga-layout.h"
#include "ga-legend.h"
#include "ga-map-view.h"
#include "ga-overlay-canvas.h"
#include "ga-overlay-source.h"
#include "ga-render-view.h"

#define EARTH_RADIUS 6378137.0
#define MAX_FIT_ZOOM 18.0
#define RESTYLE_DEBOUNCE_MS 150
#define SWAP_POLL_MS 20
#define SWAP_TIMEOUT_US (2 * G_USEC_PER_SEC)
#define HIT_TOLERANCE_PX 4.0

typedef struct
{
  GaMapView       *view;        /* not owned */
  GaLayer         *layer;
  GaOverlaySource *source;      /* hidden map_layer until ready (prepare_cancel) */
  GaTileLayer     *map_layer;
  GCancellable    *prepare_cancel;
  GaStyle         *style;       /* the layer's live style */
  gulong           visible_id;
  gulong           opacity_id;
  gulong           style_id;
  guint            debounce_id;
  /* A refresh in progress: next_source is prepared (swap_cancel), then its layer waits at
   * opacity 0 above map_layer. */
  GaOverlaySource *next_source;
  GaTileLayer     *next_layer;
  GCancellable    *swap_cancel;
  guint            swap_id;
  gint64           swap_start;
  /* Cross-fade of a visibility change (ga_map_view_set_layer_visible_animated). */
  double           fade;        /* 0..1, multiplies the opacity */
  guint            fade_ms;     /* > 0: the next visibility change fades over this long */
  AdwAnimation    *fade_anim;
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
  ShumateMapLayer  *base_layer;   /* a basemap of other than 256-px tiles */
  GaTileLayer      *base_tiles;   /* a basemap of 256-px tiles: at the canvas's bottom */
  GaOverlayCanvas  *canvas;     /* every overlay and the labels, above the basemap */
  char             *basemap;
  gulong            failed_id;

  GaLayerStore     *store;
  GPtrArray        *overlays;   /* Overlay*, bottom to top, as stacked in the map */

  /* the one label layer above all overlays, and its replacement while it fills */
  GaOverlaySource  *label_source;
  GaTileLayer      *label_layer;
  GaOverlaySource  *next_label_source;
  GaTileLayer      *next_label_layer;
  guint             label_debounce_id;
  guint             label_swap_id;
  gint64            label_swap_start;

  GaHighlightLayer *highlight;
  GtkWidget        *legend_area;
  GtkWidget        *scale_area;
  double            scale_ground;   /* ground metres per pixel the scale bar last showed */
  guint             scale_settle_id;
  GtkWidget        *legend_button;
  GtkWidget        *controls;
  GtkWidget        *popover;
  double            press_x, press_y;
  GaLayer          *chosen_layer;
  guint             chosen_feature;
  guint             chosen_idle;
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
  PROP_LEGEND_VISIBLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_legend (GaMapView *self);
static void update_scale_bar (GaMapView *self);
static void queue_labels (GaMapView *self);

static void
cancel_and_clear (GCancellable **cancellable)
{
  if (*cancellable)
    g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
}

static gboolean
overlay_ready (Overlay *ov)
{
  return ga_overlay_source_is_ready (ov->source);
}

/* The map layer is shown when @visible and its source can draw. */
static void
overlay_set_visible (Overlay  *ov,
                     gboolean  visible)
{
  ga_tile_layer_set_visible (ov->map_layer, visible && overlay_ready (ov));
}

static void
cancel_swap (Overlay *ov)
{
  cancel_and_clear (&ov->swap_cancel);
  g_clear_handle_id (&ov->swap_id, g_source_remove);
  if (ov->next_layer && ov->view->canvas)
    ga_overlay_canvas_remove_layer (ov->view->canvas, ov->next_layer);
  g_clear_object (&ov->next_layer);
  g_clear_object (&ov->next_source);
}

static void
overlay_free (gpointer data)
{
  Overlay *ov = data;

  if (ov->fade_anim)
    {
      g_signal_handlers_disconnect_by_data (ov->fade_anim, ov);
      adw_animation_reset (ov->fade_anim);
      g_clear_object (&ov->fade_anim);
    }
  cancel_swap (ov);
  cancel_and_clear (&ov->prepare_cancel);
  g_clear_handle_id (&ov->debounce_id, g_source_remove);
  g_clear_signal_handler (&ov->visible_id, ov->layer);
  g_clear_signal_handler (&ov->opacity_id, ov->layer);
  g_clear_signal_handler (&ov->style_id, ov->style);
  g_clear_object (&ov->style);
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

/* Tiles are drawn opaque; the translucency is the map layer's opacity, exactly as exports
 * composite the layer (ga_thematic_draw_layer). */
static double
overlay_opacity (Overlay *ov)
{
  GaStyle *drawn = ga_overlay_source_get_style (ov->source);

  return CLAMP (ga_layer_get_opacity (ov->layer), 0, 1)
         * CLAMP (ga_style_get_opacity (drawn ? drawn : ov->style), 0, 1);
}

static void
update_opacity (Overlay *ov)
{
  ga_tile_layer_set_opacity (ov->map_layer, overlay_opacity (ov) * ov->fade);
}

static void
stop_fade (Overlay *ov)
{
  if (ov->fade_anim == NULL)
    return;
  g_signal_handlers_disconnect_by_data (ov->fade_anim, ov);
  adw_animation_pause (ov->fade_anim);
  g_clear_object (&ov->fade_anim);
}

static void
fade_value_cb (double   value,
               gpointer user_data)
{
  Overlay *ov = user_data;

  ov->fade = value;
  update_opacity (ov);
}

/* A layer that faded out is hidden only now, so it costs nothing afterwards. */
static void
on_fade_done_cb (AdwAnimation *animation,
                 Overlay      *ov)
{
  stop_fade (ov);
  ov->fade = 1.0;
  overlay_set_visible (ov, ga_layer_get_visible (ov->layer));
  update_opacity (ov);
}

static void
start_fade (Overlay  *ov,
            gboolean  visible,
            guint     duration_ms)
{
  double from = ov->fade_anim ? ov->fade : (visible ? 0.0 : 1.0);

  stop_fade (ov);
  ov->fade = from;
  overlay_set_visible (ov, TRUE);
  update_opacity (ov);
  ov->fade_anim = adw_timed_animation_new (GTK_WIDGET (ov->view), from, visible ? 1.0 : 0.0,
                                           duration_ms,
                                           adw_callback_animation_target_new (fade_value_cb, ov,
                                                                              NULL));
  g_signal_connect (ov->fade_anim, "done", G_CALLBACK (on_fade_done_cb), ov);
  adw_animation_play (ov->fade_anim);
}

static void
on_layer_visible_cb (GaLayer    *layer,
                     GParamSpec *pspec,
                     Overlay    *ov)
{
  gboolean visible = ga_layer_get_visible (layer);
  guint fade_ms = ov->fade_ms;

  ov->fade_ms = 0;
  if (fade_ms > 0 && gtk_widget_get_mapped (GTK_WIDGET (ov->view)))
    start_fade (ov, visible, fade_ms);
  else
    {
      stop_fade (ov);
      ov->fade = 1.0;
      overlay_set_visible (ov, visible);
      update_opacity (ov);
    }
  update_legend (ov->view);
  queue_labels (ov->view);
}

static void
on_layer_opacity_cb (GaLayer    *layer,
                     GParamSpec *pspec,
                     Overlay    *ov)
{
  update_opacity (ov);
}

static void on_style_changed_cb (GaStyle *style,
                                 Overlay *ov);

static void
overlay_attach_style (Overlay *ov)
{
  g_clear_signal_handler (&ov->style_id, ov->style);
  g_set_object (&ov->style, ga_layer_style_get (ov->layer));
  ov->style_id = g_signal_connect (ov->style, "changed", G_CALLBACK (on_style_changed_cb), ov);
}

/* The first source of a layer is ready: show its map layer (hidden so far). */
static void
on_source_ready_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  Overlay *ov;

  if (!ga_overlay_source_new_finish (GA_OVERLAY_SOURCE (object), result, &error))
    {
      /* Cancelled: the overlay is gone or has another source. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not prepare the style of a layer: %s", error->message);
      return;
    }
  ov = user_data;
  g_clear_object (&ov->prepare_cancel);
  if (ov->fade_anim == NULL)
    overlay_set_visible (ov, ga_layer_get_visible (ov->layer));
  else
    overlay_set_visible (ov, TRUE);
  update_opacity (ov);
  /* The labels include the layer from now on. */
  queue_labels (ov->view);
}

/* A new source for @ov->style whose map layer stays hidden until it is ready (at once with
 * a snapshot the load worker prepared). */
static void
overlay_new_source (Overlay *ov)
{
  g_autoptr(GaStyle) snapshot = ga_overlay_source_take_prepared (ov->layer, ov->style);

  cancel_and_clear (&ov->prepare_cancel);
  if (snapshot != NULL)
    {
      ov->source = ga_overlay_source_new_prepared (ov->layer, snapshot);
      ov->map_layer = ga_tile_layer_new (SHUMATE_MAP_SOURCE (ov->source));
      overlay_set_visible (ov, ga_layer_get_visible (ov->layer));
      return;
    }
  ov->prepare_cancel = g_cancellable_new ();
  ov->source = ga_overlay_source_new_async (ov->layer, ov->style, ov->prepare_cancel,
                                            on_source_ready_cb, ov);
  ov->map_layer = ga_tile_layer_new (SHUMATE_MAP_SOURCE (ov->source));
  ga_tile_layer_set_visible (ov->map_layer, FALSE);
}

static Overlay *
overlay_new (GaMapView *self,
             GaLayer   *layer)
{
  Overlay *ov = g_new0 (Overlay, 1);

  ov->view = self;
  ov->layer = g_object_ref (layer);
  ov->fade = 1.0;
  overlay_attach_style (ov);
  overlay_new_source (ov);
  update_opacity (ov);
  ov->visible_id = g_signal_connect (layer, "notify::visible",
                                     G_CALLBACK (on_layer_visible_cb), ov);
  ov->opacity_id = g_signal_connect (layer, "notify::opacity",
                                     G_CALLBACK (on_layer_opacity_cb), ov);
  return ov;
}

/* The new layer replaces the old one: atomic, so the map never shows a gap. */
static void
finish_swap (Overlay *ov)
{
  GaMapView *self = ov->view;

  g_clear_handle_id (&ov->swap_id, g_source_remove);
  ga_overlay_canvas_remove_layer (self->canvas, ov->map_layer);
  g_clear_object (&ov->map_layer);
  g_clear_object (&ov->source);
  ov->map_layer = g_steal_pointer (&ov->next_layer);
  ov->source = g_steal_pointer (&ov->next_source);
  update_opacity (ov);
}

/* A layer rendering under cover may replace the shown one: its tiles are filled, or it
 * has had SWAP_TIMEOUT_US (overlays and the label layer swap alike). */
static gboolean
swap_ready (GaOverlaySource *next_source,
            gint64           swap_start)
{
  return (ga_overlay_source_get_pending (next_source) == 0
          && ga_overlay_source_get_filled (next_source) > 0)
         || g_get_monotonic_time () - swap_start > SWAP_TIMEOUT_US;
}

static gboolean
swap_poll_cb (gpointer user_data)
{
  Overlay *ov = user_data;

  if (swap_ready (ov->next_source, ov->swap_start))
    {
      ov->swap_id = 0;
      finish_swap (ov);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* The new source is ready: its layer goes in under cover. */
static void
on_next_source_ready_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  Overlay *ov;
  GaMapView *self;

  if (!ga_overlay_source_new_finish (GA_OVERLAY_SOURCE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not prepare the style of a layer: %s", error->message);
      return;
    }
  ov = user_data;
  self = ov->view;
  g_clear_object (&ov->swap_cancel);
  ov->next_layer = ga_tile_layer_new (SHUMATE_MAP_SOURCE (ov->next_source));
  /* Shown like the layer it replaces (which may be fading out while the layer is hidden). */
  ga_tile_layer_set_visible (ov->next_layer, ga_tile_layer_get_visible (ov->map_layer));
  ga_tile_layer_set_opacity (ov->next_layer, 0);
  ga_overlay_canvas_insert_layer_above (self->canvas, ov->next_layer, ov->map_layer);
  ov->swap_start = g_get_monotonic_time ();
  /* The labels follow the new snapshot. */
  queue_labels (self);

  /* Nothing to show yet (hidden layer, unmapped map): no reason to wait. */
  if (!ga_tile_layer_get_visible (ov->map_layer)
      || !gtk_widget_get_mapped (GTK_WIDGET (self->map)))
    finish_swap (ov);
  else
    ov->swap_id = g_timeout_add (SWAP_POLL_MS, swap_poll_cb, ov);
}

/* The tiles hold the style snapshot, a ShumateMapLayer's source is fixed, and 1.0.3 has no
 * way to invalidate tiles: render the new style into a new layer under cover, once its
 * snapshot is prepared. */
static void
start_swap (Overlay *ov)
{
  GaMapView *self = ov->view;

  cancel_swap (ov);
  if (!overlay_ready (ov))
    {
      /* Nothing shown yet: the source being prepared is simply replaced. */
      GaTileLayer *old = g_steal_pointer (&ov->map_layer);
      gboolean in_map = ga_overlay_canvas_has_layer (self->canvas, old);

      g_clear_object (&ov->source);
      overlay_new_source (ov);
      if (in_map)
        {
          ga_overlay_canvas_insert_layer_above (self->canvas, ov->map_layer, old);
          ga_overlay_canvas_remove_layer (self->canvas, old);
        }
      g_object_unref (old);
      return;
    }
  ov->swap_cancel = g_cancellable_new ();
  ov->next_source = ga_overlay_source_new_async (ov->layer, ov->style, ov->swap_cancel,
                                                 on_next_source_ready_cb, ov);
}

static gboolean
restyle_debounce_cb (gpointer user_data)
{
  Overlay *ov = user_data;

  ov->debounce_id = 0;
  start_swap (ov);
  return G_SOURCE_REMOVE;
}

static void
on_style_changed_cb (GaStyle *style,
                     Overlay *ov)
{
  g_clear_handle_id (&ov->debounce_id, g_source_remove);
  ov->debounce_id = g_timeout_add (RESTYLE_DEBOUNCE_MS, restyle_debounce_cb, ov);
  update_legend (ov->view);
}

/* ---- the label layer ---- */

static void
labels_cancel_swap (GaMapView *self)
{
  g_clear_handle_id (&self->label_swap_id, g_source_remove);
  if (self->next_label_layer && self->canvas)
    ga_overlay_canvas_remove_layer (self->canvas, self->next_label_layer);
  g_clear_object (&self->next_label_layer);
  g_clear_object (&self->next_label_source);
}

static void
labels_finish_swap (GaMapView *self)
{
  g_clear_handle_id (&self->label_swap_id, g_source_remove);
  ga_overlay_canvas_remove_layer (self->canvas, self->label_layer);
  g_clear_object (&self->label_layer);
  g_clear_object (&self->label_source);
  self->label_layer = g_steal_pointer (&self->next_label_layer);
  self->label_source = g_steal_pointer (&self->next_label_source);
  ga_tile_layer_set_opacity (self->label_layer, 1.0);
}

static gboolean
labels_swap_poll_cb (gpointer user_data)
{
  GaMapView *self = user_data;

  if (swap_ready (self->next_label_source, self->label_swap_start))
    {
      self->label_swap_id = 0;
      labels_finish_swap (self);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* A label source for the visible layers as drawn now (their overlays' snapshots, the
 * newest one while an overlay swaps), top layer first. */
static GaOverlaySource *
labels_new_source (GaMapView *self,
                   gboolean  *has_labels)
{
  g_autoptr(GPtrArray) layers = g_ptr_array_new ();
  g_autoptr(GPtrArray) styles = g_ptr_array_new ();

  for (guint i = self->overlays->len; i > 0; i--)
    {
      Overlay *ov = g_ptr_array_index (self->overlays, i - 1);
      GaOverlaySource *src = ov->next_source && ga_overlay_source_is_ready (ov->next_source)
                             ? ov->next_source : ov->source;
      GaStyle *style = ga_overlay_source_get_style (src);
      const char *field;
      GaStyleKind kind;

      /* A layer whose snapshot is still being prepared joins when it is ready. */
      if (!ga_layer_get_visible (ov->layer) || style == NULL)
        continue;
      field = ga_style_get_label_field (style);
      kind = ga_style_get_kind (style);
      g_ptr_array_add (layers, ov->layer);
      g_ptr_array_add (styles, style);
      if (field != NULL && *field != '\0' && kind != GA_STYLE_HEATMAP && kind != GA_STYLE_GRID)
        *has_labels = TRUE;
    }
  return ga_overlay_source_new_labels ((GaLayer **) layers->pdata,
                                       (GaStyle **) styles->pdata, layers->len);
}

/* Puts the label layer above every overlay (the highlight is above the canvas). */
static void
labels_restack (GaMapView *self)
{
  if (self->label_layer != NULL)
    ga_overlay_canvas_add_layer (self->canvas, self->label_layer);
}

/* Without any label to draw the label layer stays hidden and fetches no tiles. */
static void
labels_rebuild (GaMapView *self)
{
  gboolean has_labels = FALSE;

  labels_cancel_swap (self);
  if (self->label_layer == NULL)
    {
      self->label_source = labels_new_source (self, &has_labels);
      self->label_layer = ga_tile_layer_new (SHUMATE_MAP_SOURCE (self->label_source));
      ga_tile_layer_set_visible (self->label_layer, has_labels);
      labels_restack (self);
      return;
    }

  self->next_label_source = labels_new_source (self, &has_labels);
  self->next_label_layer = ga_tile_layer_new (SHUMATE_MAP_SOURCE (self->next_label_source));
  ga_tile_layer_set_visible (self->next_label_layer, has_labels);
  ga_tile_layer_set_opacity (self->next_label_layer, 0);
  ga_overlay_canvas_insert_layer_above (self->canvas, self->next_label_layer, self->label_layer);
  self->label_swap_start = g_get_monotonic_time ();
  if (!has_labels || !gtk_widget_get_mapped (GTK_WIDGET (self->map)))
    labels_finish_swap (self);
  else
    self->label_swap_id = g_timeout_add (SWAP_POLL_MS, labels_swap_poll_cb, self);
}

static gboolean
labels_debounce_cb (gpointer user_data)
{
  GaMapView *self = user_data;

  self->label_debounce_id = 0;
  labels_rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
queue_labels (GaMapView *self)
{
  g_clear_handle_id (&self->label_debounce_id, g_source_remove);
  self->label_debounce_id = g_timeout_add (RESTYLE_DEBOUNCE_MS, labels_debounce_cb, self);
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
          ga_overlay_canvas_remove_layer (self->canvas, ov->map_layer);
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

          /* A refresh in flight is started again once the stack is rebuilt. */
          if (ov->next_source)
            {
              cancel_swap (ov);
              if (ov->debounce_id == 0)
                ov->debounce_id = g_timeout_add (RESTYLE_DEBOUNCE_MS, restyle_debounce_cb, ov);
            }
          ga_overlay_canvas_remove_layer (self->canvas, ov->map_layer);
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
          ga_overlay_canvas_add_layer (self->canvas, found->map_layer);
        }
    }

  for (i = self->overlays->len; i < wanted->len; i++)
    {
      Overlay *ov = overlay_new (self, g_ptr_array_index (wanted, i));

      g_ptr_array_add (self->overlays, ov);
      ga_overlay_canvas_add_layer (self->canvas, ov->map_layer);
    }

  /* A removed layer loses its highlight. */
  if (self->highlight)
    {
      GaLayer *hl = ga_highlight_layer_get_layer (self->highlight);

      if (hl && !g_ptr_array_find (wanted, hl, NULL))
        ga_highlight_layer_set_feature (self->highlight, NULL, 0);
    }
  /* The labels stay above every overlay, the highlight above them; the labels of the new
   * set of layers replace them (at once the first time). */
  labels_cancel_swap (self);
  labels_restack (self);
  if (self->label_layer == NULL)
    labels_rebuild (self);
  else
    queue_labels (self);
  update_legend (self);
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
 * (cairo renderer), so the base would freeze during animations and drift apart from the
 * overlays.  Redraw it whenever the viewport moves (the canvas redraws itself). */
static void
on_viewport_notify_cb (ShumateViewport *viewport,
                       GParamSpec      *pspec,
                       GaMapView       *self)
{
  if (self->base_layer)
    gtk_widget_queue_draw (GTK_WIDGET (self->base_layer));
  update_scale_bar (self);
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
  if (self->base_tiles)
    {
      ga_overlay_canvas_remove_layer (self->canvas, self->base_tiles);
      g_clear_object (&self->base_tiles);
    }
  if (self->base_source)
    {
      shumate_license_remove_map_source (license,
                                         ga_basemap_source_get_map_source (self->base_source));
      g_clear_signal_handler (&self->failed_id, self->base_source);
      g_clear_object (&self->base_source);
    }
}


/* ---- scale bar ---- */

/* The scale bar of exports and slides (ga_layout_draw_scale_bar), in the bottom-left corner.
 * It replaces ShumateScale, whose labels change size on every zoom frame: each resize runs
 * the window's layout, and on X11 that costs GDK a round trip to the server per frame. This
 * area keeps one size and only redraws. */
#define SCALE_BAR_MAX_WIDTH 160.0

/* Web Mercator metres per pixel at the viewport's zoom (256-px tiles) */
static double
metres_per_pixel (GaMapView *self)
{
  double zoom = shumate_viewport_get_zoom_level (self->viewport);

  return 2 * GA_MERCATOR_HALF_WORLD / (256.0 * pow (2.0, zoom));
}

/* The bar is redrawn once the map has been still for this long. */
#define SCALE_BAR_SETTLE_MS 200

static double
ground_metres_per_pixel (GaMapView *self)
{
  double lat;

  ga_map_view_get_center (self, &lat, NULL, NULL);
  return metres_per_pixel (self) * cos (lat * G_PI / 180.0);
}

static gboolean
scale_settled_cb (gpointer user_data)
{
  GaMapView *self = user_data;

  self->scale_settle_id = 0;
  self->scale_ground = ground_metres_per_pixel (self);
  gtk_widget_queue_draw (self->scale_area);
  return G_SOURCE_REMOVE;
}

/* Redraws the bar when its length has changed by a sixth of a pixel or more, once the map
 * is still: not in the frames of a zoom, where the bar in its corner would stretch the
 * frame's painted rectangle (GTK 4.8's cairo renderer paints one rectangle around all that
 * changed) from the overlays to the corner, 1147x915 px instead of 717x799 in the first
 * frame of a zoom of bench-map-ui. */
static void
update_scale_bar (GaMapView *self)
{
  double ground;

  if (self->scale_area == NULL)
    return;
  ground = ground_metres_per_pixel (self);
  g_clear_handle_id (&self->scale_settle_id, g_source_remove);
  if (self->scale_ground > 0.0 && fabs (ground / self->scale_ground - 1.0) < 1e-3)
    return;
  self->scale_settle_id = g_timeout_add (SCALE_BAR_SETTLE_MS, scale_settled_cb, self);
}

void
ga_map_view_draw_scale_bar (GaMapView *self,
                            cairo_t   *cr,
                            double     max_width,
                            double     scale)
{
  double lat;

  g_return_if_fail (GA_IS_MAP_VIEW (self));

  ga_map_view_get_center (self, &lat, NULL, NULL);
  cairo_move_to (cr, 0.0, 0.0);
  ga_layout_draw_scale_bar (cr, metres_per_pixel (self), lat, max_width, scale);
}

static void
scale_draw_cb (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        user_data)
{
  ga_map_view_draw_scale_bar (GA_MAP_VIEW (user_data), cr, width, 1.0);
}

/* The bar's panel height does not depend on the length shown: measured once. */
static int
scale_bar_height (void)
{
  cairo_surface_t *rec = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (rec);
  double x, y, w, h;

  cairo_move_to (cr, 0.0, 0.0);
  ga_layout_draw_scale_bar (cr, 10.0, 0.0, SCALE_BAR_MAX_WIDTH, 1.0);
  cairo_destroy (cr);
  cairo_recording_surface_ink_extents (rec, &x, &y, &w, &h);
  cairo_surface_destroy (rec);
  return (int) ceil (MAX (y + h, 1.0));
}

/* ---- legend ---- */

static GArray *
legend_items (GaMapView *self)
{
  GArray *items = g_array_new (FALSE, TRUE, sizeof (GaLegendItem));

  /* Top layer first, as in the sidebar. */
  for (guint i = self->overlays->len; i > 0; i--)
    {
      Overlay *ov = g_ptr_array_index (self->overlays, i - 1);
      GaLegendItem item = { ov->layer, ov->style };

      /* A missing layer (its file was not found) has nothing on the map to explain. */
      if (ga_layer_get_visible (ov->layer) && ga_layer_get_missing (ov->layer) == NULL)
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
  GaMapView *self = user_data;
  g_autoptr(GArray) items = legend_items (self);

  if (items->len > 0)
    ga_legend_draw (cr, (GaLegendItem *) items->data, items->len, 1.0);
}

static void
update_legend (GaMapView *self)
{
  g_autoptr(GArray) items = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  double width = 0, height = 0;

  if (self->legend_area == NULL)
    return;
  items = legend_items (self);
  if (items->len > 0)
    {
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
      cr = cairo_create (surface);
      ga_legend_measure (cr, (GaLegendItem *) items->data, items->len, 1.0, &width, &height);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self->legend_area), (int) ceil (width));
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->legend_area), (int) ceil (height));
  gtk_widget_set_visible (self->legend_area,
                          items->len > 0 && ga_map_view_get_legend_visible (self));
  gtk_widget_queue_draw (self->legend_area);
}

static void
on_legend_toggled_cb (GtkToggleButton *button,
                      GaMapView       *self)
{
  update_legend (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEGEND_VISIBLE]);
}

/* ---- inspect ---- */

static void
mercator_from_widget (GaMapView *self,
                      double     x,
                      double     y,
                      double    *mx,
                      double    *my)
{
  double lat, lon;

  shumate_viewport_widget_coords_to_location (self->viewport, GTK_WIDGET (self->map), x, y,
                                              &lat, &lon);
  lat = CLAMP (lat, -85.05, 85.05);
  *mx = lon * G_PI / 180.0 * EARTH_RADIUS;
  *my = EARTH_RADIUS * asinh (tan (lat * G_PI / 180.0));
}

/* A short name for a feature in the chooser: the label field, a "name" field, or its number. */
static char *
feature_title (GaLayer *layer,
               GaStyle *style,
               guint    feature)
{
  const char *label_field = style ? ga_style_get_label_field (style) : NULL;
  int field = label_field ? ga_layer_find_field (layer, label_field) : -1;
  const char *value = NULL;

  for (guint i = 0; field < 0 && i < ga_layer_get_n_fields (layer); i++)
    {
      g_autofree char *lower = g_utf8_strdown (ga_layer_get_field_name (layer, i), -1);

      if (g_str_has_prefix (lower, "name") || g_str_equal (lower, "ชื่อ"))
        field = i;
    }
  if (field >= 0)
    value = ga_layer_get_value (layer, feature, field);
  if (value && *value)
    return g_strdup (value);
  /* Translators: %u is the number of a feature in its layer */
  return g_strdup_printf (_("Feature %u"), feature + 1);
}

static GtkWidget *
attributes_widget (GaLayer *layer,
                   guint    feature)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (ga_layer_get_name (layer));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *grid = gtk_grid_new ();
  guint n = ga_layer_get_n_fields (layer);

  gtk_widget_add_css_class (box, "ga-inspect");
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_box_append (GTK_BOX (box), heading);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  for (guint i = 0; i < n; i++)
    {
      const char *value = ga_layer_get_value (layer, feature, i);
      GtkWidget *name = gtk_label_new (ga_layer_get_field_name (layer, i));
      GtkWidget *val = gtk_label_new (value ? value : "");

      gtk_label_set_xalign (GTK_LABEL (name), 1);
      gtk_label_set_yalign (GTK_LABEL (name), 0);
      gtk_widget_add_css_class (name, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (val), 0);
      gtk_label_set_wrap (GTK_LABEL (val), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (val), 40);
      gtk_label_set_selectable (GTK_LABEL (val), TRUE);
      gtk_grid_attach (GTK_GRID (grid), name, 0, i, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), val, 1, i, 1, 1);
    }
  if (n == 0)
    gtk_grid_attach (GTK_GRID (grid), gtk_label_new (_("This feature has no attributes.")),
                     0, 0, 2, 1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), grid);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_box_append (GTK_BOX (box), scrolled);
  return box;
}

/* The popover holds a stack: the chooser list (when there are several features) and the
 * attributes of the chosen feature. */
static void
show_attributes (GaMapView *self,
                 GaLayer   *layer,
                 guint      feature)
{
  GtkWidget *stack = gtk_popover_get_child (GTK_POPOVER (self->popover));
  GtkWidget *old;

  ga_map_view_highlight (self, layer, feature);
  if (!GTK_IS_STACK (stack))
    {
      stack = gtk_stack_new ();
      gtk_stack_set_vhomogeneous (GTK_STACK (stack), FALSE);
      gtk_stack_set_hhomogeneous (GTK_STACK (stack), FALSE);
      gtk_popover_set_child (GTK_POPOVER (self->popover), stack);
    }
  old = gtk_stack_get_child_by_name (GTK_STACK (stack), "attributes");
  if (old)
    gtk_widget_set_name (old, "old-attributes");
  gtk_stack_add_named (GTK_STACK (stack), attributes_widget (layer, feature), "attributes");
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "attributes");
  if (old)
    gtk_stack_remove (GTK_STACK (stack), old);
}

static gboolean
show_chosen_idle_cb (gpointer user_data)
{
  GaMapView *self = user_data;
  g_autoptr(GaLayer) layer = g_steal_pointer (&self->chosen_layer);

  self->chosen_idle = 0;
  if (layer)
    show_attributes (self, layer, self->chosen_feature);
  return G_SOURCE_REMOVE;
}

/* The list is replaced by the attributes: not while it is still handling the click. */
static void
on_choice_activated_cb (GtkListBox    *list,
                        GtkListBoxRow *row,
                        GaMapView     *self)
{
  g_set_object (&self->chosen_layer, g_object_get_data (G_OBJECT (row), "ga-layer"));
  self->chosen_feature = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "ga-feature"));
  if (self->chosen_idle == 0)
    self->chosen_idle = g_idle_add (show_chosen_idle_cb, self);
}

static void
on_popover_closed_cb (GtkPopover *popover,
                      GaMapView  *self)
{
  ga_map_view_highlight (self, NULL, 0);
}

static void
on_click_pressed_cb (GtkGestureClick *gesture,
                     int              n_press,
                     double           x,
                     double           y,
                     GaMapView       *self)
{
  self->press_x = x;
  self->press_y = y;
}

static void
on_click_released_cb (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      GaMapView       *self)
{
  /* A drag (pan) is not a click; a double click zooms. */
  if (n_press != 1 || hypot (x - self->press_x, y - self->press_y) > 4)
    return;
  ga_map_view_inspect_at (self, x, y);
}

static void
ga_map_view_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  GaMapView *self = GA_MAP_VIEW (widget);

  GTK_WIDGET_CLASS (ga_map_view_parent_class)->size_allocate (widget, width, height, baseline);
  if (self->popover)
    gtk_popover_present (GTK_POPOVER (self->popover));
}

static void
ga_map_view_dispose (GObject *object)
{
  GaMapView *self = GA_MAP_VIEW (object);

  if (self->store)
    g_signal_handlers_disconnect_by_func (self->store, on_store_items_changed_cb, self);
  if (self->viewport)
    g_signal_handlers_disconnect_by_func (self->viewport, on_viewport_notify_cb, self);
  g_clear_handle_id (&self->chosen_idle, g_source_remove);
  g_clear_object (&self->chosen_layer);
  g_clear_pointer (&self->popover, gtk_widget_unparent);
  self->legend_area = NULL;
  g_clear_handle_id (&self->label_debounce_id, g_source_remove);
  if (self->overlays)
    labels_cancel_swap (self);
  g_clear_object (&self->label_layer);
  g_clear_object (&self->label_source);
  g_clear_pointer (&self->overlays, g_ptr_array_unref);
  g_clear_object (&self->highlight);
  g_clear_object (&self->canvas);
  g_clear_object (&self->store);
  g_clear_object (&self->base_layer);
  g_clear_object (&self->base_tiles);
  if (self->base_source)
    g_clear_signal_handler (&self->failed_id, self->base_source);
  g_clear_object (&self->base_source);
  g_clear_object (&self->reference);
  g_clear_handle_id (&self->scale_settle_id, g_source_remove);
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
    case PROP_LEGEND_VISIBLE:
      g_value_set_boolean (value, ga_map_view_get_legend_visible (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ga_map_view_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  GaMapView *self = GA_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_LEGEND_VISIBLE:
      ga_map_view_set_legend_visible (self, g_value_get_boolean (value));
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
  object_class->set_property = ga_map_view_set_property;
  widget_class->size_allocate = ga_map_view_size_allocate;

  /* The key of the basemap shown ("none" for a plain background). */
  properties[PROP_BASEMAP] =
    g_param_spec_string ("basemap", NULL, NULL, "none",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether the legend panel is shown (when there are visible layers). */
  properties[PROP_LEGEND_VISIBLE] =
    g_param_spec_boolean ("legend-visible", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
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
  GtkWidget *zoom_box, *controls;
  GtkGesture *click;

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
  gtk_widget_set_visible (GTK_WIDGET (shumate_simple_map_get_scale (self->simple_map)), FALSE);

  zoom_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (zoom_box, "linked");
  gtk_widget_add_css_class (zoom_box, "osd");
  self->controls = controls = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_add_css_class (controls, "ga-zoom-buttons");
  gtk_widget_set_halign (controls, GTK_ALIGN_END);
  gtk_widget_set_valign (controls, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (controls), zoom_box);
  gtk_box_append (GTK_BOX (zoom_box),
                  make_zoom_button ("zoom-in-symbolic", "win.zoom-in", _("Zoom In")));
  gtk_box_append (GTK_BOX (zoom_box),
                  make_zoom_button ("zoom-out-symbolic", "win.zoom-out", _("Zoom Out")));
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), controls);

  /* Legend: a toggle under the zoom buttons, the panel in the top-left corner. */
  self->legend_button = gtk_toggle_button_new ();
  gtk_button_set_icon_name (GTK_BUTTON (self->legend_button), "view-list-bullet-symbolic");
  gtk_widget_set_tooltip_text (self->legend_button, _("Show Legend (L)"));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->legend_button), TRUE);
  gtk_widget_add_css_class (self->legend_button, "osd");
  gtk_widget_add_css_class (self->legend_button, "ga-legend-button");
  g_signal_connect (self->legend_button, "toggled", G_CALLBACK (on_legend_toggled_cb), self);
  gtk_box_append (GTK_BOX (controls), self->legend_button);

  self->legend_area = gtk_drawing_area_new ();
  gtk_widget_add_css_class (self->legend_area, "ga-legend-panel");
  gtk_widget_set_halign (self->legend_area, GTK_ALIGN_START);
  gtk_widget_set_valign (self->legend_area, GTK_ALIGN_START);
  gtk_widget_set_can_target (self->legend_area, FALSE);
  gtk_widget_set_visible (self->legend_area, FALSE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->legend_area), legend_draw_cb, self, NULL);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), self->legend_area);

  self->scale_area = gtk_drawing_area_new ();
  gtk_widget_add_css_class (self->scale_area, "ga-scale-bar");
  gtk_widget_set_halign (self->scale_area, GTK_ALIGN_START);
  gtk_widget_set_valign (self->scale_area, GTK_ALIGN_END);
  gtk_widget_set_can_target (self->scale_area, FALSE);
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self->scale_area),
                                      (int) SCALE_BAR_MAX_WIDTH);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->scale_area), scale_bar_height ());
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->scale_area), scale_draw_cb, self, NULL);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), self->scale_area);

  /* Inspect: a click (not a drag) on the map. */
  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_click_pressed_cb), self);
  g_signal_connect (click, "released", G_CALLBACK (on_click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->map), GTK_EVENT_CONTROLLER (click));

  self->popover = gtk_popover_new ();
  gtk_widget_add_css_class (self->popover, "ga-inspect-popover");
  gtk_popover_set_position (GTK_POPOVER (self->popover), GTK_POS_TOP);
  gtk_widget_set_parent (self->popover, GTK_WIDGET (self));
  g_signal_connect (self->popover, "closed", G_CALLBACK (on_popover_closed_cb), self);

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

  self->canvas = g_object_ref_sink (ga_overlay_canvas_new (self->viewport, self->reference));
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->canvas));
  self->highlight = g_object_ref_sink (ga_highlight_layer_new (self->viewport));
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->highlight));

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
  ShumateMapSource *map_source;

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
  map_source = ga_basemap_source_get_map_source (self->base_source);
  /* Composited with the overlays, one image per place and frame, when its tiles match
   * theirs; otherwise in a map layer of its own below them. */
  if (shumate_map_source_get_tile_size (map_source) == 256)
    {
      self->base_tiles = ga_tile_layer_new (map_source);
      ga_overlay_canvas_add_layer_bottom (self->canvas, self->base_tiles);
    }
  else
    {
      self->base_layer = g_object_ref_sink (shumate_map_layer_new (map_source, self->viewport));
      shumate_map_insert_layer_behind (self->map, SHUMATE_LAYER (self->base_layer),
                                       SHUMATE_LAYER (self->canvas));
    }
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

/* The centre and whole zoom level that show @extent with @margin in the widget, above
 * @bottom_inset pixels (covered by something, e.g. a caption band). */
static void
fit_extent (GaMapView      *self,
            const GaExtent *extent,
            double          margin,
            int             bottom_inset,
            double         *lat,
            double         *lon,
            double         *zoom)
{
  GaRenderView view;
  int width, height;
  double cy, resolution;

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (width <= 1 || height <= 1)
    {
      width = 800;
      height = 600;
    }
  bottom_inset = CLAMP (bottom_inset, 0, height / 2);

  ga_render_view_init_extent (&view, extent, width, height - bottom_inset, margin);
  /* Whole levels keep tiles crisp (an extent captured at a whole level gets that level
   * back); a point or a tiny extent stops at street level. */
  *zoom = CLAMP (floor (view.zoom + (margin > 0 ? 0.0 : 1e-6)),
                 shumate_viewport_get_min_zoom_level (self->viewport), MAX_FIT_ZOOM);
  /* The extent's centre in the middle of the uncovered part. */
  resolution = 2 * GA_MERCATOR_HALF_WORLD / (256.0 * pow (2.0, *zoom));
  cy = view.center_y - bottom_inset / 2.0 * resolution;
  *lon = view.center_x / EARTH_RADIUS * 180.0 / G_PI;
  *lat = atan (sinh (cy / EARTH_RADIUS)) * 180.0 / G_PI;
}

static void
go_to_extent (GaMapView      *self,
              const GaExtent *extent,
              double          margin,
              int             bottom_inset,
              guint           duration_ms)
{
  double lat, lon, zoom;

  fit_extent (self, extent, margin, bottom_inset, &lat, &lon, &zoom);
  if (duration_ms > 0 && gtk_widget_get_mapped (GTK_WIDGET (self->map)))
    shumate_map_go_to_full_with_duration (self->map, lat, lon, zoom, duration_ms);
  else
    {
      shumate_map_stop_go_to (self->map);
      shumate_viewport_set_zoom_level (self->viewport, zoom);
      shumate_location_set_location (SHUMATE_LOCATION (self->viewport), lat, lon);
    }
}

void
ga_map_view_zoom_to_extent (GaMapView      *self,
                            const GaExtent *extent,
                            gboolean        animate)
{
  g_return_if_fail (GA_IS_MAP_VIEW (self));
  g_return_if_fail (extent != NULL);

  if (animate)
    {
      double lat, lon, zoom;

      fit_extent (self, extent, 0.05, 0, &lat, &lon, &zoom);
      shumate_map_go_to_full_with_duration (self->map, lat, lon, zoom, 500);
    }
  else
    go_to_extent (self, extent, 0.05, 0, 0);
}

void
ga_map_view_fly_to_extent (GaMapView      *self,
                           const GaExtent *extent,
                           int             bottom_inset,
                           guint           duration_ms)
{
  g_return_if_fail (GA_IS_MAP_VIEW (self));
  g_return_if_fail (extent != NULL);

  go_to_extent (self, extent, 0.0, bottom_inset, duration_ms);
}

void
ga_map_view_set_layer_visible_animated (GaMapView *self,
                                        GaLayer   *layer,
                                        gboolean   visible,
                                        guint      duration_ms)
{
  Overlay *ov;

  g_return_if_fail (GA_IS_MAP_VIEW (self));
  g_return_if_fail (GA_IS_LAYER (layer));

  ov = find_overlay (self, layer, NULL);
  if (ov && ga_layer_get_visible (layer) != !!visible)
    ov->fade_ms = duration_ms;
  ga_layer_set_visible (layer, visible);
  if (ov)
    ov->fade_ms = 0;
}

gboolean
ga_map_view_get_layer_fading (GaMapView *self,
                              GaLayer   *layer)
{
  Overlay *ov;

  g_return_val_if_fail (GA_IS_MAP_VIEW (self), FALSE);

  ov = find_overlay (self, layer, NULL);
  return ov && ov->fade_anim != NULL;
}

void
ga_map_view_set_controls_visible (GaMapView *self,
                                  gboolean   visible)
{
  g_return_if_fail (GA_IS_MAP_VIEW (self));

  gtk_widget_set_visible (self->controls, visible);
  gtk_widget_set_visible (self->scale_area, visible);
  gtk_widget_set_visible (GTK_WIDGET (shumate_simple_map_get_license (self->simple_map)), visible);
  if (!visible)
    ga_map_view_set_legend_visible (self, FALSE);
}

void
ga_map_view_get_center (GaMapView *self,
                        double    *lat,
                        double    *lon,
                        double    *zoom)
{
  g_return_if_fail (GA_IS_MAP_VIEW (self));

  if (lat)
    *lat = shumate_location_get_latitude (SHUMATE_LOCATION (self->viewport));
  if (lon)
    *lon = shumate_location_get_longitude (SHUMATE_LOCATION (self->viewport));
  if (zoom)
    *zoom = shumate_viewport_get_zoom_level (self->viewport);
}

void
ga_map_view_set_center (GaMapView *self,
                        double     lat,
                        double     lon,
                        double     zoom)
{
  g_return_if_fail (GA_IS_MAP_VIEW (self));

  shumate_map_stop_go_to (self->map);
  shumate_viewport_set_zoom_level (self->viewport, zoom);
  shumate_location_set_location (SHUMATE_LOCATION (self->viewport), lat, lon);
}

GaTileLayer *
ga_map_view_get_overlay_layer (GaMapView *self,
                               GaLayer   *layer)
{
  Overlay *ov;

  g_return_val_if_fail (GA_IS_MAP_VIEW (self), NULL);

  ov = find_overlay (self, layer, NULL);
  return ov ? ov->map_layer : NULL;
}

GaTileLayer *
ga_map_view_get_label_layer (GaMapView *self)
{
  g_return_val_if_fail (GA_IS_MAP_VIEW (self), NULL);
  return self->label_layer;
}

GaOverlayCanvas *
ga_map_view_get_canvas (GaMapView *self)
{
  g_return_val_if_fail (GA_IS_MAP_VIEW (self), NULL);
  return self->canvas;
}

guint
ga_map_view_get_n_refreshing (GaMapView *self)
{
  guint n = 0;

  g_return_val_if_fail (GA_IS_MAP_VIEW (self), 0);

  for (guint i = 0; i < self->overlays->len; i++)
    {
      Overlay *ov = g_ptr_array_index (self->overlays, i);

      if (ov->debounce_id || ov->next_source || !overlay_ready (ov))
        n++;
    }
  if (self->label_debounce_id || self->next_label_layer)
    n++;
  return n;
}

void
ga_map_view_restyle (GaMapView *self,
                     GaLayer   *layer)
{
  Overlay *ov;

  g_return_if_fail (GA_IS_MAP_VIEW (self));

  ov = find_overlay (self, layer, NULL);
  if (ov == NULL)
    return;
  overlay_attach_style (ov);
  on_style_changed_cb (ov->style, ov);
}

GaStyle *
ga_map_view_get_drawn_style (GaMapView *self,
                             GaLayer   *layer)
{
  Overlay *ov;

  g_return_val_if_fail (GA_IS_MAP_VIEW (self), NULL);

  ov = find_overlay (self, layer, NULL);
  return ov ? ga_overlay_source_get_style (ov->source) : NULL;
}

gboolean
ga_map_view_get_legend_visible (GaMapView *self)
{
  g_return_val_if_fail (GA_IS_MAP_VIEW (self), FALSE);
  return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->legend_button));
}

void
ga_map_view_set_legend_visible (GaMapView *self,
                                gboolean   visible)
{
  g_return_if_fail (GA_IS_MAP_VIEW (self));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->legend_button), visible);
}

GtkWidget *
ga_map_view_get_legend_area (GaMapView *self)
{
  g_return_val_if_fail (GA_IS_MAP_VIEW (self), NULL);
  return self->legend_area;
}

guint
ga_map_view_hit_test (GaMapView *self,
                      double     x,
                      double     y,
                      GPtrArray *layers,
                      GArray    *features)
{
  double mx, my, tolerance;
  guint n = self->store ? ga_layer_store_get_n_layers (self->store) : 0;
  guint found = 0;

  g_return_val_if_fail (GA_IS_MAP_VIEW (self), 0);

  mercator_from_widget (self, x, y, &mx, &my);
  tolerance = HIT_TOLERANCE_PX * metres_per_pixel (self);

  /* Store position 0 is the top of the map: it answers first. */
  for (guint i = 0; i < n; i++)
    {
      GaLayer *layer = ga_layer_store_get (self->store, i);
      Overlay *ov = find_overlay (self, layer, NULL);
      GaStyle *style = ov ? ga_overlay_source_get_style (ov->source) : NULL;
      g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (guint));
      double tol = tolerance;

      if (!ga_layer_get_visible (layer))
        continue;
      /* Point symbols are bigger than a line: the pointer may be anywhere on the symbol. */
      if (ga_layer_get_geom_kind (layer) == GA_GEOM_POINT && style)
        tol += MAX (ga_style_get_point_size (style),
                    ga_style_get_kind (style) == GA_STYLE_PROPORTIONAL
                    ? ga_style_get_max_radius (style) * 0.5 : 0) * metres_per_pixel (self);
      ga_hit_test_layer (layer, style, mx, my, tol, hits);
      for (guint j = 0; j < hits->len; j++)
        {
          if (layers)
            g_ptr_array_add (layers, layer);
          if (features)
            g_array_append_val (features, g_array_index (hits, guint, j));
          found++;
        }
    }
  return found;
}

guint
ga_map_view_inspect_at (GaMapView *self,
                        double     x,
                        double     y)
{
  g_autoptr(GPtrArray) layers = g_ptr_array_new ();
  g_autoptr(GArray) features = g_array_new (FALSE, FALSE, sizeof (guint));
  GdkRectangle rect = { (int) x, (int) y, 1, 1 };
  double wx = x, wy = y;
  guint n;

  g_return_val_if_fail (GA_IS_MAP_VIEW (self), 0);

  n = ga_map_view_hit_test (self, x, y, layers, features);
  if (n == 0)
    {
      gtk_popover_popdown (GTK_POPOVER (self->popover));
      ga_map_view_highlight (self, NULL, 0);
      return 0;
    }

  gtk_popover_set_child (GTK_POPOVER (self->popover), NULL);
  if (n == 1)
    show_attributes (self, g_ptr_array_index (layers, 0), g_array_index (features, guint, 0));
  else
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *heading = gtk_label_new (_("Features Here"));
      GtkWidget *list = gtk_list_box_new ();
      GtkWidget *scrolled = gtk_scrolled_window_new ();

      gtk_widget_add_css_class (heading, "heading");
      gtk_label_set_xalign (GTK_LABEL (heading), 0);
      gtk_box_append (GTK_BOX (box), heading);
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (list), TRUE);
      gtk_widget_add_css_class (list, "boxed-list");
      gtk_widget_add_css_class (list, "ga-inspect-chooser");
      for (guint i = 0; i < n; i++)
        {
          GaLayer *layer = g_ptr_array_index (layers, i);
          guint feature = g_array_index (features, guint, i);
          Overlay *ov = find_overlay (self, layer, NULL);
          g_autofree char *title = feature_title (layer, ov ? ov->style : NULL, feature);
          GtkWidget *row = gtk_list_box_row_new ();
          GtkWidget *row_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
          GtkWidget *label = gtk_label_new (title);
          GtkWidget *sub = gtk_label_new (ga_layer_get_name (layer));

          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_label_set_xalign (GTK_LABEL (sub), 0);
          gtk_widget_add_css_class (sub, "caption");
          gtk_widget_add_css_class (sub, "dim-label");
          gtk_widget_set_margin_start (row_box, 8);
          gtk_widget_set_margin_end (row_box, 8);
          gtk_widget_set_margin_top (row_box, 6);
          gtk_widget_set_margin_bottom (row_box, 6);
          gtk_box_append (GTK_BOX (row_box), label);
          gtk_box_append (GTK_BOX (row_box), sub);
          gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), row_box);
          g_object_set_data (G_OBJECT (row), "ga-layer", layer);
          g_object_set_data (G_OBJECT (row), "ga-feature", GUINT_TO_POINTER (feature));
          gtk_list_box_append (GTK_LIST_BOX (list), row);
        }
      g_signal_connect (list, "row-activated", G_CALLBACK (on_choice_activated_cb), self);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                      GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
      gtk_box_append (GTK_BOX (box), scrolled);
      {
        GtkWidget *stack = gtk_stack_new ();

        gtk_stack_set_vhomogeneous (GTK_STACK (stack), FALSE);
        gtk_stack_set_hhomogeneous (GTK_STACK (stack), FALSE);
        gtk_stack_add_named (GTK_STACK (stack), box, "chooser");
        gtk_popover_set_child (GTK_POPOVER (self->popover), stack);
      }
      ga_map_view_highlight (self, NULL, 0);
    }

  gtk_widget_translate_coordinates (GTK_WIDGET (self->map), GTK_WIDGET (self), x, y, &wx, &wy);
  rect.x = (int) wx;
  rect.y = (int) wy;
  gtk_popover_set_pointing_to (GTK_POPOVER (self->popover), &rect);
  gtk_popover_popup (GTK_POPOVER (self->popover));
  return n;
}

GtkPopover *
ga_map_view_get_inspect_popover (GaMapView *self)
{
  g_return_val_if_fail (GA_IS_MAP_VIEW (self), NULL);
  return GTK_POPOVER (self->popover);
}

void
ga_map_view_highlight (GaMapView *self,
                       GaLayer   *layer,
                       guint      feature)
{
  g_return_if_fail (GA_IS_MAP_VIEW (self));
  ga_highlight_layer_set_feature (self->highlight, layer, feature);
}

gboolean
ga_map_view_get_highlight (GaMapView *self,
                           GaLayer  **layer,
                           guint     *feature)
{
  g_return_val_if_fail (GA_IS_MAP_VIEW (self), FALSE);

  if (layer)
    *layer = ga_highlight_layer_get_layer (self->highlight);
  if (feature)
    *feature = ga_highlight_layer_get_feature (self->highlight);
  return ga_highlight_layer_get_layer (self->highlight) != NULL;
}

void
ga_map_view_show_feature (GaMapView *self,
                          GaLayer   *layer,
                          guint      feature,
                          gboolean   animate)
{
  GaExtent extent;

  g_return_if_fail (GA_IS_MAP_VIEW (self));
  g_return_if_fail (GA_IS_LAYER (layer));

  ga_map_view_highlight (self, layer, feature);
  ga_layer_get_feature_extent (layer, feature, &extent);
  /* A point or a small feature: keep some of its surroundings in view. */
  if (extent.max_x - extent.min_x < 400 && extent.max_y - extent.min_y < 400)
    {
      double cx = (extent.min_x + extent.max_x) / 2, cy = (extent.min_y + extent.max_y) / 2;

      extent = (GaExtent) { cx - 200, cy - 200, cx + 200, cy + 200 };
    }
  ga_map_view_zoom_to_extent (self, &extent, animate);
}
