/* Seccomp, see seccomp.h. */
#include "seccomp.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "util.h"

static uint32_t
action_of (enum seccomp_act a, int errno_)
{
  switch (a)
    {
    case SA_ALLOW: return SCMP_ACT_ALLOW;
    case SA_ERRNO: return SCMP_ACT_ERRNO ((uint16_t) errno_);
    case SA_KILL: return SCMP_ACT_KILL;
    case SA_KILL_PROCESS: return SCMP_ACT_KILL_PROCESS;
    case SA_TRAP: return SCMP_ACT_TRAP;
    case SA_LOG: return SCMP_ACT_LOG;
    case SA_TRACE: return SCMP_ACT_TRACE ((uint16_t) errno_);
    }
  return SCMP_ACT_KILL_PROCESS;
}

static enum scmp_compare
op_of (enum seccomp_op op)
{
  switch (op)
    {
    case SO_NE: return SCMP_CMP_NE;
    case SO_LT: return SCMP_CMP_LT;
    case SO_LE: return SCMP_CMP_LE;
    case SO_EQ: return SCMP_CMP_EQ;
    case SO_GE: return SCMP_CMP_GE;
    case SO_GT: return SCMP_CMP_GT;
    case SO_MASKED_EQ: return SCMP_CMP_MASKED_EQ;
    }
  return SCMP_CMP_EQ;
}

static void
release (scmp_filter_ctx *ctx)
{
  if (*ctx)
    seccomp_release (*ctx);
}

/* Compiles the plan's rules with libseccomp into *ctx. */
static int
build (const struct plan *plan, scmp_filter_ctx *ctx, struct shim_error *err)
{
  uint32_t def;
  int r;

  def = action_of (plan->seccomp_default, plan->seccomp_default_errno);
  *ctx = seccomp_init (def);
  if (*ctx == NULL)
    return shim_fail (err, 0, "seccomp_init");
  /* no_new_privs is the plan's business, not libseccomp's. */
  if ((r = seccomp_attr_set (*ctx, SCMP_FLTATR_CTL_NNP, 0)) < 0)
    return shim_fail (err, -r, "seccomp: clear NNP attribute");
  for (size_t i = 0; i < plan->n_seccomp_arches; i++)
    {
      uint32_t arch = seccomp_arch_resolve_name (plan->seccomp_arches[i]);
      if (arch == 0)
        return shim_fail (err, 0, "seccomp: unknown architecture `%s`", plan->seccomp_arches[i]);
      r = seccomp_arch_add (*ctx, arch);
      if (r < 0 && r != -EEXIST)
        return shim_fail (err, -r, "seccomp: add architecture `%s`", plan->seccomp_arches[i]);
    }
  for (size_t i = 0; i < plan->n_seccomp_rules; i++)
    {
      const struct plan_seccomp_rule *rule = &plan->seccomp_rules[i];
      struct scmp_arg_cmp cmp[6];
      uint32_t act = action_of (rule->action, rule->errno_);
      int nr = seccomp_syscall_resolve_name (rule->syscall);

      if (nr == __NR_SCMP_ERROR)
        continue; /* unknown on this kernel/libseccomp: skipped, as runc and crun do */
      if (act == def)
        continue; /* libseccomp refuses rules equal to the default action */
      for (size_t a = 0; a < rule->nargs; a++)
        {
          cmp[a].arg = rule->args[a].idx;
          cmp[a].op = op_of (rule->args[a].op);
          cmp[a].datum_a = rule->args[a].value;
          cmp[a].datum_b = rule->args[a].value2;
        }
      r = seccomp_rule_add_array (*ctx, act, nr, rule->nargs, cmp);
      if (r < 0)
        return shim_fail (err, -r, "seccomp: rule for `%s`", rule->syscall);
    }
  return 0;
}

/* The compiled program, made before the fork; or the error to report from the container. */
static struct sock_fprog prepared;
static int prepare_failed;
static struct shim_error prepare_error;

/* Reads a whole file into a fresh buffer; -1 when it is absent or unreadable. */
static ssize_t
slurp (int fd, unsigned char **out)
{
  size_t cap = 16384, len = 0;
  unsigned char *buf = malloc (cap);
  ssize_t n;

  if (buf == NULL)
    return -1;
  while ((n = read (fd, buf + len, cap - len)) > 0)
    {
      len += (size_t) n;
      if (len == cap)
        {
          unsigned char *bigger = realloc (buf, cap *= 2);
          if (bigger == NULL)
            {
              free (buf);
              return -1;
            }
          buf = bigger;
        }
    }
  if (n < 0)
    {
      free (buf);
      return -1;
    }
  *out = buf;
  return (ssize_t) len;
}

static int
take_program (unsigned char *bytes, ssize_t len)
{
  if (len <= 0 || len % sizeof (struct sock_filter) != 0
      || len / sizeof (struct sock_filter) > 0xffff)
    {
      free (bytes);
      return -1;
    }
  prepared.len = (unsigned short) (len / sizeof (struct sock_filter));
  prepared.filter = (struct sock_filter *) bytes;
  return 0;
}

/* The cached program for this plan, if the runtime named one and it is there. */
static int
from_cache (const char *path)
{
  unsigned char *bytes;
  ssize_t len;
  int fd = open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);

  if (fd < 0)
    return -1;
  len = slurp (fd, &bytes);
  close (fd);
  return len < 0 ? -1 : take_program (bytes, len);
}

/* Writes the program beside the cache path and renames it into place: readers see all or none. */
static void
to_cache (const char *path)
{
  char tmp[PATH_MAX];
  size_t bytes = prepared.len * sizeof (struct sock_filter);
  int fd;

  if (snprintf (tmp, sizeof tmp, "%s.%d.tmp", path, (int) getpid ()) >= (int) sizeof tmp)
    return;
  fd = open (tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0)
    return; /* a cache that cannot be written only costs the next start a compile */
  if (write (fd, prepared.filter, bytes) == (ssize_t) bytes && fsync (fd) == 0)
    {
      close (fd);
      if (rename (tmp, path) == 0)
        return;
    }
  else
    close (fd);
  unlink (tmp);
}

static int
compile (const struct plan *plan, struct shim_error *err)
{
  __attribute__ ((cleanup (release))) scmp_filter_ctx ctx = NULL;
  unsigned char *bytes;
  ssize_t len;
  int fd, r;

  if (build (plan, &ctx, err) < 0)
    return -1;
  fd = memfd_create ("berth-seccomp", MFD_CLOEXEC);
  if (fd < 0)
    return shim_fail (err, errno, "seccomp: memfd_create");
  if ((r = seccomp_export_bpf (ctx, fd)) < 0)
    {
      close (fd);
      return shim_fail (err, -r, "seccomp: export the filter");
    }
  if (lseek (fd, 0, SEEK_SET) < 0 || (len = slurp (fd, &bytes)) < 0)
    {
      close (fd);
      return shim_fail (err, errno, "seccomp: read the exported filter");
    }
  close (fd);
  if (take_program (bytes, len) < 0)
    return shim_fail (err, 0, "seccomp: the exported filter has %zd bytes", len);
  return 0;
}

void
seccomp_prepare (const struct plan *plan)
{
  if (!plan->has_seccomp)
    return;
  if (plan->seccomp_cache != NULL && from_cache (plan->seccomp_cache) == 0)
    return;
  if (compile (plan, &prepare_error) < 0)
    {
      prepare_failed = 1;
      return;
    }
  if (plan->seccomp_cache != NULL)
    to_cache (plan->seccomp_cache);
}

int
seccomp_apply (const struct plan *plan, struct shim_error *err)
{
  unsigned flags = 0;

  if (!plan->has_seccomp)
    return 0;
  if (prepare_failed)
    {
      *err = prepare_error;
      return -1;
    }
  if (plan->seccomp_flags & SECCOMP_FLAG_LOG)
    flags |= SECCOMP_FILTER_FLAG_LOG;
  if (plan->seccomp_flags & SECCOMP_FLAG_SPEC_ALLOW)
    flags |= SECCOMP_FILTER_FLAG_SPEC_ALLOW;
  if (plan->seccomp_flags & SECCOMP_FLAG_TSYNC)
    flags |= SECCOMP_FILTER_FLAG_TSYNC;
  if (syscall (SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, &prepared) < 0)
    return shim_fail (err, errno, "seccomp: load");
  return 0;
}
