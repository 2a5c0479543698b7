/* ga-application-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ga-application.h"

G_BEGIN_DECLS

void _ga_application_install_actions (GaApplication *self);

G_END_DECLS
