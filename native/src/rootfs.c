/* The container's root, see rootfs.h. */
#include "rootfs.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "mounts.h"
#include "util.h"

int
rootfs_prepare (const struct plan *plan, struct shim_error *err)
{
  unsigned long prop = plan->rootfs_propagation;
  int fd;

  if (!plan->ns[NS_MNT].present)
    {
      /* No mount namespace: any mount would land on the host. Only chroot is possible. */
      if (plan->n_mounts || plan->n_devices || plan->n_masked || plan->n_readonly
          || plan->readonly_rootfs || plan->terminal)
        return shim_fail (err, 0, "mounts, devices, masked/readonly paths and terminals need "
                                  "a mount namespace (`ns mnt`)");
      fd = open (plan->rootfs, O_PATH | O_DIRECTORY | O_CLOEXEC);
      if (fd < 0)
        return shim_fail (err, errno, "open rootfs `%s`", plan->rootfs);
      return fd;
    }
  if (prop == (unsigned long) -1)
    prop = MS_SLAVE | MS_REC;
  if (prop != 0 && mount (NULL, "/", NULL, prop, NULL) < 0)
    return shim_fail (err, errno, "set propagation of `/`");
  if (mount (plan->rootfs, plan->rootfs, NULL, MS_BIND | MS_REC, NULL) < 0)
    return shim_fail (err, errno, "bind rootfs `%s` onto itself", plan->rootfs);
  fd = open (plan->rootfs, O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    return shim_fail (err, errno, "open rootfs `%s`", plan->rootfs);
  return fd;
}

int
rootfs_pivot (const struct plan *plan, struct shim_error *err)
{
  if (chdir (plan->rootfs) < 0)
    return shim_fail (err, errno, "chdir `%s`", plan->rootfs);
  if (!plan->ns[NS_MNT].present)
    {
      if (chroot (".") < 0)
        return shim_fail (err, errno, "chroot `%s`", plan->rootfs);
      if (chdir ("/") < 0)
        return shim_fail (err, errno, "chdir `/`");
      return 0;
    }
  /* Old and new root stacked on "."; the old one is on top until detached. */
  if (syscall (SYS_pivot_root, ".", ".") < 0)
    return shim_fail (err, errno, "pivot_root `%s`", plan->rootfs);
  if (mount (NULL, ".", NULL, MS_SLAVE | MS_REC, NULL) < 0)
    return shim_fail (err, errno, "make old root rslave");
  if (umount2 (".", MNT_DETACH) < 0)
    return shim_fail (err, errno, "detach old root");
  if (chdir ("/") < 0)
    return shim_fail (err, errno, "chdir `/`");
  return 0;
}

int
rootfs_readonly (struct shim_error *err)
{
  if (remount_ro ("/", 0, err) < 0)
    return shim_wrap (err, "read-only root");
  return 0;
}
