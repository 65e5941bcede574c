package dev.berth.image.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.error.BerthException;
import dev.berth.error.ErrorKind;
import dev.berth.oci.image.Compression;
import dev.berth.oci.image.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Arrays;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerApplierTest {
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
  private final LayerApplier applier = new LayerApplier();
  @TempDir Path tmp;

  private ApplyResult apply(byte[] layer, Compression c, Path target) {
    return applier.apply(new ByteArrayInputStream(layer), c, target, WhiteoutMode.OVERLAY);
  }

  @Test
  void regularFileGetsContentModeMtimeAndOwner() throws IOException {
    byte[] layer = new TestTars().file("etc/motd", "hello\n", 04750, 1234, 5678).build();
    Path target = tmp.resolve("lower");

    apply(layer, Compression.NONE, target);

    Path motd = target.resolve("etc/motd");
    assertThat(Files.readString(motd)).isEqualTo("hello\n");
    assertThat(Files.getAttribute(motd, "unix:mode", NOFOLLOW)).isEqualTo(0104750);
    assertThat(Files.getAttribute(motd, "unix:uid", NOFOLLOW)).isEqualTo(1234);
    assertThat(Files.getAttribute(motd, "unix:gid", NOFOLLOW)).isEqualTo(5678);
    assertThat(Files.getLastModifiedTime(motd, NOFOLLOW)).isEqualTo(TestTars.MTIME);
  }

  @Test
  void directoriesGetModeAndMtimeAfterTheirContent() throws IOException {
    byte[] layer = new TestTars()
        .dir("./", 0755)
        .dir("usr", 0555)
        .dir("usr/share", 0700)
        .file("usr/share/a", "a")
        .file("usr/b", "b")
        .build();
    Path target = tmp.resolve("lower");

    apply(layer, Compression.NONE, target);

    for (String d : new String[] {"usr", "usr/share"}) {
      assertThat(Files.getLastModifiedTime(target.resolve(d), NOFOLLOW)).as(d)
          .isEqualTo(TestTars.MTIME);
    }
    assertThat(Files.getLastModifiedTime(target, NOFOLLOW)).isEqualTo(TestTars.MTIME);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("usr"))))
        .isEqualTo("r-xr-xr-x");
    assertThat(PosixFilePermissions.toString(
        Files.getPosixFilePermissions(target.resolve("usr/share")))).isEqualTo("rwx------");
    assertThat(Files.readString(target.resolve("usr/share/a"))).isEqualTo("a");
  }

  @Test
  void symlinkIsCreatedWithItsOwnerAndNotFollowed() throws IOException {
    byte[] layer = new TestTars().symlink("bin/sh", "/bin/busybox").build();
    Path target = tmp.resolve("lower");

    apply(layer, Compression.NONE, target);

    Path sh = target.resolve("bin/sh");
    assertThat(Files.isSymbolicLink(sh)).isTrue();
    assertThat(Files.readSymbolicLink(sh)).isEqualTo(Path.of("/bin/busybox"));
    assertThat(Files.getAttribute(sh, "unix:uid", NOFOLLOW)).isEqualTo(7);
    assertThat(Files.getAttribute(sh, "unix:gid", NOFOLLOW)).isEqualTo(8);
  }

  @Test
  void hardLinkSharesTheInode() throws IOException {
    byte[] layer = new TestTars().file("bin/busybox", "bb").hardlink("bin/ls", "bin/busybox")
        .build();
    Path target = tmp.resolve("lower");

    apply(layer, Compression.NONE, target);

    assertThat(Files.getAttribute(target.resolve("bin/ls"), "unix:ino"))
        .isEqualTo(Files.getAttribute(target.resolve("bin/busybox"), "unix:ino"));
    assertThat(Files.getAttribute(target.resolve("bin/ls"), "unix:nlink")).isEqualTo(2);
  }

  @Test
  void hardLinkOutsideTheRootIsRejected() {
    byte[] layer = new TestTars().hardlink("passwd", "../../etc/passwd").build();
    Path target = tmp.resolve("lower");

    assertRejected(() -> apply(layer, Compression.NONE, target), "passwd");
    assertThat(target).doesNotExist();
  }

  @Test
  void hardLinkThroughASymlinkIsRejected() {
    byte[] layer = new TestTars().symlink("e", "/etc").hardlink("shadow", "e/shadow").build();

    assertRejected(() -> apply(layer, Compression.NONE, tmp.resolve("lower")), "shadow");
  }

  @Test
  void dotDotClimbingOutIsRejected() {
    byte[] layer = new TestTars().file("a/../../escape", "x").build();
    Path target = tmp.resolve("lower");

    assertRejected(() -> apply(layer, Compression.NONE, target), "a/../../escape");
    assertThat(tmp.resolve("escape")).doesNotExist();
    assertThat(target).doesNotExist();
  }

  @Test
  void dotDotStayingInsideIsCleaned() throws IOException {
    byte[] layer = new TestTars().file("./a/../b", "x").build();
    Path target = tmp.resolve("lower");

    apply(layer, Compression.NONE, target);

    assertThat(Files.readString(target.resolve("b"))).isEqualTo("x");
  }

  @Test
  void absolutePathIsRejected() {
    byte[] layer = new TestTars().file("/etc/evil", "x").build();
    Path target = tmp.resolve("lower");

    assertRejected(() -> apply(layer, Compression.NONE, target), "/etc/evil");
    assertThat(target).doesNotExist();
  }

  @Test
  void writingThroughASymlinkIsRejected() throws IOException {
    Path outside = Files.createDirectory(tmp.resolve("outside"));
    byte[] layer = new TestTars().symlink("a", outside.toString()).file("a/passwd", "root::0")
        .build();
    Path target = tmp.resolve("lower");

    assertRejected(() -> apply(layer, Compression.NONE, target), "a/passwd");
    assertThat(outside.resolve("passwd")).doesNotExist();
    assertThat(target).doesNotExist();
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left).containsExactly(outside); // the staging directory was removed
    }
  }

  @Test
  void laterEntryReplacesASymlinkInsteadOfFollowingIt() throws IOException {
    Path outside = Files.createFile(tmp.resolve("victim"));
    byte[] layer = new TestTars().symlink("f", outside.toString()).file("f", "mine").build();
    Path target = tmp.resolve("lower");

    apply(layer, Compression.NONE, target);

    assertThat(Files.isSymbolicLink(target.resolve("f"))).isFalse();
    assertThat(Files.readString(target.resolve("f"))).isEqualTo("mine");
    assertThat(Files.readString(outside)).isEmpty();
  }

  @Test
  void gzipAndZstdLayersAreSniffedAndGiveTheSameDiffId() throws IOException {
    byte[] raw = new TestTars().file("x", "same content").build();
    Digest expected = Digest.of(raw);

    ApplyResult plain = apply(raw, null, tmp.resolve("none"));
    ApplyResult gz = apply(TestTars.gzip(raw), null, tmp.resolve("gz"));
    ApplyResult zst = apply(TestTars.zstd(raw), null, tmp.resolve("zst"));
    ApplyResult declared = apply(TestTars.zstd(raw), Compression.ZSTD, tmp.resolve("zst2"));

    for (ApplyResult r : new ApplyResult[] {plain, gz, zst, declared}) {
      assertThat(r.diffId()).isEqualTo(expected);
      assertThat(r.size()).isEqualTo(raw.length);
      assertThat(r.entries()).isEqualTo(1);
    }
    for (String d : new String[] {"none", "gz", "zst", "zst2"}) {
      assertThat(Files.readString(tmp.resolve(d).resolve("x"))).isEqualTo("same content");
    }
  }

  @Test
  void diffIdCoversTrailingPaddingAfterTheTar() throws IOException {
    byte[] tar = new TestTars().file("x", "y").build();
    byte[] padded = Arrays.copyOf(tar, tar.length + 4096);

    ApplyResult r = apply(TestTars.gzip(padded), Compression.GZIP, tmp.resolve("lower"));

    assertThat(r.diffId()).isEqualTo(Digest.of(padded));
    assertThat(r.size()).isEqualTo(padded.length);
  }

  @Test
  void truncatedGzipIsAnErrorAndLeavesNoTarget() throws IOException {
    StringBuilder big = new StringBuilder();
    for (int i = 0; i < 20000; i++) {
      big.append(i).append('\n');
    }
    byte[] gz = TestTars.gzip(new TestTars().file("first", "1").file("big", big.toString())
        .build());
    byte[] cut = Arrays.copyOf(gz, gz.length / 2);
    Path target = tmp.resolve("lower");

    assertThatThrownBy(() -> apply(cut, Compression.GZIP, target))
        .isInstanceOfSatisfying(BerthException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
          assertThat(e.getMessage()).contains("truncated").contains("big");
        });
    assertThat(target).doesNotExist();
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void truncatedZstdIsAnError() throws IOException {
    byte[] zst = TestTars.zstd(new TestTars().file("a", "x".repeat(100000)).build());
    byte[] cut = Arrays.copyOf(zst, zst.length - 10);
    Path target = tmp.resolve("lower");

    assertThatThrownBy(() -> apply(cut, null, target))
        .isInstanceOfSatisfying(BerthException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT));
    assertThat(target).doesNotExist();
  }

  @Test
  void truncatedTarIsAnError() {
    byte[] tar = new TestTars().file("a", "x".repeat(5000)).build();
    byte[] cut = Arrays.copyOf(tar, 2000);
    Path target = tmp.resolve("lower");

    assertThatThrownBy(() -> apply(cut, Compression.NONE, target))
        .isInstanceOfSatisfying(BerthException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
          assertThat(e.getMessage()).contains("\"a\"");
        });
    assertThat(target).doesNotExist();
  }

  @Test
  void existingTargetIsRefusedInOverlayModeUnlessEmpty() throws IOException {
    Path target = Files.createDirectory(tmp.resolve("lower"));
    apply(new TestTars().file("b", "y").build(), Compression.NONE, target);
    assertThat(target.resolve("b")).hasContent("y");
    byte[] layer = new TestTars().file("a", "x").build();

    assertThatThrownBy(() -> apply(layer, Compression.NONE, target))
        .isInstanceOfSatisfying(BerthException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.ALREADY_EXISTS));
  }

  @Test
  void userAndTrustedXattrsFromPaxHeaders() throws Exception {
    byte[] layer = new TestTars()
        .fileWithXattr("u", "x", "user.comment", "hi")
        .fileWithXattr("t", "x", "trusted.berth.test", "yes")
        .build();
    Path target = tmp.resolve("lower");

    apply(layer, Compression.NONE, target);

    UserDefinedFileAttributeView view =
        Files.getFileAttributeView(target.resolve("u"), UserDefinedFileAttributeView.class);
    ByteBuffer value = ByteBuffer.allocate(16);
    view.read("comment", value);
    assertThat(new String(value.array(), 0, value.position(), StandardCharsets.UTF_8))
        .isEqualTo("hi");
    assertThat(OverlayWhiteoutTest.getfattr(target.resolve("t"), "trusted.berth.test"))
        .isEqualTo("yes");
  }

  @Test
  void fifoAndCharDeviceAreMade() throws IOException {
    byte[] layer = new TestTars()
        .node("dev/null", TarConstants.LF_CHR, 1, 3)
        .node("run/fifo", TarConstants.LF_FIFO, 0, 0)
        .build();
    Path target = tmp.resolve("lower");

    apply(layer, Compression.NONE, target);

    assertThat(Files.getAttribute(target.resolve("dev/null"), "unix:rdev", NOFOLLOW))
        .isEqualTo((1L << 8) | 3L);
    assertThat(Files.readAttributes(target.resolve("dev/null"),
        java.nio.file.attribute.BasicFileAttributes.class, NOFOLLOW).isOther()).isTrue();
    assertThat(Files.getAttribute(target.resolve("run/fifo"), "unix:mode", NOFOLLOW))
        .isEqualTo(0010620);
  }

  @Test
  void fifoDeviceAndSymlinkKeepTheirTarMtime() throws Exception {
    byte[] layer = new TestTars()
        .node("dev/null", TarConstants.LF_CHR, 1, 3)
        .node("run/fifo", TarConstants.LF_FIFO, 0, 0)
        .symlink("link", "/nowhere")
        .build();
    Path target = tmp.resolve("lower");

    // a fifo opened for its times would block forever
    java.util.concurrent.CompletableFuture.runAsync(() -> apply(layer, Compression.NONE, target))
        .get(30, java.util.concurrent.TimeUnit.SECONDS);

    for (String name : new String[] {"dev/null", "run/fifo", "link"}) {
      assertThat(Files.getLastModifiedTime(target.resolve(name), NOFOLLOW)).as(name)
          .isEqualTo(TestTars.MTIME);
    }
    assertThat(Files.getAttribute(target.resolve("link"), "unix:uid", NOFOLLOW)).isEqualTo(7);
    assertThat(Files.getAttribute(target.resolve("link"), "unix:gid", NOFOLLOW)).isEqualTo(8);
  }

  @Test
  void binaryXattrValueIsKeptByteForByte() throws Exception {
    // Not valid UTF-8 (commons-compress alone would give U+FFFD), with NUL, '=' and '\n' inside.
    byte[] binary = {0x01, 0x00, 0x00, 0x02, (byte) 0xff, (byte) 0x80, '=', '\n', (byte) 0xc3,
        0x00, (byte) 0xfe, 0x7f, (byte) 0xe2, (byte) 0x82, 0x20, 0x00};
    String placeholder = "P".repeat(binary.length);
    byte[] layer = new TestTars()
        .file("before", "x")
        .fileWithXattr("bin", "x", "trusted.berth.bin", placeholder)
        .fileWithXattr("text", "x", "user.comment", "h\u00e9llo")
        .file("after", "y")
        .build();
    byte[] marker = placeholder.getBytes(StandardCharsets.US_ASCII);
    int at = indexOf(layer, marker);
    assertThat(at).isPositive();
    System.arraycopy(binary, 0, layer, at, binary.length);
    Path target = tmp.resolve("lower");

    apply(layer, Compression.NONE, target);

    assertThat(dev.berth.sys.FileSyscalls.lgetxattr(target.resolve("bin"), "trusted.berth.bin"))
        .isEqualTo(binary);
    assertThat(dev.berth.sys.FileSyscalls.lgetxattr(target.resolve("text"), "user.comment"))
        .isEqualTo("h\u00e9llo".getBytes(StandardCharsets.UTF_8));
    assertThat(Files.readString(target.resolve("after"))).isEqualTo("y");
  }

  @Test
  void binaryXattrAfterLongNamesInAGzipLayer() throws Exception {
    byte[] binary = {(byte) 0xff, 0x00, (byte) 0xc0, (byte) 0xaf};
    String longName = "d/" + "n".repeat(150);
    byte[] raw = new TestTars()
        .dir("d", 0755)
        .file(longName, "z".repeat(700))
        .fileWithXattr(longName + "2", "x", "trusted.berth.bin", "QQQQ")
        .build();
    System.arraycopy(binary, 0, raw, indexOf(raw, "QQQQ".getBytes(StandardCharsets.US_ASCII)),
        binary.length);
    Path target = tmp.resolve("lower");

    apply(TestTars.gzip(raw), null, target);

    assertThat(Files.readString(target.resolve(longName))).hasSize(700);
    assertThat(dev.berth.sys.FileSyscalls.lgetxattr(target.resolve(longName + "2"),
        "trusted.berth.bin")).isEqualTo(binary);
  }

  @Test
  void xattrOnASymlinkAndATrustedXattrOnAFifo() throws Exception {
    TestTars tars = new TestTars();
    byte[] layer = tars.nodeWithXattr("fifo", TarConstants.LF_FIFO, "trusted.berth.n", "v")
        .symlinkWithXattr("link", "fifo", "trusted.berth.l", "w")
        .build();
    Path target = tmp.resolve("lower");

    apply(layer, Compression.NONE, target);

    assertThat(dev.berth.sys.FileSyscalls.lgetxattr(target.resolve("fifo"), "trusted.berth.n"))
        .isEqualTo(new byte[] {'v'});
    assertThat(dev.berth.sys.FileSyscalls.lgetxattr(target.resolve("link"), "trusted.berth.l"))
        .isEqualTo(new byte[] {'w'});
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  static void assertRejected(Runnable apply, String entryName) {
    assertThatThrownBy(apply::run).isInstanceOfSatisfying(BerthException.class, e -> {
      assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
      assertThat(e.getMessage()).contains("\"" + entryName + "\"");
    });
  }
}
