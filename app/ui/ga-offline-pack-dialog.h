/* ga-offline-pack-dialog.h — "Save Area for Offline Use"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ga-basemap.h"
#include "ga-layer.h"

G_BEGIN_DECLS

#define GA_TYPE_OFFLINE_PACK_DIALOG (ga_offline_pack_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GaOfflinePackDialog, ga_offline_pack_dialog, GA, OFFLINE_PACK_DIALOG,
                      AdwWindow)

/* Packs @extent (Web Mercator metres) of the online @source; zooms default to @zoom ..
 * @zoom + 3, capped at the source's maximum.  Shows the tile count and size as the zooms
 * change, refuses with the source's policy, asks for the output file, downloads with a
 * progress bar and Cancel, then emits "pack-saved" (const char *path) and closes. */
GaOfflinePackDialog *ga_offline_pack_dialog_new            (GtkWindow           *parent,
                                                             GaBasemap           *source,
                                                             const GaExtent      *extent,
                                                             int                  zoom);
void                 ga_offline_pack_dialog_set_zoom_range (GaOfflinePackDialog *self,
                                                             int                  min_zoom,
                                                             int                  max_zoom);
void                 ga_offline_pack_dialog_get_zoom_range (GaOfflinePackDialog *self,
                                                             int                 *min_zoom,
                                                             int                 *max_zoom);
guint64              ga_offline_pack_dialog_get_n_tiles    (GaOfflinePackDialog *self);
/* The summary ("84 tiles, about 1.7 MB") and the refusal or failure message ("" if none). */
const char          *ga_offline_pack_dialog_get_summary    (GaOfflinePackDialog *self);
const char          *ga_offline_pack_dialog_get_message    (GaOfflinePackDialog *self);
/* Starts downloading into @path without asking (tests); FALSE if the policy refuses. */
gboolean             ga_offline_pack_dialog_start          (GaOfflinePackDialog *self,
                                                             const char          *path);
gboolean             ga_offline_pack_dialog_is_running     (GaOfflinePackDialog *self);

G_END_DECLS
