/*
 * Error convention of berth-shim (the crun habit, written down).
 *
 * - A function that can fail takes `struct shim_error *err` as its LAST argument, returns a
 *   negative value (-1) on failure and fills *err with a one-line message; on success it returns
 *   >= 0 and leaves *err untouched.
 * - The innermost failure says what it was doing and why: shim_fail(err, errno, "open `%s`", p)
 *   gives "open `/x`: No such file or directory". Pass 0 as errno when there is no errno.
 * - Callers add context while unwinding: return shim_wrap(err, "mount `%s`", dest) turns the
 *   message into "mount `/proc`: <inner message>".
 * - Messages end up on the sync socket (`error <message>`) or on stderr before it exists; they
 *   are never longer than SHIM_ERR_MAX (truncated, never an overflow).
 * - Resources are released by scope: see the cleanup_* attributes in util.h.
 */
#ifndef BERTH_ERROR_H
#define BERTH_ERROR_H

#define SHIM_ERR_MAX 512

struct shim_error
{
  int errno_;                /* errno of the innermost failure, 0 if none */
  char msg[SHIM_ERR_MAX];
};

/* Fill err with "<fmt>: strerror(errnum)" (or just <fmt> if errnum is 0); returns -1. */
int shim_fail (struct shim_error *err, int errnum, const char *fmt, ...)
  __attribute__ ((format (printf, 3, 4)));

/* Prefix the message already in err with "<fmt>: "; returns -1. */
int shim_wrap (struct shim_error *err, const char *fmt, ...)
  __attribute__ ((format (printf, 2, 3)));

/* Print "berth-shim: <msg>" on stderr and exit(status). */
void shim_die (struct shim_error *err, int status) __attribute__ ((noreturn));

#endif
