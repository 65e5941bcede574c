/* The caller side of the protocol (PLAN.md "Sync protocol"): a unix stream socket the caller
   listens on; `\n` terminated lines of percent-encoded fields. */
#ifndef BERTH_SYNC_H
#define BERTH_SYNC_H

#include <stddef.h>

#include "error.h"

struct sync_conn
{
  int fd;         /* -1 once closed */
  char buf[256];  /* partial incoming line */
  size_t len;
};

int sync_connect (struct sync_conn *s, const char *path, struct shim_error *err);
/* Send `<keyword>` or `<keyword> <field>` (field percent-encoded). Errors close the connection. */
void sync_send (struct sync_conn *s, const char *keyword, const char *field);
/* Read what is available; returns 1 and the next complete line in `line` (decoded keyword
   only), 0 if none yet, -1 on EOF/error (the connection is then closed). */
int sync_read_line (struct sync_conn *s, char *line, size_t len);
void sync_close (struct sync_conn *s);

/* bind + listen on <dirfd>/<name> through /proc/self/fd (short path, any rundir length). */
int listen_unix_at (int dirfd, const char *name, int type, struct shim_error *err);

#endif
