package dev.berth.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.runtime.seccomp.DefaultSeccompProfile;
import dev.berth.runtime.spec.BundleLoader;
import java.util.Set;
import java.util.List;
import org.junit.jupiter.api.Test;

/** linux.seccomp rules, and the default profile blocking what Docker's blocks. */
class SeccompTest extends ContainerTest {

  private static final Set<String> DOCKER_DEFAULT_CAPS = Set.of("CAP_CHOWN", "CAP_DAC_OVERRIDE",
      "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP",
      "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");

  @Test
  void aRuleMakesMkdirFailWithEperm() throws Exception {
    TestBundle b = bundle().script("mkdir /tmp/x 2>&1; echo rc=$?; touch /tmp/y && echo touched")
        .edit(c -> {
          c.with("root").put("readonly", false);
          ObjectNode s = c.with("linux").putObject("seccomp");
          s.put("defaultAction", "SCMP_ACT_ALLOW");
          ObjectNode rule = s.putArray("syscalls").addObject();
          rule.putArray("names").add("mkdir").add("mkdirat");
          rule.put("action", "SCMP_ACT_ERRNO");
        });
    var r = run(b);
    assertThat(r.stdout()).contains("Operation not permitted").contains("rc=1").contains("touched");
    assertThat(runc(b).stdout()).isEqualTo(r.stdout());
  }

  @Test
  void theDefaultProfileBlocksMountEvenWithCapSysAdmin() throws Exception {
    // CAP_SYS_ADMIN would allow mount; the profile (resolved for Docker's default caps) does not
    TestBundle b = bundle().script("mount -t tmpfs t /mnt 2>&1; echo rc=$?")
        .edit(c -> {
          ObjectNode caps = c.with("process").with("capabilities");
          for (String set : new String[] {"bounding", "effective", "permitted"}) {
            ((ArrayNode) caps.get(set)).add("CAP_SYS_ADMIN");
          }
        });
    var unfiltered = run(b);
    assertThat(unfiltered.stdout()).contains("rc=0");
    b.linux().set("seccomp", BundleLoader.JSON.valueToTree(DefaultSeccompProfile.resolve(DOCKER_DEFAULT_CAPS)));
    var filtered = run(b);
    // busybox words EPERM from mount(2) as "permission denied (are you root?)"
    assertThat(filtered.stdout()).contains("permission denied").contains("rc=");
    assertThat(filtered.stdout()).doesNotContain("rc=0");
  }

  @Test
  void theDefaultProfileLetsOrdinaryProgramsRun() throws Exception {
    TestBundle b = bundle().script("ls / >/dev/null && cat /proc/self/status | grep -c Seccomp && echo ok");
    b.linux().set("seccomp", BundleLoader.JSON.valueToTree(DefaultSeccompProfile.resolve(DOCKER_DEFAULT_CAPS)));
    var r = run(b);
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).endsWith("ok\n");
  }

  @Test
  void aProfileIsCompiledOnceAndReadFromTheCacheAfter() throws Exception {
    TestBundle b = bundle().script("mkdir /tmp/x 2>&1 || echo refused");
    b.linux().set("seccomp", BundleLoader.JSON.readTree(
        "{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[{\"names\":[\"mkdir\",\"mkdirat\"],"
            + "\"action\":\"SCMP_ACT_ERRNO\"}]}"));
    assertThat(run(b).stdout()).contains("refused");
    java.nio.file.Path cache = root.resolve(".seccomp");
    List<java.nio.file.Path> first;
    try (var files = java.nio.file.Files.list(cache)) {
      first = files.toList();
    }
    assertThat(first).hasSize(1).allMatch(p -> p.toString().endsWith(".bpf"));
    long written = java.nio.file.Files.getLastModifiedTime(first.getFirst()).toMillis();

    assertThat(run(b).stdout()).contains("refused"); // the same filter, from the cache
    try (var files = java.nio.file.Files.list(cache)) {
      assertThat(files.toList()).isEqualTo(first);
    }
    assertThat(java.nio.file.Files.getLastModifiedTime(first.getFirst()).toMillis())
        .isEqualTo(written);
  }
}
