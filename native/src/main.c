/* berth-shim <plan-file>: read the plan, fork the monitor, exit (PLAN.md "Invocation"). */
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "error.h"
#include "exec_safety.h"
#include "monitor.h"
#include "plan.h"
#include "seccomp.h"

int
main (int argc, char **argv)
{
  struct shim_error err = { 0 };
  struct plan plan = { 0 };
  pid_t pid;

  if (argc != 2)
    {
      dprintf (STDERR_FILENO, "usage: berth-shim <plan-file>\n");
      return 1;
    }
  /* The caller (a JVM through posix_spawn) may leak descriptors: hold none of them. */
  syscall (SYS_close_range, 3, ~0U, 0);
  if (plan_read (argv[1], &plan, &err) < 0)
    shim_die (&err, 1);
  seccomp_prepare (&plan); /* on the host's file system, before any namespace is entered */
  /* Entering a running container: never let it see a writable shim binary. */
  if (plan.ns[NS_PID].present && plan.ns[NS_PID].path != NULL
      && exec_safety_ensure_sealed (argv, &err) < 0)
    shim_die (&err, 1);

  pid = fork ();
  if (pid < 0)
    {
      shim_fail (&err, 1, "fork the monitor");
      shim_die (&err, 1);
    }
  if (pid > 0)
    _exit (0);
  monitor_run (&plan);
}
