package dev.berth.runtime.cgroup;

import static dev.berth.runtime.cgroup.DeviceFilterTest.DENY_ALL;
import static dev.berth.runtime.cgroup.DeviceFilterTest.allow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.oci.runtime.LinuxResources;
import dev.berth.oci.runtime.LinuxResources.DeviceRule;
import dev.berth.sys.Bpf;
import dev.berth.sys.Errno;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The device program in the real kernel, as root, on the cgroup2 mount (the unified hierarchy of
 * a hybrid host is enough: device programs need no controller). A shell moves itself into a fresh
 * cgroup below the JVM's own, then opens devices. @AfterEach kills the shells and removes the cgroup.
 */
class DeviceProgramHostTest {
  private static final List<DeviceRule> NULL_AND_ZERO =
      List.of(DENY_ALL, allow("c", 1L, 3L, "rw"), allow("c", 1L, 5L, "r"));

  Path dir;
  final List<Process> processes = new ArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
    HostCgroups host = HostCgroups.readSelf();
    Assumptions.assumeTrue(host.v2() != null && Files.isDirectory(host.v2())
        && Files.getFileStore(host.v2()).type().equals("cgroup2"), "needs a cgroup2 mount");
    dir = host.v2().resolve(CgroupPath.join(host.v2Self(), "berth-devtest-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt())));
    Files.createDirectory(dir);
  }

  @AfterEach
  void cleanUp() throws Exception {
    for (Process p : processes) {
      p.destroyForcibly();
      p.waitFor(5, TimeUnit.SECONDS);
    }
    if (dir != null && Files.isDirectory(dir)) {
      Files.delete(dir); // rmdir drops the attached programs with the cgroup
    }
  }

  @Test
  void deniedDeviceFailsWithEpermAndAllowedOneOpens() throws Exception {
    new V2Limits(dir, CgroupFs.KERNEL).apply(devices(NULL_AND_ZERO));
    String out = inCgroup("head -c1 /dev/zero > /dev/null && echo zero-read-ok; "
        + "head -c1 /dev/urandom > /dev/null; "
        + "echo x > /dev/zero; echo done");
    assertThat(out).contains("zero-read-ok");
    assertThat(out).containsPattern("/dev/urandom.*Operation not permitted"); // c 1:9 not allowed at all
    assertThat(out).containsPattern("/dev/zero.*Operation not permitted"); // c 1:5 allowed only r
    assertThat(out).contains("done");
  }

  @Test
  void updateReplacesTheProgram() throws Exception {
    V2Cgroup cgroup = new V2Cgroup("test", dir, CgroupFs.KERNEL);
    cgroup.update(devices(NULL_AND_ZERO));
    List<DeviceRule> more = new ArrayList<>(NULL_AND_ZERO);
    more.add(allow("c", 1L, 9L, "r"));
    cgroup.update(devices(more));

    int[] attached = Bpf.attachedCgroupDevice(dir);
    for (int fd : attached) {
      Bpf.close(fd);
    }
    assertThat(attached).hasSize(1);
    String out = inCgroup("head -c1 /dev/urandom > /dev/null && echo urandom-ok");
    assertThat(out).contains("urandom-ok").doesNotContain("not permitted");
  }

  @Test
  void noRulesAttachNothing() {
    new V2Limits(dir, CgroupFs.KERNEL).apply(LinuxResources.none());
    int[] attached = Bpf.attachedCgroupDevice(dir);
    assertThat(attached).isEmpty();
  }

  @Test
  void refusedProgramReportsTheVerifierLog() {
    long[] noExit = {DeviceFilter.insn(DeviceFilter.MOV64_K, 0, 0, 0, 1)}; // falls off the end
    assertThatThrownBy(() -> Bpf.loadCgroupDevice(noExit))
        .isInstanceOf(Errno.class)
        .hasMessageContaining("verifier log:")
        .hasMessageContaining("Invalid argument");
  }

  private static LinuxResources devices(List<DeviceRule> rules) {
    return new LinuxResources(rules, null, null, null, null, null);
  }

  /** Runs {@code script} in a shell that first joins the test cgroup; its output with errors. */
  private String inCgroup(String script) throws Exception {
    Process p = new ProcessBuilder("sh", "-c", "echo $$ > " + dir.resolve("cgroup.procs") + " || exit 9; " + script)
        .redirectErrorStream(true)
        .start();
    processes.add(p);
    p.getOutputStream().close();
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("shell finished").isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isNotEqualTo(9);
    return out;
  }
}
