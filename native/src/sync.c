/* Caller protocol, see sync.h. */
#include "sync.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "util.h"

int
sync_connect (struct sync_conn *s, const char *path, struct shim_error *err)
{
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  cleanup_close int fd = -1;

  s->fd = -1;
  s->len = 0;
  if (strlen (path) >= sizeof addr.sun_path)
    return shim_fail (err, ENAMETOOLONG, "sync socket `%s`", path);
  strcpy (addr.sun_path, path);
  fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return shim_fail (err, errno, "socket");
  if (connect (fd, (struct sockaddr *) &addr, sizeof addr) < 0)
    return shim_fail (err, errno, "connect sync socket `%s`", path);
  s->fd = steal_fd (&fd);
  return 0;
}

void
sync_close (struct sync_conn *s)
{
  if (s->fd >= 0)
    close (s->fd);
  s->fd = -1;
}

void
sync_send (struct sync_conn *s, const char *keyword, const char *field)
{
  char enc[SHIM_ERR_MAX * 3 + 4], line[sizeof enc + 32];
  int n;

  if (s->fd < 0)
    return;
  if (field)
    {
      percent_encode (field, enc, sizeof enc);
      n = snprintf (line, sizeof line, "%s %s\n", keyword, enc);
    }
  else
    n = snprintf (line, sizeof line, "%s\n", keyword);
  if (write_all (s->fd, line, n) < 0)
    sync_close (s);
}

int
sync_read_line (struct sync_conn *s, char *line, size_t len)
{
  char *nl;
  ssize_t n;

  if (s->fd < 0)
    return -1;
  nl = memchr (s->buf, '\n', s->len);
  if (nl == NULL)
    {
      if (s->len == sizeof s->buf)
        s->len = 0; /* a line this long is garbage */
      do
        n = read (s->fd, s->buf + s->len, sizeof s->buf - s->len);
      while (n < 0 && errno == EINTR);
      if (n < 0 && errno == EAGAIN)
        return 0;
      if (n <= 0)
        {
          sync_close (s);
          return -1;
        }
      s->len += n;
      nl = memchr (s->buf, '\n', s->len);
      if (nl == NULL)
        return 0;
    }
  *nl = '\0';
  snprintf (line, len, "%s", s->buf);
  s->len -= (nl + 1 - s->buf);
  memmove (s->buf, nl + 1, s->len);
  return 1;
}

int
listen_unix_at (int dirfd, const char *name, int type, struct shim_error *err)
{
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  cleanup_close int fd = -1;

  snprintf (addr.sun_path, sizeof addr.sun_path, "/proc/self/fd/%d/%s", dirfd, name);
  unlinkat (dirfd, name, 0);
  fd = socket (AF_UNIX, type | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0)
    return shim_fail (err, errno, "socket");
  if (bind (fd, (struct sockaddr *) &addr, sizeof addr) < 0)
    return shim_fail (err, errno, "bind `%s`", name);
  if (listen (fd, 16) < 0)
    return shim_fail (err, errno, "listen `%s`", name);
  return steal_fd (&fd);
}
