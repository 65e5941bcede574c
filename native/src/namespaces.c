/* Namespaces, see namespaces.h. */
#include "namespaces.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "util.h"

int
ns_create_flags (const struct plan *plan)
{
  int flags = 0;
  for (int k = 0; k < NS_COUNT; k++)
    if (plan->ns[k].present && plan->ns[k].path == NULL && k != NS_CGROUP)
      flags |= ns_clone_flag (k);
  return flags;
}

int
ns_in_userns (const struct plan *plan)
{
  return plan->ns[NS_USER].present;
}

pid_t
ns_clone (int flags, struct shim_error *err)
{
  /* Raw clone without CLONE_VM and without a new stack behaves like fork(2). */
  long r = syscall (SYS_clone, (unsigned long) flags | SIGCHLD, NULL, NULL, NULL, NULL);
  if (r < 0)
    return shim_fail (err, errno, "clone");
  return (pid_t) r;
}

int
ns_join_pid (const struct plan *plan, struct shim_error *err)
{
  const char *path = plan->ns[NS_PID].path;
  cleanup_close int fd = -1;

  if (!plan->ns[NS_PID].present || path == NULL)
    return 0;
  fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return shim_fail (err, errno, "open pid namespace `%s`", path);
  if (setns (fd, CLONE_NEWPID) < 0)
    return shim_fail (err, errno, "join pid namespace `%s`", path);
  return 0;
}

static int
write_map (pid_t pid, const char *name, const struct plan_idmap *m, size_t n,
           struct shim_error *err)
{
  char path[64], buf[4096];
  size_t off = 0;

  if (n == 0)
    return 0;
  for (size_t i = 0; i < n; i++)
    {
      int w = snprintf (buf + off, sizeof buf - off, "%lu %lu %lu\n", m[i].container, m[i].host,
                        m[i].size);
      if (w < 0 || (size_t) w >= sizeof buf - off)
        return shim_fail (err, E2BIG, "%s too long", name);
      off += w;
    }
  snprintf (path, sizeof path, "/proc/%d/%s", pid, name);
  return write_file (path, buf, 0, err);
}

int
ns_write_id_maps (pid_t pid, const struct plan *plan, struct shim_error *err)
{
  if (!plan->ns[NS_USER].present || plan->ns[NS_USER].path != NULL)
    return 0;
  /* The monitor is root in the parent namespace, so gid_map needs no `setgroups deny`. */
  if (write_map (pid, "uid_map", plan->uid_map, plan->n_uid_map, err) < 0)
    return -1;
  if (write_map (pid, "gid_map", plan->gid_map, plan->n_gid_map, err) < 0)
    return -1;
  return 0;
}

int
ns_join_all (const struct plan *plan, struct shim_error *err)
{
  int fds[NS_COUNT];
  int pending[NS_COUNT];
  int ret = 0;

  for (int k = 0; k < NS_COUNT; k++)
    {
      fds[k] = -1;
      pending[k] = 0;
    }
  /* Open everything first: joining mnt changes how later paths resolve. */
  for (int k = 0; k < NS_COUNT; k++)
    {
      const char *path = plan->ns[k].path;
      if (!plan->ns[k].present || path == NULL || k == NS_PID)
        continue;
      fds[k] = open (path, O_RDONLY | O_CLOEXEC);
      if (fds[k] < 0)
        {
          ret = shim_fail (err, errno, "open %s namespace `%s`", ns_name (k), path);
          goto out;
        }
    }
  /* NS_USER is first in the enum: user, then the rest; EPERM retried after the others. */
  for (int pass = 0; pass < 2; pass++)
    for (int k = 0; k < NS_COUNT; k++)
      {
        if (fds[k] < 0 || (pass == 1 && !pending[k]))
          continue;
        if (setns (fds[k], ns_clone_flag (k)) == 0)
          {
            pending[k] = 0;
            close (fds[k]);
            fds[k] = -1;
            continue;
          }
        if (errno == EPERM && pass == 0)
          {
            pending[k] = 1;
            continue;
          }
        ret = shim_fail (err, errno, "join %s namespace `%s`", ns_name (k), plan->ns[k].path);
        goto out;
      }
out:
  for (int k = 0; k < NS_COUNT; k++)
    if (fds[k] >= 0)
      close (fds[k]);
  return ret;
}
