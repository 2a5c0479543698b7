/* ga-window-slides.c — the slides panel, presentation and export actions of the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ga-window-slides"

#include "config.h"

#include "ga-window-private.h"

void
_ga_window_install_slides (GaWindow *self)
{
}

void
_ga_window_dispose_slides (GaWindow *self)
{
}
