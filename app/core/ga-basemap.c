/* ga-basemap.c — what a basemap is: a description of a tile source (GTK-free)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ga-basemap"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "ga-basemap.h"
#include "ga-error.h"
#include "ga-layer.h"
#include "ga-mbtiles.h"
#include "ga-tile-reader.h"

#define MAX_ZOOM_LEVEL 30
/* Custom sources are the user's own servers (or ones they have permission for); packs from
 * them are still kept to a size that a polite download finishes in minutes. */
#define CUSTOM_MAX_BULK_TILES 10000

struct _GaBasemap
{
  GObject        parent_instance;

  GaBasemapKind  kind;
  char          *id;
  char          *name;
  char          *location;
  char          *attribution;
  int            min_zoom;
  int            max_zoom;
  int            tile_size;
  guint          max_bulk_tiles;
  gboolean       has_bounds;
  double         bounds[4];
};

G_DEFINE_FINAL_TYPE (GaBasemap, ga_basemap, G_TYPE_OBJECT)

/* ---- the built-in online sources ----
 *
 * Each entry follows its operator's published terms; max_bulk_tiles is the most tiles one
 * offline pack may fetch ("Save area for offline use"):
 *
 * - OpenStreetMap standard (tile.openstreetmap.org, OSMF tile usage policy,
 *   https://operations.osmfoundation.org/policies/tiles/): interactive viewing with a
 *   descriptive User-Agent and visible attribution is allowed; bulk downloading
 *   ("scraping", offline packs) is forbidden.  Limit 0.
 * - OpenTopoMap (tile.opentopomap.org): free to use with the attribution below; the service
 *   runs on donated servers and publishes no bulk-download allowance.  The related
 *   openmaps.fr policy for the same style calls under 400,000 tiles a month "low volume".
 *   We allow 2,000 tiles per pack (about a city district from z12 to z17), far below that.
 * - Humanitarian (HOT) and CyclOSM, hosted by OpenStreetMap France on donated servers whose
 *   rules follow the OSMF policy (normal viewing is fine, no bulk downloading).  Limit 0.
 *
 * Custom sources added by the user get CUSTOM_MAX_BULK_TILES unless their JSON says
 * otherwise. */
typedef struct
{
  const char *id;
  const char *name;
  const char *url;
  const char *attribution;
  int         min_zoom;
  int         max_zoom;
  guint       max_bulk_tiles;
} Builtin;

static const Builtin builtins[] = {
  { "osm", N_("OpenStreetMap"), "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    "© OpenStreetMap contributors", 0, 19, 0 },
  { "opentopomap", N_("OpenTopoMap"), "https://tile.opentopomap.org/{z}/{x}/{y}.png",
    "Map data: © OpenStreetMap contributors, SRTM | Map style: © OpenTopoMap (CC-BY-SA)",
    0, 17, 2000 },
  { "hot", N_("Humanitarian (HOT)"), "https://a.tile.openstreetmap.fr/hot/{z}/{x}/{y}.png",
    "© OpenStreetMap contributors, tiles: Humanitarian OpenStreetMap Team hosted by "
    "OpenStreetMap France", 0, 19, 0 },
  { "cyclosm", N_("CyclOSM"),
    "https://a.tile-cyclosm.openstreetmap.fr/cyclosm/{z}/{x}/{y}.png",
    "CyclOSM | Map data: © OpenStreetMap contributors", 0, 19, 0 },
};

/* ---- GObject ---- */

static void
ga_basemap_finalize (GObject *object)
{
  GaBasemap *self = GA_BASEMAP (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->location);
  g_free (self->attribution);

  G_OBJECT_CLASS (ga_basemap_parent_class)->finalize (object);
}

static void
ga_basemap_class_init (GaBasemapClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ga_basemap_finalize;
}

static void
ga_basemap_init (GaBasemap *self)
{
  self->tile_size = 256;
  self->max_zoom = 19;
}

/* ---- helpers ---- */

/* Accepts {z}/{x}/{y} and GDAL's ${z}/${x}/${y}; returns the {z} form or NULL. */
static char *
normalise_template (const char *url)
{
  g_autoptr(GString) s = NULL;

  if (url == NULL)
    return NULL;
  s = g_string_new (url);
  g_string_replace (s, "${z}", "{z}", 0);
  g_string_replace (s, "${x}", "{x}", 0);
  g_string_replace (s, "${y}", "{y}", 0);
  if (strstr (s->str, "{z}") == NULL || strstr (s->str, "{x}") == NULL ||
      strstr (s->str, "{y}") == NULL)
    return NULL;
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static gboolean
is_url (const char *spec)
{
  return g_ascii_strncasecmp (spec, "http://", 7) == 0 ||
         g_ascii_strncasecmp (spec, "https://", 8) == 0;
}

static char *
display_name (const char *path)
{
  return g_path_get_basename (path);
}

/* a number directory name 0..30 */
static gboolean
parse_zoom_dir (const char *name,
                int        *zoom)
{
  guint64 v;

  if (!g_ascii_string_to_unsigned (name, 10, 0, MAX_ZOOM_LEVEL, &v, NULL))
    return FALSE;
  *zoom = (int) v;
  return TRUE;
}

/* Looks into z/x/ directories for the first tile's extension. */
static const char *
folder_format (const char *zdir)
{
  g_autoptr(GDir) dir = g_dir_open (zdir, 0, NULL);
  const char *xname;

  if (dir == NULL)
    return NULL;
  while ((xname = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *xdir = g_build_filename (zdir, xname, NULL);
      g_autoptr(GDir) tiles = g_dir_open (xdir, 0, NULL);
      const char *tname;

      if (tiles == NULL)
        continue;
      while ((tname = g_dir_read_name (tiles)) != NULL)
        {
          if (g_str_has_suffix (tname, ".png"))
            return "png";
          if (g_str_has_suffix (tname, ".jpg"))
            return "jpg";
          if (g_str_has_suffix (tname, ".jpeg"))
            return "jpeg";
        }
    }
  return NULL;
}

static const char *
nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

/* ---- public API ---- */

GaBasemap *
ga_basemap_new_none (void)
{
  GaBasemap *self = g_object_new (GA_TYPE_BASEMAP, NULL);

  self->kind = GA_BASEMAP_NONE;
  self->id = g_strdup ("none");
  self->name = g_strdup (_("No basemap"));
  self->min_zoom = 0;
  self->max_zoom = MAX_ZOOM_LEVEL;
  return self;
}

GaBasemap *
ga_basemap_new_xyz (const char *id,
                    const char *name,
                    const char *url_template,
                    const char *attribution,
                    int         min_zoom,
                    int         max_zoom,
                    int         tile_size,
                    guint       max_bulk_tiles)
{
  GaBasemap *self;
  g_autofree char *url = NULL;

  g_return_val_if_fail (url_template != NULL, NULL);

  url = normalise_template (url_template);
  self = g_object_new (GA_TYPE_BASEMAP, NULL);
  self->kind = GA_BASEMAP_XYZ;
  self->location = url ? g_steal_pointer (&url) : g_strdup (url_template);
  self->id = nonempty (id) ? g_strdup (id) : g_strconcat ("custom:", self->location, NULL);
  if (nonempty (name))
    self->name = g_strdup (name);
  else
    {
      g_autoptr(GUri) uri = g_uri_parse (self->location, G_URI_FLAGS_NONE, NULL);

      self->name = g_strdup (uri && g_uri_get_host (uri) ? g_uri_get_host (uri)
                                                         : self->location);
    }
  self->attribution = g_strdup (nonempty (attribution));
  self->min_zoom = CLAMP (min_zoom, 0, MAX_ZOOM_LEVEL);
  self->max_zoom = CLAMP (max_zoom, self->min_zoom, MAX_ZOOM_LEVEL);
  self->tile_size = tile_size > 0 ? tile_size : 256;
  self->max_bulk_tiles = max_bulk_tiles;
  return self;
}

GaBasemap *
ga_basemap_new_mbtiles (const char  *path,
                        GError     **error)
{
  g_autoptr(GaMbtiles) mbtiles = NULL;
  const GaMbtilesInfo *info;
  GaBasemap *self;

  g_return_val_if_fail (path != NULL, NULL);

  mbtiles = ga_mbtiles_open (path, error);
  if (mbtiles == NULL)
    return NULL;
  info = ga_mbtiles_get_info (mbtiles);

  self = g_object_new (GA_TYPE_BASEMAP, NULL);
  self->kind = GA_BASEMAP_MBTILES;
  self->location = g_canonicalize_filename (path, NULL);
  self->id = g_strconcat ("mbtiles:", self->location, NULL);
  self->name = g_strdup (info->name);
  self->attribution = g_strdup (nonempty (info->attribution));
  self->min_zoom = info->min_zoom;
  self->max_zoom = info->max_zoom;
  self->has_bounds = info->has_bounds;
  memcpy (self->bounds, info->bounds, sizeof self->bounds);
  /* a local file: no server to protect */
  self->max_bulk_tiles = G_MAXUINT;
  return self;
}

GaBasemap *
ga_basemap_new_folder (const char  *path,
                       GError     **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = NULL;
  const char *entry;
  int min_zoom = G_MAXINT, max_zoom = -1;
  GaBasemap *self;

  g_return_val_if_fail (path != NULL, NULL);

  display = display_name (path);
  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        g_set_error (error, GA_ERROR, GA_ERROR_UNSUPPORTED,
                     _("“%s” is not a tile folder."), display);
      else
        g_set_error (error, GA_ERROR, GA_ERROR_NOT_FOUND, _("“%s” does not exist."), display);
      return NULL;
    }
  dir = g_dir_open (path, 0, &local_error);
  if (dir == NULL)
    {
      g_set_error (error, GA_ERROR, GA_ERROR_IO, _("Cannot read the folder “%s”: %s"),
                   display, local_error->message);
      return NULL;
    }

  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *zdir = g_build_filename (path, entry, NULL);
      const char *f;
      int z;

      if (!parse_zoom_dir (entry, &z) || !g_file_test (zdir, G_FILE_TEST_IS_DIR))
        continue;
      f = folder_format (zdir);
      if (f == NULL)
        continue;
      min_zoom = MIN (min_zoom, z);
      max_zoom = MAX (max_zoom, z);
    }

  if (max_zoom < 0)
    {
      g_set_error (error, GA_ERROR, GA_ERROR_UNSUPPORTED,
                   _("“%s” is not a tile folder: it has no {z}/{x}/{y}.png or .jpg tiles."),
                   display);
      return NULL;
    }

  self = g_object_new (GA_TYPE_BASEMAP, NULL);
  self->kind = GA_BASEMAP_FOLDER;
  self->location = g_canonicalize_filename (path, NULL);
  self->id = g_strconcat ("folder:", self->location, NULL);
  self->name = g_steal_pointer (&display);
  self->min_zoom = min_zoom;
  self->max_zoom = max_zoom;
  self->max_bulk_tiles = G_MAXUINT;
  return self;
}

GaBasemap *
ga_basemap_new_from_spec (const char  *spec,
                          GError     **error)
{
  g_autofree char *path = NULL;

  if (spec == NULL || *spec == '\0' || g_ascii_strcasecmp (spec, "none") == 0)
    return ga_basemap_new_none ();

  if (is_url (spec))
    {
      g_autofree char *url = normalise_template (spec);
      g_autoptr(GUri) uri = NULL;

      if (url == NULL)
        {
          g_set_error (error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
                       _("The basemap URL “%s” must contain {z}, {x} and {y}, for example "
                         "https://tile.openstreetmap.org/{z}/{x}/{y}.png"), spec);
          return NULL;
        }
      uri = g_uri_parse (url, G_URI_FLAGS_PARSE_RELAXED, NULL);
      if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
        {
          g_set_error (error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
                       _("The basemap URL “%s” is not a valid web address."), spec);
          return NULL;
        }
      /* a known server keeps its attribution and its bulk limit */
      for (gsize i = 0; i < G_N_ELEMENTS (builtins); i++)
        if (g_str_equal (url, builtins[i].url))
          return ga_basemap_new_xyz (builtins[i].id, _(builtins[i].name), builtins[i].url,
                                     builtins[i].attribution, builtins[i].min_zoom,
                                     builtins[i].max_zoom, 256, builtins[i].max_bulk_tiles);
      return ga_basemap_new_xyz (NULL, NULL, url, NULL, 0, 19, 256, CUSTOM_MAX_BULK_TILES);
    }

  /* a built-in by id: "osm", "opentopomap" … */
  for (gsize i = 0; i < G_N_ELEMENTS (builtins); i++)
    if (g_ascii_strcasecmp (spec, builtins[i].id) == 0)
      return ga_basemap_new_xyz (builtins[i].id, _(builtins[i].name), builtins[i].url,
                                 builtins[i].attribution, builtins[i].min_zoom,
                                 builtins[i].max_zoom, 256, builtins[i].max_bulk_tiles);

  if (g_str_has_prefix (spec, "file:"))
    path = g_filename_from_uri (spec, NULL, NULL);
  if (path == NULL)
    path = g_strdup (spec);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return ga_basemap_new_folder (path, error);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return ga_basemap_new_mbtiles (path, error);

  g_set_error (error, GA_ERROR, GA_ERROR_NOT_FOUND,
               _("The basemap “%s” does not exist. Give “none”, a URL template with "
                 "{z}/{x}/{y}, an .mbtiles file or a tile folder."), spec);
  return NULL;
}

GPtrArray *
ga_basemap_get_builtins (void)
{
  GPtrArray *list = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (list, ga_basemap_new_none ());
  for (gsize i = 0; i < G_N_ELEMENTS (builtins); i++)
    g_ptr_array_add (list, ga_basemap_new_xyz (builtins[i].id, _(builtins[i].name),
                                               builtins[i].url, builtins[i].attribution,
                                               builtins[i].min_zoom, builtins[i].max_zoom,
                                               256, builtins[i].max_bulk_tiles));
  return list;
}

const char *
ga_basemap_get_id (GaBasemap *self)
{
  g_return_val_if_fail (GA_IS_BASEMAP (self), NULL);
  return self->id;
}

GaBasemapKind
ga_basemap_get_kind (GaBasemap *self)
{
  g_return_val_if_fail (GA_IS_BASEMAP (self), GA_BASEMAP_NONE);
  return self->kind;
}

const char *
ga_basemap_get_name (GaBasemap *self)
{
  g_return_val_if_fail (GA_IS_BASEMAP (self), NULL);
  return self->name;
}

const char *
ga_basemap_get_attribution (GaBasemap *self)
{
  g_return_val_if_fail (GA_IS_BASEMAP (self), NULL);
  return self->attribution;
}

const char *
ga_basemap_get_location (GaBasemap *self)
{
  g_return_val_if_fail (GA_IS_BASEMAP (self), NULL);
  return self->location;
}

int
ga_basemap_get_min_zoom (GaBasemap *self)
{
  g_return_val_if_fail (GA_IS_BASEMAP (self), 0);
  return self->min_zoom;
}

int
ga_basemap_get_max_zoom (GaBasemap *self)
{
  g_return_val_if_fail (GA_IS_BASEMAP (self), 0);
  return self->max_zoom;
}

int
ga_basemap_get_tile_size (GaBasemap *self)
{
  g_return_val_if_fail (GA_IS_BASEMAP (self), 256);
  return self->tile_size;
}

guint
ga_basemap_get_max_bulk_tiles (GaBasemap *self)
{
  g_return_val_if_fail (GA_IS_BASEMAP (self), 0);
  return self->max_bulk_tiles;
}

gboolean
ga_basemap_get_bounds (GaBasemap *self,
                       double     bounds[4])
{
  g_return_val_if_fail (GA_IS_BASEMAP (self), FALSE);
  if (!self->has_bounds)
    return FALSE;
  memcpy (bounds, self->bounds, sizeof self->bounds);
  return TRUE;
}

/* ---- custom sources as JSON ----
 * [{"id": "custom:…", "name": "…", "url": "https://…/{z}/{x}/{y}.png", "attribution": "…",
 *   "min_zoom": 0, "max_zoom": 19, "tile_size": 256, "max_bulk_tiles": 10000}, …] */

char *
ga_basemap_list_to_json (GPtrArray *basemaps)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; basemaps != NULL && i < basemaps->len; i++)
    {
      GaBasemap *b = g_ptr_array_index (basemaps, i);

      if (!GA_IS_BASEMAP (b) || b->kind != GA_BASEMAP_XYZ)
        continue;
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, b->id);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, b->name);
      json_builder_set_member_name (builder, "url");
      json_builder_add_string_value (builder, b->location);
      if (b->attribution != NULL)
        {
          json_builder_set_member_name (builder, "attribution");
          json_builder_add_string_value (builder, b->attribution);
        }
      json_builder_set_member_name (builder, "min_zoom");
      json_builder_add_int_value (builder, b->min_zoom);
      json_builder_set_member_name (builder, "max_zoom");
      json_builder_add_int_value (builder, b->max_zoom);
      json_builder_set_member_name (builder, "tile_size");
      json_builder_add_int_value (builder, b->tile_size);
      json_builder_set_member_name (builder, "max_bulk_tiles");
      json_builder_add_int_value (builder, b->max_bulk_tiles);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static gint64
member_int (JsonObject *object,
            const char *name,
            gint64      fallback)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      return json_node_get_int (node);
    case G_TYPE_DOUBLE:
      return (gint64) json_node_get_double (node);
    default:
      return fallback;
    }
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

GPtrArray *
ga_basemap_list_from_json (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  GPtrArray *list = g_ptr_array_new_with_free_func (g_object_unref);
  JsonNode *root;
  JsonArray *array;

  if (json == NULL || *json == '\0' || !json_parser_load_from_data (parser, json, -1, NULL))
    return list;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return list;

  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object;
      const char *url;
      g_autofree char *normal = NULL;
      gint64 min_zoom, max_zoom, tile_size, bulk;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      url = member_string (object, "url");
      normal = normalise_template (url);
      if (normal == NULL || !is_url (normal))
        continue;
      min_zoom = member_int (object, "min_zoom", 0);
      max_zoom = member_int (object, "max_zoom", 19);
      tile_size = member_int (object, "tile_size", 256);
      bulk = member_int (object, "max_bulk_tiles", CUSTOM_MAX_BULK_TILES);
      if (min_zoom < 0 || max_zoom > MAX_ZOOM_LEVEL || min_zoom > max_zoom ||
          tile_size < 64 || tile_size > 1024 || bulk < 0)
        continue;
      g_ptr_array_add (list, ga_basemap_new_xyz (member_string (object, "id"),
                                                 member_string (object, "name"),
                                                 normal,
                                                 member_string (object, "attribution"),
                                                 (int) min_zoom, (int) max_zoom,
                                                 (int) tile_size,
                                                 (guint) MIN (bulk, G_MAXUINT)));
    }
  return list;
}

guint64
ga_tile_range_count (double min_x,
                     double min_y,
                     double max_x,
                     double max_y,
                     int    min_zoom,
                     int    max_zoom)
{
  guint64 total = 0;

  for (int z = MAX (min_zoom, 0); z <= MIN (max_zoom, MAX_ZOOM_LEVEL); z++)
    {
      int x0, y0, x1, y1;

      if (ga_tile_range_at_zoom (min_x, min_y, max_x, max_y, z, &x0, &y0, &x1, &y1))
        total += (guint64) (x1 - x0 + 1) * (guint64) (y1 - y0 + 1);
    }
  return total;
}
