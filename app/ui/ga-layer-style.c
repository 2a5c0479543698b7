/* ga-layer-style.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ga-layer-style"

#include "config.h"

#include "ga-layer-style.h"

#define STYLE_KEY "ga-layer-style"

GaStyle *
ga_layer_style_get (GaLayer *layer)
{
  GaStyle *style;

  g_return_val_if_fail (GA_IS_LAYER (layer), NULL);

  style = g_object_get_data (G_OBJECT (layer), STYLE_KEY);
  if (style == NULL)
    {
      style = ga_style_new_for_layer (layer);
      g_object_set_data_full (G_OBJECT (layer), STYLE_KEY, style, g_object_unref);
    }
  return style;
}

void
ga_layer_style_set (GaLayer *layer,
                    GaStyle *style)
{
  g_return_if_fail (GA_IS_LAYER (layer));
  g_return_if_fail (GA_IS_STYLE (style));

  g_object_set_data_full (G_OBJECT (layer), STYLE_KEY, g_object_ref (style), g_object_unref);
}

gboolean
ga_layer_style_has (GaLayer *layer)
{
  g_return_val_if_fail (GA_IS_LAYER (layer), FALSE);
  return g_object_get_data (G_OBJECT (layer), STYLE_KEY) != NULL;
}
