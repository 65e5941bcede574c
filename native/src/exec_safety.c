/* Sealed re-exec, see exec_safety.h. */
#include "exec_safety.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

#define SEALS (F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE)

extern char **environ;

int
exec_safety_ensure_sealed (char **argv, struct shim_error *err)
{
  cleanup_close int self = open ("/proc/self/exe", O_RDONLY | O_CLOEXEC);
  cleanup_close int mfd = -1;
  struct stat st;
  int seals;

  if (self < 0)
    return shim_fail (err, errno, "open /proc/self/exe");
  /* Running from our own sealed memfd already: the seals are visible on the exe. */
  seals = fcntl (self, F_GET_SEALS);
  if (seals >= 0 && (seals & SEALS) == SEALS)
    return 0;
  if (fstat (self, &st) < 0)
    return shim_fail (err, errno, "stat /proc/self/exe");
  mfd = memfd_create ("berth-shim", MFD_CLOEXEC | MFD_ALLOW_SEALING);
  if (mfd < 0)
    return shim_fail (err, errno, "memfd_create");
  for (off_t left = st.st_size; left > 0;)
    {
      ssize_t n = sendfile (mfd, self, NULL, left);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return shim_fail (err, n < 0 ? errno : EIO, "copy /proc/self/exe");
      left -= n;
    }
  if (fcntl (mfd, F_ADD_SEALS, SEALS) < 0)
    return shim_fail (err, errno, "seal the shim copy");
  fexecve (mfd, argv, environ);
  return shim_fail (err, errno, "re-exec the sealed shim copy");
}
