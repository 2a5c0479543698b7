/* ga-http-source.h — online {z}/{x}/{y} tiles through our own polite HTTP client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

#define GA_TYPE_HTTP_SOURCE (ga_http_source_get_type ())
G_DECLARE_FINAL_TYPE (GaHttpSource, ga_http_source, GA, HTTP_SOURCE, ShumateDataSource)

/* Tiles are fetched with GA_USER_AGENT, at most two connections per server, a 15 s
 * timeout, and kept in a ShumateFileCache under $XDG_CACHE_HOME/green-atlas/tiles/@cache_key,
 * so tiles seen once still show without a network.
 *
 * Signals (main thread, never logged):
 *   "tile-loaded" ()                         a tile was delivered (fresh or cached)
 *   "tile-failed" (GError *error, gboolean cached)
 *                                           fetching failed; @cached: an older copy was shown
 * Errors are GA_ERROR with a plain reason ("no network", "the server answered “404 Not
 * Found”", …). */
GaHttpSource *ga_http_source_new (const char *url_template,
                                  const char *cache_key);

/* GNetworkMonitor's answer, unless $GA_OFFLINE says: "1" offline (trying the app as a user
 * without network would), "0" online (tests on a loopback server). */
gboolean      ga_network_available (void);

G_END_DECLS
