/* Sysctls written under /proc/sys inside the container. */
#ifndef BERTH_SYSCTL_H
#define BERTH_SYSCTL_H

#include "error.h"
#include "plan.h"

int sysctl_apply (const struct plan *plan, struct shim_error *err);

#endif
