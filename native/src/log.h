/* The container log in the CRI format (kubelet / conmon `k8s-file`):
     <RFC3339Nano UTC timestamp> <stdout|stderr> <F|P> <line>\n
   F for a full line, P for a partial one (no newline yet at the end of a read). Rotated by size:
   path -> path.1 -> ... -> path.<max_files-1>; max_bytes 0 = no rotation. */
#ifndef BERTH_LOG_H
#define BERTH_LOG_H

#include <stddef.h>

#include "error.h"

struct log_writer
{
  int fd;  /* -1: no log */
  const char *path;
  unsigned long long max_bytes, size;
  unsigned max_files;
};

int log_open (struct log_writer *log, const char *path, unsigned long long max_bytes,
              unsigned max_files, struct shim_error *err);
/* Log one read's worth of output of `stream` (1 stdout, 2 stderr). */
void log_write (struct log_writer *log, int stream, const char *data, size_t len);
void log_close (struct log_writer *log);

#endif
