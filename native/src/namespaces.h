/* Namespaces: clone flags, joining by path (setns), user namespace id maps. */
#ifndef BERTH_NAMESPACES_H
#define BERTH_NAMESPACES_H

#include <sys/types.h>

#include "error.h"
#include "plan.h"

/* CLONE_NEW* flags of the namespaces the plan creates, without CLONE_NEWCGROUP (unshared by
   the container process once it is in its cgroups). */
int ns_create_flags (const struct plan *plan);

/* 1 if the container process ends up in a user namespace other than the host's. */
int ns_in_userns (const struct plan *plan);

/* fork-like clone(2) with extra flags; returns the pid in the parent, 0 in the child. */
pid_t ns_clone (int flags, struct shim_error *err);

/* Monitor side, before clone: join the pid namespace given by path (children land in it). */
int ns_join_pid (const struct plan *plan, struct shim_error *err);

/* Monitor side, after clone: write uid_map/gid_map of the created user namespace. */
int ns_write_id_maps (pid_t pid, const struct plan *plan, struct shim_error *err);

/* Container side: open every joined namespace (except pid) then setns them, user first;
   a namespace refusing with EPERM is retried once after the others. */
int ns_join_all (const struct plan *plan, struct shim_error *err);

#endif
