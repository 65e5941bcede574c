/* The container's root: propagation, making it a mount point, pivot_root, read-only root. */
#ifndef BERTH_ROOTFS_H
#define BERTH_ROOTFS_H

#include "error.h"
#include "plan.h"

/* Set `/` propagation, bind the rootfs onto itself (MS_REC); returns an O_PATH fd of the new
   mount point, to resolve everything else against. */
int rootfs_prepare (const struct plan *plan, struct shim_error *err);

/* pivot_root(".", ".") into the rootfs and detach the old root (made rslave first); chroot when
   the container has no mount namespace of its own. */
int rootfs_pivot (const struct plan *plan, struct shim_error *err);

/* Remount `/` read-only. */
int rootfs_readonly (struct shim_error *err);

#endif
