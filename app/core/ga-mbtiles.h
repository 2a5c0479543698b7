/* ga-mbtiles.h — raster MBTiles files (SQLite): read tiles, write offline packs and basemaps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rows in the `tiles` table are TMS (tile_row = 2^z − 1 − y); this API speaks XYZ (y down),
 * like libshumate.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  char    *name;         /* metadata "name" (or the file's basename) */
  char    *attribution;  /* metadata "attribution", may be NULL */
  char    *format;       /* "png" or "jpg" */
  int      min_zoom;     /* metadata or, if absent, from the tiles table */
  int      max_zoom;
  gboolean has_bounds;
  double   bounds[4];    /* west, south, east, north in degrees */
} GaMbtilesInfo;

void           ga_mbtiles_info_clear     (GaMbtilesInfo  *info);

#define GA_TYPE_MBTILES (ga_mbtiles_get_type ())
G_DECLARE_FINAL_TYPE (GaMbtiles, ga_mbtiles, GA, MBTILES, GObject)

/* Opens read-only. Fails with a GA_ERROR naming the file if it is not SQLite, has no `tiles`
 * table, or holds no raster tiles. */
GaMbtiles           *ga_mbtiles_open       (const char     *path,
                                            GError        **error);
const char          *ga_mbtiles_get_path   (GaMbtiles      *self);
const GaMbtilesInfo *ga_mbtiles_get_info   (GaMbtiles      *self);
/* Thread-safe. Returns the tile's encoded bytes, or NULL without an error when the tile is
 * absent or outside the bounds / zoom range; NULL with an error on a read failure. */
GBytes              *ga_mbtiles_get_tile   (GaMbtiles      *self,
                                            int             z,
                                            int             x,
                                            int             y,
                                            GError        **error);

/* Writing: tiles go to "PATH.partial" and the file appears under PATH only when
 * ga_mbtiles_writer_finish() succeeds, so a failed or cancelled write never leaves a
 * damaged MBTiles (nor replaces an existing good one). */
typedef struct _GaMbtilesWriter GaMbtilesWriter;

GaMbtilesWriter     *ga_mbtiles_writer_new    (const char          *path,
                                               const GaMbtilesInfo *info,
                                               GError             **error);
gboolean             ga_mbtiles_writer_put    (GaMbtilesWriter     *writer,
                                               int                  z,
                                               int                  x,
                                               int                  y,
                                               GBytes              *data,
                                               GError             **error);
gboolean             ga_mbtiles_writer_finish (GaMbtilesWriter     *writer,
                                               GError             **error);
/* Frees; if not finished, deletes the partial file. */
void                 ga_mbtiles_writer_free   (GaMbtilesWriter     *writer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GaMbtilesWriter, ga_mbtiles_writer_free)

G_END_DECLS
