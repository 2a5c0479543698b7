/* test-classify.c — class breaks with known answers, ColorBrewer/viridis ramps, colours
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ga-classify.h"

static void
assert_edges (GArray *edges, const double *expected, guint n)
{
  g_assert_nonnull (edges);
  g_assert_cmpuint (edges->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat_with_epsilon (g_array_index (edges, double, i), expected[i], 1e-9);
}

static void
test_equal_interval (void)
{
  const double v[] = { 0, 3, 7, 10, 20, 25, NAN };
  const double want[] = { 0, 5, 10, 15, 20, 25 };
  g_autoptr (GArray) e = ga_classify_breaks (v, G_N_ELEMENTS (v), GA_CLASSIFY_EQUAL_INTERVAL, 5);

  assert_edges (e, want, G_N_ELEMENTS (want));
}

static void
test_quantile (void)
{
  /* 1..10 in 5 classes, type-7 quantiles (R: quantile (1:10, seq (0, 1, 0.2))) */
  const double v[] = { 10, 9, 8, 7, 6, 5, 4, 3, 2, 1 };
  const double want[] = { 1, 2.8, 4.6, 6.4, 8.2, 10 };
  g_autoptr (GArray) e = ga_classify_breaks (v, G_N_ELEMENTS (v), GA_CLASSIFY_QUANTILE, 5);

  assert_edges (e, want, G_N_ELEMENTS (want));
}

/* Brute force: the smallest total within-class squared deviation over every split. */
static double
sse (const double *x, guint a, guint b)
{
  double mean = 0, s = 0;

  for (guint i = a; i <= b; i++)
    mean += x[i];
  mean /= (b - a + 1);
  for (guint i = a; i <= b; i++)
    s += (x[i] - mean) * (x[i] - mean);
  return s;
}

static void
test_natural_breaks (void)
{
  /* Published worked example: the README of the "jenks" npm package (github.com/42arch/Jenks,
   * a port of Jenks' 1977 Fortran via Tom MacWright's literate implementation,
   * macwright.com/2013/02/18/literate-jenks): data [1, 2, 5, 15, 45, 89.3, 112, 31, 120, 0.5]
   * in 3 classes gives the breaks [0.5, 15, 45, 120]. */
  const double v[] = { 1, 2, 5, 15, 45, 89.3, 112, 31, 120, 0.5 };
  const double want[] = { 0.5, 15, 45, 120 };
  g_autoptr (GArray) e = ga_classify_breaks (v, G_N_ELEMENTS (v), GA_CLASSIFY_NATURAL_BREAKS, 3);
  /* sorted: 0.5 1 2 5 15 31 45 89.3 112 120 */
  const double x[] = { 0.5, 1, 2, 5, 15, 31, 45, 89.3, 112, 120 };
  double best = G_MAXDOUBLE, got;

  assert_edges (e, want, G_N_ELEMENTS (want));

  /* and it is the optimum: compare with every split into three classes */
  for (guint i = 0; i < 8; i++)
    for (guint j = i + 1; j < 9; j++)
      best = MIN (best, sse (x, 0, i) + sse (x, i + 1, j) + sse (x, j + 1, 9));
  got = sse (x, 0, 4) + sse (x, 5, 6) + sse (x, 7, 9);
  g_assert_cmpfloat_with_epsilon (got, best, 1e-9);

  /* three obvious clusters */
  {
    const double c[] = { 1, 2, 3, 10, 11, 12, 20, 21, 22 };
    const double cw[] = { 1, 3, 12, 22 };
    g_autoptr (GArray) ce = ga_classify_breaks (c, 9, GA_CLASSIFY_NATURAL_BREAKS, 3);

    assert_edges (ce, cw, G_N_ELEMENTS (cw));
  }
}

static void
test_natural_breaks_large (void)
{
  /* 10,000 values in two tight clusters: the sample keeps the gap */
  g_autofree double *v = g_new (double, 10000);
  g_autoptr (GArray) e = NULL;

  for (guint i = 0; i < 10000; i++)
    v[i] = i < 5000 ? (i % 100) / 100.0 : 1000 + (i % 100) / 100.0;
  e = ga_classify_breaks (v, 10000, GA_CLASSIFY_NATURAL_BREAKS, 3);
  g_assert_cmpuint (e->len, ==, 4);
  g_assert_cmpfloat (g_array_index (e, double, 0), ==, 0);
  g_assert_cmpfloat (g_array_index (e, double, 1), <, 1);  /* first cluster closed */
  g_assert_cmpfloat (g_array_index (e, double, 3), ==, 1000.99);
}

static void
test_pretty (void)
{
  /* R: pretty (c (0, 97)) = 0 20 40 60 80 100 */
  const double v[] = { 0, 12, 97 };
  const double want[] = { 0, 20, 40, 60, 80, 100 };
  g_autoptr (GArray) e = ga_classify_breaks (v, 3, GA_CLASSIFY_PRETTY, 5);
  /* R: pretty (c (3.2, 17.9), 4) = 0 5 10 15 20 */
  const double v2[] = { 3.2, 17.9 };
  const double want2[] = { 0, 5, 10, 15, 20 };
  g_autoptr (GArray) e2 = ga_classify_breaks (v2, 2, GA_CLASSIFY_PRETTY, 4);

  assert_edges (e, want, G_N_ELEMENTS (want));
  assert_edges (e2, want2, G_N_ELEMENTS (want2));
}

static void
test_degenerate (void)
{
  const double same[] = { 4, 4, 4 };
  g_autoptr (GArray) e = ga_classify_breaks (same, 3, GA_CLASSIFY_QUANTILE, 5);

  g_assert_cmpuint (e->len, ==, 2);
  g_assert_null (ga_classify_breaks (same, 0, GA_CLASSIFY_QUANTILE, 5));
  g_assert_null (ga_classify_breaks (same, 3, GA_CLASSIFY_QUANTILE, 10));
}

static void
test_ramps (void)
{
  GaRgba c[9];

  /* ColorBrewer Greens 5: #edf8e9 … #006d2c */
  g_assert_true (ga_ramp_colors ("greens", 5, c));
  g_assert_cmphex (c[0], ==, 0xedf8e9ff);
  g_assert_cmphex (c[4], ==, 0x006d2cff);
  /* YlOrRd 9: #ffffcc … #800026 */
  g_assert_true (ga_ramp_colors ("ylorrd", 9, c));
  g_assert_cmphex (c[0], ==, 0xffffccff);
  g_assert_cmphex (c[8], ==, 0x800026ff);
  /* Blues 3: #deebf7 #9ecae1 #3182bd */
  g_assert_true (ga_ramp_colors ("blues", 3, c));
  g_assert_cmphex (c[1], ==, 0x9ecae1ff);
  /* RdYlGn 5: #d7191c … #1a9641; RdBu 7 middle #f7f7f7; BrBG 4 first #a6611a */
  g_assert_true (ga_ramp_colors ("rdylgn", 5, c));
  g_assert_cmphex (c[0], ==, 0xd7191cff);
  g_assert_cmphex (c[4], ==, 0x1a9641ff);
  g_assert_true (ga_ramp_colors ("rdbu", 7, c));
  g_assert_cmphex (c[3], ==, 0xf7f7f7ff);
  g_assert_true (ga_ramp_colors ("BrBG", 4, c));
  g_assert_cmphex (c[0], ==, 0xa6611aff);
  /* Purples 6 last #54278f, OrRd 8 last #990000 */
  g_assert_true (ga_ramp_colors ("purples", 6, c));
  g_assert_cmphex (c[5], ==, 0x54278fff);
  g_assert_true (ga_ramp_colors ("orrd", 8, c));
  g_assert_cmphex (c[7], ==, 0x990000ff);
  /* viridis: first #440154, middle #21918c, last #fde725 */
  g_assert_true (ga_ramp_colors ("viridis", 3, c));
  g_assert_cmphex (c[0], ==, 0x440154ff);
  g_assert_cmphex (c[1], ==, 0x21918cff);
  g_assert_cmphex (c[2], ==, 0xfde725ff);
  /* qualitative: Set2, Dark2, Paired, Okabe–Ito */
  g_assert_true (ga_ramp_colors ("set2", 9, c));
  g_assert_cmphex (c[0], ==, 0x66c2a5ff);
  g_assert_cmphex (c[8], ==, 0x66c2a5ff);  /* repeats after 8 */
  g_assert_true (ga_ramp_colors ("dark2", 2, c));
  g_assert_cmphex (c[1], ==, 0xd95f02ff);
  g_assert_true (ga_ramp_colors ("paired", 4, c));
  g_assert_cmphex (c[3], ==, 0x33a02cff);
  g_assert_true (ga_ramp_colors ("okabe-ito", 3, c));
  g_assert_cmphex (c[0], ==, 0xe69f00ff);
  g_assert_cmphex (c[1], ==, 0x56b4e9ff);

  g_assert_false (ga_ramp_colors ("nope", 3, c));
  g_assert_true (ga_ramp_is_qualitative ("set2"));
  g_assert_false (ga_ramp_is_qualitative ("greens"));
  g_assert_cmpstr (ga_ramp_list (TRUE)[0], ==, "set2");
  g_assert_cmpstr (ga_ramp_get_name ("okabe-ito"), ==, "Okabe–Ito");

  /* continuous sampling ends on the 9-class ends */
  g_assert_cmphex (ga_ramp_sample ("ylorrd", 0), ==, 0xffffccff);
  g_assert_cmphex (ga_ramp_sample ("ylorrd", 1), ==, 0x800026ff);
  g_assert_cmphex (ga_ramp_sample ("ylorrd", 2), ==, 0x800026ff);
  g_assert_cmphex (ga_ramp_sample ("viridis", 128.0 / 255.0), ==, 0x21918cff);
}

static void
test_colors (void)
{
  GaRgba c;
  g_autofree char *s = NULL;

  g_assert_true (ga_color_parse ("#FF0000", &c));
  g_assert_cmphex (c, ==, 0xff0000ff);
  g_assert_true (ga_color_parse ("00a651", &c));
  g_assert_cmphex (c, ==, 0x00a651ff);
  g_assert_true (ga_color_parse (" #abc ", &c));
  g_assert_cmphex (c, ==, 0xaabbccff);
  g_assert_true (ga_color_parse ("Green", &c));
  g_assert_cmphex (c, ==, 0x008000ff);
  g_assert_true (ga_color_parse ("#11223380", &c));
  g_assert_cmphex (c, ==, 0x11223380);
  g_assert_false (ga_color_parse ("#12", &c));
  g_assert_false (ga_color_parse ("park", &c));
  g_assert_false (ga_color_parse (NULL, &c));
  s = ga_color_to_string (0x4caf50ff);
  g_assert_cmpstr (s, ==, "#4caf50");
}

static void
test_numbers (void)
{
  char *s;

  g_assert_cmpfloat (ga_pretty_ceil (0.37), ==, 0.5);
  g_assert_cmpfloat (ga_pretty_ceil (1234), ==, 2000);
  g_assert_cmpfloat (ga_pretty_ceil (5000), ==, 5000);
  g_assert_cmpfloat (ga_pretty_round (740), ==, 500);
  s = ga_format_number (1234567);
  g_assert_cmpstr (s, ==, "1,234,567");
  g_free (s);
  s = ga_format_number (0.25);
  g_assert_cmpstr (s, ==, "0.25");
  g_free (s);
  s = ga_format_number (12.5);
  g_assert_cmpstr (s, ==, "12.5");
  g_free (s);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/classify/equal-interval", test_equal_interval);
  g_test_add_func ("/classify/quantile", test_quantile);
  g_test_add_func ("/classify/natural-breaks", test_natural_breaks);
  g_test_add_func ("/classify/natural-breaks-large", test_natural_breaks_large);
  g_test_add_func ("/classify/pretty", test_pretty);
  g_test_add_func ("/classify/degenerate", test_degenerate);
  g_test_add_func ("/classify/ramps", test_ramps);
  g_test_add_func ("/classify/colors", test_colors);
  g_test_add_func ("/classify/numbers", test_numbers);
  return g_test_run ();
}
