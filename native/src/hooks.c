/* Hooks, see hooks.h. */
#include "hooks.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

static int
wait_hook (pid_t pid, int timeout, int *status, struct shim_error *err)
{
  cleanup_close int pidfd = (int) syscall (SYS_pidfd_open, pid, 0);
  struct pollfd pfd;
  int r;

  if (pidfd >= 0 && timeout > 0)
    {
      pfd.fd = pidfd;
      pfd.events = POLLIN;
      do
        r = poll (&pfd, 1, timeout * 1000);
      while (r < 0 && errno == EINTR);
      if (r == 0)
        {
          kill (pid, SIGKILL);
          waitpid (pid, status, 0);
          return shim_fail (err, 0, "timed out after %d s", timeout);
        }
    }
  while (waitpid (pid, status, 0) < 0)
    if (errno != EINTR)
      return shim_fail (err, errno, "waitpid");
  return 0;
}

static int
run_one (const struct plan_hook *h, int state_fd, struct shim_error *err)
{
  int status = 0;
  pid_t pid;

  if (state_fd >= 0)
    lseek (state_fd, 0, SEEK_SET);
  pid = fork ();
  if (pid < 0)
    return shim_fail (err, errno, "fork");
  if (pid == 0)
    {
      char *fallback[] = { h->path, NULL };
      int in = state_fd >= 0 ? state_fd : open ("/dev/null", O_RDONLY);
      sigset_t all;
      sigemptyset (&all);
      sigprocmask (SIG_SETMASK, &all, NULL);
      if (in >= 0 && in != 0)
        dup2 (in, 0);
      execve (h->path, h->args[0] ? h->args : fallback, h->env);
      _exit (127);
    }
  if (wait_hook (pid, h->timeout, &status, err) < 0)
    return -1;
  if (WIFEXITED (status) && WEXITSTATUS (status) == 0)
    return 0;
  if (WIFEXITED (status))
    return shim_fail (err, 0, "exited with %d", WEXITSTATUS (status));
  return shim_fail (err, 0, "killed by signal %d", WTERMSIG (status));
}

int
hooks_run (const struct plan *plan, enum hook_stage stage, int state_fd, struct shim_error *err)
{
  for (size_t i = 0; i < plan->n_hooks; i++)
    {
      const struct plan_hook *h = &plan->hooks[i];
      if (h->stage != stage)
        continue;
      if (run_one (h, state_fd, err) < 0)
        return shim_wrap (err, "%s hook `%s`",
                          stage == HOOK_CREATE_CONTAINER ? "createContainer" : "startContainer",
                          h->path);
    }
  return 0;
}
