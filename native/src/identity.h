/* Process identity: rlimits, umask, uid/gid/groups, capabilities, no_new_privs. */
#ifndef BERTH_IDENTITY_H
#define BERTH_IDENTITY_H

#include "error.h"
#include "plan.h"

int identity_rlimits (const struct plan *plan, struct shim_error *err);
/* Drop the bounding set, switch uid/gid/groups keeping capabilities, then set effective,
   permitted, inheritable and ambient as planned. Sets without a `caps` line are left alone. */
int identity_apply (const struct plan *plan, struct shim_error *err);
int identity_no_new_privs (struct shim_error *err);

#endif
