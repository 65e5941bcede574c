/* Monitor <-> container process channel, see channel.h. */
#include "channel.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>

int
channel_send (int sock, char tag, const char *payload, struct shim_error *err)
{
  struct iovec iov[2] = { { &tag, 1 }, { (void *) (payload ? payload : ""), payload ? strlen (payload) : 0 } };
  struct msghdr msg = { .msg_iov = iov, .msg_iovlen = 2 };
  while (sendmsg (sock, &msg, MSG_NOSIGNAL) < 0)
    if (errno != EINTR)
      return shim_fail (err, errno, "send to %s", "peer");
  return 0;
}

int
channel_recv (int sock, char *buf, size_t len, struct shim_error *err)
{
  ssize_t n;
  do
    n = recv (sock, buf, len - 1, 0);
  while (n < 0 && errno == EINTR);
  if (n < 0)
    return shim_fail (err, errno, "receive from peer");
  buf[n] = '\0';
  return (int) n;
}
