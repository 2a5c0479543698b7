/* ga-local-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Offline tiles: each tile is read (SQLite through GaMbtiles, or a file of the folder) and
 * checked by decoding it in a GTask worker, then handed to ShumateRasterRenderer on the main
 * thread through "received-data" (libshumate 1.0.x paints only what that signal delivers,
 * and decodes it again there, on the main thread).  A tile
 * that is absent — outside the bounds or zoom range, or simply not in the folder — is an
 * empty success, so the map shows nothing there and nobody is told.
 */
#define G_LOG_DOMAIN "ga-local-source"

#include "config.h"

#include <glib/gi18n.h>

#include "ga-basemap-source.h"
#include "ga-error.h"
#include "ga-local-source.h"
#include "ga-mbtiles.h"

struct _GaLocalSource
{
  ShumateDataSource  parent_instance;
  GaMbtiles         *mbtiles;   /* or */
  char              *folder;
};

typedef struct
{
  int        x, y, z;
  GaMbtiles *mbtiles;
  char      *folder;
  GBytes    *bytes;
} Read;

G_DEFINE_FINAL_TYPE (GaLocalSource, ga_local_source, SHUMATE_TYPE_DATA_SOURCE)

static void
read_free (gpointer data)
{
  Read *rd = data;

  g_clear_object (&rd->mbtiles);
  g_free (rd->folder);
  g_clear_pointer (&rd->bytes, g_bytes_unref);
  g_free (rd);
}

static GBytes *
read_folder_tile (const char *folder,
                  int         z,
                  int         x,
                  int         y)
{
  static const char *exts[] = { "png", "jpg", "jpeg", "webp" };

  for (guint i = 0; i < G_N_ELEMENTS (exts); i++)
    {
      g_autofree char *name = g_strdup_printf ("%d.%s", y, exts[i]);
      g_autofree char *zs = g_strdup_printf ("%d", z);
      g_autofree char *xs = g_strdup_printf ("%d", x);
      g_autofree char *path = g_build_filename (folder, zs, xs, name, NULL);
      char *contents;
      gsize length;

      if (g_file_get_contents (path, &contents, &length, NULL))
        return g_bytes_new_take (contents, length);
    }
  return NULL;
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Read *rd = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (rd->mbtiles)
    bytes = ga_mbtiles_get_tile (rd->mbtiles, rd->z, rd->x, rd->y, &error);
  else
    bytes = read_folder_tile (rd->folder, rd->z, rd->x, rd->y);

  if (error)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (bytes && !ga_tile_data_check (bytes, NULL))
    {
      g_task_return_new_error (task, GA_ERROR, GA_ERROR_CORRUPT,
                               _("a tile in the file is not an image"));
      return;
    }
  rd->bytes = bytes ? g_steal_pointer (&bytes) : g_bytes_new (NULL, 0);
  g_task_return_boolean (task, TRUE);
}

static void
on_read_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GaLocalSource *self = g_task_get_source_object (task);
  Read *rd = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_signal_emit_by_name (self, "tile-failed", error, FALSE);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_bytes_get_size (rd->bytes) > 0)
    {
      g_signal_emit_by_name (self, "received-data", rd->x, rd->y, rd->z, rd->bytes);
      g_signal_emit_by_name (self, "tile-loaded");
    }
  g_task_return_pointer (task, g_bytes_ref (rd->bytes), (GDestroyNotify) g_bytes_unref);
}

static void
ga_local_source_get_tile_data_async (ShumateDataSource   *source,
                                     int                  x,
                                     int                  y,
                                     int                  zoom_level,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GaLocalSource *self = GA_LOCAL_SOURCE (source);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GTask) work = NULL;
  Read *rd = g_new0 (Read, 1);

  g_task_set_source_tag (task, ga_local_source_get_tile_data_async);
  rd->x = x;
  rd->y = y;
  rd->z = zoom_level;
  rd->mbtiles = self->mbtiles ? g_object_ref (self->mbtiles) : NULL;
  rd->folder = g_strdup (self->folder);

  work = g_task_new (self, cancellable, on_read_cb, g_steal_pointer (&task));
  g_task_set_task_data (work, rd, read_free);
  g_task_run_in_thread (work, read_thread);
}

static GBytes *
ga_local_source_get_tile_data_finish (ShumateDataSource  *source,
                                      GAsyncResult       *result,
                                      GError            **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
ga_local_source_dispose (GObject *object)
{
  GaLocalSource *self = GA_LOCAL_SOURCE (object);

  g_clear_object (&self->mbtiles);
  G_OBJECT_CLASS (ga_local_source_parent_class)->dispose (object);
}

static void
ga_local_source_finalize (GObject *object)
{
  GaLocalSource *self = GA_LOCAL_SOURCE (object);

  g_free (self->folder);
  G_OBJECT_CLASS (ga_local_source_parent_class)->finalize (object);
}

static void
ga_local_source_class_init (GaLocalSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateDataSourceClass *source_class = SHUMATE_DATA_SOURCE_CLASS (klass);

  object_class->dispose = ga_local_source_dispose;
  object_class->finalize = ga_local_source_finalize;
  source_class->get_tile_data_async = ga_local_source_get_tile_data_async;
  source_class->get_tile_data_finish = ga_local_source_get_tile_data_finish;
  ga_tile_source_class_add_signals (object_class);
}

static void
ga_local_source_init (GaLocalSource *self)
{
}

GaLocalSource *
ga_local_source_new_mbtiles (const char  *path,
                             GError     **error)
{
  g_autoptr(GaMbtiles) mbtiles = NULL;
  GaLocalSource *self;

  g_return_val_if_fail (path != NULL, NULL);

  mbtiles = ga_mbtiles_open (path, error);
  if (mbtiles == NULL)
    return NULL;
  self = g_object_new (GA_TYPE_LOCAL_SOURCE, NULL);
  self->mbtiles = g_steal_pointer (&mbtiles);
  return self;
}

GaLocalSource *
ga_local_source_new_folder (const char *path)
{
  GaLocalSource *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (GA_TYPE_LOCAL_SOURCE, NULL);
  self->folder = g_strdup (path);
  return self;
}
