/* Seccomp, see seccomp.h. */
#include "seccomp.h"

#include <errno.h>
#include <seccomp.h>
#include <stdlib.h>

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

int
seccomp_apply (const struct plan *plan, struct shim_error *err)
{
  __attribute__ ((cleanup (release))) scmp_filter_ctx ctx = NULL;
  uint32_t def;
  int r;

  if (!plan->has_seccomp)
    return 0;
  def = action_of (plan->seccomp_default, plan->seccomp_default_errno);
  ctx = seccomp_init (def);
  if (ctx == NULL)
    return shim_fail (err, 0, "seccomp_init");
  /* no_new_privs is the plan's business, not libseccomp's. */
  if ((r = seccomp_attr_set (ctx, SCMP_FLTATR_CTL_NNP, 0)) < 0)
    return shim_fail (err, -r, "seccomp: clear NNP attribute");
  if ((plan->seccomp_flags & SECCOMP_FLAG_LOG)
      && (r = seccomp_attr_set (ctx, SCMP_FLTATR_CTL_LOG, 1)) < 0)
    return shim_fail (err, -r, "seccomp: flag log");
  if ((plan->seccomp_flags & SECCOMP_FLAG_SPEC_ALLOW)
      && (r = seccomp_attr_set (ctx, SCMP_FLTATR_CTL_SSB, 1)) < 0)
    return shim_fail (err, -r, "seccomp: flag spec_allow");
  if ((plan->seccomp_flags & SECCOMP_FLAG_TSYNC)
      && (r = seccomp_attr_set (ctx, SCMP_FLTATR_CTL_TSYNC, 1)) < 0)
    return shim_fail (err, -r, "seccomp: flag tsync");
  for (size_t i = 0; i < plan->n_seccomp_arches; i++)
    {
      uint32_t arch = seccomp_arch_resolve_name (plan->seccomp_arches[i]);
      if (arch == 0)
        return shim_fail (err, 0, "seccomp: unknown architecture `%s`", plan->seccomp_arches[i]);
      r = seccomp_arch_add (ctx, arch);
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
      r = seccomp_rule_add_array (ctx, act, nr, rule->nargs, cmp);
      if (r < 0)
        return shim_fail (err, -r, "seccomp: rule for `%s`", rule->syscall);
    }
  r = seccomp_load (ctx);
  if (r < 0)
    return shim_fail (err, -r, "seccomp: load");
  return 0;
}
