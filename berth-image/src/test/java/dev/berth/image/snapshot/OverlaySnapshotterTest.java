package dev.berth.image.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverlaySnapshotterTest extends SnapshotterContract {
  private static final int LAYERS = 128;

  @Override
  Snapshotter open(Path root) {
    return Snapshotter.overlay(root);
  }

  /** A deletion in an overlay upper dir is a 0/0 character device: an overlay whiteout. */
  @Override
  void assertDeletionRecorded(String childKey, String name) throws IOException {
    MountSpec m = sn.mounts(childKey).getFirst();
    assertThat(m.type()).isEqualTo("overlay");
    Path upper = upper(m);
    assertThat(upper).isEqualTo(root.resolve("2/fs"));
    Path wh = upper.resolve(name);
    int mode = (Integer) Files.getAttribute(wh, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    assertThat(mode & 0170000).isEqualTo(0020000);
    assertThat((Long) Files.getAttribute(wh, "unix:rdev", LinkOption.NOFOLLOW_LINKS)).isZero();
    assertThat(upper.resolve("c.txt")).exists();
    assertThat(upper.resolve("d")).doesNotExist(); // untouched lower dirs are not copied up
  }

  private static Path upper(MountSpec m) {
    String up = m.options().stream().filter(o -> o.startsWith("upperdir="))
        .findFirst().orElseThrow().substring("upperdir=".length());
    return m.chdir() == null ? Path.of(up) : m.chdir().resolve(up);
  }

  @Test
  void mountsShapes() throws IOException {
    makeBase();
    assertThat(sn.prepare("a", null)).singleElement()
        .satisfies(m -> assertThat(m.type()).isEqualTo("bind"))
        .satisfies(m -> assertThat(m.options()).contains("rw"));
    List<MountSpec> child = sn.prepare("c", "base");
    assertThat(child).singleElement().satisfies(m -> {
      assertThat(m.type()).isEqualTo("overlay");
      assertThat(m.chdir()).isNull();
      assertThat(m.options()).containsExactly("lowerdir=" + root.resolve("1/fs"),
          "upperdir=" + root.resolve("3/fs"), "workdir=" + root.resolve("3/work"));
    });
    assertThat(sn.view("v", "base")).singleElement().satisfies(m -> {
      assertThat(m.type()).isEqualTo("bind");
      assertThat(m.source()).isEqualTo(root.resolve("1/fs").toString());
      assertThat(m.readOnly()).isTrue();
    });
  }

  /** 128 layers of absolute paths overflow the page; relative ones with chdir do not. */
  @Test
  void chainOf128LayersMounts() throws IOException {
    root = tmp.resolve("a-rather-long-directory-name-for-the-snapshot-root/snapshots");
    sn = open(root);
    String parent = null;
    for (int i = 0; i < LAYERS; i++) {
      String key = "layer-" + i;
      int n = i;
      withMount(sn.prepare(key + "-active", parent),
          m -> Files.writeString(m.resolve("f" + n), Integer.toString(n)));
      sn.commit(key, key + "-active");
      parent = key;
    }
    List<MountSpec> top = sn.prepare("top", parent);
    MountSpec m = top.getFirst();
    assertThat(m.chdir()).isEqualTo(root);
    assertThat(m.options().getFirst()).startsWith("lowerdir=128/fs:127/fs:");
    assertThat(String.join(",", m.options()).length()).isLessThan(4096);
    withMount(top, mnt -> {
      for (int i = 0; i < LAYERS; i++) {
        assertThat(read(mnt.resolve("f" + i))).isEqualTo(Integer.toString(i));
      }
      Files.writeString(mnt.resolve("top"), "t");
    });
    assertThat(root.resolve("129/fs/top")).exists();
    withMount(sn.view("top-view", parent), mnt -> {
      try (var s = Files.list(mnt)) {
        assertThat(s).hasSize(LAYERS);
      }
    });
  }
}
