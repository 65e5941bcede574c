/* Mounts, devices, symlinks, masked and readonly paths; see mounts.h. */
#include "mounts.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "util.h"

#define MS_PROPAGATION (MS_SHARED | MS_SLAVE | MS_PRIVATE | MS_UNBINDABLE)

const char *
fd_path (int fd, char *buf, size_t len)
{
  snprintf (buf, len, "/proc/self/fd/%d", fd);
  return buf;
}

int
open_in_root (int rootfd, const char *path, int flags, struct shim_error *err)
{
  struct open_how how = { 0 };
  long fd;

  how.flags = (unsigned long long) flags | O_CLOEXEC;
  how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
  do
    fd = syscall (SYS_openat2, rootfd, path, &how, sizeof how);
  while (fd < 0 && (errno == EINTR || errno == EAGAIN));
  if (fd < 0)
    {
      int e = errno;
      shim_fail (err, e, "open `%s` in the rootfs", path);
      errno = e;
      return -1;
    }
  return (int) fd;
}

int
mkdir_in_root (int rootfd, const char *path, int is_file, struct shim_error *err)
{
  cleanup_free char *buf = xstrdup (path);
  size_t len = strlen (buf);
  char *p = buf;

  for (;;)
    {
      char *slash, saved;
      cleanup_close int fd = -1;
      cleanup_close int parent = -1;
      int last;

      while (*p == '/')
        p++;
      if (*p == '\0')
        return 0;
      slash = strchr (p, '/');
      if (slash == NULL)
        slash = buf + len;
      last = (slash[strspn (slash, "/")] == '\0');
      saved = *slash;
      *slash = '\0';
      fd = open_in_root (rootfd, buf, O_PATH, err);
      if (fd < 0 && errno != ENOENT)
        return -1;
      if (fd < 0)
        {
          /* Create this component in its (already resolved) parent. */
          char *name = strrchr (buf, '/');
          *name = '\0';
          parent = open_in_root (rootfd, buf[0] ? buf : "/", O_PATH | O_DIRECTORY, err);
          *name = '/';
          if (parent < 0)
            return -1;
          if (last && is_file)
            {
              int f = openat (parent, name + 1, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0644);
              if (f < 0 && errno != EEXIST)
                return shim_fail (err, errno, "create file `%s`", buf);
              if (f >= 0)
                close (f);
            }
          else if (mkdirat (parent, name + 1, 0755) < 0 && errno != EEXIST)
            return shim_fail (err, errno, "mkdir `%s`", buf);
        }
      *slash = saved;
      if (saved == '\0')
        return 0;
      p = slash + 1;
    }
}

/* Flags a user namespace locks on a mount: keep them when remounting. */
static unsigned long
locked_flags (const char *target)
{
  struct statvfs sv;
  unsigned long f = 0;
  if (statvfs (target, &sv) < 0)
    return 0;
  if (sv.f_flag & ST_NOSUID)
    f |= MS_NOSUID;
  if (sv.f_flag & ST_NODEV)
    f |= MS_NODEV;
  if (sv.f_flag & ST_NOEXEC)
    f |= MS_NOEXEC;
  if (sv.f_flag & ST_NOATIME)
    f |= MS_NOATIME;
  if (sv.f_flag & ST_NODIRATIME)
    f |= MS_NODIRATIME;
  if (sv.f_flag & ST_RELATIME)
    f |= MS_RELATIME;
  return f;
}

static int
remount (const char *target, unsigned long flags, const char *data, struct shim_error *err)
{
  flags |= MS_REMOUNT;
  if (mount (NULL, target, NULL, flags, data) == 0)
    return 0;
  if (errno == EPERM && mount (NULL, target, NULL, flags | locked_flags (target), data) == 0)
    return 0;
  return shim_fail (err, errno, "remount");
}

int
remount_ro (const char *target, unsigned long extra, struct shim_error *err)
{
  return remount (target, MS_BIND | MS_RDONLY | extra, NULL, err);
}

/* An empty field, or a literal "%" (a writer that encoded the placeholder itself). */
static int
absent (const char *field)
{
  return field[0] == '\0' || strcmp (field, "%") == 0;
}

static int
mount_one (int rootfd, const struct plan_mount *m, struct shim_error *err)
{
  unsigned long flags = m->flags & ~(unsigned long) MS_PROPAGATION;
  int is_bind = (flags & MS_BIND) != 0;
  int is_file = 0;
  cleanup_close int target = -1;
  char tpath[64];

  if (flags & MS_REMOUNT)
    {
      /* One mount(2) as given, on an existing mount point (PLAN.md). */
      target = open_in_root (rootfd, m->dest, O_PATH, err);
      if (target < 0)
        return -1;
      if (mount (absent (m->source) ? NULL : m->source, fd_path (target, tpath, sizeof tpath),
                 absent (m->type) ? NULL : m->type, flags, m->data) < 0)
        return shim_fail (err, errno, "remount");
      return 0;
    }
  if (is_bind)
    {
      struct stat st;
      if (stat (m->source, &st) < 0)
        return shim_fail (err, errno, "stat source `%s`", m->source);
      is_file = !S_ISDIR (st.st_mode);
    }
  if (mkdir_in_root (rootfd, m->dest, is_file, err) < 0)
    return -1;
  target = open_in_root (rootfd, m->dest, O_PATH, err);
  if (target < 0)
    return -1;
  fd_path (target, tpath, sizeof tpath);

  if (is_bind)
    {
      unsigned long rest = flags & ~(unsigned long) (MS_BIND | MS_REC | MS_REMOUNT);
      if (mount (m->source, tpath, NULL, flags & (MS_BIND | MS_REC), NULL) < 0)
        return shim_fail (err, errno, "bind `%s`", m->source);
      if (rest != 0)
        {
          /* Reopen: the fd still points below the new mount. */
          cleanup_close int top = open_in_root (rootfd, m->dest, O_PATH, err);
          char p2[64];
          if (top < 0)
            return -1;
          if (remount (fd_path (top, p2, sizeof p2), MS_BIND | rest, NULL, err) < 0)
            return -1;
        }
    }
  else if (mount (m->source, tpath, m->type, flags, m->data) < 0)
    return shim_fail (err, errno, "mount %s `%s`", m->type, m->source);

  if (m->propagation != 0)
    {
      cleanup_close int top = open_in_root (rootfd, m->dest, O_PATH, err);
      char p2[64];
      if (top < 0)
        return -1;
      if (mount (NULL, fd_path (top, p2, sizeof p2), NULL, m->propagation, NULL) < 0)
        return shim_fail (err, errno, "set propagation");
    }
  return 0;
}

int
mounts_apply (int rootfd, const struct plan *plan, struct shim_error *err)
{
  for (size_t i = 0; i < plan->n_mounts; i++)
    if (mount_one (rootfd, &plan->mounts[i], err) < 0)
      return shim_wrap (err, "mount `%s`", plan->mounts[i].dest);
  return 0;
}

static int
split_parent (int rootfd, const char *path, int *parent, const char **name, struct shim_error *err)
{
  const char *slash = strrchr (path, '/');
  char dir[4096];
  size_t n;

  if (slash == NULL || slash[1] == '\0')
    return shim_fail (err, EINVAL, "path `%s`", path);
  n = slash - path;
  if (n >= sizeof dir)
    return shim_fail (err, ENAMETOOLONG, "path `%s`", path);
  memcpy (dir, path, n);
  dir[n] = '\0';
  if (n > 0 && mkdir_in_root (rootfd, dir, 0, err) < 0)
    return -1;
  *parent = open_in_root (rootfd, n ? dir : "/", O_PATH | O_DIRECTORY, err);
  if (*parent < 0)
    return -1;
  *name = slash + 1;
  return 0;
}

static int
make_device (int rootfd, const struct plan_device *d, int in_userns, struct shim_error *err)
{
  cleanup_close int parent = -1;
  const char *name;

  if (split_parent (rootfd, d->path, &parent, &name, err) < 0)
    return -1;
  if (in_userns)
    {
      cleanup_close int target = -1;
      char tpath[64];
      int f = openat (parent, name, O_CREAT | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0000);
      if (f < 0)
        return shim_fail (err, errno, "create `%s`", d->path);
      close (f);
      target = open_in_root (rootfd, d->path, O_PATH, err);
      if (target < 0)
        return -1;
      if (mount (d->path, fd_path (target, tpath, sizeof tpath), NULL, MS_BIND, NULL) < 0)
        return shim_fail (err, errno, "bind host `%s`", d->path);
      return 0;
    }
  else
    {
      mode_t type = d->kind == 'c' ? S_IFCHR : d->kind == 'b' ? S_IFBLK : S_IFIFO;
      dev_t dev = d->kind == 'p' ? 0 : makedev (d->major, d->minor);
      if (mknodat (parent, name, type | d->mode, dev) < 0)
        {
          if (errno != EEXIST)
            return shim_fail (err, errno, "mknod `%s`", d->path);
          if (unlinkat (parent, name, 0) < 0 || mknodat (parent, name, type | d->mode, dev) < 0)
            return shim_fail (err, errno, "mknod `%s`", d->path);
        }
      if (fchownat (parent, name, d->uid, d->gid, AT_SYMLINK_NOFOLLOW) < 0)
        return shim_fail (err, errno, "chown `%s`", d->path);
      return 0;
    }
}

int
mounts_devices (int rootfd, const struct plan *plan, int in_userns, struct shim_error *err)
{
  for (size_t i = 0; i < plan->n_devices; i++)
    if (make_device (rootfd, &plan->devices[i], in_userns, err) < 0)
      return shim_wrap (err, "device");
  return 0;
}

int
mounts_symlinks (int rootfd, const struct plan *plan, struct shim_error *err)
{
  for (size_t i = 0; i < plan->n_symlinks; i++)
    {
      cleanup_close int parent = -1;
      const char *name;
      const struct plan_pair *s = &plan->symlinks[i];
      if (split_parent (rootfd, s->b, &parent, &name, err) < 0)
        return shim_wrap (err, "symlink");
      if (symlinkat (s->a, parent, name) < 0 && errno != EEXIST)
        return shim_fail (err, errno, "symlink `%s` -> `%s`", s->b, s->a);
    }
  return 0;
}

int
mounts_readonly_paths (const struct plan *plan, struct shim_error *err)
{
  for (size_t i = 0; i < plan->n_readonly; i++)
    {
      const char *p = plan->readonly[i];
      if (mount (p, p, NULL, MS_BIND | MS_REC, NULL) < 0)
        {
          if (errno == ENOENT)
            continue;
          return shim_fail (err, errno, "bind readonly path `%s`", p);
        }
      if (remount_ro (p, MS_REC, err) < 0)
        return shim_wrap (err, "readonly path `%s`", p);
    }
  return 0;
}

int
mounts_masked_paths (const struct plan *plan, struct shim_error *err)
{
  struct stat null_st;
  int null_ok = stat ("/dev/null", &null_st) == 0 && S_ISCHR (null_st.st_mode)
                && null_st.st_rdev == makedev (1, 3);

  for (size_t i = 0; i < plan->n_masked; i++)
    {
      const char *p = plan->masked[i];
      struct stat st;
      if (stat (p, &st) < 0)
        {
          if (errno == ENOENT)
            continue;
          return shim_fail (err, errno, "stat masked path `%s`", p);
        }
      if (S_ISDIR (st.st_mode))
        {
          if (mount ("tmpfs", p, "tmpfs", MS_RDONLY, "size=0k") < 0)
            return shim_fail (err, errno, "mask `%s`", p);
        }
      else
        {
          if (!null_ok)
            return shim_fail (err, 0, "mask `%s`: /dev/null is not the null device", p);
          if (mount ("/dev/null", p, NULL, MS_BIND, NULL) < 0)
            return shim_fail (err, errno, "mask `%s`", p);
        }
    }
  return 0;
}
