package dev.berth.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.error.BerthException;
import dev.berth.oci.runtime.Process;
import dev.berth.runtime.CreateOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** exec: another process in all of a running container's namespaces and cgroups. */
class ExecTest extends ContainerTest {

  private static Process process(List<String> args, long uid) {
    return new Process(false, null, new Process.User(uid, uid, null, null, null), args,
        List.of("PATH=/bin", "WHO=exec"), "/tmp", null, null, false, null, null, null);
  }

  @Test
  void execSeesTheContainersNamespacesAndReturnsItsExitCode() throws Exception {
    TestBundle b = bundle("sleep", "1000").edit(c -> c.put("hostname", "exec-target"));
    String id = newId();
    runtime.create(id, b.write(), CreateOptions.piped(b.dir.resolve("log")));
    runtime.start(id);
    try {
      int pid = runtime.state(id).record().pid();
      Path log = b.dir.resolve("exec.log");
      int code = runtime.exec(id, process(List.of("sh", "-c",
          "hostname; cat /proc/1/cmdline | tr '\\0' ' '; echo; pwd; echo $WHO; id -u; cat /proc/self/cgroup | grep -c memory; exit 7"), 1000),
          CreateOptions.piped(log), false);
      assertThat(code).isEqualTo(7);
      String out = CriLog.stream(log, "stdout");
      assertThat(out).startsWith("exec-target\nsleep 1000 \n/tmp\nexec\n1000\n1\n");
      // the exec'd process was in the container's cgroup: it is gone now, the container's pid stays
      assertThat(runtime.ps(id)).containsExactly(pid);
    } finally {
      runtime.delete(id, true);
    }
  }

  @Test
  void execRunsUnderTheContainersSeccompProfile() throws Exception {
    TestBundle b = bundle("sleep", "1000").edit(c -> {
      c.with("root").put("readonly", false);
      var s = c.with("linux").putObject("seccomp");
      s.put("defaultAction", "SCMP_ACT_ALLOW");
      var rule = s.putArray("syscalls").addObject();
      rule.putArray("names").add("mkdir").add("mkdirat");
      rule.put("action", "SCMP_ACT_ERRNO");
    });
    String id = newId();
    runtime.createAndStart(id, b.write(), CreateOptions.piped(b.dir.resolve("log")));
    try {
      Path log = b.dir.resolve("exec.log");
      int code = runtime.exec(id, process(List.of("sh", "-c",
          "mkdir /tmp/x 2>&1; echo rc=$?; grep '^Seccomp:' /proc/self/status"), 0),
          CreateOptions.piped(log), false);
      assertThat(code).isZero();
      assertThat(CriLog.stream(log, "stdout")).contains("Operation not permitted")
          .contains("rc=1").contains("Seccomp:\t2");
    } finally {
      runtime.delete(id, true);
    }
  }

  @Test
  void execIntoAStoppedContainerIsRefused() throws Exception {
    TestBundle b = bundle("true");
    String id = newId();
    runtime.create(id, b.write(), CreateOptions.piped(b.dir.resolve("log")));
    runtime.start(id);
    runtime.waitFor(id);
    assertThatThrownBy(() -> runtime.exec(id, process(List.of("true"), 0), CreateOptions.piped(b.dir.resolve("x")), false))
        .isInstanceOf(BerthException.class).hasMessageContaining("stopped");
    runtime.delete(id, false);
  }
}
