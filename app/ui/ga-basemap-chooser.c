/* ga-basemap-chooser.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The catalogue of basemaps and the popover menu that offers it.  Entries are rebuilt from
 * GaBasemap (built-ins), the bundled sample-city MBTiles, and two GSettings keys: the user's
 * files ("user-basemaps", paths) and custom XYZ sources ("custom-sources", JSON written by
 * ga_basemap_list_to_json()).  Items are radio items of the window's "basemap" action, so the
 * check mark always follows what the map shows.
 */
#define G_LOG_DOMAIN "ga-basemap-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "ga-basemap-chooser.h"

typedef enum
{
  GROUP_ONLINE,
  GROUP_CUSTOM,
  GROUP_BUNDLED,
  GROUP_USER,
  GROUP_NONE,
} Group;

typedef struct
{
  char      *key;
  GaBasemap *basemap;
  Group      group;
} Entry;

struct _GaBasemapChooser
{
  GtkWidget   parent_instance;

  GtkWidget  *button;
  GMenu      *menu;
  GSettings  *settings;
  GPtrArray  *entries;      /* Entry*, in menu order */
  char       *current;

  /* without GSettings */
  GPtrArray  *mem_paths;
  char       *mem_custom;
};

G_DEFINE_FINAL_TYPE (GaBasemapChooser, ga_basemap_chooser, GTK_TYPE_WIDGET)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->key);
  g_clear_object (&entry->basemap);
  g_free (entry);
}

static void
add_entry (GaBasemapChooser *self,
           const char       *key,
           GaBasemap        *basemap,
           Group             group)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->key = g_strdup (key);
  entry->basemap = g_object_ref (basemap);
  entry->group = group;
  g_ptr_array_add (self->entries, entry);
}

static Entry *
find_entry (GaBasemapChooser *self,
            const char       *key)
{
  for (guint i = 0; key && i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (g_str_equal (entry->key, key))
        return entry;
    }
  return NULL;
}

char *
ga_find_bundled_basemap (void)
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

/* Under tests (and for a private tile server) $GA_BASEMAP_URL replaces OpenStreetMap's URL. */
static GaBasemap *
maybe_override_osm (GaBasemap *basemap)
{
  const char *url = g_getenv ("GA_BASEMAP_URL");

  if (url == NULL || *url == '\0' || !g_str_equal (ga_basemap_get_id (basemap), "osm"))
    return g_object_ref (basemap);
  return ga_basemap_new_xyz ("osm", ga_basemap_get_name (basemap), url,
                             ga_basemap_get_attribution (basemap),
                             ga_basemap_get_min_zoom (basemap), ga_basemap_get_max_zoom (basemap),
                             ga_basemap_get_tile_size (basemap),
                             ga_basemap_get_max_bulk_tiles (basemap));
}

static GStrv
get_user_paths (GaBasemapChooser *self)
{
  GStrvBuilder *builder;

  if (self->settings)
    return g_settings_get_strv (self->settings, "user-basemaps");
  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->mem_paths->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->mem_paths, i));
  return g_strv_builder_end (builder);
}

static char *
get_custom_json (GaBasemapChooser *self)
{
  if (self->settings)
    return g_settings_get_string (self->settings, "custom-sources");
  return g_strdup (self->mem_custom);
}

static GMenuItem *
radio_item (const char *label,
            const char *key)
{
  GMenuItem *item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, "win.basemap", g_variant_new_string (key));
  return item;
}

static void
rebuild_menu (GaBasemapChooser *self)
{
  g_autoptr(GMenu) online = g_menu_new ();
  g_autoptr(GMenu) offline = g_menu_new ();
  g_autoptr(GMenu) none = g_menu_new ();
  g_autoptr(GMenu) manage = g_menu_new ();
  Entry *current = find_entry (self, self->current);

  g_menu_remove_all (self->menu);
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      g_autoptr(GMenuItem) item = NULL;
      GMenu *section;

      switch (entry->group)
        {
        case GROUP_ONLINE:
        case GROUP_CUSTOM:
          section = online;
          break;
        case GROUP_BUNDLED:
        case GROUP_USER:
          section = offline;
          break;
        case GROUP_NONE:
        default:
          section = none;
          break;
        }
      if (entry->group == GROUP_NONE)
        item = radio_item (_("No Basemap"), entry->key);
      else if (entry->group == GROUP_BUNDLED)
        /* The file's own name is technical; say what it is. */
        item = radio_item (_("Sample city (offline)"), entry->key);
      else
        item = radio_item (ga_basemap_get_name (entry->basemap), entry->key);
      g_menu_append_item (section, item);
    }

  /* Translators: heading of the basemap menu section listing web tile servers */
  g_menu_append_section (self->menu, _("Online"), G_MENU_MODEL (online));
  if (g_menu_model_get_n_items (G_MENU_MODEL (offline)) > 0)
    /* Translators: heading of the basemap menu section listing MBTiles files and folders */
    g_menu_append_section (self->menu, _("Offline"), G_MENU_MODEL (offline));
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (none));

  g_menu_append (manage, _("Add MBTiles File…"), "win.add-basemap-file");
  g_menu_append (manage, _("Add Tile Folder…"), "win.add-basemap-folder");
  g_menu_append (manage, _("Add Custom Source…"), "win.add-custom-source");
  g_menu_append (manage, _("Save Area for Offline Use…"), "win.save-offline-pack");
  if (current && (current->group == GROUP_USER || current->group == GROUP_CUSTOM))
    {
      /* Translators: %s is a basemap name */
      g_autofree char *label = g_strdup_printf (_("Remove “%s” from List"),
                                                ga_basemap_get_name (current->basemap));
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (item, "win.remove-basemap",
                                               g_variant_new_string (current->key));
      g_menu_append_item (manage, item);
    }
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (manage));
}

static void
reload (GaBasemapChooser *self)
{
  g_autoptr(GPtrArray) builtins = ga_basemap_get_builtins ();
  g_autofree char *bundled = ga_find_bundled_basemap ();
  g_auto(GStrv) paths = get_user_paths (self);
  g_autofree char *json = get_custom_json (self);
  g_autoptr(GPtrArray) custom = NULL;
  GaBasemap *none = NULL;

  g_ptr_array_set_size (self->entries, 0);

  for (guint i = 0; i < builtins->len; i++)
    {
      g_autoptr(GaBasemap) basemap = maybe_override_osm (g_ptr_array_index (builtins, i));

      if (ga_basemap_get_kind (basemap) == GA_BASEMAP_NONE)
        none = g_ptr_array_index (builtins, i);
      else
        add_entry (self, ga_basemap_get_id (basemap), basemap, GROUP_ONLINE);
    }

  custom = json && *json ? ga_basemap_list_from_json (json) : NULL;
  for (guint i = 0; custom && i < custom->len; i++)
    {
      GaBasemap *basemap = g_ptr_array_index (custom, i);

      if (find_entry (self, ga_basemap_get_id (basemap)) == NULL)
        add_entry (self, ga_basemap_get_id (basemap), basemap, GROUP_CUSTOM);
    }

  if (bundled)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GaBasemap) file = ga_basemap_new_mbtiles (bundled, &error);

      if (file)
        add_entry (self, GA_BASEMAP_KEY_BUNDLED, file, GROUP_BUNDLED);
      else
        g_debug ("Bundled basemap %s: %s", bundled, error->message);
    }

  for (guint i = 0; paths && paths[i]; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GaBasemap) basemap = NULL;

      if (g_file_test (paths[i], G_FILE_TEST_IS_DIR))
        basemap = ga_basemap_new_folder (paths[i], &error);
      else
        basemap = ga_basemap_new_mbtiles (paths[i], &error);
      /* A file on a drive that is not plugged in stays in the settings for next time. */
      if (basemap == NULL)
        {
          g_debug ("Skipping basemap %s: %s", paths[i], error->message);
          continue;
        }
      if (find_entry (self, ga_basemap_get_id (basemap)) == NULL)
        add_entry (self, ga_basemap_get_id (basemap), basemap, GROUP_USER);
    }

  if (none)
    add_entry (self, ga_basemap_get_id (none), none, GROUP_NONE);

  rebuild_menu (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_settings_changed_cb (GSettings        *settings,
                        const char       *key,
                        GaBasemapChooser *self)
{
  reload (self);
}

static void
ga_basemap_chooser_dispose (GObject *object)
{
  GaBasemapChooser *self = GA_BASEMAP_CHOOSER (object);

  if (self->settings)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->button, gtk_widget_unparent);
  g_clear_object (&self->menu);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->mem_paths, g_ptr_array_unref);
  G_OBJECT_CLASS (ga_basemap_chooser_parent_class)->dispose (object);
}

static void
ga_basemap_chooser_finalize (GObject *object)
{
  GaBasemapChooser *self = GA_BASEMAP_CHOOSER (object);

  g_free (self->current);
  g_free (self->mem_custom);
  G_OBJECT_CLASS (ga_basemap_chooser_parent_class)->finalize (object);
}

static void
ga_basemap_chooser_class_init (GaBasemapChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ga_basemap_chooser_dispose;
  object_class->finalize = ga_basemap_chooser_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ga_basemap_chooser_init (GaBasemapChooser *self)
{
  self->entries = g_ptr_array_new_with_free_func (entry_free);
  self->mem_paths = g_ptr_array_new_with_free_func (g_free);
  self->menu = g_menu_new ();

  self->button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->button), "ga-basemap-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->button), G_MENU_MODEL (self->menu));
  gtk_widget_set_tooltip_text (self->button, _("Basemap"));
  gtk_widget_set_parent (self->button, GTK_WIDGET (self));

  reload (self);
}

GtkWidget *
ga_basemap_chooser_new (void)
{
  return g_object_new (GA_TYPE_BASEMAP_CHOOSER, NULL);
}

void
ga_basemap_chooser_set_settings (GaBasemapChooser *self,
                                 GSettings        *settings)
{
  g_return_if_fail (GA_IS_BASEMAP_CHOOSER (self));

  if (self->settings)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_set_object (&self->settings, settings);
  if (settings)
    {
      g_signal_connect (settings, "changed::user-basemaps", G_CALLBACK (on_settings_changed_cb),
                        self);
      g_signal_connect (settings, "changed::custom-sources", G_CALLBACK (on_settings_changed_cb),
                        self);
    }
  reload (self);
}

GaBasemap *
ga_basemap_chooser_lookup (GaBasemapChooser *self,
                           const char       *key)
{
  Entry *entry;

  g_return_val_if_fail (GA_IS_BASEMAP_CHOOSER (self), NULL);

  entry = find_entry (self, key);
  return entry ? entry->basemap : NULL;
}

GStrv
ga_basemap_chooser_dup_keys (GaBasemapChooser *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (GA_IS_BASEMAP_CHOOSER (self), NULL);

  for (guint i = 0; i < self->entries->len; i++)
    g_strv_builder_add (builder, ((Entry *) g_ptr_array_index (self->entries, i))->key);
  return g_strv_builder_end (builder);
}

void
ga_basemap_chooser_set_current (GaBasemapChooser *self,
                                const char       *key)
{
  g_return_if_fail (GA_IS_BASEMAP_CHOOSER (self));

  if (g_strcmp0 (self->current, key) == 0)
    return;
  g_free (self->current);
  self->current = g_strdup (key);
  rebuild_menu (self);
}

char *
ga_basemap_chooser_add_file (GaBasemapChooser  *self,
                             const char        *path,
                             GError           **error)
{
  g_autoptr(GaBasemap) basemap = NULL;
  g_auto(GStrv) paths = NULL;

  g_return_val_if_fail (GA_IS_BASEMAP_CHOOSER (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    basemap = ga_basemap_new_folder (path, error);
  else
    basemap = ga_basemap_new_mbtiles (path, error);
  if (basemap == NULL)
    return NULL;

  paths = get_user_paths (self);
  if (!g_strv_contains ((const char * const *) paths, path))
    {
      if (self->settings)
        {
          g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
          g_auto(GStrv) updated = NULL;

          g_strv_builder_addv (builder, (const char **) paths);
          g_strv_builder_add (builder, path);
          updated = g_strv_builder_end (builder);
          g_settings_set_strv (self->settings, "user-basemaps",
                               (const char * const *) updated);
        }
      else
        g_ptr_array_add (self->mem_paths, g_strdup (path));
    }
  reload (self);
  return g_strdup (ga_basemap_get_id (basemap));
}

static void
save_custom (GaBasemapChooser *self,
             GPtrArray        *list)
{
  g_autofree char *json = ga_basemap_list_to_json (list);

  if (self->settings)
    g_settings_set_string (self->settings, "custom-sources", json);
  else
    {
      g_free (self->mem_custom);
      self->mem_custom = g_steal_pointer (&json);
    }
}

static GPtrArray *
load_custom (GaBasemapChooser *self)
{
  g_autofree char *json = get_custom_json (self);
  GPtrArray *list = json && *json ? ga_basemap_list_from_json (json) : NULL;

  return list ? list : g_ptr_array_new_with_free_func (g_object_unref);
}

char *
ga_basemap_chooser_add_custom (GaBasemapChooser *self,
                               GaBasemap        *basemap)
{
  g_autoptr(GPtrArray) list = NULL;
  guint i;

  g_return_val_if_fail (GA_IS_BASEMAP_CHOOSER (self), NULL);
  g_return_val_if_fail (GA_IS_BASEMAP (basemap), NULL);
  g_return_val_if_fail (ga_basemap_get_kind (basemap) == GA_BASEMAP_XYZ, NULL);

  list = load_custom (self);
  for (i = 0; i < list->len; i++)
    if (g_str_equal (ga_basemap_get_id (g_ptr_array_index (list, i)), ga_basemap_get_id (basemap)))
      break;
  if (i < list->len)
    g_ptr_array_remove_index (list, i);
  g_ptr_array_add (list, g_object_ref (basemap));
  save_custom (self, list);
  reload (self);
  return g_strdup (ga_basemap_get_id (basemap));
}

gboolean
ga_basemap_chooser_remove (GaBasemapChooser *self,
                           const char       *key)
{
  Entry *entry;

  g_return_val_if_fail (GA_IS_BASEMAP_CHOOSER (self), FALSE);

  entry = find_entry (self, key);
  if (entry == NULL)
    return FALSE;

  if (entry->group == GROUP_CUSTOM)
    {
      g_autoptr(GPtrArray) list = load_custom (self);

      for (guint i = 0; i < list->len; i++)
        if (g_str_equal (ga_basemap_get_id (g_ptr_array_index (list, i)), key))
          {
            g_ptr_array_remove_index (list, i);
            break;
          }
      save_custom (self, list);
    }
  else if (entry->group == GROUP_USER)
    {
      const char *path = ga_basemap_get_location (entry->basemap);
      g_auto(GStrv) paths = get_user_paths (self);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      for (guint i = 0; paths[i]; i++)
        if (!g_str_equal (paths[i], path))
          g_strv_builder_add (builder, paths[i]);
      if (self->settings)
        {
          g_auto(GStrv) updated = g_strv_builder_end (builder);

          g_settings_set_strv (self->settings, "user-basemaps", (const char * const *) updated);
        }
      else
        {
          for (guint i = 0; i < self->mem_paths->len; i++)
            if (g_str_equal (g_ptr_array_index (self->mem_paths, i), path))
              {
                g_ptr_array_remove_index (self->mem_paths, i);
                break;
              }
        }
    }
  else
    return FALSE;

  reload (self);
  return TRUE;
}

GtkMenuButton *
ga_basemap_chooser_get_button (GaBasemapChooser *self)
{
  g_return_val_if_fail (GA_IS_BASEMAP_CHOOSER (self), NULL);
  return GTK_MENU_BUTTON (self->button);
}
