package dev.berth.image.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.sys.FileSyscalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CopySnapshotterTest extends SnapshotterContract {
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  @Override
  Snapshotter open(Path root) {
    return Snapshotter.copy(root);
  }

  @Override
  void assertDeletionRecorded(String childKey, String name) {
    assertThat(root.resolve("2/fs").resolve(name)).doesNotExist();
    assertThat(root.resolve("1/fs").resolve(name)).exists();
  }

  @Test
  void copyKeepsModesOwnersLinksAndNodes() throws IOException {
    FileTime t = FileTime.from(Instant.parse("2001-02-03T04:05:06Z"));
    withMount(sn.prepare("b", null), m -> {
      Path f = Files.writeString(m.resolve("suid"), "x");
      FileSyscalls.lchown(f, 1000, 1001);
      Files.setAttribute(f, "unix:mode", 04755);
      Files.setLastModifiedTime(f, t);
      Path d = Files.createDirectory(m.resolve("sticky"));
      Files.setAttribute(d, "unix:mode", 01777);
      Files.createSymbolicLink(m.resolve("sl"), Path.of("/nowhere"));
      FileSyscalls.lchown(m.resolve("sl"), 7, 8);
      FileSyscalls.mknod(m.resolve("fifo"), FileSyscalls.S_IFIFO | 0640, 0, 0);
      FileSyscalls.mknod(m.resolve("null"), FileSyscalls.S_IFCHR | 0666, 1, 3);
      Files.createLink(m.resolve("hard"), f);
    });
    sn.commit("base", "b");
    sn.prepare("c", "base");
    Path fs = root.resolve("2/fs");
    assertThat(Files.getAttribute(fs.resolve("suid"), "unix:mode")).isEqualTo(0104755);
    assertThat(Files.getAttribute(fs.resolve("suid"), "unix:uid")).isEqualTo(1000);
    assertThat(Files.getAttribute(fs.resolve("suid"), "unix:gid")).isEqualTo(1001);
    assertThat(Files.getLastModifiedTime(fs.resolve("suid"))).isEqualTo(t);
    assertThat(Files.getAttribute(fs.resolve("sticky"), "unix:mode")).isEqualTo(041777);
    assertThat(Files.readSymbolicLink(fs.resolve("sl"))).isEqualTo(Path.of("/nowhere"));
    assertThat(Files.getAttribute(fs.resolve("sl"), "unix:uid", NOFOLLOW)).isEqualTo(7);
    assertThat((Integer) Files.getAttribute(fs.resolve("fifo"), "unix:mode", NOFOLLOW) & 0170777)
        .isEqualTo(0010640);
    assertThat(Files.getAttribute(fs.resolve("null"), "unix:rdev", NOFOLLOW)).isEqualTo(0x103L);
    assertThat(read(fs.resolve("hard"))).isEqualTo("x");
  }
}
