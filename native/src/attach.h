/* attach.sock clients (PLAN.md "attach.sock"): a unix stream socket. To a client: frames of one
   stream byte (1 stdout, 2 stderr), a 4-byte big-endian length, the data. From a client: raw
   bytes for the container's stdin; a client that shuts down writing closes that stdin. */
#ifndef BERTH_ATTACH_H
#define BERTH_ATTACH_H

#include <stddef.h>
#include <stdint.h>

#define ATTACH_SEND_TIMEOUT 2  /* seconds a client may keep a frame waiting */

struct attach_client
{
  int fd;
  int reading;  /* still polled for input */
};

struct attach_set
{
  struct attach_client *c;
  size_t n;
};

/* Accept one client; returns its fd or -1. */
int attach_accept (struct attach_set *set, int listen_fd);
struct attach_client *attach_find (struct attach_set *set, int fd);
void attach_remove (struct attach_set *set, int fd);
/* Send one frame to every client; clients that fail are removed and their fds closed. */
void attach_broadcast (struct attach_set *set, int stream, const char *data, size_t len);
void attach_close_all (struct attach_set *set);

#endif
