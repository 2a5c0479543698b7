/* ga-columns.h — a layer's attribute values, one column per field (private to GaLayer)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Text values live in one block of NUL-terminated strings (short ones stored once), each
 * value an offset into it. Integer and real fields are kept as numbers: 4 or 8 bytes a
 * value instead of a 4-byte offset and the digits (issue 6: a million emission points with
 * an id and a tCO2e value). Their text, as ga_layer_get_value() gives it, is made for the
 * whole column the first time it is asked for, and kept: every pointer handed out stays
 * valid as long as the layer.
 */
#pragma once

#include "ga-layer.h"

G_BEGIN_DECLS

typedef struct _GaColumns GaColumns;

GaColumns   *ga_columns_new             (guint               n_fields,
                                         const GaFieldType  *types);
void         ga_columns_free            (GaColumns          *self);
void         ga_columns_reserve         (GaColumns          *self,
                                         guint               n_rows);
/* One row; @values has one entry per field (NULL: no value), or is NULL. */
void         ga_columns_append_texts    (GaColumns          *self,
                                         const char * const *values);
void         ga_columns_append_values   (GaColumns          *self,
                                         const GaValue      *values);
/* Read-only from now on. */
void         ga_columns_seal            (GaColumns          *self);

GaFieldType  ga_columns_get_type        (GaColumns          *self,
                                         guint               field);
const char  *ga_columns_get_text        (GaColumns          *self,
                                         guint               row,
                                         guint               field);
gboolean     ga_columns_get_number      (GaColumns          *self,
                                         guint               row,
                                         guint               field,
                                         double             *number);
gsize        ga_columns_get_memory_size (GaColumns          *self);

G_END_DECLS
