/* ga-render-tool.c — green-atlas-render: draw vector files to a PNG without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Keeps no state: everything comes from the command line. Exit 0 on success, otherwise one
 * line "green-atlas-render: <message>" on stderr and a non-zero status.
 */
#define G_LOG_DOMAIN "green-atlas-render"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <glib/gi18n.h>

#include "ga-basemap.h"
#include "ga-crs.h"
#include "ga-doc-export.h"
#include "ga-error.h"
#include "ga-layer-store.h"
#include "ga-mbtiles-export.h"
#include "ga-memory.h"
#include "ga-png-export.h"
#include "ga-project.h"
#include "ga-reader.h"
#include "ga-layout-private.h"
#include "ga-render-private.h"
#include "ga-render-view.h"
#include "ga-style-sheet.h"
#include "ga-style.h"

#define PROGRAM "green-atlas-render"
#define DEFAULT_MARGIN 0.03
#define MAX_SIZE 16384
#define EXTENT_SAMPLES 16

typedef struct
{
  char *output;
  char *size;
  char *extent;
  char *extent_crs;
  char *crs;
  char *encoding;
  char *basemap;
  gboolean basemap_optional;
  char *style;
  char *mbtiles;
  char *zooms;
  char *name;
  char *attribution;
  gboolean timings;
  gboolean info;
  gboolean plain;
  gboolean no_legend;
  char **style_json;
  char **inputs;
  /* layouts and projects (issue 5) */
  int slide;
  gboolean slides;
  char *layout;
  gboolean portrait;
  char *title;
  double dpi;
} Options;

static void
options_clear (Options *o)
{
  g_free (o->output);
  g_free (o->size);
  g_free (o->extent);
  g_free (o->extent_crs);
  g_free (o->crs);
  g_free (o->encoding);
  g_free (o->basemap);
  g_free (o->style);
  g_free (o->mbtiles);
  g_free (o->zooms);
  g_free (o->name);
  g_free (o->attribution);
  g_free (o->layout);
  g_free (o->title);
  g_strfreev (o->style_json);
  g_strfreev (o->inputs);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

static int
fail (const GError *error)
{
  g_autofree char *message = g_strdup (error->message);

  /* exactly one line */
  g_strdelimit (message, "\r\n", ' ');
  g_strstrip (message);
  if (g_error_matches (error, GA_ERROR, GA_ERROR_NO_CRS))
    fprintf (stderr, "%s: %s %s\n", PROGRAM, message,
             _("Pass its coordinate system with --crs, for example --crs EPSG:32647 "
               "(UTM zone 47N)."));
  else
    fprintf (stderr, "%s: %s\n", PROGRAM, message);
  return g_error_matches (error, GA_ERROR, GA_ERROR_BAD_ARGUMENT) ? 2 : 1;
}

static gboolean
parse_size (const char  *text,
            int         *width,
            int         *height,
            GError     **error)
{
  g_auto(GStrv) parts = g_strsplit_set (text, "xX", -1);
  guint64 w, h;

  if (g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 1, MAX_SIZE, &w, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 1, MAX_SIZE, &h, NULL))
    {
      g_set_error (error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
                   _("Invalid --size “%s”: give WIDTHxHEIGHT in pixels, each 1 to %d, "
                     "for example 1920x1080."), text, MAX_SIZE);
      return FALSE;
    }
  *width = (int) w;
  *height = (int) h;
  return TRUE;
}

static gboolean
parse_extent (const char  *text,
              GaExtent    *extent,
              GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  double v[4];

  if (g_strv_length (parts) != 4)
    goto bad;
  for (guint i = 0; i < 4; i++)
    {
      char *end = NULL;

      g_strstrip (parts[i]);
      v[i] = g_ascii_strtod (parts[i], &end);
      if (end == parts[i] || *end != '\0' || !isfinite (v[i]))
        goto bad;
    }
  if (!(v[0] < v[2]) || !(v[1] < v[3]))
    goto bad;

  extent->min_x = v[0];
  extent->min_y = v[1];
  extent->max_x = v[2];
  extent->max_y = v[3];
  return TRUE;

bad:
  g_set_error (error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
               _("Invalid --extent “%s”: give MINX,MINY,MAXX,MAXY with MINX < MAXX and "
                 "MINY < MAXY, for example 100.45,13.70,100.60,13.80."), text);
  return FALSE;
}

static gboolean
parse_zooms (const char  *text,
             int         *min_zoom,
             int         *max_zoom,
             GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text, "-", -1);
  guint n = g_strv_length (parts);
  guint64 a = 1, b = 0;

  if (n == 1 || n == 2)
    {
      if (!g_ascii_string_to_unsigned (parts[0], 10, 0, 22, &a, NULL) ||
          !g_ascii_string_to_unsigned (parts[n - 1], 10, 0, 22, &b, NULL))
        a = 1, b = 0;
    }
  if (a <= b)
    {
      *min_zoom = (int) a;
      *max_zoom = (int) b;
      return TRUE;
    }
  g_set_error (error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
               _("Invalid --zooms “%s”: give FIRST-LAST zoom levels from 0 to 22, for "
                 "example 9-16."), text);
  return FALSE;
}

/* Transforms @extent from @crs to Web Mercator, following its edges (a straight edge in one
 * CRS bends in another). */
static gboolean
extent_to_mercator (const GaExtent  *extent,
                    const char      *crs,
                    GaExtent        *out,
                    GError         **error)
{
  g_autoptr(GaTransform) tr = NULL;
  double xs[4 * EXTENT_SAMPLES], ys[4 * EXTENT_SAMPLES];
  gsize n = 0;
  gboolean any = FALSE;

  tr = ga_transform_new (crs, "EPSG:3857", error);
  if (tr == NULL)
    return FALSE;

  for (int i = 0; i < EXTENT_SAMPLES; i++)
    {
      double t = (double) i / EXTENT_SAMPLES;
      double dx = extent->max_x - extent->min_x, dy = extent->max_y - extent->min_y;

      xs[n] = extent->min_x + t * dx; ys[n++] = extent->min_y;
      xs[n] = extent->max_x; ys[n++] = extent->min_y + t * dy;
      xs[n] = extent->max_x - t * dx; ys[n++] = extent->max_y;
      xs[n] = extent->min_x; ys[n++] = extent->max_y - t * dy;
    }
  ga_transform_apply (tr, xs, ys, n);

  out->min_x = out->min_y = G_MAXDOUBLE;
  out->max_x = out->max_y = -G_MAXDOUBLE;
  for (gsize i = 0; i < n; i++)
    {
      if (!isfinite (xs[i]) || !isfinite (ys[i]) || fabs (xs[i]) == HUGE_VAL)
        continue;
      out->min_x = MIN (out->min_x, xs[i]);
      out->max_x = MAX (out->max_x, xs[i]);
      out->min_y = MIN (out->min_y, ys[i]);
      out->max_y = MAX (out->max_y, ys[i]);
      any = TRUE;
    }
  if (!any || !(out->min_x < out->max_x) || !(out->min_y < out->max_y))
    {
      g_set_error (error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
                   _("The --extent cannot be shown on a Web Mercator map in %s; check "
                     "--extent-crs."), crs);
      return FALSE;
    }
  return TRUE;
}

static const char *
geom_label (GaGeomKind kind)
{
  switch (kind)
    {
    case GA_GEOM_POINT: return C_("geometry", "point");
    case GA_GEOM_LINE: return C_("geometry", "line");
    case GA_GEOM_POLYGON: return C_("geometry", "polygon");
    case GA_GEOM_NONE:
    default: return C_("geometry", "none");
    }
}

/* Where the encoding came from, as --info tells it. */
static const char *
origin_label (GaEncodingOrigin origin)
{
  switch (origin)
    {
    case GA_ENCODING_ORIGIN_CPG: return C_("encoding origin", "cpg");
    case GA_ENCODING_ORIGIN_LDID: return C_("encoding origin", "language byte");
    case GA_ENCODING_ORIGIN_DETECTED: return C_("encoding origin", "detected");
    case GA_ENCODING_ORIGIN_OPTION: return C_("encoding origin", "option");
    case GA_ENCODING_ORIGIN_ASCII: return C_("encoding origin", "ASCII text");
    case GA_ENCODING_ORIGIN_NONE:
    default: return C_("encoding origin", "format");
    }
}

static void
print_info (GaLayer *layer)
{
  const char *encoding = ga_layer_get_encoding (layer);
  const char *crs = ga_layer_get_crs_name (layer);
  GaExtent ll;

  ga_layer_get_lonlat_extent (layer, &ll);
  /* Translators: per-layer report of green-atlas-render --info */
  printf (_("Layer: %s\n"), ga_layer_get_name (layer));
  printf (_("  File: %s\n"), ga_layer_get_path (layer) ? ga_layer_get_path (layer) : "");
  printf (_("  Geometry: %s\n"), geom_label (ga_layer_get_geom_kind (layer)));
  printf (_("  Features: %u\n"), ga_layer_get_n_features (layer));
  printf (_("  CRS: %s\n"), crs ? crs : "?");
  printf (_("  Encoding: %s (%s)\n"), encoding ? encoding : "UTF-8",
          origin_label (ga_layer_get_encoding_origin (layer)));
  printf (_("  Extent (lon/lat): %.6f, %.6f, %.6f, %.6f\n"),
          ll.min_x, ll.min_y, ll.max_x, ll.max_y);
}

static void
warn (const char *message)
{
  g_autofree char *line = g_strdup (message);

  g_strdelimit (line, "\r\n", ' ');
  g_strstrip (line);
  /* Translators: the basemap failed but --basemap-optional was given */
  fprintf (stderr, _("%s: warning: %s Drawing the layers without a basemap.\n"), PROGRAM,
           line);
}

/* A point in time: the wall clock, and the CPU time of every thread so far. Two of them
 * give a phase's wall and CPU time (two cores busy: the CPU time is twice the wall time). */
typedef struct
{
  gint64 wall;
  gint64 cpu;
} Stopwatch;

static Stopwatch
stopwatch_now (void)
{
  Stopwatch w = { g_get_monotonic_time (), 0 };
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) == 0)
    w.cpu = (gint64) (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * G_USEC_PER_SEC +
            usage.ru_utime.tv_usec + usage.ru_stime.tv_usec;
  return w;
}

static void
report_time (const Options   *o,
             const char      *phase,
             const Stopwatch *start)
{
  Stopwatch now;

  if (!o->timings)
    return;
  now = stopwatch_now ();
  fprintf (stderr, "%s: %.1f ms (CPU %.1f ms)\n", phase, (now.wall - start->wall) / 1000.0,
           (now.cpu - start->cpu) / 1000.0);
}

static void
warn_line (const char *message)
{
  g_autofree char *line = g_strdup (message);

  g_strdelimit (line, "\r\n", ' ');
  g_strstrip (line);
  /* Translators: a problem that does not stop the render, e.g. a project's missing file */
  fprintf (stderr, _("%s: warning: %s\n"), PROGRAM, line);
}

/* ---- layouts: PDF, SVG and PNG pages, projects and their slides ---- */

/* The app's key for the bundled sample-city basemap (GA_BASEMAP_KEY_BUNDLED). */
#define BUNDLED_BASEMAP_KEY "sample-city"
/* The window a saved view is shown in when it has no size of its own */
#define VIEW_WIDTH  1280
#define VIEW_HEIGHT 720

static gboolean
is_project_path (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, GA_PROJECT_EXTENSION);
}

static char *
find_bundled_basemap (void)
{
  const char *env = g_getenv ("GA_BUNDLED_BASEMAP");

  if (env != NULL)
    return *env && g_file_test (env, G_FILE_TEST_EXISTS) ? g_strdup (env) : NULL;
  if (g_file_test (BASEMAP_MBTILES, G_FILE_TEST_EXISTS))
    return g_strdup (BASEMAP_MBTILES);
  if (g_file_test (BUILD_BASEMAP_MBTILES, G_FILE_TEST_EXISTS))
    return g_strdup (BUILD_BASEMAP_MBTILES);
  return NULL;
}

/* The basemap a project names by the key of the app's basemap menu. */
static GaBasemap *
basemap_from_key (const char  *key,
                  GError     **error)
{
  if (key == NULL || *key == '\0' || g_str_equal (key, "none"))
    return ga_basemap_new_none ();
  if (g_str_equal (key, BUNDLED_BASEMAP_KEY))
    {
      g_autofree char *path = find_bundled_basemap ();

      if (path == NULL)
        {
          g_set_error (error, GA_ERROR, GA_ERROR_NOT_FOUND,
                       _("The project’s basemap, the bundled sample city, is not installed. "
                         "Pass --basemap FILE, or --basemap none."));
          return NULL;
        }
      return ga_basemap_new_mbtiles (path, error);
    }
  if (g_str_has_prefix (key, "mbtiles:"))
    return ga_basemap_new_mbtiles (key + strlen ("mbtiles:"), error);
  if (g_str_has_prefix (key, "folder:"))
    return ga_basemap_new_folder (key + strlen ("folder:"), error);
  if (g_str_has_prefix (key, "custom:"))
    return ga_basemap_new_from_spec (key + strlen ("custom:"), error);
  /* a built-in source by its id: "osm", "opentopomap"… */
  return ga_basemap_new_from_spec (key, error);
}

/* --basemap, else the project's (or slide's) key. NULL with *@basemap NULL and no error
 * when it failed but --basemap-optional allows going on. */
static gboolean
resolve_basemap (const Options  *o,
                 const char     *key,
                 GaBasemap     **basemap,
                 GError        **error)
{
  g_autoptr(GError) local_error = NULL;

  *basemap = o->basemap != NULL ? ga_basemap_new_from_spec (o->basemap, &local_error)
                                : basemap_from_key (key, &local_error);
  if (*basemap != NULL)
    return TRUE;
  if (!o->basemap_optional || g_error_matches (local_error, GA_ERROR, GA_ERROR_BAD_ARGUMENT))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  warn (local_error->message);
  return TRUE;
}

static gboolean
layout_options (const Options    *o,
                GaExportOptions  *options,
                GError          **error)
{
  ga_export_options_init (options);
  if (!ga_export_format_from_path (o->output, &options->format))
    {
      g_set_error (error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
                   _("Cannot tell the format of “%s”: name the output file .pdf, .svg or "
                     ".png."), o->output);
      return FALSE;
    }
  if (o->layout != NULL && !ga_layout_preset_from_string (o->layout, &options->preset))
    {
      g_set_error (error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
                   _("Invalid --layout “%s”: give slide, a4, a3 or a0."), o->layout);
      return FALSE;
    }
  options->portrait = o->portrait;
  if (o->dpi > 0.0)
    options->dpi = o->dpi;
  options->basemap_optional = o->basemap_optional;
  return TRUE;
}

/* Applies the command line's words and switches to a page. */
static void
page_apply_options (GaLayoutPage  *page,
                    const Options *o)
{
  if (o->title != NULL)
    {
      g_free (page->title);
      page->title = g_strdup (o->title);
    }
  if (o->attribution != NULL)
    {
      g_free (page->attribution);
      page->attribution = g_strdup (o->attribution);
    }
  if (o->no_legend)
    page->legend = FALSE;
}

static int
write_pages (const Options   *o,
             GPtrArray       *pages,
             GaExportOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *warning = NULL;
  Stopwatch t0 = stopwatch_now ();

  if (!ga_doc_export_write (o->output, pages, options, &warning, NULL, NULL, NULL, &error))
    return fail (error);
  if (warning != NULL)
    warn (warning);
  report_time (o, "render", &t0);
  return EXIT_SUCCESS;
}

/* The area of a saved view (centre and zoom) in a window of the usual size. */
static void
view_extent (double    lon,
             double    lat,
             double    zoom,
             GaExtent *extent)
{
  GaRenderView view = { 0 };

  ga_layout_lonlat_to_mercator (lon, lat, &view.center_x, &view.center_y);
  view.zoom = zoom;
  view.width = VIEW_WIDTH;
  view.height = VIEW_HEIGHT;
  ga_render_view_get_extent (&view, extent);
}

static int
run_project (const Options  *o,
             int             width,
             int             height,
             const GaExtent *merc_extent)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GaProject) project = NULL;
  g_autoptr(GaLayerStore) store = ga_layer_store_new ();
  g_autoptr(GHashTable) styles = g_hash_table_new_full (NULL, NULL, g_object_unref,
                                                        g_object_unref);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) ga_layout_page_free);
  g_autoptr(GaBasemap) basemap = NULL;
  GaExportOptions options;
  const char *basemap_key;
  guint n_slides;
  Stopwatch t0;

  if (o->inputs[1] != NULL)
    {
      g_set_error (&error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
                   _("Give one project file and nothing else (“%s” follows “%s”)."),
                   o->inputs[1], o->inputs[0]);
      return fail (error);
    }
  if (o->mbtiles != NULL)
    {
      g_set_error (&error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
                   _("--mbtiles draws data files, not a project: give the data files instead."));
      return fail (error);
    }

  t0 = stopwatch_now ();
  project = ga_project_load (o->inputs[0], &error);
  if (project == NULL)
    return fail (error);
  if (!ga_project_read_layers (project, store, styles, warnings, NULL, NULL, NULL, &error))
    return fail (error);
  for (guint i = 0; i < warnings->len; i++)
    warn_line (g_ptr_array_index (warnings, i));
  report_time (o, "load", &t0);

  if (o->info)
    {
      for (guint i = 0; i < ga_layer_store_get_n_layers (store); i++)
        if (ga_layer_get_missing (ga_layer_store_get (store, i)) == NULL)
          print_info (ga_layer_store_get (store, i));
      return EXIT_SUCCESS;
    }

  if (!layout_options (o, &options, &error))
    return fail (error);
  if (options.format == GA_EXPORT_PNG && o->size != NULL)
    {
      options.width_px = width;
      options.height_px = height;
    }

  n_slides = ga_project_get_n_slides (project);
  basemap_key = ga_project_get_basemap (project);
  if (o->slides)
    {
      if (options.format != GA_EXPORT_PDF)
        {
          g_set_error (&error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
                       _("--slides writes a PDF deck: name the output file .pdf, or pick one "
                         "slide with --slide N."));
          return fail (error);
        }
      if (n_slides == 0)
        {
          g_set_error (&error, GA_ERROR, GA_ERROR_EMPTY,
                       _("The project “%s” has no slides."), o->inputs[0]);
          return fail (error);
        }
      for (guint i = 0; i < n_slides; i++)
        g_ptr_array_add (pages, ga_export_page_new (project, store, styles,
                                                    ga_project_get_slide (project, i), NULL));
    }
  else if (o->slide > 0)
    {
      GaSlide *slide;

      if ((guint) o->slide > n_slides)
        {
          if (n_slides == 0)
            g_set_error (&error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
                         _("Invalid --slide %d: the project “%s” has no slides."), o->slide,
                         o->inputs[0]);
          else
            g_set_error (&error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
                         _("Invalid --slide %d: the project “%s” has slides 1 to %u."),
                         o->slide, o->inputs[0], n_slides);
          return fail (error);
        }
      slide = ga_project_get_slide (project, (guint) o->slide - 1);
      if (ga_slide_get_basemap (slide) != NULL)
        basemap_key = ga_slide_get_basemap (slide);
      g_ptr_array_add (pages, ga_export_page_new (project, store, styles, slide, NULL));
    }
  else
    {
      GaExtent view;
      double lon, lat, zoom;
      gboolean have_view = FALSE;

      if (merc_extent == NULL && ga_project_get_view (project, &lon, &lat, &zoom))
        {
          view_extent (lon, lat, zoom, &view);
          have_view = TRUE;
        }
      g_ptr_array_add (pages, ga_export_page_new (project, store, styles, NULL,
                                                  merc_extent != NULL ? merc_extent
                                                  : have_view ? &view : NULL));
    }
  for (guint i = 0; i < pages->len; i++)
    page_apply_options (g_ptr_array_index (pages, i), o);

  if (!resolve_basemap (o, basemap_key, &basemap, &error))
    return fail (error);
  options.basemap = basemap;
  return write_pages (o, pages, &options);
}

int
main (int   argc,
      char *argv[])
{
  g_auto(Options) o = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GaLayerStore) store = NULL;
  g_autoptr(GPtrArray) all_layers = NULL;
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autoptr(GaBasemap) basemap = NULL;
  g_autoptr(GaStyleSheet) style = NULL;
  g_autofree char *basemap_warning = NULL;
  GaReaderOptions reader_options = { NULL, NULL };
  GaPngExportOptions png_options = { NULL, FALSE, NULL, NULL, FALSE, NULL, FALSE, 0.0 };
  g_autoptr(GHashTable) layer_styles = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  GaRenderView view;
  GaExtent extent, merc_extent;
  gboolean have_merc_extent = FALSE;
  gboolean use_layout = FALSE;
  int width = 1920, height = 1080;
  int min_zoom = 0, max_zoom = -1;
  Stopwatch t0, t_all;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o.output,
      N_("Write the map to FILE: .png, or a page with title, legend and scale bar as .pdf "
         "or .svg (or .png with --layout)"), N_("FILE") },
    { "size", 0, 0, G_OPTION_ARG_STRING, &o.size,
      N_("Image size in pixels (default 1920x1080)"), N_("WxH") },
    { "extent", 0, 0, G_OPTION_ARG_STRING, &o.extent,
      N_("Area to draw (default: all layers)"), N_("MINX,MINY,MAXX,MAXY") },
    { "extent-crs", 0, 0, G_OPTION_ARG_STRING, &o.extent_crs,
      N_("CRS of --extent (default EPSG:4326, lon/lat)"), N_("CRS") },
    { "crs", 0, 0, G_OPTION_ARG_STRING, &o.crs,
      N_("CRS for inputs that do not declare one, e.g. EPSG:32647"), N_("CRS") },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &o.encoding,
      N_("Text encoding of DBF files that do not declare one, e.g. CP874"), N_("NAME") },
    { "basemap", 0, 0, G_OPTION_ARG_FILENAME, &o.basemap,
      N_("“none” (default), a tile URL template with {z}/{x}/{y}, an .mbtiles file or a "
         "{z}/{x}/{y} tile folder"), N_("none|URL|FILE|FOLDER") },
    { "basemap-optional", 0, 0, G_OPTION_ARG_NONE, &o.basemap_optional,
      N_("If the basemap cannot be reached or read, warn and draw the layers alone"), NULL },
    { "style", 0, 0, G_OPTION_ARG_FILENAME, &o.style,
      N_("Symbols, labels and background from a JSON style sheet (basemaps; instead of the "
         "thematic styles)"), N_("FILE") },
    { "style-json", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &o.style_json,
      N_("Draw layer LAYER with the thematic style saved in FILE (repeatable)"),
      N_("LAYER=FILE") },
    { "plain", 0, 0, G_OPTION_ARG_NONE, &o.plain,
      N_("Draw every layer in one plain colour instead of its thematic style"), NULL },
    { "no-legend", 0, 0, G_OPTION_ARG_NONE, &o.no_legend,
      N_("Leave out the legend (drawn bottom left with thematic styles)"), NULL },
    { "mbtiles", 0, 0, G_OPTION_ARG_FILENAME, &o.mbtiles,
      N_("Also (or instead) write the layers as an MBTiles basemap to FILE"), N_("FILE") },
    { "zooms", 0, 0, G_OPTION_ARG_STRING, &o.zooms,
      N_("Zoom levels of --mbtiles, e.g. 9-16"), N_("FIRST-LAST") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &o.name,
      N_("Name written into the --mbtiles metadata"), N_("NAME") },
    { "attribution", 0, 0, G_OPTION_ARG_STRING, &o.attribution,
      N_("Attribution for --mbtiles, and drawn on the PNG instead of the basemap’s"),
      N_("TEXT") },
    { "timings", 0, 0, G_OPTION_ARG_NONE, &o.timings,
      N_("Print the time of each phase to stderr"), NULL },
    { "info", 0, 0, G_OPTION_ARG_NONE, &o.info,
      N_("Describe each layer instead of drawing"), NULL },
    { "slide", 0, 0, G_OPTION_ARG_INT, &o.slide,
      N_("Project: draw slide N (from 1) instead of the saved view"), N_("N") },
    { "slides", 0, 0, G_OPTION_ARG_NONE, &o.slides,
      N_("Project: draw every slide, one page each, into a PDF deck"), NULL },
    { "layout", 0, 0, G_OPTION_ARG_STRING, &o.layout,
      N_("Page layout: slide (16:9, the default), a4, a3 or a0 (landscape)"),
      N_("slide|a4|a3|a0") },
    { "portrait", 0, 0, G_OPTION_ARG_NONE, &o.portrait,
      N_("Turn the page upright"), NULL },
    { "title", 0, 0, G_OPTION_ARG_STRING, &o.title,
      N_("Title printed on the page (instead of the project’s or slide’s)"), N_("TEXT") },
    { "dpi", 0, 0, G_OPTION_ARG_DOUBLE, &o.dpi,
      N_("Resolution of a PNG page (default 150)"), N_("N") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &o.inputs, NULL,
      N_("INPUT…") },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (_("— draw vector files or a project to a PNG, PDF or SVG "
                                     "map, or an MBTiles basemap"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Draws shapefiles, GeoPackages, GeoJSON, KML, CSV and other "
                                  "vector files, or a Green Atlas project (.greenatlas) and its "
                                  "slides, with Green Atlas’s renderer, without a display."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  ga_memory_init ();
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_autoptr(GError) wrapped = g_error_new (GA_ERROR, GA_ERROR_BAD_ARGUMENT, "%s",
                                               error->message);
      return fail (wrapped);
    }

  if (o.inputs == NULL || o.inputs[0] == NULL)
    {
      g_set_error (&error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
                   _("No input files. Usage: %s -o map.png FILE…"), PROGRAM);
      return fail (error);
    }
  if (!o.info && o.output == NULL && o.mbtiles == NULL)
    {
      g_set_error (&error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
                   _("No output file: pass -o FILE.png (or --info to describe the inputs)."));
      return fail (error);
    }
  if (o.size != NULL && !parse_size (o.size, &width, &height, &error))
    return fail (error);
  if (o.extent != NULL && !parse_extent (o.extent, &extent, &error))
    return fail (error);
  if (o.mbtiles != NULL && o.zooms == NULL)
    {
      g_set_error (&error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
                   _("--mbtiles needs the zoom levels to write: add --zooms FIRST-LAST, for "
                     "example --zooms 9-16."));
      return fail (error);
    }
  if (o.zooms != NULL && !parse_zooms (o.zooms, &min_zoom, &max_zoom, &error))
    return fail (error);
  if (o.slide < 0 || (o.slide > 0 && o.slides))
    {
      g_set_error (&error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
                   o.slide < 0 ? _("Invalid --slide: give a slide number from 1.")
                               : _("Give either --slide N or --slides, not both."));
      return fail (error);
    }
  if (o.dpi != 0.0 && !(o.dpi >= 10.0 && o.dpi <= 1200.0))
    {
      g_set_error (&error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
                   _("Invalid --dpi %g: give 10 to 1200, for example --dpi 300."), o.dpi);
      return fail (error);
    }
  if (o.layout != NULL)
    {
      GaLayoutPreset preset;

      if (!ga_layout_preset_from_string (o.layout, &preset))
        {
          g_set_error (&error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
                       _("Invalid --layout “%s”: give slide, a4, a3 or a0."), o.layout);
          return fail (error);
        }
    }
  if (is_project_path (o.inputs[0]))
    {
      GaExtent project_extent;

      if (o.extent != NULL &&
          !extent_to_mercator (&extent, o.extent_crs ? o.extent_crs : "EPSG:4326",
                               &project_extent, &error))
        return fail (error);
      return run_project (&o, width, height, o.extent != NULL ? &project_extent : NULL);
    }
  if (o.slide > 0 || o.slides)
    {
      g_set_error (&error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
                   _("--slide and --slides need a project file (.greenatlas) as the input."));
      return fail (error);
    }
  /* a page with title, legend and scale bar rather than the bare map */
  {
    GaExportFormat format = GA_EXPORT_PNG;

    if (o.output != NULL && ga_export_format_from_path (o.output, &format) &&
        (format != GA_EXPORT_PNG || o.layout != NULL || o.portrait || o.dpi > 0.0 ||
         o.title != NULL))
      use_layout = TRUE;
  }
  if (o.style != NULL)
    {
      style = ga_style_sheet_load (o.style, &error);
      if (style == NULL)
        return fail (error);
    }
  if (!o.info && o.output != NULL && o.basemap != NULL)
    {
      basemap = ga_basemap_new_from_spec (o.basemap, &error);
      if (basemap == NULL)
        {
          if (!o.basemap_optional || g_error_matches (error, GA_ERROR, GA_ERROR_BAD_ARGUMENT))
            return fail (error);
          warn (error->message);
          g_clear_error (&error);
        }
    }

  reader_options.crs = o.crs;
  reader_options.encoding = o.encoding;
  /* A plain PNG (one default symbol per layer, no labels, no legend) uses no attribute, so
   * OGR reads the geometry alone, as MapServer does for a map whose styles use none. */
  reader_options.geometry_only = o.plain && !use_layout && o.style == NULL &&
                                 o.style_json == NULL && !o.info;

  /* ---- load ---- */
  t_all = t0 = stopwatch_now ();
  store = ga_layer_store_new ();
  all_layers = g_ptr_array_new_with_free_func (g_object_unref);
  /* the files are read at the same time, one per core */
  loaded = ga_reader_load_all ((const char * const *) o.inputs, &reader_options, NULL, &error);
  if (loaded == NULL)
    return fail (error);
  for (guint i = 0; i < loaded->len; i++)
    {
      GPtrArray *layers = g_ptr_array_index (loaded, i);

      for (guint j = 0; j < layers->len; j++)
        {
          GaLayer *layer = g_ptr_array_index (layers, j);

          /* later inputs (and later layers of one dataset) on top */
          ga_layer_store_add (store, layer);
          g_ptr_array_add (all_layers, g_object_ref (layer));
        }
    }
  ga_memory_trim ();
  report_time (&o, "load", &t0);

  for (guint i = 0; o.style_json != NULL && o.style_json[i] != NULL; i++)
    {
      const char *eq = strchr (o.style_json[i], '=');
      g_autofree char *name = eq != NULL ? g_strndup (o.style_json[i], eq - o.style_json[i])
                                         : NULL;
      GaLayer *target = NULL;
      GaStyle *layer_style;

      for (guint j = 0; name != NULL && j < all_layers->len; j++)
        if (g_strcmp0 (ga_layer_get_name (g_ptr_array_index (all_layers, j)), name) == 0)
          target = g_ptr_array_index (all_layers, j);
      if (target == NULL)
        {
          g_set_error (&error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
                       _("Invalid --style-json “%s”: give LAYER=FILE with the name of a loaded "
                         "layer, for example parks=parks-style.json."), o.style_json[i]);
          return fail (error);
        }
      layer_style = ga_style_new_from_file (eq + 1, &error);
      if (layer_style == NULL)
        return fail (error);
      /* a style saved without its data-derived numbers gets them from this layer */
      if ((ga_style_get_kind (layer_style) == GA_STYLE_HEATMAP &&
           ga_style_get_scale_max (layer_style) <= 0.0) ||
          (ga_style_get_kind (layer_style) == GA_STYLE_PROPORTIONAL &&
           ga_style_get_max_value (layer_style) <= 0.0) ||
          (ga_style_get_kind (layer_style) != GA_STYLE_SINGLE &&
           ga_style_get_kind (layer_style) != GA_STYLE_HEATMAP &&
           ga_style_get_n_classes (layer_style) == 0))
        ga_style_classify (layer_style, target);
      g_hash_table_replace (layer_styles, target, layer_style);
    }

  if (o.info)
    {
      for (guint i = 0; i < all_layers->len; i++)
        print_info (g_ptr_array_index (all_layers, i));
      return EXIT_SUCCESS;
    }

  /* ---- view ---- */
  if (o.extent != NULL)
    {
      GaExtent merc;

      if (!extent_to_mercator (&extent, o.extent_crs ? o.extent_crs : "EPSG:4326", &merc,
                               &error))
        return fail (error);
      ga_render_view_init_extent (&view, &merc, width, height, 0.0);
      merc_extent = merc;
      have_merc_extent = TRUE;
    }
  else
    {
      if (!ga_layer_store_get_extent (store, TRUE, &extent))
        {
          g_set_error (&error, GA_ERROR, GA_ERROR_EMPTY,
                       _("Nothing to draw: the inputs have no features with coordinates."));
          return fail (error);
        }
      ga_render_view_init_extent (&view, &extent, width, height, DEFAULT_MARGIN);
    }

  /* ---- MBTiles ---- */
  if (o.mbtiles != NULL)
    {
      t0 = stopwatch_now ();
      if (!ga_mbtiles_export (store, style, have_merc_extent ? &merc_extent : NULL,
                              min_zoom, max_zoom, o.name, o.attribution, o.mbtiles, NULL,
                              NULL, NULL, &error))
        return fail (error);
      report_time (&o, "mbtiles", &t0);
    }

  if (o.output != NULL && use_layout)
    {
      g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) ga_layout_page_free);
      GaExportOptions export_options;
      int status;

      if (!layout_options (&o, &export_options, &error))
        return fail (error);
      if (export_options.format == GA_EXPORT_PNG && o.size != NULL)
        {
          export_options.width_px = width;
          export_options.height_px = height;
        }
      export_options.basemap = basemap;
      g_ptr_array_add (pages, ga_export_page_new (NULL, store, layer_styles, NULL,
                                                  have_merc_extent ? &merc_extent : NULL));
      page_apply_options (g_ptr_array_index (pages, 0), &o);
      status = write_pages (&o, pages, &export_options);
      report_time (&o, "total", &t_all);
      return status;
    }

  if (o.output != NULL)
    {
      /* ---- render ---- */
      t0 = stopwatch_now ();
      png_options.basemap = basemap;
      png_options.basemap_optional = o.basemap_optional;
      png_options.style = style;
      png_options.attribution = o.attribution;
      png_options.thematic = !o.plain && style == NULL;
      png_options.legend = png_options.thematic && !o.no_legend;
      png_options.layer_styles = layer_styles;
      surface = ga_png_export_render (store, &view, &png_options, &basemap_warning, NULL,
                                      &error);
      if (surface == NULL)
        return fail (error);
      if (basemap_warning != NULL)
        warn (basemap_warning);
      report_time (&o, "render", &t0);

      /* ---- write ---- */
      t0 = stopwatch_now ();
      if (!ga_png_export_write (surface, o.output, &error))
        return fail (error);
      report_time (&o, "write", &t0);
      if (o.timings)
        fprintf (stderr, "zoom: %.2f, size: %dx%d\n", view.zoom, width, height);
    }
  report_time (&o, "total", &t_all);

  return EXIT_SUCCESS;
}
