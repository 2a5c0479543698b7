/* ga-classify.c — class breaks, colour ramps and qualitative palettes, colour parsing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Colour data:
 * - ColorBrewer 2.0 sequential, diverging and qualitative schemes, the published hex values for
 *   3–9 classes (Cynthia A. Brewer, Mark Harrower and The Pennsylvania State University,
 *   colorbrewer2.org, Apache-2.0 licensed colour specifications).
 * - viridis: the 256-entry table published with matplotlib (Stéfan van der Walt and Nathaniel
 *   Smith, CC0), sampled at evenly spaced points.
 * - Okabe–Ito: M. Okabe and K. Ito, "Color Universal Design (CUD): how to make figures and
 *   presentations that are friendly to colorblind people" (2002/2008).
 */
#define G_LOG_DOMAIN "ga-classify"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ga-classify.h"

typedef struct
{
  const char *id;
  const char *name;
  gboolean    qualitative;
  /* sequential/diverging: 7 strings for 3..9 classes; qualitative: one string, all colours */
  const char *hex[7];
} Ramp;

static const Ramp ramps[] = {
  { "greens", "Greens", FALSE, {
    "e5f5e0a1d99b31a354",
    "edf8e9bae4b374c476238b45",
    "edf8e9bae4b374c47631a354006d2c",
    "edf8e9c7e9c0a1d99b74c47631a354006d2c",
    "edf8e9c7e9c0a1d99b74c47641ab5d238b45005a32",
    "f7fcf5e5f5e0c7e9c0a1d99b74c47641ab5d238b45005a32",
    "f7fcf5e5f5e0c7e9c0a1d99b74c47641ab5d238b45006d2c00441b" } },
  { "ylorrd", "YlOrRd", FALSE, {
    "ffeda0feb24cf03b20",
    "ffffb2fecc5cfd8d3ce31a1c",
    "ffffb2fecc5cfd8d3cf03b20bd0026",
    "ffffb2fed976feb24cfd8d3cf03b20bd0026",
    "ffffb2fed976feb24cfd8d3cfc4e2ae31a1cb10026",
    "ffffccffeda0fed976feb24cfd8d3cfc4e2ae31a1cb10026",
    "ffffccffeda0fed976feb24cfd8d3cfc4e2ae31a1cbd0026800026" } },
  { "blues", "Blues", FALSE, {
    "deebf79ecae13182bd",
    "eff3ffbdd7e76baed62171b5",
    "eff3ffbdd7e76baed63182bd08519c",
    "eff3ffc6dbef9ecae16baed63182bd08519c",
    "eff3ffc6dbef9ecae16baed64292c62171b5084594",
    "f7fbffdeebf7c6dbef9ecae16baed64292c62171b5084594",
    "f7fbffdeebf7c6dbef9ecae16baed64292c62171b508519c08306b" } },
  { "purples", "Purples", FALSE, {
    "efedf5bcbddc756bb1",
    "f2f0f7cbc9e29e9ac86a51a3",
    "f2f0f7cbc9e29e9ac8756bb154278f",
    "f2f0f7dadaebbcbddc9e9ac8756bb154278f",
    "f2f0f7dadaebbcbddc9e9ac8807dba6a51a34a1486",
    "fcfbfdefedf5dadaebbcbddc9e9ac8807dba6a51a34a1486",
    "fcfbfdefedf5dadaebbcbddc9e9ac8807dba6a51a354278f3f007d" } },
  { "orrd", "OrRd", FALSE, {
    "fee8c8fdbb84e34a33",
    "fef0d9fdcc8afc8d59d7301f",
    "fef0d9fdcc8afc8d59e34a33b30000",
    "fef0d9fdd49efdbb84fc8d59e34a33b30000",
    "fef0d9fdd49efdbb84fc8d59ef6548d7301f990000",
    "fff7ecfee8c8fdd49efdbb84fc8d59ef6548d7301f990000",
    "fff7ecfee8c8fdd49efdbb84fc8d59ef6548d7301fb300007f0000" } },
  { "viridis", "Viridis", FALSE, { NULL } },
  { "rdylgn", "RdYlGn", FALSE, {
    "fc8d59ffffbf91cf60",
    "d7191cfdae61a6d96a1a9641",
    "d7191cfdae61ffffbfa6d96a1a9641",
    "d73027fc8d59fee08bd9ef8b91cf601a9850",
    "d73027fc8d59fee08bffffbfd9ef8b91cf601a9850",
    "d73027f46d43fdae61fee08bd9ef8ba6d96a66bd631a9850",
    "d73027f46d43fdae61fee08bffffbfd9ef8ba6d96a66bd631a9850" } },
  { "rdbu", "RdBu", FALSE, {
    "ef8a62f7f7f767a9cf",
    "ca0020f4a58292c5de0571b0",
    "ca0020f4a582f7f7f792c5de0571b0",
    "b2182bef8a62fddbc7d1e5f067a9cf2166ac",
    "b2182bef8a62fddbc7f7f7f7d1e5f067a9cf2166ac",
    "b2182bd6604df4a582fddbc7d1e5f092c5de4393c32166ac",
    "b2182bd6604df4a582fddbc7f7f7f7d1e5f092c5de4393c32166ac" } },
  { "brbg", "BrBG", FALSE, {
    "d8b365f5f5f55ab4ac",
    "a6611adfc27d80cdc1018571",
    "a6611adfc27df5f5f580cdc1018571",
    "8c510ad8b365f6e8c3c7eae55ab4ac01665e",
    "8c510ad8b365f6e8c3f5f5f5c7eae55ab4ac01665e",
    "8c510abf812ddfc27df6e8c3c7eae580cdc135978f01665e",
    "8c510abf812ddfc27df6e8c3f5f5f5c7eae580cdc135978f01665e" } },
  { "set2", "Set2", TRUE, { "66c2a5fc8d628da0cbe78ac3a6d854ffd92fe5c494b3b3b3" } },
  { "dark2", "Dark2", TRUE, { "1b9e77d95f027570b3e7298a66a61ee6ab02a6761d666666" } },
  { "paired", "Paired", TRUE, {
    "a6cee31f78b4b2df8a33a02cfb9a99e31a1cfdbf6fff7f00cab2d66a3d9affff99b15928" } },
  /* Okabe–Ito, black last (it reads as "no data" first) */
  { "okabe-ito", "Okabe–Ito", TRUE, { "e69f0056b4e9009e73f0e4420072b2d55e00cc79a7000000" } },
};

static const char * const sequential_ids[] = {
  "greens", "ylorrd", "blues", "purples", "orrd", "viridis", "rdylgn", "rdbu", "brbg", NULL
};
static const char * const qualitative_ids[] = { "set2", "dark2", "paired", "okabe-ito", NULL };

/* viridis, 256 entries × RRGGBB */
static const char viridis[] =
  "44015444025645045745055946075a46085c460a5d460b5e470d60470e61471063471164"
  "47136548146748166848176948186a481a6c481b6d481c6e481d6f481f70482071482173"
  "482374482475482576482677482878482979472a7a472c7a472d7b472e7c472f7d46307e"
  "46327e46337f463480453581453781453882443983443a83443b84433d84433e85423f85"
  "4240864241864142874144874045884046883f47883f48893e49893e4a893e4c8a3d4d8a"
  "3d4e8a3c4f8a3c508b3b518b3b528b3a538b3a548c39558c39568c38588c38598c375a8c"
  "375b8d365c8d365d8d355e8d355f8d34608d34618d33628d33638d32648e32658e31668e"
  "31678e31688e30698e306a8e2f6b8e2f6c8e2e6d8e2e6e8e2e6f8e2d708e2d718e2c718e"
  "2c728e2c738e2b748e2b758e2a768e2a778e2a788e29798e297a8e297b8e287c8e287d8e"
  "277e8e277f8e27808e26818e26828e26828e25838e25848e25858e24868e24878e23888e"
  "23898e238a8d228b8d228c8d228d8d218e8d218f8d21908d21918c20928c20928c20938c"
  "1f948c1f958b1f968b1f978b1f988b1f998a1f9a8a1e9b8a1e9c891e9d891f9e891f9f88"
  "1fa0881fa1881fa1871fa28720a38620a48621a58521a68522a78522a88423a98324aa83"
  "25ab8225ac8226ad8127ad8128ae8029af7f2ab07f2cb17e2db27d2eb37c2fb47c31b57b"
  "32b67a34b67935b77937b87838b9773aba763bbb753dbc743fbc7340bd7242be7144bf70"
  "46c06f48c16e4ac16d4cc26c4ec36b50c46a52c56954c56856c66758c7655ac8645cc863"
  "5ec96260ca6063cb5f65cb5e67cc5c69cd5b6ccd5a6ece5870cf5773d05675d05477d153"
  "7ad1517cd2507fd34e81d34d84d44b86d54989d5488bd6468ed64590d74393d74195d840"
  "98d83e9bd93c9dd93ba0da39a2da37a5db36a8db34aadc32addc30b0dd2fb2dd2db5de2b"
  "b8de29bade28bddf26c0df25c2df23c5e021c8e020cae11fcde11dd0e11cd2e21bd5e21a"
  "d8e219dae319dde318dfe318e2e418e5e419e7e419eae51aece51befe51cf1e51df4e61e"
  "f6e620f8e621fbe723fde725";

/* ---- helpers ---- */

static const Ramp *
find_ramp (const char *id)
{
  if (id == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (ramps); i++)
    if (g_ascii_strcasecmp (ramps[i].id, id) == 0)
      return &ramps[i];
  return NULL;
}

static guint
hex_byte (const char *p)
{
  return (g_ascii_xdigit_value (p[0]) << 4) | g_ascii_xdigit_value (p[1]);
}

static GaRgba
hex_color (const char *p)
{
  return GA_RGBA (hex_byte (p), hex_byte (p + 2), hex_byte (p + 4), 0xff);
}

static GaRgba
mix (GaRgba a, GaRgba b, double t)
{
  guint out[4];

  for (int i = 0; i < 4; i++)
    {
      double ca = (a >> (24 - 8 * i)) & 0xff;
      double cb = (b >> (24 - 8 * i)) & 0xff;
      out[i] = (guint) CLAMP (lround (ca + (cb - ca) * t), 0, 255);
    }
  return GA_RGBA (out[0], out[1], out[2], out[3]);
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Moves the finite values to the front, in their order; returns how many. */
static gsize
keep_finite (double   *x,
             gsize     n,
             double   *lo,
             double   *hi,
             gboolean *negative_zero)
{
  gsize m = 0;

  *lo = G_MAXDOUBLE;
  *hi = -G_MAXDOUBLE;
  *negative_zero = FALSE;
  for (gsize i = 0; i < n; i++)
    {
      double v = x[i];

      if (!isfinite (v))
        continue;
      x[m++] = v;
      *lo = MIN (*lo, v);
      *hi = MAX (*hi, v);
      if (v == 0 && signbit (v))
        *negative_zero = TRUE;
    }
  return m;
}

static void
insertion_sort (double *x, gsize n)
{
  for (gsize i = 1; i < n; i++)
    {
      double v = x[i];
      gsize j = i;

      for (; j > 0 && x[j - 1] > v; j--)
        x[j] = x[j - 1];
      x[j] = v;
    }
}

static gsize
median3_index (const double *x, gsize a, gsize b, gsize c)
{
  if (x[a] < x[b])
    return x[b] < x[c] ? b : (x[a] < x[c] ? c : a);
  return x[a] < x[c] ? a : (x[b] < x[c] ? c : b);
}

/* Lomuto partitions without branches (the comparison only moves the boundary): @x[lo..k)
 * < @p (or ≤ with @or_equal) ≤ @x[k..hi); returns k. */
static gsize
partition_below (double *x, gsize lo, gsize hi, double p, gboolean or_equal)
{
  gsize k = lo;

  if (or_equal)
    for (gsize i = lo; i < hi; i++)
      {
        double v = x[i];

        x[i] = x[k];
        x[k] = v;
        k += v <= p;
      }
  else
    for (gsize i = lo; i < hi; i++)
      {
        double v = x[i];

        x[i] = x[k];
        x[k] = v;
        k += v < p;
      }
  return k;
}

/* Puts at each index of @want (ascending, distinct, inside [lo, hi)) the value a sort of
 * @x[lo..hi) would put there: a quickselect of all of them at once around the median of
 * three (of nine on large ranges). When nothing is below the pivot (it is the range's
 * minimum, typically a run of equal values) a second pass splits off the values equal to
 * it. A range that keeps partitioning badly (@depth spent) is sorted. Equal doubles must be
 * identical bits (no −0 next to +0, no NaN) for this to match a stable sort byte for byte;
 * the caller makes sure. */
static void
select_order_statistics (double      *x,
                         gsize        lo,
                         gsize        hi,
                         const gsize *want,
                         gsize        n_want,
                         guint        depth)
{
  while (n_want > 0)
    {
      gsize n = hi - lo, mid = lo + n / 2, k, n_left;
      double p;

      if (n <= 24 || depth == 0)
        {
          if (n <= 24)
            insertion_sort (x + lo, n);
          else
            qsort (x + lo, n, sizeof (double), compare_doubles);
          return;
        }
      depth--;
      if (n >= 1024)
        {
          /* Tukey's ninther */
          gsize s = n / 8;

          p = x[median3_index (x, median3_index (x, lo, lo + s, lo + 2 * s),
                               median3_index (x, lo + 3 * s, mid, lo + 5 * s),
                               median3_index (x, lo + 6 * s, lo + 7 * s, hi - 1))];
        }
      else
        p = x[median3_index (x, lo, mid, hi - 1)];

      k = partition_below (x, lo, hi, p, FALSE);
      if (k == lo)
        {
          /* [lo, k) == p: those indices are done */
          k = partition_below (x, lo, hi, p, TRUE);
          for (n_left = 0; n_left < n_want && want[n_left] < k; n_left++)
            ;
        }
      else
        {
          for (n_left = 0; n_left < n_want && want[n_left] < k; n_left++)
            ;
          if (n_left > 0)
            select_order_statistics (x, lo, k, want, n_left, depth);
        }
      want += n_left;
      n_want -= n_left;
      lo = k;
    }
}

static int
compare_doubles_data (gconstpointer a, gconstpointer b, gpointer data)
{
  return compare_doubles (a, b);
}

/* GLib's sort is stable (since 2.32), as g_array_sort always was here. */
static void
stable_sort (double *x, gsize m)
{
  g_qsort_with_data (x, (gint) m, sizeof (double), compare_doubles_data, NULL);
}

static int
compare_gsize (gconstpointer a, gconstpointer b)
{
  gsize x = *(const gsize *) a, y = *(const gsize *) b;

  return (x > y) - (x < y);
}

/* Sorts @want and drops repeats; returns the new count. */
static gsize
unique_indices (gsize *want, gsize n_want)
{
  gsize k = 0;

  qsort (want, n_want, sizeof (gsize), compare_gsize);
  for (gsize i = 0; i < n_want; i++)
    if (k == 0 || want[k - 1] != want[i])
      want[k++] = want[i];
  return k;
}

/* Index of the natural-breaks sample @i of @limit from @m sorted values. */
static gsize
sample_index (gsize i, gsize m, gsize limit)
{
  return (gsize) llround ((double) i * (m - 1) / (limit - 1));
}

#define NATURAL_BREAKS_LIMIT 3000

/* Makes @x[0..m) hold, at every index the method reads, the value a stable sort would put
 * there. With a −0 among the values that depends on the input order: those data, and the
 * small natural-breaks case that reads every value, are sorted. Returns TRUE if sorted. */
static gboolean
order_for_method (double           *x,
                  gsize             m,
                  GaClassifyMethod  method,
                  guint             n_classes,
                  gboolean          negative_zero)
{
  g_autofree gsize *want = NULL;
  gsize n_want = 0;
  guint depth;

  if (negative_zero || (method == GA_CLASSIFY_NATURAL_BREAKS && m <= NATURAL_BREAKS_LIMIT))
    {
      stable_sort (x, m);
      return TRUE;
    }

  switch (method)
    {
    case GA_CLASSIFY_QUANTILE:
      want = g_new (gsize, 2 * (gsize) n_classes);
      for (guint i = 1; i < n_classes; i++)
        {
          double h = (double) (m - 1) * i / n_classes;
          gsize f = (gsize) floor (h);

          want[n_want++] = f;
          if (f + 1 < m)
            want[n_want++] = f + 1;
        }
      break;

    case GA_CLASSIFY_NATURAL_BREAKS:
      want = g_new (gsize, NATURAL_BREAKS_LIMIT);
      for (gsize i = 0; i < NATURAL_BREAKS_LIMIT; i++)
        want[n_want++] = sample_index (i, m, NATURAL_BREAKS_LIMIT);
      break;

    case GA_CLASSIFY_PRETTY:
    case GA_CLASSIFY_EQUAL_INTERVAL:
    default:
      return FALSE;   /* minimum and maximum only */
    }

  n_want = unique_indices (want, n_want);
  for (depth = 0; ((gsize) 1 << depth) < m && depth < 60; depth++)
    ;
  select_order_statistics (x, 0, m, want, n_want, 2 * depth + 8);
  return FALSE;
}

static void
append_edge (GArray *edges, double value)
{
  if (edges->len > 0 && g_array_index (edges, double, edges->len - 1) >= value)
    return;
  g_array_append_val (edges, value);
}

/* Fisher–Jenks optimal classification by dynamic programming: minimises the sum of squared
 * deviations from the class means (G. F. Jenks, "Optimal Data Classification for Choropleth
 * Maps", University of Kansas, 1977; W. D. Fisher, "On Grouping for Maximum Homogeneity",
 * JASA 53, 1958). Edges are the class maxima, as in Jenks' tables. */
static void
jenks_breaks (const double *x, gsize n, guint k, GArray *edges)
{
  g_autofree double *s1 = g_new0 (double, n + 1);
  g_autofree double *s2 = g_new0 (double, n + 1);
  g_autofree double *dp = g_new (double, (gsize) k * n);
  g_autofree guint *back = g_new0 (guint, (gsize) k * n);
  g_autofree double *maxima = g_new (double, k);
  gsize j = n - 1;

  for (gsize i = 0; i < n; i++)
    {
      s1[i + 1] = s1[i] + x[i];
      s2[i + 1] = s2[i] + x[i] * x[i];
    }
#define SSE(a, b) (s2[(b) + 1] - s2[(a)] - \
                   (s1[(b) + 1] - s1[(a)]) * (s1[(b) + 1] - s1[(a)]) / (double) ((b) - (a) + 1))
  for (gsize i = 0; i < n; i++)
    {
      dp[i] = SSE (0, i);
      back[i] = 0;
    }
  for (guint c = 1; c < k; c++)
    for (gsize i = 0; i < n; i++)
      {
        double best = G_MAXDOUBLE;
        guint best_start = (guint) i;

        /* the last class is x[start..i], start ≥ c */
        for (gsize start = MAX ((gsize) c, 1); start <= i; start++)
          {
            double cost = dp[(gsize) (c - 1) * n + start - 1] + SSE (start, i);

            if (cost < best)
              {
                best = cost;
                best_start = (guint) start;
              }
          }
        dp[(gsize) c * n + i] = i >= c ? best : G_MAXDOUBLE;
        back[(gsize) c * n + i] = best_start;
      }
#undef SSE
  for (int c = (int) k - 1; c >= 0; c--)
    {
      maxima[c] = x[j];
      if (c > 0)
        j = back[(gsize) c * n + j] - 1;
    }
  append_edge (edges, x[0]);
  for (guint c = 0; c < k; c++)
    append_edge (edges, maxima[c]);
}

static double
nice_step (double raw)
{
  double p, f;

  if (raw <= 0)
    return 1;
  p = pow (10, floor (log10 (raw)));
  f = raw / p;
  if (f < 1.5)
    return p;
  if (f < 3)
    return 2 * p;
  if (f < 7)
    return 5 * p;
  return 10 * p;
}

/* ---- classification ---- */

GArray *
ga_classify_breaks (const double     *values,
                    gsize             n,
                    GaClassifyMethod  method,
                    guint             n_classes)
{
  g_autofree double *copy = NULL;

  g_return_val_if_fail (values != NULL || n == 0, NULL);

  if (n_classes < 1 || n_classes > 9 || n == 0)
    return NULL;
  copy = g_memdup2 (values, n * sizeof (double));
  return ga_classify_breaks_in_place (copy, n, method, n_classes);
}

GArray *
ga_classify_breaks_in_place (double           *values,
                             gsize             n,
                             GaClassifyMethod  method,
                             guint             n_classes)
{
  GArray *edges;
  const double *x;
  gsize m;
  double lo, hi;
  gboolean negative_zero;

  g_return_val_if_fail (values != NULL || n == 0, NULL);

  if (n_classes < 1 || n_classes > 9)
    return NULL;
  m = keep_finite (values, n, &lo, &hi, &negative_zero);
  if (m == 0)
    return NULL;
  x = values;
  edges = g_array_new (FALSE, FALSE, sizeof (double));

  if (lo == hi)
    {
      /* the first and last of a stable sort: the first and last such value in the input */
      lo = x[0];
      hi = x[m - 1];
      g_array_append_val (edges, lo);
      g_array_append_val (edges, hi);
      return edges;
    }

  if (order_for_method (values, m, method, n_classes, negative_zero))
    {
      /* sorted: an end may be −0 or +0, as the stable sort left it */
      lo = x[0];
      hi = x[m - 1];
    }

  switch (method)
    {
    case GA_CLASSIFY_QUANTILE:
      /* R type 7: linear interpolation between order statistics */
      append_edge (edges, lo);
      for (guint i = 1; i < n_classes; i++)
        {
          double h = (double) (m - 1) * i / n_classes;
          gsize f = (gsize) floor (h);
          double v = f + 1 < m ? x[f] + (h - f) * (x[f + 1] - x[f]) : x[f];

          append_edge (edges, v);
        }
      append_edge (edges, hi);
      break;

    case GA_CLASSIFY_NATURAL_BREAKS:
      {
        /* O(k·n²): above 3,000 values use an evenly spaced sample of the sorted data,
         * always keeping the minimum and maximum. */
        const gsize limit = NATURAL_BREAKS_LIMIT;

        if (m > limit)
          {
            g_autofree double *sample = g_new (double, limit);

            for (gsize i = 0; i < limit; i++)
              sample[i] = x[sample_index (i, m, limit)];
            jenks_breaks (sample, limit, MIN (n_classes, (guint) limit), edges);
          }
        else
          jenks_breaks (x, m, MIN (n_classes, (guint) m), edges);
      }
      break;

    case GA_CLASSIFY_PRETTY:
      {
        double step = nice_step ((hi - lo) / n_classes);
        double start = floor (lo / step) * step;
        double end = ceil (hi / step) * step;

        for (int i = 0; start + i * step <= end + step * 1e-9; i++)
          {
            double v = start + i * step;

            if (fabs (v) < step * 1e-9)
              v = 0;
            append_edge (edges, v);
          }
      }
      break;

    case GA_CLASSIFY_EQUAL_INTERVAL:
    default:
      for (guint i = 0; i <= n_classes; i++)
        append_edge (edges, i == n_classes ? hi : lo + (hi - lo) * i / n_classes);
      break;
    }

  return edges;
}

const char *
ga_classify_method_to_string (GaClassifyMethod method)
{
  switch (method)
    {
    case GA_CLASSIFY_QUANTILE:
      return "quantile";
    case GA_CLASSIFY_NATURAL_BREAKS:
      return "natural-breaks";
    case GA_CLASSIFY_PRETTY:
      return "pretty";
    case GA_CLASSIFY_EQUAL_INTERVAL:
    default:
      return "equal-interval";
    }
}

GaClassifyMethod
ga_classify_method_from_string (const char *id)
{
  if (g_strcmp0 (id, "quantile") == 0)
    return GA_CLASSIFY_QUANTILE;
  if (g_strcmp0 (id, "natural-breaks") == 0 || g_strcmp0 (id, "jenks") == 0)
    return GA_CLASSIFY_NATURAL_BREAKS;
  if (g_strcmp0 (id, "pretty") == 0)
    return GA_CLASSIFY_PRETTY;
  return GA_CLASSIFY_EQUAL_INTERVAL;
}

const char *
ga_classify_method_get_name (GaClassifyMethod method)
{
  switch (method)
    {
    case GA_CLASSIFY_QUANTILE:
      return _("Quantile");
    case GA_CLASSIFY_NATURAL_BREAKS:
      return _("Natural breaks (Jenks)");
    case GA_CLASSIFY_PRETTY:
      return _("Pretty breaks");
    case GA_CLASSIFY_EQUAL_INTERVAL:
    default:
      return _("Equal interval");
    }
}

/* ---- ramps ---- */

static GaRgba
viridis_at (guint i)
{
  return hex_color (viridis + 6 * MIN (i, 255u));
}

gboolean
ga_ramp_colors (const char *ramp,
                guint       n,
                GaRgba     *out)
{
  const Ramp *r = find_ramp (ramp);

  g_return_val_if_fail (out != NULL || n == 0, FALSE);

  if (r == NULL)
    return FALSE;
  if (n == 0)
    return TRUE;

  if (r->qualitative)
    {
      guint len = (guint) strlen (r->hex[0]) / 6;

      for (guint i = 0; i < n; i++)
        out[i] = hex_color (r->hex[0] + 6 * (i % len));
      return TRUE;
    }

  if (g_str_equal (r->id, "viridis"))
    {
      for (guint i = 0; i < n; i++)
        out[i] = viridis_at (n == 1 ? 128 : (guint) lround (255.0 * i / (n - 1)));
      return TRUE;
    }

  if (n >= 3 && n <= 9)
    {
      const char *hex = r->hex[n - 3];

      for (guint i = 0; i < n; i++)
        out[i] = hex_color (hex + 6 * i);
      return TRUE;
    }
  if (n < 3)
    {
      const char *hex = r->hex[0];

      if (n == 1)
        out[0] = hex_color (hex + 6);
      else
        {
          out[0] = hex_color (hex);
          out[1] = hex_color (hex + 12);
        }
      return TRUE;
    }
  for (guint i = 0; i < n; i++)
    out[i] = ga_ramp_sample (ramp, (double) i / (n - 1));
  return TRUE;
}

GaRgba
ga_ramp_sample (const char *ramp,
                double      t)
{
  const Ramp *r = find_ramp (ramp);
  double pos;
  guint i, len;

  if (r == NULL)
    r = find_ramp ("ylorrd");
  if (!(t >= 0))
    t = 0;
  t = MIN (t, 1.0);

  if (g_str_equal (r->id, "viridis"))
    {
      pos = t * 255;
      i = (guint) floor (pos);
      if (i >= 255)
        return viridis_at (255);
      return mix (viridis_at (i), viridis_at (i + 1), pos - i);
    }
  if (r->qualitative)
    {
      len = (guint) strlen (r->hex[0]) / 6;
      return hex_color (r->hex[0] + 6 * MIN ((guint) floor (t * len), len - 1));
    }
  pos = t * 8;
  i = (guint) floor (pos);
  if (i >= 8)
    return hex_color (r->hex[6] + 6 * 8);
  return mix (hex_color (r->hex[6] + 6 * i), hex_color (r->hex[6] + 6 * (i + 1)), pos - i);
}

const char * const *
ga_ramp_list (gboolean qualitative)
{
  return qualitative ? qualitative_ids : sequential_ids;
}

gboolean
ga_ramp_is_qualitative (const char *ramp)
{
  const Ramp *r = find_ramp (ramp);

  return r != NULL && r->qualitative;
}

gboolean
ga_ramp_is_known (const char *ramp)
{
  return find_ramp (ramp) != NULL;
}

const char *
ga_ramp_get_name (const char *ramp)
{
  const Ramp *r = find_ramp (ramp);

  return r != NULL ? r->name : ramp;
}

/* ---- colours ---- */

static const struct
{
  const char *name;
  guint32     rgb;
} css_colors[] = {
  { "black", 0x000000 }, { "white", 0xffffff }, { "red", 0xff0000 }, { "green", 0x008000 },
  { "blue", 0x0000ff }, { "yellow", 0xffff00 }, { "orange", 0xffa500 }, { "purple", 0x800080 },
  { "pink", 0xffc0cb }, { "brown", 0xa52a2a }, { "gray", 0x808080 }, { "grey", 0x808080 },
  { "cyan", 0x00ffff }, { "magenta", 0xff00ff }, { "lime", 0x00ff00 }, { "navy", 0x000080 },
  { "maroon", 0x800000 }, { "olive", 0x808000 }, { "teal", 0x008080 }, { "silver", 0xc0c0c0 },
  { "gold", 0xffd700 }, { "violet", 0xee82ee }, { "indigo", 0x4b0082 }, { "aqua", 0x00ffff },
  { "fuchsia", 0xff00ff }, { "darkgreen", 0x006400 }, { "darkblue", 0x00008b },
  { "darkred", 0x8b0000 }, { "lightblue", 0xadd8e6 }, { "lightgreen", 0x90ee90 },
  { "skyblue", 0x87ceeb }, { "darkorange", 0xff8c00 }, { "crimson", 0xdc143c },
};

gboolean
ga_color_parse (const char *text,
                GaRgba     *out)
{
  g_autofree char *s = NULL;
  const char *p;
  gsize len;

  g_return_val_if_fail (out != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  s = g_strstrip (g_strdup (text));
  p = s[0] == '#' ? s + 1 : s;
  len = strlen (p);

  if (len == 3 || len == 6 || len == 8)
    {
      gboolean hex = TRUE;

      for (gsize i = 0; i < len; i++)
        hex = hex && g_ascii_isxdigit (p[i]);
      if (hex)
        {
          if (len == 3)
            {
              guint r = g_ascii_xdigit_value (p[0]) * 17;
              guint g = g_ascii_xdigit_value (p[1]) * 17;
              guint b = g_ascii_xdigit_value (p[2]) * 17;

              *out = GA_RGBA (r, g, b, 0xff);
            }
          else
            *out = GA_RGBA (hex_byte (p), hex_byte (p + 2), hex_byte (p + 4),
                            len == 8 ? hex_byte (p + 6) : 0xff);
          return TRUE;
        }
    }
  if (s[0] == '#')
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (css_colors); i++)
    if (g_ascii_strcasecmp (css_colors[i].name, s) == 0)
      {
        guint32 rgb = css_colors[i].rgb;

        *out = GA_RGBA ((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff, 0xff);
        return TRUE;
      }
  return FALSE;
}

char *
ga_color_to_string (GaRgba color)
{
  if ((color & 0xff) == 0xff)
    return g_strdup_printf ("#%06x", color >> 8);
  return g_strdup_printf ("#%08x", color);
}

/* ---- numbers ---- */

static gboolean
parse_number_slow (const char *text, double *out)
{
  char *end = NULL;
  double v;

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

gboolean
ga_parse_number (const char *text,
                 double     *out)
{
  /* exact powers of ten as doubles: 10²² is the last one */
  static const double pow10[] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };
  const char *p = text;
  guint64 mantissa = 0;
  guint digits = 0, decimals = 0;
  gboolean negative = FALSE, point = FALSE;
  double v;

  if (text == NULL)
    return FALSE;

  /* Plain decimals ("-12.375", the attribute tables' usual text) directly: when the digits
   * are an integer below 2⁵³ and there are at most 22 decimals, both it and the power of
   * ten are exact doubles, so one IEEE division rounds the exact value once, correctly —
   * as strtod does (Clinger's fast path). Anything else goes to g_ascii_strtod. */
  while (*p == ' ' || (*p >= '\t' && *p <= '\r'))
    p++;
  if (*p == '-' || *p == '+')
    negative = *p++ == '-';
  for (;; p++)
    {
      if (*p >= '0' && *p <= '9')
        {
          mantissa = mantissa * 10 + (guint64) (*p - '0');
          if (mantissa > ((guint64) 1 << 53))
            return parse_number_slow (text, out);
          digits++;
          decimals += point;
        }
      else if (*p == '.' && !point)
        point = TRUE;
      else
        break;
    }
  while (*p == ' ' || (*p >= '\t' && *p <= '\r'))
    p++;
  if (*p != '\0' || digits == 0 || decimals >= G_N_ELEMENTS (pow10))
    return parse_number_slow (text, out);
  v = (double) mantissa / pow10[decimals];
  *out = negative ? -v : v;
  return TRUE;
}

double
ga_pretty_ceil (double value)
{
  double p, f;

  if (value == 0 || !isfinite (value))
    return value;
  if (value < 0)
    return -ga_pretty_ceil (-value) ;
  p = pow (10, floor (log10 (value)));
  f = value / p;
  /* guard against 1e-16 noise pushing 2.0000000001 up to 5 */
  if (f <= 1 + 1e-9)
    return p;
  if (f <= 2 + 1e-9)
    return 2 * p;
  if (f <= 5 + 1e-9)
    return 5 * p;
  return 10 * p;
}

double
ga_pretty_round (double value)
{
  double p, f;

  if (value == 0 || !isfinite (value))
    return value;
  if (value < 0)
    return -ga_pretty_round (-value);
  p = pow (10, floor (log10 (value)));
  f = value / p;
  if (f < 1.5)
    return p;
  if (f < 3.5)
    return 2 * p;
  if (f < 7.5)
    return 5 * p;
  return 10 * p;
}

char *
ga_format_number (double value)
{
  double a = fabs (value);
  int decimals = a >= 100 || a == 0 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *fmt = g_strdup_printf ("%%.%df", decimals);
  GString *out;
  const char *digits, *dot;
  gsize int_len;

  if (!isfinite (value))
    return g_strdup ("–");
  g_ascii_formatd (buf, sizeof buf, fmt, a);
  /* trim trailing zeros of the fraction */
  if (strchr (buf, '.') != NULL)
    {
      char *end = buf + strlen (buf) - 1;

      while (*end == '0')
        *end-- = '\0';
      if (*end == '.')
        *end = '\0';
    }
  out = g_string_new (value < 0 && g_strcmp0 (buf, "0") != 0 ? "−" : "");
  digits = buf;
  dot = strchr (buf, '.');
  int_len = dot != NULL ? (gsize) (dot - buf) : strlen (buf);
  for (gsize i = 0; i < int_len; i++)
    {
      if (i > 0 && (int_len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  if (dot != NULL)
    g_string_append (out, dot);
  return g_string_free (out, FALSE);
}
