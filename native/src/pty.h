/* Terminals: a pty from the container's own devpts, console socket hand-over. */
#ifndef BERTH_PTY_H
#define BERTH_PTY_H

#include "error.h"

/* Open <root>/dev/pts/ptmx (rootfd < 0: /dev/pts/ptmx of the current root), unlock it and open
   the slave with TIOCGPTPEER; set the window size when rows/cols are not 0. */
int pty_open (int rootfd, unsigned short rows, unsigned short cols, int *master, int *slave,
              struct shim_error *err);

/* Bind the slave over <root>/dev/console when that exists. */
int pty_bind_console (int rootfd, int slave, struct shim_error *err);

/* Connect to the console socket (a unix stream socket path on the host). */
int pty_connect_console (const char *path, struct shim_error *err);

/* setsid, TIOCSCTTY and dup the slave onto 0/1/2. */
int pty_make_controlling (int slave, struct shim_error *err);

/* TIOCSWINSZ. */
int pty_resize (int fd, unsigned short rows, unsigned short cols, struct shim_error *err);

#endif
