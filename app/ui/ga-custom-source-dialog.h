/* ga-custom-source-dialog.h — add an online XYZ tile source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ga-basemap.h"

G_BEGIN_DECLS

#define GA_TYPE_CUSTOM_SOURCE_DIALOG (ga_custom_source_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GaCustomSourceDialog, ga_custom_source_dialog, GA, CUSTOM_SOURCE_DIALOG,
                      AdwWindow)

/* Emits "source-added" (GaBasemap *) and closes when the user adds a valid source. */
GaCustomSourceDialog *ga_custom_source_dialog_new    (GtkWindow            *parent);
/* Fills the fields (tests). */
void                  ga_custom_source_dialog_set_fields (GaCustomSourceDialog *self,
                                                          const char           *url_template,
                                                          const char           *name,
                                                          const char           *attribution,
                                                          int                   min_zoom,
                                                          int                   max_zoom,
                                                          int                   tile_size);
/* What the Add button does: validates, emits "source-added" and closes; on a mistake the
 * message is shown in the dialog and returned in @error. */
gboolean              ga_custom_source_dialog_add    (GaCustomSourceDialog *self,
                                                      GError              **error);

/* An http(s) URL with {z}, {x} and {y} (or {-y}); the GA_ERROR says what is missing. */
gboolean              ga_check_url_template          (const char           *url_template,
                                                      GError              **error);

G_END_DECLS
