/* ga-json-private.h — typed reads of json-glib nodes shared by the project file readers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The string value of @object's member @name, or NULL if it is absent or not a string. */
const char *ga_json_get_string (JsonObject *object,
                                const char *name);
/* TRUE and *@value if @node is a finite number (integer or real). */
gboolean    ga_json_get_number (JsonNode   *node,
                                double     *value);

G_END_DECLS
