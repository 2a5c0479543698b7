/* ga-overlay-canvas.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One ShumateLayer that draws the tiles of every overlay (GaTileLayer, bottom to top) in a
 * single cairo node per frame.  With one ShumateMapLayer per overlay, GTK 4.8's cairo
 * renderer made a node, a fresh image and a composite for every tile of every layer and
 * level, plus a whole-map group for a translucent layer: about 400 tiles and 20–70 ms a
 * frame while zooming the city-scale benchmark.  Here each tile is one pixman composite
 * into the one node, with the layer's opacity applied per tile: the tiles of a layer are
 * drawn on disjoint, pixel-aligned squares, so this is exactly the layer's opacity as a
 * group (as exports composite it, ga_thematic_draw_layer), without the group.
 *
 * A tile of the current level that is not filled yet is stood in for by the part of the
 * nearest filled tile of a lower level, scaled (zooming in), or by the filled tiles of the
 * level above (zooming out): the map never shows a hole while the new tiles fill.
 *
 * Tiles are filled at the level floor(zoom), as ShumateMapLayer does, and scaled by up to
 * 2 between levels; at a whole level they are drawn 1:1 at whole pixels.
 *
 * The basemap is the bottom layer when its tiles are 256 px.  Past its source's deepest
 * level (16 for the bundled sample) its tiles of that level are asked for and a part of one,
 * scaled, goes into each merged image, so the layers above keep their own sharp tiles.
 */
#define G_LOG_DOMAIN "ga-overlay-canvas"

#include "config.h"

#include <math.h>

#include "ga-overlay-canvas.h"
#include "ga-overlay-source.h"
#include "ga-tile-ink.h"

#define TILE_SIZE 256
#define MAX_LEVEL 22
#define FALLBACK_LEVELS 6
/* Tiles a layer keeps: this many times those in view, and at least MIN_KEPT. */
#define KEPT_PER_VISIBLE 3
#define MIN_KEPT 64

/* The most layers merged into one image per tile. */
#define MAX_PARTS 16
/* Merged images made in one frame (~0.5 ms each): the places beyond wait for the next
 * frames, drawn layer by layer meanwhile.  Entering a level made 20-24 at once. */
#define MERGES_PER_FRAME 8
/* The map counts as moving until it has been still this long. */
#define STILL_MS 300

/* What one layer gives a place: (the square fx, fy, fw × fw, in fractions, of) a tile image
 * at an opacity. */
typedef struct
{
  cairo_surface_t *surface;
  double           fx, fy, fw;
  double           alpha;
} Part;

/* The tiles of every layer at one place, composited once into one image. */
typedef struct
{
  guint64          key;
  cairo_surface_t *image;
  Part             parts[MAX_PARTS];   /* surfaces referenced: what the image was made of */
  guint            n_parts;
  guint64          used;               /* frame */
  guint64          made;               /* frame */
} Merged;

struct _GaOverlayCanvas
{
  ShumateLayer      parent_instance;
  ShumateMapSource *reference;
  GPtrArray        *layers;    /* GaTileLayer, bottom to top */
  GPtrArray        *drawn;     /* GaTileLayer shown in the last frame (not owned) */
  guint             request_id;
  GHashTable       *merged;    /* guint64 key → Merged */
  guint64           frame;
  guint             merges_left;  /* in this frame */
  gboolean          deferred;     /* a place waits for its merge: draw again */
  guint             redraw_id;
  guint             still_id;     /* the map has not moved for STILL_MS */
  int               moving_w, moving_h;  /* the node's largest size since the map moved */
  guint             n_made;       /* merged images made so far */
  guint             n_drawn_merged;  /* places drawn from a merged image, last frame */
};

G_DEFINE_FINAL_TYPE (GaOverlayCanvas, ga_overlay_canvas, SHUMATE_TYPE_LAYER)

/* The tiles in view: level z, columns x0..x1 (unwrapped), rows y0..y1; a tile (x, y) is
 * drawn at (ox + x × ts, oy + y × ts) in widget pixels. */
typedef struct
{
  int    z;
  int    x0, y0, x1, y1;
  double ox, oy, ts;
  double cx, cy;       /* the centre, in level-z tiles */
  double half_w, half_h;
  gboolean exact;      /* a whole level at whole pixels: tiles are copied 1:1 */
} Grid;

/* One tile image (or the part sx, sy, sw × sw of it) onto a pixel-aligned rectangle. */
typedef struct
{
  cairo_surface_t *surface;
  double           sx, sy, sw;
  int              rx, ry, rw, rh;
  double           alpha;
  gboolean         exact;
  gboolean         nearest;
} Op;

/* Widens the box (@bx0, @by0)–(@bx1, @by1) by where @op puts ink: its rectangle, cut to the
 * ink of the part of its image it shows, with a pixel more on each side for the filter of
 * a scaled copy (in the image and on the screen). */
static void
op_ink_bounds (const Op *op,
               int      *bx0,
               int      *by0,
               int      *bx1,
               int      *by1)
{
  const GaInk *ink = ga_tile_ink_get (op->surface);
  double fx = op->rw / op->sw, fy = op->rh / op->sw;
  double x0 = MAX (ink->x0 - 1, op->sx), x1 = MIN (ink->x1 + 1, op->sx + op->sw);
  double y0 = MAX (ink->y0 - 1, op->sy), y1 = MIN (ink->y1 + 1, op->sy + op->sw);
  int ix0, iy0, ix1, iy1;

  if (x1 <= x0 || y1 <= y0)
    return;
  ix0 = MAX (op->rx, (int) floor (op->rx + (x0 - op->sx) * fx) - 1);
  iy0 = MAX (op->ry, (int) floor (op->ry + (y0 - op->sy) * fy) - 1);
  ix1 = MIN (op->rx + op->rw, (int) ceil (op->rx + (x1 - op->sx) * fx) + 1);
  iy1 = MIN (op->ry + op->rh, (int) ceil (op->ry + (y1 - op->sy) * fy) + 1);
  *bx0 = MIN (*bx0, ix0);
  *by0 = MIN (*by0, iy0);
  *bx1 = MAX (*bx1, ix1);
  *by1 = MAX (*by1, iy1);
}

static int
positive_mod (int i,
              int n)
{
  return (i % n + n) % n;
}

/* Levels up to 22 and columns up to 2^22, as GaTileLayer keys them. */
static guint64
make_key (int z,
          int x,
          int y)
{
  return ((guint64) z << 48) | ((guint64) (guint32) x << 24) | (guint64) (guint32) y;
}

static void
merged_free (gpointer data)
{
  Merged *m = data;

  g_clear_pointer (&m->image, cairo_surface_destroy);
  for (guint i = 0; i < m->n_parts; i++)
    cairo_surface_destroy (m->parts[i].surface);
  g_free (m);
}

static gboolean
merged_matches (const Merged *m,
                const Part   *parts,
                guint         n_parts)
{
  if (m->n_parts != n_parts)
    return FALSE;
  for (guint i = 0; i < n_parts; i++)
    if (m->parts[i].surface != parts[i].surface || m->parts[i].alpha != parts[i].alpha
        || m->parts[i].fx != parts[i].fx || m->parts[i].fy != parts[i].fy
        || m->parts[i].fw != parts[i].fw)
      return FALSE;
  return TRUE;
}

/* The layers' tiles at @key composited into one image, made once while they stay the same.
 * NULL when it was made again in the previous frame (they change on every frame, a fade:
 * merging would then cost more than it saves) or this frame's merges are used up: the
 * caller draws the layers one by one, and the canvas draws again soon. */
static cairo_surface_t *
merged_get (GaOverlayCanvas *self,
            guint64          key,
            const Part      *parts,
            guint            n_parts)
{
  Merged *m = g_hash_table_lookup (self->merged, &key);
  cairo_t *cr;

  if (m != NULL && merged_matches (m, parts, n_parts))
    {
      m->used = self->frame;
      return m->image;
    }
  /* Made again in the previous frame already (a fade): every other frame, and the places
   * in between drawn layer by layer. */
  if (m != NULL && m->made + 1 == self->frame)
    {
      self->deferred = TRUE;
      return NULL;
    }
  if (self->merges_left == 0)
    {
      self->deferred = TRUE;
      return NULL;
    }
  self->merges_left--;
  self->n_made++;
  if (m == NULL)
    {
      m = g_new0 (Merged, 1);
      m->key = key;
      g_hash_table_insert (self->merged, &m->key, m);
    }
  g_clear_pointer (&m->image, cairo_surface_destroy);
  for (guint i = 0; i < m->n_parts; i++)
    cairo_surface_destroy (m->parts[i].surface);
  m->image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, TILE_SIZE, TILE_SIZE);
  cr = cairo_create (m->image);
  for (guint i = 0; i < n_parts; i++)
    {
      const Part *part = &parts[i];
      double side = part->fw * cairo_image_surface_get_width (part->surface);

      m->parts[i] = *part;
      cairo_surface_reference (part->surface);
      cairo_save (cr);
      /* a part of a tile of a lower level (a basemap past its deepest level), or another
       * tile size: scaled once, here */
      if (side != TILE_SIZE && side > 0)
        cairo_scale (cr, TILE_SIZE / side, TILE_SIZE / side);
      cairo_set_source_surface (cr, part->surface,
                                -part->fx * cairo_image_surface_get_width (part->surface),
                                -part->fy * cairo_image_surface_get_width (part->surface));
      cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
      if (part->alpha >= 1.0)
        cairo_paint (cr);
      else
        cairo_paint_with_alpha (cr, part->alpha);
      cairo_restore (cr);
    }
  cairo_destroy (cr);
  m->n_parts = n_parts;
  m->used = m->made = self->frame;
  return m->image;
}

/* Keeps the merged images of this frame and, within @max, the newest others. */
static void
merged_trim (GaOverlayCanvas *self,
             guint            max)
{
  GHashTableIter iter;
  gpointer value;

  if (g_hash_table_size (self->merged) <= max)
    return;
  g_hash_table_iter_init (&iter, self->merged);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((Merged *) value)->used + 1 < self->frame)
      g_hash_table_iter_remove (&iter);
  if (g_hash_table_size (self->merged) <= max)
    return;
  g_hash_table_iter_init (&iter, self->merged);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((Merged *) value)->used < self->frame)
      g_hash_table_iter_remove (&iter);
}

enum
{
  INCOMPLETE,   /* some layer has no filled tile there */
  UNMERGED,     /* all filled, but changing on every frame */
  MERGED
};

/* The tiles of all @shown layers at (@z, @x, @y) as one image (*@image: NULL where all are
 * empty).  A layer past its source's deepest level (a basemap) gives the part of its tile
 * there. */
static int
merged_at (GaOverlayCanvas  *self,
           GPtrArray        *shown,
           int               z,
           int               x,
           int               y,
           cairo_surface_t **image)
{
  Part parts[MAX_PARTS];
  guint n_parts = 0;
  gboolean complete = TRUE;

  for (guint i = 0; i < shown->len; i++)
    {
      GaTileLayer *layer = g_ptr_array_index (shown, i);
      ShumateMapSource *source = ga_tile_layer_get_source (layer);
      int zl = MIN (z, (int) shumate_map_source_get_max_zoom_level (source)), dz = z - zl;
      cairo_surface_t *surface;

      if (z < (int) shumate_map_source_get_min_zoom_level (source) || dz > FALLBACK_LEVELS)
        continue;   /* nothing to draw at this level */
      if (!ga_tile_layer_lookup (layer, zl, x >> dz, y >> dz, &surface))
        {
          complete = FALSE;
          continue;
        }
      if (surface == NULL || n_parts == MAX_PARTS)
        {
          complete &= surface == NULL;
          continue;
        }
      parts[n_parts].surface = surface;
      parts[n_parts].fw = 1.0 / (1 << dz);
      parts[n_parts].fx = (x & ((1 << dz) - 1)) * parts[n_parts].fw;
      parts[n_parts].fy = (y & ((1 << dz) - 1)) * parts[n_parts].fw;
      parts[n_parts++].alpha = ga_tile_layer_get_opacity (layer);
    }
  if (!complete)
    return INCOMPLETE;
  if (n_parts == 0)
    *image = NULL;
  else if (n_parts == 1 && parts[0].alpha >= 1.0 && parts[0].fw == 1.0)
    *image = parts[0].surface;
  else if ((*image = merged_get (self, make_key (z, x, y), parts, n_parts)) == NULL)
    return UNMERGED;
  else
    self->n_drawn_merged++;
  return MERGED;
}

static gboolean
compute_grid (GaOverlayCanvas *self,
              Grid            *g)
{
  GtkWidget *widget = GTK_WIDGET (self);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double zoom, scale, rotation, px, py;

  if (width <= 0 || height <= 0 || viewport == NULL)
    return FALSE;

  zoom = shumate_viewport_get_zoom_level (viewport);
  g->z = CLAMP ((int) floor (zoom + 1e-9), 0, MAX_LEVEL);
  scale = exp2 (zoom - g->z);
  px = shumate_map_source_get_x (self->reference, g->z,
                                 shumate_location_get_longitude (SHUMATE_LOCATION (viewport)));
  py = shumate_map_source_get_y (self->reference, g->z,
                                 shumate_location_get_latitude (SHUMATE_LOCATION (viewport)));
  rotation = shumate_viewport_get_rotation (viewport);
  /* Half the size of what a rotated view shows, upright. */
  g->half_w = MAX (fabs (cos (rotation) * width / 2.0 - sin (rotation) * height / 2.0),
                   fabs (cos (rotation) * -width / 2.0 - sin (rotation) * height / 2.0));
  g->half_h = MAX (fabs (sin (rotation) * width / 2.0 + cos (rotation) * height / 2.0),
                   fabs (sin (rotation) * -width / 2.0 + cos (rotation) * height / 2.0));

  g->ts = TILE_SIZE * scale;
  g->exact = fabs (scale - 1.0) < 1e-9;
  g->ox = width / 2.0 - px * scale;
  g->oy = height / 2.0 - py * scale;
  if (g->exact)
    {
      g->ts = TILE_SIZE;
      g->ox = round (g->ox);
      g->oy = round (g->oy);
    }
  g->cx = px / TILE_SIZE;
  g->cy = py / TILE_SIZE;
  g->x0 = (int) floor ((width / 2.0 - g->half_w - g->ox) / g->ts);
  g->x1 = (int) floor ((width / 2.0 + g->half_w - g->ox) / g->ts);
  g->y0 = (int) floor ((height / 2.0 - g->half_h - g->oy) / g->ts);
  g->y1 = (int) floor ((height / 2.0 + g->half_h - g->oy) / g->ts);
  return TRUE;
}

/* @v / 2^@dz rounded down, negative columns included. */
static int
floor_shift (int v,
             int dz)
{
  return (int) floor ((double) v / (1 << dz));
}

static gboolean
request_cb (gpointer user_data)
{
  GaOverlayCanvas *self = user_data;
  Grid g;
  guint n, kept;

  self->request_id = 0;
  if (!compute_grid (self, &g))
    return G_SOURCE_REMOVE;
  n = (guint) ((g.x1 - g.x0 + 1) * (g.y1 - g.y0 + 1));
  kept = MAX (n * KEPT_PER_VISIBLE, MIN_KEPT);
  for (guint i = 0; i < self->layers->len; i++)
    {
      GaTileLayer *layer = g_ptr_array_index (self->layers, i);

      ShumateMapSource *source = ga_tile_layer_get_source (layer);
      int zmin = (int) shumate_map_source_get_min_zoom_level (source);
      int zmax = (int) shumate_map_source_get_max_zoom_level (source);
      int z = MIN (g.z, zmax), dz = g.z - z;

      /* At opacity 0 too: a replacement fills under cover before it is shown.  Past its
       * deepest level a source's tiles are asked for at that level (and drawn scaled). */
      if (ga_tile_layer_get_visible (layer) && g.z >= zmin && dz <= FALLBACK_LEVELS)
        ga_tile_layer_request (layer, z, floor_shift (g.x0, dz), floor_shift (g.y0, dz),
                               floor_shift (g.x1, dz), floor_shift (g.y1, dz),
                               g.cx / (1 << dz), g.cy / (1 << dz), kept);
    }
  return G_SOURCE_REMOVE;
}

/* Tiles are asked for before the next frame is drawn, once however many changes come. */
static void
queue_request (GaOverlayCanvas *self)
{
  if (self->request_id == 0)
    self->request_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, request_cb, self, NULL);
}

/* The part (@fx, @fy, @fw × @fw, in fractions of the tile) of a tile image of any size. */
static void
add_op (GArray          *ops,
        cairo_surface_t *surface,
        double           fx,
        double           fy,
        double           fw,
        int              rx,
        int              ry,
        int              rw,
        int              rh,
        double           alpha,
        gboolean         exact)
{
  Op op = { surface, 0, 0, 0, rx, ry, rw, rh, alpha, exact, FALSE };
  int size;

  if (surface == NULL || rw <= 0 || rh <= 0)
    return;
  size = cairo_image_surface_get_width (surface);
  op.sx = fx * size;
  op.sy = fy * size;
  op.sw = fw * size;
  /* 1:1 only for a 256-px image */
  op.exact = exact && size == TILE_SIZE && fw == 1.0;
  g_array_append_val (ops, op);
}

/* What stands for the tile (z, x, y) on the square (rx, ry, rw, rh): itself, else the part of
 * the nearest filled tile of a lower level, else the filled quarters from the level above. */
static void
collect_position (GaTileLayer *layer,
                  GArray      *ops,
                  int          z,
                  int          x,
                  int          y,
                  int          rx,
                  int          ry,
                  int          rw,
                  int          rh,
                  double       alpha,
                  gboolean     exact)
{
  cairo_surface_t *surface;
  guint first = ops->len;
  int mx, my;

  if (ga_tile_layer_lookup (layer, z, x, y, &surface))
    {
      add_op (ops, surface, 0, 0, 1, rx, ry, rw, rh, alpha, exact);
      return;
    }
  for (int dz = 1; dz <= FALLBACK_LEVELS && z - dz >= 0; dz++)
    if (ga_tile_layer_lookup (layer, z - dz, x >> dz, y >> dz, &surface))
      {
        double part = 1.0 / (1 << dz);
        int mask = (1 << dz) - 1;

        add_op (ops, surface, (x & mask) * part, (y & mask) * part, part, rx, ry, rw, rh,
                alpha, FALSE);
        goto nearest;
      }
  if (z >= MAX_LEVEL)
    return;
  mx = rw / 2;
  my = rh / 2;
  for (int q = 0; q < 4; q++)
    {
      int qx = q & 1, qy = q >> 1;

      if (ga_tile_layer_lookup (layer, z + 1, 2 * x + qx, 2 * y + qy, &surface))
        add_op (ops, surface, 0, 0, 1, rx + qx * mx, ry + qy * my,
                qx ? rw - mx : mx, qy ? rh - my : my, alpha, FALSE);
    }

nearest:
  /* Each layer scaled on its own, with its opacity, is what pixman does slowest: these
   * stand-ins last only until the tiles fill, so they are scaled the fast way. */
  for (guint i = first; i < ops->len; i++)
    g_array_index (ops, Op, i).nearest = TRUE;
}

static void
paint_op (cairo_t  *cr,
          const Op *op)
{
  cairo_save (cr);
  cairo_rectangle (cr, op->rx, op->ry, op->rw, op->rh);
  cairo_clip (cr);
  cairo_translate (cr, op->rx, op->ry);
  if (!op->exact)
    cairo_scale (cr, op->rw / op->sw, op->rh / op->sw);
  cairo_set_source_surface (cr, op->surface, -op->sx, -op->sy);
  /* Scaled only between whole levels or while the new level fills: cairo's GOOD filter
   * would run a convolution for every shrunk tile on every frame. */
  cairo_pattern_set_filter (cairo_get_source (cr),
                            op->exact || op->nearest ? CAIRO_FILTER_NEAREST
                                                     : CAIRO_FILTER_BILINEAR);
  cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
  if (op->alpha >= 1.0)
    cairo_paint (cr);
  else
    cairo_paint_with_alpha (cr, op->alpha);
  cairo_restore (cr);
}

static gboolean
redraw_cb (gpointer user_data)
{
  GaOverlayCanvas *self = user_data;

  self->redraw_id = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

static gboolean
still_cb (gpointer user_data)
{
  GaOverlayCanvas *self = user_data;

  self->still_id = 0;
  ga_overlay_source_set_interacting (FALSE);
  return G_SOURCE_REMOVE;
}

static void
on_viewport_notify_cb (ShumateViewport *viewport,
                       GParamSpec      *pspec,
                       GaOverlayCanvas *self)
{
  /* While the map moves, tiles are drawn on one core fewer: the frames keep one. */
  ga_overlay_source_set_interacting (TRUE);
  g_clear_handle_id (&self->still_id, g_source_remove);
  self->still_id = g_timeout_add (STILL_MS, still_cb, self);
  queue_request (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
layer_shown (GaTileLayer *layer)
{
  return ga_tile_layer_get_visible (layer) && ga_tile_layer_get_opacity (layer) > 0;
}

/* A change to @layer changes the picture only if the layer shows now or did in the last
 * frame.  Not drawing for the others matters over a basemap, where every frame of the
 * canvas paints the whole map: a hidden layer added (while its style is prepared) or
 * filling under cover at opacity 0 would repaint it, and in the frame where the sidebar
 * gets its rows too, the whole window. */
static void
redraw_for (GaOverlayCanvas *self,
            GaTileLayer     *layer)
{
  if (layer_shown (layer) || g_ptr_array_find (self->drawn, layer, NULL))
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_layer_changed_cb (GaTileLayer     *layer,
                     GaOverlayCanvas *self)
{
  queue_request (self);
  redraw_for (self, layer);
}

static void
ga_overlay_canvas_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  GaOverlayCanvas *self = GA_OVERLAY_CANVAS (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  g_autoptr(GArray) ops = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  guint n_positions = 0;
  int n, bx0 = G_MAXINT, by0 = G_MAXINT, bx1 = G_MININT, by1 = G_MININT;
  double rotation;
  cairo_t *cr;
  Grid g;

  g_ptr_array_set_size (self->drawn, 0);
  if (!compute_grid (self, &g))
    return;
  n = 1 << g.z;

  self->frame++;
  self->merges_left = MERGES_PER_FRAME;
  self->deferred = FALSE;
  self->n_drawn_merged = 0;
  ops = g_array_new (FALSE, FALSE, sizeof (Op));
  shown = g_ptr_array_sized_new (self->layers->len);
  for (guint i = 0; i < self->layers->len; i++)
    {
      GaTileLayer *layer = g_ptr_array_index (self->layers, i);

      if (layer_shown (layer))
        g_ptr_array_add (shown, layer);
    }
  g_ptr_array_extend (self->drawn, shown, NULL, NULL);
  for (int y = MAX (g.y0, 0); y <= MIN (g.y1, n - 1); y++)
    for (int x = g.x0; x <= g.x1; x++)
      {
        int rx0 = (int) round (g.ox + x * g.ts), rx1 = (int) round (g.ox + (x + 1) * g.ts);
        int ry0 = (int) round (g.oy + y * g.ts), ry1 = (int) round (g.oy + (y + 1) * g.ts);
        int wx = positive_mod (x, n);
        int w = rx1 - rx0, h = ry1 - ry0;
        cairo_surface_t *image = NULL;
        int state = merged_at (self, shown, g.z, wx, y, &image);
        gboolean done = FALSE;

        n_positions++;
        if (state == MERGED)
          {
            add_op (ops, image, 0, 0, 1, rx0, ry0, w, h, 1.0, g.exact);
            continue;
          }
        /* Stand-ins while the tiles fill, merged too when every layer has them (also while
         * some layers have their own tile here already: one scaled image costs less than
         * each layer on its own, and it lasts only until the place is complete): the part
         * of a tile of a lower level (zooming in) ... */
        for (int dz = 1; state == INCOMPLETE && dz <= FALLBACK_LEVELS && g.z - dz >= 0; dz++)
          {
            double part = 1.0 / (1 << dz);
            int mask = (1 << dz) - 1;

            state = merged_at (self, shown, g.z - dz, wx >> dz, y >> dz, &image);
            if (state == MERGED)
              {
                add_op (ops, image, (wx & mask) * part, (y & mask) * part, part, rx0, ry0, w, h,
                        1.0, FALSE);
                done = TRUE;
              }
          }
        /* ... or the four tiles of the level above (zooming out). */
        if (!done && g.z < MAX_LEVEL)
          {
            cairo_surface_t *quarters[4];
            int q;

            for (q = 0; q < 4; q++)
              if (merged_at (self, shown, g.z + 1, 2 * wx + (q & 1), 2 * y + (q >> 1),
                             &quarters[q]) != MERGED)
                break;
            for (int i = 0; q == 4 && i < 4; i++)
              {
                int qx = i & 1, qy = i >> 1;

                add_op (ops, quarters[i], 0, 0, 1, rx0 + qx * (w / 2), ry0 + qy * (h / 2),
                        qx ? w - w / 2 : w / 2, qy ? h - h / 2 : h / 2, 1.0, FALSE);
              }
            done = q == 4;
          }
        if (done)
          continue;
        /* Else each layer on its own, with stand-ins for the tiles not filled yet. */
        for (guint i = 0; i < shown->len; i++)
          {
            GaTileLayer *layer = g_ptr_array_index (shown, i);

            collect_position (layer, ops, g.z, wx, y, rx0, ry0, w, h,
                              ga_tile_layer_get_opacity (layer), g.exact);
          }
      }
  merged_trim (self, 2 * n_positions + 16);
  /* Places drawn layer by layer this frame get their merged image in the next ones, even
   * if nothing else changes meanwhile. */
  if (self->deferred && self->redraw_id == 0)
    self->redraw_id = g_idle_add (redraw_cb, self);
  if (ops->len == 0)
    return;

  /* The node covers only what is drawn: its image is made and composited every frame. */
  for (guint i = 0; i < ops->len; i++)
    op_ink_bounds (&g_array_index (ops, Op, i), &bx0, &by0, &bx1, &by1);
  if (bx1 <= bx0 || by1 <= by0)
    return;   /* only transparent pixels */
  rotation = shumate_viewport_get_rotation (viewport);
  if (rotation == 0)
    {
      int ww = gtk_widget_get_width (widget), wh = gtk_widget_get_height (widget);

      bx0 = MAX (bx0, 0);
      by0 = MAX (by0, 0);
      bx1 = MIN (bx1, ww);
      by1 = MIN (by1, wh);
      if (bx1 <= bx0 || by1 <= by0)
        return;
      /* While the map moves, the node keeps the largest size it had since the map last
       * stood still, around what is drawn now: a zoom out and in again then paints into
       * the frame buffers it had, not into larger, fresh ones. */
      if (self->still_id != 0)
        {
          int gw = MAX (0, MIN (ww, self->moving_w) - (bx1 - bx0));
          int gh = MAX (0, MIN (wh, self->moving_h) - (by1 - by0));

          bx0 -= gw / 2;
          bx1 += gw - gw / 2;
          by0 -= gh / 2;
          by1 += gh - gh / 2;
          if (bx0 < 0)
            bx1 -= bx0, bx0 = 0;
          if (bx1 > ww)
            bx0 -= bx1 - ww, bx1 = ww;
          if (by0 < 0)
            by1 -= by0, by0 = 0;
          if (by1 > wh)
            by0 -= by1 - wh, by1 = wh;
          self->moving_w = MAX (self->moving_w, bx1 - bx0);
          self->moving_h = MAX (self->moving_h, by1 - by0);
        }
      else
        {
          self->moving_w = bx1 - bx0;
          self->moving_h = by1 - by0;
        }
    }
  else
    {
      double w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (w / 2, h / 2));
      gtk_snapshot_rotate (snapshot, rotation * 180 / G_PI);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-w / 2, -h / 2));
    }

  cr = gtk_snapshot_append_cairo (snapshot,
                                  &GRAPHENE_RECT_INIT (bx0, by0, bx1 - bx0, by1 - by0));
  for (guint i = 0; i < ops->len; i++)
    paint_op (cr, &g_array_index (ops, Op, i));
  cairo_destroy (cr);

  if (rotation != 0)
    gtk_snapshot_restore (snapshot);
}

static void
ga_overlay_canvas_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  queue_request (GA_OVERLAY_CANVAS (widget));
}

static void
ga_overlay_canvas_constructed (GObject *object)
{
  GaOverlayCanvas *self = GA_OVERLAY_CANVAS (object);

  G_OBJECT_CLASS (ga_overlay_canvas_parent_class)->constructed (object);
  g_signal_connect_object (shumate_layer_get_viewport (SHUMATE_LAYER (self)), "notify",
                           G_CALLBACK (on_viewport_notify_cb), self, 0);
}

static void
ga_overlay_canvas_dispose (GObject *object)
{
  GaOverlayCanvas *self = GA_OVERLAY_CANVAS (object);

  g_clear_handle_id (&self->request_id, g_source_remove);
  g_clear_handle_id (&self->redraw_id, g_source_remove);
  if (self->still_id != 0)
    {
      g_clear_handle_id (&self->still_id, g_source_remove);
      ga_overlay_source_set_interacting (FALSE);
    }
  if (self->layers)
    for (guint i = 0; i < self->layers->len; i++)
      {
        GaTileLayer *layer = g_ptr_array_index (self->layers, i);

        g_signal_handlers_disconnect_by_data (layer, self);
        ga_tile_layer_clear (layer);
      }
  g_clear_pointer (&self->layers, g_ptr_array_unref);
  g_clear_pointer (&self->drawn, g_ptr_array_unref);
  g_clear_pointer (&self->merged, g_hash_table_unref);
  g_clear_object (&self->reference);
  G_OBJECT_CLASS (ga_overlay_canvas_parent_class)->dispose (object);
}

static void
ga_overlay_canvas_class_init (GaOverlayCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ga_overlay_canvas_constructed;
  object_class->dispose = ga_overlay_canvas_dispose;
  widget_class->snapshot = ga_overlay_canvas_snapshot;
  widget_class->size_allocate = ga_overlay_canvas_size_allocate;
}

static void
ga_overlay_canvas_init (GaOverlayCanvas *self)
{
  self->layers = g_ptr_array_new_with_free_func (g_object_unref);
  self->drawn = g_ptr_array_new ();
  self->merged = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, merged_free);
}

GaOverlayCanvas *
ga_overlay_canvas_new (ShumateViewport  *viewport,
                       ShumateMapSource *reference)
{
  GaOverlayCanvas *self;

  g_return_val_if_fail (SHUMATE_IS_VIEWPORT (viewport), NULL);
  g_return_val_if_fail (SHUMATE_IS_MAP_SOURCE (reference), NULL);

  self = g_object_new (GA_TYPE_OVERLAY_CANVAS, "viewport", viewport, NULL);
  self->reference = g_object_ref (reference);
  return self;
}

/* Out of the stack without dropping its tiles (it goes back in elsewhere). */
static gboolean
take_out (GaOverlayCanvas *self,
          GaTileLayer     *layer)
{
  guint index;

  if (!g_ptr_array_find (self->layers, layer, &index))
    return FALSE;
  g_signal_handlers_disconnect_by_func (layer, on_layer_changed_cb, self);
  g_ptr_array_remove_index (self->layers, index);
  g_ptr_array_remove_fast (self->drawn, layer);
  return TRUE;
}

/* Puts @layer (taken out first if it is in) on top, or right above @sibling, or at the
 * bottom when @sibling is NULL. */
static void
put_layer (GaOverlayCanvas *self,
           GaTileLayer     *layer,
           gboolean         on_top,
           GaTileLayer     *sibling)
{
  g_autoptr(GaTileLayer) keep = g_object_ref (layer);
  gboolean was_drawn = g_ptr_array_find (self->drawn, layer, NULL);
  guint index = 0;

  take_out (self, layer);
  if (on_top)
    index = self->layers->len;
  else if (sibling != NULL)
    {
      if (g_ptr_array_find (self->layers, sibling, &index))
        index++;
      else
        {
          g_critical ("%s: the sibling is not in the canvas", G_STRFUNC);
          index = self->layers->len;
        }
    }
  g_ptr_array_insert (self->layers, (int) index, g_object_ref (layer));
  g_signal_connect (layer, "changed", G_CALLBACK (on_layer_changed_cb), self);
  queue_request (self);
  /* A new layer has no tile yet and changes nothing on the map: its first tile will. */
  if (was_drawn || (layer_shown (layer) && ga_tile_layer_get_n_tiles (layer) > 0))
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
ga_overlay_canvas_add_layer (GaOverlayCanvas *self,
                             GaTileLayer     *layer)
{
  g_return_if_fail (GA_IS_OVERLAY_CANVAS (self));
  g_return_if_fail (GA_IS_TILE_LAYER (layer));
  put_layer (self, layer, TRUE, NULL);
}

void
ga_overlay_canvas_add_layer_bottom (GaOverlayCanvas *self,
                                    GaTileLayer     *layer)
{
  g_return_if_fail (GA_IS_OVERLAY_CANVAS (self));
  g_return_if_fail (GA_IS_TILE_LAYER (layer));
  put_layer (self, layer, FALSE, NULL);
}

void
ga_overlay_canvas_insert_layer_above (GaOverlayCanvas *self,
                                      GaTileLayer     *layer,
                                      GaTileLayer     *sibling)
{
  g_return_if_fail (GA_IS_OVERLAY_CANVAS (self));
  g_return_if_fail (GA_IS_TILE_LAYER (layer));
  g_return_if_fail (GA_IS_TILE_LAYER (sibling));
  put_layer (self, layer, FALSE, sibling);
}

void
ga_overlay_canvas_remove_layer (GaOverlayCanvas *self,
                                GaTileLayer     *layer)
{
  g_autoptr(GaTileLayer) keep = NULL;

  g_return_if_fail (GA_IS_OVERLAY_CANVAS (self));
  g_return_if_fail (GA_IS_TILE_LAYER (layer));

  keep = g_object_ref (layer);
  redraw_for (self, layer);
  if (!take_out (self, layer))
    return;
  ga_tile_layer_clear (layer);
}

gboolean
ga_overlay_canvas_has_layer (GaOverlayCanvas *self,
                             GaTileLayer     *layer)
{
  g_return_val_if_fail (GA_IS_OVERLAY_CANVAS (self), FALSE);
  return g_ptr_array_find (self->layers, layer, NULL);
}

guint
ga_overlay_canvas_get_n_layers (GaOverlayCanvas *self)
{
  g_return_val_if_fail (GA_IS_OVERLAY_CANVAS (self), 0);
  return self->layers->len;
}

GaTileLayer *
ga_overlay_canvas_get_layer (GaOverlayCanvas *self,
                             guint            index)
{
  g_return_val_if_fail (GA_IS_OVERLAY_CANVAS (self), NULL);
  g_return_val_if_fail (index < self->layers->len, NULL);
  return g_ptr_array_index (self->layers, index);
}

int
ga_overlay_canvas_get_position (GaOverlayCanvas *self,
                                GaTileLayer     *layer)
{
  guint index;

  g_return_val_if_fail (GA_IS_OVERLAY_CANVAS (self), -1);
  return g_ptr_array_find (self->layers, layer, &index) ? (int) index : -1;
}

guint
ga_overlay_canvas_get_n_merged (GaOverlayCanvas *self)
{
  g_return_val_if_fail (GA_IS_OVERLAY_CANVAS (self), 0);
  return g_hash_table_size (self->merged);
}

guint
ga_overlay_canvas_get_n_merges_made (GaOverlayCanvas *self)
{
  g_return_val_if_fail (GA_IS_OVERLAY_CANVAS (self), 0);
  return self->n_made;
}

guint
ga_overlay_canvas_get_n_drawn_merged (GaOverlayCanvas *self)
{
  g_return_val_if_fail (GA_IS_OVERLAY_CANVAS (self), 0);
  return self->n_drawn_merged;
}

guint
ga_overlay_canvas_get_n_tiles (GaOverlayCanvas *self)
{
  guint n = 0;

  g_return_val_if_fail (GA_IS_OVERLAY_CANVAS (self), 0);
  for (guint i = 0; i < self->layers->len; i++)
    n += ga_tile_layer_get_n_tiles (g_ptr_array_index (self->layers, i));
  return n;
}

guint64
ga_overlay_canvas_get_n_frames (GaOverlayCanvas *self)
{
  g_return_val_if_fail (GA_IS_OVERLAY_CANVAS (self), 0);
  return self->frame;
}
