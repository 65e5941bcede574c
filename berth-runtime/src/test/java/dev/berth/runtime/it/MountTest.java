package dev.berth.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Mounts, /dev, masked and read-only paths, a read-only root, and symlinks that try to escape. */
class MountTest extends ContainerTest {

  private static void addMount(TestBundle b, String dest, String type, String source, String... options) {
    ObjectNode m = b.mounts().addObject();
    m.put("destination", dest).put("type", type).put("source", source);
    ArrayNode o = m.putArray("options");
    for (String s : options) o.add(s);
  }

  @Test
  void bindMountsReadOnlyAndReadWrite() throws Exception {
    Path host = Files.createDirectories(work.resolve("hostdir"));
    Files.writeString(host.resolve("f"), "from host\n");
    TestBundle b = bundle().script("cat /ro/f; touch /ro/x 2>&1 || echo ro-refused; echo hi > /rw/new && echo rw-ok");
    addMount(b, "/ro", "bind", host.toString(), "rbind", "ro");
    addMount(b, "/rw", "bind", host.toString(), "rbind", "rw");
    var r = run(b);
    assertThat(r.stdout()).contains("from host\n").contains("ro-refused").contains("rw-ok");
    assertThat(host.resolve("new")).hasContent("hi");
    assertThat(host.resolve("x")).doesNotExist();
  }

  @Test
  void tmpfsWithOptions() throws Exception {
    TestBundle b = bundle().script("grep ' /scratch ' /proc/self/mountinfo");
    addMount(b, "/scratch", "tmpfs", "tmpfs", "nosuid", "nodev", "noexec", "size=1m", "mode=700");
    var r = run(b);
    assertThat(r.stdout()).contains("nosuid").contains("nodev").contains("noexec").contains("mode=700");
  }

  @Test
  void aSymlinkInTheRootfsCannotRedirectAMountToTheHost() throws Exception {
    Path outside = Files.createDirectories(work.resolve("outside"));
    TestBundle b = bundle().script("ls -a /evil");
    Files.createSymbolicLink(b.rootfs().resolve("evil"), outside);
    addMount(b, "/evil", "tmpfs", "tmpfs", "size=1m");
    try {
      run(b);
    } catch (dev.berth.error.BerthException e) {
      // refusing is fine too: the link resolves inside the rootfs, where its target is missing
      assertThat(e).hasMessageContaining("/evil");
    }
    // the mount happened inside the rootfs (or failed); the host directory was never covered
    String hostMounts = Files.readString(Path.of("/proc/self/mountinfo"));
    assertThat(hostMounts).doesNotContain(outside.toString());
  }

  @Test
  void readonlyRoot() throws Exception {
    var r = run(bundle().script("touch /newfile 2>&1; echo rc=$?; touch /tmp/ok 2>&1; echo tmp=$?"));
    assertThat(r.stdout()).contains("Read-only file system").contains("rc=1");
  }

  @Test
  void writableRootWhenNotReadonly() throws Exception {
    TestBundle b = bundle().script("touch /newfile && echo rc=$?").edit(c -> c.with("root").put("readonly", false));
    assertThat(run(b).stdout()).contains("rc=0");
    assertThat(b.rootfs().resolve("newfile")).exists();
  }

  @Test
  void maskedAndReadonlyPaths() throws Exception {
    var r = run(bundle().script(
        "wc -c < /proc/timer_list; ls /sys/firmware | wc -l; grep ' /proc/sys ' /proc/self/mountinfo"));
    assertThat(r.stdout()).startsWith("0\n0\n").contains(" /proc/sys ro,");
  }

  @Test
  void defaultDevicesAndLinksMatchRunc() throws Exception {
    TestBundle b = bundle().script(
        "for d in null zero full random urandom tty; do stat -c '%n %F %t:%T %a' /dev/$d; done;"
            + " for l in fd stdin stdout stderr ptmx; do readlink /dev/$l; done; ls /dev/pts /dev/shm /dev/mqueue >/dev/null && echo dirs");
    var ours = run(b);
    assertThat(ours.stdout()).contains("/dev/null character special file 1:3 666").contains("/dev/tty character special file 5:0")
        .contains("/proc/self/fd\n").contains("pts/ptmx").contains("dirs");
    assertThat(runc(b).stdout()).isEqualTo(ours.stdout());
  }

  @Test
  void configuredDevicesAreCreatedButNeedAnAllowRule() throws Exception {
    // loop0 (block 7:0): a device any root may open, so only the device cgroup stands in the way
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/sys/dev/block/7:0")), "no loop0");
    TestBundle b = bundle().script("stat -c '%F %t:%T %a %u' /dev/loop0; head -c 0 /dev/loop0 2>&1 && echo opened");
    ObjectNode d = b.linux().putArray("devices").addObject();
    d.put("path", "/dev/loop0").put("type", "b").put("major", 7).put("minor", 0).put("fileMode", 0640).put("uid", 0).put("gid", 0);
    var denied = run(b);
    assertThat(denied.stdout()).contains("block special file 7:0 640 0").contains("Operation not permitted").doesNotContain("opened");
    ((ArrayNode) b.linux().with("resources").get("devices")).addObject()
        .put("allow", true).put("type", "b").put("major", 7).put("minor", 0).put("access", "r");
    assertThat(run(b).stdout()).contains("opened");
  }

  @Test
  void rootfsPropagationSlaveSeesHostMountsAfterStart() throws Exception {
    // a host directory bound into the container; a mount made on the host under it later is
    // propagated into the container only when the mount is a slave (or shared)
    Path shared = Files.createDirectories(work.resolve("shared"));
    Path sub = Files.createDirectories(shared.resolve("sub"));
    exec("mount", "--bind", shared.toString(), shared.toString());
    exec("mount", "--make-shared", shared.toString());
    try {
      TestBundle b = bundle("sleep", "1000").edit(c -> c.with("linux").put("rootfsPropagation", "rslave"));
      addMount(b, "/shared", "bind", shared.toString(), "rbind", "rslave");
      String id = newId();
      runtime.create(id, b.write(), dev.berth.runtime.CreateOptions.piped(b.dir.resolve("log")));
      runtime.start(id);
      exec("mount", "-t", "tmpfs", "-o", "size=1m", "later", sub.toString());
      try {
        Path out = b.dir.resolve("exec.log");
        var p = new dev.berth.oci.runtime.Process(false, null, null,
            java.util.List.of("sh", "-c", "grep -c ' /shared/sub ' /proc/self/mountinfo"),
            java.util.List.of("PATH=/bin"), "/", null, null, false, null, null, null);
        runtime.exec(id, p, dev.berth.runtime.CreateOptions.piped(out), false);
        assertThat(CriLog.stream(out, "stdout")).isEqualTo("1\n");
      } finally {
        exec("umount", sub.toString());
        runtime.delete(id, true);
      }
    } finally {
      exec("umount", "-l", shared.toString());
    }
  }

  static void exec(String... cmd) throws Exception {
    var p = new ProcessBuilder(cmd).inheritIO().start();
    assertThat(p.waitFor()).as(String.join(" ", cmd)).isZero();
  }
}
