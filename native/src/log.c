/* CRI log writer, see log.h. */
#include "log.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

int
log_open (struct log_writer *log, const char *path, unsigned long long max_bytes,
          unsigned max_files, struct shim_error *err)
{
  struct stat st;
  log->path = path;
  log->max_bytes = max_bytes;
  log->max_files = max_files;
  log->fd = open (path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
  if (log->fd < 0)
    return shim_fail (err, errno, "open log `%s`", path);
  log->size = fstat (log->fd, &st) == 0 ? (unsigned long long) st.st_size : 0;
  return 0;
}

static void
rotate (struct log_writer *log)
{
  char from[4096], to[4096];

  close (log->fd);
  log->fd = -1;
  for (unsigned i = log->max_files > 1 ? log->max_files - 1 : 0; i >= 1; i--)
    {
      if (i == 1)
        snprintf (from, sizeof from, "%s", log->path);
      else
        snprintf (from, sizeof from, "%s.%u", log->path, i - 1);
      snprintf (to, sizeof to, "%s.%u", log->path, i);
      rename (from, to);
    }
  log->fd = open (log->path, O_WRONLY | O_APPEND | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
  log->size = 0;
}

static void
write_entry (struct log_writer *log, const char *head, size_t hlen, const char *line, size_t len,
             int full)
{
  struct iovec iov[3] = { { (void *) head, hlen }, { (void *) line, len }, { "\n", 1 } };
  size_t total = hlen + len + 1;
  ssize_t n;

  (void) full;
  if (log->max_bytes > 0 && log->size > 0 && log->size + total > log->max_bytes)
    rotate (log);
  if (log->fd < 0)
    return;
  do
    n = writev (log->fd, iov, 3);
  while (n < 0 && errno == EINTR);
  if (n > 0)
    log->size += n;
}

void
log_write (struct log_writer *log, int stream, const char *data, size_t len)
{
  struct timespec ts;
  struct tm tm;
  char stamp[48], head[80];

  if (log->fd < 0 || len == 0)
    return;
  clock_gettime (CLOCK_REALTIME, &ts);
  gmtime_r (&ts.tv_sec, &tm);
  strftime (stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
  while (len > 0)
    {
      const char *nl = memchr (data, '\n', len);
      size_t llen = nl ? (size_t) (nl - data) : len;
      int hlen = snprintf (head, sizeof head, "%s.%09ldZ %s %c ", stamp, ts.tv_nsec,
                           stream == 2 ? "stderr" : "stdout", nl ? 'F' : 'P');
      write_entry (log, head, hlen, data, llen, nl != NULL);
      if (!nl)
        break;
      data += llen + 1;
      len -= llen + 1;
    }
}

void
log_close (struct log_writer *log)
{
  if (log->fd >= 0)
    close (log->fd);
  log->fd = -1;
}
