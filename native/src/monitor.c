/* The monitor, see monitor.h. One epoll loop, no threads, no big static buffers. */
#include "monitor.h"

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "attach.h"
#include "channel.h"
#include "container.h"
#include "control.h"
#include "log.h"
#include "namespaces.h"
#include "pty.h"
#include "sync.h"
#include "util.h"

enum tag
{
  T_SIGNAL = 1,
  T_SYNC,
  T_CHANNEL,
  T_CTL,
  T_CTL_CLIENT,
  T_ATTACH_LISTEN,
  T_ATTACH_CLIENT,
  T_STDOUT,
  T_STDERR,
  T_MASTER
};

enum state
{
  ST_SETUP,          /* waiting for the container's 'm' */
  ST_WAIT_CONTINUE,  /* `pid` sent, waiting for the caller */
  ST_CREATING,       /* `continue` passed on, waiting for 'r' */
  ST_CREATED,
  ST_STARTING,       /* 's' sent, waiting for EOF (exec ok) or 'E' */
  ST_RUNNING
};

struct monitor
{
  struct plan *plan;
  enum state state;
  pid_t child;
  int epfd, sigfd, channel, rundir;
  int ctl_listen, attach_listen;
  int stdin_w, stdout_r, stderr_r, master;
  int start_client;
  int error_sent;
  long long oom_start;
  bool self_join; /* the container process joins its v1 cgroups through `tasks` */
  struct sync_conn sync;
  struct attach_set attach;
  struct log_writer log;
};

static void
watch (struct monitor *m, int fd, enum tag tag)
{
  struct epoll_event ev = { .events = EPOLLIN, .data.u64 = ((uint64_t) tag << 32) | (uint32_t) fd };
  epoll_ctl (m->epfd, EPOLL_CTL_ADD, fd, &ev);
}

static void
unwatch_close (struct monitor *m, int *fd)
{
  if (*fd < 0)
    return;
  epoll_ctl (m->epfd, EPOLL_CTL_DEL, *fd, NULL);
  close (*fd);
  *fd = -1;
}

static void
rundir_file (struct monitor *m, const char *name, const char *data)
{
  struct shim_error err;
  char path[4096];
  snprintf (path, sizeof path, "%s/%s", m->plan->rundir, name);
  write_file_atomic (path, data, &err);
}

static long long
read_oom_count (const char *path)
{
  struct shim_error err;
  cleanup_free char *text = NULL;
  char *p;

  if (path == NULL || read_file (path, &text, &err) < 0)
    return -1;
  for (p = text; p != NULL; p = strchr (p, '\n'), p = p ? p + 1 : NULL)
    if (strncmp (p, "oom_kill ", 9) == 0)
      return atoll (p + 9);
  return -1;
}

/* Before `created`, any failure ends everything: report once, kill the container. */
static void
setup_failed (struct monitor *m, const char *message)
{
  if (!m->error_sent)
    sync_send (&m->sync, "error", message);
  m->error_sent = 1;
  if (m->child > 0)
    kill (m->child, SIGKILL);
}

/* Pass one read of output on to the log and to attached clients.
   Returns 1 after data, 0 at EOF (or EIO from a pty master whose slave is gone), -1 if none. */
static int
pump (struct monitor *m, int fd, int stream)
{
  char buf[8192];
  ssize_t n;
  do
    n = read (fd, buf, sizeof buf);
  while (n < 0 && errno == EINTR);
  if (n < 0 && errno == EAGAIN)
    return -1;
  if (n <= 0)
    return 0;
  log_write (&m->log, stream, buf, n);
  attach_broadcast (&m->attach, stream, buf, n);
  return 1;
}

/* At exit: take what is buffered, without waiting for writers that outlive the container. */
static void
drain (struct monitor *m, int *fd, int stream)
{
  if (*fd < 0)
    return;
  set_nonblock (*fd);
  while (pump (m, *fd, stream) == 1)
    ;
  unwatch_close (m, fd);
}

static void __attribute__ ((noreturn))
finish (struct monitor *m, int status)
{
  int code = WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status);
  char num[32];
  long long oom_end;

  m->child = -1;
  if (m->state < ST_CREATED)
    {
      snprintf (num, sizeof num, "%d", code);
      if (!m->error_sent)
        {
          char msg[96];
          snprintf (msg, sizeof msg, "container process exited with %d during setup", code);
          setup_failed (m, msg);
        }
    }
  if (m->start_client >= 0)
    control_reply (steal_fd (&m->start_client), "container exited");

  /* Output first, then `oom`, then `exit`: whoever sees `exit` finds the log and `oom` done. */
  drain (m, &m->stdout_r, 1);
  drain (m, &m->stderr_r, 2);
  drain (m, &m->master, 1);
  log_close (&m->log);
  oom_end = read_oom_count (m->plan->oom_counter);
  if (m->oom_start >= 0 && oom_end > m->oom_start)
    rundir_file (m, "oom", "");
  snprintf (num, sizeof num, "%d\n", code);
  rundir_file (m, "exit", num);

  if (m->state >= ST_CREATED)
    {
      snprintf (num, sizeof num, "%d", code);
      sync_send (&m->sync, "exit", num);
    }
  sync_close (&m->sync);
  attach_close_all (&m->attach);
  unlinkat (m->rundir, "ctl.sock", 0);
  unlinkat (m->rundir, "attach.sock", 0);
  _exit (0);
}

/* The end of a start: answer the ctl client, or the caller on sync for an autostart. */
static void
start_done (struct monitor *m, const char *error)
{
  m->state = ST_RUNNING;
  if (error == NULL)
    rundir_file (m, "started", "");
  control_reply (steal_fd (&m->start_client), error);
  if (m->plan->autostart)
    sync_send (&m->sync, error == NULL ? "started" : "error", error);
}

static void
on_sigchld (struct monitor *m)
{
  struct signalfd_siginfo si;
  int status;
  pid_t pid;

  while (read (m->sigfd, &si, sizeof si) > 0)
    ;
  /* A subreaper: reap reparented orphans too. */
  while ((pid = waitpid (-1, &status, WNOHANG)) > 0)
    if (pid == m->child)
      {
        /* Read what the container said before dying (an `E` message). */
        char buf[SHIM_ERR_MAX + 2];
        struct shim_error err;
        int n;
        while (m->channel >= 0 && (n = channel_recv (m->channel, buf, sizeof buf, &err)) > 0)
          if (buf[0] == CH_ERROR)
            {
              if (m->state == ST_STARTING)
                start_done (m, buf + 1);
              else if (m->state < ST_CREATED)
                setup_failed (m, buf + 1);
            }
        finish (m, status);
      }
}

static void
on_channel (struct monitor *m)
{
  char buf[SHIM_ERR_MAX + 2], cbuf[CMSG_SPACE (sizeof (int))];
  struct iovec iov = { buf, sizeof buf - 1 };
  struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf,
                        .msg_controllen = sizeof cbuf };
  struct cmsghdr *cm;
  struct shim_error err;
  ssize_t n;
  int fd = -1;

  do
    n = recvmsg (m->channel, &msg, MSG_CMSG_CLOEXEC | MSG_DONTWAIT);
  while (n < 0 && errno == EINTR);
  if (n < 0 && errno == EAGAIN)
    return;
  if (n <= 0)
    {
      /* EOF: the container's end closed. After `start` that means execve succeeded. */
      unwatch_close (m, &m->channel);
      if (m->state == ST_STARTING)
        start_done (m, NULL);
      return;
    }
  buf[n] = '\0';
  for (cm = CMSG_FIRSTHDR (&msg); cm != NULL; cm = CMSG_NXTHDR (&msg, cm))
    if (cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS)
      memcpy (&fd, CMSG_DATA (cm), sizeof fd);

  switch (buf[0])
    {
    case CH_PTY:
      if (fd >= 0 && m->master < 0)
        {
          m->master = steal_fd (&fd);
          set_nonblock (m->master);
          watch (m, m->master, T_MASTER);
        }
      break;
    case CH_MOUNTED:
      {
        char num[32];
        snprintf (num, sizeof num, "%d", m->child);
        m->state = ST_WAIT_CONTINUE;
        sync_send (&m->sync, "pid", num);
        if (m->sync.fd < 0)
          setup_failed (m, "sync socket closed");
        else if (!m->plan->wait_continue)
          {
            /* no hooks of the caller's to run in between: go on at once */
            m->state = ST_CREATING;
            if (channel_send (m->channel, CH_CONTINUE, NULL, &err) < 0)
              setup_failed (m, err.msg);
          }
        break;
      }
    case CH_READY:
      m->state = ST_CREATED;
      sync_send (&m->sync, "created", NULL);
      /* `run`: no round trip through ctl.sock between created and start */
      if (m->plan->autostart)
        {
          if (channel_send (m->channel, CH_START, NULL, &err) < 0)
            start_done (m, err.msg);
          else
            m->state = ST_STARTING;
        }
      break;
    case CH_ERROR:
      if (m->state == ST_STARTING)
        start_done (m, buf + 1); /* execve failed: the process exits 127/126 next */
      else if (m->state < ST_CREATED)
        setup_failed (m, buf + 1);
      break;
    default:
      shim_fail (&err, 0, "unexpected message from the container process");
      setup_failed (m, err.msg);
    }
  if (fd >= 0)
    close (fd);
}

static void
on_sync (struct monitor *m)
{
  char line[256];
  struct shim_error err;
  int r;

  while ((r = sync_read_line (&m->sync, line, sizeof line)) == 1)
    {
      if (strcmp (line, "continue") == 0 && m->state == ST_WAIT_CONTINUE)
        {
          m->state = ST_CREATING;
          if (channel_send (m->channel, CH_CONTINUE, NULL, &err) < 0)
            setup_failed (m, err.msg);
        }
      else if (strcmp (line, "abort") == 0 && m->state < ST_CREATED)
        setup_failed (m, "aborted by the caller");
    }
  if (r < 0)
    {
      epoll_ctl (m->epfd, EPOLL_CTL_DEL, m->sync.fd, NULL);
      sync_close (&m->sync);
      if (m->state < ST_CREATED)
        setup_failed (m, "sync socket closed");
    }
}

static void
on_ctl (struct monitor *m)
{
  struct shim_error err;
  int client = control_accept (m->ctl_listen, &err);

  if (client >= 0)
    watch (m, client, T_CTL_CLIENT);
}

static void
on_ctl_client (struct monitor *m, int client)
{
  struct ctl_request req;
  struct shim_error err;

  epoll_ctl (m->epfd, EPOLL_CTL_DEL, client, NULL);
  if (control_read (client, &req, &err) < 0)
    return;
  switch (req.kind)
    {
    case CTL_START:
      if (m->state != ST_CREATED)
        control_reply (client, m->state < ST_CREATED ? "not created yet" : "already started");
      else if (m->start_client >= 0)
        control_reply (client, "start in progress");
      else if (channel_send (m->channel, CH_START, NULL, &err) < 0)
        control_reply (client, err.msg);
      else
        {
          m->state = ST_STARTING;
          m->start_client = client;
        }
      return;
    case CTL_SIGNAL:
      if (m->child <= 0)
        control_reply (client, "no container process");
      else if (kill (m->child, req.a) < 0)
        shim_fail (&err, errno, "kill"), control_reply (client, err.msg);
      else
        control_reply (client, NULL);
      return;
    case CTL_RESIZE:
      if (m->master < 0)
        control_reply (client, "no terminal owned by the monitor");
      else if (pty_resize (m->master, req.a, req.b, &err) < 0)
        control_reply (client, err.msg);
      else
        control_reply (client, NULL);
      return;
    case CTL_CLOSE_STDIN:
      if (m->stdin_w >= 0)
        {
          close (m->stdin_w);
          m->stdin_w = -1;
        }
      control_reply (client, NULL);
      return;
    }
}

static void
on_attach_client (struct monitor *m, int fd, uint32_t events)
{
  char buf[8192];
  ssize_t n;
  int in = m->master >= 0 ? m->master : m->stdin_w;

  do
    n = recv (fd, buf, sizeof buf, MSG_DONTWAIT);
  while (n < 0 && errno == EINTR);
  if (n < 0 && errno == EAGAIN)
    return;
  if (n > 0)
    {
      if (in >= 0 && write_all (in, buf, n) < 0 && in == m->stdin_w)
        {
          close (m->stdin_w);
          m->stdin_w = -1;
        }
      return;
    }
  /* Shut down for writing (or gone): no more input from it; close the container's stdin. */
  epoll_ctl (m->epfd, EPOLL_CTL_DEL, fd, NULL);
  if (m->stdin_w >= 0)
    {
      close (m->stdin_w);
      m->stdin_w = -1;
    }
  if (n < 0 || (events & EPOLLHUP))
    attach_remove (&m->attach, fd);
  else
    {
      struct attach_client *c = attach_find (&m->attach, fd);
      if (c)
        c->reading = 0;
    }
}

static int
setup_stdio (struct monitor *m, struct container_fds *cf, struct shim_error *err)
{
  int in[2], out[2], errp[2];
  if (!m->plan->stdio_pipe || m->plan->terminal)
    return 0;
  if (pipe2 (in, O_CLOEXEC) < 0 || pipe2 (out, O_CLOEXEC) < 0 || pipe2 (errp, O_CLOEXEC) < 0)
    return shim_fail (err, errno, "pipe");
  cf->stdin_r = in[0];
  m->stdin_w = in[1];
  m->stdout_r = out[0];
  cf->stdout_w = out[1];
  m->stderr_r = errp[0];
  cf->stderr_w = errp[1];
  set_nonblock (m->stdout_r);
  set_nonblock (m->stderr_r);
  return 0;
}

static int
after_clone (struct monitor *m, int saved_oom, struct shim_error *err)
{
  char path[4096], num[32];
  const struct plan *p = m->plan;

  if (ns_write_id_maps (m->child, p, err) < 0)
    return shim_wrap (err, "id maps");
  snprintf (path, sizeof path, "/proc/%d/oom_score_adj", m->child);
  snprintf (num, sizeof num, "%d", p->has_oom_score_adj ? p->oom_score_adj : saved_oom);
  if (write_file (path, num, 0, err) < 0)
    return shim_wrap (err, "oom_score_adj");
  /* With v1 `tasks` files open, the container process joins its cgroups itself. */
  snprintf (num, sizeof num, "%d", m->child);
  for (size_t i = 0; !m->self_join && i < p->n_cgroups; i++)
    {
      snprintf (path, sizeof path, "%s/cgroup.procs", p->cgroups[i]);
      if (write_file (path, num, 0, err) < 0)
        return shim_wrap (err, "join cgroup");
    }
  return channel_send (m->channel, CH_GO, NULL, err);
}

/*
 * Writing a pid to cgroup.procs takes the kernel's global threadgroup lock for writing, which
 * waits for an RCU grace period: milliseconds, on every container start. A single-threaded
 * process that writes "0" (itself) to a v1 `tasks` file skips that lock. The monitor opens the
 * files (write permission is checked against the opener, so this works from a user namespace
 * too); the container process writes. v2 has no `tasks`: the monitor writes cgroup.procs.
 */
static void
close_cgroup_tasks (struct container_fds *cf)
{
  for (size_t i = 0; i < cf->n_cgroup_tasks; i++)
    close (cf->cgroup_tasks[i]);
  free (cf->cgroup_tasks);
  cf->cgroup_tasks = NULL;
  cf->n_cgroup_tasks = 0;
}

static int
open_cgroup_tasks (struct monitor *m, struct container_fds *cf)
{
  const struct plan *p = m->plan;
  char path[4096];
  if (p->n_cgroups == 0)
    return 0;
  cf->cgroup_tasks = calloc (p->n_cgroups, sizeof (int));
  if (cf->cgroup_tasks == NULL)
    return 0;
  for (size_t i = 0; i < p->n_cgroups; i++)
    {
      snprintf (path, sizeof path, "%s/tasks", p->cgroups[i]);
      int fd = open (path, O_WRONLY | O_CLOEXEC);
      if (fd < 0)
        {
          close_cgroup_tasks (cf);
          return 0;
        }
      cf->cgroup_tasks[cf->n_cgroup_tasks++] = fd;
    }
  m->self_join = true;
  return 0;
}

static int
read_oom_score_adj (void)
{
  char buf[16] = { 0 };
  int fd = open ("/proc/self/oom_score_adj", O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return 0;
  if (read (fd, buf, sizeof buf - 1) < 0)
    buf[0] = '\0';
  close (fd);
  return atoi (buf);
}

void
monitor_run (struct plan *plan)
{
  struct monitor mon = { 0 }, *m = &mon;
  struct container_fds cf = { .sock = -1, .stdin_r = -1, .stdout_w = -1, .stderr_w = -1 };
  struct shim_error err = { 0 };
  int saved_oom, sp[2], devnull;
  sigset_t mask;
  char num[32];

  m->plan = plan;
  m->child = -1;
  m->stdin_w = m->stdout_r = m->stderr_r = m->master = -1;
  m->start_client = -1;
  m->ctl_listen = m->attach_listen = m->channel = -1;
  m->log.fd = -1;
  m->sync.fd = -1;

  setsid ();
  prctl (PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
  saved_oom = read_oom_score_adj ();
  write_file ("/proc/self/oom_score_adj", "-1000", 0, &err);
  signal (SIGPIPE, SIG_IGN);
  sigemptyset (&mask);
  sigaddset (&mask, SIGCHLD);
  sigprocmask (SIG_BLOCK, &mask, NULL);

  m->rundir = open (plan->rundir, O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (m->rundir < 0)
    shim_fail (&err, errno, "open rundir `%s`", plan->rundir), shim_die (&err, 1);
  snprintf (num, sizeof num, "%d\n", getpid ());
  rundir_file (m, "shim.pid", num);
  if (sync_connect (&m->sync, plan->sync, &err) < 0)
    shim_die (&err, 1);
  set_nonblock (m->sync.fd);

  m->epfd = epoll_create1 (EPOLL_CLOEXEC);
  m->sigfd = signalfd (-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
  if (m->epfd < 0 || m->sigfd < 0)
    goto fail_errno;
  if ((m->ctl_listen = listen_unix_at (m->rundir, "ctl.sock", SOCK_STREAM, &err)) < 0)
    goto fail;
  if (plan->stdio_pipe || (plan->terminal && !plan->console_socket))
    if ((m->attach_listen = listen_unix_at (m->rundir, "attach.sock", SOCK_STREAM, &err)) < 0)
      goto fail;
  if (plan->log_path && (plan->stdio_pipe || (plan->terminal && !plan->console_socket))
      && log_open (&m->log, plan->log_path, plan->log_max_bytes, plan->log_max_files, &err) < 0)
    goto fail;
  if (setup_stdio (m, &cf, &err) < 0)
    goto fail;
  if (socketpair (AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sp) < 0)
    goto fail_errno;
  m->channel = sp[0];
  cf.sock = sp[1];
  if (ns_join_pid (plan, &err) < 0)
    goto fail;
  m->oom_start = read_oom_count (plan->oom_counter);
  open_cgroup_tasks (m, &cf);

  m->child = ns_clone (ns_create_flags (plan), &err);
  if (m->child < 0)
    goto fail;
  if (m->child == 0)
    {
      /* Nothing of the monitor's stays in the container process. */
      int mine[] = { m->channel, m->sync.fd, m->epfd, m->sigfd, m->ctl_listen, m->attach_listen,
                     m->stdin_w, m->stdout_r, m->stderr_r, m->log.fd, m->rundir };
      for (size_t i = 0; i < sizeof mine / sizeof *mine; i++)
        if (mine[i] >= 0)
          close (mine[i]);
      container_run (plan, &cf);
    }
  set_nonblock (m->channel);
  close (cf.sock);
  close_cgroup_tasks (&cf);
  if (cf.stdin_r >= 0)
    {
      close (cf.stdin_r);
      close (cf.stdout_w);
      close (cf.stderr_w);
    }
  if (!plan->stdin_open && m->stdin_w >= 0)
    {
      close (m->stdin_w);
      m->stdin_w = -1;
    }
  if (after_clone (m, saved_oom, &err) < 0)
    {
      setup_failed (m, err.msg);
      err.msg[0] = '\0';
    }

  /* The container has its own copies now: release the caller's stdio. */
  devnull = open ("/dev/null", O_RDWR | O_CLOEXEC);
  if (devnull >= 0)
    {
      dup2 (devnull, 0);
      dup2 (devnull, 1);
      dup2 (devnull, 2);
      if (devnull > 2)
        close (devnull);
    }

  watch (m, m->sigfd, T_SIGNAL);
  watch (m, m->sync.fd, T_SYNC);
  watch (m, m->channel, T_CHANNEL);
  watch (m, m->ctl_listen, T_CTL);
  if (m->attach_listen >= 0)
    watch (m, m->attach_listen, T_ATTACH_LISTEN);
  if (m->stdout_r >= 0)
    watch (m, m->stdout_r, T_STDOUT);
  if (m->stderr_r >= 0)
    watch (m, m->stderr_r, T_STDERR);

  for (;;)
    {
      struct epoll_event evs[8];
      int n = epoll_wait (m->epfd, evs, 8, -1);
      if (n < 0 && errno == EINTR)
        continue;
      for (int i = 0; i < n; i++)
        {
          enum tag tag = (enum tag) (evs[i].data.u64 >> 32);
          int fd = (int) (uint32_t) evs[i].data.u64;
          switch (tag)
            {
            case T_SIGNAL: on_sigchld (m); break;
            case T_SYNC: on_sync (m); break;
            case T_CHANNEL: on_channel (m); break;
            case T_CTL: on_ctl (m); break;
            case T_CTL_CLIENT: on_ctl_client (m, fd); break;
            case T_ATTACH_LISTEN:
              {
                int c = attach_accept (&m->attach, m->attach_listen);
                if (c >= 0)
                  watch (m, c, T_ATTACH_CLIENT);
                break;
              }
            case T_ATTACH_CLIENT: on_attach_client (m, fd, evs[i].events); break;
            case T_STDOUT:
              if (pump (m, m->stdout_r, 1) == 0)
                unwatch_close (m, &m->stdout_r);
              break;
            case T_STDERR:
              if (pump (m, m->stderr_r, 2) == 0)
                unwatch_close (m, &m->stderr_r);
              break;
            case T_MASTER:
              if (pump (m, m->master, 1) == 0)
                unwatch_close (m, &m->master);
              break;
            }
        }
    }

fail_errno:
  shim_fail (&err, errno, "monitor setup");
fail:
  sync_send (&m->sync, "error", err.msg);
  if (m->child > 0)
    {
      kill (m->child, SIGKILL);
      waitpid (m->child, NULL, 0);
    }
  _exit (1);
}
