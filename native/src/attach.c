/* attach.sock clients, see attach.h. */
#include "attach.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include "util.h"

int
attach_accept (struct attach_set *set, int listen_fd)
{
  int fd = accept4 (listen_fd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
  if (fd < 0)
    return -1;
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
  char tag = (char) stream;
  struct iovec iov[2] = { { &tag, 1 }, { (void *) data, len } };
  struct msghdr msg = { .msg_iov = iov, .msg_iovlen = 2 };

  for (size_t i = 0; i < set->n;)
    {
      ssize_t n;
      do
        n = sendmsg (set->c[i].fd, &msg, MSG_NOSIGNAL);
      while (n < 0 && errno == EINTR);
      /* A client too slow to take a packet (EAGAIN) loses it rather than stalling the
         container; a gone client is dropped. */
      if (n < 0 && errno != EAGAIN)
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
