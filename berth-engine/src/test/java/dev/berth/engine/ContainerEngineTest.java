package dev.berth.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.error.BerthException;
import dev.berth.error.ErrorKind;
import dev.berth.image.ImageService;
import dev.berth.image.ImportOptions;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Containers from a busybox image, run for real: Docker's lifecycle rules and messages. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ContainerEngineTest {
  private static final Path TOP = Path.of(System.getProperty("berth.top", "."));
  private static Path rootfsTar;

  @TempDir Path tmp;
  private ImageService images;
  private ContainerEngine engine;
  private Path execRoot;

  @BeforeAll
  static void fixture() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
    rootfsTar = Files.createTempFile("busybox", ".tar");
    Process p = new ProcessBuilder(TOP.resolve("scripts/fixtures/busybox-rootfs.sh").toString(),
        rootfsTar.toString()).inheritIO().start();
    assertThat(p.waitFor()).isZero();
  }

  @AfterAll
  static void dropFixture() throws Exception {
    if (rootfsTar != null) {
      Files.deleteIfExists(rootfsTar);
    }
  }

  @BeforeEach
  void open() throws Exception {
    images = ImageService.open(tmp.resolve("root"));
    try (InputStream in = Files.newInputStream(rootfsTar)) {
      images.importImage(in, new ImportOptions("busybox", List.of("CMD [\"sh\"]",
          "ENV FROM_IMAGE=yes", "WORKDIR /tmp"), null, null, "-"));
    }
    // unix socket paths must stay short: the run dirs go under /run
    execRoot = Files.createDirectory(Path.of("/run/bt" + Names.newId().substring(0, 6)));
    engine = ContainerEngine.open(tmp.resolve("root"), execRoot, images);
  }

  @AfterEach
  void close() {
    if (engine != null) {
      for (Container c : engine.list(true)) {
        engine.remove(c.id(), true);
      }
      engine.close();
    }
    if (images != null) {
      images.close();
    }
    if (execRoot != null) {
      try {
        dev.berth.image.Trees.deleteRecursively(execRoot);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  private String run(String name, ContainerConfig config, HostConfig host) throws Exception {
    String id = engine.create(name, config, host).id();
    engine.start(id);
    engine.waitFor(id, "not-running").get(60, TimeUnit.SECONDS);
    return id;
  }

  private String stdout(String id) throws Exception {
    StringBuilder out = new StringBuilder();
    Matcher m = Pattern.compile("^\\S+ stdout ([FP]) (.*)$", Pattern.MULTILINE)
        .matcher(Files.readString(engine.logFile(id)));
    while (m.find()) {
      out.append(m.group(2)).append(m.group(1).equals("F") ? "\n" : "");
    }
    return out.toString();
  }

  private static ContainerConfig sh(String script) {
    return ContainerConfig.of("busybox", List.of("sh", "-c", script));
  }

  @Test
  void runsWithTheImagesDefaultsAndRecordsTheExitCode() throws Exception {
    String id = engine.create("first", sh("echo hi $FROM_IMAGE; pwd; hostname; exit 3"), null)
        .id();
    assertThat(engine.find("first").state().status()).isEqualTo("created");
    assertThat(engine.start(id)).isTrue();
    assertThat(engine.waitFor("first", null).get(60, TimeUnit.SECONDS)).isEqualTo(3);

    Container c = engine.find(id.substring(0, 8));
    assertThat(c.state().status()).isEqualTo("exited");
    assertThat(c.state().exitCode()).isEqualTo(3);
    assertThat(c.path()).isEqualTo("sh");
    assertThat(stdout(id)).isEqualTo("hi yes\n/tmp\n" + id.substring(0, 12) + "\n");
    assertThat(engine.list(false)).isEmpty();
    assertThat(engine.list(true)).extracting(Container::name).containsExactly("first");
  }

  @Test
  void userEnvAndWorkdirFromTheRequestWin() throws Exception {
    ContainerConfig config = new ContainerConfig("box", null, "nobody", false, true, true, null,
        false, false, false, List.of("A=b", "FROM_IMAGE=overridden"),
        List.of("sh", "-c", "id -u; pwd; echo $A $FROM_IMAGE; hostname"), "busybox", null, "/",
        null, null, null, null, null);
    String id = run(null, config, null);
    assertThat(stdout(id)).isEqualTo("65534\n/\nb overridden\nbox\n");
    assertThat(engine.find(id).name()).matches("[a-z]+_[a-z]+\\d*");
  }

  @Test
  void namesAreUniqueWithDockersMessage() {
    String id = engine.create("taken", sh("true"), null).id();
    assertThatThrownBy(() -> engine.create("/taken", sh("true"), null))
        .isInstanceOfSatisfying(BerthException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.ALREADY_EXISTS))
        .hasMessage("Conflict. The container name \"/taken\" is already in use by container \""
            + id + "\". You have to remove (or rename) that container to be able to reuse that"
            + " name.");
    assertThatThrownBy(() -> engine.create("bad name!", sh("true"), null))
        .hasMessageContaining("Invalid container name (bad name!)");
    assertThatThrownBy(() -> engine.find("nosuch")).hasMessage("No such container: nosuch");
    assertThat(engine.list(true)).hasSize(1);
  }

  @Test
  void stopKillRemoveFollowDockersRules() throws Exception {
    String id = engine.create("sleeper", sh("trap 'exit 42' TERM; sleep 100 & wait"), null).id();
    engine.start(id);
    assertThat(engine.start(id)).isFalse();
    assertThatThrownBy(() -> engine.remove("sleeper", false))
        .hasMessage("cannot remove container \"/sleeper\": container is running: stop the"
            + " container before removing or force remove");
    engine.pause(id);
    assertThat(engine.find(id).state().status()).isEqualTo("paused");
    engine.unpause(id);
    assertThat(engine.stop(id, 10, null)).isTrue();
    assertThat(engine.find(id).state().exitCode()).isEqualTo(42);
    assertThat(engine.stop(id, 10, null)).isFalse();
    assertThatThrownBy(() -> engine.kill(id, null))
        .hasMessage("container " + id + " is not running");

    engine.start(id);
    engine.remove(id, true);
    assertThat(engine.list(true)).isEmpty();
    assertThat(images.snapshots().list()).extracting(i -> i.key()).doesNotContain(id);
    assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(id);
  }

  @Test
  void whatComesRightAfterAnExitFindsTheContainerStopped() throws Exception {
    // waiters hear of an exit once its mounts are gone (as Docker's) but before the runtime's
    // cgroups and run directory are: a start or a removal the moment the wait returns waits
    String id = engine.create("again", sh("echo run"), null).id();
    for (int i = 1; i <= 5; i++) {
      assertThat(engine.start(id)).isTrue();
      assertThat(engine.waitFor(id, "next-exit").get(60, TimeUnit.SECONDS)).isZero();
      assertThat(engine.find(id).state().status()).isEqualTo("exited");
      assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(id);
    }
    assertThat(stdout(id)).isEqualTo("run\n".repeat(5));
    engine.remove(id, false);
    assertThat(engine.list(true)).isEmpty();
    assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(id);
    assertThat(execRoot.resolve("containers").resolve(id.substring(0, 12))).doesNotExist();
  }

  @Test
  void autoRemoveRemovesAfterTheExit() throws Exception {
    HostConfig rm = new HostConfig(null, "none", true, null, 0, 0, 0, 0, null, null, false,
        false, null, null, null, null, null, null, null);
    String id = engine.create(null, sh("exit 5"), rm).id();
    var removed = engine.waitFor(id, "removed");
    engine.start(id);
    assertThat(removed.get(60, TimeUnit.SECONDS)).isEqualTo(5);
    assertThat(engine.list(true)).isEmpty();
  }

  @Test
  void execRunsBesideTheContainerAndKeepsItsExitCode() throws Exception {
    String id = engine.create("host", sh("sleep 100"), null).id();
    engine.start(id);
    String exec = engine.execCreate("host", ExecConfig.of(List.of("sh", "-c",
        "echo in $HOSTNAME; echo err >&2; exit 7")));
    ContainerEngine.StartedExec started = engine.execStart(exec);
    StringBuilder out = new StringBuilder();
    try (var attach = dev.berth.runtime.shim.AttachStream.connect(started.attachSocket())) {
      started.begin().run();
      for (var f = attach.read(); f.isPresent(); f = attach.read()) {
        out.append(f.get().stream()).append(':').append(new String(f.get().data()));
      }
    }
    assertThat(started.exit().get(60, TimeUnit.SECONDS)).isEqualTo(7);
    assertThat(out.toString()).contains("1:in " + id.substring(0, 12) + "\n", "2:err\n");
    assertThat(engine.exec(exec).exitCode()).isEqualTo(7);
    assertThat(engine.exec(exec).running()).isFalse();
    assertThatThrownBy(() -> engine.exec("nosuch")).hasMessage("No such exec instance: nosuch");
    engine.stop(id, 0, null);
    assertThatThrownBy(() -> engine.execCreate(id, ExecConfig.of(List.of("true"))))
        .hasMessage("container " + id + " is not running");
  }

  @Test
  void logsComeBackInOrderWithTheirStreams() throws Exception {
    String id = run(null, sh("echo one; echo two >&2; printf part; echo three"), null);
    List<LogEntry> all = LogReader.read(engine.logFile(id), null, null, -1);
    // the two pipes are read apart, so only the order within a stream is given
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    all.forEach(e -> (e.stream() == 1 ? out : err).append(new String(e.data())));
    assertThat(out.toString()).isEqualTo("one\npartthree\n");
    assertThat(err.toString()).isEqualTo("two\n");
    assertThat(LogReader.read(engine.logFile(id), null, null, 1)).hasSize(1);
  }

  @Test
  void aRestartedDaemonFindsItsContainersRunningOrWithTheirRealExitCode() throws Exception {
    String running = engine.create("keeps", sh("sleep 300"), null).id();
    String dies = engine.create("dies", sh("sleep 300"), null).id();
    engine.start(running);
    engine.start(dies);
    int pid = engine.find(dies).state().pid();
    engine.close();

    dev.berth.sys.Signals.kill(pid, 9); // exits while no daemon watches
    dev.berth.sys.Pidfd.awaitExit(pid, 30_000);
    engine = ContainerEngine.open(tmp.resolve("root"), execRoot, images);

    assertThat(engine.find("keeps").state().status()).isEqualTo("running");
    assertThat(engine.waitFor("dies", null).get(60, TimeUnit.SECONDS)).isEqualTo(137);
    assertThat(engine.find("dies").state().exitCode()).isEqualTo(137);
    String exec = engine.execCreate("keeps", ExecConfig.of(List.of("true")));
    ContainerEngine.StartedExec e = engine.execStart(exec);
    e.begin().run();
    assertThat(e.exit().get(60, TimeUnit.SECONDS)).isZero();
    assertThat(engine.stop("keeps", 1, null)).isTrue();
  }

  @Test
  void aRestartedDaemonStartsAlwaysButNotUnlessStoppedOnesTheUserStopped() throws Exception {
    String always = engine.create("always", sh("sleep 300"), policy("always")).id();
    String unless = engine.create("unless", sh("sleep 300"), policy("unless-stopped")).id();
    engine.start(always);
    engine.start(unless);
    engine.stop(always, 0, null);
    engine.stop(unless, 0, null);
    engine.close();
    engine = ContainerEngine.open(tmp.resolve("root"), execRoot, images);
    assertThat(engine.find(always).state().running()).isTrue();
    assertThat(engine.find(unless).state().running()).isFalse();
    assertThat(engine.find(unless).stoppedByUser()).isTrue();
  }

  private static HostConfig policy(String name) {
    return new HostConfig(null, "none", false, new HostConfig.RestartPolicy(name, 0), 0, 0, 0, 0,
        null, null, false, false, null, null, null, null, null, null, null);
  }

  @Test
  void onFailureRestartsUpToItsLimit() throws Exception {
    HostConfig policy = new HostConfig(null, "none", false,
        new HostConfig.RestartPolicy("on-failure", 2), 0, 0, 0, 0, null, null, false, false,
        null, null, null, null, null, null, null);
    var events = engine.events().subscribe();
    String id = engine.create("flaky", sh("exit 1"), policy).id();
    engine.start(id);
    int dies = 0;
    while (dies < 3) {
      Event ev = events.poll(60, TimeUnit.SECONDS);
      assertThat(ev).as("a die event").isNotNull();
      if (ev.action().equals("die")) {
        dies++;
      }
    }
    Container c = engine.find(id);
    assertThat(c.restartCount()).isEqualTo(2);
    assertThat(c.state().exitCode()).isEqualTo(1);
  }

  @Test
  void healthChecksRunOnScheduleAndReportTheirStatus() throws Exception {
    var check = new dev.berth.oci.image.ImageConfig.Healthcheck(
        List.of("CMD-SHELL", "test -e /tmp/ok && echo fine"), 100_000_000L, 5_000_000_000L,
        null, null, 1);
    ContainerConfig config = new ContainerConfig(null, null, null, false, true, true, null,
        false, false, false, null, List.of("sleep", "300"), "busybox", null, null, null, null,
        null, null, check);
    var events = engine.events().subscribe();
    String id = engine.create("checked", config, null).id();
    engine.start(id);
    assertThat(engine.health(engine.find(id)).status()).isEqualTo("starting");
    awaitAction(events, "health_status: unhealthy");
    String exec = engine.execCreate(id, ExecConfig.of(List.of("touch", "/tmp/ok")));
    var e = engine.execStart(exec);
    e.begin().run();
    e.exit().get(60, TimeUnit.SECONDS);
    awaitAction(events, "health_status: healthy");
    Health h = engine.health(engine.find(id));
    assertThat(h.status()).isEqualTo("healthy");
    assertThat(h.log().getLast().output()).isEqualTo("fine\n");
  }

  private static void awaitAction(java.util.concurrent.BlockingQueue<Event> events,
      String action) throws InterruptedException {
    while (true) {
      Event e = events.poll(60, TimeUnit.SECONDS);
      assertThat(e).as("event " + action).isNotNull();
      if (e.action().equals(action)) {
        return;
      }
    }
  }

  @Test
  void followingLogsGivesEachLineOnceAsItIsWrittenUntilTheExit() throws Exception {
    String id = engine.create("talker", sh("echo one; sleep 0.3; echo two; sleep 0.3;"
        + " echo three"), null).id();
    engine.start(id);
    StringBuilder seen = new StringBuilder();
    engine.followLogs(id, null, -1, e -> seen.append(new String(e.data())));
    assertThat(seen.toString()).isEqualTo("one\ntwo\nthree\n");
    StringBuilder last = new StringBuilder();
    engine.followLogs(id, null, 1, e -> last.append(new String(e.data())));
    assertThat(last.toString()).isEqualTo("three\n");
  }

  @Test
  void anImageInUseIsNotRemovedUnlessForced() {
    String id = engine.create("user", sh("true"), null).id();
    assertThatThrownBy(() -> images.remove("busybox", false, false, engine))
        .hasMessageStartingWith("conflict: unable to remove repository reference \"busybox\"")
        .hasMessageContaining(id.substring(0, 12));
  }

  @Test
  void resourceLimitsAndAReadOnlyRootReachTheContainer() throws Exception {
    HostConfig limits = new HostConfig(null, "none", false, null, 64 << 20, 0, 0, 0, null, 20L,
        false, true, null, List.of("NET_RAW"), List.of("no-new-privileges"), null, null, null, null);
    String id = run(null, sh("touch /x 2>/dev/null && echo writable || echo read-only;"
        + " grep NoNewPrivs /proc/self/status"), limits);
    assertThat(stdout(id)).isEqualTo("read-only\nNoNewPrivs:\t1\n");
    assertThatThrownBy(() -> engine.create(null, sh("true"), new HostConfig(List.of("vol:data"),
        null, false, null, 0, 0, 0, 0, null, null, false, false, null, null, null, null, null, null, null)))
        .hasMessageContaining("mount path must be absolute");
  }

  @Test
  void theDaemonsCgroupParentAndDefaultUlimitsApply() throws Exception {
    engine.close();
    String parent = "berth-cgtest-" + Names.newId().substring(0, 6);
    engine = ContainerEngine.open(tmp.resolve("root"), execRoot, images, new EngineOptions(
        parent, List.of(new HostConfig.Ulimit("nofile", 777, 888)), null));
    try {
      String id = run(null, sh("ulimit -n; ulimit -Hn"), null);
      assertThat(stdout(id)).isEqualTo("777\n888\n");
      HostConfig own = new HostConfig(null, "none", false, null, 0, 0, 0, 0, null, null, false,
          false, null, null, null, null, null, List.of(new HostConfig.Ulimit("nofile", 99, 99)),
          null);
      assertThat(stdout(run(null, sh("ulimit -n"), own))).isEqualTo("99\n");
      String sleeper = engine.create(null, sh("sleep 60"), null).id();
      engine.start(sleeper);
      assertThat(Path.of("/sys/fs/cgroup/pids", parent, sleeper)).isDirectory();
      engine.remove(sleeper, true);
      assertThat(Path.of("/sys/fs/cgroup/pids", parent, sleeper)).doesNotExist();
    } finally {
      for (Container c : engine.list(true)) {
        engine.remove(c.id(), true);
      }
      try (var hierarchies = Files.list(Path.of("/sys/fs/cgroup"))) {
        for (Path h : hierarchies.toList()) {
          Files.deleteIfExists(h.resolve(parent)); // rmdir of an empty cgroup
        }
      }
    }
  }
}
