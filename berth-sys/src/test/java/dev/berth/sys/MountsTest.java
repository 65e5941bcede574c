package dev.berth.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountsTest {
  @TempDir Path dir;

  @BeforeEach
  void root() {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
  }

  @Test
  void tmpfsMountAndUnmount() throws Exception {
    Path target = Files.createDirectory(dir.resolve("t"));
    Mounts.mount("tmpfs", target, "tmpfs", Mounts.MS_NOSUID, "size=1m,mode=0700");
    try {
      Files.writeString(target.resolve("f"), "x");
      assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).contains(target.toString());
    } finally {
      Mounts.umount2(target, 0);
    }
    assertThat(target.resolve("f")).doesNotExist();
    assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(dir.toString());
  }

  @Test
  void mountInResolvesRelativeSourceAndRestoresCwd() throws Exception {
    Path cwd = Path.of(".").toRealPath();
    Path src = Files.createDirectory(dir.resolve("src"));
    Files.writeString(src.resolve("f"), "y");
    Path target = Files.createDirectory(dir.resolve("t"));
    Mounts.mountIn(dir, "src", target, null, Mounts.MS_BIND, null);
    try {
      assertThat(Files.readString(target.resolve("f"))).isEqualTo("y");
    } finally {
      Mounts.umount2(target, Mounts.MNT_DETACH);
    }
    assertThat(Path.of(".").toRealPath()).isEqualTo(cwd);
  }

  @Test
  void errorsNameCallAndErrno() {
    assertThatThrownBy(() -> Mounts.umount2(dir, 0)).isInstanceOf(Errno.class)
        .hasMessageContaining("umount2").hasMessageContaining(dir.toString())
        .satisfies(e -> assertThat(((Errno) e).errno()).isEqualTo(22));
    assertThatThrownBy(() -> Mounts.mountIn(dir.resolve("missing"), "x", dir, null,
        Mounts.MS_BIND, null)).isInstanceOf(Errno.class).hasMessageContaining("chdir");
  }
}
