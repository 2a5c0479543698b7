/* test-tile-ink.c — the non-transparent box of a tile image, found once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ga-render-private.h"
#include "ga-tile-ink.h"

static void
test_boxes (void)
{
  g_autoptr(cairo_surface_t) clear = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 256, 256);
  g_autoptr(cairo_surface_t) drawn = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 256, 256);
  g_autoptr(cairo_surface_t) opaque = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 64, 32);
  const GaInk *ink;
  cairo_t *cr;

  ink = ga_tile_ink_get (clear);
  g_assert_true (ga_tile_ink_is_empty (ink));

  /* two marks: a faint pixel and a rectangle; the box holds both, exactly */
  cr = cairo_create (drawn);
  cairo_rectangle (cr, 30, 40, 50, 20);
  cairo_set_source_rgb (cr, 0.1, 0.5, 0.2);
  cairo_fill (cr);
  cairo_rectangle (cr, 200, 7, 1, 1);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.01);
  cairo_fill (cr);
  cairo_destroy (cr);
  g_assert_null (ga_tile_ink_peek (drawn));
  ink = ga_tile_ink_get (drawn);
  g_assert_cmpint (ink->x0, ==, 30);
  g_assert_cmpint (ink->y0, ==, 7);
  g_assert_cmpint (ink->x1, ==, 201);
  g_assert_cmpint (ink->y1, ==, 60);
  /* kept with the surface */
  g_assert_true (ga_tile_ink_peek (drawn) == ink);
  g_assert_true (ga_tile_ink_get (drawn) == ink);

  ink = ga_tile_ink_get (opaque);
  g_assert_cmpint (ink->x0, ==, 0);
  g_assert_cmpint (ink->y0, ==, 0);
  g_assert_cmpint (ink->x1, ==, 64);
  g_assert_cmpint (ink->y1, ==, 32);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/tile-ink/boxes", test_boxes);
  return g_test_run ();
}
