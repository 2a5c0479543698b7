/* ga-filter.h — attribute conditions such as `tco2e > 1000` or `type = 'park' AND area > 2`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Grammar (keywords and field names case-insensitive; UTF-8 field names and values):
 *   expr       := or
 *   or         := and ( OR and )*
 *   and        := not ( AND not )*
 *   not        := NOT not | primary
 *   primary    := '(' expr ')' | field op value | field [NOT] IN '(' value (',' value)* ')'
 *               | field [NOT] LIKE 'pattern' | field IS [NOT] NULL
 *   op         := = | != | <> | < | <= | > | >=
 *   value      := 'text' (a quote inside is doubled: 'O''Brien') | number
 *   field      := a name (letters of any script, digits, _ .) or "a quoted name"
 * Numbers compare numerically when both sides are numbers, otherwise as text; text comparison
 * with = and != ignores case. LIKE: % = any run of characters, _ = one character, case-insensitive.
 * A NULL (missing) value fails every comparison except IS NULL.
 *
 * A compiled filter is immutable after ga_filter_bind, so renderer workers may evaluate it
 * concurrently.
 */
#pragma once

#include "ga-layer.h"

G_BEGIN_DECLS

typedef struct _GaFilter GaFilter;

/* NULL with a GA_ERROR_BAD_ARGUMENT whose message names the position (1-based character
 * column) and what was expected, e.g. "Expected a value after “>” at column 7". */
GaFilter         *ga_filter_new          (const char  *expression,
                                          GError     **error);
GaFilter         *ga_filter_ref          (GaFilter    *self);
void              ga_filter_unref        (GaFilter    *self);
const char       *ga_filter_get_text     (GaFilter    *self);
/* Resolves field names for @layer. FALSE with GA_ERROR_BAD_ARGUMENT naming the first field
 * the layer lacks (evaluation then treats it as NULL). */
gboolean          ga_filter_bind         (GaFilter    *self,
                                          GaLayer     *layer,
                                          GError     **error);
/* Evaluates for @feature of the bound layer (binds first if @layer differs — not
 * thread-safe then). */
gboolean          ga_filter_eval         (GaFilter    *self,
                                          GaLayer     *layer,
                                          guint        feature);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GaFilter, ga_filter_unref)

G_END_DECLS
