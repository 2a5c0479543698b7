/* ga-render-private.h — cleanup functions for cairo types, shared by render/ and export/
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Private: do not include from a public header, so that a GTK translation unit that
 * defines its own cairo cleanups does not see them twice.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

#ifndef GA_CAIRO_AUTOPTR_DEFINED
#define GA_CAIRO_AUTOPTR_DEFINED
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cairo_t, cairo_destroy)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cairo_surface_t, cairo_surface_destroy)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cairo_pattern_t, cairo_pattern_destroy)
#endif

G_END_DECLS
