package dev.berth.image.layer;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.ZstdInputStream;
import dev.berth.image.snapshot.Mounter;
import dev.berth.image.snapshot.MountSpec;
import dev.berth.oci.image.Compression;
import dev.berth.oci.image.Digest;
import dev.berth.sys.FileSyscalls;
import dev.berth.sys.XattrNames;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LayerDiff against real overlayfs mounts (needs root). */
class LayerDiffTest {
  private final LayerApplier applier = new LayerApplier();
  @TempDir Path tmp;

  private byte[] baseLayer() {
    return new TestTars()
        .dir("etc", 0755).file("etc/conf", "v1").file("etc/gone", "bye")
        .dir("data", 0755).file("data/a", "a").dir("data/sub", 0700).file("data/sub/b", "b")
        .file("bin-tool", "tool", 0755, 3, 4)
        .build();
  }

  /** Makes lower1 from the base layer and an upper by changing things through the mount. */
  private Path changedUpper(Map<String, String> mergedListing) throws Exception {
    Path lower1 = tmp.resolve("lower1");
    applier.apply(new ByteArrayInputStream(baseLayer()), Compression.NONE, lower1,
        WhiteoutMode.OVERLAY);
    Path upper = Files.createDirectory(tmp.resolve("upper"));
    Path work = Files.createDirectory(tmp.resolve("work"));
    Path merged = Files.createDirectory(tmp.resolve("merged"));
    Mounter.mount(List.of(new MountSpec("overlay", "overlay", List.of(
        "lowerdir=" + lower1, "upperdir=" + upper, "workdir=" + work))), merged);
    try {
      Files.writeString(merged.resolve("etc/conf"), "v2 modified");
      Files.delete(merged.resolve("etc/gone"));
      Files.writeString(merged.resolve("etc/new"), "created");
      run("rm", "-rf", merged.resolve("data").toString());
      Files.createDirectory(merged.resolve("data"));
      Files.writeString(merged.resolve("data/fresh"), "fresh");
      Files.createSymbolicLink(merged.resolve("etc/link"), Path.of("../bin-tool"));
      Files.createLink(merged.resolve("etc/hard"), merged.resolve("etc/new"));
      Files.setAttribute(merged.resolve("etc/new"), "unix:mode", 0640);
      run("setfattr", "-h", "-n", "user.note", "-v", "hello", merged.resolve("etc/new").toString());
      mergedListing.putAll(listing(merged));
    } finally {
      Mounter.unmount(merged);
    }
    return upper;
  }

  @Test
  void overlayRoundTripReproducesTheMergedView() throws Exception {
    Map<String, String> original = new TreeMap<>();
    Path upper = changedUpper(original);
    assertThat(original).containsKey("etc/link").containsKey("data/fresh")
        .doesNotContainKey("etc/gone").doesNotContainKey("data/a");

    ByteArrayOutputStream layer = new ByteArrayOutputStream();
    LayerDiff.fromOverlayUpper(upper, layer, Compression.GZIP);

    List<String> names = names(gunzip(layer.toByteArray()));
    assertThat(names).contains("etc/.wh.gone", "data/", "data/.wh..wh..opq", "data/fresh",
        "etc/hard", "etc/new", "etc/link");
    assertThat(names.indexOf("data/.wh..wh..opq")).isEqualTo(names.indexOf("data/") + 1);
    assertThat(names).noneMatch(n -> n.startsWith("data/a") || n.startsWith("data/sub"));

    Path lower2 = tmp.resolve("lower2");
    applier.apply(new ByteArrayInputStream(layer.toByteArray()), Compression.GZIP, lower2,
        WhiteoutMode.OVERLAY);
    Path view = Files.createDirectory(tmp.resolve("view"));
    Mounter.mount(List.of(new MountSpec("overlay", "overlay", List.of(
        "ro", "lowerdir=" + lower2 + ":" + tmp.resolve("lower1")))), view);
    try {
      assertThat(listing(view)).isEqualTo(original);
      assertThat(Files.isSameFile(view.resolve("etc/hard"), view.resolve("etc/new"))).isTrue();
      assertThat(new String(FileSyscalls.lgetxattr(view.resolve("etc/new"), "user.note"),
          StandardCharsets.UTF_8)).isEqualTo("hello");
    } finally {
      Mounter.unmount(view);
    }
  }

  @Test
  void digestsMatchTheBytesForEveryCompressionAndOutputIsDeterministic() throws Exception {
    Path upper = changedUpper(new TreeMap<>());
    for (Compression c : Compression.values()) {
      ByteArrayOutputStream first = new ByteArrayOutputStream();
      DiffResult r = LayerDiff.fromOverlayUpper(upper, first, c);
      byte[] written = first.toByteArray();
      byte[] plain = switch (c) {
        case NONE -> written;
        case GZIP -> gunzip(written);
        case ZSTD -> readAll(new ZstdInputStream(new ByteArrayInputStream(written)));
      };
      assertThat(r.diffId()).as(c.name()).isEqualTo(Digest.of(plain));
      assertThat(r.size()).isEqualTo(plain.length);
      assertThat(r.compressedDigest()).as(c.name()).isEqualTo(Digest.of(written));
      assertThat(r.compressedSize()).isEqualTo(written.length);
      if (c == Compression.NONE) {
        assertThat(r.compressedDigest()).isEqualTo(r.diffId());
      } else {
        assertThat(written.length).isNotEqualTo(plain.length);
      }
      ByteArrayOutputStream second = new ByteArrayOutputStream();
      DiffResult again = LayerDiff.fromOverlayUpper(upper, second, c);
      assertThat(second.toByteArray()).as(c.name()).isEqualTo(written);
      assertThat(again).isEqualTo(r);
    }
  }

  @Test
  void fromDirectoryKeepsBinaryXattrsLongNamesNodesAndHardLinks() throws Exception {
    Path root = Files.createDirectory(tmp.resolve("root"));
    String longDir = "d".repeat(120);
    Path deep = Files.createDirectories(root.resolve(longDir).resolve("e".repeat(90)));
    Path file = Files.writeString(deep.resolve("f".repeat(110)), "long");
    byte[] binary = {(byte) 0xff, 0, (byte) 0x80, 1, 'x'};
    FileSyscalls.lsetxattr(file, "user.bin", binary);
    FileSyscalls.lsetxattr(file, "trusted.skipme", "no".getBytes(StandardCharsets.UTF_8));
    Files.createLink(root.resolve("hardlink"), file);
    Files.setAttribute(file, "unix:uid", 3_000_000);
    run("mknod", root.resolve("null").toString(), "c", "1", "3");
    run("mknod", root.resolve("blk").toString(), "b", "300", "70000");
    run("mkfifo", root.resolve("fifo").toString());
    Files.createSymbolicLink(root.resolve("sym"), Path.of("x".repeat(150)));
    Map<String, String> before = listing(root);

    ByteArrayOutputStream layer = new ByteArrayOutputStream();
    LayerDiff.fromDirectory(root, layer, Compression.ZSTD);
    Path out = tmp.resolve("out");
    applier.apply(new ByteArrayInputStream(layer.toByteArray()), Compression.ZSTD, out,
        WhiteoutMode.PLAIN);

    assertThat(listing(out)).isEqualTo(before);
    Path copy = out.resolve(root.relativize(file));
    assertThat(FileSyscalls.lgetxattr(copy, "user.bin")).isEqualTo(binary);
    assertThat(XattrNames.list(copy)).doesNotContain("trusted.skipme");
    assertThat(Files.isSameFile(copy, out.resolve("hardlink"))).isTrue();
    assertThat(Files.getAttribute(copy, "unix:uid", LinkOption.NOFOLLOW_LINKS))
        .isEqualTo(3_000_000);
  }

  @Test
  void whiteoutDeviceAndOpaqueDirectoryAreTranslated() throws Exception {
    Path upper = Files.createDirectory(tmp.resolve("u"));
    run("mknod", upper.resolve("deleted").toString(), "c", "0", "0");
    Path dir = Files.createDirectory(upper.resolve("opq"));
    FileSyscalls.lsetxattr(dir, "trusted.overlay.opaque", new byte[] {'y'});
    FileSyscalls.lsetxattr(dir, "trusted.overlay.origin", new byte[] {1, 2});
    Files.writeString(dir.resolve("kept"), "k");
    ByteArrayOutputStream layer = new ByteArrayOutputStream();
    LayerDiff.fromOverlayUpper(upper, layer, Compression.NONE);
    assertThat(names(layer.toByteArray()))
        .containsExactly(".wh.deleted", "opq/", "opq/.wh..wh..opq", "opq/kept");
    try (TarArchiveInputStream tar = new TarArchiveInputStream(
        new ByteArrayInputStream(layer.toByteArray()))) {
      for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
        assertThat(e.getExtraPaxHeaders().keySet()).noneMatch(k -> k.contains("overlay"));
      }
    }
    // the same tree without translation keeps the device
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    LayerDiff.fromDirectory(upper, plain, Compression.NONE);
    assertThat(names(plain.toByteArray())).containsExactly("deleted", "opq/", "opq/kept");
  }

  // --- helpers

  /** path → type, mode, owner, size and content hash or link target. */
  static Map<String, String> listing(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    List<Path> all;
    try (Stream<Path> s = Files.walk(root)) {
      all = new ArrayList<>(s.toList());
    }
    for (Path p : all) {
      if (p.equals(root)) {
        continue;
      }
      Map<String, Object> a = Files.readAttributes(p, "unix:*", LinkOption.NOFOLLOW_LINKS);
      int mode = (Integer) a.get("mode");
      String detail = switch (mode & 0170000) {
        case 0100000 -> "file " + Digest.of(Files.readAllBytes(p));
        case 0120000 -> "link " + Files.readSymbolicLink(p);
        case 0040000 -> "dir";
        default -> "node rdev=" + a.get("rdev");
      };
      out.put(root.relativize(p).toString(), Integer.toOctalString(mode) + " " + a.get("uid")
          + ":" + a.get("gid") + " " + detail);
    }
    return out;
  }

  private static List<String> names(byte[] tarBytes) throws IOException {
    List<String> names = new ArrayList<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(
        new ByteArrayInputStream(tarBytes))) {
      for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
        names.add(e.getName());
      }
    }
    return names;
  }

  private static byte[] gunzip(byte[] bytes) throws IOException {
    return readAll(new GZIPInputStream(new ByteArrayInputStream(bytes)));
  }

  private static byte[] readAll(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }

  private static String run(String... argv) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(List.of(argv)).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(String.join(" ", argv) + ": " + out).isZero();
    return out;
  }
}
