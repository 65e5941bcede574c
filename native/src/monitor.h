/* The monitor: the container's parent for life (PLAN.md "Invocation", "Files in rundir").
   Detached (setsid), child subreaper, oom_score_adj -1000; clones the container process, speaks
   the sync protocol, serves ctl.sock and attach.sock, logs output, reaps, writes exit/oom. */
#ifndef BERTH_MONITOR_H
#define BERTH_MONITOR_H

#include "plan.h"

void monitor_run (struct plan *plan) __attribute__ ((noreturn));

#endif
