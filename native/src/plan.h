/* The launch plan (PLAN.md "Plan format"): the flat, fully resolved description Java writes. */
#ifndef BERTH_PLAN_H
#define BERTH_PLAN_H

#include <stddef.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/types.h>

#include "error.h"

enum ns_kind
{
  NS_USER,   /* first: joined before the others */
  NS_PID,
  NS_NET,
  NS_IPC,
  NS_UTS,
  NS_MNT,
  NS_CGROUP,
  NS_COUNT
};

struct plan_ns
{
  int present;  /* 1 if the plan names this namespace */
  char *path;   /* NULL: create; else join */
};

struct plan_idmap
{
  unsigned long container, host, size;
};

struct plan_mount
{
  char *dest, *type, *source, *data;  /* data NULL when `%` */
  unsigned long flags, propagation;
};

struct plan_device
{
  char *path;
  char kind;  /* c b p */
  unsigned major, minor;
  mode_t mode;
  uid_t uid;
  gid_t gid;
};

struct plan_pair
{
  char *a, *b;  /* symlink target/path, sysctl key/value */
};

struct plan_rlimit
{
  int resource;
  rlim_t soft, hard;
};

enum seccomp_act
{
  SA_ALLOW,
  SA_ERRNO,
  SA_KILL,
  SA_KILL_PROCESS,
  SA_TRAP,
  SA_LOG,
  SA_TRACE
};

enum seccomp_op
{
  SO_NE,
  SO_LT,
  SO_LE,
  SO_EQ,
  SO_GE,
  SO_GT,
  SO_MASKED_EQ
};

struct plan_seccomp_arg
{
  unsigned idx;
  enum seccomp_op op;
  uint64_t value, value2;
};

struct plan_seccomp_rule
{
  enum seccomp_act action;
  int errno_;
  char *syscall;
  size_t nargs;
  struct plan_seccomp_arg args[6];
};

enum hook_stage
{
  HOOK_CREATE_CONTAINER,
  HOOK_START_CONTAINER
};

struct plan_hook
{
  enum hook_stage stage;
  int timeout;   /* seconds, 0 = none */
  char *path;
  char **args;   /* NULL terminated */
  char **env;    /* NULL terminated */
};

enum caps_set
{
  CAPS_BOUNDING,
  CAPS_EFFECTIVE,
  CAPS_PERMITTED,
  CAPS_INHERITABLE,
  CAPS_AMBIENT,
  CAPS_COUNT
};

#define SECCOMP_FLAG_LOG 1
#define SECCOMP_FLAG_SPEC_ALLOW 2
#define SECCOMP_FLAG_TSYNC 4

struct plan
{
  char *id, *rundir, *sync;
  struct plan_ns ns[NS_COUNT];
  struct plan_idmap *uid_map, *gid_map;
  size_t n_uid_map, n_gid_map;
  char **cgroups;
  size_t n_cgroups;
  char *oom_counter;

  char *rootfs;
  unsigned long rootfs_propagation;
  int readonly_rootfs;
  struct plan_mount *mounts;
  size_t n_mounts;
  struct plan_device *devices;
  size_t n_devices;
  struct plan_pair *symlinks;
  size_t n_symlinks;
  char **masked, **readonly;
  size_t n_masked, n_readonly;
  char *hostname, *domainname;
  struct plan_pair *sysctls;
  size_t n_sysctls;

  int terminal;
  char *console_socket;
  unsigned short rows, cols;
  int stdio_pipe;
  int stdin_open;  /* pipe mode: 0 = the container's stdin is at EOF from the start */
  int autostart;   /* start right after `created`, reporting `started` on sync (run) */
  int wait_continue; /* after `pid`, wait for the caller's `continue` (its hooks); default 1 */
  char *log_path;
  unsigned long long log_max_bytes;
  unsigned log_max_files;

  char **args, **env;  /* NULL terminated */
  size_t n_args, n_env;
  char *cwd;
  int has_user;
  uid_t uid;
  gid_t gid;
  int has_groups;
  gid_t *groups;
  size_t n_groups;
  int has_umask;
  mode_t umask;
  struct plan_rlimit *rlimits;
  size_t n_rlimits;
  int has_oom_score_adj;
  int oom_score_adj;
  int no_new_privs;
  unsigned caps_given;  /* bit per enum caps_set */
  uint64_t caps[CAPS_COUNT];

  int has_seccomp;
  enum seccomp_act seccomp_default;
  int seccomp_default_errno;
  char **seccomp_arches;
  size_t n_seccomp_arches;
  unsigned seccomp_flags;
  char *seccomp_cache; /* where the compiled filter is kept between starts, or NULL */
  struct plan_seccomp_rule *seccomp_rules;
  size_t n_seccomp_rules;

  struct plan_hook *hooks;
  size_t n_hooks;
  char *hookstate;
};

/* Parse the plan file at path into *plan (zeroed by the caller). */
int plan_read (const char *path, struct plan *plan, struct shim_error *err);
/* Parse plan text (modified in place; strings in *plan point into copies). */
int plan_parse (char *text, struct plan *plan, struct shim_error *err);
/* Decode %XX escapes in place; a lone `%` is the empty string. Returns -1 on a bad escape. */
int percent_decode (char *s);

const char *ns_name (enum ns_kind kind);
int ns_clone_flag (enum ns_kind kind);

#endif
