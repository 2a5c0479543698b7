/* ga-basemap-chooser.h — the basemap menu button and the list of basemaps it offers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ga-basemap.h"

G_BEGIN_DECLS

/* The key of the bundled offline basemap (the sample city). */
#define GA_BASEMAP_KEY_BUNDLED "sample-city"

#define GA_TYPE_BASEMAP_CHOOSER (ga_basemap_chooser_get_type ())
G_DECLARE_FINAL_TYPE (GaBasemapChooser, ga_basemap_chooser, GA, BASEMAP_CHOOSER, GtkWidget)

/* A menu button (map icon) whose popover lists, as win.basemap radio items: the built-in
 * online sources and the custom XYZ sources, the bundled "Sample city (offline)" basemap
 * (if installed), the MBTiles files and tile folders the user added, "No Basemap", and
 * the win.add-basemap-file, win.add-basemap-folder, win.add-custom-source, win.save-offline-pack and
 * win.remove-basemap actions.  "changed" is emitted when the list changes. */
GtkWidget     *ga_basemap_chooser_new            (void);
/* Keeps the user's files (key "user-basemaps") and custom sources ("custom-sources") in
 * @settings; NULL keeps them in memory only. */
void           ga_basemap_chooser_set_settings   (GaBasemapChooser *self,
                                                  GSettings        *settings);
/* The basemap behind a key ("osm", "none", GA_BASEMAP_KEY_BUNDLED, "mbtiles:/path", …),
 * or NULL. */
GaBasemap     *ga_basemap_chooser_lookup         (GaBasemapChooser *self,
                                                  const char       *key);
/* The keys in menu order. */
GStrv          ga_basemap_chooser_dup_keys       (GaBasemapChooser *self);
/* Marks @key as shown (enables "Remove from List" for the user's own entries). */
void           ga_basemap_chooser_set_current    (GaBasemapChooser *self,
                                                  const char       *key);
/* Adds an MBTiles file or tile folder and returns its key; a GA_ERROR names a bad file. */
char          *ga_basemap_chooser_add_file       (GaBasemapChooser *self,
                                                  const char       *path,
                                                  GError          **error);
/* Adds (or replaces, by id) a custom XYZ source and returns its key. */
char          *ga_basemap_chooser_add_custom     (GaBasemapChooser *self,
                                                  GaBasemap        *basemap);
/* Removes a user file or custom source; FALSE for built-ins. */
gboolean       ga_basemap_chooser_remove         (GaBasemapChooser *self,
                                                  const char       *key);
GtkMenuButton *ga_basemap_chooser_get_button     (GaBasemapChooser *self);

/* The bundled basemap file: $GA_BUNDLED_BASEMAP if set (empty: none), else the installed
 * BASEMAP_MBTILES, else the one in the build tree; NULL if there is none. */
char          *ga_find_bundled_basemap           (void);

G_END_DECLS
