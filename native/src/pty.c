/* Terminals, see pty.h. */
#include "pty.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <termios.h>
#include <unistd.h>

#include "mounts.h"
#include "util.h"

int
pty_resize (int fd, unsigned short rows, unsigned short cols, struct shim_error *err)
{
  struct winsize ws = { .ws_row = rows, .ws_col = cols };
  if (ioctl (fd, TIOCSWINSZ, &ws) < 0)
    return shim_fail (err, errno, "set window size");
  return 0;
}

int
pty_open (int rootfd, unsigned short rows, unsigned short cols, int *master, int *slave,
          struct shim_error *err)
{
  cleanup_close int m = -1;
  int s, unlock = 0;

  if (rootfd >= 0)
    m = open_in_root (rootfd, "/dev/pts/ptmx", O_RDWR | O_NOCTTY, err);
  else
    {
      m = open ("/dev/pts/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC);
      if (m < 0)
        m = open ("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC);
      if (m < 0)
        shim_fail (err, errno, "open /dev/pts/ptmx");
    }
  if (m < 0)
    return -1;
  if (ioctl (m, TIOCSPTLCK, &unlock) < 0)
    return shim_fail (err, errno, "unlock pty");
  s = ioctl (m, TIOCGPTPEER, O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (s < 0)
    return shim_fail (err, errno, "open pty slave");
  if ((rows || cols) && pty_resize (m, rows, cols, err) < 0)
    {
      close (s);
      return -1;
    }
  *slave = s;
  *master = steal_fd (&m);
  return 0;
}

int
pty_bind_console (int rootfd, int slave, struct shim_error *err)
{
  cleanup_close int target = -1;
  struct shim_error ignored;
  char src[64], dst[64];

  target = open_in_root (rootfd, "/dev/console", O_PATH, &ignored);
  if (target < 0)
    return 0;
  if (mount (fd_path (slave, src, sizeof src), fd_path (target, dst, sizeof dst), NULL, MS_BIND,
             NULL) < 0)
    return shim_fail (err, errno, "bind pty onto /dev/console");
  return 0;
}

int
pty_connect_console (const char *path, struct shim_error *err)
{
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  cleanup_close int fd = -1;

  if (strlen (path) >= sizeof addr.sun_path)
    return shim_fail (err, ENAMETOOLONG, "console socket `%s`", path);
  strcpy (addr.sun_path, path);
  fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return shim_fail (err, errno, "socket");
  if (connect (fd, (struct sockaddr *) &addr, sizeof addr) < 0)
    return shim_fail (err, errno, "connect console socket `%s`", path);
  return steal_fd (&fd);
}

int
pty_make_controlling (int slave, struct shim_error *err)
{
  if (setsid () < 0)
    return shim_fail (err, errno, "setsid");
  if (ioctl (slave, TIOCSCTTY, 0) < 0)
    return shim_fail (err, errno, "set controlling terminal");
  for (int i = 0; i < 3; i++)
    if (dup2 (slave, i) < 0)
      return shim_fail (err, errno, "dup pty slave");
  return 0;
}
