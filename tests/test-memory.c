/* test-memory.c — worker threads yield the CPU to the window (ga_thread_set_background)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _DEFAULT_SOURCE /* syscall () */
#include "config.h"

#include <errno.h>
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

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ga_memory_init ();
  g_test_add_func ("/memory/background-thread", test_background_thread);
  return g_test_run ();
}
