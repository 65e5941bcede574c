/* Reader of the launch plan (PLAN.md "Plan format"): one directive per line, percent-encoded
   fields separated by one space. */
#include "plan.h"

#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define APPEND(arr, n, item)                                     \
  do                                                             \
    {                                                            \
      (arr) = xrealloc ((arr), ((n) + 1) * sizeof (*(arr)));     \
      (arr)[(n)++] = (item);                                     \
    }                                                            \
  while (0)

static const char *const ns_names[NS_COUNT] = {
  [NS_USER] = "user", [NS_PID] = "pid", [NS_NET] = "net", [NS_IPC] = "ipc",
  [NS_UTS] = "uts",   [NS_MNT] = "mnt", [NS_CGROUP] = "cgroup",
};

const char *
ns_name (enum ns_kind kind)
{
  return ns_names[kind];
}

int
ns_clone_flag (enum ns_kind kind)
{
  switch (kind)
    {
    case NS_USER: return CLONE_NEWUSER;
    case NS_PID: return CLONE_NEWPID;
    case NS_NET: return CLONE_NEWNET;
    case NS_IPC: return CLONE_NEWIPC;
    case NS_UTS: return CLONE_NEWUTS;
    case NS_MNT: return CLONE_NEWNS;
    case NS_CGROUP: return CLONE_NEWCGROUP;
    default: return 0;
    }
}

static int
hexval (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

int
percent_decode (char *s)
{
  char *o = s;
  if (strcmp (s, "%") == 0)
    {
      *s = '\0';
      return 0;
    }
  while (*s)
    {
      if (*s == '%')
        {
          int h = hexval (s[1]), l = h < 0 ? -1 : hexval (s[2]);
          if (h < 0 || l < 0)
            return -1;
          *o++ = (char) (h * 16 + l);
          s += 3;
        }
      else
        *o++ = *s++;
    }
  *o = '\0';
  return 0;
}

/* Parsing context of one line. */
struct line
{
  char **f;   /* fields after the keyword */
  size_t n;
  size_t lineno;
};

static int
num_ll (const char *s, long long min, long long max, long long *out)
{
  char *end;
  long long v;
  if (*s == '\0')
    return -1;
  errno = 0;
  v = strtoll (s, &end, 10);
  if (errno || *end || v < min || v > max)
    return -1;
  *out = v;
  return 0;
}

static int
num_ull (const char *s, unsigned long long *out)
{
  char *end;
  if (*s == '\0' || *s == '-')
    return -1;
  errno = 0;
  *out = strtoull (s, &end, 10);
  return errno || *end ? -1 : 0;
}

static int
num_hex64 (const char *s, uint64_t *out)
{
  char *end;
  if (*s == '\0' || *s == '-')
    return -1;
  errno = 0;
  *out = strtoull (s, &end, 16);
  return errno || *end ? -1 : 0;
}

#define BAD(what) shim_fail (err, 0, "plan line %zu: bad %s", l->lineno, what)
#define NEED(count)                                                             \
  do                                                                            \
    if (l->n < (count))                                                         \
      return shim_fail (err, 0, "plan line %zu: %zu fields, need %d", l->lineno, \
                        l->n, (int) (count));                                   \
  while (0)

static int
parse_seccomp_action (const char *s, enum seccomp_act *out)
{
  static const char *const names[] = { "allow", "errno", "kill", "kill_process", "trap", "log",
                                        "trace" };
  for (size_t i = 0; i < sizeof names / sizeof *names; i++)
    if (strcmp (s, names[i]) == 0)
      {
        *out = (enum seccomp_act) i;
        return 0;
      }
  return -1;
}

static int
parse_seccomp_op (const char *s, enum seccomp_op *out)
{
  static const char *const names[] = { "ne", "lt", "le", "eq", "ge", "gt", "masked_eq" };
  for (size_t i = 0; i < sizeof names / sizeof *names; i++)
    if (strcmp (s, names[i]) == 0)
      {
        *out = (enum seccomp_op) i;
        return 0;
      }
  return -1;
}

static char **
dup_list (char **f, size_t n)
{
  char **r = xmalloc ((n + 1) * sizeof *r);
  for (size_t i = 0; i < n; i++)
    r[i] = xstrdup (f[i]);
  r[n] = NULL;
  return r;
}

static int
parse_hook (struct line *l, struct plan *p, struct shim_error *err)
{
  struct plan_hook h = { 0 };
  long long v, nargs, nenv;
  size_t i = 0;

  NEED (5);
  if (strcmp (l->f[0], "createContainer") == 0)
    h.stage = HOOK_CREATE_CONTAINER;
  else if (strcmp (l->f[0], "startContainer") == 0)
    h.stage = HOOK_START_CONTAINER;
  else
    return BAD ("hook stage");
  if (num_ll (l->f[1], 0, INT_MAX, &v) < 0)
    return BAD ("hook timeout");
  h.timeout = (int) v;
  h.path = xstrdup (l->f[2]);
  i = 3;
  if (num_ll (l->f[i++], 0, l->n, &nargs) < 0 || i + nargs >= l->n)
    return BAD ("hook nargs");
  h.args = dup_list (l->f + i, nargs);
  i += nargs;
  if (num_ll (l->f[i++], 0, l->n, &nenv) < 0 || i + nenv != l->n)
    return BAD ("hook nenv");
  h.env = dup_list (l->f + i, nenv);
  APPEND (p->hooks, p->n_hooks, h);
  return 0;
}

static int
parse_seccomp_rule (struct line *l, struct plan *p, struct shim_error *err)
{
  struct plan_seccomp_rule r = { 0 };
  long long v;

  NEED (3);
  if (parse_seccomp_action (l->f[0], &r.action) < 0)
    return BAD ("seccomp action");
  if (num_ll (l->f[1], 0, 65535, &v) < 0)
    return BAD ("seccomp errno");
  r.errno_ = (int) v;
  r.syscall = xstrdup (l->f[2]);
  if ((l->n - 3) % 4 != 0 || (l->n - 3) / 4 > 6)
    return BAD ("seccomp argument list");
  for (size_t i = 3; i < l->n; i += 4)
    {
      struct plan_seccomp_arg *a = &r.args[r.nargs++];
      unsigned long long u;
      if (num_ll (l->f[i], 0, 5, &v) < 0)
        return BAD ("seccomp argument index");
      a->idx = (unsigned) v;
      if (parse_seccomp_op (l->f[i + 1], &a->op) < 0)
        return BAD ("seccomp operator");
      if (num_ull (l->f[i + 2], &u) < 0)
        return BAD ("seccomp value");
      a->value = u;
      if (num_ull (l->f[i + 3], &u) < 0)
        return BAD ("seccomp value2");
      a->value2 = u;
    }
  APPEND (p->seccomp_rules, p->n_seccomp_rules, r);
  return 0;
}

static int
parse_bool (struct line *l, int *out, struct shim_error *err)
{
  NEED (1);
  if (strcmp (l->f[0], "0") != 0 && strcmp (l->f[0], "1") != 0)
    return BAD ("boolean");
  *out = l->f[0][0] == '1';
  return 0;
}

static int
parse_string (struct line *l, char **out, struct shim_error *err)
{
  NEED (1);
  free (*out);
  *out = xstrdup (l->f[0]);
  return 0;
}

static int
parse_directive (const char *kw, struct line *l, struct plan *p, struct shim_error *err)
{
  long long v;
  unsigned long long u;

  if (strcmp (kw, "version") == 0)
    {
      NEED (1);
      return strcmp (l->f[0], "1") == 0 ? 0 : BAD ("version");
    }
  if (strcmp (kw, "id") == 0)
    return parse_string (l, &p->id, err);
  if (strcmp (kw, "rundir") == 0)
    return parse_string (l, &p->rundir, err);
  if (strcmp (kw, "sync") == 0)
    return parse_string (l, &p->sync, err);
  if (strcmp (kw, "ns") == 0)
    {
      NEED (1);
      for (int k = 0; k < NS_COUNT; k++)
        if (strcmp (l->f[0], ns_names[k]) == 0)
          {
            p->ns[k].present = 1;
            p->ns[k].path = l->n > 1 && l->f[1][0] ? xstrdup (l->f[1]) : NULL;
            return 0;
          }
      return BAD ("namespace type");
    }
  if (strcmp (kw, "uid_map") == 0 || strcmp (kw, "gid_map") == 0)
    {
      struct plan_idmap m;
      unsigned long long a, b, c;
      NEED (3);
      if (num_ull (l->f[0], &a) < 0 || num_ull (l->f[1], &b) < 0 || num_ull (l->f[2], &c) < 0)
        return BAD ("id map");
      m.container = a;
      m.host = b;
      m.size = c;
      if (kw[0] == 'u')
        APPEND (p->uid_map, p->n_uid_map, m);
      else
        APPEND (p->gid_map, p->n_gid_map, m);
      return 0;
    }
  if (strcmp (kw, "cgroup") == 0)
    {
      NEED (1);
      APPEND (p->cgroups, p->n_cgroups, xstrdup (l->f[0]));
      return 0;
    }
  if (strcmp (kw, "oom_counter") == 0)
    return parse_string (l, &p->oom_counter, err);
  if (strcmp (kw, "rootfs") == 0)
    return parse_string (l, &p->rootfs, err);
  if (strcmp (kw, "rootfs_propagation") == 0)
    {
      NEED (1);
      if (num_ull (l->f[0], &u) < 0)
        return BAD ("rootfs_propagation");
      p->rootfs_propagation = u;
      return 0;
    }
  if (strcmp (kw, "readonly_rootfs") == 0)
    return parse_bool (l, &p->readonly_rootfs, err);
  if (strcmp (kw, "mount") == 0)
    {
      struct plan_mount m;
      unsigned long long fl, pr;
      NEED (6);
      if (num_ull (l->f[3], &fl) < 0 || num_ull (l->f[4], &pr) < 0)
        return BAD ("mount flags");
      if (l->f[0][0] != '/')
        return BAD ("mount destination (not absolute)");
      m.dest = xstrdup (l->f[0]);
      m.type = xstrdup (l->f[1]);
      m.source = xstrdup (l->f[2]);
      m.flags = fl;
      m.propagation = pr;
      m.data = l->f[5][0] ? xstrdup (l->f[5]) : NULL;
      APPEND (p->mounts, p->n_mounts, m);
      return 0;
    }
  if (strcmp (kw, "device") == 0)
    {
      struct plan_device d;
      long long ma, mi, mo, uid, gid;
      NEED (7);
      if (strlen (l->f[1]) != 1 || !strchr ("cbp", l->f[1][0]))
        return BAD ("device kind");
      if (num_ll (l->f[2], 0, UINT_MAX, &ma) < 0 || num_ll (l->f[3], 0, UINT_MAX, &mi) < 0
          || num_ll (l->f[4], 0, 07777, &mo) < 0 || num_ll (l->f[5], 0, UINT_MAX, &uid) < 0
          || num_ll (l->f[6], 0, UINT_MAX, &gid) < 0)
        return BAD ("device numbers");
      d.path = xstrdup (l->f[0]);
      d.kind = l->f[1][0];
      d.major = ma;
      d.minor = mi;
      d.mode = mo;
      d.uid = uid;
      d.gid = gid;
      APPEND (p->devices, p->n_devices, d);
      return 0;
    }
  if (strcmp (kw, "symlink") == 0 || strcmp (kw, "sysctl") == 0)
    {
      struct plan_pair pr;
      NEED (2);
      pr.a = xstrdup (l->f[0]);
      pr.b = xstrdup (l->f[1]);
      if (kw[1] == 'y' && kw[2] == 'm')
        APPEND (p->symlinks, p->n_symlinks, pr);
      else
        APPEND (p->sysctls, p->n_sysctls, pr);
      return 0;
    }
  if (strcmp (kw, "masked") == 0 || strcmp (kw, "readonly") == 0)
    {
      NEED (1);
      if (kw[0] == 'm')
        APPEND (p->masked, p->n_masked, xstrdup (l->f[0]));
      else
        APPEND (p->readonly, p->n_readonly, xstrdup (l->f[0]));
      return 0;
    }
  if (strcmp (kw, "hostname") == 0)
    return parse_string (l, &p->hostname, err);
  if (strcmp (kw, "domainname") == 0)
    return parse_string (l, &p->domainname, err);
  if (strcmp (kw, "terminal") == 0)
    return parse_bool (l, &p->terminal, err);
  if (strcmp (kw, "console_socket") == 0)
    return parse_string (l, &p->console_socket, err);
  if (strcmp (kw, "console_size") == 0)
    {
      long long r, c;
      NEED (2);
      if (num_ll (l->f[0], 0, 65535, &r) < 0 || num_ll (l->f[1], 0, 65535, &c) < 0)
        return BAD ("console_size");
      p->rows = r;
      p->cols = c;
      return 0;
    }
  if (strcmp (kw, "stdio") == 0)
    {
      NEED (1);
      if (strcmp (l->f[0], "pipe") == 0)
        p->stdio_pipe = 1;
      else if (strcmp (l->f[0], "inherit") == 0)
        p->stdio_pipe = 0;
      else
        return BAD ("stdio mode");
      return 0;
    }
  if (strcmp (kw, "stdin_open") == 0)
    return parse_bool (l, &p->stdin_open, err);
  if (strcmp (kw, "autostart") == 0)
    return parse_bool (l, &p->autostart, err);
  if (strcmp (kw, "wait_continue") == 0)
    return parse_bool (l, &p->wait_continue, err);
  if (strcmp (kw, "log") == 0)
    {
      unsigned long long mb;
      long long mf;
      NEED (3);
      if (num_ull (l->f[1], &mb) < 0 || num_ll (l->f[2], 0, 1000, &mf) < 0)
        return BAD ("log limits");
      free (p->log_path);
      p->log_path = xstrdup (l->f[0]);
      p->log_max_bytes = mb;
      p->log_max_files = mf;
      return 0;
    }
  if (strcmp (kw, "args") == 0)
    {
      NEED (1);
      p->args = dup_list (l->f, l->n);
      p->n_args = l->n;
      return 0;
    }
  if (strcmp (kw, "env") == 0)
    {
      NEED (1);
      p->env = xrealloc (p->env, (p->n_env + 2) * sizeof *p->env);
      p->env[p->n_env++] = xstrdup (l->f[0]);
      p->env[p->n_env] = NULL;
      return 0;
    }
  if (strcmp (kw, "cwd") == 0)
    return parse_string (l, &p->cwd, err);
  if (strcmp (kw, "user") == 0)
    {
      long long uid, gid;
      NEED (2);
      if (num_ll (l->f[0], 0, UINT_MAX - 1, &uid) < 0 || num_ll (l->f[1], 0, UINT_MAX - 1, &gid) < 0)
        return BAD ("user");
      p->has_user = 1;
      p->uid = uid;
      p->gid = gid;
      return 0;
    }
  if (strcmp (kw, "groups") == 0)
    {
      p->has_groups = 1;
      for (size_t i = 0; i < l->n; i++)
        {
          if (l->f[i][0] == '\0')
            continue;
          if (num_ll (l->f[i], 0, UINT_MAX - 1, &v) < 0)
            return BAD ("group");
          APPEND (p->groups, p->n_groups, (gid_t) v);
        }
      return 0;
    }
  if (strcmp (kw, "umask") == 0)
    {
      NEED (1);
      if (num_ll (l->f[0], 0, 0777, &v) < 0)
        return BAD ("umask");
      p->has_umask = 1;
      p->umask = v;
      return 0;
    }
  if (strcmp (kw, "rlimit") == 0)
    {
      struct plan_rlimit r;
      long long res, s, h;
      NEED (3);
      if (num_ll (l->f[0], 0, 64, &res) < 0 || num_ll (l->f[1], -1, LLONG_MAX, &s) < 0
          || num_ll (l->f[2], -1, LLONG_MAX, &h) < 0)
        return BAD ("rlimit");
      r.resource = res;
      r.soft = s < 0 ? RLIM_INFINITY : (rlim_t) s;
      r.hard = h < 0 ? RLIM_INFINITY : (rlim_t) h;
      APPEND (p->rlimits, p->n_rlimits, r);
      return 0;
    }
  if (strcmp (kw, "oom_score_adj") == 0)
    {
      NEED (1);
      if (num_ll (l->f[0], -1000, 1000, &v) < 0)
        return BAD ("oom_score_adj");
      p->has_oom_score_adj = 1;
      p->oom_score_adj = v;
      return 0;
    }
  if (strcmp (kw, "no_new_privs") == 0)
    return parse_bool (l, &p->no_new_privs, err);
  if (strcmp (kw, "caps") == 0)
    {
      static const char *const sets[CAPS_COUNT] = { "bounding", "effective", "permitted",
                                                    "inheritable", "ambient" };
      NEED (2);
      for (int s = 0; s < CAPS_COUNT; s++)
        if (strcmp (l->f[0], sets[s]) == 0)
          {
            if (num_hex64 (l->f[1], &p->caps[s]) < 0)
              return BAD ("capability mask");
            p->caps_given |= 1u << s;
            return 0;
          }
      return BAD ("capability set");
    }
  if (strcmp (kw, "seccomp_default") == 0)
    {
      NEED (2);
      if (parse_seccomp_action (l->f[0], &p->seccomp_default) < 0)
        return BAD ("seccomp action");
      if (num_ll (l->f[1], 0, 65535, &v) < 0)
        return BAD ("seccomp errno");
      p->seccomp_default_errno = v;
      p->has_seccomp = 1;
      return 0;
    }
  if (strcmp (kw, "seccomp_cache") == 0)
    {
      NEED (1);
      if (l->f[0][0] != '/')
        return BAD ("seccomp cache path");
      p->seccomp_cache = xstrdup (l->f[0]);
      return 0;
    }
  if (strcmp (kw, "seccomp_arch") == 0)
    {
      NEED (1);
      APPEND (p->seccomp_arches, p->n_seccomp_arches, xstrdup (l->f[0]));
      return 0;
    }
  if (strcmp (kw, "seccomp_flag") == 0)
    {
      NEED (1);
      if (strcmp (l->f[0], "log") == 0)
        p->seccomp_flags |= SECCOMP_FLAG_LOG;
      else if (strcmp (l->f[0], "spec_allow") == 0)
        p->seccomp_flags |= SECCOMP_FLAG_SPEC_ALLOW;
      else if (strcmp (l->f[0], "tsync") == 0)
        p->seccomp_flags |= SECCOMP_FLAG_TSYNC;
      else
        return BAD ("seccomp flag");
      return 0;
    }
  if (strcmp (kw, "seccomp_rule") == 0)
    return parse_seccomp_rule (l, p, err);
  if (strcmp (kw, "hook") == 0)
    return parse_hook (l, p, err);
  if (strcmp (kw, "hookstate") == 0)
    return parse_string (l, &p->hookstate, err);
  return shim_fail (err, 0, "plan line %zu: unknown directive `%s`", l->lineno, kw);
}

int
plan_parse (char *text, struct plan *p, struct shim_error *err)
{
  cleanup_free char **fields = NULL;
  size_t cap = 0, lineno = 0;
  char *save = NULL, *line;
  int seen_version = 0;

  p->rootfs_propagation = (unsigned long) -1;
  p->stdin_open = 1;
  p->wait_continue = 1;
  for (line = strtok_r (text, "\n", &save); line != NULL; line = strtok_r (NULL, "\n", &save))
    {
      struct line l = { 0 };
      size_t n = 0;
      char *kw, *s;

      lineno++;
      if (line[0] == '\0')
        continue;
      /* Split on single spaces; fields cannot contain a raw space (it is encoded). */
      for (s = line;;)
        {
          char *sp = strchr (s, ' ');
          if (n == cap)
            {
              cap = cap ? cap * 2 : 16;
              fields = xrealloc (fields, cap * sizeof *fields);
            }
          fields[n++] = s;
          if (sp == NULL)
            break;
          *sp = '\0';
          s = sp + 1;
        }
      for (size_t i = 1; i < n; i++)
        if (percent_decode (fields[i]) < 0)
          return shim_fail (err, 0, "plan line %zu: bad percent escape", lineno);
      kw = fields[0];
      if (!seen_version && strcmp (kw, "version") != 0)
        return shim_fail (err, 0, "plan line %zu: the first directive must be `version`", lineno);
      seen_version = 1;
      l.f = fields + 1;
      l.n = n - 1;
      l.lineno = lineno;
      if (parse_directive (kw, &l, p, err) < 0)
        return -1;
    }
  if (!seen_version)
    return shim_fail (err, 0, "plan: empty");
  if (p->rundir == NULL || p->sync == NULL)
    return shim_fail (err, 0, "plan: `rundir` and `sync` are required");
  if (p->args == NULL)
    return shim_fail (err, 0, "plan: `args` is required");
  if (p->env == NULL)
    p->env = xmalloc (sizeof (char *));
  if (p->id == NULL)
    p->id = xstrdup ("?");
  return 0;
}

int
plan_read (const char *path, struct plan *p, struct shim_error *err)
{
  cleanup_free char *text = NULL;
  if (read_file (path, &text, err) < 0)
    return shim_wrap (err, "read plan");
  return plan_parse (text, p, err);
}
