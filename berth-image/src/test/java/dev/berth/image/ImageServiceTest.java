package dev.berth.image;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.error.BerthException;
import dev.berth.error.ErrorKind;
import dev.berth.image.TestImages.Image;
import dev.berth.image.snapshot.Info;
import dev.berth.image.snapshot.Mounter;
import dev.berth.oci.image.Digest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image service on real overlay mounts: load, unpack, names, remove, prune, gc, import. */
class ImageServiceTest {
  @TempDir Path tmp;
  private ImageService images;
  private final List<Path> mounted = new ArrayList<>();

  static final byte[] BASE = TestImages.layer("etc/", "", "etc/os-release", "base\n",
      "etc/gone", "deleted above\n", "opt/", "", "opt/old", "hidden by opaque\n", "bin/", "",
      "bin/sh", "not a shell\n");
  static final byte[] TOP = TestImages.layer("etc/.wh.gone", "", "opt/", "",
      "opt/.wh..wh..opq", "", "opt/new", "from top\n");
  static final byte[] OTHER_TOP = TestImages.layer("srv/", "", "srv/other", "x\n");

  @BeforeEach
  void open() {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root for overlay mounts");
    images = ImageService.open(tmp.resolve("root"), SnapshotterKind.OVERLAY);
  }

  @AfterEach
  void close() {
    for (Path p : mounted) {
      Mounter.unmount(p);
    }
    if (images != null) {
      images.close();
    }
  }

  private List<LoadedImage> load(byte[] archive) {
    return images.load(new ByteArrayInputStream(archive));
  }

  private Path mountRootfs(String key, String image) throws IOException {
    Path target = Files.createDirectories(tmp.resolve("mnt-" + key));
    Mounter.mount(images.prepareRootfs(key, image), target);
    mounted.add(target);
    return target;
  }

  private record Stores(List<Digest> blobs, List<Info> snapshots, List<ImageSummary> images) {}

  private Stores stores() {
    return new Stores(images.content().list(), images.snapshots().list(),
        images.list(true, Map.of()));
  }

  @Test
  void loadedLayersStackWithWhiteoutsAndOpaqueDirs() throws IOException {
    Image img = Image.of(List.of("busybox:latest"), BASE, TOP);
    List<LoadedImage> loaded = load(TestImages.dockerArchive(img));

    assertThat(loaded).containsExactly(new LoadedImage(img.id(), List.of("busybox:latest")));
    Path root = mountRootfs("c1", "busybox");
    assertThat(root.resolve("etc/os-release")).hasContent("base");
    assertThat(root.resolve("etc/gone")).doesNotExist();
    assertThat(root.resolve("opt/old")).doesNotExist();
    assertThat(root.resolve("opt/new")).hasContent("from top");
  }

  @Test
  void theCopySnapshotterStacksTheSameWay() throws IOException {
    try (ImageService copy = ImageService.open(tmp.resolve("copy"), SnapshotterKind.COPY)) {
      byte[] archive = TestImages.dockerArchive(Image.of(List.of("busybox:latest"), BIG_BASE,
          BIG_TOP));
      copy.load(new ByteArrayInputStream(archive));
      Path target = Files.createDirectories(tmp.resolve("mnt-copy"));
      Mounter.mount(copy.prepareRootfs("c1", "busybox"), target);
      mounted.add(target);
      assertThat(target.resolve("usr/gone")).doesNotExist();
      assertThat(target.resolve("usr/lib/a")).doesNotExist();
      assertThat(target.resolve("usr/lib/b")).hasContent("b");
      assertThat(Files.readString(target.resolve("srv/big2"))).isEqualTo(MEGA + "2");
      Files.writeString(target.resolve("srv/new"), "n");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      copy.export("c1", out);
      assertThat(filesOf(out.toByteArray())).containsEntry("srv/new", "n")
          .doesNotContainKey("usr/gone");
    }
  }

  @Test
  void commitTurnsAContainersChangesIntoAChildImage() throws IOException {
    Image img = Image.of(List.of("busybox:latest"), BASE, TOP);
    load(TestImages.dockerArchive(img));
    Path root = mountRootfs("c1", "busybox");
    Files.writeString(root.resolve("etc/made"), "in the container");
    Files.delete(root.resolve("etc/os-release"));

    LoadedImage child = images.commit(new CommitRequest("c1", img.id(),
        images.inspect("busybox").config().config(), "mine/child:1", "me", "a message",
        List.of("ENV COMMITTED=1")));

    assertThat(child.tags()).containsExactly("mine/child:1");
    ImageDetail d = images.inspect("mine/child:1");
    assertThat(d.parent()).isEqualTo(img.id());
    assertThat(d.layers()).hasSize(3).startsWith(Digest.of(BASE), Digest.of(TOP));
    assertThat(d.comment()).isEqualTo("a message");
    assertThat(d.config().config().env()).contains("COMMITTED=1");
    assertThat(images.history("mine/child:1").getFirst().comment()).isEqualTo("a message");
    Path again = mountRootfs("c2", "mine/child:1");
    assertThat(again.resolve("etc/made")).hasContent("in the container");
    assertThat(again.resolve("etc/os-release")).doesNotExist();
    assertThat(again.resolve("opt/new")).hasContent("from top");
    assertThatThrownBy(() -> images.remove(img.id().toString(), true, false, ImageUsage.NONE))
        .hasMessageContaining("image has dependent child images");
  }

  @Test
  void exportWritesTheContainersCurrentFiles() throws IOException {
    load(TestImages.dockerArchive(Image.of(List.of("busybox:latest"), BASE, TOP)));
    Path root = mountRootfs("c1", "busybox");
    Files.writeString(root.resolve("etc/written"), "by the container");
    Files.delete(root.resolve("bin/sh"));

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    images.export("c1", out);

    Map<String, String> files = filesOf(out.toByteArray());
    assertThat(files).containsEntry("etc/written", "by the container")
        .containsEntry("opt/new", "from top\n").containsEntry("etc/os-release", "base\n")
        .doesNotContainKeys("bin/sh", "etc/gone", "opt/old");
    assertThat(files.keySet()).noneMatch(n -> n.contains(".wh."));
  }

  @Test
  void sharedBaseLayerIsUnpackedOnce() {
    load(TestImages.dockerArchive(Image.of(List.of("a:1"), BASE, TOP)));
    load(TestImages.dockerArchive(Image.of(List.of("b:1"), BASE, OTHER_TOP)));

    List<String> layers = images.snapshots().list().stream().map(Info::key).toList();
    assertThat(layers).hasSize(3).contains(Digest.of(BASE).toString());
    assertThat(images.list(false, Map.of())).hasSize(2);
  }

  @Test
  void saveThenLoadRoundTripsAsDockerArchiveAndAsOciLayout() throws IOException {
    Image img = Image.of(List.of("example.com/team/app:v1"), BASE, TOP)
        .withConfig(",\"Labels\":{\"a\":\"b\"}");
    load(TestImages.dockerArchive(img));
    ByteArrayOutputStream saved = new ByteArrayOutputStream();
    images.save(List.of("example.com/team/app:v1"), saved);

    for (boolean ociOnly : new boolean[] {false, true}) {
      byte[] archive = ociOnly ? withoutEntry(saved.toByteArray(), "manifest.json")
          : saved.toByteArray();
      try (ImageService other = ImageService.open(tmp.resolve("other-" + ociOnly),
          SnapshotterKind.OVERLAY)) {
        List<LoadedImage> back = other.load(new ByteArrayInputStream(archive));
        assertThat(back).extracting(LoadedImage::id).containsExactly(img.id());
        assertThat(other.inspect("example.com/team/app:v1").repoTags())
            .containsExactly("example.com/team/app:v1");
        assertThat(other.inspect(img.id().toString()).config().config().labels())
            .containsEntry("a", "b");
      }
    }
  }

  @Test
  void tagsMoveAndRemoveUntagsBeforeDeleting() {
    Image img = Image.of(List.of("busybox:latest"), BASE);
    load(TestImages.dockerArchive(img));
    images.tag("busybox", "mine/box:1");
    assertThat(images.inspect(img.id().hex().substring(0, 8)).repoTags())
        .containsExactlyInAnyOrder("busybox:latest", "mine/box:1");

    assertThat(images.remove("mine/box:1", false, false, ImageUsage.NONE))
        .containsExactly(DeleteItem.untagged("mine/box:1"));
    assertThat(images.content().list()).isNotEmpty();

    List<DeleteItem> last = images.remove("busybox", false, false, ImageUsage.NONE);
    assertThat(last).startsWith(DeleteItem.untagged("busybox:latest"),
        DeleteItem.deleted(img.id().toString()));
    assertThat(last).contains(DeleteItem.deleted(Digest.of(BASE).toString()));
    assertThat(images.content().list()).isEmpty();
    assertThat(images.snapshots().list()).isEmpty();
    assertThatThrownBy(() -> images.inspect("busybox"))
        .isInstanceOfSatisfying(BerthException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
          assertThat(e.getMessage()).isEqualTo("No such image: busybox:latest");
        });
  }

  @Test
  void removeRefusesWhatContainersUseUnlessForcedAndStopped() {
    Image img = Image.of(List.of("busybox:latest"), BASE);
    load(TestImages.dockerArchive(img));
    images.tag("busybox", "other/name:1");
    ImageUsage stopped = id -> List.of(new ImageUsage.ContainerUse("abcdef0123456789", false));
    ImageUsage running = id -> List.of(new ImageUsage.ContainerUse("abcdef0123456789", true));
    String shortId = img.id().hex().substring(0, 12);

    assertThatThrownBy(() -> images.remove(img.id().toString(), false, false, ImageUsage.NONE))
        .hasMessage("conflict: unable to delete " + shortId
            + " (must be forced) - image is referenced in multiple repositories");
    images.remove("other/name:1", false, false, stopped); // other names remain: plain untag
    assertThatThrownBy(() -> images.remove("busybox", false, false, stopped))
        .isInstanceOfSatisfying(BerthException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.FAILED_PRECONDITION))
        .hasMessage("conflict: unable to remove repository reference \"busybox\" (must force)"
            + " - container abcdef012345 is using its referenced image " + shortId);
    assertThatThrownBy(() -> images.remove(shortId, true, false, running))
        .hasMessage("conflict: unable to delete " + shortId + " (cannot be forced) - image is"
            + " being used by running container abcdef012345");
    assertThat(images.inspect("busybox").id()).isEqualTo(img.id());

    images.remove(shortId, true, false, stopped);
    assertThat(images.list(true, Map.of())).isEmpty();
  }

  @Test
  void pruneRemovesDanglingThenWithAllEverythingUnused() {
    Image a = Image.of(List.of("a:1"), BASE);
    Image b = Image.of(List.of("b:1"), BASE, OTHER_TOP);
    load(TestImages.dockerArchive(a, b));
    load(TestImages.dockerArchive(Image.of(List.of("b:1"), BASE, TOP))); // b:1 moves: old dangles

    assertThat(images.list(false, Map.of("dangling", List.of("true"))))
        .extracting(ImageSummary::id).containsExactly(b.id());
    PruneReport dangling = images.prune(false, Map.of(), ImageUsage.NONE);
    assertThat(dangling.deleted()).contains(DeleteItem.deleted(b.id().toString()));
    assertThat(dangling.spaceReclaimed()).isEqualTo(OTHER_TOP.length);
    assertThat(images.list(false, Map.of())).hasSize(2);

    ImageUsage usesA = id -> id.equals(a.id())
        ? List.of(new ImageUsage.ContainerUse("c", false)) : List.of();
    images.prune(true, Map.of(), usesA);
    assertThat(images.list(false, Map.of())).extracting(ImageSummary::id)
        .containsExactly(a.id());
  }

  @Test
  void listFiltersAsDockerDoes() {
    Image old = Image.of(List.of("old:1"), BASE).withConfig(",\"Labels\":{\"tier\":\"db\"}");
    Image young = Image.of(List.of("young:1"), BASE)
        .withConfig(",\"Labels\":{\"tier\":\"web\"}").createdAt("2025-02-01T00:00:00Z");
    load(TestImages.dockerArchive(old));
    load(TestImages.dockerArchive(young));

    assertThat(images.list(false, Map.of("label", List.of("tier=db"))))
        .extracting(ImageSummary::repoTags).containsExactly(List.of("old:1"));
    assertThat(images.list(false, Map.of("reference", List.of("you*"))))
        .extracting(ImageSummary::repoTags).containsExactly(List.of("young:1"));
    assertThat(images.list(false, Map.of("since", List.of("old:1"))))
        .extracting(ImageSummary::repoTags).containsExactly(List.of("young:1"));
    assertThat(images.list(false, Map.of("before", List.of("young:1"))))
        .extracting(ImageSummary::repoTags).containsExactly(List.of("old:1"));
    assertThat(images.list(false, Map.of())).extracting(ImageSummary::repoTags)
        .containsExactly(List.of("young:1"), List.of("old:1"));
    assertThatThrownBy(() -> images.list(false, Map.of("bogus", List.of("x"))))
        .hasMessage("invalid filter 'bogus'");
  }

  @Test
  void historyAndInspectDescribeTheImage() {
    Image img = Image.of(List.of("busybox:latest"), BASE, TOP);
    load(TestImages.dockerArchive(img));

    List<HistoryItem> history = images.history("busybox");
    assertThat(history).extracting(HistoryItem::createdBy).containsExactly("step 1", "step 0");
    assertThat(history.getFirst().id()).isEqualTo(img.id().toString());
    assertThat(history.getFirst().tags()).containsExactly("busybox:latest");
    assertThat(history.get(1).id()).isEqualTo("<missing>");
    assertThat(history.get(1).size()).isEqualTo(BASE.length);
    ImageDetail detail = images.inspect("busybox:latest");
    assertThat(detail.layers()).containsExactly(Digest.of(BASE), Digest.of(TOP));
    assertThat(detail.size()).isEqualTo(BASE.length + TOP.length);
    assertThat(detail.config().architecture()).isEqualTo("amd64");
  }

  @Test
  void importMakesAOneLayerImageWithChanges() throws IOException {
    byte[] rootfs = TestImages.gzip(TestImages.layer("bin/", "", "bin/tool", "t\n"));
    LoadedImage imported = images.importImage(new ByteArrayInputStream(rootfs),
        new ImportOptions("imported:v2", List.of("CMD [\"/bin/tool\"]", "ENV A=b"), "made here",
            null, "-"));

    assertThat(imported.tags()).containsExactly("imported:v2");
    ImageDetail d = images.inspect("imported:v2");
    assertThat(d.config().config().cmd()).containsExactly("/bin/tool");
    assertThat(d.config().config().env()).contains("A=b");
    assertThat(d.comment()).isEqualTo("made here");
    assertThat(images.history("imported:v2").getFirst().comment()).isEqualTo("made here");
    assertThat(mountRootfs("c2", "imported:v2").resolve("bin/tool")).hasContent("t");
  }

  @Test
  void badInputLeavesEveryStoreAsItWas() {
    load(TestImages.dockerArchive(Image.of(List.of("keep:1"), BASE)));
    Stores before = stores();
    byte[] good = TestImages.dockerArchive(Image.of(List.of("new:1"), OTHER_TOP, TOP));
    byte[] truncated = Arrays.copyOf(good, good.length / 2);
    byte[] escaping = TestImages.dockerArchive(
        Image.of(List.of("evil:1"), OTHER_TOP, TestImages.layer("../escape", "x")));
    byte[] gz = TestImages.gzip(TOP);
    Image lying = new Image(List.of("liar:1"), List.of(OTHER_TOP, gz),
        List.of(Digest.of(OTHER_TOP), Digest.of(BASE)), "", "2024-02-01T00:00:00Z");

    for (byte[] bad : List.of(truncated, escaping, TestImages.dockerArchive(lying))) {
      assertThatThrownBy(() -> load(bad)).isInstanceOfSatisfying(BerthException.class,
          e -> assertThat(e.kind()).isIn(ErrorKind.INVALID_ARGUMENT, ErrorKind.NOT_FOUND));
      assertThat(stores()).isEqualTo(before);
    }
    assertThatThrownBy(() -> load(escaping)).hasMessageContaining("../escape");
    assertThatThrownBy(() -> load(TestImages.dockerArchive(lying)))
        .hasMessageContaining("diff_id mismatch").hasMessageContaining(Digest.of(BASE).toString());
    assertThatThrownBy(() -> images.importImage(
        new ByteArrayInputStream(Arrays.copyOf(gz, gz.length - 10)), ImportOptions.named("x")))
        .isInstanceOf(BerthException.class);
    assertThat(stores()).isEqualTo(before);
  }

  @Test
  void reopenedServiceKeepsImagesAndCollectsUnpackLeftovers() {
    Image img = Image.of(List.of("busybox:latest"), BASE);
    load(TestImages.dockerArchive(img));
    images.snapshots().prepare("extract-crashed", null);
    Digest orphan = images.content().put("nobody refers to me".getBytes(UTF_8));
    images.close();

    images = ImageService.open(tmp.resolve("root"), SnapshotterKind.OVERLAY);
    assertThat(images.inspect("busybox").id()).isEqualTo(img.id());
    assertThat(images.snapshots().list()).extracting(Info::key)
        .containsExactly(Digest.of(BASE).toString());
    assertThat(images.content().exists(orphan)).isFalse();
  }

  @Test
  void gcKeepsWhatContainersStandOn() throws IOException {
    Image img = Image.of(List.of("busybox:latest"), BASE, TOP);
    load(TestImages.dockerArchive(img));
    mountRootfs("c1", "busybox");
    images.remove("busybox", true, false, id -> List.of(new ImageUsage.ContainerUse("c1", false)));

    assertThat(images.list(true, Map.of())).isEmpty();
    assertThat(images.content().list()).isEmpty();
    // the container's layers stay until the container goes
    assertThat(images.snapshots().list()).hasSize(3);
    Mounter.unmount(mounted.removeLast());
    images.removeRootfs("c1");
    images.gc();
    assertThat(images.snapshots().list()).isEmpty();
  }

  /** Layers over a megabyte are extracted while the archive streams (LayerPrefetch). */
  static final String MEGA = "x".repeat(1_300_000);
  static final byte[] BIG_BASE = TestImages.layer("usr/", "", "usr/big", MEGA, "usr/gone", "g",
      "usr/lib/", "", "usr/lib/a", "a");
  static final byte[] BIG_TOP = TestImages.layer("usr/.wh.gone", "", "usr/lib/", "",
      "usr/lib/.wh..wh..opq", "", "usr/lib/b", "b", "srv/", "", "srv/big2", MEGA + "2");

  @Test
  void bigLayersExtractedDuringTheReadStackLikeAnyOther() throws IOException {
    Image img = Image.of(List.of("big:1"), BIG_BASE, BIG_TOP);
    load(TestImages.dockerArchive(img));
    Path root = mountRootfs("c1", "big:1");
    assertThat(Files.readString(root.resolve("usr/big"))).isEqualTo(MEGA);
    assertThat(Files.readString(root.resolve("srv/big2"))).isEqualTo(MEGA + "2");
    assertThat(root.resolve("usr/gone")).doesNotExist();
    assertThat(root.resolve("usr/lib/a")).doesNotExist();
    assertThat(root.resolve("usr/lib/b")).hasContent("b");
    // a second image on the same base: the base blob is known, its prefetch is dropped
    load(TestImages.dockerArchive(Image.of(List.of("big:2"), BIG_BASE, OTHER_TOP)));
    assertThat(images.snapshots().list()).hasSize(4); // 3 layers + the container
    try (var left = Files.list(tmp.resolve("root/tmp"))) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void bigLayerFailuresLeaveEveryStoreAsItWas() throws IOException {
    load(TestImages.dockerArchive(Image.of(List.of("keep:1"), BASE)));
    Stores before = stores();
    byte[] good = TestImages.dockerArchive(Image.of(List.of("big:1"), BIG_BASE, BIG_TOP));
    byte[] cut = Arrays.copyOf(good, BIG_BASE.length + BIG_TOP.length / 2);
    Image lying = new Image(List.of("liar:1"), List.of(BIG_BASE, BIG_TOP),
        List.of(Digest.of(BIG_BASE), Digest.of(BASE)), "", "2024-02-01T00:00:00Z");

    assertThatThrownBy(() -> load(cut)).isInstanceOf(BerthException.class);
    assertThat(stores()).isEqualTo(before);
    assertThatThrownBy(() -> load(TestImages.dockerArchive(lying)))
        .hasMessageContaining("diff_id mismatch");
    assertThat(stores()).isEqualTo(before);
    try (var left = Files.list(tmp.resolve("root/tmp"))) {
      assertThat(left).isEmpty();
    }
  }

  static Map<String, String> filesOf(byte[] tar) throws IOException {
    Map<String, String> out = new java.util.TreeMap<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
      TarArchiveEntry e;
      while ((e = in.getNextEntry()) != null) {
        String name = e.getName().replaceFirst("^\\./", "");
        out.put(e.isDirectory() ? name.replaceAll("/$", "") + "/" : name,
            e.isFile() ? new String(in.readAllBytes(), UTF_8) : "");
      }
    }
    return out;
  }

  static byte[] withoutEntry(byte[] tar, String drop) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar));
        var w = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(out)) {
      w.setLongFileMode(org.apache.commons.compress.archivers.tar.TarArchiveOutputStream
          .LONGFILE_POSIX);
      TarArchiveEntry e;
      while ((e = in.getNextEntry()) != null) {
        if (e.getName().equals(drop)) {
          continue;
        }
        w.putArchiveEntry(e);
        in.transferTo(w);
        w.closeArchiveEntry();
      }
    }
    return out.toByteArray();
  }
}
