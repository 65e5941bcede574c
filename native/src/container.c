/* The container process, see container.h. Every step that fails reports `E<message>` to the
   monitor and exits 1; exec failures exit 127 (ENOENT) or 126. */
#include "container.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/close_range.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "channel.h"
#include "hooks.h"
#include "identity.h"
#include "mounts.h"
#include "namespaces.h"
#include "pty.h"
#include "rootfs.h"
#include "seccomp.h"
#include "sysctl.h"
#include "util.h"

static const char DEFAULT_PATH[] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

static void __attribute__ ((noreturn))
fail (int sock, struct shim_error *err, int status)
{
  struct shim_error ignored;
  channel_send (sock, CH_ERROR, err->msg, &ignored);
  _exit (status);
}

/* Wait for one expected byte from the monitor; EOF means the monitor is gone. */
static int
await (int sock, char want, struct shim_error *err)
{
  char buf[16];
  int n = channel_recv (sock, buf, sizeof buf, err);
  if (n < 0)
    return -1;
  if (n == 0)
    return shim_fail (err, 0, "monitor went away");
  if (buf[0] != want)
    return shim_fail (err, 0, "unexpected message `%c` from the monitor", buf[0]);
  return 0;
}

static const char *
env_path (const struct plan *plan)
{
  for (size_t i = 0; i < plan->n_env; i++)
    if (strncmp (plan->env[i], "PATH=", 5) == 0)
      return plan->env[i] + 5;
  return DEFAULT_PATH;
}

/* args[0] resolved on the plan's PATH when it has no '/'; ENOENT/EACCES as execvp would. */
static int
resolve_exe (const struct plan *plan, char *out, size_t len, int *eno)
{
  const char *arg0 = plan->args[0], *p;
  int saw_eacces = 0;

  if (strchr (arg0, '/') != NULL)
    {
      snprintf (out, len, "%s", arg0);
      return 0;
    }
  p = env_path (plan);
  while (*p)
    {
      const char *colon = strchr (p, ':');
      size_t dl = colon ? (size_t) (colon - p) : strlen (p);
      struct stat st;
      if (dl == 0)
        snprintf (out, len, "./%s", arg0);
      else
        snprintf (out, len, "%.*s/%s", (int) dl, p, arg0);
      if (stat (out, &st) == 0 && S_ISREG (st.st_mode))
        {
          if (access (out, X_OK) == 0)
            return 0;
          saw_eacces = 1;
        }
      if (!colon)
        break;
      p = colon + 1;
    }
  snprintf (out, len, "%s", arg0);
  *eno = saw_eacces ? EACCES : ENOENT;
  return -1;
}

static void
reset_signals (void)
{
  sigset_t none;
  for (int s = 1; s < NSIG; s++)
    signal (s, SIG_DFL);
  sigemptyset (&none);
  sigprocmask (SIG_SETMASK, &none, NULL);
}

static int
load_seccomp_and_identity (const struct plan *plan, struct shim_error *err)
{
  if (plan->no_new_privs)
    {
      if (identity_apply (plan, err) < 0 || identity_no_new_privs (err) < 0)
        return -1;
      return seccomp_apply (plan, err); /* last: the filter may forbid what came before */
    }
  /* Without no_new_privs the filter needs CAP_SYS_ADMIN: load it before dropping caps. */
  if (seccomp_apply (plan, err) < 0)
    return -1;
  return identity_apply (plan, err);
}

void
container_run (const struct plan *plan, const struct container_fds *fds)
{
  struct shim_error err = { 0 };
  int sock = fds->sock;
  cleanup_close int rootfd = -1;
  cleanup_close int console = -1;
  cleanup_close int state_fd = -1;
  int master = -1, slave = -1;
  char exe[4096];
  int eno = 0;

  umask (0);
  if (await (sock, CH_GO, &err) < 0)
    fail (sock, &err, 1);
  /* Still single-threaded and in the host's cgroup namespace: "0" moves this very process
     (monitor.c, open_cgroup_tasks, says why not the monitor). */
  for (size_t i = 0; i < fds->n_cgroup_tasks; i++)
    {
      if (write (fds->cgroup_tasks[i], "0", 1) < 0)
        shim_fail (&err, errno, "join cgroup (tasks)"), fail (sock, &err, 1);
      close (fds->cgroup_tasks[i]);
    }

  if (plan->ns[NS_USER].present && plan->ns[NS_USER].path == NULL)
    {
      if (setresgid (0, 0, 0) < 0)
        shim_fail (&err, errno, "setresgid 0 in the new user namespace"), fail (sock, &err, 1);
      if (setresuid (0, 0, 0) < 0)
        shim_fail (&err, errno, "setresuid 0 in the new user namespace"), fail (sock, &err, 1);
    }
  /* The console socket is a host path: connect before joining another mount namespace. */
  if (plan->terminal && plan->console_socket)
    if ((console = pty_connect_console (plan->console_socket, &err)) < 0)
      fail (sock, &err, 1);
  if (ns_join_all (plan, &err) < 0)
    fail (sock, &err, 1);
  if (plan->ns[NS_CGROUP].present && plan->ns[NS_CGROUP].path == NULL && unshare (CLONE_NEWCGROUP) < 0)
    shim_fail (&err, errno, "unshare cgroup namespace"), fail (sock, &err, 1);

  if (plan->rootfs)
    {
      if ((rootfd = rootfs_prepare (plan, &err)) < 0 || mounts_apply (rootfd, plan, &err) < 0
          || mounts_devices (rootfd, plan, ns_in_userns (plan), &err) < 0
          || mounts_symlinks (rootfd, plan, &err) < 0)
        fail (sock, &err, 1);
    }
  else if (plan->cwd && chdir (plan->cwd) < 0)
    shim_fail (&err, errno, "chdir `%s`", plan->cwd), fail (sock, &err, 1);

  if (plan->terminal)
    {
      if (pty_open (rootfd, plan->rows, plan->cols, &master, &slave, &err) < 0)
        fail (sock, &err, 1);
      if (rootfd >= 0 && pty_bind_console (rootfd, slave, &err) < 0)
        fail (sock, &err, 1);
      if (send_fd (console >= 0 ? console : sock, master, CH_PTY, &err) < 0)
        shim_wrap (&err, "hand over the pty master"), fail (sock, &err, 1);
      close (master);
      master = -1;
    }

  if (channel_send (sock, CH_MOUNTED, NULL, &err) < 0 || await (sock, CH_CONTINUE, &err) < 0)
    fail (sock, &err, 1);

  if (plan->hookstate && (state_fd = open (plan->hookstate, O_RDONLY | O_CLOEXEC)) < 0)
    shim_fail (&err, errno, "open hook state `%s`", plan->hookstate), fail (sock, &err, 1);
  if (hooks_run (plan, HOOK_CREATE_CONTAINER, state_fd, &err) < 0)
    fail (sock, &err, 1);

  if (plan->rootfs)
    {
      close (steal_fd (&rootfd));
      if (rootfs_pivot (plan, &err) < 0)
        fail (sock, &err, 1);
    }
  if (sysctl_apply (plan, &err) < 0)
    fail (sock, &err, 1);
  if (plan->hostname && sethostname (plan->hostname, strlen (plan->hostname)) < 0)
    shim_fail (&err, errno, "sethostname"), fail (sock, &err, 1);
  if (plan->domainname && setdomainname (plan->domainname, strlen (plan->domainname)) < 0)
    shim_fail (&err, errno, "setdomainname"), fail (sock, &err, 1);
  if (plan->rootfs)
    {
      if (mounts_readonly_paths (plan, &err) < 0 || mounts_masked_paths (plan, &err) < 0)
        fail (sock, &err, 1);
      if (plan->readonly_rootfs && rootfs_readonly (&err) < 0)
        fail (sock, &err, 1);
    }

  if (plan->terminal)
    {
      if (pty_make_controlling (slave, &err) < 0)
        fail (sock, &err, 1);
      if (slave > 2)
        close (slave);
    }
  else if (fds->stdin_r >= 0)
    {
      if (dup2 (fds->stdin_r, 0) < 0 || dup2 (fds->stdout_w, 1) < 0 || dup2 (fds->stderr_w, 2) < 0)
        shim_fail (&err, errno, "dup stdio pipes"), fail (sock, &err, 1);
      close (fds->stdin_r);
      close (fds->stdout_w);
      close (fds->stderr_w);
    }

  if (plan->rootfs && plan->cwd && chdir (plan->cwd) < 0)
    shim_fail (&err, errno, "chdir `%s`", plan->cwd), fail (sock, &err, 1);
  if (identity_rlimits (plan, &err) < 0)
    fail (sock, &err, 1);
  umask (plan->has_umask ? plan->umask : 022);
  if (load_seccomp_and_identity (plan, &err) < 0)
    fail (sock, &err, 1);

  /* Nothing but 0/1/2 may reach the user's program (CVE-2024-21626): the channel and the hook
     state are already close-on-exec; mark every other fd as well. */
  if (syscall (SYS_close_range, 3, ~0U, CLOSE_RANGE_CLOEXEC) < 0)
    shim_fail (&err, errno, "close_range"), fail (sock, &err, 1);

  if (channel_send (sock, CH_READY, NULL, &err) < 0 || await (sock, CH_START, &err) < 0)
    _exit (1);
  if (hooks_run (plan, HOOK_START_CONTAINER, state_fd, &err) < 0)
    fail (sock, &err, 1);

  if (resolve_exe (plan, exe, sizeof exe, &eno) == 0)
    {
      reset_signals ();
      execve (exe, plan->args, plan->env);
      eno = errno;
    }
  shim_fail (&err, eno, "exec: %s", exe);
  fail (sock, &err, eno == ENOENT ? 127 : 126);
}
