/* OCI hooks run by the container process: createContainer (before pivot_root) and
   startContainer (just before execve). */
#ifndef BERTH_HOOKS_H
#define BERTH_HOOKS_H

#include "error.h"
#include "plan.h"

/* Run every hook of `stage` in plan order: fork + execve(path, args, env) with the state JSON
   (stateFd, rewound each time; -1 for /dev/null) on stdin; SIGKILL after its timeout. A hook
   that fails, times out or exits non-zero is an error. */
int hooks_run (const struct plan *plan, enum hook_stage stage, int state_fd,
               struct shim_error *err);

#endif
