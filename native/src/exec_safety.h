/* CVE-2019-5736: a process inside a container must never be able to write the shim binary
   through /proc/<pid>/exe. When the shim enters an existing container (joins its pid
   namespace), it first re-executes itself from a sealed memfd copy. */
#ifndef BERTH_EXEC_SAFETY_H
#define BERTH_EXEC_SAFETY_H

#include "error.h"

/* Returns 0 if already running from a sealed copy; otherwise re-execs (does not return) or
   fails with -1. */
int exec_safety_ensure_sealed (char **argv, struct shim_error *err);

#endif
