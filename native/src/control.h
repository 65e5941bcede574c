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

/* Accept one client and read its request (1 s timeout). Returns the client fd, or -1 with
   err filled (an answer was already sent to a client that sent garbage). */
int control_accept (int listen_fd, struct ctl_request *req, struct shim_error *err);
/* Reply `ok` (message NULL) or `error <message>`, then close the client. */
void control_reply (int client, const char *message);

#endif
