/* test-memory.c — worker threads yield the CPU to the window, prefaulting, finding mappings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _DEFAULT_SOURCE /* syscall () */
#include "config.h"

#include <errno.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "ga-memory.h"

static int
own_nice (void)
{
  errno = 0;
  return getpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid));
}

static gpointer
child_nice (gpointer data)
{
  return GINT_TO_POINTER (own_nice ());
}

static gpointer
worker (gpointer data)
{
  int *out = data;
  GThread *child;

  out[0] = own_nice ();
  ga_thread_set_background ();
  ga_thread_set_background (); /* once per thread: not 20 */
  out[1] = own_nice ();
  /* a thread the worker starts (an export's bands) is background too */
  child = g_thread_new ("child", child_nice, NULL);
  out[2] = GPOINTER_TO_INT (g_thread_join (child));
  return NULL;
}

static void
test_background_thread (void)
{
  int nice_of[3] = { -1, -1, -1 };
  int main_before = own_nice ();

  g_thread_join (g_thread_new ("worker", worker, nice_of));
  g_assert_cmpint (nice_of[0], ==, main_before);
  g_assert_cmpint (nice_of[1], ==, MAX (main_before, 10));
  g_assert_cmpint (nice_of[2], ==, nice_of[1]);
  /* the calling thread (the window's) keeps its priority */
  g_assert_cmpint (own_nice (), ==, main_before);
}

static guint
resident_pages (guint8 *mem, gsize size)
{
  gsize page = (gsize) sysconf (_SC_PAGESIZE);
  g_autofree unsigned char *vec = g_malloc ((size + page - 1) / page);
  guint n = 0;

  g_assert_cmpint (mincore (mem, size, vec), ==, 0);
  for (gsize i = 0; i < (size + page - 1) / page; i++)
    n += vec[i] & 1;
  return n;
}

/* A fresh 4 MB block has no page yet; prefaulted, it has them all, and its contents are
 * untouched (zero). A block under a megabyte is left alone. */
static void
test_prefault (void)
{
  gsize size = 4 * 1024 * 1024, small = 512 * 1024;
  gsize page = (gsize) sysconf (_SC_PAGESIZE);
  guint8 *mem = mmap (NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  guint8 *little = mmap (NULL, small, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                         -1, 0);

  g_assert_true (mem != MAP_FAILED && little != MAP_FAILED);
  /* the kernel's own answer, on a page of the small block */
  if (madvise (little, page, 23 /* MADV_POPULATE_WRITE */) != 0)
    {
      munmap (mem, size);
      munmap (little, small);
      g_test_skip ("the kernel has no MADV_POPULATE_WRITE (Linux < 5.14)");
      return;
    }
  munmap (little, small);
  little = mmap (NULL, small, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  g_assert_true (little != MAP_FAILED);

  g_assert_cmpuint (resident_pages (mem, size), ==, 0);
  ga_memory_prefault (mem, size);
  g_assert_cmpuint (resident_pages (mem, size), ==, size / page);
  for (gsize i = 0; i < size; i += page)
    g_assert_cmpuint (mem[i], ==, 0);

  ga_memory_prefault (little, small);
  g_assert_cmpuint (resident_pages (little, small), ==, 0);

  /* an unaligned block: only its whole pages */
  munmap (mem, size);
  mem = mmap (NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  ga_memory_prefault (mem + 100, size - 200);
  g_assert_cmpuint (resident_pages (mem, size), ==, size / page - 2);

  munmap (mem, size);
  munmap (little, small);
}

/* /proc/self/maps is read right: a stack variable, a heap block and a mapping of our own
 * are each found in a mapping that holds them, with its name, and an address never
 * mapped is not. */
static void
test_find_mapping (void)
{
  int local = 0;
  gsize len = 4 * (gsize) sysconf (_SC_PAGESIZE);
  guint8 *own = mmap (NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  g_autofree char *block = g_malloc (100);
  g_autofree char *path = g_file_read_link ("/proc/self/exe", NULL);
  gpointer start;
  gsize size;
  char *name = NULL;

  g_assert_true (own != MAP_FAILED);
  g_assert_true (ga_memory_find_mapping (&local, &start, &size, &name));
  g_assert_true ((guint8 *) &local >= (guint8 *) start && (guint8 *) &local < (guint8 *) start + size);
  g_assert_cmpstr (name, ==, "[stack]");
  g_clear_pointer (&name, g_free);

  g_assert_true (ga_memory_find_mapping (block, &start, &size, NULL));
  g_assert_true ((guint8 *) block >= (guint8 *) start && (guint8 *) block < (guint8 *) start + size);

  g_assert_true (ga_memory_find_mapping (own + 5, &start, &size, &name));
  g_assert_true ((guint8 *) start <= own && own + len <= (guint8 *) start + size);
  g_assert_cmpstr (name, ==, "");
  g_clear_pointer (&name, g_free);
  munmap (own, len);

  /* this function's code is in the test program's file */
  g_assert_nonnull (path);
  g_assert_true (ga_memory_find_mapping ((gconstpointer) (guintptr) test_find_mapping, &start,
                                         &size, &name));
  g_assert_cmpstr (name, ==, path);
  g_clear_pointer (&name, g_free);

  g_assert_false (ga_memory_find_mapping ((gpointer) (guintptr) 16, &start, &size, &name));
  g_assert_null (name);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ga_memory_init ();
  g_test_add_func ("/memory/background-thread", test_background_thread);
  g_test_add_func ("/memory/prefault", test_prefault);
  g_test_add_func ("/memory/find-mapping", test_find_mapping);
  return g_test_run ();
}
