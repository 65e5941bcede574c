/* The container process: everything between clone and execve (PLAN.md, runtime.md "A correct
   order for the helper"). */
#ifndef BERTH_CONTAINER_H
#define BERTH_CONTAINER_H

#include "plan.h"

struct container_fds
{
  int sock;                        /* channel to the monitor (see channel.h) */
  int stdin_r, stdout_w, stderr_w; /* pipe mode; -1 otherwise */
  int *cgroup_tasks;               /* v1 `tasks` files opened by the monitor, or NULL */
  size_t n_cgroup_tasks;
};

/* Never returns: execs the user's program or reports on the channel and exits. */
void container_run (const struct plan *plan, const struct container_fds *fds)
  __attribute__ ((noreturn));

#endif
