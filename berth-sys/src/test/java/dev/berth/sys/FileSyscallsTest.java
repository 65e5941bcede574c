package dev.berth.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSyscallsTest {
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  @TempDir Path dir;

  @BeforeEach
  void root() {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
  }

  @Test
  void makedevMatchesGlibc() {
    assertThat(FileSyscalls.makedev(1, 3)).isEqualTo(0x103L);
    assertThat(FileSyscalls.makedev(0x1234, 0x56789))
        .isEqualTo((0x234L << 8) | 0x89L | (0x56700L << 12) | (0x1000L << 32));
  }

  @Test
  void mknodFifoAndCharDevice() throws Exception {
    Path fifo = dir.resolve("fifo");
    FileSyscalls.mknod(fifo, FileSyscalls.S_IFIFO | 0644, 0, 0);
    assertThat(Files.getAttribute(fifo, "unix:mode", NOFOLLOW)).isEqualTo(0010644 & ~umaskBits());

    Path null13 = dir.resolve("null");
    FileSyscalls.mknod(null13, FileSyscalls.S_IFCHR | 0666, 1, 3);
    int mode = (int) Files.getAttribute(null13, "unix:mode", NOFOLLOW);
    assertThat(mode & 0170000).isEqualTo(FileSyscalls.S_IFCHR);
    assertThat(Files.getAttribute(null13, "unix:rdev", NOFOLLOW)).isEqualTo(0x103L);

    assertThatThrownBy(() -> FileSyscalls.mknod(fifo, FileSyscalls.S_IFIFO | 0644, 0, 0))
        .isInstanceOf(Errno.class)
        .hasMessageContaining("mknod")
        .hasMessageContaining(fifo.toString())
        .satisfies(e -> assertThat(((Errno) e).errno()).isEqualTo(17));
  }

  @Test
  void binaryXattrsRoundTrip() throws Exception {
    Path file = Files.createFile(dir.resolve("file"));
    byte[] all = new byte[256];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    FileSyscalls.lsetxattr(file, "trusted.berth.test", all);
    FileSyscalls.lsetxattr(file, "user.berth.test", all);
    FileSyscalls.lsetxattr(file, "user.empty", new byte[0]);
    assertThat(FileSyscalls.lgetxattr(file, "trusted.berth.test")).isEqualTo(all);
    assertThat(FileSyscalls.lgetxattr(file, "user.berth.test")).isEqualTo(all);
    assertThat(FileSyscalls.lgetxattr(file, "user.empty")).isEmpty();
    assertThatThrownBy(() -> FileSyscalls.lgetxattr(file, "user.absent"))
        .isInstanceOf(Errno.class)
        .hasMessageContaining("lgetxattr user.absent " + file);
  }

  @Test
  void xattrOnSymlinkItself() throws Exception {
    Path target = Files.createFile(dir.resolve("target"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), target);
    FileSyscalls.lsetxattr(link, "trusted.berth.link", new byte[] {0, 1, 2});
    assertThat(FileSyscalls.lgetxattr(link, "trusted.berth.link")).containsExactly(0, 1, 2);
    assertThatThrownBy(() -> FileSyscalls.lgetxattr(target, "trusted.berth.link"))
        .isInstanceOf(Errno.class);
  }

  @Test
  void utimensatOnFifoDoesNotBlock() throws Exception {
    Path fifo = dir.resolve("fifo");
    FileSyscalls.mknod(fifo, FileSyscalls.S_IFIFO | 0600, 0, 0);
    CompletableFuture.runAsync(() -> FileSyscalls.utimensat(fifo, 1_000_000_000L, 123_000_000L,
        true)).get(10, TimeUnit.SECONDS);
    assertThat(Files.getLastModifiedTime(fifo, NOFOLLOW))
        .isEqualTo(FileTime.from(java.time.Instant.ofEpochSecond(1_000_000_000L, 123_000_000L)));
  }

  @Test
  void utimensatNoFollowSetsTheSymlinkOnly() throws Exception {
    Path target = Files.createFile(dir.resolve("target"));
    FileTime before = Files.getLastModifiedTime(target);
    Path link = Files.createSymbolicLink(dir.resolve("link"), target);
    FileSyscalls.utimensat(link, 86_400L, 0, true);
    assertThat(Files.getLastModifiedTime(link, NOFOLLOW).toMillis()).isEqualTo(86_400_000L);
    assertThat(Files.getLastModifiedTime(target)).isEqualTo(before);
    FileSyscalls.utimensat(link, 172_800L, 0, false);
    assertThat(Files.getLastModifiedTime(target).toMillis()).isEqualTo(172_800_000L);
    assertThat(Duration.ofMillis(Files.getLastModifiedTime(link, NOFOLLOW).toMillis()))
        .isEqualTo(Duration.ofDays(1));
  }

  @Test
  void lchownChangesTheSymlinkNotItsTarget() throws Exception {
    Path target = Files.createFile(dir.resolve("target"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), target);
    FileSyscalls.lchown(link, 1234, 5678);
    assertThat(Files.getAttribute(link, "unix:uid", NOFOLLOW)).isEqualTo(1234);
    assertThat(Files.getAttribute(link, "unix:gid", NOFOLLOW)).isEqualTo(5678);
    assertThat(Files.getAttribute(target, "unix:uid")).isEqualTo(0);
    FileSyscalls.lchown(link, -1, 42);
    assertThat(Files.getAttribute(link, "unix:uid", NOFOLLOW)).isEqualTo(1234);
    assertThat(Files.getAttribute(link, "unix:gid", NOFOLLOW)).isEqualTo(42);
  }

  private static int umaskBits() throws Exception {
    Process p = new ProcessBuilder("sh", "-c", "umask").start();
    int mask = Integer.parseInt(new String(p.getInputStream().readAllBytes()).strip(), 8);
    p.waitFor();
    return mask;
  }
}
