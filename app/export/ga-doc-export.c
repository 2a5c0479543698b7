/* ga-doc-export.c — PNG, PDF and SVG pages and PDF decks, drawn by ga_layout_draw()
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every page goes through ga_layout_draw(); the basemap is drawn first, per page, for the
 * page's map view at the output's resolution. The document is written to a temporary file
 * next to the target and renamed over it only when complete, so a failed or cancelled
 * export never leaves half a file (nor damages an older one).
 */
#define G_LOG_DOMAIN "ga-doc-export"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ga-doc-export.h"
#include "ga-error.h"
#include "ga-layout-private.h"
#include "ga-memory.h"
#include "ga-png-export.h"
#include "ga-render-private.h"

#define DEFAULT_DPI 150.0
/* A PDF or SVG basemap: about 144 dpi, at most this many pixels a side */
#define VECTOR_BASEMAP_DPI 144.0
#define MAX_BASEMAP_SIDE 6000
/* Extra margin around "all data" */
#define DATA_MARGIN 0.04

/* ---- formats and options ---- */

gboolean
ga_export_format_from_path (const char     *path,
                            GaExportFormat *format)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (format != NULL, FALSE);

  if (path == NULL)
    return FALSE;
  lower = g_utf8_strdown (path, -1);
  if (g_str_has_suffix (lower, ".png"))
    *format = GA_EXPORT_PNG;
  else if (g_str_has_suffix (lower, ".pdf"))
    *format = GA_EXPORT_PDF;
  else if (g_str_has_suffix (lower, ".svg"))
    *format = GA_EXPORT_SVG;
  else
    return FALSE;
  return TRUE;
}

void
ga_export_options_init (GaExportOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->format = GA_EXPORT_PDF;
  options->preset = GA_LAYOUT_SLIDE;
  options->dpi = DEFAULT_DPI;
}

/* ---- pages ---- */

/* A style saved without its data-derived numbers gets them from the layer. */
static void
complete_style (GaStyle *style,
                GaLayer *layer)
{
  GaStyleKind kind = ga_style_get_kind (style);

  if ((kind == GA_STYLE_HEATMAP && ga_style_get_scale_max (style) <= 0.0) ||
      (kind == GA_STYLE_PROPORTIONAL && ga_style_get_max_value (style) <= 0.0) ||
      (kind != GA_STYLE_SINGLE && kind != GA_STYLE_HEATMAP && kind != GA_STYLE_PROPORTIONAL &&
       ga_style_get_n_classes (style) == 0))
    ga_style_classify (style, layer);
}

static char *
layer_source (GaLayer *layer)
{
  const char *path = ga_layer_get_path (layer);
  g_autofree char *base = path != NULL ? g_path_get_basename (path) : NULL;

  if (base == NULL)
    return g_strdup (ga_layer_get_name (layer));
  /* "parks.shp", not "parks (parks.shp)" */
  if (g_str_has_prefix (base, ga_layer_get_name (layer)) &&
      base[strlen (ga_layer_get_name (layer))] == '.')
    return g_steal_pointer (&base);
  /* Translators: a data layer's source at the bottom of an exported map: "Parks (parks.shp)" */
  return g_strdup_printf (C_("layer source", "%s (%s)"), ga_layer_get_name (layer), base);
}

static void
pad_extent (GaExtent *extent,
            double    margin)
{
  double dx = (extent->max_x - extent->min_x) * margin;
  double dy = (extent->max_y - extent->min_y) * margin;

  extent->min_x -= dx;
  extent->max_x += dx;
  extent->min_y -= dy;
  extent->max_y += dy;
}

GaLayoutPage *
ga_export_page_new (GaProject      *project,
                    GaLayerStore   *store,
                    GHashTable     *styles,
                    GaSlide        *slide,
                    const GaExtent *extent)
{
  g_autoptr(GaLayoutPage) page = ga_layout_page_new ();
  g_autoptr(GStrvBuilder) sources = g_strv_builder_new ();
  const char *project_title = project != NULL ? ga_project_get_title (project) : NULL;
  const char *slide_title = slide != NULL ? ga_slide_get_title (slide) : NULL;
  double west, south, east, north;
  gboolean have_extent = FALSE;
  guint n;

  g_return_val_if_fail (project == NULL || GA_IS_PROJECT (project), NULL);
  g_return_val_if_fail (GA_IS_LAYER_STORE (store), NULL);
  g_return_val_if_fail (slide == NULL || GA_IS_SLIDE (slide), NULL);

  n = ga_layer_store_get_n_layers (store);
  for (guint i = 0; i < n; i++)
    {
      GaLayer *layer = ga_layer_store_get (store, i);
      GaStyle *given = styles != NULL ? g_hash_table_lookup (styles, layer) : NULL;
      g_autoptr(GaStyle) style = NULL;

      if (ga_layer_get_missing (layer) != NULL)
        continue;
      if (slide != NULL)
        {
          const char *id = ga_layer_get_id (layer);
          JsonNode *json = NULL;
          gboolean visible = FALSE;

          if (id == NULL || !ga_slide_get_layer (slide, id, &visible, &json) || !visible)
            continue;
          if (json != NULL)
            {
              g_autoptr(GError) error = NULL;

              style = ga_style_new_from_json (json, &error);
              if (style == NULL)
                g_debug ("Slide “%s”, layer %s: %s; drawn with the layer’s style",
                         slide_title ? slide_title : "", id, error->message);
              else
                complete_style (style, layer);
            }
        }
      else if (!ga_layer_get_visible (layer))
        {
          continue;
        }
      if (style == NULL)
        style = given != NULL ? ga_style_copy (given) : ga_style_new_for_layer (layer);
      ga_style_prepare (style, layer);

      g_ptr_array_add (page->layers, g_object_ref (layer));
      g_ptr_array_add (page->styles, g_steal_pointer (&style));
      {
        g_autofree char *source = layer_source (layer);

        g_strv_builder_add (sources, source);
      }
    }
  page->sources = g_strv_builder_end (sources);
  if (page->sources[0] == NULL)
    g_clear_pointer (&page->sources, g_strfreev);

  /* the area: the slide's, the caller's, else all the data shown (else all the data) */
  if (slide != NULL && ga_slide_get_extent (slide, &west, &south, &east, &north))
    {
      ga_layout_lonlat_to_mercator (west, south, &page->extent.min_x, &page->extent.min_y);
      ga_layout_lonlat_to_mercator (east, north, &page->extent.max_x, &page->extent.max_y);
      have_extent = TRUE;
    }
  else if (extent != NULL)
    {
      page->extent = *extent;
      have_extent = TRUE;
    }
  else
    {
      for (guint i = 0; i < page->layers->len; i++)
        {
          GaExtent e;

          ga_layer_get_extent (g_ptr_array_index (page->layers, i), &e);
          if (!(e.min_x <= e.max_x) || !(e.min_y <= e.max_y))
            continue;
          if (!have_extent)
            page->extent = e;
          page->extent.min_x = MIN (page->extent.min_x, e.min_x);
          page->extent.min_y = MIN (page->extent.min_y, e.min_y);
          page->extent.max_x = MAX (page->extent.max_x, e.max_x);
          page->extent.max_y = MAX (page->extent.max_y, e.max_y);
          have_extent = TRUE;
        }
      if (!have_extent)
        have_extent = ga_layer_store_get_extent (store, FALSE, &page->extent);
      if (have_extent)
        pad_extent (&page->extent, DATA_MARGIN);
    }
  if (!have_extent)
    {
      /* nothing at all: the whole world */
      page->extent.min_x = page->extent.min_y = -GA_MERCATOR_HALF_WORLD;
      page->extent.max_x = page->extent.max_y = GA_MERCATOR_HALF_WORLD;
    }

  /* the words */
  if (slide_title != NULL && *slide_title != '\0')
    {
      page->title = g_strdup (slide_title);
      page->subtitle = g_strdup (project_title);
    }
  else
    {
      page->title = g_strdup (project_title);
      page->subtitle = project != NULL ? g_strdup (ga_project_get_subtitle (project)) : NULL;
    }
  if (slide != NULL)
    page->caption = g_strdup (ga_slide_get_caption (slide));
  page->date = g_date_time_new_now_local ();
  return g_steal_pointer (&page);
}

/* ---- drawing ---- */

typedef struct
{
  double width;    /* page, in cairo units (points or pixels) */
  double height;
  double scale;    /* 96-dpi pixels → units */
  double px_per_unit;  /* output pixels per unit for the basemap raster */
} PageSetup;

static void
page_setup_init (PageSetup             *setup,
                 const GaExportOptions *options)
{
  double w_pt, h_pt;

  ga_layout_preset_get_size (options->preset, options->portrait, &w_pt, &h_pt);
  if (options->format != GA_EXPORT_PNG)
    {
      setup->width = w_pt;
      setup->height = h_pt;
      setup->scale = 72.0 / 96.0;
      setup->px_per_unit = VECTOR_BASEMAP_DPI / 72.0;
    }
  else if (options->width_px > 0 && options->height_px > 0)
    {
      setup->width = options->width_px;
      setup->height = options->height_px;
      /* text as large, against the image's short side, as on the preset's page */
      setup->scale = MIN (setup->width, setup->height) / (MIN (w_pt, h_pt) * 96.0 / 72.0);
      setup->px_per_unit = 1.0;
    }
  else
    {
      double dpi = options->dpi > 0.0 ? options->dpi : DEFAULT_DPI;

      setup->width = MAX (1.0, round (w_pt * dpi / 72.0));
      setup->height = MAX (1.0, round (h_pt * dpi / 72.0));
      setup->scale = dpi / 96.0;
      setup->px_per_unit = 1.0;
    }
}

static gboolean
basemap_wanted (const GaExportOptions *options)
{
  return options->basemap != NULL && ga_basemap_get_kind (options->basemap) != GA_BASEMAP_NONE;
}

/* The basemap under @page's map frame, drawn at the output's resolution (one tile zoom
 * level finer at most, so that the tiles' own labels stay readable). NULL with *@error
 * unset when it failed but is optional (*@warning set). */
static cairo_surface_t *
draw_basemap (const GaLayoutPage     *page,
              const PageSetup        *setup,
              const GaExportOptions  *options,
              char                  **warning,
              GCancellable           *cancellable,
              GError                **error)
{
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autoptr(cairo_t) cr = NULL;
  g_autoptr(GError) local_error = NULL;
  GaLayoutGeometry geometry;
  GaRenderView view, fine;
  double ratio, dz;
  int sw, sh;

  ga_layout_get_geometry (page, setup->width, setup->height, setup->scale, &geometry, &view);
  /* output pixels per view pixel */
  ratio = geometry.map_scale * setup->px_per_unit;
  ratio = MIN (ratio, MAX_BASEMAP_SIDE / (double) MAX (view.width, view.height));
  ratio = MAX (ratio, 1.0);
  sw = (int) ceil (view.width * ratio);
  sh = (int) ceil (view.height * ratio);
  dz = MIN (log2 (ratio), 1.0);
  fine = view;
  fine.zoom = view.zoom + dz;
  fine.width = (int) ceil (view.width * exp2 (dz));
  fine.height = (int) ceil (view.height * exp2 (dz));

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, sw, sh);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, GA_ERROR, GA_ERROR_FAILED, _("Out of memory for the basemap"));
      return NULL;
    }
  cr = cairo_create (surface);
  cairo_scale (cr, (double) sw / fine.width, (double) sh / fine.height);
  if (!ga_png_export_draw_basemap (cr, &fine, options->basemap, cancellable, &local_error))
    {
      if (!options->basemap_optional ||
          g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (warning != NULL && *warning == NULL)
        *warning = g_strdup (local_error->message);
      return NULL;
    }
  cairo_surface_flush (surface);
  return g_steal_pointer (&surface);
}

typedef struct
{
  GaProgressFunc progress;
  gpointer       data;
  guint          step;
  guint          n_steps;
} Progress;

static void
progress_step (Progress *p)
{
  p->step++;
  if (p->progress != NULL)
    p->progress (MIN (1.0, p->step / (double) MAX (p->n_steps, 1)), p->data);
}

static gboolean
draw_page (cairo_t                *cr,
           const GaLayoutPage     *page,
           const PageSetup        *setup,
           const GaExportOptions  *options,
           char                  **warning,
           Progress               *progress,
           GCancellable           *cancellable,
           GError                **error)
{
  g_autoptr(cairo_surface_t) basemap = NULL;
  GaLayoutPage shown = *page;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (basemap_wanted (options))
    {
      GError *basemap_error = NULL;

      basemap = draw_basemap (page, setup, options, warning, cancellable, &basemap_error);
      if (basemap_error != NULL)
        {
          g_propagate_error (error, basemap_error);
          return FALSE;
        }
      progress_step (progress);
      /* the credit of what is drawn */
      if (basemap != NULL && (page->attribution == NULL || *page->attribution == '\0'))
        shown.attribution = (char *) ga_basemap_get_attribution (options->basemap);
    }
  if (!ga_layout_draw (cr, &shown, setup->width, setup->height, setup->scale, basemap,
                       cancellable))
    {
      if (!g_cancellable_set_error_if_cancelled (cancellable, error))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Operation was cancelled"));
      return FALSE;
    }
  if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, GA_ERROR, GA_ERROR_FAILED, _("Drawing failed: %s"),
                   cairo_status_to_string (cairo_status (cr)));
      return FALSE;
    }
  progress_step (progress);
  return TRUE;
}

/* ---- writing ---- */

typedef struct
{
  FILE   *fp;
  int     saved_errno;
} Sink;

static cairo_status_t
sink_write_cb (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  Sink *sink = closure;

  if (sink->saved_errno != 0)
    return CAIRO_STATUS_WRITE_ERROR;
  if (fwrite (data, 1, length, sink->fp) != length)
    {
      sink->saved_errno = errno != 0 ? errno : EIO;
      return CAIRO_STATUS_WRITE_ERROR;
    }
  return CAIRO_STATUS_SUCCESS;
}

static void
set_write_error (GError     **error,
                 const char  *path,
                 const char  *reason)
{
  g_set_error (error, GA_ERROR, GA_ERROR_IO, _("Cannot write “%s”: %s"), path, reason);
}

/* Draws every page into a cairo surface writing to @sink. */
static gboolean
write_vector (const char             *path,
              Sink                   *sink,
              GPtrArray              *pages,
              const GaExportOptions  *options,
              const PageSetup        *setup,
              char                  **warning,
              Progress               *progress,
              GCancellable           *cancellable,
              GError                **error)
{
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autoptr(cairo_t) cr = NULL;
  cairo_status_t status;

  if (options->format == GA_EXPORT_PDF)
    {
      const GaLayoutPage *first = g_ptr_array_index (pages, 0);

      surface = cairo_pdf_surface_create_for_stream (sink_write_cb, sink, setup->width,
                                                     setup->height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Green Atlas");
      if (first->title != NULL && *first->title != '\0')
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, first->title);
    }
  else
    {
      surface = cairo_svg_surface_create_for_stream (sink_write_cb, sink, setup->width,
                                                     setup->height);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PT);
    }
  cr = cairo_create (surface);

  for (guint i = 0; i < pages->len; i++)
    {
      if (!draw_page (cr, g_ptr_array_index (pages, i), setup, options, warning, progress,
                      cancellable, error))
        {
          cairo_surface_finish (surface);
          return FALSE;
        }
      cairo_show_page (cr);
    }
  g_clear_pointer (&cr, cairo_destroy);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  if (sink->saved_errno != 0)
    {
      set_write_error (error, path, g_strerror (sink->saved_errno));
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      set_write_error (error, path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_png (const char             *path,
           const char             *tmp_path,
           GPtrArray              *pages,
           const GaExportOptions  *options,
           const PageSetup        *setup,
           char                  **warning,
           Progress               *progress,
           GCancellable           *cancellable,
           GError                **error)
{
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autoptr(cairo_t) cr = NULL;
  g_autoptr(GError) local_error = NULL;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) setup->width,
                                        (int) setup->height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
                   _("Cannot make an image of %d × %d pixels: %s"), (int) setup->width,
                   (int) setup->height, cairo_status_to_string (cairo_surface_status (surface)));
      return FALSE;
    }
  cr = cairo_create (surface);
  if (!draw_page (cr, g_ptr_array_index (pages, 0), setup, options, warning, progress,
                  cancellable, error))
    return FALSE;
  g_clear_pointer (&cr, cairo_destroy);
  cairo_surface_flush (surface);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (!ga_png_export_write (surface, tmp_path, &local_error))
    {
      /* name the target, not the temporary file */
      set_write_error (error, path, local_error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
ga_doc_export_write (const char             *path,
                     GPtrArray              *pages,
                     const GaExportOptions  *options,
                     char                  **warning,
                     GCancellable           *cancellable,
                     GaProgressFunc          progress,
                     gpointer                progress_data,
                     GError                **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp_path = NULL;
  PageSetup setup;
  Progress prog = { progress, progress_data, 0, 0 };
  Sink sink = { NULL, 0 };
  gboolean ok;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (pages != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (warning == NULL || *warning == NULL, FALSE);

  if (pages->len == 0 || (options->format != GA_EXPORT_PDF && pages->len != 1))
    {
      g_set_error (error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
                   options->format == GA_EXPORT_PDF
                   ? _("Nothing to write to “%s”: no pages.")
                   : _("Cannot write several pages to “%s”: only a PDF holds more than one; "
                       "export one slide, or choose a .pdf file."), path);
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  page_setup_init (&setup, options);
  prog.n_steps = pages->len * (basemap_wanted (options) ? 2 : 1) + 1;

  /* a temporary file next to the target: renamed over it once complete */
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp_path = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
  fd = g_mkstemp_full (tmp_path, O_WRONLY, 0666);
  if (fd < 0)
    {
      int saved_errno = errno;

      set_write_error (error, path, g_strerror (saved_errno));
      return FALSE;
    }

  if (options->format == GA_EXPORT_PNG)
    {
      close (fd);
      ok = write_png (path, tmp_path, pages, options, &setup, warning, &prog, cancellable,
                      error);
    }
  else
    {
      sink.fp = fdopen (fd, "wb");
      if (sink.fp == NULL)
        {
          int saved_errno = errno;

          close (fd);
          g_unlink (tmp_path);
          set_write_error (error, path, g_strerror (saved_errno));
          return FALSE;
        }
      ok = write_vector (path, &sink, pages, options, &setup, warning, &prog, cancellable,
                         error);
      if (fflush (sink.fp) != 0 || fsync (fileno (sink.fp)) != 0)
        {
          int saved_errno = errno;

          if (ok)
            set_write_error (error, path, g_strerror (saved_errno));
          ok = FALSE;
        }
      if (fclose (sink.fp) != 0 && ok)
        {
          set_write_error (error, path, g_strerror (errno));
          ok = FALSE;
        }
    }

  if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;
  if (ok && g_rename (tmp_path, path) != 0)
    {
      set_write_error (error, path, g_strerror (errno));
      ok = FALSE;
    }
  if (!ok)
    {
      g_unlink (tmp_path);
      return FALSE;
    }
  progress_step (&prog);
  return TRUE;
}

/* ---- in a worker ---- */

typedef struct
{
  char            *path;
  GPtrArray       *pages;
  GaExportOptions  options;
  GaProgressFunc   progress;
  gpointer         progress_data;
  GMainContext    *context;
  char            *warning;
} WriteJob;

static void
write_job_free (WriteJob *job)
{
  g_free (job->path);
  g_ptr_array_unref (job->pages);
  g_clear_object (&job->options.basemap);
  g_main_context_unref (job->context);
  g_free (job->warning);
  g_free (job);
}

typedef struct
{
  GaProgressFunc progress;
  gpointer       data;
  double         fraction;
} ProgressCall;

static gboolean
progress_invoke_cb (gpointer user_data)
{
  ProgressCall *call = user_data;

  call->progress (call->fraction, call->data);
  return G_SOURCE_REMOVE;
}

static void
worker_progress_cb (double   fraction,
                    gpointer user_data)
{
  WriteJob *job = user_data;
  ProgressCall *call;

  if (job->progress == NULL)
    return;
  call = g_new (ProgressCall, 1);
  call->progress = job->progress;
  call->data = job->progress_data;
  call->fraction = fraction;
  g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, progress_invoke_cb, call,
                              g_free);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteJob *job = task_data;
  GError *error = NULL;

  ga_thread_set_background ();
  if (ga_doc_export_write (job->path, job->pages, &job->options, &job->warning, cancellable,
                           worker_progress_cb, job, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
ga_doc_export_write_async (const char            *path,
                           GPtrArray             *pages,
                           const GaExportOptions *options,
                           GCancellable          *cancellable,
                           GaProgressFunc         progress,
                           gpointer               progress_data,
                           GAsyncReadyCallback    callback,
                           gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteJob *job;

  g_return_if_fail (path != NULL);
  g_return_if_fail (pages != NULL);
  g_return_if_fail (options != NULL);

  job = g_new0 (WriteJob, 1);
  job->path = g_strdup (path);
  job->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) ga_layout_page_free);
  for (guint i = 0; i < pages->len; i++)
    g_ptr_array_add (job->pages, ga_layout_page_copy (g_ptr_array_index (pages, i)));
  job->options = *options;
  if (job->options.basemap != NULL)
    g_object_ref (job->options.basemap);
  job->progress = progress;
  job->progress_data = progress_data;
  job->context = g_main_context_ref_thread_default ();

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ga_doc_export_write_async);
  g_task_set_task_data (task, job, (GDestroyNotify) write_job_free);
  g_task_run_in_thread (task, write_thread);
}

gboolean
ga_doc_export_write_finish (GAsyncResult  *result,
                            char         **warning,
                            GError       **error)
{
  WriteJob *job;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  job = g_task_get_task_data (G_TASK (result));
  if (warning != NULL)
    *warning = g_steal_pointer (&job->warning);
  return g_task_propagate_boolean (G_TASK (result), error);
}
