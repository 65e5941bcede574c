/* Process identity, see identity.h. */
#include "identity.h"

#include <errno.h>
#include <grp.h>
#include <linux/capability.h>
#include <stdint.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

int
identity_rlimits (const struct plan *plan, struct shim_error *err)
{
  for (size_t i = 0; i < plan->n_rlimits; i++)
    {
      struct rlimit rl = { .rlim_cur = plan->rlimits[i].soft, .rlim_max = plan->rlimits[i].hard };
      if (setrlimit (plan->rlimits[i].resource, &rl) < 0)
        return shim_fail (err, errno, "setrlimit %d", plan->rlimits[i].resource);
    }
  return 0;
}

int
identity_no_new_privs (struct shim_error *err)
{
  if (prctl (PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
    return shim_fail (err, errno, "set no_new_privs");
  return 0;
}

static int
last_cap (void)
{
  int c = 0;
  /* Probe instead of reading /proc/sys/kernel/cap_last_cap: /proc may be absent here. */
  while (c < 63 && prctl (PR_CAPBSET_READ, c + 1, 0, 0, 0) >= 0)
    c++;
  return c;
}

static int
set_caps (const struct plan *plan, struct shim_error *err)
{
  struct __user_cap_header_struct hdr = { .version = _LINUX_CAPABILITY_VERSION_3, .pid = 0 };
  struct __user_cap_data_struct data[2] = { 0 };
  unsigned given = plan->caps_given;

  if (given & ((1u << CAPS_EFFECTIVE) | (1u << CAPS_PERMITTED) | (1u << CAPS_INHERITABLE)))
    {
      if (syscall (SYS_capget, &hdr, data) < 0)
        return shim_fail (err, errno, "capget");
      for (int i = 0; i < 2; i++)
        {
          /* Capabilities we do not hold (a host that is itself confined) cannot be granted:
             ask only for those, as a privileged container there would get. */
          uint32_t held = data[i].permitted;
          if (given & (1u << CAPS_EFFECTIVE))
            data[i].effective = held & (uint32_t) (plan->caps[CAPS_EFFECTIVE] >> (32 * i));
          if (given & (1u << CAPS_PERMITTED))
            data[i].permitted = held & (uint32_t) (plan->caps[CAPS_PERMITTED] >> (32 * i));
          if (given & (1u << CAPS_INHERITABLE))
            data[i].inheritable = held & (uint32_t) (plan->caps[CAPS_INHERITABLE] >> (32 * i));
        }
      if (syscall (SYS_capset, &hdr, data) < 0)
        return shim_fail (err, errno, "capset");
    }
  if (given & (1u << CAPS_AMBIENT))
    {
      int last = last_cap ();
      if (prctl (PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0)
        return shim_fail (err, errno, "clear ambient capabilities");
      for (int c = 0; c <= last; c++)
        if ((plan->caps[CAPS_AMBIENT] >> c) & 1)
          if (prctl (PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, c, 0, 0) < 0 && errno != EPERM)
            return shim_fail (err, errno, "raise ambient capability %d", c);
    }
  return 0;
}

int
identity_apply (const struct plan *plan, struct shim_error *err)
{
  if (plan->caps_given & (1u << CAPS_BOUNDING))
    {
      int last = last_cap ();
      for (int c = 0; c <= last; c++)
        if (!((plan->caps[CAPS_BOUNDING] >> c) & 1))
          if (prctl (PR_CAPBSET_DROP, c, 0, 0, 0) < 0 && errno != EINVAL)
            return shim_fail (err, errno, "drop bounding capability %d", c);
    }
  if (plan->has_user || plan->has_groups)
    {
      if (prctl (PR_SET_KEEPCAPS, 1, 0, 0, 0) < 0)
        return shim_fail (err, errno, "set keepcaps");
      if (plan->has_groups && setgroups (plan->n_groups, plan->groups) < 0)
        return shim_fail (err, errno, "setgroups");
      if (plan->has_user)
        {
          if (setresgid (plan->gid, plan->gid, plan->gid) < 0)
            return shim_fail (err, errno, "setgid %u", plan->gid);
          if (setresuid (plan->uid, plan->uid, plan->uid) < 0)
            return shim_fail (err, errno, "setuid %u", plan->uid);
        }
      if (prctl (PR_SET_KEEPCAPS, 0, 0, 0, 0) < 0)
        return shim_fail (err, errno, "clear keepcaps");
    }
  return set_caps (plan, err);
}
