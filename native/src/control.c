/* ctl.sock, see control.h. */
#include "control.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "plan.h"
#include "util.h"

static int
read_line (int fd, char *buf, size_t len)
{
  size_t got = 0;
  while (got + 1 < len)
    {
      ssize_t n = read (fd, buf + got, len - 1 - got);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      got += n;
      if (memchr (buf, '\n', got))
        break;
    }
  buf[got] = '\0';
  buf[strcspn (buf, "\r\n")] = '\0';
  return got > 0 ? 0 : -1;
}

static int
parse_int (const char *s, int min, int max, int *out)
{
  char *end;
  long v;
  if (s == NULL || *s == '\0')
    return -1;
  errno = 0;
  v = strtol (s, &end, 10);
  if (errno || *end || v < min || v > max)
    return -1;
  *out = (int) v;
  return 0;
}

int
control_accept (int listen_fd, struct shim_error *err)
{
  struct timeval tv = { .tv_sec = 1 };
  int fd = accept4 (listen_fd, NULL, NULL, SOCK_CLOEXEC);

  if (fd < 0)
    return shim_fail (err, errno, "accept ctl");
  /* Read only when readable; the timeouts bound a client that sends half a line or never
     reads its reply. */
  setsockopt (fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  setsockopt (fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  return fd;
}

int
control_read (int client, struct ctl_request *req, struct shim_error *err)
{
  char line[128], *save = NULL, *kw, *a, *b;

  if (read_line (client, line, sizeof line) < 0)
    {
      close (client);
      return shim_fail (err, 0, "ctl: no request");
    }
  kw = strtok_r (line, " ", &save);
  a = strtok_r (NULL, " ", &save);
  b = strtok_r (NULL, " ", &save);
  if (kw && strcmp (kw, "start") == 0)
    req->kind = CTL_START;
  else if (kw && strcmp (kw, "signal") == 0 && parse_int (a, 1, 64, &req->a) == 0)
    req->kind = CTL_SIGNAL;
  else if (kw && strcmp (kw, "resize") == 0 && parse_int (a, 0, 65535, &req->a) == 0
           && parse_int (b, 0, 65535, &req->b) == 0)
    req->kind = CTL_RESIZE;
  else if (kw && strcmp (kw, "closestdin") == 0)
    req->kind = CTL_CLOSE_STDIN;
  else
    {
      control_reply (client, "bad request");
      return shim_fail (err, 0, "ctl: bad request");
    }
  return 0;
}

void
control_reply (int client, const char *message)
{
  char line[SHIM_ERR_MAX + 16];
  int n;

  if (client < 0)
    return;
  /* The rest of the line is the message, raw (PLAN.md): only line breaks are flattened. */
  if (message == NULL)
    n = snprintf (line, sizeof line, "ok\n");
  else
    {
      n = snprintf (line, sizeof line - 1, "error %s", message);
      if (n > (int) sizeof line - 2)
        n = sizeof line - 2;
      for (int i = 0; i < n; i++)
        if (line[i] == '\n' || line[i] == '\r')
          line[i] = ' ';
      line[n++] = '\n';
    }
  write_all (client, line, n);
  close (client);
}
