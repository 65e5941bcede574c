package dev.berth.image.layer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.oci.image.Compression;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OVERLAY mode, checked through a real overlayfs mount (needs root). */
class OverlayWhiteoutTest {
  private final LayerApplier applier = new LayerApplier();
  @TempDir Path tmp;

  private void apply(byte[] layer, Path target) {
    applier.apply(new ByteArrayInputStream(layer), Compression.NONE, target, WhiteoutMode.OVERLAY);
  }

  @Test
  void whiteoutIsACharDevice00AndOpaqueIsAnXattr() throws Exception {
    Path upper = tmp.resolve("l2");
    apply(new TestTars().empty(".wh.gone.txt").dir("opq", 0755).empty("opq/.wh..wh..opq")
        .build(), upper);

    Path whiteout = upper.resolve("gone.txt");
    assertThat(Files.readAttributes(whiteout,
        java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther())
        .isTrue();
    assertThat(Files.getAttribute(whiteout, "unix:mode", LinkOption.NOFOLLOW_LINKS))
        .matches(m -> ((Integer) m & 0170000) == 0020000, "is a character device");
    assertThat(Files.getAttribute(whiteout, "unix:rdev", LinkOption.NOFOLLOW_LINKS)).isEqualTo(0L);
    assertThat(upper.resolve(".wh.gone.txt")).doesNotExist();
    assertThat(upper.resolve("opq/.wh..wh..opq")).doesNotExist();
    assertThat(getfattr(upper.resolve("opq"), "trusted.overlay.opaque")).isEqualTo("y");
  }

  @Test
  void overlayMountHidesWhitedOutFileAndOpaqueDirectoryContent() throws Exception {
    Path lower1 = tmp.resolve("l1");
    Path lower2 = tmp.resolve("l2");
    Path merged = Files.createDirectory(tmp.resolve("merged"));
    apply(new TestTars()
        .file("gone.txt", "old").file("keep.txt", "keep")
        .dir("opq", 0755).file("opq/old.txt", "old")
        .build(), lower1);
    apply(new TestTars()
        .empty(".wh.gone.txt")
        .dir("opq", 0755).empty("opq/.wh..wh..opq").file("opq/new.txt", "new")
        .build(), lower2);

    run("mount", "-t", "overlay", "overlay", "-o", "lowerdir=" + lower2 + ":" + lower1,
        merged.toString());
    try {
      assertThat(merged.resolve("gone.txt")).doesNotExist();
      assertThat(merged.resolve("keep.txt")).hasContent("keep");
      assertThat(merged.resolve("opq/new.txt")).hasContent("new");
      assertThat(merged.resolve("opq/old.txt")).doesNotExist();
    } finally {
      run("umount", merged.toString());
    }
  }

  static String getfattr(Path path, String name) throws IOException, InterruptedException {
    return run("getfattr", "-h", "--absolute-names", "--only-values", "-n", name, path.toString());
  }

  private static String run(String... argv) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(List.of(argv)).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(String.join(" ", argv) + ": " + out).isZero();
    return out;
  }
}
