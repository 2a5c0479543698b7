/* ga-hit-test.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ga-hit-test"

#include "config.h"

#include <math.h>

#include "ga-hit-test.h"

static double
segment_distance (double px,
                  double py,
                  double ax,
                  double ay,
                  double bx,
                  double by)
{
  double dx = bx - ax, dy = by - ay;
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;

  t = CLAMP (t, 0.0, 1.0);
  return hypot (px - (ax + t * dx), py - (ay + t * dy));
}

gboolean
ga_hit_test_feature (GaLayer *layer,
                     guint    feature,
                     double   x,
                     double   y,
                     double   tolerance)
{
  GaGeomKind kind = ga_layer_get_feature_kind (layer, feature);
  guint n_parts = ga_layer_get_n_parts (layer, feature);
  gboolean inside = FALSE;

  for (guint p = 0; p < n_parts; p++)
    {
      guint n = 0;
      const double *c = ga_layer_get_part (layer, feature, p, &n);

      if (n == 0)
        continue;
      if (kind == GA_GEOM_POINT || n == 1)
        {
          if (hypot (c[0] - x, c[1] - y) <= tolerance)
            return TRUE;
          continue;
        }
      for (guint i = 0; i + 1 < n; i++)
        if (segment_distance (x, y, c[2 * i], c[2 * i + 1], c[2 * i + 2], c[2 * i + 3]) <= tolerance)
          return TRUE;
      if (kind == GA_GEOM_POLYGON)
        {
          /* Even-odd crossing test; rings may or may not repeat the first vertex. */
          for (guint i = 0, j = n - 1; i < n; j = i++)
            {
              double xi = c[2 * i], yi = c[2 * i + 1], xj = c[2 * j], yj = c[2 * j + 1];

              if (((yi > y) != (yj > y)) && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
                inside = !inside;
            }
        }
    }
  return inside;
}

void
ga_hit_test_layer (GaLayer *layer,
                   GaStyle *style,
                   double   x,
                   double   y,
                   double   tolerance,
                   GArray  *hits)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint));
  GaExtent box = { x - tolerance, y - tolerance, x + tolerance, y + tolerance };

  g_return_if_fail (GA_IS_LAYER (layer));
  g_return_if_fail (hits != NULL);

  ga_layer_query (layer, &box, ids);
  for (guint i = ids->len; i > 0; i--)
    {
      guint feature = g_array_index (ids, guint, i - 1);

      if (style && !ga_style_feature_visible (style, layer, feature))
        continue;
      if (ga_hit_test_feature (layer, feature, x, y, tolerance))
        g_array_append_val (hits, feature);
    }
}
