package dev.berth.image.layer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.oci.image.Compression;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Owner and mode come out as the tar says whether or not the apply left out the lchown and chmod
 * that creation made unneeded, and entries whose name is taken replace what is there (the
 * create-first path), in both whiteout modes.
 */
class EntryMetadataTest {
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
  private final LayerApplier applier = new LayerApplier();
  @TempDir Path tmp;

  @Test
  void creationDefaultsAreThisProcesssRootAndUmask() {
    CreationDefaults d = CreationDefaults.PROCESS;
    assertThat(d).isNotNull();
    assertThat(d.fsuid()).isZero(); // the tests run as root, like berthd
    assertThat(d.fsgid()).isZero();
    assertThat(d.created(0777) & ~0777).isZero();
  }

  @Test
  void creationDefaultsAreParsedFromProcStatus() throws IOException {
    Path status = Files.writeString(tmp.resolve("status"), "Name:\tjava\nUmask:\t0027\n"
        + "Uid:\t1\t2\t3\t4\nGid:\t5\t6\t7\t8\n");
    assertThat(CreationDefaults.read(status)).isEqualTo(new CreationDefaults(4, 8, 027));
    assertThat(CreationDefaults.read(status).created(0777)).isEqualTo(0750);
    assertThat(CreationDefaults.read(Files.writeString(tmp.resolve("partial"), "Uid:\t0\t0\t0\t0\n")))
        .isNull();
    assertThat(CreationDefaults.read(tmp.resolve("missing"))).isNull();
  }

  @ParameterizedTest
  @EnumSource(WhiteoutMode.class)
  void ownerAndModeAreTheTarsWhetherOrNotCreationGaveThem(WhiteoutMode mode) throws IOException {
    byte[] layer = new TestTars()
        .dir("d", 0700)
        .dir("open", 0777)
        .dir("shared", 02775)
        .file("shared/plain", "p", 0644, 0, 0)
        .file("shared/exec", "x", 0755, 0, 0)
        .file("shared/private", "s", 0600, 0, 0)
        .file("shared/writable", "w", 0666, 0, 0) // the umask strips bits: needs chmod
        .file("shared/owned", "o", 0644, 1000, 1000)
        .file("shared/group", "g", 0644, 0, 1000)
        .file("shared/setuid", "u", 04755, 0, 0)
        .node("shared/fifo", TarConstants.LF_FIFO, 0, 0) // 0620
        .build();
    Path target = Files.createDirectory(tmp.resolve("layer"));

    applier.apply(new ByteArrayInputStream(layer), Compression.NONE, target, mode);

    assertNode(target.resolve("d"), 040700, 0, 0);
    assertNode(target.resolve("open"), 040777, 0, 0);
    assertNode(target.resolve("shared"), 042775, 0, 0);
    // created before the directory got its set-group-id bit: group 0, as the tar says
    assertNode(target.resolve("shared/plain"), 0100644, 0, 0);
    assertNode(target.resolve("shared/exec"), 0100755, 0, 0);
    assertNode(target.resolve("shared/private"), 0100600, 0, 0);
    assertNode(target.resolve("shared/writable"), 0100666, 0, 0);
    assertNode(target.resolve("shared/owned"), 0100644, 1000, 1000);
    assertNode(target.resolve("shared/group"), 0100644, 0, 1000);
    assertNode(target.resolve("shared/setuid"), 0104755, 0, 0);
    assertNode(target.resolve("shared/fifo"), 0010620, 0, 0);
  }

  @Test
  void aSetGroupIdOverlayTargetHandsNoGroupDown() throws IOException {
    Path target = Files.createDirectory(tmp.resolve("layer"));
    Syscalls.chown(target, 0, 1000);
    Files.setAttribute(target, "unix:mode", 02755);
    byte[] layer = new TestTars().file("f", "f", 0644, 0, 0).dir("d", 0755)
        .file("d/g", "g", 0644, 0, 0).build();

    applier.apply(new ByteArrayInputStream(layer), Compression.NONE, target, WhiteoutMode.OVERLAY);

    assertNode(target.resolve("f"), 0100644, 0, 0);
    assertNode(target.resolve("d"), 040755, 0, 0);
    assertNode(target.resolve("d/g"), 0100644, 0, 0);
  }

  @Test
  void plainModeOverASetGroupIdLowerDirectoryKeepsTheTarsGroup() throws IOException {
    Path target = Files.createDirectory(tmp.resolve("layer"));
    Path lower = Files.createDirectory(target.resolve("srv"));
    Syscalls.chown(lower, 0, 1000);
    Files.setAttribute(lower, "unix:mode", 02775);
    byte[] layer = new TestTars().file("srv/f", "f", 0644, 0, 0).build();

    applier.apply(new ByteArrayInputStream(layer), Compression.NONE, target, WhiteoutMode.PLAIN);

    assertNode(target.resolve("srv/f"), 0100644, 0, 0);
  }

  @ParameterizedTest
  @EnumSource(WhiteoutMode.class)
  void laterEntriesReplaceWhatEarlierOnesMadeUnderTheSameName(WhiteoutMode mode)
      throws IOException {
    byte[] layer = new TestTars()
        .file("file-then-dir", "x")
        .dir("file-then-dir", 0750)
        .file("file-then-dir/inside", "in")
        .dir("dir-then-file", 0755)
        .file("dir-then-file/child", "c")
        .file("dir-then-file", "now a file", 0600, 0, 0)
        .file("twice", "first")
        .file("twice", "second", 0640, 0, 0)
        .dir("dir-twice", 0755)
        .file("dir-twice/kept", "k")
        .dir("dir-twice", 0711)
        .file("file-then-link", "x")
        .symlink("file-then-link", "twice")
        .file("file-then-fifo", "x")
        .node("file-then-fifo", TarConstants.LF_FIFO, 0, 0)
        .file("link-source", "shared")
        .file("file-then-hardlink", "x")
        .hardlink("file-then-hardlink", "link-source")
        .build();
    Path target = Files.createDirectory(tmp.resolve("layer"));

    applier.apply(new ByteArrayInputStream(layer), Compression.NONE, target, mode);

    assertNode(target.resolve("file-then-dir"), 040750, 0, 0);
    assertThat(Files.readString(target.resolve("file-then-dir/inside"))).isEqualTo("in");
    assertNode(target.resolve("dir-then-file"), 0100600, 0, 0);
    assertThat(Files.readString(target.resolve("dir-then-file"))).isEqualTo("now a file");
    assertThat(Files.readString(target.resolve("twice"))).isEqualTo("second");
    assertNode(target.resolve("twice"), 0100640, 0, 0);
    assertNode(target.resolve("dir-twice"), 040711, 0, 0);
    assertThat(Files.readString(target.resolve("dir-twice/kept"))).isEqualTo("k");
    assertThat(Files.readSymbolicLink(target.resolve("file-then-link"))).isEqualTo(Path.of("twice"));
    assertThat((Integer) Files.getAttribute(target.resolve("file-then-fifo"), "unix:mode",
        NOFOLLOW) & 0170000).isEqualTo(0010000);
    assertThat(Files.isSameFile(target.resolve("file-then-hardlink"),
        target.resolve("link-source"))).isTrue();
  }

  @Test
  void anOverlayWhiteoutOfThisLayersOwnEntryLeavesTheEntry() throws IOException {
    byte[] layer = new TestTars().file("a", "mine").empty(".wh.a").empty(".wh.b").build();
    Path target = Files.createDirectory(tmp.resolve("layer"));

    applier.apply(new ByteArrayInputStream(layer), Compression.NONE, target, WhiteoutMode.OVERLAY);

    assertThat(Files.readString(target.resolve("a"))).isEqualTo("mine");
    assertThat(Files.getAttribute(target.resolve("b"), "unix:rdev", NOFOLLOW)).isEqualTo(0L);
    assertThat((Integer) Files.getAttribute(target.resolve("b"), "unix:mode", NOFOLLOW)
        & 0170000).isEqualTo(0020000);
  }

  private static void assertNode(Path p, int mode, int uid, int gid) throws IOException {
    assertThat(Files.getAttribute(p, "unix:mode", NOFOLLOW)).as("mode of %s", p)
        .isEqualTo(mode);
    assertThat(Files.getAttribute(p, "unix:uid", NOFOLLOW)).as("uid of %s", p).isEqualTo(uid);
    assertThat(Files.getAttribute(p, "unix:gid", NOFOLLOW)).as("gid of %s", p).isEqualTo(gid);
  }
}
