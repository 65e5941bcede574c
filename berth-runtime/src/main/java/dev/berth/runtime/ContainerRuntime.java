package dev.berth.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.error.BerthException;
import dev.berth.error.ErrorKind;
import dev.berth.oci.runtime.Hooks;
import dev.berth.oci.runtime.Linux;
import dev.berth.oci.runtime.LinuxResources;
import dev.berth.oci.runtime.Process;
import dev.berth.oci.runtime.RuntimeConfig;
import dev.berth.oci.runtime.State;
import dev.berth.runtime.cgroup.Cgroup;
import dev.berth.runtime.cgroup.CgroupDriver;
import dev.berth.runtime.cgroup.CgroupStats;
import dev.berth.runtime.plan.LaunchContext;
import dev.berth.runtime.plan.LaunchPlan;
import dev.berth.runtime.plan.PlanBuilder;
import dev.berth.runtime.shim.RunDir;
import dev.berth.runtime.shim.ShimBinary;
import dev.berth.runtime.shim.ShimControl;
import dev.berth.runtime.shim.ShimLauncher;
import dev.berth.runtime.shim.SyncSession;
import dev.berth.runtime.spec.Bundle;
import dev.berth.runtime.spec.BundleLoader;
import dev.berth.runtime.spec.ConfigValidator;
import dev.berth.runtime.spec.DeviceRules;
import dev.berth.runtime.spec.NamespaceType;
import dev.berth.sys.Signals;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The OCI runtime as a library: the OCI command line calls it once per command, the daemon keeps
 * one for its lifetime (the warm path). Each container has a run directory under {@code root}
 * (state.json and the monitor's files); nothing else holds state, so any process can pick a
 * container up where another left it.
 */
public final class ContainerRuntime {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+-]{0,127}");
  private static final int SIGKILL = 9;
  private static final ObjectMapper JSON = BundleLoader.JSON;

  private final Path root;
  private final ShimLauncher launcher;
  private final CgroupDriver cgroups;

  public ContainerRuntime(Path root, Path shim, CgroupDriver cgroups) {
    this.root = root.toAbsolutePath();
    this.launcher = new ShimLauncher(shim);
    this.cgroups = cgroups;
  }

  /** A runtime on this host: the built shim and the detected cgroup version. */
  public static ContainerRuntime open(Path root) {
    return new ContainerRuntime(root, ShimBinary.locate(), CgroupDriver.detect());
  }

  public Path root() {
    return root;
  }

  /**
   * Compiled seccomp filters by content (see native/PLAN.md {@code seccomp_cache}): the shim
   * compiles a profile once and later starts read the result.
   */
  private Path seccompCache() {
    Path dir = root.resolve(".seccomp");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw BerthException.system("creating " + dir, e);
    }
    return dir;
  }

  /** Creates the container: its process exists, isolated and limited, waiting for start. */
  public ContainerState create(String id, Path bundleDir, CreateOptions opts) {
    try (Created c = createKeepingSync(id, bundleDir, opts, false, null)) {
      return c.state;
    }
  }

  /** A created container and the sync session that will report its exit. */
  private record Created(ContainerState state, SyncSession sync) implements AutoCloseable {
    @Override
    public void close() {
      sync.close();
    }
  }

  /**
   * {@code beforeStart}, when given, runs once the container's namespaces and mounts exist and
   * before its root is pivoted and its program started (the shim waits for it after {@code pid}).
   */
  private Created createKeepingSync(String id, Path bundleDir, CreateOptions opts, boolean autostart,
      Runnable beforeStart) {
    checkId(id);
    Bundle bundle = BundleLoader.load(bundleDir);
    RuntimeConfig config = bundle.config();
    Linux linux = config.linux();
    RunDir run = new RunDir(root.resolve(id));
    try {
      Files.createDirectories(root);
      // 0711: a process in a user namespace must reach hookstate.json, and sees nothing else
      Files.createDirectory(run.dir(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x")));
    } catch (FileAlreadyExistsException e) {
      throw BerthException.exists("container \"" + id + "\" already exists");
    } catch (IOException e) {
      throw BerthException.system("creating " + run.dir(), e);
    }
    Cgroup cgroup = null;
    SyncSession sync = null;
    int pid = -1;
    try {
      LinuxResources resources = DeviceRules.withDefaults(
          linux == null || linux.resources() == null ? LinuxResources.none() : linux.resources());
      cgroup = cgroups.create(linux == null ? null : linux.cgroupsPath(), id, resources);
      LaunchContext ctx = new LaunchContext(id, run.dir(), run.sync(), opts.stdio(), opts.stdinOpen(), opts.log(),
          opts.consoleSocket(), run.hookState(), cgroup.procsDirs(), cgroup.oomCounter(), Optional.empty(),
          autostart, Optional.of(seccompCache()), beforeStart != null);
      LaunchPlan plan = PlanBuilder.forContainer(config, bundle.rootfs(), ctx);
      sync = launcher.launch(plan, run, opts.stdio());
      pid = Integer.parseInt(expect(sync, "pid").get(1));
      List<String> nsTypes = linux == null ? List.of()
          : linux.namespaces().stream().map(n -> NamespaceType.of(n.type(), "linux.namespaces").procName()).toList();
      Hooks hooks = config.hooks() == null ? new Hooks(null, null, null, null, null, null) : config.hooks();
      // the profile goes apart: state.json is read on every state query, the profile by execs
      ContainerRecord record = new ContainerRecord(id, config.ociVersion(), bundle.dir().toString(),
          bundle.rootfs().toString(), pid, ProcStat.startTime(pid), Instant.now().toString(), cgroup.path(),
          config.annotations(), nsTypes, hooks, null);
      if (linux != null && linux.seccomp() != null) {
        RunDir.writeAtomically(run.seccomp(), PlanBuilder.seccompJson(linux.seccomp()));
      }
      RunDir.writeAtomically(run.state(), JSON.writeValueAsBytes(record));
      State created = new State(config.ociVersion(), id, ContainerStatus.CREATED.ociName(), pid,
          bundle.dir().toString(), config.annotations());
      if (!hooks.createContainer().isEmpty() || !hooks.startContainer().isEmpty()) {
        // read by the container process for its hooks, maybe from inside a user namespace
        RunDir.writeAtomically(run.hookState(), JSON.writeValueAsBytes(created));
        Files.setPosixFilePermissions(run.hookState(), PosixFilePermissions.fromString("rw-r--r--"));
      }
      if (PlanBuilder.pausesForHooks(config) || beforeStart != null) {
        HookRunner.run("prestart", hooks.prestart(), created);
        HookRunner.run("createRuntime", hooks.createRuntime(), created);
        if (beforeStart != null) beforeStart.run();
        sync.send("continue");
      }
      expect(sync, "created");
      if (opts.pidFile().isPresent()) {
        RunDir.writeAtomically(opts.pidFile().get().toAbsolutePath(), (pid + "").getBytes());
      }
      return new Created(new ContainerState(record, ContainerStatus.CREATED, OptionalInt.empty(), false), sync);
    } catch (RuntimeException | IOException e) {
      if (sync != null) sync.close();
      if (pid > 0) killQuietly(pid);
      if (cgroup != null) destroyCgroup(cgroup);
      // the monitor may still be writing its exit file: remove the directory once it is gone
      try {
        ExitWatch.awaitMonitor(run);
      } catch (RuntimeException monitorStuck) {
        e.addSuppressed(monitorStuck);
      }
      removeTree(run.dir());
      if (e instanceof BerthException be) throw be;
      throw BerthException.system("creating container " + id, e);
    }
  }

  /** Runs the user's program in a created container. */
  public void start(String id) {
    ContainerState st = state(id);
    if (st.status() != ContainerStatus.CREATED) {
      throw BerthException.precondition("container \"" + id + "\" is not in created state: " + st.status().ociName());
    }
    ShimControl.call(runDir(id).control(), "start");
    runQuietly("poststart", st.record().hooks().poststart(), withStatus(st, ContainerStatus.RUNNING));
  }

  /**
   * create and start in one step: the shim runs the program as soon as the container is set up,
   * with no start call in between (one round trip and one state read fewer). For a caller with
   * nothing to do between the two; the container is running when this returns.
   */
  public ContainerState createAndStart(String id, Path bundleDir, CreateOptions opts) {
    return createAndStart(id, bundleDir, opts, null);
  }

  /**
   * The same, with {@code beforeStart} run while the container exists but its program has not
   * started: what a caller connects or waits for then (output streams, a network being set up)
   * is in place for the program's first instruction. If it throws, the container is removed.
   */
  public ContainerState createAndStart(String id, Path bundleDir, CreateOptions opts, Runnable beforeStart) {
    try (Created c = createStarted(id, bundleDir, opts, beforeStart)) {
      return new ContainerState(c.state.record(), ContainerStatus.RUNNING, OptionalInt.empty(), false);
    }
  }

  /**
   * create, start, and unless detached wait for the end and delete: what `runc run` does.
   * Returns the container's exit code (0 when detached).
   */
  public int run(String id, Path bundleDir, CreateOptions opts, boolean detach) {
    try (Created c = createStarted(id, bundleDir, opts, null)) {
      if (detach) return 0;
      int code = awaitExit(c.sync, runDir(id));
      delete(id, true);
      return code;
    }
  }

  /** A created container the shim started on its own after `created`; poststart hooks run. */
  private Created createStarted(String id, Path bundleDir, CreateOptions opts, Runnable beforeStart) {
    Created c = createKeepingSync(id, bundleDir, opts, true, beforeStart);
    try {
      // the shim starts on its own after `created` and says how it went
      expect(c.sync, "started");
    } catch (BerthException | IOException e) {
      c.close();
      deleteQuietly(id);
      if (e instanceof BerthException be) throw be;
      throw BerthException.system("starting " + id, e);
    }
    runQuietly("poststart", c.state.record().hooks().poststart(), withStatus(c.state, ContainerStatus.RUNNING));
    return c;
  }

  public ContainerState state(String id) {
    checkId(id);
    RunDir run = runDir(id);
    ContainerRecord record = record(id, run);
    OptionalInt exit = run.exitCode();
    if (exit.isPresent() || !ProcStat.alive(record.pid(), record.pidStart())) {
      return new ContainerState(record, ContainerStatus.STOPPED, exit, run.oomKilled());
    }
    if (!run.started()) return new ContainerState(record, ContainerStatus.CREATED, exit, false);
    boolean frozen = cgroups.open(record.cgroupPath()).frozen();
    return new ContainerState(record, frozen ? ContainerStatus.PAUSED : ContainerStatus.RUNNING, exit, false);
  }

  public List<ContainerState> list() {
    if (!Files.isDirectory(root)) return List.of();
    List<ContainerState> out = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path d : dirs.sorted().toList()) {
        if (Files.exists(d.resolve("state.json"))) out.add(state(d.getFileName().toString()));
      }
    } catch (IOException e) {
      throw BerthException.system("listing " + root, e);
    }
    return out;
  }

  public void kill(String id, int signal, boolean all) {
    ContainerState st = state(id);
    if (st.status() == ContainerStatus.STOPPED) {
      throw BerthException.precondition("container \"" + id + "\" is not running");
    }
    if (all) {
      for (int p : cgroups.open(st.record().cgroupPath()).pids()) killQuietly(p, signal);
    } else {
      Signals.kill(st.record().pid(), signal);
    }
  }

  /** Removes every trace of a stopped container; with force, kills it first. */
  public void delete(String id, boolean force) {
    ContainerState st = state(id);
    RunDir run = runDir(id);
    Cgroup cgroup = cgroups.open(st.record().cgroupPath());
    if (st.status() != ContainerStatus.STOPPED) {
      if (!force && st.status() != ContainerStatus.CREATED) {
        throw BerthException.precondition("cannot delete container \"" + id + "\" that is not stopped: " + st.status().ociName());
      }
      for (int p : cgroup.pids()) killQuietly(p, SIGKILL);
      killQuietly(st.record().pid(), SIGKILL);
      if (st.status() == ContainerStatus.PAUSED) cgroup.thaw();
      ExitWatch.await(run, st.record());
    }
    destroyCgroup(cgroup);
    runQuietly("poststop", st.record().hooks().poststop(), withStatus(st, ContainerStatus.STOPPED));
    ExitWatch.awaitMonitor(run);
    removeTree(run.dir());
  }

  public void pause(String id) {
    ContainerState st = state(id);
    if (st.status() != ContainerStatus.RUNNING) {
      throw BerthException.precondition("container \"" + id + "\" is not running: " + st.status().ociName());
    }
    cgroups.open(st.record().cgroupPath()).freeze();
  }

  public void resume(String id) {
    ContainerState st = state(id);
    if (st.status() != ContainerStatus.PAUSED) {
      throw BerthException.precondition("container \"" + id + "\" is not paused: " + st.status().ociName());
    }
    cgroups.open(st.record().cgroupPath()).thaw();
  }

  /** Sets the window size of a container's terminal (one the shim owns: no console socket). */
  public void resize(String id, int rows, int cols) {
    if (rows < 0 || cols < 0 || rows > 65535 || cols > 65535) {
      throw BerthException.invalid("terminal size " + rows + "x" + cols + ": rows and columns must be 0..65535");
    }
    ContainerState st = state(id);
    if (st.status() == ContainerStatus.STOPPED) {
      throw BerthException.precondition("container \"" + id + "\" is not running");
    }
    ShimControl.call(runDir(id).control(), "resize", String.valueOf(rows), String.valueOf(cols));
  }

  /** Changes a running container's limits in place (runc update): the fields given are set. */
  public void update(String id, LinuxResources resources) {
    ContainerState st = state(id);
    if (st.status() == ContainerStatus.STOPPED) {
      throw BerthException.precondition("container \"" + id + "\" is not running");
    }
    cgroups.open(st.record().cgroupPath()).update(resources);
  }

  public List<Integer> ps(String id) {
    return cgroups.open(state(id).record().cgroupPath()).pids();
  }

  public CgroupStats stats(String id) {
    ContainerState st = state(id);
    if (st.status() == ContainerStatus.STOPPED) {
      throw BerthException.precondition("container \"" + id + "\" is not running");
    }
    return cgroups.open(st.record().cgroupPath()).stats();
  }

  /**
   * Waits for a started container to end, however long it runs, and returns its exit code. The
   * wait is a blocking poll(2) in native code: call it from a platform thread, since a virtual
   * thread would pin its carrier meanwhile.
   */
  public int waitFor(String id) {
    ContainerState st = state(id);
    return ExitWatch.await(runDir(id), st.record(), -1);
  }

  /**
   * The container's exit code, once it has ended, without a thread of the caller's waiting:
   * {@code watcher} waits for many containers on one. The future completes on the watcher's
   * thread; hand heavy work on from there.
   */
  public java.util.concurrent.CompletableFuture<Integer> exitOf(String id,
      dev.berth.sys.ExitWatcher watcher) {
    ContainerState st = state(id);
    return ExitWatch.onExit(runDir(id), st.record(), watcher);
  }

  /** A process started by {@link #execStart}: where its monitor keeps its sockets and exit. */
  public record ExecProcess(String containerId, Path runDir, int pid, long pidStart) {
    /** The monitor's attach socket (piped stdio). */
    public Path attachSocket() {
      return new RunDir(runDir).attach();
    }
  }

  /**
   * Runs one more process in a running container, in all its namespaces and cgroups, under its
   * seccomp profile. Detached: returns the pid. Otherwise: waits and returns the exit code.
   */
  public int exec(String id, Process process, CreateOptions opts, boolean detach) {
    ExecProcess p = execStart(id, process, opts);
    return detach ? p.pid() : execWait(p);
  }

  /**
   * Starts an exec and returns at once; its output is in its own run directory ({@link
   * ExecProcess#attachSocket}) and {@link #execWait} collects its exit and cleans up.
   */
  public ExecProcess execStart(String id, Process process, CreateOptions opts) {
    return execLaunch(id, process, opts, true);
  }

  /**
   * Creates an exec that waits for {@link #execBegin}: a caller can connect to its attach socket
   * first and miss none of its output.
   */
  public ExecProcess execCreate(String id, Process process, CreateOptions opts) {
    return execLaunch(id, process, opts, false);
  }

  /** Lets an exec made by {@link #execCreate} run. */
  public void execBegin(ExecProcess p) {
    ShimControl.call(new RunDir(p.runDir()).control(), "start");
  }

  private ExecProcess execLaunch(String id, Process process, CreateOptions opts, boolean autostart) {
    ConfigValidator.validateProcess(process, "process");
    ContainerState st = state(id);
    if (st.status() != ContainerStatus.RUNNING) {
      throw BerthException.precondition("cannot exec in container \"" + id + "\": it is " + st.status().ociName());
    }
    ContainerRecord rec = st.record();
    Cgroup cgroup = cgroups.open(rec.cgroupPath());
    RunDir run;
    try {
      // a short name: the monitor's socket paths must stay under 108 bytes
      run = new RunDir(Files.createDirectory(runDir(id).dir().resolve("x" + Long.toHexString(
          java.util.concurrent.ThreadLocalRandom.current().nextLong() & 0xffffffL))));
    } catch (IOException e) {
      throw BerthException.system("creating an exec directory for " + id, e);
    }
    List<NamespaceType> ns = rec.namespaces().stream().map(ExecNamespaces::byProcName).toList();
    LaunchContext ctx = new LaunchContext(id, run.dir(), run.sync(), opts.stdio(), opts.stdinOpen(), opts.log(),
        opts.consoleSocket(), run.hookState(), cgroup.procsDirs(), Optional.empty(), Optional.of(rec.pid()),
        autostart, Optional.of(seccompCache()), false);
    LaunchPlan plan = PlanBuilder.forExec(process, ExecNamespaces.joinOrder(ns), seccompOf(id, rec), ctx);
    SyncSession sync = null;
    int pid = -1;
    boolean started = false;
    try {
      sync = launcher.launch(plan, run, opts.stdio());
      pid = Integer.parseInt(expect(sync, "pid").get(1));
      expect(sync, "created");
      if (autostart) {
        expect(sync, "started");
      }
      if (opts.pidFile().isPresent()) {
        RunDir.writeAtomically(opts.pidFile().get().toAbsolutePath(), (pid + "").getBytes());
      }
      started = true;
      return new ExecProcess(id, run.dir(), pid, ProcStat.startTime(pid));
    } catch (RuntimeException | IOException e) {
      if (pid > 0) killQuietly(pid);
      if (e instanceof BerthException be) throw be;
      throw BerthException.system("exec in " + id, e);
    } finally {
      if (sync != null) sync.close();
      if (!started) {
        ExitWatch.awaitMonitor(run);
        removeTree(run.dir());
      }
    }
  }

  /** The container's seccomp profile: in its state record if an older runtime wrote it there. */
  private dev.berth.oci.runtime.Seccomp seccompOf(String id, ContainerRecord rec) {
    if (rec.seccomp() != null) {
      return rec.seccomp();
    }
    Path file = runDir(id).seccomp();
    try {
      return JSON.readValue(Files.readAllBytes(file), dev.berth.oci.runtime.Seccomp.class);
    } catch (NoSuchFileException e) {
      return null; // the container runs unconfined
    } catch (IOException e) {
      throw BerthException.system("reading " + file, e);
    }
  }

  /** Waits for an exec to end, however long, removes its run directory, returns its exit code. */
  public int execWait(ExecProcess p) {
    RunDir run = new RunDir(p.runDir());
    ContainerRecord rec = new ContainerRecord(p.containerId(), null, null, null, p.pid(),
        p.pidStart(), null, null, null, List.of(), null, null);
    try {
      return ExitWatch.await(run, rec, -1);
    } finally {
      ExitWatch.awaitMonitor(run);
      removeTree(run.dir());
    }
  }


  private static int awaitExit(SyncSession sync, RunDir run) {
    try {
      for (List<String> m = sync.receive(); !m.isEmpty(); m = sync.receive()) {
        if (m.get(0).equals("exit")) return Integer.parseInt(m.get(1));
      }
    } catch (IOException e) {
      // the monitor went away; its exit file is the record
    }
    return run.exitCode().orElse(-1);
  }

  private static List<String> expect(SyncSession sync, String keyword) throws IOException {
    List<String> m = sync.receive();
    if (m.isEmpty()) throw BerthException.system("berth-shim closed the sync socket before \"" + keyword + "\"", null);
    if (m.get(0).equals("error")) {
      throw new BerthException(ErrorKind.SYSTEM, String.join(" ", m.subList(1, m.size())));
    }
    if (!m.get(0).equals(keyword)) {
      throw BerthException.system("berth-shim said \"" + String.join(" ", m) + "\", expected " + keyword, null);
    }
    return m;
  }

  private RunDir runDir(String id) {
    return new RunDir(root.resolve(id));
  }

  private static ContainerRecord record(String id, RunDir run) {
    try {
      return JSON.readValue(Files.readAllBytes(run.state()), ContainerRecord.class);
    } catch (NoSuchFileException e) {
      throw BerthException.notFound("container \"" + id + "\" does not exist");
    } catch (IOException e) {
      throw BerthException.system("reading " + run.state(), e);
    }
  }

  private static void checkId(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw BerthException.invalid("container id \"" + id + "\": use 1 to 128 of [A-Za-z0-9_.+-], starting with a letter or digit");
    }
  }

  private static State withStatus(ContainerState st, ContainerStatus status) {
    State s = st.oci();
    return new State(s.ociVersion(), s.id(), status.ociName(), st.record().pid(), s.bundle(), s.annotations());
  }

  private static void runQuietly(String stage, List<Hooks.Hook> hooks, State state) {
    try {
      HookRunner.run(stage, hooks, state);
    } catch (BerthException e) {
      System.err.println("berth-runtime: warning: " + e.getMessage());
    }
  }

  private void deleteQuietly(String id) {
    try {
      delete(id, true);
    } catch (BerthException e) {
      System.err.println("berth-runtime: warning: cleaning up " + id + ": " + e.getMessage());
    }
  }

  private static void killQuietly(int pid) {
    killQuietly(pid, SIGKILL);
  }

  private static void killQuietly(int pid, int signal) {
    try {
      Signals.kill(pid, signal);
    } catch (RuntimeException e) {
      // already gone
    }
  }

  /**
   * Kills what is left in the cgroup and removes it. Killed processes leave the cgroup when
   * they have exited, a moment after the signal: that moment is waited for, bounded.
   */
  private static void destroyCgroup(Cgroup cgroup) {
    List<Integer> left = cgroup.pids();
    if (!left.isEmpty()) {
      for (int p : left) killQuietly(p, SIGKILL);
      if (cgroup.frozen()) cgroup.thaw();
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (!cgroup.pids().isEmpty() && System.nanoTime() < deadline) {
        java.util.concurrent.locks.LockSupport.parkNanos(200_000);
      }
    }
    cgroup.destroy();
  }

  static void removeTree(Path dir) {
    if (!Files.exists(dir)) return;
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    } catch (IOException | java.io.UncheckedIOException e) {
      throw BerthException.system("removing " + dir, e);
    }
  }
}
