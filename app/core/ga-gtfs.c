/* ga-gtfs.c — GTFS transit feeds (zip) as a lines layer and a stops layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each feed file is opened with GDAL's CSV driver ("CSV:/vsizip/feed.zip/routes.txt"); values
 * stay strings (no type detection). Reference: the GTFS Schedule reference,
 * https://gtfs.org/schedule/reference/ .
 */
#define G_LOG_DOMAIN "ga-gtfs"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ga-crs.h"
#include "ga-error.h"
#include "ga-gdal-private.h"
#include "ga-gtfs.h"

#define WGS84_NAME "WGS 84 (EPSG:4326)"

typedef struct
{
  GStrv       fields;
  GPtrArray  *rows;     /* GStrv, one value per field ("" when empty) */
} Table;

typedef struct
{
  const char   *path;
  const char   *display;
  char         *root;      /* /vsizip/…/[folder] */
  GCancellable *cancellable;
} Feed;

typedef struct
{
  double seq;
  double x;
  double y;
} SeqPoint;

static void
table_free (Table *table)
{
  if (table == NULL)
    return;
  g_strfreev (table->fields);
  g_ptr_array_unref (table->rows);
  g_free (table);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Table, table_free)

static void
ensure_gdal (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      GDALAllRegister ();
      g_once_init_leave (&once, 1);
    }
}

static int
table_column (Table *table, const char *name)
{
  for (guint i = 0; table->fields[i] != NULL; i++)
    if (g_ascii_strcasecmp (table->fields[i], name) == 0)
      return (int) i;
  return -1;
}

static const char *
cell (Table *table, guint row, int column)
{
  GStrv values = table->rows->pdata[row];

  return column >= 0 ? values[column] : "";
}

/* Finds the folder holding stops.txt or routes.txt: "" (root) or "folder/". */
static char *
find_prefix (const char *zip_root, guint *n_core)
{
  static const char * const core[] = {
    "agency.txt", "routes.txt", "trips.txt", "stops.txt", "stop_times.txt"
  };
  g_auto (GaCplStringList) entries = VSIReadDirRecursive (zip_root);
  g_autoptr (GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  char *best = NULL;
  guint best_count = 0;

  for (int i = 0; entries != NULL && entries[i] != NULL; i++)
    {
      const char *entry = entries[i];
      const char *slash = strrchr (entry, '/');
      const char *base = slash != NULL ? slash + 1 : entry;
      g_autofree char *prefix = g_strndup (entry, base - entry);
      guint depth = 0;

      if (strstr (entry, "__MACOSX") != NULL)
        continue;
      for (const char *p = prefix; *p; p++)
        depth += *p == '/';
      if (depth > 1)
        continue;
      for (guint c = 0; c < G_N_ELEMENTS (core); c++)
        if (g_ascii_strcasecmp (base, core[c]) == 0)
          {
            guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, prefix)) + 1;

            g_hash_table_insert (counts, g_strdup (prefix), GUINT_TO_POINTER (n));
            if (n > best_count)
              {
                best_count = n;
                g_free (best);
                best = g_strdup (prefix);
              }
          }
    }
  *n_core = best_count;
  return best;
}

gboolean
ga_gtfs_is_feed (const char *path)
{
  g_autofree char *root = NULL;
  g_autofree char *prefix = NULL;
  guint n_core = 0;

  g_return_val_if_fail (path != NULL, FALSE);

  ensure_gdal ();
  root = g_strconcat ("/vsizip/", path, NULL);
  prefix = find_prefix (root, &n_core);
  /* two of the core files (usually routes.txt and stops.txt); a partial feed is still
   * routed here so that its message can say what is missing */
  return prefix != NULL && n_core >= 2;
}

/* Reads @name; NULL without error when the file is absent. */
static Table *
read_table (Feed *feed, const char *name, GError **error)
{
  g_autofree char *vsi = g_strconcat (feed->root, name, NULL);
  g_autofree char *open_name = NULL;
  const char * const drivers[] = { "CSV", NULL };
  const char * const options[] = { "AUTODETECT_TYPE=NO", "EMPTY_STRING_AS_NULL=NO", NULL };
  g_auto (GDALDatasetH) ds = NULL;
  OGRLayerH layer;
  OGRFeatureDefnH defn;
  g_autoptr (Table) table = NULL;
  VSILFILE *probe;
  OGRFeatureH feature;
  int n_fields;
  guint count = 0;

  probe = VSIFOpenL (vsi, "rb");
  if (probe == NULL)
    return NULL;
  VSIFCloseL (probe);

  open_name = g_strconcat ("CSV:", vsi, NULL);
  ds = GDALOpenEx (open_name, GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, options, NULL);
  if (ds == NULL || GDALDatasetGetLayerCount (ds) < 1)
    {
      g_set_error (error, GA_ERROR, GA_ERROR_CORRUPT,
                   _("“%s” is a GTFS feed whose %s cannot be read as CSV text."),
                   feed->display, name);
      return NULL;
    }
  layer = GDALDatasetGetLayer (ds, 0);
  defn = OGR_L_GetLayerDefn (layer);
  n_fields = OGR_FD_GetFieldCount (defn);

  table = g_new0 (Table, 1);
  table->fields = g_new0 (char *, n_fields + 1);
  for (int f = 0; f < n_fields; f++)
    {
      const char *field_name = OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, f));

      /* a UTF-8 byte order mark may survive on the first column */
      if (g_str_has_prefix (field_name, "\xEF\xBB\xBF"))
        field_name += 3;
      table->fields[f] = g_strstrip (g_strdup (field_name));
    }
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  OGR_L_ResetReading (layer);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      GStrv values = g_new0 (char *, n_fields + 1);

      for (int f = 0; f < n_fields; f++)
        {
          const char *v = OGR_F_IsFieldSetAndNotNull (feature, f)
                          ? OGR_F_GetFieldAsString (feature, f) : "";

          values[f] = g_strstrip (g_strdup (g_utf8_validate (v, -1, NULL) ? v : ""));
        }
      g_ptr_array_add (table->rows, values);
      OGR_F_Destroy (feature);
      if (++count % 4096 == 0 && g_cancellable_set_error_if_cancelled (feed->cancellable, error))
        return NULL;
    }
  return g_steal_pointer (&table);
}

static gboolean
need_columns (Feed *feed, Table *table, const char *name, const char * const *columns,
              GError **error)
{
  for (guint i = 0; columns[i] != NULL; i++)
    if (table_column (table, columns[i]) < 0)
      {
        g_set_error (error, GA_ERROR, GA_ERROR_CORRUPT,
                     _("“%s” is a GTFS feed whose %s has no “%s” column."),
                     feed->display, name, columns[i]);
        return FALSE;
      }
  return TRUE;
}

static gboolean
parse_double (const char *text, double *out)
{
  char *end = NULL;

  if (text == NULL || text[0] == '\0')
    return FALSE;
  *out = g_ascii_strtod (text, &end);
  return end != NULL && *end == '\0' && isfinite (*out);
}

static int
compare_seq (gconstpointer a, gconstpointer b)
{
  const SeqPoint *x = a, *y = b;

  return (x->seq > y->seq) - (x->seq < y->seq);
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static void
extend (GaExtent *e, double x, double y)
{
  e->min_x = MIN (e->min_x, x);
  e->min_y = MIN (e->min_y, y);
  e->max_x = MAX (e->max_x, x);
  e->max_y = MAX (e->max_y, y);
}

static void
finish_layer (GaLayer *layer, Feed *feed, const char *member, const GaExtent *lonlat)
{
  ga_layer_set_source (layer, feed->path, member);
  ga_layer_set_crs_name (layer, WGS84_NAME);
  ga_layer_set_encoding (layer, "UTF-8", GA_ENCODING_ORIGIN_NONE);
  ga_layer_set_lonlat_extent (layer, lonlat);
  ga_layer_seal (layer);
}

static GaLayer *
build_stops (Feed *feed, Table *stops, const char *stem, GaTransform *transform,
             GHashTable *stop_xy, GError **error)
{
  const char * const required[] = { "stop_id", "stop_lat", "stop_lon", NULL };
  g_autofree char *name = g_strdup_printf (_("%s stops"), stem);
  g_autoptr (GaLayer) layer = ga_layer_new (name);
  g_autoptr (GPtrArray) fields = g_ptr_array_new ();
  g_autoptr (GArray) columns = g_array_new (FALSE, FALSE, sizeof (int));
  int c_id, c_lat, c_lon;
  GaExtent lonlat = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
  g_autofree const char **values = NULL;

  if (!need_columns (feed, stops, "stops.txt", required, error))
    return NULL;
  c_id = table_column (stops, "stop_id");
  c_lat = table_column (stops, "stop_lat");
  c_lon = table_column (stops, "stop_lon");

  /* stop_id, stop_name first, then the feed's other columns (not the coordinates) */
  {
    const char * const first[] = { "stop_id", "stop_name", NULL };

    for (guint i = 0; first[i] != NULL; i++)
      {
        int c = table_column (stops, first[i]);

        g_ptr_array_add (fields, (gpointer) first[i]);
        g_array_append_val (columns, c);
      }
    for (int c = 0; stops->fields[c] != NULL; c++)
      {
        const char *f = stops->fields[c];

        if (c == c_lat || c == c_lon || g_ascii_strcasecmp (f, "stop_id") == 0 ||
            g_ascii_strcasecmp (f, "stop_name") == 0)
          continue;
        g_ptr_array_add (fields, (gpointer) f);
        g_array_append_val (columns, c);
      }
    g_ptr_array_add (fields, NULL);
  }
  ga_layer_set_fields (layer, (const char * const *) fields->pdata);
  values = g_new0 (const char *, columns->len + 1);

  for (guint r = 0; r < stops->rows->len; r++)
    {
      double lat, lon, x, y;

      if (!parse_double (cell (stops, r, c_lat), &lat) ||
          !parse_double (cell (stops, r, c_lon), &lon) ||
          (lat == 0 && lon == 0) || fabs (lat) > 85.06 || fabs (lon) > 180)
        continue;
      x = lon;
      y = lat;
      if (!ga_transform_apply (transform, &x, &y, 1))
        continue;
      {
        double *xy = g_new (double, 2);

        xy[0] = x;
        xy[1] = y;
        g_hash_table_insert (stop_xy, g_strdup (cell (stops, r, c_id)), xy);
      }
      extend (&lonlat, lon, lat);
      for (guint i = 0; i < columns->len; i++)
        {
          int c = g_array_index (columns, int, i);
          const char *v = c >= 0 ? cell (stops, r, c) : NULL;

          values[i] = v != NULL && v[0] != '\0' ? v : NULL;
        }
      ga_layer_begin_feature (layer, GA_GEOM_POINT);
      ga_layer_begin_part (layer);
      ga_layer_add_coord (layer, x, y);
      ga_layer_end_feature (layer, values);
    }
  if (ga_layer_get_n_features (layer) == 0)
    {
      g_set_error (error, GA_ERROR, GA_ERROR_EMPTY,
                   _("“%s” is a GTFS feed whose stops.txt has no stop with valid coordinates."),
                   feed->display);
      return NULL;
    }
  finish_layer (layer, feed, "stops.txt", &lonlat);
  return g_steal_pointer (&layer);
}

/* shape_id → GArray of SeqPoint (Mercator), sorted by shape_pt_sequence */
static GHashTable *
read_shapes (Feed *feed, Table *shapes, GaTransform *transform, GError **error)
{
  const char * const required[] = { "shape_id", "shape_pt_lat", "shape_pt_lon",
                                    "shape_pt_sequence", NULL };
  g_autoptr (GHashTable) result = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) g_array_unref);
  int c_id, c_lat, c_lon, c_seq;
  GHashTableIter iter;
  gpointer value;

  if (!need_columns (feed, shapes, "shapes.txt", required, error))
    return NULL;
  c_id = table_column (shapes, "shape_id");
  c_lat = table_column (shapes, "shape_pt_lat");
  c_lon = table_column (shapes, "shape_pt_lon");
  c_seq = table_column (shapes, "shape_pt_sequence");

  for (guint r = 0; r < shapes->rows->len; r++)
    {
      SeqPoint p;
      double lat, lon;
      GArray *points;
      const char *id = cell (shapes, r, c_id);

      if (!parse_double (cell (shapes, r, c_lat), &lat) ||
          !parse_double (cell (shapes, r, c_lon), &lon) ||
          !parse_double (cell (shapes, r, c_seq), &p.seq) || fabs (lat) > 85.06)
        continue;
      p.x = lon;
      p.y = lat;
      if (!ga_transform_apply (transform, &p.x, &p.y, 1))
        continue;
      points = g_hash_table_lookup (result, id);
      if (points == NULL)
        {
          points = g_array_new (FALSE, FALSE, sizeof (SeqPoint));
          g_hash_table_insert (result, g_strdup (id), points);
        }
      g_array_append_val (points, p);
    }
  g_hash_table_iter_init (&iter, result);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_array_sort (value, compare_seq);
  return g_steal_pointer (&result);
}

/* trip_id → GArray of SeqPoint (stops in stop_sequence order) */
static GHashTable *
read_stop_sequences (Feed *feed, Table *stop_times, GHashTable *stop_xy, GHashTable *wanted,
                     GError **error)
{
  const char * const required[] = { "trip_id", "stop_id", "stop_sequence", NULL };
  g_autoptr (GHashTable) result = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) g_array_unref);
  int c_trip, c_stop, c_seq;
  GHashTableIter iter;
  gpointer value;

  if (!need_columns (feed, stop_times, "stop_times.txt", required, error))
    return NULL;
  c_trip = table_column (stop_times, "trip_id");
  c_stop = table_column (stop_times, "stop_id");
  c_seq = table_column (stop_times, "stop_sequence");

  for (guint r = 0; r < stop_times->rows->len; r++)
    {
      const char *trip = cell (stop_times, r, c_trip);
      const double *xy = g_hash_table_lookup (stop_xy, cell (stop_times, r, c_stop));
      GArray *points;
      SeqPoint p;

      if (xy == NULL || !g_hash_table_contains (wanted, trip) ||
          !parse_double (cell (stop_times, r, c_seq), &p.seq))
        continue;
      p.x = xy[0];
      p.y = xy[1];
      points = g_hash_table_lookup (result, trip);
      if (points == NULL)
        {
          points = g_array_new (FALSE, FALSE, sizeof (SeqPoint));
          g_hash_table_insert (result, g_strdup (trip), points);
        }
      g_array_append_val (points, p);
    }
  g_hash_table_iter_init (&iter, result);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_array_sort (value, compare_seq);
  return g_steal_pointer (&result);
}

static GaLayer *
build_lines (Feed *feed, Table *routes, Table *trips, Table *shapes, Table *stop_times,
             const char *stem, GaTransform *transform, GHashTable *stop_xy, GError **error)
{
  const char * const route_required[] = { "route_id", NULL };
  const char * const trip_required[] = { "route_id", "trip_id", NULL };
  const char * const fields[] = { "route_id", "route_short_name", "route_long_name",
                                  "route_color", "route_type", NULL };
  g_autofree char *name = g_strdup_printf (_("%s lines"), stem);
  g_autoptr (GaLayer) layer = ga_layer_new (name);
  g_autoptr (GHashTable) geometry = NULL;   /* shape or trip id → points */
  /* route_id → GPtrArray of geometry keys (one per shape, or one trip per direction) */
  g_autoptr (GHashTable) parts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) g_ptr_array_unref);
  GaExtent lonlat = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
  int c_route, c_trip, c_shape, c_dir;
  gboolean use_shapes = shapes != NULL;

  if (!need_columns (feed, routes, "routes.txt", route_required, error) ||
      !need_columns (feed, trips, "trips.txt", trip_required, error))
    return NULL;
  c_route = table_column (trips, "route_id");
  c_trip = table_column (trips, "trip_id");
  c_shape = table_column (trips, "shape_id");
  c_dir = table_column (trips, "direction_id");
  if (use_shapes && c_shape < 0)
    use_shapes = FALSE;
  if (!use_shapes && stop_times == NULL)
    {
      g_set_error (error, GA_ERROR, GA_ERROR_CORRUPT,
                   _("“%s” is a GTFS feed without shapes.txt or stop_times.txt, so its lines "
                     "cannot be drawn."),
                   feed->display);
      return NULL;
    }

  if (use_shapes)
    {
      geometry = read_shapes (feed, shapes, transform, error);
      if (geometry == NULL)
        return NULL;
      for (guint r = 0; r < trips->rows->len; r++)
        {
          const char *route = cell (trips, r, c_route);
          const char *shape = cell (trips, r, c_shape);
          GPtrArray *keys;

          if (!g_hash_table_contains (geometry, shape))
            continue;
          keys = g_hash_table_lookup (parts, route);
          if (keys == NULL)
            {
              keys = g_ptr_array_new_with_free_func (g_free);
              g_hash_table_insert (parts, g_strdup (route), keys);
            }
          if (!g_ptr_array_find_with_equal_func (keys, shape, g_str_equal, NULL))
            g_ptr_array_add (keys, g_strdup (shape));
        }
    }
  else
    {
      g_autoptr (GHashTable) all_trips = g_hash_table_new (g_str_hash, g_str_equal);
      /* "route\x1fdirection" → best trip id */
      g_autoptr (GHashTable) best = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           g_free);
      GHashTableIter iter;
      gpointer key, value;

      for (guint r = 0; r < trips->rows->len; r++)
        g_hash_table_add (all_trips, (gpointer) cell (trips, r, c_trip));
      geometry = read_stop_sequences (feed, stop_times, stop_xy, all_trips, error);
      if (geometry == NULL)
        return NULL;
      /* one representative trip per route and direction: the one with most stops */
      for (guint r = 0; r < trips->rows->len; r++)
        {
          const char *trip = cell (trips, r, c_trip);
          GArray *points = g_hash_table_lookup (geometry, trip);
          g_autofree char *group = NULL;
          const char *current;
          GArray *current_points;

          if (points == NULL || points->len < 2)
            continue;
          group = g_strdup_printf ("%s\x1f%s", cell (trips, r, c_route),
                                   c_dir >= 0 ? cell (trips, r, c_dir) : "");
          current = g_hash_table_lookup (best, group);
          current_points = current != NULL ? g_hash_table_lookup (geometry, current) : NULL;
          if (current_points == NULL || points->len > current_points->len)
            g_hash_table_insert (best, g_steal_pointer (&group), g_strdup (trip));
        }
      g_hash_table_iter_init (&iter, best);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          g_autofree char *route = g_strndup (key, strchr (key, '\x1f') - (char *) key);
          GPtrArray *keys = g_hash_table_lookup (parts, route);

          if (keys == NULL)
            {
              keys = g_ptr_array_new_with_free_func (g_free);
              g_hash_table_insert (parts, g_strdup (route), keys);
            }
          g_ptr_array_add (keys, g_strdup (value));
        }
      /* stable order of directions */
      g_hash_table_iter_init (&iter, parts);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        g_ptr_array_sort (value, compare_strings);
    }

  ga_layer_set_fields (layer, fields);
  for (guint r = 0; r < routes->rows->len; r++)
    {
      const char *values[G_N_ELEMENTS (fields)] = { NULL };
      GPtrArray *keys;
      const char *route = cell (routes, r, table_column (routes, "route_id"));

      keys = g_hash_table_lookup (parts, route);
      if (keys == NULL)
        continue;
      for (guint f = 0; fields[f] != NULL; f++)
        {
          int c = table_column (routes, fields[f]);
          const char *v = c >= 0 ? cell (routes, r, c) : NULL;

          values[f] = v != NULL && v[0] != '\0' ? v : NULL;
        }
      ga_layer_begin_feature (layer, GA_GEOM_LINE);
      for (guint k = 0; k < keys->len; k++)
        {
          GArray *points = g_hash_table_lookup (geometry, keys->pdata[k]);

          if (points == NULL || points->len < 2)
            continue;
          ga_layer_begin_part (layer);
          for (guint i = 0; i < points->len; i++)
            {
              const SeqPoint *p = &g_array_index (points, SeqPoint, i);
              double lon = p->x, lat = p->y;

              ga_layer_add_coord (layer, p->x, p->y);
              /* lon/lat extent from Mercator (spherical inverse; display only) */
              lon = p->x / GA_MERCATOR_HALF_WORLD * 180.0;
              lat = atan (sinh (p->y / GA_MERCATOR_HALF_WORLD * G_PI)) * 180.0 / G_PI;
              extend (&lonlat, lon, lat);
            }
        }
      ga_layer_end_feature (layer, values);
    }
  if (ga_layer_get_n_features (layer) == 0)
    {
      g_set_error (error, GA_ERROR, GA_ERROR_EMPTY,
                   use_shapes
                   ? _("“%s” is a GTFS feed whose routes have no trips with shapes.")
                   : _("“%s” is a GTFS feed whose routes have no trips with two or more stops."),
                   feed->display);
      return NULL;
    }
  finish_layer (layer, feed, "routes.txt", &lonlat);
  return g_steal_pointer (&layer);
}

GPtrArray *
ga_gtfs_load (const char    *path,
              const char    *display,
              GCancellable  *cancellable,
              GError       **error)
{
  Feed feed = { 0 };
  g_autofree char *display_owned = NULL;
  g_autofree char *zip_root = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *stem = NULL;
  g_autoptr (Table) routes = NULL, trips = NULL, stops = NULL, shapes = NULL;
  g_autoptr (Table) stop_times = NULL;
  g_autoptr (GaTransform) transform = NULL;
  g_autoptr (GHashTable) stop_xy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          g_free);
  g_autoptr (GaLayer) lines = NULL;
  g_autoptr (GaLayer) stop_layer = NULL;
  GPtrArray *result;
  GError *local = NULL;
  guint n_core = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ensure_gdal ();
  if (display == NULL)
    display = display_owned = g_path_get_basename (path);
  stem = g_strdup (display);
  if (g_str_has_suffix (stem, ".zip") || g_str_has_suffix (stem, ".ZIP"))
    stem[strlen (stem) - 4] = '\0';

  zip_root = g_strconcat ("/vsizip/", path, NULL);
  prefix = find_prefix (zip_root, &n_core);
  if (prefix == NULL)
    {
      g_set_error (error, GA_ERROR, GA_ERROR_UNSUPPORTED,
                   _("“%s” is not a GTFS feed: it holds no routes.txt or stops.txt."), display);
      return NULL;
    }
  feed.path = path;
  feed.display = display;
  feed.root = g_strconcat (zip_root, "/", prefix, NULL);
  feed.cancellable = cancellable;

  CPLPushErrorHandler (CPLQuietErrorHandler);

#define READ(var, file, required)                                                       \
  var = read_table (&feed, file, &local);                                               \
  if (local != NULL)                                                                    \
    goto fail;                                                                          \
  if (var == NULL && (required))                                                        \
    {                                                                                   \
      g_set_error (&local, GA_ERROR, GA_ERROR_CORRUPT,                                  \
                   _("“%s” is a GTFS feed without %s."), display, file);                \
      goto fail;                                                                        \
    }

  READ (stops, "stops.txt", TRUE);
  READ (routes, "routes.txt", TRUE);
  READ (trips, "trips.txt", TRUE);
  READ (shapes, "shapes.txt", FALSE);
  if (shapes == NULL || shapes->rows->len == 0)
    {
      g_clear_pointer (&shapes, table_free);
      READ (stop_times, "stop_times.txt", FALSE);
    }
#undef READ

  transform = ga_transform_new ("EPSG:4326", "EPSG:3857", &local);
  if (transform == NULL)
    goto fail;
  stop_layer = build_stops (&feed, stops, stem, transform, stop_xy, &local);
  if (stop_layer == NULL)
    goto fail;
  lines = build_lines (&feed, routes, trips, shapes, stop_times, stem, transform, stop_xy,
                       &local);
  if (lines == NULL)
    goto fail;

  CPLErrorReset ();
  CPLPopErrorHandler ();
  g_free (feed.root);

  result = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (result, g_steal_pointer (&lines));
  g_ptr_array_add (result, g_steal_pointer (&stop_layer));
  return result;

fail:
  CPLErrorReset ();
  CPLPopErrorHandler ();
  g_free (feed.root);
  g_propagate_error (error, local);
  return NULL;
}
