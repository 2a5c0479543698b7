/* test-classify.c — class breaks with known answers, ColorBrewer/viridis ramps, colours
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

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

/* ---- the in-place selection against a plain stable sort ---- */

static int
compare_doubles (gconstpointer a, gconstpointer b, gpointer data)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
append_edge (GArray *edges, double value)
{
  if (edges->len > 0 && g_array_index (edges, double, edges->len - 1) >= value)
    return;
  g_array_append_val (edges, value);
}

/* What the classifier did before it selected order statistics: a sorted copy without
 * NaN/inf (GLib's stable sort), then the textbook formulas. */
static GArray *
reference_breaks (const double *values, gsize n, GaClassifyMethod method, guint k)
{
  g_autoptr (GArray) sorted = g_array_new (FALSE, FALSE, sizeof (double));
  const double *x;
  GArray *edges;
  gsize m;

  for (gsize i = 0; i < n; i++)
    if (isfinite (values[i]))
      g_array_append_val (sorted, values[i]);
  g_qsort_with_data (sorted->data, (gint) sorted->len, sizeof (double), compare_doubles, NULL);
  m = sorted->len;
  if (m == 0)
    return NULL;
  x = (const double *) sorted->data;
  if (x[0] == x[m - 1])
    {
      edges = g_array_new (FALSE, FALSE, sizeof (double));
      g_array_append_val (edges, x[0]);
      g_array_append_val (edges, x[m - 1]);
      return edges;
    }
  switch (method)
    {
    case GA_CLASSIFY_QUANTILE:
      edges = g_array_new (FALSE, FALSE, sizeof (double));
      append_edge (edges, x[0]);
      for (guint i = 1; i < k; i++)
        {
          double h = (double) (m - 1) * i / k;
          gsize f = (gsize) floor (h);

          append_edge (edges, f + 1 < m ? x[f] + (h - f) * (x[f + 1] - x[f]) : x[f]);
        }
      append_edge (edges, x[m - 1]);
      return edges;

    case GA_CLASSIFY_EQUAL_INTERVAL:
      edges = g_array_new (FALSE, FALSE, sizeof (double));
      for (guint i = 0; i <= k; i++)
        append_edge (edges, i == k ? x[m - 1] : x[0] + (x[m - 1] - x[0]) * i / k);
      return edges;

    case GA_CLASSIFY_PRETTY:
      {
        /* depends on the ends only: two values, nothing to select */
        double ends[2] = { x[0], x[m - 1] };

        return ga_classify_breaks (ends, 2, method, k);
      }

    case GA_CLASSIFY_NATURAL_BREAKS:
    default:
      if (m > 3000)
        {
          /* the evenly spaced sample of the sorted data, classified as it is */
          g_autofree double *sample = g_new (double, 3000);

          for (gsize i = 0; i < 3000; i++)
            sample[i] = x[(gsize) llround ((double) i * (m - 1) / 2999)];
          return ga_classify_breaks (sample, 3000, method, k);
        }
      return ga_classify_breaks (x, m, method, k);
    }
}

static double *
make_values (GRand *rand, guint kind, gsize n)
{
  double *v = g_new (double, MAX (n, 1));

  for (gsize i = 0; i < n; i++)
    switch (kind)
      {
      case 0:   /* spread, negatives */
        v[i] = g_rand_double_range (rand, -1000, 1000);
        break;
      case 1:   /* a few distinct values, +0 among them */
        v[i] = g_rand_int_range (rand, 0, 7) * 1.5 - 3;
        break;
      case 2:   /* amounts with three decimals, skewed, many repeats */
        v[i] = round (pow (g_rand_double (rand), 3) * 50000) / 1000;
        break;
      case 3:   /* sorted */
        v[i] = (double) i / 7 - 20;
        break;
      case 4:   /* reversed */
        v[i] = (double) (n - i) * 0.25;
        break;
      case 5:   /* all equal */
        v[i] = -2.5;
        break;
      case 6:   /* NaN and infinities among the numbers (ignored) */
        {
          guint r = g_rand_int_range (rand, 0, 10);

          v[i] = r == 0 ? NAN : r == 1 ? INFINITY : r == 2 ? -INFINITY
                 : g_rand_double_range (rand, -5, 5);
        }
        break;
      case 7:   /* −0 and +0 among negatives and positives */
        {
          guint r = g_rand_int_range (rand, 0, 5);

          v[i] = r == 0 ? -0.0 : r == 1 ? 0.0 : g_rand_int_range (rand, -3, 4);
        }
        break;
      case 8:   /* organ pipe: bad for a naive pivot */
        v[i] = i < n / 2 ? (double) i : (double) (n - i);
        break;
      case 9:   /* the minimum is a zero, of either sign */
        {
          guint r = g_rand_int_range (rand, 0, 4);

          v[i] = r == 0 ? -0.0 : r == 1 ? 0.0 : g_rand_int_range (rand, 1, 50) / 8.0;
        }
        break;
      case 10:  /* the maximum is a zero, of either sign */
      default:
        {
          guint r = g_rand_int_range (rand, 0, 4);

          v[i] = r == 0 ? -0.0 : r == 1 ? 0.0 : -g_rand_double (rand);
        }
        break;
      }
  return v;
}

static void
assert_same_bytes (GArray *got, GArray *want, guint kind, gsize n, int method, guint k)
{
  if (want == NULL)
    {
      g_assert_null (got);
      return;
    }
  g_assert_nonnull (got);
  if (got->len != want->len || memcmp (got->data, want->data, got->len * sizeof (double)) != 0)
    {
      GString *msg = g_string_new (NULL);

      g_string_append_printf (msg, "kind %u, n %" G_GSIZE_FORMAT ", method %d, %u classes:\n got",
                              kind, n, method, k);
      for (guint i = 0; i < got->len; i++)
        g_string_append_printf (msg, " %.17g", g_array_index (got, double, i));
      g_string_append (msg, "\n want");
      for (guint i = 0; i < want->len; i++)
        g_string_append_printf (msg, " %.17g", g_array_index (want, double, i));
      g_error ("%s", msg->str);
    }
}

static void
test_selection_matches_sort (void)
{
  const gsize sizes[] = { 1, 2, 3, 7, 25, 26, 100, 1000, 2999, 3000, 3001, 5000, 40000 };
  const guint classes[] = { 1, 2, 3, 5, 7, 9 };
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261127);

  for (guint kind = 0; kind <= 10; kind++)
    for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
      {
        gsize n = sizes[s];
        g_autofree double *v = make_values (rand, kind, n);

        for (int method = GA_CLASSIFY_EQUAL_INTERVAL; method <= GA_CLASSIFY_PRETTY; method++)
          for (guint c = 0; c < G_N_ELEMENTS (classes); c++)
            {
              guint k = classes[c];
              g_autoptr (GArray) want = NULL;
              g_autoptr (GArray) got = NULL;
              g_autoptr (GArray) got_in_place = NULL;
              g_autofree double *copy = g_memdup2 (v, n * sizeof (double));

              /* Jenks costs k·n² up to n = 3000: one class count is enough there */
              if (method == GA_CLASSIFY_NATURAL_BREAKS && n >= 1000 && k != 3)
                continue;
              want = reference_breaks (v, n, method, k);
              got = ga_classify_breaks (v, n, method, k);
              assert_same_bytes (got, want, kind, n, method, k);
              if (method == GA_CLASSIFY_NATURAL_BREAKS && n >= 1000)
                continue;
              got_in_place = ga_classify_breaks_in_place (copy, n, method, k);
              assert_same_bytes (got_in_place, want, kind, n, method, k);
            }
      }
}

/* The edge of a quantile that falls on a zero is the zero a stable sort puts there. */
static void
test_selection_signed_zero (void)
{
  const double v[] = { 0.0, -0.0, 5, -0.0, 0.0, 0.0, -0.0, 9, -1, 0.0 };
  g_autoptr (GArray) want = reference_breaks (v, G_N_ELEMENTS (v), GA_CLASSIFY_QUANTILE, 4);
  g_autoptr (GArray) got = ga_classify_breaks (v, G_N_ELEMENTS (v), GA_CLASSIFY_QUANTILE, 4);
  const double low[] = { 0.0, 3, -0.0, 1, 2, 0.0 };
  g_autoptr (GArray) low_got = ga_classify_breaks (low, G_N_ELEMENTS (low),
                                                   GA_CLASSIFY_QUANTILE, 3);
  const double same[] = { -0.0, 0.0, 0.0, -0.0 };
  g_autoptr (GArray) ends = ga_classify_breaks (same, 4, GA_CLASSIFY_PRETTY, 3);

  assert_same_bytes (got, want, 99, G_N_ELEMENTS (v), GA_CLASSIFY_QUANTILE, 4);
  /* the lowest edge is the first zero given, +0 */
  g_assert_false (signbit (g_array_index (low_got, double, 0)));
  /* all equal: the first and the last value as given */
  g_assert_cmpuint (ends->len, ==, 2);
  g_assert_true (signbit (g_array_index (ends, double, 0)));
  g_assert_true (signbit (g_array_index (ends, double, 1)));
}

/* ---- numbers as text ---- */

/* What the styles did before: g_ascii_strtod over the whole text. */
static gboolean
reference_parse (const char *text, double *out)
{
  char *end = NULL;
  double v;

  if (text == NULL)
    return FALSE;
  while (g_ascii_isspace (*text))
    text++;
  if (*text == '\0')
    return FALSE;
  v = g_ascii_strtod (text, &end);
  while (end != NULL && g_ascii_isspace (*end))
    end++;
  if (end == NULL || *end != '\0' || !isfinite (v))
    return FALSE;
  *out = v;
  return TRUE;
}

static void
assert_parses_as_strtod (const char *text)
{
  double want = 12345.678, got = 12345.678;
  gboolean ok_want = reference_parse (text, &want);
  gboolean ok_got = ga_parse_number (text, &got);

  if (ok_want != ok_got || memcmp (&want, &got, sizeof want) != 0)
    g_error ("\"%s\": ga_parse_number gives %s %.17g, g_ascii_strtod %s %.17g", text,
             ok_got ? "TRUE" : "FALSE", got, ok_want ? "TRUE" : "FALSE", want);
}

static void
test_parse_number (void)
{
  const char *cases[] = {
    "0", "-0", "+0", "-0.000", "1", "12.5", "-12.375", " 7 ", "\t3.25\n", "1.", ".5", "-.5",
    "+.5", "0.1", "0.3", "2.675", "1234567.891", "9007199254740992", "9007199254740993",
    "9007199254740991.5", "18446744073709551616", "0.0000000000000000000001",
    "0.00000000000000000000001", "1e5", "1E-3", "-2.5e+3", "0x10", "inf", "-Infinity", "nan",
    "", " ", "-", "+", ".", "-.", "1.2.3", "12abc", "1,5", "1 2", "--1", "+-1", "1e400",
    "123456789012345678901234567890", "3.14159265358979323846264338327950288",
    "0.1000000000000000055511151231257827", NULL
  };
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);

  g_assert_false (ga_parse_number (NULL, &(double) { 0 }));
  for (guint i = 0; cases[i] != NULL; i++)
    assert_parses_as_strtod (cases[i]);

  /* random decimals: 1–20 digits, the point anywhere (or nowhere), signs, spaces */
  for (guint i = 0; i < 200000; i++)
    {
      char buf[64];
      gsize len = 0;
      guint digits = g_rand_int_range (rand, 1, 21);
      int point = g_rand_int_range (rand, -1, (int) digits + 1);

      if (g_rand_int_range (rand, 0, 8) == 0)
        buf[len++] = ' ';
      if (g_rand_boolean (rand))
        buf[len++] = g_rand_boolean (rand) ? '-' : '+';
      for (guint d = 0; d < digits; d++)
        {
          if ((int) d == point)
            buf[len++] = '.';
          buf[len++] = (char) ('0' + g_rand_int_range (rand, 0, 10));
        }
      if ((int) digits == point)
        buf[len++] = '.';
      if (g_rand_int_range (rand, 0, 8) == 0)
        buf[len++] = '\t';
      buf[len] = '\0';
      assert_parses_as_strtod (buf);
    }
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
  g_test_add_func ("/classify/selection-matches-sort", test_selection_matches_sort);
  g_test_add_func ("/classify/selection-signed-zero", test_selection_signed_zero);
  g_test_add_func ("/classify/parse-number", test_parse_number);
  g_test_add_func ("/classify/degenerate", test_degenerate);
  g_test_add_func ("/classify/ramps", test_ramps);
  g_test_add_func ("/classify/colors", test_colors);
  g_test_add_func ("/classify/numbers", test_numbers);
  return g_test_run ();
}
