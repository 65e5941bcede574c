package dev.berth.image.layer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.oci.image.Compression;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PLAIN mode: the copy snapshotter applies a layer onto a copy of the lower layers. */
class PlainWhiteoutTest {
  private final LayerApplier applier = new LayerApplier();
  @TempDir Path tmp;

  private Path lowerCopy() throws IOException {
    Path root = tmp.resolve("rootfs");
    applier.apply(new ByteArrayInputStream(new TestTars()
        .file("gone.txt", "old")
        .file("keep.txt", "keep")
        .file("tree/deep/x", "x")
        .file("opq/old.txt", "old")
        .file("opq/sub/old2.txt", "old")
        .build()), Compression.NONE, root, WhiteoutMode.PLAIN);
    return root;
  }

  private void applyOnto(Path root, byte[] layer) {
    applier.apply(new ByteArrayInputStream(layer), Compression.NONE, root, WhiteoutMode.PLAIN);
  }

  @Test
  void whiteoutDeletesTheLowerFileAndDirectory() throws IOException {
    Path root = lowerCopy();

    applyOnto(root, new TestTars().empty(".wh.gone.txt").empty(".wh.tree").empty(".wh.never")
        .build());

    assertThat(root.resolve("gone.txt")).doesNotExist();
    assertThat(root.resolve("tree")).doesNotExist();
    assertThat(root.resolve(".wh.gone.txt")).doesNotExist();
    assertThat(root.resolve("keep.txt")).hasContent("keep");
  }

  @Test
  void whiteoutDoesNotCreateMissingParents() throws IOException {
    Path root = lowerCopy();

    applyOnto(root, new TestTars().empty("nowhere/.wh.x").build());

    assertThat(root.resolve("nowhere")).doesNotExist();
  }

  @Test
  void opaqueDirectoryLosesLowerContentButKeepsThisLayers() throws IOException {
    Path root = lowerCopy();

    // The marker after a new entry, too: order inside the directory must not matter.
    applyOnto(root, new TestTars()
        .dir("opq", 0755)
        .file("opq/new.txt", "new")
        .file("opq/sub/new2.txt", "new")
        .empty("opq/.wh..wh..opq")
        .file("opq/after.txt", "after")
        .build());

    assertThat(root.resolve("opq/new.txt")).hasContent("new");
    assertThat(root.resolve("opq/sub/new2.txt")).hasContent("new");
    assertThat(root.resolve("opq/after.txt")).hasContent("after");
    assertThat(root.resolve("opq/old.txt")).doesNotExist();
    assertThat(root.resolve("opq/sub/old2.txt")).doesNotExist();
    assertThat(root.resolve("opq/.wh..wh..opq")).doesNotExist();
    assertThat(root.resolve("keep.txt")).hasContent("keep");
  }

  @Test
  void fileReplacesLowerDirectory() throws IOException {
    Path root = lowerCopy();

    applyOnto(root, new TestTars().file("tree", "now a file").build());

    assertThat(Files.isRegularFile(root.resolve("tree"))).isTrue();
  }
}
