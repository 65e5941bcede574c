/* Sysctls, see sysctl.h. */
#include "sysctl.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

int
sysctl_apply (const struct plan *plan, struct shim_error *err)
{
  for (size_t i = 0; i < plan->n_sysctls; i++)
    {
      const char *key = plan->sysctls[i].a;
      char path[512];
      size_t n;

      if (strstr (key, "..") != NULL || key[0] == '/' || key[0] == '.')
        return shim_fail (err, EINVAL, "sysctl key `%s`", key);
      n = snprintf (path, sizeof path, "/proc/sys/%s", key);
      if (n >= sizeof path)
        return shim_fail (err, ENAMETOOLONG, "sysctl key `%s`", key);
      for (char *p = path + strlen ("/proc/sys/"); *p; p++)
        if (*p == '.')
          *p = '/';
      if (write_file (path, plan->sysctls[i].b, 0, err) < 0)
        return shim_wrap (err, "sysctl `%s`", key);
    }
  return 0;
}
