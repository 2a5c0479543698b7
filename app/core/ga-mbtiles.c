/* ga-mbtiles.c — raster MBTiles files (SQLite): read tiles, write offline packs and basemaps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One read-only connection per file, opened without SQLite's own locking
 * (SQLITE_OPEN_NOMUTEX) and guarded by our mutex, so tile workers can share a GaMbtiles.
 */
#define G_LOG_DOMAIN "ga-mbtiles"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ga-error.h"
#include "ga-mbtiles.h"

/* Tiles written per transaction: large enough to be fast, small enough to bound the
 * journal-less temporary file's unflushed pages. */
#define WRITER_BATCH 512
#define MAX_ZOOM_LEVEL 30

struct _GaMbtiles
{
  GObject        parent_instance;

  char          *path;
  char          *display;
  GaMbtilesInfo  info;

  GMutex         lock;
  sqlite3       *db;
  sqlite3_stmt  *tile_stmt;
};

G_DEFINE_FINAL_TYPE (GaMbtiles, ga_mbtiles, G_TYPE_OBJECT)

struct _GaMbtilesWriter
{
  GMutex         lock;
  char          *path;
  char          *partial;
  char          *display;
  GaMbtilesInfo  info;
  sqlite3       *db;
  sqlite3_stmt  *insert;
  guint          in_batch;
  int            seen_min_zoom;
  int            seen_max_zoom;
  gboolean       finished;
};

/* ---- helpers ---- */

void
ga_mbtiles_info_clear (GaMbtilesInfo *info)
{
  g_clear_pointer (&info->name, g_free);
  g_clear_pointer (&info->attribution, g_free);
  g_clear_pointer (&info->format, g_free);
}

static void
info_copy (GaMbtilesInfo       *dest,
           const GaMbtilesInfo *src)
{
  *dest = *src;
  dest->name = g_strdup (src->name);
  dest->attribution = g_strdup (src->attribution);
  dest->format = g_strdup (src->format);
}

static void
replace_str (char       **dest,
             const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*dest);
  *dest = copy;
}

/* Slippy-map tile edges in degrees (the inverse of libshumate's world-pixel maths). */
static void
tile_bounds (int     z,
             int     x,
             int     y,
             double *west,
             double *south,
             double *east,
             double *north)
{
  double n = exp2 (z);

  *west = x / n * 360.0 - 180.0;
  *east = (x + 1) / n * 360.0 - 180.0;
  *north = atan (sinh (G_PI * (1.0 - 2.0 * y / n))) * 180.0 / G_PI;
  *south = atan (sinh (G_PI * (1.0 - 2.0 * (y + 1) / n))) * 180.0 / G_PI;
}

static gboolean
parse_bounds (const char *text,
              double      bounds[4])
{
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    return FALSE;
  parts = g_strsplit (text, ",", -1);
  if (g_strv_length (parts) != 4)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      char *end = NULL;

      g_strstrip (parts[i]);
      bounds[i] = g_ascii_strtod (parts[i], &end);
      if (end == parts[i] || *end != '\0' || !isfinite (bounds[i]))
        return FALSE;
    }
  return bounds[0] < bounds[2] && bounds[1] < bounds[3];
}

static gboolean
parse_zoom (const char *text,
            int        *zoom)
{
  gint64 v;

  if (text == NULL || !g_ascii_string_to_signed (g_strstrip ((char *) text), 10, 0,
                                                  MAX_ZOOM_LEVEL, &v, NULL))
    return FALSE;
  *zoom = (int) v;
  return TRUE;
}

/* "png", "jpg", "vector", "webp" or NULL from the first bytes of a tile */
static const char *
sniff_format (const guint8 *data,
              gsize         size)
{
  if (size >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "png";
  if (size >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    return "jpg";
  if (size >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    return "webp";
  if (size >= 2 && data[0] == 0x1f && data[1] == 0x8b)
    return "vector"; /* gzip-compressed protobuf */
  return NULL;
}

/* ---- GObject ---- */

static void
ga_mbtiles_finalize (GObject *object)
{
  GaMbtiles *self = GA_MBTILES (object);

  g_clear_pointer (&self->tile_stmt, sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close);
  g_mutex_clear (&self->lock);
  ga_mbtiles_info_clear (&self->info);
  g_free (self->path);
  g_free (self->display);

  G_OBJECT_CLASS (ga_mbtiles_parent_class)->finalize (object);
}

static void
ga_mbtiles_class_init (GaMbtilesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ga_mbtiles_finalize;
}

static void
ga_mbtiles_init (GaMbtiles *self)
{
  g_mutex_init (&self->lock);
  self->info.min_zoom = 0;
  self->info.max_zoom = -1;
}

/* ---- reading ---- */

static gboolean
set_sqlite_error (GaMbtiles  *self,
                  int         rc,
                  GError    **error)
{
  if (rc == SQLITE_NOTADB)
    g_set_error (error, GA_ERROR, GA_ERROR_UNSUPPORTED,
                 _("“%s” is not an MBTiles file (not an SQLite database)."), self->display);
  else if (rc == SQLITE_CORRUPT)
    g_set_error (error, GA_ERROR, GA_ERROR_CORRUPT,
                 _("“%s” is damaged: %s."), self->display, sqlite3_errstr (rc));
  else
    g_set_error (error, GA_ERROR, GA_ERROR_CORRUPT,
                 _("“%s” could not be read: %s."), self->display,
                 self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
  return FALSE;
}

static gboolean
read_metadata (GaMbtiles  *self,
               GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *min_text = NULL;
  g_autofree char *max_text = NULL;
  g_autofree char *bounds_text = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT count(*) FROM sqlite_master "
                           "WHERE type IN ('table', 'view') AND name = 'tiles'",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_finalize (stmt);
      return set_sqlite_error (self, rc, error);
    }
  if (sqlite3_column_int (stmt, 0) == 0)
    {
      sqlite3_finalize (stmt);
      g_set_error (error, GA_ERROR, GA_ERROR_UNSUPPORTED,
                   _("“%s” is not an MBTiles file: it has no “tiles” table."), self->display);
      return FALSE;
    }
  sqlite3_finalize (stmt);
  stmt = NULL;

  /* metadata is optional */
  if (sqlite3_prepare_v2 (self->db, "SELECT name, value FROM metadata", -1, &stmt, NULL)
      == SQLITE_OK)
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *name = (const char *) sqlite3_column_text (stmt, 0);
          const char *value = (const char *) sqlite3_column_text (stmt, 1);

          if (name == NULL || value == NULL || *value == '\0')
            continue;
          if (g_str_equal (name, "name"))
            replace_str (&self->info.name, value);
          else if (g_str_equal (name, "attribution"))
            replace_str (&self->info.attribution, value);
          else if (g_str_equal (name, "format"))
            replace_str (&self->info.format, value);
          else if (g_str_equal (name, "minzoom"))
            replace_str (&min_text, value);
          else if (g_str_equal (name, "maxzoom"))
            replace_str (&max_text, value);
          else if (g_str_equal (name, "bounds"))
            replace_str (&bounds_text, value);
        }
    }
  sqlite3_finalize (stmt);
  stmt = NULL;

  if (self->info.name == NULL)
    {
      char *dot;

      self->info.name = g_path_get_basename (self->path);
      dot = strrchr (self->info.name, '.');
      if (dot != NULL && dot != self->info.name)
        *dot = '\0';
    }
  self->info.has_bounds = parse_bounds (bounds_text, self->info.bounds);

  /* Zoom range: metadata, else the tiles themselves (the index makes this cheap). */
  if (!parse_zoom (min_text, &self->info.min_zoom) ||
      !parse_zoom (max_text, &self->info.max_zoom) ||
      self->info.min_zoom > self->info.max_zoom)
    {
      rc = sqlite3_prepare_v2 (self->db,
                               "SELECT min(zoom_level), max(zoom_level) FROM tiles",
                               -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        {
          sqlite3_finalize (stmt);
          return set_sqlite_error (self, rc, error);
        }
      if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
        {
          sqlite3_finalize (stmt);
          g_set_error (error, GA_ERROR, GA_ERROR_EMPTY,
                       _("“%s” holds no tiles."), self->display);
          return FALSE;
        }
      self->info.min_zoom = CLAMP (sqlite3_column_int (stmt, 0), 0, MAX_ZOOM_LEVEL);
      self->info.max_zoom = CLAMP (sqlite3_column_int (stmt, 1), 0, MAX_ZOOM_LEVEL);
      sqlite3_finalize (stmt);
      stmt = NULL;
    }

  /* Format: metadata, else the first tile's magic bytes. */
  if (self->info.format != NULL)
    {
      char *f = g_ascii_strdown (self->info.format, -1);

      g_free (self->info.format);
      self->info.format = f;
      if (g_str_equal (f, "jpeg"))
        replace_str (&self->info.format, "jpg");
      else if (g_str_equal (f, "pbf") || g_str_equal (f, "mvt"))
        replace_str (&self->info.format, "vector");
    }
  else
    {
      rc = sqlite3_prepare_v2 (self->db, "SELECT tile_data FROM tiles LIMIT 1", -1, &stmt,
                               NULL);
      if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *sniffed = sniff_format (sqlite3_column_blob (stmt, 0),
                                              sqlite3_column_bytes (stmt, 0));

          self->info.format = g_strdup (sniffed ? sniffed : "png");
        }
      else
        self->info.format = g_strdup ("png");
      sqlite3_finalize (stmt);
      stmt = NULL;
    }

  if (g_str_equal (self->info.format, "vector"))
    {
      g_set_error (error, GA_ERROR, GA_ERROR_UNSUPPORTED,
                   _("“%s” holds vector tiles; Green Atlas shows raster MBTiles (PNG or JPEG)."),
                   self->display);
      return FALSE;
    }
  if (!g_str_equal (self->info.format, "png") && !g_str_equal (self->info.format, "jpg"))
    {
      g_set_error (error, GA_ERROR, GA_ERROR_UNSUPPORTED,
                   _("“%s” holds %s tiles; Green Atlas shows raster MBTiles (PNG or JPEG)."),
                   self->display, self->info.format);
      return FALSE;
    }
  return TRUE;
}

GaMbtiles *
ga_mbtiles_open (const char  *path,
                 GError     **error)
{
  g_autoptr(GaMbtiles) self = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (GA_TYPE_MBTILES, NULL);
  self->path = g_strdup (path);
  self->display = g_path_get_basename (path);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, GA_ERROR, GA_ERROR_NOT_FOUND,
                   _("“%s” does not exist."), self->display);
      return NULL;
    }
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, GA_ERROR, GA_ERROR_UNSUPPORTED,
                   _("“%s” is a folder, not an MBTiles file."), self->display);
      return NULL;
    }

  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 2000);

  if (!read_metadata (self, error))
    return NULL;

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT tile_data FROM tiles "
                           "WHERE zoom_level = ?1 AND tile_column = ?2 AND tile_row = ?3",
                           -1, &self->tile_stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&self);
}

const char *
ga_mbtiles_get_path (GaMbtiles *self)
{
  g_return_val_if_fail (GA_IS_MBTILES (self), NULL);
  return self->path;
}

const GaMbtilesInfo *
ga_mbtiles_get_info (GaMbtiles *self)
{
  g_return_val_if_fail (GA_IS_MBTILES (self), NULL);
  return &self->info;
}

GBytes *
ga_mbtiles_get_tile (GaMbtiles  *self,
                     int         z,
                     int         x,
                     int         y,
                     GError    **error)
{
  GBytes *bytes = NULL;
  int n, rc;

  g_return_val_if_fail (GA_IS_MBTILES (self), NULL);

  if (z < self->info.min_zoom || z > self->info.max_zoom || z < 0 || z > MAX_ZOOM_LEVEL)
    return NULL;
  n = 1 << z;
  if (x < 0 || y < 0 || x >= n || y >= n)
    return NULL;
  if (self->info.has_bounds)
    {
      double w, s, e, nn;

      tile_bounds (z, x, y, &w, &s, &e, &nn);
      if (e <= self->info.bounds[0] || w >= self->info.bounds[2] ||
          nn <= self->info.bounds[1] || s >= self->info.bounds[3])
        return NULL;
    }

  g_mutex_lock (&self->lock);
  sqlite3_bind_int (self->tile_stmt, 1, z);
  sqlite3_bind_int (self->tile_stmt, 2, x);
  sqlite3_bind_int (self->tile_stmt, 3, n - 1 - y); /* TMS rows count from the south */
  rc = sqlite3_step (self->tile_stmt);
  if (rc == SQLITE_ROW)
    {
      const void *blob = sqlite3_column_blob (self->tile_stmt, 0);
      int size = sqlite3_column_bytes (self->tile_stmt, 0);

      if (blob != NULL && size > 0)
        bytes = g_bytes_new (blob, size);
    }
  else if (rc != SQLITE_DONE)
    set_sqlite_error (self, rc, error);
  sqlite3_reset (self->tile_stmt);
  sqlite3_clear_bindings (self->tile_stmt);
  g_mutex_unlock (&self->lock);

  return bytes;
}

/* ---- writing ---- */

static gboolean
writer_error (GaMbtilesWriter  *writer,
              GError          **error)
{
  g_set_error (error, GA_ERROR, GA_ERROR_IO, _("Cannot write “%s”: %s."), writer->display,
               writer->db ? sqlite3_errmsg (writer->db) : _("out of memory"));
  return FALSE;
}

static gboolean
writer_exec (GaMbtilesWriter  *writer,
             const char       *sql,
             GError          **error)
{
  if (sqlite3_exec (writer->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return writer_error (writer, error);
  return TRUE;
}

static void
writer_discard (GaMbtilesWriter *writer)
{
  g_autofree char *journal = g_strconcat (writer->partial, "-journal", NULL);

  g_clear_pointer (&writer->insert, sqlite3_finalize);
  g_clear_pointer (&writer->db, sqlite3_close);
  g_unlink (writer->partial);
  g_unlink (journal);
}

GaMbtilesWriter *
ga_mbtiles_writer_new (const char           *path,
                       const GaMbtilesInfo  *info,
                       GError              **error)
{
  g_autoptr(GaMbtilesWriter) writer = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (info != NULL, NULL);

  writer = g_new0 (GaMbtilesWriter, 1);
  g_mutex_init (&writer->lock);
  writer->path = g_strdup (path);
  writer->partial = g_strconcat (path, ".partial", NULL);
  writer->display = g_path_get_basename (path);
  info_copy (&writer->info, info);
  writer->seen_min_zoom = G_MAXINT;
  writer->seen_max_zoom = -1;

  /* a leftover of an earlier, interrupted run */
  g_unlink (writer->partial);

  rc = sqlite3_open_v2 (writer->partial, &writer->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, GA_ERROR, GA_ERROR_IO, _("Cannot write “%s”: %s."), writer->display,
                   writer->db ? sqlite3_errmsg (writer->db) : sqlite3_errstr (rc));
      return NULL;
    }

  /* The file only becomes visible by the rename in _finish, so no journal is needed. */
  if (!writer_exec (writer,
                    "PRAGMA journal_mode = OFF;"
                    "PRAGMA synchronous = OFF;"
                    "PRAGMA page_size = 4096;"
                    "CREATE TABLE metadata (name TEXT, value TEXT);"
                    "CREATE UNIQUE INDEX metadata_name ON metadata (name);"
                    "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, "
                    "                    tile_row INTEGER, tile_data BLOB);"
                    "CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);"
                    "BEGIN;",
                    error))
    return NULL;

  rc = sqlite3_prepare_v2 (writer->db,
                           "INSERT OR REPLACE INTO tiles (zoom_level, tile_column, tile_row, "
                           "tile_data) VALUES (?1, ?2, ?3, ?4)",
                           -1, &writer->insert, NULL);
  if (rc != SQLITE_OK)
    {
      writer_error (writer, error);
      return NULL;
    }

  return g_steal_pointer (&writer);
}

gboolean
ga_mbtiles_writer_put (GaMbtilesWriter  *writer,
                       int               z,
                       int               x,
                       int               y,
                       GBytes           *data,
                       GError          **error)
{
  gsize size = 0;
  const void *blob;
  gboolean ok = TRUE;
  int n;

  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (!writer->finished, FALSE);
  g_return_val_if_fail (z >= 0 && z <= MAX_ZOOM_LEVEL, FALSE);

  n = 1 << z;
  g_return_val_if_fail (x >= 0 && x < n && y >= 0 && y < n, FALSE);

  blob = g_bytes_get_data (data, &size);

  g_mutex_lock (&writer->lock);
  sqlite3_bind_int (writer->insert, 1, z);
  sqlite3_bind_int (writer->insert, 2, x);
  sqlite3_bind_int (writer->insert, 3, n - 1 - y);
  sqlite3_bind_blob (writer->insert, 4, blob, (int) size, SQLITE_STATIC);
  if (sqlite3_step (writer->insert) != SQLITE_DONE)
    ok = writer_error (writer, error);
  sqlite3_reset (writer->insert);
  sqlite3_clear_bindings (writer->insert);

  if (ok)
    {
      writer->seen_min_zoom = MIN (writer->seen_min_zoom, z);
      writer->seen_max_zoom = MAX (writer->seen_max_zoom, z);
      if (++writer->in_batch >= WRITER_BATCH)
        {
          ok = writer_exec (writer, "COMMIT; BEGIN;", error);
          writer->in_batch = 0;
        }
    }
  g_mutex_unlock (&writer->lock);
  return ok;
}

static gboolean
put_metadata (GaMbtilesWriter  *writer,
              sqlite3_stmt     *stmt,
              const char       *name,
              const char       *value,
              GError          **error)
{
  gboolean ok = TRUE;

  if (value == NULL)
    return TRUE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    ok = writer_error (writer, error);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return ok;
}

gboolean
ga_mbtiles_writer_finish (GaMbtilesWriter  *writer,
                          GError          **error)
{
  sqlite3_stmt *stmt = NULL;
  const GaMbtilesInfo *info;
  g_autofree char *min_zoom = NULL;
  g_autofree char *max_zoom = NULL;
  g_autofree char *bounds = NULL;
  g_autofree char *name = NULL;
  gboolean ok;
  int lo, hi;

  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (!writer->finished, FALSE);

  info = &writer->info;
  /* the zoom range of what is really in the file, when anything is */
  if (writer->seen_max_zoom >= 0)
    {
      lo = writer->seen_min_zoom;
      hi = writer->seen_max_zoom;
    }
  else
    {
      lo = info->min_zoom;
      hi = MAX (info->min_zoom, info->max_zoom);
    }
  min_zoom = g_strdup_printf ("%d", lo);
  max_zoom = g_strdup_printf ("%d", hi);
  if (info->has_bounds)
    {
      char b[4][G_ASCII_DTOSTR_BUF_SIZE];

      for (int i = 0; i < 4; i++)
        g_ascii_formatd (b[i], sizeof b[i], "%.6f", info->bounds[i]);
      bounds = g_strdup_printf ("%s,%s,%s,%s", b[0], b[1], b[2], b[3]);
    }
  if (info->name != NULL)
    name = g_strdup (info->name);
  else
    {
      char *dot;

      name = g_strdup (writer->display);
      dot = strrchr (name, '.');
      if (dot != NULL && dot != name)
        *dot = '\0';
    }

  if (sqlite3_prepare_v2 (writer->db,
                          "INSERT OR REPLACE INTO metadata (name, value) VALUES (?1, ?2)",
                          -1, &stmt, NULL) != SQLITE_OK)
    return writer_error (writer, error);
  ok = put_metadata (writer, stmt, "name", name, error) &&
       put_metadata (writer, stmt, "type", "baselayer", error) &&
       put_metadata (writer, stmt, "version", "1.0", error) &&
       put_metadata (writer, stmt, "description", name, error) &&
       put_metadata (writer, stmt, "format", info->format ? info->format : "png", error) &&
       put_metadata (writer, stmt, "minzoom", min_zoom, error) &&
       put_metadata (writer, stmt, "maxzoom", max_zoom, error) &&
       put_metadata (writer, stmt, "bounds", bounds, error) &&
       put_metadata (writer, stmt, "attribution", info->attribution, error);
  sqlite3_finalize (stmt);
  if (!ok)
    return FALSE;

  if (!writer_exec (writer, "COMMIT;", error))
    return FALSE;
  g_clear_pointer (&writer->insert, sqlite3_finalize);
  if (sqlite3_close (writer->db) != SQLITE_OK)
    return writer_error (writer, error);
  writer->db = NULL;

  if (g_rename (writer->partial, writer->path) != 0)
    {
      int saved = errno;

      g_set_error (error, GA_ERROR, GA_ERROR_IO, _("Cannot write “%s”: %s."), writer->display,
                   g_strerror (saved));
      return FALSE;
    }
  writer->finished = TRUE;
  return TRUE;
}

void
ga_mbtiles_writer_free (GaMbtilesWriter *writer)
{
  if (writer == NULL)
    return;
  if (!writer->finished)
    writer_discard (writer);
  g_clear_pointer (&writer->insert, sqlite3_finalize);
  g_clear_pointer (&writer->db, sqlite3_close);
  ga_mbtiles_info_clear (&writer->info);
  g_mutex_clear (&writer->lock);
  g_free (writer->path);
  g_free (writer->partial);
  g_free (writer->display);
  g_free (writer);
}
