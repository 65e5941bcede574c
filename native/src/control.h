/* ctl.sock (PLAN.md "ctl.sock"): one request line, one reply line, then close. */
#ifndef BERTH_CONTROL_H
#define BERTH_CONTROL_H

#include "error.h"

enum ctl_kind
{
  CTL_START,
  CTL_SIGNAL,
  CTL_RESIZE,
  CTL_CLOSE_STDIN
};

struct ctl_request
{
  enum ctl_kind kind;
  int a, b;  /* signal number; rows, cols */
};

/* Accept one client; its request is read once the socket is readable (control_read), so a
   slow client never stalls the monitor's loop. Returns the client fd or -1 with err filled. */
int control_accept (int listen_fd, struct shim_error *err);
/* Read and parse the request of a readable client. Returns 0, or -1 with err filled after the
   client was answered (garbage) or closed (nothing sent). */
int control_read (int client, struct ctl_request *req, struct shim_error *err);
/* Reply `ok` (message NULL) or `error <message>`, then close the client. */
void control_reply (int client, const char *message);

#endif
