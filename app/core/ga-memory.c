/* ga-memory.c — how the process asks the C library for memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ga-memory"

#include "config.h"

#include <stdlib.h> /* defines __GLIBC__ */
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "ga-memory.h"

/* Blocks of a megabyte and more (a layer's coordinates and values, an image) come straight
 * from mmap: grown in place by mremap and given back to the system when freed. By default
 * glibc raises that threshold each time such a block is freed, up to 32 MB, after which a
 * growing 16 MB array is copied inside the heap and both copies count: 15 MB of the peak of
 * a 1M-feature render (issue 6: peak memory at most twice MapServer's). */
#define MMAP_THRESHOLD (1024 * 1024)

void
ga_memory_init (void)
{
#ifdef __GLIBC__
  mallopt (M_MMAP_THRESHOLD, MMAP_THRESHOLD);
#endif
}

void
ga_memory_trim (void)
{
#ifdef __GLIBC__
  malloc_trim (0);
#endif
}
