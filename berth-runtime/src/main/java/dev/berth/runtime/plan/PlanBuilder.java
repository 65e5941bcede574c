package dev.berth.runtime.plan;

import dev.berth.oci.runtime.Hooks;
import dev.berth.oci.runtime.Linux;
import dev.berth.oci.runtime.Mount;
import dev.berth.oci.runtime.Process;
import dev.berth.oci.runtime.RuntimeConfig;
import dev.berth.runtime.spec.CapabilityNames;
import dev.berth.runtime.spec.MountFlags;
import dev.berth.runtime.spec.MountOptions;
import dev.berth.runtime.spec.NamespaceType;
import dev.berth.runtime.spec.RlimitNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a validated config.json and the runtime's decisions into a launch plan. Everything the
 * shim needs is resolved here: MS_* numbers, capability masks, rlimit numbers, the cgroup
 * filesystem expanded per hierarchy, default devices and /dev symlinks.
 */
public final class PlanBuilder {
  private static final long CGROUP_FLAGS = MountFlags.NOSUID | MountFlags.NODEV | MountFlags.NOEXEC;

  /** The devices every container gets (OCI runtime spec, "Default Devices"). */
  private static final List<Object[]> DEFAULT_DEVICES = List.of(
      new Object[] {"/dev/null", 1, 3}, new Object[] {"/dev/zero", 1, 5},
      new Object[] {"/dev/full", 1, 7}, new Object[] {"/dev/random", 1, 8},
      new Object[] {"/dev/urandom", 1, 9}, new Object[] {"/dev/tty", 5, 0});

  private static final List<String[]> DEV_SYMLINKS = List.of(
      new String[] {"/proc/self/fd", "/dev/fd"}, new String[] {"/proc/self/fd/0", "/dev/stdin"},
      new String[] {"/proc/self/fd/1", "/dev/stdout"}, new String[] {"/proc/self/fd/2", "/dev/stderr"},
      new String[] {"pts/ptmx", "/dev/ptmx"}, new String[] {"/proc/kcore", "/dev/core"});

  private PlanBuilder() {}

  /** The plan to create a container from its bundle. */
  /** A seccomp profile as the JSON the run directory keeps for execs (worked out once). */
  public static byte[] seccompJson(dev.berth.oci.runtime.Seccomp s) {
    return SeccompPlan.jsonOf(s).clone();
  }

  public static LaunchPlan forContainer(RuntimeConfig config, Path rootfs, LaunchContext ctx) {
    LaunchPlan.Builder b = common(ctx);
    Linux linux = config.linux() == null
        ? new Linux(null, null, null, null, null, null, null, null, null, null, null, null)
        : config.linux();
    boolean newCgroupNs = false;
    boolean newUserNs = false;
    for (var ns : linux.namespaces()) {
      NamespaceType t = NamespaceType.of(ns.type(), "linux.namespaces");
      boolean create = ns.path() == null || ns.path().isEmpty();
      if (create) {
        b.add("ns", t.procName());
        newCgroupNs |= t == NamespaceType.CGROUP;
        newUserNs |= t == NamespaceType.USER;
      } else {
        b.add("ns", t.procName(), ns.path());
      }
    }
    for (var m : linux.uidMappings()) b.add("uid_map", m.containerID(), m.hostID(), m.size());
    for (var m : linux.gidMappings()) b.add("gid_map", m.containerID(), m.hostID(), m.size());
    addCgroups(b, ctx);

    b.add("rootfs", rootfs.toString());
    b.add("rootfs_propagation", MountOptions.rootPropagation(linux.rootfsPropagation(), "linux.rootfsPropagation"));
    b.add("readonly_rootfs", config.root().readonly() ? 1 : 0);
    boolean devIsTmpfs = false;
    for (Mount m : config.mounts()) {
      if (m.destination().equals("/dev") && !MountOptions.parse(m.options()).bind()) devIsTmpfs = true;
      if ("cgroup".equals(m.type()) || "cgroup2".equals(m.type())) {
        // a user namespace may not mount cgroup v1 hierarchies afresh: bind them instead
        addCgroupFs(b, m, ctx, newCgroupNs && !newUserNs);
      } else {
        addMount(b, m);
      }
    }
    if (devIsTmpfs) {
      for (Object[] d : DEFAULT_DEVICES) b.add("device", d[0], "c", d[1], d[2], 0666, 0, 0);
    }
    for (var d : linux.devices()) {
      String kind = d.type().equals("u") ? "c" : d.type();
      int mode = d.fileMode() == null ? 0666 : d.fileMode() & 07777;
      b.add("device", d.path(), kind, d.major(), d.minor(), mode,
          d.uid() == null ? 0 : d.uid(), d.gid() == null ? 0 : d.gid());
    }
    if (devIsTmpfs) {
      for (String[] s : DEV_SYMLINKS) b.add("symlink", s[0], s[1]);
    }
    for (String p : linux.maskedPaths()) b.add("masked", p);
    for (String p : linux.readonlyPaths()) b.add("readonly", p);
    if (config.hostname() != null && !config.hostname().isEmpty()) b.add("hostname", config.hostname());
    if (config.domainname() != null && !config.domainname().isEmpty()) b.add("domainname", config.domainname());
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(linux.sysctl()).entrySet()) {
      b.add("sysctl", e.getKey(), e.getValue());
    }
    addProcess(b, config.process(), ctx);
    if (linux.seccomp() != null) SeccompPlan.add(b, linux.seccomp(), ctx.seccompCacheDir());
    Hooks hooks = config.hooks();
    if (hooks != null && !(hooks.createContainer().isEmpty() && hooks.startContainer().isEmpty())) {
      addHooks(b, "createContainer", hooks.createContainer());
      addHooks(b, "startContainer", hooks.startContainer());
      b.add("hookstate", ctx.hookState().toString());
    }
    if (!pausesForHooks(config) && !ctx.pauseAfterPid()) b.add("wait_continue", 0);
    return b.build();
  }

  /**
   * Whether the shim must wait after `pid` for the caller: to run prestart and createRuntime
   * hooks, and to write the state the container's own hooks read. Without any, it goes on.
   */
  public static boolean pausesForHooks(RuntimeConfig config) {
    Hooks h = config.hooks();
    return h != null && !(h.prestart().isEmpty() && h.createRuntime().isEmpty()
        && h.createContainer().isEmpty() && h.startContainer().isEmpty());
  }

  /**
   * The plan to run one more process in a running container: every namespace of the container's
   * pid joined by path, its cgroups joined, no rootfs work.
   */
  public static LaunchPlan forExec(Process process, List<NamespaceType> namespaces,
      dev.berth.oci.runtime.Seccomp seccomp, LaunchContext ctx) {
    LaunchPlan.Builder b = common(ctx);
    int pid = ctx.joinPid().orElseThrow();
    for (NamespaceType t : namespaces) b.add("ns", t.procName(), "/proc/" + pid + "/ns/" + t.procName());
    addCgroups(b, ctx);
    addProcess(b, process, ctx);
    if (seccomp != null) SeccompPlan.add(b, seccomp, ctx.seccompCacheDir());
    b.add("wait_continue", 0);
    return b.build();
  }

  private static LaunchPlan.Builder common(LaunchContext ctx) {
    LaunchPlan.Builder b = LaunchPlan.builder();
    b.add("id", ctx.id());
    b.add("rundir", ctx.runDir().toString());
    b.add("sync", ctx.syncSocket().toString());
    b.add("stdio", ctx.stdio() == LaunchContext.Stdio.PIPE ? "pipe" : "inherit");
    if (ctx.stdio() == LaunchContext.Stdio.PIPE) b.add("stdin_open", ctx.stdinOpen() ? 1 : 0);
    if (ctx.autostart()) b.add("autostart", 1);
    ctx.log().ifPresent(l -> b.add("log", l.path(), l.maxBytes(), l.maxFiles()));
    return b;
  }

  private static void addCgroups(LaunchPlan.Builder b, LaunchContext ctx) {
    for (Path d : ctx.cgroupDirs()) b.add("cgroup", d.toString());
    ctx.oomCounter().ifPresent(p -> b.add("oom_counter", p.toString()));
  }

  private static void addMount(LaunchPlan.Builder b, Mount m) {
    MountOptions o = MountOptions.parse(m.options());
    String type = m.type() == null || m.type().isEmpty() ? (o.bind() ? "bind" : "none") : m.type();
    String source = m.source() == null ? "none" : m.source();
    b.add("mount", m.destination(), type, source, o.flags(), o.propagation(), o.data());
  }

  /**
   * "cgroup" mounts name no hierarchy: under v1 the container sees a tmpfs with one directory per
   * controller; under v2 one cgroup2 mount. With a new cgroup namespace the hierarchies are
   * mounted fresh (the namespace makes the container's cgroup their root); without one the
   * container's own cgroup directories are bound in.
   */
  private static void addCgroupFs(LaunchPlan.Builder b, Mount m, LaunchContext ctx, boolean newCgroupNs) {
    MountOptions o = MountOptions.parse(m.options());
    long ro = o.flags() & MountFlags.RDONLY;
    HostCgroupMounts host = HostCgroupMounts.read();
    List<HostCgroupMounts.Hierarchy> used = new ArrayList<>();
    List<Path> dirs = new ArrayList<>();
    for (Path d : ctx.cgroupDirs()) {
      host.holding(d).ifPresent(h -> {
        used.add(h);
        dirs.add(d);
      });
    }
    String dest = m.destination();
    boolean v2 = !used.isEmpty() && used.get(0).v2();
    if (v2) {
      if (newCgroupNs) {
        b.add("mount", dest, "cgroup2", "cgroup", CGROUP_FLAGS | ro, 0, "");
      } else {
        b.add("mount", dest, "bind", dirs.get(0).toString(), MountFlags.BIND | MountFlags.REC | CGROUP_FLAGS | ro, 0, "");
      }
      return;
    }
    b.add("mount", dest, "tmpfs", "tmpfs", CGROUP_FLAGS, 0, "mode=755");
    for (int i = 0; i < used.size(); i++) {
      HostCgroupMounts.Hierarchy h = used.get(i);
      String target = dest + "/" + h.mountPoint().getFileName();
      if (newCgroupNs) {
        b.add("mount", target, "cgroup", "cgroup", CGROUP_FLAGS | ro, 0, h.controllers());
      } else {
        b.add("mount", target, "bind", dirs.get(i).toString(), MountFlags.BIND | MountFlags.REC | CGROUP_FLAGS | ro, 0, "");
      }
    }
    if (ro != 0) {
      b.add("mount", dest, "", "", MountFlags.REMOUNT | MountFlags.RDONLY | CGROUP_FLAGS, 0, "mode=755");
    }
  }

  private static void addProcess(LaunchPlan.Builder b, Process p, LaunchContext ctx) {
    if (p.terminal()) {
      b.add("terminal", 1);
      ctx.consoleSocket().ifPresent(s -> b.add("console_socket", s.toString()));
      if (p.consoleSize() != null) b.add("console_size", p.consoleSize().height(), p.consoleSize().width());
    }
    b.add("args", p.args());
    for (String e : p.env()) b.add("env", e);
    b.add("cwd", p.cwd());
    long uid = p.user() == null ? 0 : p.user().uid();
    long gid = p.user() == null ? 0 : p.user().gid();
    b.add("user", uid, gid);
    List<String> groups = new ArrayList<>();
    if (p.user() != null) p.user().additionalGids().forEach(g -> groups.add(String.valueOf(g)));
    b.add("groups", groups);
    b.add("umask", p.user() == null || p.user().umask() == null ? 022 : p.user().umask());
    for (var r : p.rlimits()) b.add("rlimit", RlimitNames.number(r.type()), r.soft(), r.hard());
    if (p.oomScoreAdj() != null) b.add("oom_score_adj", p.oomScoreAdj());
    b.add("no_new_privs", p.noNewPrivileges() ? 1 : 0);
    var caps = p.capabilities();
    b.add("caps", "bounding", hex(caps == null ? null : caps.bounding(), "process.capabilities.bounding"));
    b.add("caps", "effective", hex(caps == null ? null : caps.effective(), "process.capabilities.effective"));
    b.add("caps", "permitted", hex(caps == null ? null : caps.permitted(), "process.capabilities.permitted"));
    b.add("caps", "inheritable", hex(caps == null ? null : caps.inheritable(), "process.capabilities.inheritable"));
    b.add("caps", "ambient", hex(caps == null ? null : caps.ambient(), "process.capabilities.ambient"));
  }

  private static String hex(List<String> names, String field) {
    return Long.toHexString(names == null ? 0 : CapabilityNames.mask(names, field));
  }

  private static void addHooks(LaunchPlan.Builder b, String stage, List<Hooks.Hook> hooks) {
    for (Hooks.Hook h : hooks) {
      List<String> f = new ArrayList<>();
      f.add(stage);
      f.add(String.valueOf(h.timeout() == null ? 0 : h.timeout()));
      f.add(h.path());
      f.add(String.valueOf(h.args().size()));
      f.addAll(h.args());
      f.add(String.valueOf(h.env().size()));
      f.addAll(h.env());
      b.add("hook", f);
    }
  }
}
