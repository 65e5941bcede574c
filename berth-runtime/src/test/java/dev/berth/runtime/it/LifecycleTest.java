package dev.berth.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.error.BerthException;
import dev.berth.error.ErrorKind;
import dev.berth.runtime.ContainerStatus;
import dev.berth.runtime.CreateOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** create, start, state, kill, delete as the OCI lifecycle describes them. */
class LifecycleTest extends ContainerTest {

  @Test
  void createStartKillDelete() throws Exception {
    TestBundle b = bundle("sleep", "1000");
    String id = newId();
    Path pidFile = work.resolve("pid");
    var created = runtime.create(id, b.write(), CreateOptions.piped(b.dir.resolve("log")).withPidFile(pidFile));
    assertThat(created.status()).isEqualTo(ContainerStatus.CREATED);
    int pid = created.record().pid();
    assertThat(Files.readString(pidFile).trim()).isEqualTo(String.valueOf(pid));
    assertThat(runtime.state(id).oci().status()).isEqualTo("created");
    // created: the process exists but is not yet the user's program
    assertThat(Files.readString(Path.of("/proc/" + pid + "/cmdline"))).doesNotContain("sleep");

    runtime.start(id);
    assertThat(runtime.state(id).status()).isEqualTo(ContainerStatus.RUNNING);
    assertThat(Files.readString(Path.of("/proc/" + pid + "/cmdline"))).startsWith("sleep");
    assertThatThrownBy(() -> runtime.start(id)).isInstanceOf(BerthException.class).hasMessageContaining("not in created state");
    assertThatThrownBy(() -> runtime.delete(id, false)).hasMessageContaining("not stopped");

    runtime.kill(id, 9, false);
    assertThat(runtime.waitFor(id)).isEqualTo(137);
    var stopped = runtime.state(id);
    assertThat(stopped.status()).isEqualTo(ContainerStatus.STOPPED);
    assertThat(stopped.oci().pid()).isNull();

    runtime.delete(id, false);
    assertThatThrownBy(() -> runtime.state(id)).isInstanceOf(BerthException.class)
        .satisfies(e -> assertThat(((BerthException) e).kind()).isEqualTo(ErrorKind.NOT_FOUND));
    assertThat(Path.of("/proc/" + pid)).doesNotExist();
  }

  @Test
  void createAndStartRunsTheProgramWithNoStartCall() throws Exception {
    TestBundle b = bundle("sleep", "1000");
    String id = newId();
    var running = runtime.createAndStart(id, b.write(), CreateOptions.piped(b.dir.resolve("log")));
    assertThat(running.status()).isEqualTo(ContainerStatus.RUNNING);
    int pid = running.record().pid();
    assertThat(runtime.state(id).status()).isEqualTo(ContainerStatus.RUNNING);
    assertThat(Files.readString(Path.of("/proc/" + pid + "/cmdline"))).startsWith("sleep");
    assertThatThrownBy(() -> runtime.start(id)).hasMessageContaining("not in created state");

    runtime.kill(id, 9, false);
    assertThat(runtime.waitFor(id)).isEqualTo(137);
    runtime.delete(id, false);
    assertThat(runtime.list()).isEmpty();
  }

  @Test
  void workBeforeStartRunsWhileTheContainerExistsAndItsProgramHasNotStarted() throws Exception {
    TestBundle b = bundle("sleep", "1000");
    String id = newId();
    java.util.List<String> seen = new java.util.ArrayList<>();
    var running = runtime.createAndStart(id, b.write(), CreateOptions.piped(b.dir.resolve("log")),
        () -> {
          int pid = runtime.state(id).record().pid();
          try {
            seen.add(Files.readString(Path.of("/proc/" + pid + "/cmdline")));
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
    assertThat(seen).singleElement().asString().doesNotContain("sleep");
    assertThat(Files.readString(Path.of("/proc/" + running.record().pid() + "/cmdline")))
        .startsWith("sleep");
    runtime.delete(id, true);
  }

  @Test
  void aFailureBeforeStartRemovesTheContainer() throws Exception {
    TestBundle b = bundle("sleep", "1000");
    String id = newId();
    assertThatThrownBy(() -> runtime.createAndStart(id, b.write(),
        CreateOptions.piped(b.dir.resolve("log")), () -> {
          throw BerthException.system("the network did not come up", null);
        })).hasMessage("the network did not come up");
    assertThat(runtime.list()).isEmpty();
  }

  @Test
  void createAndStartOfAProgramThatDoesNotExistNamesItAndLeavesNothing() throws Exception {
    TestBundle b = bundle("/bin/no-such-program");
    assertThatThrownBy(() -> runtime.createAndStart(newId(), b.write(),
        CreateOptions.piped(b.dir.resolve("log")))).isInstanceOf(BerthException.class)
        .hasMessageContaining("/bin/no-such-program");
    assertThat(runtime.list()).isEmpty();
  }

  @Test
  void exitCodeAndOutputOfAShortProgram() throws Exception {
    var r = run(bundle().script("echo out; echo err >&2; exit 3"));
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.stdout()).isEqualTo("out\n");
    assertThat(r.stderr()).isEqualTo("err\n");
  }

  @Test
  void aProgramThatDoesNotExistFailsStartWith127() throws Exception {
    TestBundle b = bundle("/bin/no-such-program");
    String id = newId();
    runtime.create(id, b.write(), CreateOptions.piped(b.dir.resolve("log")));
    assertThatThrownBy(() -> runtime.start(id)).isInstanceOf(BerthException.class)
        .hasMessageContaining("/bin/no-such-program");
    assertThat(runtime.waitFor(id)).isEqualTo(127);
    runtime.delete(id, false);
  }

  @Test
  void runOfAProgramThatDoesNotExistNamesItAndLeavesNothing() throws Exception {
    TestBundle b = bundle("no-such-program");
    assertThatThrownBy(() -> run(b)).isInstanceOf(BerthException.class)
        .hasMessageContaining("no-such-program");
    assertThat(runtime.list()).isEmpty();
  }

  @Test
  void aDuplicateIdIsRefusedAndTheFirstSurvives() throws Exception {
    TestBundle b = bundle("sleep", "1000");
    String id = newId();
    runtime.create(id, b.write(), CreateOptions.piped(b.dir.resolve("log")));
    assertThatThrownBy(() -> runtime.create(id, b.dir, CreateOptions.piped(b.dir.resolve("log2"))))
        .isInstanceOf(BerthException.class).hasMessageContaining("already exists");
    assertThat(runtime.state(id).status()).isEqualTo(ContainerStatus.CREATED);
    runtime.delete(id, true);
  }

  @Test
  void deleteForceKillsARunningContainer() throws Exception {
    TestBundle b = bundle("sleep", "1000");
    String id = newId();
    runtime.create(id, b.write(), CreateOptions.piped(b.dir.resolve("log")));
    runtime.start(id);
    int pid = runtime.state(id).record().pid();
    runtime.delete(id, true);
    assertThat(Path.of("/proc/" + pid)).doesNotExist();
  }

  @Test
  void killAllReachesEveryProcessOfTheContainer() throws Exception {
    // without a pid namespace of its own, the children outlive pid 1 unless --all reaches them
    TestBundle b = bundle().script("sleep 1000 & sleep 1000 & exec sleep 1000").withoutNamespace("pid");
    String id = newId();
    runtime.create(id, b.write(), CreateOptions.piped(b.dir.resolve("log")));
    runtime.start(id);
    try {
      waitForPids(id, 3);
      runtime.kill(id, 9, true);
      assertThat(runtime.waitFor(id)).isEqualTo(137);
      // a killed process leaves its cgroup when it has exited: all three do
      waitForPids(id, 0);
    } finally {
      runtime.delete(id, true);
    }
  }

  /** The container's pids once it has this many (processes start and end asynchronously). */
  private java.util.List<Integer> waitForPids(String id, int count) {
    long deadline = System.nanoTime() + 5_000_000_000L;
    java.util.List<Integer> pids = runtime.ps(id);
    while (pids.size() != count && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      pids = runtime.ps(id);
    }
    assertThat(pids).hasSize(count);
    return pids;
  }

  @Test
  void pauseAndResume() throws Exception {
    TestBundle b = bundle("sleep", "1000");
    String id = newId();
    runtime.create(id, b.write(), CreateOptions.piped(b.dir.resolve("log")));
    runtime.start(id);
    runtime.pause(id);
    assertThat(runtime.state(id).status()).isEqualTo(ContainerStatus.PAUSED);
    runtime.resume(id);
    assertThat(runtime.state(id).status()).isEqualTo(ContainerStatus.RUNNING);
    assertThatThrownBy(() -> runtime.resume(id)).hasMessageContaining("not paused");
    runtime.delete(id, true);
  }
}
