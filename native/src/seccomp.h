/* Seccomp filter from the plan's rule list (libseccomp), compiled once per distinct filter. */
#ifndef BERTH_SECCOMP_H
#define BERTH_SECCOMP_H

#include "error.h"
#include "plan.h"

/* Compiles the plan's filter (or reads it from `seccomp_cache`, writing the cache when it was
   missing) in the shim before it forks: a cached filter skips libseccomp's compile, which costs
   more than the rest of a start. A failure is kept and reported by seccomp_apply, from the
   container, as before. No-op without `seccomp_default`. */
void seccomp_prepare (const struct plan *plan);

/* Loads the prepared filter when the plan has `seccomp_default`; no-op otherwise. Does not set
   no_new_privs itself (identity_no_new_privs does when the plan asks). */
int seccomp_apply (const struct plan *plan, struct shim_error *err);

#endif
