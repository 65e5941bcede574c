/* Seccomp filter from the plan's rule list (libseccomp); only the container process calls it. */
#ifndef BERTH_SECCOMP_H
#define BERTH_SECCOMP_H

#include "error.h"
#include "plan.h"

/* Build and load the filter when the plan has `seccomp_default`; no-op otherwise. Does not set
   no_new_privs itself (identity_no_new_privs does when the plan asks). */
int seccomp_apply (const struct plan *plan, struct shim_error *err);

#endif
