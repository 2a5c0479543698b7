/* ga-project.h — a Green Atlas project (.greenatlas): layers, styles, view, slides
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The document a planner saves: which data files (paths stored relative to the project
 * file), with which encoding and CRS overrides, in which order, visible or not, drawn with
 * which style (including its filter); the basemap, the current view, the slides, a title,
 * a subtitle and notes. Versioned JSON (see docs in ga-project.c). GTK-free.
 *
 * Saving is atomic: the document is written to a temporary file next to the target,
 * flushed to disk, and renamed over it, so a crash or a full disk during the save leaves
 * the previous file as it was. Autosave copies live in the user's state folder and are
 * offered at the next start.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "ga-layer-store.h"
#include "ga-reader.h"
#include "ga-slide.h"

G_BEGIN_DECLS

#define GA_PROJECT_FORMAT_VERSION 1
#define GA_PROJECT_EXTENSION      ".greenatlas"
#define GA_PROJECT_MIME_TYPE      "application/x-greenatlas"

/* One data layer of the project, in draw order (top first, as in GaLayerStore). */
typedef struct
{
  char     *id;            /* unique in the project; slides refer to it */
  char     *name;          /* shown in the layers panel */
  char     *path;          /* ABSOLUTE path (resolved against the project file on load) */
  char     *source_layer;  /* the GDAL layer inside a multi-layer file; NULL = the only one */
  char     *encoding;      /* user's encoding override, NULL = automatic */
  char     *crs;           /* user's CRS override ("EPSG:32647", WKT), NULL = the file's */
  gboolean  visible;
  double    opacity;       /* 0..1 */
  guint     color;         /* 0xRRGGBB, the layer's base colour */
  JsonNode *style;         /* ga_style_to_json(), or NULL for the default style */
} GaProjectLayer;

GaProjectLayer *ga_project_layer_new  (void);
void            ga_project_layer_free (GaProjectLayer *layer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GaProjectLayer, ga_project_layer_free)

#define GA_TYPE_PROJECT (ga_project_get_type ())
G_DECLARE_FINAL_TYPE (GaProject, ga_project, GA, PROJECT, GObject)

GaProject    *ga_project_new              (void);

/* Opens a project file. Malformed JSON or a file that is not a project fails with a
 * GA_ERROR naming the file (and the line for JSON errors). A project saved by a NEWER
 * format version opens read-only (ga_project_get_read_only()) with
 * ga_project_get_read_only_reason() set; unknown members are kept when saving a copy. */
GaProject    *ga_project_load             (const char     *path,
                                           GError        **error);
/* Parses a document; @base_dir resolves relative paths. */
GaProject    *ga_project_new_from_data    (const char     *data,
                                           gssize          length,
                                           const char     *base_dir,
                                           GError        **error);
/* Writes the document atomically to @path (relative paths computed against its folder) and
 * makes @path the project's path. Fails, leaving any previous file intact, on a write
 * error or for a read-only project saved over its own file. */
gboolean      ga_project_save             (GaProject      *self,
                                           const char     *path,
                                           GError        **error);
/* The document as pretty JSON with paths relative to @base_dir (NULL: absolute). */
char         *ga_project_to_data          (GaProject      *self,
                                           const char     *base_dir,
                                           gsize          *length);

/* The file it was loaded from or last saved to; NULL for a new project. */
const char   *ga_project_get_path         (GaProject      *self);
gboolean      ga_project_get_read_only    (GaProject      *self);
const char   *ga_project_get_read_only_reason (GaProject  *self);

/* "title", "subtitle", "notes", "basemap" are GObject properties. */
const char   *ga_project_get_title        (GaProject      *self);
void          ga_project_set_title        (GaProject      *self,
                                           const char     *title);
const char   *ga_project_get_subtitle     (GaProject      *self);
void          ga_project_set_subtitle     (GaProject      *self,
                                           const char     *subtitle);
const char   *ga_project_get_notes        (GaProject      *self);
void          ga_project_set_notes        (GaProject      *self,
                                           const char     *notes);
const char   *ga_project_get_basemap      (GaProject      *self);  /* chooser key, NULL */
void          ga_project_set_basemap      (GaProject      *self,
                                           const char     *key);

/* The current view: centre in degrees and zoom. FALSE if none was saved. */
gboolean      ga_project_get_view         (GaProject      *self,
                                           double         *lon,
                                           double         *lat,
                                           double         *zoom);
void          ga_project_set_view         (GaProject      *self,
                                           double          lon,
                                           double          lat,
                                           double          zoom);

/* Layers, top first (GaProjectLayer*, owned by the project). */
GPtrArray    *ga_project_get_layers       (GaProject      *self);
/* Replaces the layer list with the state of @store (order, visibility, opacity, colour,
 * source, overrides, id) and @styles (GaLayer* → GaStyle*; a layer without one gets NULL).
 * Missing (placeholder) layers keep their path and their last saved style. */
void          ga_project_set_layers_from_store (GaProject    *self,
                                           GaLayerStore   *store,
                                           GHashTable     *styles);

/* Slides: a GListStore of GaSlide, in show order. The slides panel binds to it. */
GListModel   *ga_project_get_slides       (GaProject      *self);
GaSlide      *ga_project_get_slide        (GaProject      *self,
                                           guint           index);
guint         ga_project_get_n_slides     (GaProject      *self);

/* Reads every layer's file (synchronously: call it in a worker or a command-line tool),
 * in draw order, into @store, each GaLayer with the entry's id, name, visibility, opacity
 * and colour, and its style (a new GaStyle, prepared) in @styles (GaLayer* → GaStyle*,
 * both referenced). A file that cannot be read becomes a placeholder layer with
 * ga_layer_set_missing() set to the reason naming the file; its message is also appended
 * to @warnings (if non-NULL). Fails only when cancelled. */
gboolean      ga_project_read_layers      (GaProject      *self,
                                           GaLayerStore   *store,
                                           GHashTable     *styles,
                                           GPtrArray      *warnings,
                                           GCancellable   *cancellable,
                                           GaProgressFunc  progress,
                                           gpointer        progress_data,
                                           GError        **error);

/* Autosave. The copy for @project_path (NULL: an unsaved project) lives in
 * $XDG_STATE_HOME/green-atlas/autosave/ (GA_AUTOSAVE_DIR overrides, for tests); writing
 * it is atomic too, and it records the project's own path so recovery can offer it. */
char         *ga_project_autosave_path    (const char     *project_path);
gboolean      ga_project_autosave         (GaProject      *self,
                                           GError        **error);
/* Autosave copies left behind by a session that did not end cleanly (full paths). */
GStrv         ga_project_list_autosaves   (void);
/* Loads an autosave copy; the result has the original project's path (or NULL) and is
 * marked modified by the caller. */
GaProject    *ga_project_load_autosave    (const char     *autosave_path,
                                           GError        **error);
void          ga_project_discard_autosave (const char     *project_path);

G_END_DECLS
