/* The private channel between the monitor and the container process: a SOCK_SEQPACKET
   socketpair, one message per packet, close-on-exec on the container side so that EOF after
   `start` means execve succeeded.

   monitor -> container: 'g' go (id maps, cgroups, oom_score_adj done)
                         'c' continue (the caller answered `continue`)
                         's' start
   container -> monitor: 'T' + SCM_RIGHTS fd: the pty master (owned-pty mode)
                         'm' mounted, waiting before pivot_root
                         'r' ready (created), waiting for start
                         'E' + message: failed (the process then exits)
*/
#ifndef BERTH_CHANNEL_H
#define BERTH_CHANNEL_H

#include <stddef.h>

#include "error.h"

#define CH_GO 'g'
#define CH_CONTINUE 'c'
#define CH_START 's'
#define CH_PTY 'T'
#define CH_MOUNTED 'm'
#define CH_READY 'r'
#define CH_ERROR 'E'

int channel_send (int sock, char tag, const char *payload, struct shim_error *err);
/* Receive one packet; returns its length (0 on EOF), tag in buf[0], NUL terminated. */
int channel_recv (int sock, char *buf, size_t len, struct shim_error *err);

#endif
