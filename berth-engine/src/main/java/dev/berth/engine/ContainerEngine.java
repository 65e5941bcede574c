package dev.berth.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.error.BerthException;
import dev.berth.error.ErrorKind;
import dev.berth.image.ImageService;
import dev.berth.image.ImageUsage;
import dev.berth.image.Trees;
import dev.berth.image.snapshot.Mounter;
import dev.berth.image.store.Database;
import dev.berth.oci.image.Digest;
import dev.berth.oci.image.ImageConfig;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.CreateOptions;
import dev.berth.runtime.shim.AttachStream;
import dev.berth.runtime.spec.BundleLoader;
import dev.berth.sys.Signals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Containers made from images and run by the runtime: Docker's container lifecycle (create,
 * start, wait, stop, kill, pause, remove) with its rules and messages. Records live in the
 * metadata database; each container has a directory {@code <root>/containers/<id>/} with its
 * bundle ({@code config.json}, {@code rootfs/} where its snapshot is mounted while it runs), its
 * {@code hostname}, {@code hosts} and {@code resolv.conf}, and its log ({@code container.log},
 * CRI format, written by the shim). The runtime's state is under {@code <exec-root>/containers}.
 *
 * <p>A thread per running container waits for its exit, records the code, unmounts its
 * file system and, for {@code --rm}, removes it.
 */
public final class ContainerEngine implements ImageUsage, AutoCloseable {
  private final Path root;
  private final ImageService images;
  private final ContainerRuntime runtime;
  /** One thread waits for the ends of all running containers (a thread each cost memory). */
  private final dev.berth.sys.ExitWatcher exits = new dev.berth.sys.ExitWatcher("berth-exits");
  private final Database db;
  private final ContainerStore store;
  private final ContainerNetworking networking;
  private final EngineOptions options;
  private final dev.berth.engine.volume.VolumeService volumes;
  private final Map<String, Lifecycle> lifecycles = new ConcurrentHashMap<>();
  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
  private final EventLog events = new EventLog();
  /** Containers stopped or killed through the API: their policy does not restart them. */
  private final java.util.Set<String> stoppedByUser = ConcurrentHashMap.newKeySet();
  private final Map<String, Integer> backoffs = new ConcurrentHashMap<>();
  private volatile boolean closed;
  /** Health probes block while their exec runs: a pool of their own. */
  private final java.util.concurrent.ScheduledExecutorService probes =
      java.util.concurrent.Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "berth-health");
        t.setDaemon(true);
        return t;
      });
  private final HealthChecker health;
  private final java.util.concurrent.ScheduledExecutorService restarter =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "berth-restarter");
        t.setDaemon(true);
        return t;
      });
  private final Map<String, ExecInstance> execs = new ConcurrentHashMap<>();
  private final Map<String, java.util.Optional<ImageConfig.ContainerConfig>> imageConfigs =
      new ConcurrentHashMap<>();
  private final Map<String, List<CompletableFuture<AttachStream>>> pendingAttaches =
      new ConcurrentHashMap<>();
  private final Map<String, ContainerRuntime.ExecProcess> execProcesses =
      new ConcurrentHashMap<>();

  private ContainerEngine(Path root, Path execRoot, ImageService images,
      EngineOptions options) {
    this.options = options;
    this.root = root;
    this.images = images;
    // the runtime knows containers by their short id: socket paths must stay under 108 bytes
    this.runtime = ContainerRuntime.open(execRoot.resolve("containers"));
    this.db = Database.open(root.resolve("metadata.db"));
    this.store = new ContainerStore(db);
    this.volumes = dev.berth.engine.volume.VolumeService.open(root, db, events,
        new dev.berth.engine.volume.VolumeService.Containers() {
          @Override
          public boolean exists(String id) {
            return store.get(id).isPresent();
          }

          @Override
          public boolean running(String id) {
            return store.get(id).map(c -> c.state().running()).orElse(false);
          }
        });
    this.health = new HealthChecker(runtime, probes,
        (c, status) -> event(c, "health_status: " + status));
    this.networking = new ContainerNetworking(dev.berth.network.NetworkService.open(root,
        execRoot, options.network()), this::find, this::dir);
  }

  /**
   * Live restore: containers that ran when the daemon stopped are watched again (a container
   * that exited meanwhile gets its real exit code, one the runtime lost gets 255); runtime
   * state, mounts and snapshots of containers that no longer exist are removed; containers with
   * restart policy {@code always} that are not running are started.
   */
  private void reconcile() {
    List<Container> all = store.list();
    java.util.Set<String> shortIds = new java.util.HashSet<>();
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (Container c : all) {
      shortIds.add(c.shortId());
      ids.add(c.id());
      Lifecycle l = lifecycle(c.id());
      if (c.state().running()) {
        l.onStart();
        watchExit(c.id());
        var check = HealthChecker.effective(c, imageConfig(c));
        if (check != null) {
          health.start(c, check, dir(c.id()));
        }
      }
    }
    for (var st : runtime.list()) {
      if (!shortIds.contains(st.record().id())) {
        try {
          runtime.delete(st.record().id(), true);
        } catch (RuntimeException e) {
          // another daemon's, or gone
        }
      }
    }
    Path containers = root.resolve("containers");
    if (Files.isDirectory(containers)) {
      try (var dirs = Files.list(containers)) {
        for (Path d : dirs.toList()) {
          if (!ids.contains(d.getFileName().toString())) {
            Mounter.unmount(d.resolve("rootfs"));
            Trees.deleteRecursively(d);
          }
        }
      } catch (IOException e) {
        throw BerthException.system("cleaning " + containers + ": " + e.getMessage(), e);
      }
    }
    networking.reconcile(all.stream().filter(c -> c.state().running()).map(Container::id)
        .collect(java.util.stream.Collectors.toSet()));
    for (var info : images.snapshots().list()) {
      if (info.kind() == dev.berth.image.snapshot.Kind.ACTIVE
          && !info.key().startsWith(dev.berth.image.unpack.Unpacker.EXTRACT_PREFIX)
          && !ids.contains(info.key())) {
        images.removeRootfs(info.key());
      }
    }
    for (Container c : all) {
      String policy = c.hostConfig().restartPolicy().name();
      if (!c.state().running() && (policy.equals("always")
          || policy.equals("unless-stopped") && !c.stoppedByUser())) {
        try {
          start(c.id());
        } catch (RuntimeException e) {
          // recorded in its state by start
        }
      }
    }
  }

  /** The engine over {@code images}, its records beside theirs under {@code root}. */
  public static ContainerEngine open(Path root, Path execRoot, ImageService images) {
    return open(root, execRoot, images, EngineOptions.defaults());
  }

  /** The engine with its networks set up as {@code networkOptions} say (bridge, DNS). */
  public static ContainerEngine open(Path root, Path execRoot, ImageService images,
      dev.berth.network.NetworkOptions networkOptions) {
    return open(root, execRoot, images, EngineOptions.defaults().withNetwork(networkOptions));
  }

  /** The engine with the daemon's settings. */
  public static ContainerEngine open(Path root, Path execRoot, ImageService images,
      EngineOptions options) {
    ContainerEngine engine = new ContainerEngine(root.toAbsolutePath(),
        execRoot.toAbsolutePath(), images, options);
    try {
      engine.reconcile();
      return engine;
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
  }

  /** What {@code docker create} returns: the id, and warnings to print. */
  public record Created(String id, List<String> warnings) {}

  public Created create(String name, ContainerConfig config, HostConfig host) {
    return create(name, config, host, Map.of());
  }

  /** {@code endpoints}: {@code NetworkingConfig.EndpointsConfig}, settings by network. */
  public Created create(String name, ContainerConfig config, HostConfig host,
      Map<String, EndpointSettings> endpoints) {
    if (config.image() == null || config.image().isEmpty()) {
      throw BerthException.invalid("config.Image: no image given");
    }
    host = host == null ? HostConfig.defaults() : host;
    List<String> warnings = new ArrayList<>();
    Map<String, EndpointSettings> networks = networking.plan(host, endpoints == null
        ? Map.of() : endpoints, warnings);
    PortSpecs.check(host);
    RuntimeSpec.check(host);
    Digest imageId = images.resolve(config.image());
    ImageConfig.ContainerConfig imageConfig = configOf(imageId.toString());
    List<String> command = RuntimeSpec.command(config, imageConfig);
    String id = newContainerId();
    String n = name == null || name.isEmpty() ? uniqueGeneratedName() : Names.checked(name);
    Container c = new Container(id, n, Instant.now().toString(), imageId.toString(),
        config.image(), command.getFirst(), command.subList(1, command.size()), config, host,
        ContainerState.created(), 0, false);
    Path dir = dir(id);
    try {
      Files.createDirectories(dir.resolve("rootfs"));
      String hostname = hostname(c);
      Files.writeString(dir.resolve("hostname"), hostname + "\n");
      Files.writeString(dir.resolve("hosts"), "127.0.0.1\tlocalhost\n::1\tlocalhost"
          + " ip6-localhost ip6-loopback\n127.0.1.1\t" + hostname + "\n");
      Files.writeString(dir.resolve("resolv.conf"), resolvConf());
      networking.save(dir, networks);
      images.prepareRootfs(id, imageId.toString());
    } catch (IOException | RuntimeException e) {
      cleanup(id, e);
      throw e instanceof BerthException b ? b
          : BerthException.system("creating container " + n + ": " + e.getMessage(), e);
    }
    // mounts before the record: a crash between them leaves mounts of no container, which the
    // volumes drop at open, rather than a container that would start without its volumes
    try {
      volumes.attach(id, config, host, imageConfig, ref -> find(ref).id());
    } catch (RuntimeException e) {
      cleanup(id, e);
      throw e;
    }
    boolean generated = name == null || name.isEmpty();
    boolean inserted = store.insert(c);
    // a generated name may have been taken meanwhile by a create running alongside: draw again
    for (int tries = 0; !inserted && generated && tries < 100; tries++) {
      c = c.withName(uniqueGeneratedName());
      inserted = store.insert(c);
    }
    if (!inserted) {
      String taken = c.name();
      BerthException conflict = new BerthException(ErrorKind.ALREADY_EXISTS,
          "Conflict. The container name \"/" + taken + "\" is already in use by container \""
              + byName(taken).map(Container::id).orElse("?") + "\". You have to remove (or"
              + " rename) that container to be able to reuse that name.");
      volumes.detach(id, true);
      cleanup(id, conflict);
      throw conflict;
    }
    lifecycles.put(id, new Lifecycle());
    event(c, "create");
    return new Created(id, warnings);
  }

  /** Starts a created or exited container; false if it was running already (Docker's 304). */
  public boolean start(String ref) {
    return locked(find(ref).id(), () -> startLocked(ref));
  }

  private boolean startLocked(String ref) {
    Container found = find(ref);
    if (found.state().running()) {
      return false;
    }
    stoppedByUser.remove(found.id());
    Container c = found.stoppedByUser() ? found.withStoppedByUser(false) : found;
    if (found.stoppedByUser()) {
      store.update(c);
    }
    Path dir = dir(c.id());
    Path rootfs = dir.resolve("rootfs");
    try {
      Mounter.mount(images.snapshots().mounts(c.id()), rootfs);
      ImageConfig.ContainerConfig imageConfig = configOf(c.imageId());
      long[] user = UserLookup.resolve(rootfs, c.config().user() != null
          && !c.config().user().isEmpty() ? c.config().user()
          : imageConfig == null ? null : imageConfig.user());
      ObjectNode spec = RuntimeSpec.build(c, imageConfig, dir, user, hostname(c), options);
      ContainerNetworking.Start net = networking.start(c, dir, hostname(c), imageConfig);
      if (net.netns() != null) {
        ContainerNetworking.join(spec, net.netns());
      }
      volumes.mountInto(c.id(), rootfs, spec, () -> volumes.attach(c.id(), c.config(),
          c.hostConfig(), imageConfig, other -> find(other).id()));
      Files.write(dir.resolve("config.json"), BundleLoader.JSON.writeValueAsBytes(spec));
      long[] rotation = RuntimeSpec.logRotation(c.hostConfig());
      CreateOptions opts = new CreateOptions(dev.berth.runtime.plan.LaunchContext.Stdio.PIPE,
          c.config().openStdin(), java.util.Optional.of(new dev.berth.runtime.plan.LaunchContext
              .LogFile(dir.resolve("container.log"), rotation[0], (int) rotation[1])),
          java.util.Optional.empty(), java.util.Optional.empty());
      // attaches connect, and the network comes up, before the program's first instruction
      Runnable beforeStart = pendingAttaches.containsKey(c.id()) || !readyNow(net.ready())
          ? () -> {
            connectPendingAttaches(c);
            awaitNetwork(net.ready());
          }
          : null;
      int pid = runtime.createAndStart(c.shortId(), dir, opts, beforeStart).record().pid();
      Container running = c.withState(c.state().running(pid, Instant.now().toString()));
      store.updateState(running);
      lifecycle(c.id()).onStart();
      event(c, "start");
      var check = HealthChecker.effective(c, imageConfig);
      if (check != null) {
        health.start(c, check, dir);
      }
      watchExit(c.id());
      return true;
    } catch (IOException | RuntimeException e) {
      try {
        runtime.delete(c.shortId(), true);
      } catch (RuntimeException ignored) {
        // never created
      }
      Mounter.unmount(rootfs);
      releaseNetwork(c.id());
      volumes.release(c.id());
      store.updateState(c.withState(c.state().failed(e.getMessage(), 127)));
      throw e instanceof BerthException b ? b
          : BerthException.system("starting container " + c.name() + ": " + e.getMessage(), e);
    }
  }

  /** Whether the network is up already (none, host's, a warm one), so nothing waits for it. */
  private static boolean readyNow(CompletableFuture<Void> ready) {
    return ready.isDone() && !ready.isCompletedExceptionally();
  }

  private static void awaitNetwork(CompletableFuture<Void> ready) {
    try {
      ready.join();
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r
          : BerthException.system("setting up the network: " + e.getCause().getMessage(),
              e.getCause());
    }
  }

  /** Takes the container's endpoints and namespace down; a failure is not the caller's. */
  private void releaseNetwork(String id) {
    try {
      networking.tearDown(id);
    } catch (RuntimeException e) {
      // what a plugin could not release now, the reconcile at the next start retries
    }
  }

  /** Has {@link #afterExit} run when this run of the container ends. */
  private void watchExit(String id) {
    CompletableFuture<Integer> exit;
    try {
      exit = runtime.exitOf(id.substring(0, 12), exits);
    } catch (RuntimeException e) {
      exit = CompletableFuture.completedFuture(255);
    }
    // the watcher's one thread only hands on: the clean-up runs on a virtual thread of its own
    exit.whenCompleteAsync((code, e) -> afterExit(id, e == null ? code : 255),
        r -> Thread.ofVirtual().name("berth-exit-" + id.substring(0, 12)).start(r));
  }

  /**
   * The end of one run: record the code, release the rootfs, honour --rm. As Docker's, a waiter
   * learns of the exit once what a user can see is released (the rootfs and volume mounts, the
   * network); the runtime's own remains (cgroups, run directory) go after that, still under the
   * container's lock, so whatever comes next for it (a start, rm, cp) waits.
   */
  private void afterExit(String id, int exitCode) {
    int code = exitCode;
    boolean oom = false;
    try {
      oom = runtime.state(id.substring(0, 12)).oomKilled();
    } catch (RuntimeException e) {
      code = 255;
    }
    if (closed) {
      return; // the next daemon collects this exit (live restore)
    }
    ReentrantLock lock = lockOf(id);
    lock.lock();
    Container c;
    try {
      health.stop(id);
      Mounter.unmount(dir(id).resolve("rootfs"));
      releaseNetwork(id);
      c = store.get(id).orElse(null);
      if (c != null) {
        store.updateState(c.withState(c.state().exited(code, oom, Instant.now().toString())));
        volumes.release(id);
        event(c, "die", Map.of("exitCode", Integer.toString(code)));
      }
      lifecycle(id).onExit(code);
      try {
        runtime.delete(id.substring(0, 12), true);
      } catch (RuntimeException e) {
        // gone already
      }
    } finally {
      lock.unlock();
    }
    if (c != null && c.hostConfig().autoRemove()) {
      try {
        remove(id, true, true); // --rm takes the anonymous volumes along, as Docker's does
      } catch (RuntimeException e) {
        // removed meanwhile
      }
    } else if (c != null && !stoppedByUser.remove(id) && restarts(c, code)) {
      scheduleRestart(c);
    }
  }

  private void markStoppedByUser(Container c) {
    stoppedByUser.add(c.id());
    store.get(c.id()).ifPresent(now -> store.update(now.withStoppedByUser(true)));
  }

  /** Whether the policy restarts a container that exited with {@code code} by itself. */
  private static boolean restarts(Container c, int code) {
    HostConfig.RestartPolicy p = c.hostConfig().restartPolicy();
    return switch (p.name()) {
      case "always", "unless-stopped" -> true;
      case "on-failure" -> code != 0
          && (p.maximumRetryCount() <= 0 || c.restartCount() < p.maximumRetryCount());
      default -> false;
    };
  }

  /**
   * Docker's back-off: 100 ms doubled at each restart, at most a minute, back to 100 ms once a
   * run lasted ten seconds.
   */
  private void scheduleRestart(Container c) {
    long ran = Duration.between(Instant.parse(c.state().startedAt()), Instant.now()).toMillis();
    int n = ran >= 10_000 ? 0 : backoffs.merge(c.id(), 1, Integer::sum) - 1;
    if (ran >= 10_000) {
      backoffs.put(c.id(), 1);
    }
    long delay = Math.min(60_000, 100L << Math.min(n, 10));
    restarter.schedule(() -> {
      try {
        Container now = find(c.id());
        if (!now.state().running() && !stoppedByUser.contains(c.id())) {
          store.update(now.withRestartCount(now.restartCount() + 1));
          start(c.id());
        }
      } catch (RuntimeException e) {
        // removed meanwhile, or the start failed and says why in its state
      }
    }, delay, TimeUnit.MILLISECONDS);
  }

  /**
   * {@code docker wait}: the exit code once {@code condition} holds: {@code not-running} (the
   * default; at once for a container not running), {@code next-exit}, or {@code removed}.
   */
  public CompletableFuture<Integer> waitFor(String ref, String condition) {
    Container c = find(ref);
    Lifecycle l = lifecycle(c.id());
    return switch (condition == null || condition.isEmpty() ? "not-running" : condition) {
      case "not-running" -> c.state().running() ? l.exited()
          : CompletableFuture.completedFuture(c.state().exitCode());
      case "next-exit" -> l.exited();
      case "removed" -> l.removed().thenApply(v -> l.exited().getNow(c.state().exitCode()));
      default -> throw BerthException.invalid("invalid condition: \"" + condition + "\"");
    };
  }

  /** Resolves when the container next starts (attach before start waits on this). */
  public CompletableFuture<Void> started(String ref) {
    return lifecycle(find(ref).id()).started();
  }

  /**
   * {@code docker stop}: the stop signal, then SIGKILL after {@code timeoutSeconds} (null: the
   * container's StopTimeout, else 10). False if it was not running (Docker's 304).
   */
  public boolean stop(String ref, Integer timeoutSeconds, String signal) {
    Container c = find(ref);
    if (!c.state().running()) {
      return false;
    }
    int sig = Signals.parse(signal != null && !signal.isEmpty() ? signal
        : c.config().stopSignal() != null ? c.config().stopSignal() : "SIGTERM");
    int timeout = timeoutSeconds != null ? timeoutSeconds
        : c.config().stopTimeout() != null ? c.config().stopTimeout() : 10;
    CompletableFuture<Integer> exit = lifecycle(c.id()).exited();
    markStoppedByUser(c);
    signal(c, sig);
    try {
      exit.get(Math.max(timeout, 0), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      event(c, "kill", Map.of("signal", "9"));
      signal(c, 9);
      await(exit);
    } catch (InterruptedException | ExecutionException e) {
      throw BerthException.system("stopping " + c.name() + ": " + e.getMessage(), e);
    }
    event(c, "stop");
    return true;
  }

  /** {@code docker kill}: a signal (default SIGKILL) to a running container. */
  public void kill(String ref, String signal) {
    Container c = find(ref);
    if (!c.state().running()) {
      throw BerthException.precondition("container " + c.id() + " is not running");
    }
    int sig = Signals.parse(signal == null || signal.isEmpty() ? "SIGKILL" : signal);
    event(c, "kill", Map.of("signal", Integer.toString(sig)));
    if (sig == 9 || sig == 15) {
      markStoppedByUser(c);
    }
    signal(c, sig);
    if (sig == 9) {
      await(lifecycle(c.id()).exited());
    }
  }

  private void signal(Container c, int sig) {
    try {
      runtime.kill(c.shortId(), sig, false);
    } catch (BerthException e) {
      if (e.kind() != ErrorKind.FAILED_PRECONDITION) {
        throw e;
      }
    }
  }

  public void pause(String ref) {
    Container c = find(ref);
    if (!c.state().running()) {
      throw BerthException.precondition("container " + c.id() + " is not running");
    }
    if (c.state().paused()) {
      throw BerthException.precondition("Container " + c.id() + " is already paused");
    }
    runtime.pause(c.shortId());
    store.updateState(c.withState(c.state().paused(true)));
    event(c, "pause");
  }

  public void unpause(String ref) {
    Container c = find(ref);
    if (!c.state().paused()) {
      throw BerthException.precondition("Container " + c.id() + " is not paused");
    }
    runtime.resume(c.shortId());
    store.updateState(c.withState(c.state().paused(false)));
    event(c, "unpause");
  }

  /** {@code docker rm}: a running container only with {@code force} (it is killed first). */
  public void remove(String ref, boolean force) {
    remove(ref, force, false);
  }

  /** {@code docker rm [-v]}: with {@code removeVolumes}, its anonymous volumes go too. */
  public void remove(String ref, boolean force, boolean removeVolumes) {
    Container c = find(ref);
    if (c.state().running()) {
      stoppedByUser.add(c.id());
      if (!force) {
        stoppedByUser.remove(c.id());
        throw BerthException.precondition("cannot remove container \"/" + c.name()
            + "\": container is running: stop the container before removing or force remove");
      }
      if (c.state().paused()) {
        runtime.resume(c.shortId());
      }
      signal(c, 9);
      await(lifecycle(c.id()).exited());
    }
    ReentrantLock lock = lockOf(c.id());
    lock.lock();
    try {
      if (store.get(c.id()).isEmpty()) {
        return;
      }
      Mounter.unmount(dir(c.id()).resolve("rootfs"));
      releaseNetwork(c.id());
      images.removeRootfs(c.id());
      try {
        Trees.deleteRecursively(dir(c.id()));
      } catch (IOException e) {
        throw BerthException.system("removing " + dir(c.id()) + ": " + e.getMessage(), e);
      }
      store.delete(c.id());
      volumes.detach(c.id(), removeVolumes);
      var waiting = pendingAttaches.remove(c.id());
      if (waiting != null) {
        waiting.forEach(f -> f.completeExceptionally(noSuch(c.id())));
      }
      lifecycle(c.id()).onRemove(c.state().exitCode());
      lifecycles.remove(c.id());
      health.forget(c.id());
      // docker forgets a container's execs with it (GET /exec/{id}/json is a 404 after)
      execs.values().removeIf(e -> e.containerId().equals(c.id()));
      event(c, "destroy");
    } finally {
      lock.unlock();
      locks.remove(c.id());
    }
  }

  /**
   * One lock per container: what changes a container (start, update, rename, a mount for cp,
   * removal) is serialised for it alone, so containers start side by side.
   */
  private ReentrantLock lockOf(String id) {
    return locks.computeIfAbsent(id, k -> new ReentrantLock());
  }

  private <T> T locked(String id, java.util.function.Supplier<T> work) {
    ReentrantLock lock = lockOf(id);
    lock.lock();
    try {
      return work.get();
    } finally {
      lock.unlock();
    }
  }

  /** {@code docker exec} step one: records what to run in a running container. */
  public String execCreate(String ref, ExecConfig config) {
    Container c = find(ref);
    if (!c.state().running()) {
      throw BerthException.precondition("container " + c.id() + " is not running");
    }
    if (c.state().paused()) {
      throw BerthException.precondition("Container " + c.id() + " is paused, unpause the"
          + " container before exec");
    }
    if (config.cmd().isEmpty()) {
      throw BerthException.invalid("No exec command specified");
    }
    String id = Names.newId();
    execs.put(id, new ExecInstance(id, c.id(), config, false, null, 0));
    event(c, "exec_create: " + String.join(" ", config.cmd()), Map.of("execID", id));
    return id;
  }

  /**
   * Step two: starts the process, output to its monitor's attach socket; the returned future
   * completes with its exit code (recorded before it completes, as clients inspect at EOF).
   */
  public StartedExec execStart(String execId) {
    ExecInstance e = exec(execId);
    if (e.running() || e.exitCode() != null) {
      throw BerthException.precondition("Error: Exec command " + execId + " has already run");
    }
    Container c = find(e.containerId());
    ObjectNode process;
    try {
      process = (ObjectNode) BundleLoader.JSON.readTree(dir(c.id()).resolve("config.json")
          .toFile()).get("process");
    } catch (IOException x) {
      throw BerthException.system("reading the config of " + c.name() + ": " + x.getMessage(), x);
    }
    ExecConfig cfg = e.config();
    process.put("terminal", cfg.tty());
    var args = process.putArray("args");
    cfg.cmd().forEach(args::add);
    if (!cfg.env().isEmpty()) {
      var env = (com.fasterxml.jackson.databind.node.ArrayNode) process.get("env");
      cfg.env().forEach(env::add);
    }
    if (cfg.workingDir() != null && !cfg.workingDir().isEmpty()) {
      process.put("cwd", cfg.workingDir());
    }
    if (cfg.user() != null && !cfg.user().isEmpty()) {
      long[] u = UserLookup.resolve(dir(c.id()).resolve("rootfs"), cfg.user());
      process.putObject("user").put("uid", u[0]).put("gid", u[1]);
    }
    dev.berth.oci.runtime.Process p;
    try {
      p = BundleLoader.JSON.treeToValue(process, dev.berth.oci.runtime.Process.class);
    } catch (IOException x) {
      throw BerthException.system("exec process of " + c.name() + ": " + x.getMessage(), x);
    }
    ContainerRuntime.ExecProcess started = runtime.execCreate(c.shortId(), p,
        CreateOptions.piped(dir(c.id()).resolve("exec-" + execId.substring(0, 12) + ".log"))
            .withStdinOpen(cfg.attachStdin()));
    execs.put(execId, e.started(started.pid()));
    execProcesses.put(execId, started);
    CompletableFuture<Integer> exit = new CompletableFuture<>();
    Thread.ofPlatform().daemon().name("berth-exec-" + execId.substring(0, 12)).start(() -> {
      int code = waitExec(started);
      execs.computeIfPresent(execId, (k, v) -> v.ended(code));
      execProcesses.remove(execId); // nothing left to resize
      exit.complete(code);
    });
    return new StartedExec(started.attachSocket(), exit, () -> runtime.execBegin(started));
  }

  private int waitExec(ContainerRuntime.ExecProcess started) {
    try {
      return runtime.execWait(started);
    } catch (RuntimeException x) {
      return 126;
    }
  }

  /**
   * An exec ready to run: connect to {@code attachSocket} first, then {@code begin} it, so no
   * output is missed; {@code exit} completes with its exit code.
   */
  public record StartedExec(Path attachSocket, CompletableFuture<Integer> exit, Runnable begin) {}

  /** The execs of a container that have not ended (created or running), as inspect lists them. */
  public List<String> execIds(String containerId) {
    return execs.values().stream()
        .filter(e -> e.containerId().equals(containerId) && e.exitCode() == null)
        .map(ExecInstance::id).sorted().toList();
  }

  public ExecInstance exec(String execId) {
    ExecInstance e = execs.get(execId);
    if (e == null) {
      throw new BerthException(ErrorKind.NOT_FOUND, "No such exec instance: " + execId);
    }
    return e;
  }

  /** Resizes an exec's terminal. */
  public void execResize(String execId, int rows, int cols) {
    exec(execId); // exists
    ContainerRuntime.ExecProcess p = execProcesses.get(execId);
    if (p == null || !Files.exists(p.runDir())) {
      throw BerthException.precondition("exec " + execId + " is not running");
    }
    dev.berth.runtime.shim.ShimControl.call(new dev.berth.runtime.shim.RunDir(p.runDir())
        .control(), "resize", String.valueOf(rows), String.valueOf(cols));
  }

  /**
   * {@code docker update}: new memory, CPU and pids limits (0 or null keeps one) and restart
   * policy; applied to the running container at once and kept for its next starts.
   */
  public void update(String ref, HostConfig changes) {
    locked(find(ref).id(), () -> {
      updateLocked(ref, changes);
      return null;
    });
  }

  private void updateLocked(String ref, HostConfig changes) {
    Container c = find(ref);
    HostConfig h = c.hostConfig();
    HostConfig next = h.withLimits(
        changes.restartPolicy().name().equals("no") && !h.restartPolicy().name().equals("no")
            && changes.restartPolicy().maximumRetryCount() == 0 ? h.restartPolicy()
            : changes.restartPolicy(),
        changes.memory() > 0 ? changes.memory() : h.memory(),
        changes.memorySwap() != 0 ? changes.memorySwap() : h.memorySwap(),
        changes.nanoCpus() > 0 ? changes.nanoCpus() : h.nanoCpus(),
        changes.cpuShares() > 0 ? changes.cpuShares() : h.cpuShares(),
        changes.cpusetCpus() != null && !changes.cpusetCpus().isEmpty() ? changes.cpusetCpus()
            : h.cpusetCpus(),
        changes.pidsLimit() != null && changes.pidsLimit() != 0 ? changes.pidsLimit()
            : h.pidsLimit());
    if (c.state().running()) {
      var memory = next.memory() > 0 ? new dev.berth.oci.runtime.LinuxResources.Memory(
          next.memory(), null, next.memorySwap() != 0 ? next.memorySwap() : null, null, null)
          : null;
      var cpu = next.cpuShares() > 0 || next.nanoCpus() > 0 || next.cpusetCpus() != null
          ? new dev.berth.oci.runtime.LinuxResources.Cpu(
              next.cpuShares() > 0 ? next.cpuShares() : null,
              next.nanoCpus() > 0 ? next.nanoCpus() * 100_000 / 1_000_000_000L : null,
              next.nanoCpus() > 0 ? 100_000L : null,
              next.cpusetCpus() == null || next.cpusetCpus().isEmpty() ? null : next.cpusetCpus(),
              null, null, null) : null;
      var pids = next.pidsLimit() != null && next.pidsLimit() > 0
          ? new dev.berth.oci.runtime.LinuxResources.Pids(next.pidsLimit()) : null;
      runtime.update(c.shortId(), new dev.berth.oci.runtime.LinuxResources(null, memory, cpu,
          pids, null, null));
    }
    store.update(new Container(c.id(), c.name(), c.created(), c.imageId(), c.imageName(),
        c.path(), c.args(), c.config(), next, c.state(), c.restartCount(), c.stoppedByUser()));
    event(c, "update");
  }

  /** {@code docker rename}. */
  public void rename(String ref, String newName) {
    locked(find(ref).id(), () -> {
      renameLocked(ref, newName);
      return null;
    });
  }

  private void renameLocked(String ref, String newName) {
    Container c = find(ref);
    String n = Names.checked(newName);
    if (n.equals(c.name())) {
      throw BerthException.invalid("Renaming a container with the same name as its current name");
    }
    if (!store.rename(c, n)) {
      throw new BerthException(ErrorKind.ALREADY_EXISTS, "Conflict. The container name \"/"
          + n + "\" is already in use by container \"" + byName(n).map(Container::id)
          .orElse("?") + "\". You have to remove (or rename) that container to be able to"
          + " reuse that name.");
    }
    event(c.withName(n), "rename", Map.of("oldName", "/" + c.name()));
  }

  /** Sets the size of a container's terminal. */
  public void resize(String ref, int rows, int cols) {
    Container c = find(ref);
    if (!c.state().running()) {
      throw BerthException.precondition("container " + c.id() + " is not running");
    }
    runtime.resize(c.shortId(), rows, cols);
  }

  /** A connection to a running container's output and stdin. */
  public AttachStream attach(String ref) throws IOException {
    Container c = find(ref);
    return AttachStream.connect(runtime.root().resolve(c.shortId()).resolve("attach.sock"));
  }

  /**
   * An attach that begins with the container's next start: connected after the process exists
   * and before it runs, so it misses no output ({@code docker run} attaches before it starts).
   */
  public CompletableFuture<AttachStream> attachAtStart(String ref) {
    Container c = find(ref);
    CompletableFuture<AttachStream> f = new CompletableFuture<>();
    pendingAttaches.computeIfAbsent(c.id(), k -> new java.util.concurrent.CopyOnWriteArrayList<>())
        .add(f);
    return f;
  }

  private void connectPendingAttaches(Container c) {
    List<CompletableFuture<AttachStream>> waiting = pendingAttaches.remove(c.id());
    if (waiting == null) {
      return;
    }
    for (CompletableFuture<AttachStream> f : waiting) {
      try {
        f.complete(AttachStream.connect(runtime.root().resolve(c.shortId())
            .resolve("attach.sock")));
      } catch (IOException e) {
        f.completeExceptionally(e);
      }
    }
  }

  /**
   * {@code docker commit}: the container's changes as a new image on its image, with the
   * container's effective config. A running container is paused meanwhile when {@code pause}.
   */
  public dev.berth.image.LoadedImage commit(String ref, String reference, String author,
      String comment, List<String> changes, boolean pause) {
    Container c = find(ref);
    ImageConfig.ContainerConfig image = imageConfig(c);
    var cfg = c.config();
    List<String> env = new ArrayList<>(environment(c));
    env.removeIf(e -> e.startsWith("HOSTNAME="));
    Map<String, String> labels = new java.util.LinkedHashMap<>();
    if (image != null && image.labels() != null) {
      labels.putAll(image.labels());
    }
    labels.putAll(cfg.labels());
    boolean ownEntrypoint = cfg.entrypoint() != null;
    List<String> entrypoint = ownEntrypoint ? cfg.entrypoint()
        : image == null ? null : image.entrypoint();
    List<String> cmd = cfg.cmd() != null && !cfg.cmd().isEmpty() ? cfg.cmd()
        : ownEntrypoint || image == null ? null : image.cmd();
    String workdir = cfg.workingDir() != null && !cfg.workingDir().isEmpty() ? cfg.workingDir()
        : image == null ? null : image.workingDir();
    String user = cfg.user() != null && !cfg.user().isEmpty() ? cfg.user()
        : image == null ? null : image.user();
    ImageConfig.ContainerConfig merged = new ImageConfig.ContainerConfig(user,
        image == null ? null : image.exposedPorts(), env, entrypoint, cmd,
        image == null ? null : image.volumes(), workdir, labels,
        cfg.stopSignal() != null ? cfg.stopSignal() : image == null ? null : image.stopSignal(),
        image == null ? null : image.healthcheck(), null, null, null, null);
    boolean paused = false;
    if (pause && c.state().running() && !c.state().paused()) {
      runtime.pause(c.shortId());
      paused = true;
    }
    try {
      return images.commit(new dev.berth.image.CommitRequest(c.id(), Digest.parse(c.imageId()),
          merged, reference, author, comment, changes));
    } finally {
      if (paused) {
        runtime.resume(c.shortId());
      }
    }
  }

  /** cgroup figures of a running container (memory, cpu, pids, io). */
  public dev.berth.runtime.cgroup.CgroupStats stats(String ref) {
    Container c = find(ref);
    if (!c.state().running()) {
      throw BerthException.precondition("container " + c.id() + " is not running");
    }
    return runtime.stats(c.shortId());
  }

  /** The pids of a running container's processes, as the host sees them. */
  public List<Integer> processes(String ref) {
    Container c = find(ref);
    if (!c.state().running()) {
      throw BerthException.precondition("container " + c.id() + " is not running");
    }
    return runtime.ps(c.shortId());
  }

  /** Work on a container's file system; what it does with the root it is handed. */
  @FunctionalInterface
  public interface FilesystemWork<T> {
    T run(Path rootfs) throws IOException;
  }

  /**
   * Runs {@code work} on the container's root file system: the mounted one while it runs, else
   * its snapshot mounted for the duration (no start can happen meanwhile).
   */
  public <T> T withRootfs(String ref, FilesystemWork<T> work) {
    return locked(find(ref).id(), () -> withRootfsLocked(ref, work));
  }

  private <T> T withRootfsLocked(String ref, FilesystemWork<T> work) {
    Container c = find(ref);
    Path rootfs = dir(c.id()).resolve("rootfs");
    boolean mountHere = !c.state().running();
    if (mountHere) {
      Mounter.mount(images.snapshots().mounts(c.id()), rootfs);
    }
    try {
      return work.run(rootfs);
    } catch (IOException e) {
      throw BerthException.system(c.name() + ": " + e.getMessage(), e);
    } finally {
      if (mountHere) {
        Mounter.unmount(rootfs);
      }
    }
  }

  /**
   * A path as the container sees it, resolved inside {@code rootfs} (symlinks stay inside it);
   * {@code NOT_FOUND} with Docker's message when nothing is there.
   */
  public Path containerPath(String ref, Path rootfs, String path, boolean followLast) {
    Path p = ScopedPath.resolve(rootfs, path, followLast || path.endsWith("/"));
    if (!ScopedPath.exists(p)) {
      throw new BerthException(ErrorKind.NOT_FOUND, "Could not find the file " + path
          + " in container " + ref);
    }
    return p;
  }

  /**
   * {@code path} resolved inside {@code rootfs} without following its last component, as a
   * path relative to {@code rootfs} (where a copied entry goes).
   */
  public static Path scoped(Path rootfs, String path) {
    return rootfs.relativize(ScopedPath.resolve(rootfs, path, false));
  }

  /**
   * {@code docker diff}. The mount points the runtime made for the container's own hostname,
   * hosts and resolv.conf are not the container's changes (Docker keeps them in an init layer).
   */
  public List<dev.berth.image.Change> changes(String ref) {
    java.util.Set<String> mountPoints = java.util.Set.of("/etc/hostname", "/etc/hosts",
        "/etc/resolv.conf");
    return images.changes(find(ref).id()).stream()
        .filter(ch -> !(ch.kind() == dev.berth.image.Change.ADDED
            && mountPoints.contains(ch.path()))).toList();
  }

  /** {@code docker export}: the container's file system as a tar. */
  public void export(String ref, java.io.OutputStream out) {
    images.export(find(ref).id(), out);
  }

  /** The container's health, or null when it has no check. */
  public Health health(Container c) {
    return health.of(c.id());
  }

  /** The environment the container's process gets: the image's, then the request's. */
  public List<String> environment(Container c) {
    ImageConfig.ContainerConfig image = imageConfig(c);
    return RuntimeSpec.env(c.config(), image, hostname(c));
  }

  /** The image's container defaults, or null when the image is gone (removed by force). */
  public ImageConfig.ContainerConfig imageConfig(Container c) {
    try {
      return configOf(c.imageId());
    } catch (BerthException e) {
      return null;
    }
  }

  /**
   * An image's container config, read once: an image id is the digest of its config, so what
   * is cached never goes stale, and ps, inspect and every start ask for it.
   */
  private ImageConfig.ContainerConfig configOf(String imageId) {
    java.util.Optional<ImageConfig.ContainerConfig> cached = imageConfigs.get(imageId);
    if (cached == null) {
      cached = java.util.Optional.ofNullable(images.inspect(imageId).config().config());
      if (imageConfigs.size() >= 256) {
        imageConfigs.clear(); // images come and go; a few hundred configs are plenty
      }
      imageConfigs.put(imageId, cached);
    }
    return cached.orElse(null);
  }

  /** The container's files Docker shows in inspect: hostname, hosts, resolv.conf, log. */
  public Map<String, String> paths(Container c) {
    Path d = dir(c.id());
    return Map.of("hostname", d.resolve("hostname").toString(), "hosts",
        d.resolve("hosts").toString(), "resolv.conf", d.resolve("resolv.conf").toString(),
        "log", d.resolve("container.log").toString());
  }

  /**
   * {@code docker logs -f}: entries from {@code since} on, as they are written, until the
   * container has exited (at once for one not running).
   */
  public void followLogs(String ref, Instant since, int tail,
      java.util.function.Consumer<LogEntry> sink) throws IOException, InterruptedException {
    Container c = find(ref);
    CompletableFuture<Integer> exit = c.state().running() ? lifecycle(c.id()).exited()
        : CompletableFuture.completedFuture(c.state().exitCode());
    LogFollower.follow(dir(c.id()).resolve("container.log"), since, tail, exit, sink);
  }

  /** Says in the event log that a client is attached now ({@code attach}, as Docker does). */
  public void attached(String ref) {
    event(find(ref), "attach");
  }

  /** The container's CRI log file (it may not exist before the first start). */
  public Path logFile(String ref) {
    return dir(find(ref).id()).resolve("container.log");
  }

  /** Every container (running ones only unless {@code all}), newest first. */
  public List<Container> list(boolean all) {
    List<Container> out = new ArrayList<>(store.list().reversed());
    if (!all) {
      out.removeIf(c -> !c.state().running());
    }
    return out;
  }

  /** By full id, name (with or without '/'), or unique id prefix. */
  public Container find(String ref) {
    if (ref == null || ref.isEmpty()) {
      throw noSuch(String.valueOf(ref));
    }
    var byId = store.get(ref);
    if (byId.isPresent()) {
      return byId.get();
    }
    String name = ref.startsWith("/") ? ref.substring(1) : ref;
    List<Container> all = store.list();
    for (Container c : all) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    List<Container> prefixed = all.stream().filter(c -> c.id().startsWith(ref)).toList();
    if (prefixed.size() == 1) {
      return prefixed.getFirst();
    }
    throw noSuch(ref);
  }

  private java.util.Optional<Container> byName(String name) {
    return store.list().stream().filter(c -> c.name().equals(name)).findFirst();
  }

  private static BerthException noSuch(String ref) {
    return new BerthException(ErrorKind.NOT_FOUND, "No such container: " + ref);
  }

  @Override
  public List<ContainerUse> containersOf(Digest imageId) {
    return store.list().stream().filter(c -> c.imageId().equals(imageId.toString()))
        .map(c -> new ContainerUse(c.id(), c.state().running())).toList();
  }

  /** Stops watching; running containers keep running (their shims own them). */
  @Override
  public void close() {
    closed = true;
    restarter.shutdownNow();
    probes.shutdownNow();
    networking.service().close();
    exits.close();
    db.close();
  }

  /** The networks (list, create, find, remove); containers join them through the engine. */
  public dev.berth.network.NetworkService networks() {
    return networking.service();
  }

  /** {@code docker network create}, with its event. */
  public dev.berth.network.Network createNetwork(dev.berth.network.NetworkCreate req) {
    var n = networks().create(req);
    events.publish("network", "create", n.id(), Map.of("name", n.name(), "type", n.driver()));
    return n;
  }

  /** {@code docker network rm}, with its event. */
  public void removeNetwork(String ref) {
    var n = networks().find(ref);
    networks().remove(n.id());
    events.publish("network", "destroy", n.id(), Map.of("name", n.name(), "type", n.driver()));
  }

  /** {@code docker network connect}: at once when the container runs, at its next start if not. */
  public void connect(String ref, String network, EndpointSettings settings) {
    Container c = find(ref);
    var n = networks().find(network);
    locked(c.id(), () -> {
      networking.connect(find(c.id()), n, settings == null ? EndpointSettings.none() : settings);
      return null;
    });
    events.publish("network", "connect", n.id(), Map.of("container", c.id(), "name", n.name(),
        "type", n.driver()));
  }

  /** {@code docker network disconnect}. */
  public void disconnect(String ref, String network) {
    Container c = find(ref);
    var n = networks().find(network);
    locked(c.id(), () -> {
      networking.disconnect(find(c.id()), n);
      return null;
    });
    events.publish("network", "disconnect", n.id(), Map.of("container", c.id(), "name",
        n.name(), "type", n.driver()));
  }

  /** Inspect's {@code NetworkSettings}. */
  public Map<String, Object> networkSettings(Container c) {
    return networking.settings(c, imageConfig(c));
  }

  /** ps's {@code NetworkSettings.Networks}. */
  public Map<String, Object> networkSummary(Container c) {
    return networking.networks(c);
  }

  /** ps's {@code Ports}: published ones with their host side, exposed ones without. */
  public List<Map<String, Object>> ports(Container c) {
    return PortSpecs.listPorts(c, imageConfig(c), networking.publishedPorts(c));
  }

  /** A network inspect's {@code Containers}: the running containers on it. */
  public Map<String, Object> containersOn(dev.berth.network.Network n) {
    return networking.containersOn(n);
  }

  /** Whether any container, running or not, is configured to join {@code n}. */
  public boolean uses(dev.berth.network.Network n) {
    return store.list().stream().anyMatch(c -> networking.load(c.id()).containsKey(n.id()));
  }

  /** The daemon's event log: the engine publishes container events, the API image events. */
  public EventLog events() {
    return events;
  }

  /** The volumes, on the same root and database. */
  public dev.berth.engine.volume.VolumeService volumes() {
    return volumes;
  }

  private void event(Container c, String action, Map<String, String> extra) {
    Map<String, String> attrs = new java.util.LinkedHashMap<>(c.config().labels());
    attrs.put("image", c.imageName());
    attrs.put("name", c.name());
    attrs.putAll(extra);
    events.publish("container", action, c.id(), attrs);
  }

  private void event(Container c, String action) {
    event(c, action, Map.of());
  }

  private Lifecycle lifecycle(String id) {
    return lifecycles.computeIfAbsent(id, k -> new Lifecycle());
  }

  private Path dir(String id) {
    return root.resolve("containers").resolve(id);
  }

  private String hostname(Container c) {
    String h = c.config().hostname();
    return h == null || h.isEmpty() ? c.shortId() : h;
  }

  /** The runtime knows containers by their first 12 hex digits: those must be unique too. */
  private String newContainerId() {
    List<Container> all = store.list();
    while (true) {
      String id = Names.newId();
      if (all.stream().noneMatch(o -> o.id().startsWith(id.substring(0, 12)))) {
        return id;
      }
    }
  }

  private String uniqueGeneratedName() {
    for (int i = 0; i < 100; i++) {
      String n = Names.generated() + (i < 10 ? "" : Integer.toString(i));
      if (byName(n).isEmpty()) {
        return n;
      }
    }
    return Names.generated() + "_" + Names.newId().substring(0, 6);
  }

  /** The host's resolver, minus loopback servers a container cannot reach. */
  private static String resolvConf() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/etc/resolv.conf")).stream()
          .filter(l -> !l.matches("\\s*nameserver\\s+(127\\.|::1).*")).toList();
      return String.join("\n", lines) + "\n";
    } catch (IOException e) {
      return "";
    }
  }

  private void cleanup(String id, Exception cause) {
    try {
      images.removeRootfs(id);
    } catch (RuntimeException e) {
      // not prepared
    }
    try {
      Trees.deleteRecursively(dir(id));
    } catch (IOException e) {
      cause.addSuppressed(e);
    }
  }

  private static int await(CompletableFuture<Integer> exit) {
    try {
      return exit.get(60, TimeUnit.SECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      throw BerthException.system("waiting for the container to exit: " + e, e);
    }
  }

}
