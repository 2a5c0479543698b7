/* ga-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ga-error.h"

G_DEFINE_QUARK (ga-error-quark, ga_error)
