/* attach.sock clients, see attach.h. */
#include "attach.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <unistd.h>

#include "util.h"

int
attach_accept (struct attach_set *set, int listen_fd)
{
  struct timeval tv = { .tv_sec = ATTACH_SEND_TIMEOUT };
  int fd = accept4 (listen_fd, NULL, NULL, SOCK_CLOEXEC);
  if (fd < 0)
    return -1;
  setsockopt (fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  set->c = xrealloc (set->c, (set->n + 1) * sizeof *set->c);
  set->c[set->n].fd = fd;
  set->c[set->n].reading = 1;
  set->n++;
  return fd;
}

struct attach_client *
attach_find (struct attach_set *set, int fd)
{
  for (size_t i = 0; i < set->n; i++)
    if (set->c[i].fd == fd)
      return &set->c[i];
  return NULL;
}

void
attach_remove (struct attach_set *set, int fd)
{
  for (size_t i = 0; i < set->n; i++)
    if (set->c[i].fd == fd)
      {
        close (fd);
        set->c[i] = set->c[--set->n];
        return;
      }
}

void
attach_broadcast (struct attach_set *set, int stream, const char *data, size_t len)
{
  unsigned char head[5] = { (unsigned char) stream, (unsigned char) (len >> 24),
                            (unsigned char) (len >> 16), (unsigned char) (len >> 8),
                            (unsigned char) len };

  for (size_t i = 0; i < set->n;)
    {
      struct iovec iov[2] = { { head, sizeof head }, { (void *) data, len } };
      struct msghdr msg = { .msg_iov = iov, .msg_iovlen = 2 };
      size_t left = sizeof head + len;
      int ok = 1;

      /* A frame is sent whole or the client is dropped: the socket blocks for at most
         ATTACH_SEND_TIMEOUT seconds (a stuck client must not stall the container for long). */
      while (left > 0)
        {
          ssize_t n = sendmsg (set->c[i].fd, &msg, MSG_NOSIGNAL);
          if (n < 0 && errno == EINTR)
            continue;
          if (n <= 0)
            {
              ok = 0;
              break;
            }
          left -= n;
          while (n > 0 && msg.msg_iovlen > 0)
            {
              size_t take = (size_t) n < msg.msg_iov[0].iov_len ? (size_t) n : msg.msg_iov[0].iov_len;
              msg.msg_iov[0].iov_base = (char *) msg.msg_iov[0].iov_base + take;
              msg.msg_iov[0].iov_len -= take;
              n -= take;
              if (msg.msg_iov[0].iov_len == 0)
                {
                  msg.msg_iov++;
                  msg.msg_iovlen--;
                }
            }
        }
      if (!ok)
        attach_remove (set, set->c[i].fd);
      else
        i++;
    }
}

void
attach_close_all (struct attach_set *set)
{
  while (set->n > 0)
    attach_remove (set, set->c[0].fd);
  free (set->c);
  set->c = NULL;
}
