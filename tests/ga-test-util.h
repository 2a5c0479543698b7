/* ga-test-util.h — helpers shared by the tests (GTK-free): PNG tile bytes, temporary folders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

cairo_status_t   ga_test_png_append_cb (void                *closure,
                                        const unsigned char *data,
                                        unsigned int         length);
GBytes          *ga_test_png_bytes     (int                  r,
                                        int                  g,
                                        int                  b);
cairo_surface_t *ga_test_png_decode    (GBytes              *png);
void             ga_test_remove_tree   (const char          *path);

G_END_DECLS
