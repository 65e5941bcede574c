/* Small helpers shared by every concern: scope cleanup, whole reads/writes, files, fd passing. */
#ifndef BERTH_UTIL_H
#define BERTH_UTIL_H

#include <stddef.h>
#include <sys/types.h>

#include "error.h"

void cleanup_freep (void *p);
void cleanup_closep (int *fd);

/* Freed / closed when the variable leaves scope; take ownership out with steal_ptr/steal_fd. */
#define cleanup_free __attribute__ ((cleanup (cleanup_freep)))
#define cleanup_close __attribute__ ((cleanup (cleanup_closep)))

static inline void *
steal_ptr (void *pp)
{
  void **p = pp;
  void *r = *p;
  *p = NULL;
  return r;
}

static inline int
steal_fd (int *fd)
{
  int r = *fd;
  *fd = -1;
  return r;
}

void *xmalloc (size_t n);
void *xrealloc (void *p, size_t n);
char *xstrdup (const char *s);

/* write()/read() the whole buffer, retrying on EINTR and short counts. */
int write_all (int fd, const void *buf, size_t len);
ssize_t read_all (int fd, void *buf, size_t len);

/* Write `data` to an existing file (O_WRONLY|O_TRUNC, no create unless `create`). */
int write_file (const char *path, const char *data, int create, struct shim_error *err);
/* Write `data` to path.tmp then rename onto path. */
int write_file_atomic (const char *path, const char *data, struct shim_error *err);
/* Read a file (< 4 MiB) into a malloc'ed, NUL terminated buffer. */
int read_file (const char *path, char **out, struct shim_error *err);

int set_nonblock (int fd);
int set_cloexec (int fd, int on);

/* Send one fd with one byte of payload over a unix socket; receive it (-1 if none came). */
int send_fd (int sock, int fd, char byte, struct shim_error *err);
int recv_fd (int sock, char *byte, struct shim_error *err);

/* Percent-encode `in` as in PLAN.md into out (at most outlen bytes including NUL). */
void percent_encode (const char *in, char *out, size_t outlen);

#endif
