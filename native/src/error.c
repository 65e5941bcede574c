/* The err-out convention, see error.h. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int
shim_fail (struct shim_error *err, int errnum, const char *fmt, ...)
{
  va_list ap;
  int n;

  va_start (ap, fmt);
  n = vsnprintf (err->msg, sizeof err->msg, fmt, ap);
  va_end (ap);
  if (n < 0)
    n = 0;
  if (errnum != 0 && (size_t) n < sizeof err->msg)
    snprintf (err->msg + n, sizeof err->msg - n, ": %s", strerror (errnum));
  err->errno_ = errnum;
  return -1;
}

int
shim_wrap (struct shim_error *err, const char *fmt, ...)
{
  char prefix[SHIM_ERR_MAX];
  char old[SHIM_ERR_MAX];
  va_list ap;

  va_start (ap, fmt);
  vsnprintf (prefix, sizeof prefix, fmt, ap);
  va_end (ap);
  memcpy (old, err->msg, sizeof old);
  snprintf (err->msg, sizeof err->msg, "%s: %s", prefix, old);
  return -1;
}

void
shim_die (struct shim_error *err, int status)
{
  dprintf (STDERR_FILENO, "berth-shim: %s\n", err->msg);
  _exit (status);
}
