/* Mounts inside the rootfs, resolved fd-relative (openat2 RESOLVE_IN_ROOT) so that symlinks in
   the image cannot point a mount outside of it. */
#ifndef BERTH_MOUNTS_H
#define BERTH_MOUNTS_H

#include "error.h"
#include "plan.h"

/* openat2(rootfd, path, flags, RESOLVE_IN_ROOT); returns the fd or -1 (errno set, err filled). */
int open_in_root (int rootfd, const char *path, int flags, struct shim_error *err);

/* Create the missing components of path inside the root: directories, and the last one as a
   directory or (is_file) an empty file. Existing entries are kept. */
int mkdir_in_root (int rootfd, const char *path, int is_file, struct shim_error *err);

/* "/proc/self/fd/<fd>" into buf. */
const char *fd_path (int fd, char *buf, size_t len);

/* The plan's `mount` directives, in order, under the root opened as rootfd. */
int mounts_apply (int rootfd, const struct plan *plan, struct shim_error *err);
/* `device` directives: mknod, or a bind of the host node when in a user namespace. */
int mounts_devices (int rootfd, const struct plan *plan, int in_userns, struct shim_error *err);
/* `symlink` directives. */
int mounts_symlinks (int rootfd, const struct plan *plan, struct shim_error *err);

/* After pivot_root: readonly paths and masked paths (missing paths ignored). */
int mounts_readonly_paths (const struct plan *plan, struct shim_error *err);
int mounts_masked_paths (const struct plan *plan, struct shim_error *err);

/* Remount an existing mount point read-only (keeping the flags a user namespace locked). */
int remount_ro (const char *target, unsigned long extra, struct shim_error *err);

#endif
