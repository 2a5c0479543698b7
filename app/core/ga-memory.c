/* ga-memory.c — how the process asks the system for memory and CPU time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _DEFAULT_SOURCE /* syscall () */
#define G_LOG_DOMAIN "ga-memory"

#include "config.h"

#include <stdlib.h> /* defines __GLIBC__ */
#ifdef __GLIBC__
#include <malloc.h>
#endif
#ifdef __linux__
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include <errno.h>
#include <string.h>

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

/* glibc's own sliding threshold stops at 32 MB, and it lowers the trim threshold to twice
 * the mmap threshold: the free top of the heap after a frame of 6 MB was given back, and the
 * next bigger frame had all its pages touched for the first time (2,100 page faults, 30 ms
 * of a zoom frame on the PVM guest of README's figures). */
#define WINDOW_MMAP_THRESHOLD (32 * 1024 * 1024)
#define WINDOW_TRIM_THRESHOLD (128 * 1024 * 1024)

void
ga_memory_init_window (void)
{
#ifdef __GLIBC__
  mallopt (M_MMAP_THRESHOLD, WINDOW_MMAP_THRESHOLD);
  mallopt (M_TRIM_THRESHOLD, WINDOW_TRIM_THRESHOLD);
#endif
}

#if defined(__linux__) && !defined(MADV_POPULATE_WRITE)
#define MADV_POPULATE_WRITE 23
#endif
#define PREFAULT_MIN (1024 * 1024)

void
ga_memory_prefault (gpointer mem,
                    gsize    size)
{
#ifdef __linux__
  static gsize page;
  guintptr start, end;

  if (mem == NULL || size < PREFAULT_MIN)
    return;
  if (page == 0)
    page = (gsize) sysconf (_SC_PAGESIZE);
  /* whole pages inside the block only: the pages at its ends may be another block's */
  start = ((guintptr) mem + page - 1) & ~(guintptr) (page - 1);
  end = ((guintptr) mem + size) & ~(guintptr) (page - 1);
  if (end > start)
    (void) madvise ((void *) start, end - start, MADV_POPULATE_WRITE);
#endif
}

gboolean
ga_memory_find_mapping (gconstpointer   p,
                        gpointer       *start,
                        gsize          *size,
                        char          **name)
{
#ifdef __linux__
  g_autofree char *maps = NULL;
  guintptr at = (guintptr) p;

  if (!g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL))
    return FALSE;
  /* "start-end perms offset dev inode   name", the numbers in hexadecimal but the inode */
  for (char *line = maps; line != NULL && *line != '\0';)
    {
      char *next = strchr (line, '\n');
      char *end = NULL;
      guint64 lo = g_ascii_strtoull (line, &end, 16);
      guint64 hi = (end != NULL && *end == '-') ? g_ascii_strtoull (end + 1, NULL, 16) : 0;

      if (next != NULL)
        *next = '\0';
      if (at >= lo && at < hi)
        {
          *start = (gpointer) (guintptr) lo;
          *size = (gsize) (hi - lo);
          if (name != NULL)
            {
              char *field = line;

              /* the name is the sixth field, and may hold spaces */
              for (int i = 0; i < 5 && field != NULL; i++)
                {
                  field = strchr (field, ' ');
                  while (field != NULL && *field == ' ')
                    field++;
                }
              *name = g_strdup (field != NULL ? field : "");
            }
          return TRUE;
        }
      line = next != NULL ? next + 1 : NULL;
    }
#endif
  return FALSE;
}

void
ga_memory_trim (void)
{
#ifdef __GLIBC__
  malloc_trim (0);
#endif
}

/* Linux keeps a nice value per thread (the thread id is a process id for setpriority),
 * and a thread starts with its creator's. 10 is what a background job gets from nice(1). */
#define BACKGROUND_NICE 10

void
ga_thread_set_background (void)
{
#ifdef __linux__
  static GPrivate done;

  if (g_private_get (&done) != NULL)
    return;
  g_private_set (&done, GINT_TO_POINTER (1));
  {
    id_t tid = (id_t) syscall (SYS_gettid);
    int now;

    errno = 0;
    now = getpriority (PRIO_PROCESS, tid);
    /* never raise it (a process started with nice 15 stays there) */
    if (errno == 0 && now < BACKGROUND_NICE &&
        setpriority (PRIO_PROCESS, tid, BACKGROUND_NICE) != 0)
      g_debug ("cannot lower the priority of a worker thread: %s", g_strerror (errno));
  }
#endif
}
