/* ga-project.c — a Green Atlas project (.greenatlas): layers, styles, view, slides
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file is JSON, pretty-printed with a fixed member order so that saving the same
 * project twice gives the same bytes (friendly to version control and backups):
 *
 *   {
 *     "format" : "green-atlas-project",      rejected if anything else
 *     "version" : 1,                         a newer number opens read-only
 *     "generator" : "Green Atlas 0.1.0",
 *     "title" : "…", "subtitle" : "…", "notes" : "…",
 *     "basemap" : "<basemap chooser key>" | null,
 *     "view" : { "center" : [lon, lat], "zoom" : z } | null,
 *     "layers" : [                           top of the map first
 *       { "id" : "parks", "name" : "Parks", "path" : "data/parks.shp",
 *         "source-layer" : null, "encoding" : null, "crs" : null,
 *         "visible" : true, "opacity" : 1.0, "color" : "#2e7d32",
 *         "style" : { …ga_style_to_json()… } | null }, … ],
 *     "slides" : [ …ga_slide_to_json()… ]
 *   }
 *
 * Paths are stored relative to the project file's folder when the data lives under it or
 * in a sibling tree at most MAX_UP_LEVELS folders up ("../shared/roads.gpkg"), so the whole
 * folder can be moved or copied to another computer; other paths are stored absolute.
 * Members this version does not know (written by a newer version) are kept and written
 * back after the known ones.  Autosave copies add "autosave-of": the project's own path,
 * and "autosave-read-only": the reason, when the project was open read-only.
 */
#define G_LOG_DOMAIN "ga-project"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ga-error.h"
#include "ga-json-private.h"
#include "ga-project.h"
#include "ga-project-private.h"
#include "ga-style.h"

#define FORMAT_NAME      "green-atlas-project"
#define AUTOSAVE_MEMBER  "autosave-of"
#define READ_ONLY_MEMBER "autosave-read-only"
#define MAX_UP_LEVELS    2

struct _GaProject
{
  GObject      parent_instance;

  char        *path;
  gboolean     read_only;
  char        *read_only_reason;

  char        *title;
  char        *subtitle;
  char        *notes;
  char        *basemap;
  gboolean     has_view;
  double       lon;
  double       lat;
  double       zoom;

  GPtrArray   *layers;   /* GaProjectLayer* */
  GListStore  *slides;   /* GaSlide */
  JsonObject  *extra;    /* unknown top-level members, in document order */
};

G_DEFINE_FINAL_TYPE (GaProject, ga_project, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_NOTES,
  PROP_BASEMAP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Known top-level members, in the order they are written. */
static const char * const known_members[] = {
  "format", "version", "generator", "title", "subtitle", "notes", "basemap", "view", "layers",
  "slides", AUTOSAVE_MEMBER, READ_ONLY_MEMBER,
};

static gssize write_fault = -1;

/* ---- layers ---- */

GaProjectLayer *
ga_project_layer_new (void)
{
  GaProjectLayer *layer = g_new0 (GaProjectLayer, 1);

  layer->visible = TRUE;
  layer->opacity = 1.0;
  return layer;
}

void
ga_project_layer_free (GaProjectLayer *layer)
{
  if (layer == NULL)
    return;
  g_free (layer->id);
  g_free (layer->name);
  g_free (layer->path);
  g_free (layer->source_layer);
  g_free (layer->encoding);
  g_free (layer->crs);
  g_clear_pointer (&layer->style, json_node_unref);
  g_free (layer);
}

static GaProjectLayer *
project_layer_copy (const GaProjectLayer *layer)
{
  GaProjectLayer *copy = ga_project_layer_new ();

  copy->id = g_strdup (layer->id);
  copy->name = g_strdup (layer->name);
  copy->path = g_strdup (layer->path);
  copy->source_layer = g_strdup (layer->source_layer);
  copy->encoding = g_strdup (layer->encoding);
  copy->crs = g_strdup (layer->crs);
  copy->visible = layer->visible;
  copy->opacity = layer->opacity;
  copy->color = layer->color;
  copy->style = layer->style != NULL ? json_node_copy (layer->style) : NULL;
  return copy;
}

/* ---- paths ---- */

/* @path relative to @base_dir when it is under it or under one of its first MAX_UP_LEVELS
 * ancestors (never the root), else @path itself. */
static char *
relative_path (const char *path,
               const char *base_dir)
{
  g_autoptr(GFile) target = NULL;
  g_autoptr(GFile) dir = NULL;

  if (path == NULL || base_dir == NULL || !g_path_is_absolute (path))
    return g_strdup (path);

  target = g_file_new_for_path (path);
  dir = g_file_new_for_path (base_dir);
  for (guint up = 0; up <= MAX_UP_LEVELS; up++)
    {
      g_autofree char *relative = g_file_get_relative_path (dir, target);
      g_autoptr(GFile) parent = NULL;
      g_autoptr(GFile) grandparent = NULL;

      if (relative != NULL)
        {
          g_autoptr(GString) result = g_string_new (NULL);

          for (guint i = 0; i < up; i++)
            g_string_append (result, "../");
          g_string_append (result, relative);
          return g_string_free (g_steal_pointer (&result), FALSE);
        }
      parent = g_file_get_parent (dir);
      if (parent == NULL)
        break;
      grandparent = g_file_get_parent (parent);
      if (grandparent == NULL)
        break;  /* do not climb to the root: everything is under it */
      g_set_object (&dir, parent);
    }
  return g_strdup (path);
}

static char *
absolute_path (const char *path,
               const char *base_dir)
{
  if (path == NULL)
    return NULL;
  return g_canonicalize_filename (path, base_dir);
}

static char *
display_name (const char *path)
{
  return g_filename_display_basename (path);
}

/* ---- atomic writing ---- */

void
_ga_project_set_write_fault (gssize fail_after_bytes)
{
  write_fault = fail_after_bytes;
}

/* Writes @data to a new file next to @path, flushes it to disk and renames it over @path.
 * On failure the temporary file is removed and @path is untouched. The error is a
 * G_IO_ERROR with the system's reason. */
static gboolean
write_atomically (const char  *path,
                  const char  *data,
                  gsize        length,
                  GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *temp_name = g_strdup_printf (".%s.XXXXXX", base);
  g_autofree char *temp_path = g_build_filename (dir, temp_name, NULL);
  gsize done = 0;
  int saved_errno = 0;
  int fd;

  fd = g_mkstemp_full (temp_path, O_RDWR, 0666);
  if (fd < 0)
    {
      saved_errno = errno;
      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           g_strerror (saved_errno));
      return FALSE;
    }

  while (done < length)
    {
      gsize chunk = length - done;
      gssize written;

      if (write_fault >= 0)
        {
          if (done >= (gsize) write_fault)
            {
              saved_errno = ENOSPC;
              goto failed;
            }
          chunk = MIN (chunk, (gsize) write_fault - done);
        }
      written = write (fd, data + done, chunk);
      if (written < 0)
        {
          if (errno == EINTR)
            continue;
          saved_errno = errno;
          goto failed;
        }
      done += written;
    }
  if (write_fault >= 0 && done >= (gsize) write_fault)
    {
      /* The disk filled up exactly at the end: the flush fails. */
      saved_errno = ENOSPC;
      goto failed;
    }

  if (fsync (fd) != 0)
    {
      saved_errno = errno;
      goto failed;
    }
  if (close (fd) != 0)
    {
      fd = -1;
      saved_errno = errno;
      goto failed;
    }
  fd = -1;
  if (g_rename (temp_path, path) != 0)
    {
      saved_errno = errno;
      goto failed;
    }
  return TRUE;

failed:
  if (fd >= 0)
    close (fd);
  g_unlink (temp_path);
  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       g_strerror (saved_errno));
  return FALSE;
}

/* ---- the document ---- */

static void
add_nullable_string (JsonBuilder *builder,
                     const char  *name,
                     const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static JsonNode *
build_document (GaProject  *self,
                const char *base_dir,
                gboolean    autosave)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint n_slides;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, FORMAT_NAME);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, GA_PROJECT_FORMAT_VERSION);
  json_builder_set_member_name (builder, "generator");
  json_builder_add_string_value (builder, "Green Atlas " PACKAGE_VERSION);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, self->title);
  json_builder_set_member_name (builder, "subtitle");
  json_builder_add_string_value (builder, self->subtitle);
  json_builder_set_member_name (builder, "notes");
  json_builder_add_string_value (builder, self->notes);
  add_nullable_string (builder, "basemap", self->basemap);

  json_builder_set_member_name (builder, "view");
  if (self->has_view)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "center");
      json_builder_begin_array (builder);
      json_builder_add_double_value (builder, self->lon);
      json_builder_add_double_value (builder, self->lat);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "zoom");
      json_builder_add_double_value (builder, self->zoom);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "layers");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->layers->len; i++)
    {
      GaProjectLayer *layer = g_ptr_array_index (self->layers, i);
      g_autofree char *path = relative_path (layer->path, base_dir);
      g_autofree char *color = g_strdup_printf ("#%06x", layer->color & 0xffffff);

      json_builder_begin_object (builder);
      add_nullable_string (builder, "id", layer->id);
      add_nullable_string (builder, "name", layer->name);
      add_nullable_string (builder, "path", path);
      add_nullable_string (builder, "source-layer", layer->source_layer);
      add_nullable_string (builder, "encoding", layer->encoding);
      add_nullable_string (builder, "crs", layer->crs);
      json_builder_set_member_name (builder, "visible");
      json_builder_add_boolean_value (builder, layer->visible);
      json_builder_set_member_name (builder, "opacity");
      json_builder_add_double_value (builder, layer->opacity);
      json_builder_set_member_name (builder, "color");
      json_builder_add_string_value (builder, color);
      json_builder_set_member_name (builder, "style");
      if (layer->style != NULL)
        json_builder_add_value (builder, json_node_copy (layer->style));
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "slides");
  json_builder_begin_array (builder);
  n_slides = g_list_model_get_n_items (G_LIST_MODEL (self->slides));
  for (guint i = 0; i < n_slides; i++)
    {
      g_autoptr(GaSlide) slide = g_list_model_get_item (G_LIST_MODEL (self->slides), i);

      json_builder_add_value (builder, ga_slide_to_json (slide));
    }
  json_builder_end_array (builder);

  if (autosave)
    {
      add_nullable_string (builder, AUTOSAVE_MEMBER, self->path);
      /* A recovered copy of a read-only project must not be saved over the newer file. */
      if (self->read_only)
        add_nullable_string (builder, READ_ONLY_MEMBER, self->read_only_reason);
    }

  if (self->extra != NULL)
    {
      g_autoptr(GList) names = json_object_get_members (self->extra);

      for (GList *l = names; l != NULL; l = l->next)
        {
          json_builder_set_member_name (builder, l->data);
          json_builder_add_value (builder,
                                  json_node_copy (json_object_get_member (self->extra, l->data)));
        }
    }

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static char *
document_to_data (JsonNode *root,
                  gsize    *length)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GString) text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = g_string_new (NULL);
  json_generator_to_gstring (generator, text);
  g_string_append_c (text, '\n');
  if (length != NULL)
    *length = text->len;
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* ---- reading ---- */

/* Sets @error to "Could not open “file”: reason" (or without a file name). */
G_GNUC_PRINTF (4, 5)
static void
set_open_error (GError     **error,
                int          code,
                const char  *display,
                const char  *format,
                ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  if (display != NULL)
    g_set_error (error, GA_ERROR, code, _("Could not open “%s”: %s"), display, reason);
  else
    g_set_error (error, GA_ERROR, code, _("Could not read the project: %s"), reason);
}



static gboolean
parse_color (const char *text,
             guint      *rgb)
{
  char *end = NULL;
  guint64 value;

  if (text == NULL || text[0] != '#' || strlen (text) != 7)
    return FALSE;
  value = g_ascii_strtoull (text + 1, &end, 16);
  if (end == NULL || *end != '\0')
    return FALSE;
  *rgb = (guint) value;
  return TRUE;
}

static gboolean
is_known_member (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_members); i++)
    if (strcmp (name, known_members[i]) == 0)
      return TRUE;
  return FALSE;
}

/* A JSON syntax error as "line L, column C: reason". json-glib reports it only in the
 * message, as "<data>:L:C: Parse error: reason". */
static char *
describe_parse_error (const GError *error)
{
  g_autoptr(GRegex) regex = g_regex_new (":([0-9]+):([0-9]+): *(.*)$", G_REGEX_DOTALL, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (regex != NULL && g_regex_match (regex, error->message, 0, &match))
    {
      g_autofree char *line = g_match_info_fetch (match, 1);
      g_autofree char *column = g_match_info_fetch (match, 2);
      g_autofree char *reason = g_match_info_fetch (match, 3);
      /* Without json-glib's "Parse error: " prefix. */
      const char *colon = strstr (reason, ": ");

      /* Translators: where a JSON syntax error is in a project file, and json-glib's
       * explanation, e.g. "line 4, column 15: unexpected string constant". */
      return g_strdup_printf (_("line %s, column %s: %s"), line, column,
                              colon != NULL ? colon + 2 : reason);
    }
  return g_strdup (error->message);
}

static gboolean
read_layers (GaProject   *self,
             JsonArray   *array,
             const char  *base_dir,
             const char  *display,
             GError     **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(GaProjectLayer) layer = ga_project_layer_new ();
      JsonObject *object;
      JsonNode *member;
      const char *path;
      const char *id;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          set_open_error (error, GA_ERROR_CORRUPT, display,
                          _("layer %u is not a JSON object"), i + 1);
          return FALSE;
        }
      object = json_node_get_object (node);

      path = ga_json_get_string (object, "path");
      if (path == NULL || *path == '\0')
        {
          set_open_error (error, GA_ERROR_CORRUPT, display,
                          _("layer %u has no file path"), i + 1);
          return FALSE;
        }
      layer->path = absolute_path (path, base_dir);
      layer->name = g_strdup (ga_json_get_string (object, "name"));
      if (layer->name == NULL)
        layer->name = g_path_get_basename (layer->path);
      layer->source_layer = g_strdup (ga_json_get_string (object, "source-layer"));
      layer->encoding = g_strdup (ga_json_get_string (object, "encoding"));
      layer->crs = g_strdup (ga_json_get_string (object, "crs"));

      id = ga_json_get_string (object, "id");
      if (id != NULL && *id != '\0')
        layer->id = g_strdup (id);
      else
        layer->id = g_strdup_printf ("layer-%u", i + 1);
      if (g_hash_table_contains (ids, layer->id))
        {
          set_open_error (error, GA_ERROR_CORRUPT, display,
                          _("two layers have the same id “%s”"), layer->id);
          return FALSE;
        }

      member = json_object_get_member (object, "visible");
      if (member != NULL && JSON_NODE_HOLDS_VALUE (member)
          && json_node_get_value_type (member) == G_TYPE_BOOLEAN)
        layer->visible = json_node_get_boolean (member);
      if (ga_json_get_number (json_object_get_member (object, "opacity"), &layer->opacity))
        layer->opacity = CLAMP (layer->opacity, 0.0, 1.0);
      else
        layer->opacity = 1.0;
      if (json_object_has_member (object, "color")
          && !parse_color (ga_json_get_string (object, "color"), &layer->color))
        {
          set_open_error (error, GA_ERROR_CORRUPT, display,
                          _("the colour of layer “%s” is not written as #rrggbb"), layer->name);
          return FALSE;
        }
      member = json_object_get_member (object, "style");
      if (member != NULL && JSON_NODE_HOLDS_OBJECT (member))
        layer->style = json_node_copy (member);

      g_hash_table_add (ids, layer->id);
      g_ptr_array_add (self->layers, g_steal_pointer (&layer));
    }
  return TRUE;
}

/* Builds a project from a parsed document. @display names the file in messages (NULL for
 * data). For an autosave copy, @autosave_of receives the "autosave-of" member and a
 * "autosave-read-only" reason makes the result read-only; a normal load ignores both. */
static GaProject *
project_from_document (JsonNode    *root,
                       const char  *base_dir,
                       const char  *display,
                       char       **autosave_of,
                       GError     **error)
{
  g_autoptr(GaProject) self = NULL;
  JsonObject *object;
  JsonNode *member;
  const char *format;
  double version;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      set_open_error (error, GA_ERROR_UNSUPPORTED, display, _("it is not a Green Atlas project"));
      return NULL;
    }
  object = json_node_get_object (root);

  format = ga_json_get_string (object, "format");
  if (g_strcmp0 (format, FORMAT_NAME) != 0)
    {
      if (format != NULL)
        set_open_error (error, GA_ERROR_UNSUPPORTED, display,
                        _("it is not a Green Atlas project (its format is “%s”)"), format);
      else
        set_open_error (error, GA_ERROR_UNSUPPORTED, display,
                        _("it is not a Green Atlas project (it has no “format”)"));
      return NULL;
    }
  if (!ga_json_get_number (json_object_get_member (object, "version"), &version)
      || version < 1 || version != floor (version) || version > G_MAXINT)
    {
      set_open_error (error, GA_ERROR_CORRUPT, display,
                      _("its format version is missing or not a whole number"));
      return NULL;
    }

  self = ga_project_new ();
  if (version > GA_PROJECT_FORMAT_VERSION)
    {
      self->read_only = TRUE;
      if (display != NULL)
        /* Translators: %d is the format version number of the file. */
        self->read_only_reason =
          g_strdup_printf (_("“%s” was saved by a newer version of Green Atlas (format %d); "
                             "it is open read-only. Use Save As to keep your changes in a new "
                             "file."), display, (int) version);
      else
        self->read_only_reason =
          g_strdup_printf (_("This project was saved by a newer version of Green Atlas "
                             "(format %d); it is open read-only. Use Save As to keep your "
                             "changes in a new file."), (int) version);
    }

  ga_project_set_title (self, ga_json_get_string (object, "title"));
  ga_project_set_subtitle (self, ga_json_get_string (object, "subtitle"));
  ga_project_set_notes (self, ga_json_get_string (object, "notes"));
  ga_project_set_basemap (self, ga_json_get_string (object, "basemap"));

  member = json_object_get_member (object, "view");
  if (member != NULL && JSON_NODE_HOLDS_OBJECT (member))
    {
      JsonObject *view = json_node_get_object (member);
      JsonNode *center = json_object_get_member (view, "center");
      double lon, lat, zoom;

      if (center != NULL && JSON_NODE_HOLDS_ARRAY (center)
          && json_array_get_length (json_node_get_array (center)) == 2
          && ga_json_get_number (json_array_get_element (json_node_get_array (center), 0), &lon)
          && ga_json_get_number (json_array_get_element (json_node_get_array (center), 1), &lat)
          && ga_json_get_number (json_object_get_member (view, "zoom"), &zoom))
        ga_project_set_view (self, lon, lat, zoom);
    }

  member = json_object_get_member (object, "layers");
  if (member != NULL && JSON_NODE_HOLDS_ARRAY (member)
      && !read_layers (self, json_node_get_array (member), base_dir, display, error))
    return NULL;

  member = json_object_get_member (object, "slides");
  if (member != NULL && JSON_NODE_HOLDS_ARRAY (member))
    {
      JsonArray *array = json_node_get_array (member);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autoptr(GError) local = NULL;
          g_autoptr(GaSlide) slide = ga_slide_new_from_json (json_array_get_element (array, i),
                                                             &local);

          if (slide == NULL)
            {
              set_open_error (error, GA_ERROR_CORRUPT, display, _("slide %u: %s"), i + 1,
                              local->message);
              return NULL;
            }
          g_list_store_append (self->slides, slide);
        }
    }

  {
    g_autoptr(GList) names = json_object_get_members (object);

    for (GList *l = names; l != NULL; l = l->next)
      if (!is_known_member (l->data))
        {
          if (self->extra == NULL)
            self->extra = json_object_new ();
          json_object_set_member (self->extra, l->data,
                                  json_node_copy (json_object_get_member (object, l->data)));
        }
  }

  if (autosave_of != NULL)
    {
      const char *reason = ga_json_get_string (object, READ_ONLY_MEMBER);

      *autosave_of = g_strdup (ga_json_get_string (object, AUTOSAVE_MEMBER));
      if (reason != NULL && !self->read_only)
        {
          self->read_only = TRUE;
          self->read_only_reason = g_strdup (reason);
        }
    }

  return g_steal_pointer (&self);
}

static GaProject *
project_from_data (const char  *data,
                   gssize       length,
                   const char  *base_dir,
                   const char  *display,
                   char       **autosave_of,
                   GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;

  if (!json_parser_load_from_data (parser, data, length, &local))
    {
      g_autofree char *where = describe_parse_error (local);

      set_open_error (error, GA_ERROR_CORRUPT, display, _("it is not valid JSON (%s)"), where);
      return NULL;
    }
  return project_from_document (json_parser_get_root (parser), base_dir, display, autosave_of,
                                error);
}

static GaProject *
project_from_file (const char  *path,
                   char       **autosave_of,
                   GError     **error)
{
  g_autofree char *display = display_name (path);
  g_autofree char *absolute = absolute_path (path, NULL);
  g_autofree char *base_dir = g_path_get_dirname (absolute);
  g_autofree char *data = NULL;
  g_autoptr(GError) local = NULL;
  gsize length;
  GaProject *self;

  if (!g_file_get_contents (absolute, &data, &length, &local))
    {
      if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        set_open_error (error, GA_ERROR_NOT_FOUND, display, _("the file does not exist"));
      else
        set_open_error (error, GA_ERROR_FAILED, display, "%s", local->message);
      return NULL;
    }
  self = project_from_data (data, length, base_dir, display, autosave_of, error);
  if (self != NULL)
    self->path = g_steal_pointer (&absolute);
  return self;
}

/* ---- GObject ---- */

static void
ga_project_finalize (GObject *object)
{
  GaProject *self = GA_PROJECT (object);

  g_free (self->path);
  g_free (self->read_only_reason);
  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->notes);
  g_free (self->basemap);
  g_clear_pointer (&self->layers, g_ptr_array_unref);
  g_clear_object (&self->slides);
  g_clear_pointer (&self->extra, json_object_unref);

  G_OBJECT_CLASS (ga_project_parent_class)->finalize (object);
}

static void
ga_project_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  GaProject *self = GA_PROJECT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;
    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;
    case PROP_BASEMAP:
      g_value_set_string (value, self->basemap);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ga_project_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  GaProject *self = GA_PROJECT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      ga_project_set_title (self, g_value_get_string (value));
      break;
    case PROP_SUBTITLE:
      ga_project_set_subtitle (self, g_value_get_string (value));
      break;
    case PROP_NOTES:
      ga_project_set_notes (self, g_value_get_string (value));
      break;
    case PROP_BASEMAP:
      ga_project_set_basemap (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ga_project_class_init (GaProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ga_project_finalize;
  object_class->get_property = ga_project_get_property;
  object_class->set_property = ga_project_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BASEMAP] =
    g_param_spec_string ("basemap", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ga_project_init (GaProject *self)
{
  self->title = g_strdup ("");
  self->subtitle = g_strdup ("");
  self->notes = g_strdup ("");
  self->layers = g_ptr_array_new_with_free_func ((GDestroyNotify) ga_project_layer_free);
  self->slides = g_list_store_new (GA_TYPE_SLIDE);
}

/* ---- public API ---- */

GaProject *
ga_project_new (void)
{
  return g_object_new (GA_TYPE_PROJECT, NULL);
}

GaProject *
ga_project_load (const char  *path,
                 GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return project_from_file (path, NULL, error);
}

GaProject *
ga_project_new_from_data (const char  *data,
                          gssize       length,
                          const char  *base_dir,
                          GError     **error)
{
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return project_from_data (data, length, base_dir, NULL, NULL, error);
}

char *
ga_project_to_data (GaProject  *self,
                    const char *base_dir,
                    gsize      *length)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (GA_IS_PROJECT (self), NULL);

  root = build_document (self, base_dir, FALSE);
  return document_to_data (root, length);
}

gboolean
ga_project_save (GaProject   *self,
                 const char  *path,
                 GError     **error)
{
  g_autofree char *absolute = NULL;
  g_autofree char *base_dir = NULL;
  g_autofree char *display = NULL;
  g_autofree char *data = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local = NULL;
  gsize length;

  g_return_val_if_fail (GA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  absolute = absolute_path (path, NULL);
  base_dir = g_path_get_dirname (absolute);
  display = display_name (absolute);

  if (self->read_only && self->path != NULL)
    {
      g_autoptr(GFile) target = g_file_new_for_path (absolute);
      g_autoptr(GFile) own = g_file_new_for_path (self->path);

      if (g_file_equal (target, own))
        {
          g_set_error (error, GA_ERROR, GA_ERROR_IO,
                       _("Could not save “%s”: it was saved by a newer version of Green Atlas "
                         "and is open read-only. Use Save As to keep your changes in a new "
                         "file."), display);
          return FALSE;
        }
    }

  root = build_document (self, base_dir, FALSE);
  data = document_to_data (root, &length);
  if (!write_atomically (absolute, data, length, &local))
    {
      g_set_error (error, GA_ERROR, GA_ERROR_IO, _("Could not save “%s”: %s"), display,
                   local->message);
      return FALSE;
    }

  g_free (self->path);
  self->path = g_steal_pointer (&absolute);
  self->read_only = FALSE;
  g_clear_pointer (&self->read_only_reason, g_free);
  return TRUE;
}

const char *
ga_project_get_path (GaProject *self)
{
  g_return_val_if_fail (GA_IS_PROJECT (self), NULL);
  return self->path;
}

gboolean
ga_project_get_read_only (GaProject *self)
{
  g_return_val_if_fail (GA_IS_PROJECT (self), FALSE);
  return self->read_only;
}

const char *
ga_project_get_read_only_reason (GaProject *self)
{
  g_return_val_if_fail (GA_IS_PROJECT (self), NULL);
  return self->read_only_reason;
}

static void
set_string_property (GaProject   *self,
                     char       **field,
                     const char  *value,
                     gboolean     nullable,
                     guint        prop)
{
  if (value == NULL && !nullable)
    value = "";
  if (value != NULL && *value == '\0' && nullable)
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

const char *
ga_project_get_title (GaProject *self)
{
  g_return_val_if_fail (GA_IS_PROJECT (self), NULL);
  return self->title;
}

void
ga_project_set_title (GaProject  *self,
                      const char *title)
{
  g_return_if_fail (GA_IS_PROJECT (self));
  set_string_property (self, &self->title, title, FALSE, PROP_TITLE);
}

const char *
ga_project_get_subtitle (GaProject *self)
{
  g_return_val_if_fail (GA_IS_PROJECT (self), NULL);
  return self->subtitle;
}

void
ga_project_set_subtitle (GaProject  *self,
                         const char *subtitle)
{
  g_return_if_fail (GA_IS_PROJECT (self));
  set_string_property (self, &self->subtitle, subtitle, FALSE, PROP_SUBTITLE);
}

const char *
ga_project_get_notes (GaProject *self)
{
  g_return_val_if_fail (GA_IS_PROJECT (self), NULL);
  return self->notes;
}

void
ga_project_set_notes (GaProject  *self,
                      const char *notes)
{
  g_return_if_fail (GA_IS_PROJECT (self));
  set_string_property (self, &self->notes, notes, FALSE, PROP_NOTES);
}

const char *
ga_project_get_basemap (GaProject *self)
{
  g_return_val_if_fail (GA_IS_PROJECT (self), NULL);
  return self->basemap;
}

void
ga_project_set_basemap (GaProject  *self,
                        const char *key)
{
  g_return_if_fail (GA_IS_PROJECT (self));
  set_string_property (self, &self->basemap, key, TRUE, PROP_BASEMAP);
}

gboolean
ga_project_get_view (GaProject *self,
                     double    *lon,
                     double    *lat,
                     double    *zoom)
{
  g_return_val_if_fail (GA_IS_PROJECT (self), FALSE);

  if (lon != NULL)
    *lon = self->lon;
  if (lat != NULL)
    *lat = self->lat;
  if (zoom != NULL)
    *zoom = self->zoom;
  return self->has_view;
}

void
ga_project_set_view (GaProject *self,
                     double     lon,
                     double     lat,
                     double     zoom)
{
  g_return_if_fail (GA_IS_PROJECT (self));

  self->has_view = TRUE;
  self->lon = lon;
  self->lat = lat;
  self->zoom = zoom;
}

GPtrArray *
ga_project_get_layers (GaProject *self)
{
  g_return_val_if_fail (GA_IS_PROJECT (self), NULL);
  return self->layers;
}

static GaProjectLayer *
find_project_layer (GPtrArray  *layers,
                    const char *id)
{
  for (guint i = 0; i < layers->len; i++)
    {
      GaProjectLayer *layer = g_ptr_array_index (layers, i);

      if (g_strcmp0 (layer->id, id) == 0)
        return layer;
    }
  return NULL;
}

void
ga_project_set_layers_from_store (GaProject    *self,
                                  GaLayerStore *store,
                                  GHashTable   *styles)
{
  g_autoptr(GPtrArray) layers = NULL;
  guint n;

  g_return_if_fail (GA_IS_PROJECT (self));
  g_return_if_fail (GA_IS_LAYER_STORE (store));

  layers = g_ptr_array_new_with_free_func ((GDestroyNotify) ga_project_layer_free);
  n = ga_layer_store_get_n_layers (store);
  for (guint i = 0; i < n; i++)
    {
      GaLayer *layer = ga_layer_store_get (store, i);
      const char *id = ga_layer_get_id (layer);
      GaProjectLayer *previous = find_project_layer (self->layers, id);
      GaProjectLayer *entry;
      GaStyle *style;

      if (ga_layer_get_path (layer) == NULL && ga_layer_get_missing (layer) == NULL)
        {
          /* Not read from a file (nothing to reopen it from): it cannot be saved. */
          g_debug ("Layer “%s” has no file; it is left out of the project", id);
          continue;
        }
      if (ga_layer_get_missing (layer) != NULL && previous != NULL)
        {
          /* No data to describe it: keep what the project said, with the new display state. */
          entry = project_layer_copy (previous);
        }
      else
        {
          const char *path = ga_layer_get_path (layer);

          entry = ga_project_layer_new ();
          entry->id = g_strdup (id);
          entry->name = g_strdup (ga_layer_get_name (layer));
          entry->path = path != NULL ? absolute_path (path, NULL) : NULL;
          entry->source_layer = g_strdup (ga_layer_get_source_layer (layer));
          if (ga_layer_get_encoding_origin (layer) == GA_ENCODING_ORIGIN_OPTION)
            entry->encoding = g_strdup (ga_layer_get_encoding (layer));
          entry->crs = g_strdup (ga_layer_get_crs_override (layer));
          style = styles != NULL ? g_hash_table_lookup (styles, layer) : NULL;
          if (style != NULL)
            entry->style = ga_style_to_json (style);
        }
      entry->visible = ga_layer_get_visible (layer);
      entry->opacity = ga_layer_get_opacity (layer);
      entry->color = ga_layer_get_color (layer);
      g_ptr_array_add (layers, entry);
    }

  g_clear_pointer (&self->layers, g_ptr_array_unref);
  self->layers = g_steal_pointer (&layers);
}

GListModel *
ga_project_get_slides (GaProject *self)
{
  g_return_val_if_fail (GA_IS_PROJECT (self), NULL);
  return G_LIST_MODEL (self->slides);
}

GaSlide *
ga_project_get_slide (GaProject *self,
                      guint      index)
{
  GaSlide *slide;

  g_return_val_if_fail (GA_IS_PROJECT (self), NULL);

  /* The store keeps its reference: return a borrowed pointer. */
  slide = g_list_model_get_item (G_LIST_MODEL (self->slides), index);
  if (slide != NULL)
    g_object_unref (slide);
  return slide;
}

guint
ga_project_get_n_slides (GaProject *self)
{
  g_return_val_if_fail (GA_IS_PROJECT (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->slides));
}

/* ---- reading the data ---- */

typedef struct
{
  char      *path;
  char      *encoding;
  char      *crs;
  GArray    *entries;   /* guint indexes into the project's layers */
} FileGroup;

static void
file_group_free (FileGroup *group)
{
  g_free (group->path);
  g_free (group->encoding);
  g_free (group->crs);
  g_array_unref (group->entries);
  g_free (group);
}

typedef struct
{
  GaProgressFunc progress;
  gpointer       data;
  guint          index;
  guint          n;
} Progress;

static void
on_file_progress (double   fraction,
                  gpointer user_data)
{
  Progress *p = user_data;

  p->progress ((p->index + CLAMP (fraction, 0.0, 1.0)) / p->n, p->data);
}

static void
clear_layer (gpointer layer)
{
  if (layer != NULL)
    g_object_unref (layer);
}

static GaLayer *
make_placeholder (GaProjectLayer *entry,
                  const char     *message)
{
  g_autoptr(GaLayer) layer = ga_layer_new (entry->name);

  ga_layer_set_source (layer, entry->path, entry->source_layer);
  ga_layer_set_id (layer, entry->id);
  ga_layer_seal (layer);
  ga_layer_set_missing (layer, message);
  return g_steal_pointer (&layer);
}

static GaLayer *
pick_layer (GPtrArray      *loaded,
            GaProjectLayer *entry)
{
  if (loaded == NULL || loaded->len == 0)
    return NULL;
  if (entry->source_layer == NULL)
    return g_ptr_array_index (loaded, 0);
  for (guint i = 0; i < loaded->len; i++)
    {
      GaLayer *layer = g_ptr_array_index (loaded, i);

      if (g_strcmp0 (ga_layer_get_source_layer (layer), entry->source_layer) == 0)
        return layer;
    }
  if (loaded->len == 1)
    return g_ptr_array_index (loaded, 0);
  return NULL;
}

gboolean
ga_project_read_layers (GaProject      *self,
                        GaLayerStore   *store,
                        GHashTable     *styles,
                        GPtrArray      *warnings,
                        GCancellable   *cancellable,
                        GaProgressFunc  progress,
                        gpointer        progress_data,
                        GError        **error)
{
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GPtrArray) result = NULL;   /* GaLayer* per project layer */
  g_autoptr(GHashTable) used = NULL;
  guint n = self->layers->len;

  g_return_val_if_fail (GA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (GA_IS_LAYER_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* One read per file and set of reader options: a GeoPackage with lines and stops is
   * opened once for both entries. */
  groups = g_ptr_array_new_with_free_func ((GDestroyNotify) file_group_free);
  for (guint i = 0; i < n; i++)
    {
      GaProjectLayer *entry = g_ptr_array_index (self->layers, i);
      FileGroup *group = NULL;

      for (guint g = 0; g < groups->len && group == NULL; g++)
        {
          FileGroup *candidate = g_ptr_array_index (groups, g);

          if (g_strcmp0 (candidate->path, entry->path) == 0
              && g_strcmp0 (candidate->encoding, entry->encoding) == 0
              && g_strcmp0 (candidate->crs, entry->crs) == 0)
            group = candidate;
        }
      if (group == NULL)
        {
          group = g_new0 (FileGroup, 1);
          group->path = g_strdup (entry->path);
          group->encoding = g_strdup (entry->encoding);
          group->crs = g_strdup (entry->crs);
          group->entries = g_array_new (FALSE, FALSE, sizeof (guint));
          g_ptr_array_add (groups, group);
        }
      g_array_append_val (group->entries, i);
    }

  result = g_ptr_array_new_full (n, clear_layer);
  g_ptr_array_set_size (result, n);
  used = g_hash_table_new (NULL, NULL);

  for (guint g = 0; g < groups->len; g++)
    {
      FileGroup *group = g_ptr_array_index (groups, g);
      GaReaderOptions options = { group->crs, group->encoding };
      Progress p = { progress, progress_data, g, groups->len };
      g_autoptr(GPtrArray) loaded = NULL;
      g_autoptr(GError) local = NULL;
      g_autofree char *display = g_filename_display_name (group->path);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (progress != NULL)
        progress ((double) g / groups->len, progress_data);

      if (g_file_test (group->path, G_FILE_TEST_EXISTS))
        loaded = ga_reader_load (group->path, &options, cancellable,
                                 progress != NULL ? on_file_progress : NULL, &p, &local);
      if (loaded == NULL && g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      for (guint k = 0; k < group->entries->len; k++)
        {
          guint index = g_array_index (group->entries, guint, k);
          GaProjectLayer *entry = g_ptr_array_index (self->layers, index);
          GaLayer *layer = pick_layer (loaded, entry);
          g_autofree char *message = NULL;

          if (layer != NULL && g_hash_table_contains (used, layer))
            {
              /* The same data twice in the project (two styles of it): read it again so
               * each entry has its own layer. */
              g_autoptr(GPtrArray) again = ga_reader_load (group->path, &options, cancellable,
                                                           NULL, NULL, NULL);

              layer = pick_layer (again, entry);
              if (layer != NULL)
                g_ptr_array_add (loaded, g_object_ref (layer));
            }

          if (layer != NULL)
            {
              g_hash_table_add (used, layer);
              ga_layer_set_id (layer, entry->id);
              if (entry->name != NULL)
                ga_layer_set_name (layer, entry->name);
              g_ptr_array_index (result, index) = g_object_ref (layer);
              continue;
            }

          if (loaded == NULL && local == NULL)
            message = g_strdup_printf (_("The file “%s” of layer “%s” is missing. Put it back "
                                         "or open the project from its folder."),
                                       display, entry->name);
          else if (loaded == NULL)
            message = g_strdup_printf (_("The file “%s” of layer “%s” could not be read: %s"),
                                       display, entry->name, local->message);
          else if (entry->source_layer != NULL)
            message = g_strdup_printf (_("The file “%s” has no layer “%s” (layer “%s”)."),
                                       display, entry->source_layer, entry->name);
          else
            message = g_strdup_printf (_("The file “%s” of layer “%s” has no data."),
                                       display, entry->name);
          g_ptr_array_index (result, index) = make_placeholder (entry, message);
          if (warnings != NULL)
            g_ptr_array_add (warnings, g_steal_pointer (&message));
        }
    }

  /* The store adds on top: add the bottom layer first. */
  for (guint i = n; i-- > 0;)
    {
      GaProjectLayer *entry = g_ptr_array_index (self->layers, i);
      GaLayer *layer = g_ptr_array_index (result, i);
      g_autoptr(GaStyle) style = NULL;

      if (entry->style != NULL)
        {
          g_autoptr(GError) local = NULL;

          style = ga_style_new_from_json (entry->style, &local);
          if (style == NULL && ga_layer_get_missing (layer) == NULL)
            {
              g_autofree char *message =
                g_strdup_printf (_("The style of layer “%s” could not be read (%s); it is drawn "
                                   "with its default style."), entry->name, local->message);

              g_debug ("%s", message);
              if (warnings != NULL)
                g_ptr_array_add (warnings, g_steal_pointer (&message));
            }
        }
      if (style == NULL)
        style = ga_layer_get_missing (layer) != NULL ? ga_style_new ()
                                                     : ga_style_new_for_layer (layer);
      ga_style_prepare (style, layer);

      ga_layer_store_add (store, layer);
      ga_layer_set_color (layer, entry->color);
      ga_layer_set_visible (layer, entry->visible);
      ga_layer_set_opacity (layer, entry->opacity);
      if (styles != NULL)
        g_hash_table_insert (styles, g_object_ref (layer), g_steal_pointer (&style));
    }

  if (progress != NULL)
    progress (1.0, progress_data);
  return TRUE;
}

/* ---- autosave ---- */

static char *
autosave_dir (void)
{
  const char *dir = g_getenv ("GA_AUTOSAVE_DIR");

  if (dir != NULL && *dir != '\0')
    return g_strdup (dir);
  return g_build_filename (g_get_user_state_dir (), "green-atlas", "autosave", NULL);
}

/* The autosave name of an unsaved project of this process. */
static const char *
untitled_name (void)
{
  static char *name = NULL;

  if (g_once_init_enter (&name))
    {
      char *value = g_strdup_printf ("untitled-%d-%" G_GINT64_FORMAT GA_PROJECT_EXTENSION,
                                     (int) getpid (), g_get_real_time () / G_USEC_PER_SEC);

      g_once_init_leave (&name, value);
    }
  return name;
}

char *
ga_project_autosave_path (const char *project_path)
{
  g_autofree char *dir = autosave_dir ();
  g_autofree char *name = NULL;

  if (project_path != NULL)
    {
      g_autofree char *absolute = absolute_path (project_path, NULL);
      g_autofree char *checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, absolute, -1);
      g_autofree char *base = g_path_get_basename (absolute);

      if (g_str_has_suffix (base, GA_PROJECT_EXTENSION))
        base[strlen (base) - strlen (GA_PROJECT_EXTENSION)] = '\0';
      name = g_strdup_printf ("%s-%.16s" GA_PROJECT_EXTENSION, base, checksum);
    }
  else
    name = g_strdup (untitled_name ());
  return g_build_filename (dir, name, NULL);
}

gboolean
ga_project_autosave (GaProject  *self,
                     GError    **error)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *data = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local = NULL;
  gsize length;

  g_return_val_if_fail (GA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = ga_project_autosave_path (self->path);
  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, GA_ERROR, GA_ERROR_IO,
                   _("Could not create the autosave folder “%s”: %s"), display,
                   g_strerror (saved_errno));
      return FALSE;
    }

  /* Absolute paths: the copy does not live next to the project. */
  root = build_document (self, NULL, TRUE);
  data = document_to_data (root, &length);
  if (!write_atomically (path, data, length, &local))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, GA_ERROR, GA_ERROR_IO, _("Could not write the autosave copy “%s”: %s"),
                   display, local->message);
      return FALSE;
    }
  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GStrv
ga_project_list_autosaves (void)
{
  g_autofree char *dir_path = autosave_dir ();
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        if (name[0] == '.' || !g_str_has_suffix (name, GA_PROJECT_EXTENSION))
          continue;
        if (strcmp (name, untitled_name ()) == 0)
          continue;  /* this session's own copy */
        g_ptr_array_add (paths, g_build_filename (dir_path, name, NULL));
      }
  g_ptr_array_sort (paths, compare_strings);
  g_ptr_array_add (paths, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&paths), FALSE);
}

GaProject *
ga_project_load_autosave (const char  *autosave_path,
                          GError     **error)
{
  g_autofree char *original = NULL;
  GaProject *self;

  g_return_val_if_fail (autosave_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = project_from_file (autosave_path, &original, error);
  if (self == NULL)
    return NULL;
  g_free (self->path);
  self->path = g_steal_pointer (&original);
  return self;
}

void
ga_project_discard_autosave (const char *project_path)
{
  g_autofree char *path = ga_project_autosave_path (project_path);

  if (g_unlink (path) != 0 && errno != ENOENT)
    g_debug ("Could not remove the autosave copy %s: %s", path, g_strerror (errno));
}
