/* Helpers shared by every concern, see util.h. */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

void
cleanup_freep (void *p)
{
  void **pp = p;
  free (*pp);
}

void
cleanup_closep (int *fd)
{
  if (*fd >= 0)
    {
      int saved = errno;
      close (*fd);
      errno = saved;
    }
}

void *
xmalloc (size_t n)
{
  void *p = calloc (1, n ? n : 1);
  if (p == NULL)
    {
      dprintf (STDERR_FILENO, "berth-shim: out of memory\n");
      _exit (1);
    }
  return p;
}

void *
xrealloc (void *p, size_t n)
{
  void *r = realloc (p, n ? n : 1);
  if (r == NULL)
    {
      dprintf (STDERR_FILENO, "berth-shim: out of memory\n");
      _exit (1);
    }
  return r;
}

char *
xstrdup (const char *s)
{
  size_t n = strlen (s) + 1;
  char *r = xmalloc (n);
  memcpy (r, s, n);
  return r;
}

int
write_all (int fd, const void *buf, size_t len)
{
  const char *p = buf;
  while (len > 0)
    {
      ssize_t n = write (fd, p, len);
      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return -1;
        }
      p += n;
      len -= n;
    }
  return 0;
}

ssize_t
read_all (int fd, void *buf, size_t len)
{
  char *p = buf;
  size_t got = 0;
  while (got < len)
    {
      ssize_t n = read (fd, p + got, len - got);
      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return -1;
        }
      if (n == 0)
        break;
      got += n;
    }
  return got;
}

int
write_file (const char *path, const char *data, int create, struct shim_error *err)
{
  cleanup_close int fd = open (path, O_WRONLY | O_TRUNC | O_CLOEXEC | (create ? O_CREAT : 0), 0644);
  if (fd < 0)
    return shim_fail (err, errno, "open `%s`", path);
  if (write_all (fd, data, strlen (data)) < 0)
    return shim_fail (err, errno, "write `%s`", path);
  return 0;
}

int
write_file_atomic (const char *path, const char *data, struct shim_error *err)
{
  char tmp[4096];
  if ((size_t) snprintf (tmp, sizeof tmp, "%s.tmp", path) >= sizeof tmp)
    return shim_fail (err, ENAMETOOLONG, "temp name for `%s`", path);
  if (write_file (tmp, data, 1, err) < 0)
    return -1;
  if (rename (tmp, path) < 0)
    {
      int e = errno;
      unlink (tmp);
      return shim_fail (err, e, "rename `%s`", tmp);
    }
  return 0;
}

int
read_file (const char *path, char **out, struct shim_error *err)
{
  cleanup_close int fd = open (path, O_RDONLY | O_CLOEXEC);
  cleanup_free char *buf = NULL;
  size_t cap = 1024, len = 0;

  if (fd < 0)
    return shim_fail (err, errno, "open `%s`", path);
  buf = xmalloc (cap);
  for (;;)
    {
      ssize_t n;
      if (len + 1 >= cap)
        {
          if (cap >= (1u << 22))
            return shim_fail (err, EFBIG, "read `%s`", path);
          cap *= 2;
          buf = xrealloc (buf, cap);
        }
      n = read (fd, buf + len, cap - len - 1);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return shim_fail (err, errno, "read `%s`", path);
      if (n == 0)
        break;
      len += n;
    }
  buf[len] = '\0';
  *out = steal_ptr (&buf);
  return 0;
}

int
set_nonblock (int fd)
{
  int fl = fcntl (fd, F_GETFL);
  if (fl < 0)
    return -1;
  return fcntl (fd, F_SETFL, fl | O_NONBLOCK);
}

int
set_cloexec (int fd, int on)
{
  int fl = fcntl (fd, F_GETFD);
  if (fl < 0)
    return -1;
  return fcntl (fd, F_SETFD, on ? fl | FD_CLOEXEC : fl & ~FD_CLOEXEC);
}

int
send_fd (int sock, int fd, char byte, struct shim_error *err)
{
  char cbuf[CMSG_SPACE (sizeof (int))];
  struct iovec iov = { .iov_base = &byte, .iov_len = 1 };
  struct msghdr msg = { 0 };
  struct cmsghdr *cm;

  memset (cbuf, 0, sizeof cbuf);
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = cbuf;
  msg.msg_controllen = sizeof cbuf;
  cm = CMSG_FIRSTHDR (&msg);
  cm->cmsg_level = SOL_SOCKET;
  cm->cmsg_type = SCM_RIGHTS;
  cm->cmsg_len = CMSG_LEN (sizeof (int));
  memcpy (CMSG_DATA (cm), &fd, sizeof (int));
  while (sendmsg (sock, &msg, MSG_NOSIGNAL) < 0)
    if (errno != EINTR)
      return shim_fail (err, errno, "send fd");
  return 0;
}

int
recv_fd (int sock, char *byte, struct shim_error *err)
{
  char cbuf[CMSG_SPACE (sizeof (int))];
  struct iovec iov = { .iov_base = byte, .iov_len = 1 };
  struct msghdr msg = { 0 };
  struct cmsghdr *cm;
  ssize_t n;
  int fd = -1;

  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = cbuf;
  msg.msg_controllen = sizeof cbuf;
  do
    n = recvmsg (sock, &msg, MSG_CMSG_CLOEXEC);
  while (n < 0 && errno == EINTR);
  if (n < 0)
    return shim_fail (err, errno, "receive fd");
  if (n == 0)
    return shim_fail (err, 0, "receive fd: peer closed");
  for (cm = CMSG_FIRSTHDR (&msg); cm != NULL; cm = CMSG_NXTHDR (&msg, cm))
    if (cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS)
      memcpy (&fd, CMSG_DATA (cm), sizeof (int));
  return fd;
}

void
percent_encode (const char *in, char *out, size_t outlen)
{
  static const char hex[] = "0123456789ABCDEF";
  size_t o = 0;

  if (outlen == 0)
    return;
  if (*in == '\0' && outlen > 1)
    out[o++] = '%';
  for (; *in != '\0' && o + 4 < outlen; in++)
    {
      unsigned char c = *in;
      if (c <= 0x20 || c == '%' || c == 0x7f)
        {
          out[o++] = '%';
          out[o++] = hex[c >> 4];
          out[o++] = hex[c & 15];
        }
      else
        out[o++] = c;
    }
  out[o] = '\0';
}
