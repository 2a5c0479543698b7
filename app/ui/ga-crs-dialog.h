/* ga-crs-dialog.h — asks which CRS a file without one is in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GA_TYPE_CRS_DIALOG (ga_crs_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GaCrsDialog, ga_crs_dialog, GA, CRS_DIALOG, AdwWindow)

/* Emits "chosen" (const char *code, or NULL when cancelled) once, then closes. */
GaCrsDialog *ga_crs_dialog_new        (GtkWindow   *parent,
                                       const char  *file_name);
/* Filters the list as if typed; for tests. */
void         ga_crs_dialog_set_filter (GaCrsDialog *self,
                                       const char  *filter);
guint        ga_crs_dialog_get_n_items (GaCrsDialog *self);
/* Chooses the item at @position and closes, as a double-click would. */
void         ga_crs_dialog_choose     (GaCrsDialog *self,
                                       guint        position);

G_END_DECLS
