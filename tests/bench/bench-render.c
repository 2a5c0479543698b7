/* bench-render.c — headless figures of issue 6: render time, peak memory, heatmap, bytes/vertex
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-render [--runs N] [--tiers 10k,100k,1m] [--gpkg] DATADIR
 *
 * DATADIR is what gen-bench-city wrote (`ninja -C BUILD bench-data`). For each tier it
 * draws the four layers (emissions, green_space, transit_lines, transit_stops), reprojected
 * from UTM 47N to Web Mercator, into a 1920x1080 PNG of the full extent with:
 *
 *   ours       green-atlas-render --plain --no-legend (one colour per layer, as the mapfile)
 *   mapserver  MapServer's map2img with an equivalent mapfile (when map2img is installed)
 *   ogr-loop   this program's --ogr-loop: OGR_L_GetNextFeature over the same layers, every
 *              coordinate read with OGR_G_GetPoints, nothing drawn (the floor of any reader);
 *              OGR reads every attribute value too, as it does by default
 *   geometry   the same loop told to read no attribute (OGR_L_SetIgnoredFields), as
 *              green-atlas-render --plain now reads (its styles use none) and as MapServer
 *              reads for a mapfile whose styles use none
 *
 * each as a child process, one warm-up round then N rounds in alternation; it prints the
 * median wall time, CPU time (user + system, steadier on a busy machine) and peak RSS
 * (wait4's ru_maxrss), and the ratios. Then, in
 * this process: the in-memory size of the loaded layers (bytes per vertex, geometry and
 * attributes apart), and the heatmap of the emission points (tco2e weights) drawn N times
 * at 1920x1080 through ga_thematic_draw_layer_full (exports) and as the screen's 256-px
 * tiles through ga_thematic_render_tile_full.
 *
 * Prints figures and asserts nothing.
 */
#define _GNU_SOURCE
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "ga-layer.h"
#include "ga-reader.h"
#include "ga-render-private.h"
#include "ga-render-view.h"
#include "ga-style.h"
#include "ga-thematic.h"

#ifndef GA_RENDER_TOOL
#define GA_RENDER_TOOL "green-atlas-render"
#endif

#define WIDTH  1920
#define HEIGHT 1080
#define MARGIN 0.03

/* bottom first, as drawn */
static const char * const layer_names[] = {
  "emissions", "green_space", "transit_lines", "transit_stops",
};

typedef struct
{
  double wall_ms;
  double cpu_ms;
  long   maxrss_kb;
  int    status;
} Run;

/* ---- child processes ---- */

static Run
run_child (char **argv, gboolean quiet)
{
  Run r = { 0.0, 0.0, 0, -1 };
  struct rusage ru;
  gint64 t0 = g_get_monotonic_time ();
  pid_t pid = fork ();
  int status;

  if (pid < 0)
    g_error ("fork: %s", g_strerror (errno));
  if (pid == 0)
    {
      if (quiet)
        {
          int fd = open ("/dev/null", O_WRONLY);

          dup2 (fd, 1);
          dup2 (fd, 2);
        }
      execvp (argv[0], argv);
      _exit (127);
    }
  if (wait4 (pid, &status, 0, &ru) < 0)
    g_error ("wait4: %s", g_strerror (errno));
  r.wall_ms = (g_get_monotonic_time () - t0) / 1000.0;
  r.maxrss_kb = ru.ru_maxrss;
  r.cpu_ms = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000.0 +
             (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1000.0;
  r.status = WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status);
  return r;
}

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* The median of @values, left in their order (the order of the rounds) */
static double
median (GArray *values)
{
  g_autoptr(GArray) sorted = NULL;

  if (values->len == 0)
    return NAN;
  sorted = g_array_copy (values);
  g_array_sort (sorted, compare_double);
  if (sorted->len % 2)
    return g_array_index (sorted, double, sorted->len / 2);
  return (g_array_index (sorted, double, sorted->len / 2 - 1) +
          g_array_index (sorted, double, sorted->len / 2)) / 2.0;
}

/* The median of the ratios @a[r] / @b[r] of the same rounds, and their range: the
 * contenders of a round run within seconds of each other, so a machine that speeds up or
 * slows down over the minutes of a benchmark moves both sides of a ratio together. */
static double
paired_ratio (GArray *a,
              GArray *b,
              double *lo,
              double *hi)
{
  g_autoptr(GArray) ratios = g_array_new (FALSE, FALSE, sizeof (double));

  *lo = G_MAXDOUBLE;
  *hi = 0.0;
  for (guint r = 0; r < MIN (a->len, b->len); r++)
    {
      double q = g_array_index (a, double, r) / g_array_index (b, double, r);

      g_array_append_val (ratios, q);
      *lo = MIN (*lo, q);
      *hi = MAX (*hi, q);
    }
  if (ratios->len == 0)
    {
      *lo = *hi = 0.0;
      return 0.0;
    }
  return median (ratios);
}

/* ---- the OGR reference loop (child mode) ---- */

static guint64
walk_geometry (OGRGeometryH g, double *sum, GArray *xs, GArray *ys)
{
  guint64 n_coords = 0;
  int n_sub = OGR_G_GetGeometryCount (g);

  if (n_sub > 0)
    {
      for (int i = 0; i < n_sub; i++)
        n_coords += walk_geometry (OGR_G_GetGeometryRef (g, i), sum, xs, ys);
      return n_coords;
    }
  else
    {
      int n = OGR_G_GetPointCount (g);

      g_array_set_size (xs, n);
      g_array_set_size (ys, n);
      OGR_G_GetPoints (g, xs->data, sizeof (double), ys->data, sizeof (double), NULL, 0);
      for (int i = 0; i < n; i++)
        *sum += g_array_index (xs, double, i) + g_array_index (ys, double, i);
      return n;
    }
}

static int
ogr_loop (char     **paths,
          gboolean   geometry_only)
{
  g_autoptr(GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ys = g_array_new (FALSE, FALSE, sizeof (double));
  guint64 n_coords = 0, n_features = 0;
  double sum = 0.0;

  GDALAllRegister ();
  for (guint i = 0; paths[i] != NULL; i++)
    {
      GDALDatasetH ds = GDALOpenEx (paths[i], GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL,
                                    NULL);

      if (ds == NULL)
        {
          fprintf (stderr, "cannot open %s\n", paths[i]);
          return 1;
        }
      for (int l = 0; l < GDALDatasetGetLayerCount (ds); l++)
        {
          OGRLayerH layer = GDALDatasetGetLayer (ds, l);
          OGRFeatureDefnH defn = OGR_L_GetLayerDefn (layer);
          OGRFeatureH f;

          if (geometry_only)
            {
              g_autoptr(GPtrArray) names = g_ptr_array_new ();

              for (int k = 0; k < OGR_FD_GetFieldCount (defn); k++)
                g_ptr_array_add (names,
                                 (gpointer) OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, k)));
              g_ptr_array_add (names, (gpointer) "OGR_STYLE");
              g_ptr_array_add (names, NULL);
              OGR_L_SetIgnoredFields (layer, (const char **) names->pdata);
            }
          OGR_L_ResetReading (layer);
          while ((f = OGR_L_GetNextFeature (layer)) != NULL)
            {
              OGRGeometryH g = OGR_F_GetGeometryRef (f);

              if (g != NULL)
                n_coords += walk_geometry (g, &sum, xs, ys);
              n_features++;
              OGR_F_Destroy (f);
            }
        }
      GDALClose (ds);
    }
  printf ("%" G_GUINT64_FORMAT " features, %" G_GUINT64_FORMAT " coordinates, checksum %.6e\n",
          n_features, n_coords, sum);
  return 0;
}

/* ---- the view: full extent of the layers in Web Mercator, as green-atlas-render fits it ---- */

static gboolean
mercator_extent (char **paths, GaExtent *merc)
{
  OGRSpatialReferenceH web = OSRNewSpatialReference (NULL);

  OSRImportFromEPSG (web, 3857);
  OSRSetAxisMappingStrategy (web, OAMS_TRADITIONAL_GIS_ORDER);
  merc->min_x = merc->min_y = G_MAXDOUBLE;
  merc->max_x = merc->max_y = -G_MAXDOUBLE;
  for (guint i = 0; paths[i] != NULL; i++)
    {
      GDALDatasetH ds = GDALOpenEx (paths[i], GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL,
                                    NULL);
      OGRLayerH layer;
      OGRSpatialReferenceH srs;
      OGRCoordinateTransformationH ct;
      OGREnvelope env;
      double x0, y0, x1, y1;

      if (ds == NULL)
        return FALSE;
      layer = GDALDatasetGetLayer (ds, 0);
      srs = OSRClone (OGR_L_GetSpatialRef (layer));
      OSRSetAxisMappingStrategy (srs, OAMS_TRADITIONAL_GIS_ORDER);
      ct = OCTNewCoordinateTransformation (srs, web);
      OGR_L_GetExtent (layer, &env, TRUE);
      if (!OCTTransformBounds (ct, env.MinX, env.MinY, env.MaxX, env.MaxY,
                               &x0, &y0, &x1, &y1, 21))
        return FALSE;
      merc->min_x = MIN (merc->min_x, x0);
      merc->min_y = MIN (merc->min_y, y0);
      merc->max_x = MAX (merc->max_x, x1);
      merc->max_y = MAX (merc->max_y, y1);
      OCTDestroyCoordinateTransformation (ct);
      OSRDestroySpatialReference (srs);
      GDALClose (ds);
    }
  OSRDestroySpatialReference (web);
  return TRUE;
}

/* ---- MapServer ---- */

static char *
find_in_path (const char *program)
{
  return g_find_program_in_path (program);
}

/* The same layers, colours and sizes as green-atlas-render --plain: polygons filled and
 * outlined at half opacity, 2.5 px lines, 5 px circles (radius) with a 1 px white ring. */
static char *
write_mapfile (const char *dir, char **paths, const GaExtent *e, const char *out_dir)
{
  GString *m = g_string_new (NULL);
  g_autofree char *path = g_build_filename (out_dir, "bench.map", NULL);
  g_autoptr(GError) error = NULL;
  static const char * const colors[] = { "51 160 44", "31 120 180", "227 26 28", "255 127 0" };

  g_string_append_printf (m,
    "MAP\n"
    "  NAME \"bench\"\n"
    "  SIZE %d %d\n"
    "  EXTENT %.3f %.3f %.3f %.3f\n"
    "  IMAGECOLOR 255 255 255\n"
    "  IMAGETYPE \"png\"\n"
    "  OUTPUTFORMAT\n"
    "    NAME \"png\"\n"
    "    DRIVER AGG/PNG\n"
    "    MIMETYPE \"image/png\"\n"
    "    IMAGEMODE RGB\n"
    "    EXTENSION \"png\"\n"
    "  END\n"
    "  PROJECTION \"init=epsg:3857\" END\n"
    "  SYMBOL NAME \"circle\" TYPE ELLIPSE FILLED TRUE POINTS 1 1 END END\n",
    WIDTH, HEIGHT, e->min_x, e->min_y, e->max_x, e->max_y);
  for (guint i = 0; paths[i] != NULL; i++)
    {
      const char *name = layer_names[i];
      const char *color = colors[i % G_N_ELEMENTS (colors)];

      g_string_append_printf (m,
        "  LAYER\n"
        "    NAME \"%s\"\n"
        "    STATUS ON\n"
        "    DATA \"%s\"\n"
        "    PROJECTION \"init=epsg:32647\" END\n",
        name, paths[i]);
      if (g_str_equal (name, "green_space"))
        g_string_append_printf (m,
          "    TYPE POLYGON\n"
          "    COMPOSITE OPACITY 50 END\n"
          "    CLASS STYLE COLOR %s OUTLINECOLOR 20 80 20 WIDTH 1 END END\n", color);
      else if (g_str_equal (name, "transit_lines"))
        g_string_append_printf (m,
          "    TYPE LINE\n"
          "    CLASS STYLE COLOR %s WIDTH 2.5 LINECAP ROUND LINEJOIN ROUND END END\n", color);
      else
        g_string_append_printf (m,
          "    TYPE POINT\n"
          "    CLASS STYLE SYMBOL \"circle\" SIZE 10 COLOR %s OUTLINECOLOR 255 255 255 "
          "WIDTH 1 END END\n", color);
      g_string_append (m, "  END\n");
    }
  g_string_append (m, "END\n");
  if (!g_file_set_contents (path, m->str, -1, &error))
    g_error ("%s", error->message);
  g_string_free (m, TRUE);
  return g_steal_pointer (&path);
}

/* ---- in-process figures ---- */

/* CPU time of this process (all threads: a heatmap redraw may use several), ms: steadier
 * than the wall clock on a busy machine */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static GPtrArray *
load_layers (char **paths, double *ms)
{
  GPtrArray *all = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 t0 = g_get_monotonic_time ();

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) layers = ga_reader_load (paths[i], NULL, NULL, NULL, NULL, &error);

      if (layers == NULL)
        g_error ("%s", error->message);
      for (guint j = 0; j < layers->len; j++)
        g_ptr_array_add (all, g_object_ref (g_ptr_array_index (layers, j)));
    }
  *ms = (g_get_monotonic_time () - t0) / 1000.0;
  return all;
}

static void
print_memory (GPtrArray *layers)
{
  gsize total_geom = 0, total_attr = 0;
  guint64 total_vertices = 0;

  g_print ("  in-memory layer store:\n");
  for (guint i = 0; i < layers->len; i++)
    {
      GaLayer *layer = g_ptr_array_index (layers, i);
      gsize geom, attr;
      guint n = ga_layer_get_n_coords (layer);

      ga_layer_get_memory_size (layer, &geom, &attr);
      total_geom += geom;
      total_attr += attr;
      total_vertices += n;
      g_print ("    %-14s %9u vertices %9u features  geometry+index %6.1f MB = %5.1f B/vertex"
               "   attributes %6.1f MB\n",
               ga_layer_get_name (layer), n, ga_layer_get_n_features (layer), geom / 1e6,
               n ? (double) geom / n : 0.0, attr / 1e6);
    }
  g_print ("    %-14s %9" G_GUINT64_FORMAT " vertices                     geometry+index %6.1f MB"
           " = %5.1f B/vertex   attributes %6.1f MB (%.1f B/vertex)\n",
           "all", total_vertices, total_geom / 1e6,
           total_vertices ? (double) total_geom / total_vertices : 0.0, total_attr / 1e6,
           total_vertices ? (double) total_attr / total_vertices : 0.0);
}

static void
bench_heatmap (GaLayer *layer, guint runs)
{
  g_autoptr(GaStyle) style = ga_style_new_for_layer (layer);
  g_autoptr(cairo_surface_t) surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                                    WIDTH, HEIGHT);
  g_autoptr(GArray) full = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) tiles = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) full_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) tiles_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  double c0, classify_cpu;
  GaRenderView view;
  GaExtent extent, ve;
  gint64 t0;
  double classify_ms;
  int tx0, ty0, tx1, ty1, z;

  ga_style_set_kind (style, GA_STYLE_HEATMAP);
  ga_style_set_weight_field (style, "tco2e");
  t0 = g_get_monotonic_time ();
  c0 = thread_cpu_ms ();
  ga_style_classify (style, layer);
  ga_style_prepare (style, layer);
  classify_ms = (g_get_monotonic_time () - t0) / 1000.0;
  classify_cpu = thread_cpu_ms () - c0;

  ga_layer_get_extent (layer, &extent);
  ga_render_view_init_extent (&view, &extent, WIDTH, HEIGHT, MARGIN);

  for (guint r = 0; r <= runs; r++)
    {
      g_autoptr(cairo_t) cr = cairo_create (surface);
      double ms;

      cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
      cairo_paint (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
      t0 = g_get_monotonic_time ();
      c0 = thread_cpu_ms ();
      ga_thematic_draw_layer_full (cr, &view, layer, style, 1.0, GA_THEMATIC_NO_LABELS, NULL);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      c0 = thread_cpu_ms () - c0;
      if (r > 0)
        {
          g_array_append_val (full, ms);
          g_array_append_val (full_cpu, c0);
        }
    }

  /* The screen: the 256-px tiles covering the same view at the nearest integer zoom. */
  z = (int) floor (view.zoom + 0.5);
  {
    double n = pow (2.0, z);

    ga_render_view_get_extent (&view, &ve);
    tx0 = (int) floor ((ve.min_x + GA_MERCATOR_HALF_WORLD) / (2 * GA_MERCATOR_HALF_WORLD) * n);
    tx1 = (int) floor ((ve.max_x + GA_MERCATOR_HALF_WORLD) / (2 * GA_MERCATOR_HALF_WORLD) * n);
    ty0 = (int) floor ((GA_MERCATOR_HALF_WORLD - ve.max_y) / (2 * GA_MERCATOR_HALF_WORLD) * n);
    ty1 = (int) floor ((GA_MERCATOR_HALF_WORLD - ve.min_y) / (2 * GA_MERCATOR_HALF_WORLD) * n);
  }
  for (guint r = 0; r <= runs; r++)
    {
      double ms;

      t0 = g_get_monotonic_time ();
      c0 = thread_cpu_ms ();
      for (int ty = ty0; ty <= ty1; ty++)
        for (int tx = tx0; tx <= tx1; tx++)
          {
            cairo_surface_t *tile = ga_thematic_render_tile_full (layer, style, z, tx, ty, 256,
                                                                  FALSE, NULL);
            g_clear_pointer (&tile, cairo_surface_destroy);
          }
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      c0 = thread_cpu_ms () - c0;
      if (r > 0)
        {
          g_array_append_val (tiles, ms);
          g_array_append_val (tiles_cpu, c0);
        }
    }

  {
    double full_median = median (full);
    double full_min = G_MAXDOUBLE;
    double tiles_median = median (tiles);

    for (guint i = 0; i < full->len; i++)
      full_min = MIN (full_min, g_array_index (full, double, i));

  g_print ("  heatmap of %u points (tco2e weights, radius %.0f m): classify %.1f ms, cpu %.1f ms "
           "(scale max %g, densest point %.6g);\n"
           "    full redraw %dx%d (export path): median %.1f ms of %u (min %.1f), cpu %.1f ms\n"
           "    screen tiles z%d, %dx%d tiles of 256 px, one after another: median %.1f ms of %u, "
           "cpu %.1f ms\n",
           ga_layer_get_n_features (layer), ga_style_get_radius_m (style), classify_ms,
           classify_cpu, ga_style_get_scale_max (style), ga_style_get_max_value (style),
           WIDTH, HEIGHT, full_median, runs, full_min, median (full_cpu), z,
           tx1 - tx0 + 1, ty1 - ty0 + 1, tiles_median, runs, median (tiles_cpu));
  }
}

/* ---- main ---- */

typedef struct
{
  const char *label;
  char      **argv;
  GArray     *wall;
  GArray     *cpu;
  GArray     *rss;
  int         failed;
} Contender;

static void
contender_run (Contender *c, gboolean record)
{
  Run r = run_child (c->argv, TRUE);

  if (r.status != 0)
    {
      c->failed = r.status;
      return;
    }
  if (record)
    {
      double rss_mb = r.maxrss_kb / 1024.0;

      g_array_append_val (c->wall, r.wall_ms);
      g_array_append_val (c->cpu, r.cpu_ms);
      g_array_append_val (c->rss, rss_mb);
    }
}

int
main (int argc, char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tiers_opt = NULL;
  g_autofree char *tool_opt = NULL;
  g_auto(GStrv) rest = NULL;
  g_auto(GStrv) tiers = NULL;
  g_autofree char *map2img = NULL;
  g_autofree char *self = NULL;
  gboolean loop = FALSE, geometry_only = FALSE, gpkg = FALSE, no_heatmap = FALSE;
  gboolean in_process = FALSE;
  int runs = 5;
  const GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Measured rounds after the warm-up (5)", "N" },
    { "tiers", 't', 0, G_OPTION_ARG_STRING, &tiers_opt, "Tiers (10k,100k,1m)", "LIST" },
    { "tool", 0, 0, G_OPTION_ARG_FILENAME, &tool_opt, "green-atlas-render to measure", "PATH" },
    { "gpkg", 0, 0, G_OPTION_ARG_NONE, &gpkg, "Read city.gpkg instead of the shapefiles", NULL },
    { "no-heatmap", 0, 0, G_OPTION_ARG_NONE, &no_heatmap, "Skip the in-process figures", NULL },
    { "in-process", 0, 0, G_OPTION_ARG_NONE, &in_process,
      "Only the in-process figures (memory, heatmap)", NULL },
    { "ogr-loop", 0, 0, G_OPTION_ARG_NONE, &loop, "Child mode: read FILE… with OGR", NULL },
    { "geometry-only", 0, 0, G_OPTION_ARG_NONE, &geometry_only,
      "With --ogr-loop: read no attribute values", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rest, NULL, "DATADIR" },
    { NULL }
  };

  context = g_option_context_new ("DATADIR — render benchmark of issue 6");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || rest == NULL)
    {
      fprintf (stderr, "%s\n", error ? error->message : "Usage: bench-render DATADIR");
      return 2;
    }
  if (loop)
    return ogr_loop (rest, geometry_only);

  GDALAllRegister ();
  self = g_file_read_link ("/proc/self/exe", NULL);
  map2img = find_in_path ("map2img");
  tiers = g_strsplit (tiers_opt ? tiers_opt : "10k,100k,1m", ",", -1);

  g_print ("bench-render: %dx%d PNG, full extent, Web Mercator; median of %d after one "
           "warm-up; %s\n", WIDTH, HEIGHT, runs, gpkg ? "GeoPackage" : "shapefiles");
  if (map2img == NULL)
    g_print ("  (map2img not installed: no MapServer reference; apt-get install mapserver-bin)\n");

  for (guint t = 0; tiers[t] != NULL; t++)
    {
      g_autofree char *dir = g_build_filename (rest[0], tiers[t], NULL);
      g_autofree char *out_dir = g_dir_make_tmp ("bench-render-XXXXXX", NULL);
      g_autofree char *ours_png = g_build_filename (out_dir, "ours.png", NULL);
      g_autofree char *ms_png = g_build_filename (out_dir, "mapserver.png", NULL);
      g_autofree char *extent_arg = NULL;
      g_autofree char *mapfile = NULL;
      g_autoptr(GStrvBuilder) ours_b = g_strv_builder_new ();
      g_autoptr(GStrvBuilder) loop_b = g_strv_builder_new ();
      g_autoptr(GStrvBuilder) geom_b = g_strv_builder_new ();
      g_auto(GStrv) paths = NULL;
      g_auto(GStrv) shp_paths = NULL;
      g_auto(GStrv) ours_argv = NULL, loop_argv = NULL, geom_argv = NULL, ms_argv = NULL;
      g_autoptr(GPtrArray) layers = NULL;
      Contender c[4];
      guint n_c = 0;
      GaRenderView view;
      GaExtent merc, ve;
      double load_ms;

      {
        g_autoptr(GStrvBuilder) pb = g_strv_builder_new ();
        g_autoptr(GStrvBuilder) sb = g_strv_builder_new ();

        for (guint i = 0; i < G_N_ELEMENTS (layer_names); i++)
          {
            g_autofree char *shp = g_strdup_printf ("%s/%s.shp", dir, layer_names[i]);

            if (!g_file_test (shp, G_FILE_TEST_EXISTS))
              {
                g_print ("%s: missing (run gen-bench-city %s %s)\n", shp, rest[0], tiers[t]);
                return 1;
              }
            g_strv_builder_add (sb, shp);
            if (gpkg)
              {
                g_autofree char *gp = g_strdup_printf ("%s/city.gpkg", dir);
                if (i == 0)
                  g_strv_builder_add (pb, gp);
              }
            else
              g_strv_builder_add (pb, shp);
          }
        paths = g_strv_builder_end (pb);
        shp_paths = g_strv_builder_end (sb);
      }

      if (!mercator_extent (shp_paths, &merc))
        g_error ("cannot compute the extent of %s", dir);
      ga_render_view_init_extent (&view, &merc, WIDTH, HEIGHT, MARGIN);
      ga_render_view_get_extent (&view, &ve);
      extent_arg = g_strdup_printf ("%.3f,%.3f,%.3f,%.3f", ve.min_x, ve.min_y, ve.max_x,
                                    ve.max_y);

      g_strv_builder_add_many (ours_b, tool_opt ? tool_opt : GA_RENDER_TOOL, "--plain",
                               "--no-legend", "--size", "1920x1080", "--extent", extent_arg,
                               "--extent-crs", "EPSG:3857", "-o", ours_png, NULL);
      g_strv_builder_addv (ours_b, (const char **) paths);
      ours_argv = g_strv_builder_end (ours_b);
      c[n_c++] = (Contender) { "green-atlas-render", ours_argv, NULL, NULL, NULL, 0 };

      if (map2img != NULL)
        {
          mapfile = write_mapfile (dir, shp_paths, &ve, out_dir);
          ms_argv = g_strdupv ((char *[]) { map2img, "-m", mapfile, "-o", ms_png, NULL });
          c[n_c++] = (Contender) { "mapserver map2img", ms_argv, NULL, NULL, NULL, 0 };
        }

      g_strv_builder_add_many (loop_b, self, "--ogr-loop", NULL);
      g_strv_builder_addv (loop_b, (const char **) paths);
      loop_argv = g_strv_builder_end (loop_b);
      c[n_c++] = (Contender) { "OGR read loop", loop_argv, NULL, NULL, NULL, 0 };

      g_strv_builder_add_many (geom_b, self, "--ogr-loop", "--geometry-only", NULL);
      g_strv_builder_addv (geom_b, (const char **) paths);
      geom_argv = g_strv_builder_end (geom_b);
      c[n_c++] = (Contender) { "OGR loop, geometry", geom_argv, NULL, NULL, NULL, 0 };

      for (guint i = 0; i < n_c; i++)
        {
          c[i].wall = g_array_new (FALSE, FALSE, sizeof (double));
          c[i].cpu = g_array_new (FALSE, FALSE, sizeof (double));
          c[i].rss = g_array_new (FALSE, FALSE, sizeof (double));
        }
      for (int r = 0; r <= runs && !in_process; r++)
        for (guint i = 0; i < n_c; i++)
          contender_run (&c[i], r > 0);

      g_print ("\ntier %s (%s):\n", tiers[t], dir);
      for (guint i = 0; i < n_c && !in_process; i++)
        {
          if (c[i].failed)
            g_print ("  %-20s FAILED (exit %d): %s\n", c[i].label, c[i].failed,
                     g_strjoinv (" ", c[i].argv));
          else
            g_print ("  %-20s wall %8.1f ms   cpu %8.1f ms   peak RSS %7.1f MB\n", c[i].label,
                     median (c[i].wall), median (c[i].cpu), median (c[i].rss));
        }
      if (!c[0].failed && !in_process)
        for (guint i = 1; i < n_c; i++)
          if (!c[i].failed)
            {
              double lo, hi;
              double paired = paired_ratio (c[0].wall, c[i].wall, &lo, &hi);

              g_print ("  ours / %-18s wall %.2f   cpu %.2f   memory %.2f   "
                       "wall round by round %.2f (%.2f-%.2f)\n", c[i].label,
                       median (c[0].wall) / median (c[i].wall),
                       median (c[0].cpu) / median (c[i].cpu),
                       median (c[0].rss) / median (c[i].rss), paired, lo, hi);
            }
      g_print ("  outputs: %s\n", out_dir);

      /* the phases of ours, once */
      if (!in_process)
        {
          g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
          g_auto(GStrv) v = NULL;

          g_strv_builder_add (b, ours_argv[0]);
          g_strv_builder_add (b, "--timings");
          g_strv_builder_addv (b, (const char **) ours_argv + 1);
          v = g_strv_builder_end (b);
          g_print ("  phases of green-atlas-render (--timings, one run):\n");
          fflush (stdout);
          run_child (v, FALSE);
        }

      for (guint i = 0; i < n_c; i++)
        {
          g_array_unref (c[i].wall);
          g_array_unref (c[i].cpu);
          g_array_unref (c[i].rss);
        }

      if (no_heatmap)
        continue;

      layers = load_layers (paths, &load_ms);
      g_print ("  in-process load of the four layers: %.1f ms\n", load_ms);
      print_memory (layers);
      for (guint i = 0; i < layers->len; i++)
        if (g_str_equal (ga_layer_get_name (g_ptr_array_index (layers, i)), "emissions"))
          bench_heatmap (g_ptr_array_index (layers, i), runs);
    }
  return 0;
}
