package dev.berth.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.error.BerthException;
import dev.berth.image.ImageDetail;
import dev.berth.image.ImageService;
import dev.berth.image.LoadedImage;
import dev.berth.image.SnapshotterKind;
import dev.berth.oci.image.Descriptor;
import dev.berth.oci.image.ImageManifest;
import dev.berth.oci.image.ManifestParser;
import dev.berth.oci.image.MediaTypes;
import dev.berth.oci.image.Digest;
import dev.berth.oci.image.Platform;
import dev.berth.oci.reference.ImageReference;
import dev.berth.registry.server.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Push from one image service into Berth's in-process registry and pull into another: same
 * image id, same manifest digest, layers unpacked; repeated transfers reuse what is there; a
 * failed pull leaves the store as it was.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ImageTransferTest {
  @TempDir Path tmp;
  private TestRegistry registry;
  private ImageService source;
  private ImageService target;
  private LoadedImage busybox;

  @BeforeEach
  void setUp() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root (layer unpack)");
    registry = new TestRegistry();
    Path tar = tmp.resolve("busybox.tar");
    BusyboxFixture.rootfs(tar);
    source = ImageService.open(tmp.resolve("a"));
    target = ImageService.open(tmp.resolve("b"));
    busybox = BusyboxFixture.importInto(source, tar, "busybox");
  }

  @AfterEach
  void tearDown() throws Exception {
    if (target != null) {
      target.close();
    }
    if (source != null) {
      source.close();
    }
    if (registry != null) {
      registry.close();
    }
  }

  private String host() {
    return "127.0.0.1:" + registry.registry.port();
  }

  private PushResult push(ImageService from, String name, RecordingProgress progress) {
    ImageReference ref = ImageReference.parse(name);
    ImageDetail d = from.inspect(busybox.id().toString());
    RegistryClient client = new RegistryClient(RegistryHosts.defaults().endpoint(ref.domain()),
        Credentials.ANONYMOUS);
    return new ImagePusher(client, from.content(), from.layerBlobs(), 3, progress).push(ref,
        d.manifest(), List.of());
  }

  private ImagePuller puller(String name, RecordingProgress progress) {
    return ImagePuller.of(RegistryHosts.defaults(), Credentials.ANONYMOUS,
        ImageReference.parse(name), Platform.host(), progress);
  }

  @Test
  void pushedImagePullsBackAsTheSameImage() throws Exception {
    RecordingProgress pushed = new RecordingProgress();
    PushResult r = push(source, host() + "/team/busybox:1.0", pushed);
    ImageDetail local = source.inspect("busybox");
    // the imported layer is a plain tar: it went gzipped, so the manifest is a new one
    assertThat(r.digest()).isNotEqualTo(local.manifest().digest());
    assertThat(r.tag()).isEqualTo("1.0");
    assertThat(pushed.lines).anyMatch(l -> l.endsWith(": Pushed"));
    assertThat(pushed.lines.getLast()).isEqualTo("1.0: digest: " + r.digest() + " size: "
        + r.size());

    RecordingProgress pulled = new RecordingProgress();
    ImagePuller puller = puller(host() + "/team/busybox:1.0", pulled);
    LoadedImage image = target.pull(puller);
    assertThat(image.id()).isEqualTo(busybox.id());
    assertThat(image.tags()).containsExactly(host() + "/team/busybox:1.0");
    ImageDetail copy = target.inspect(host() + "/team/busybox:1.0");
    assertThat(copy.manifest().digest()).isEqualTo(r.digest());
    assertThat(copy.repoDigests()).containsExactly(host() + "/team/busybox@" + r.digest());
    assertThat(copy.layers()).isEqualTo(local.layers());
    assertThat(copy.size()).isEqualTo(local.size()).isPositive();
    assertThat(pulled.lines).startsWith("1.0: Pulling from team/busybox");
    assertThat(puller.resolved().digest()).isEqualTo(r.digest());
    // what came down is the compressed blob, not the plain tar named by its diff_id
    assertThat(puller.downloaded()).hasSize(1).doesNotContain(
        ProgressListener.shortId(local.layers().getFirst()));
    assertThat(pulled.lines).contains(puller.downloaded().getFirst() + ": Pulling fs layer",
        puller.downloaded().getFirst() + ": Verifying Checksum",
        puller.downloaded().getFirst() + ": Download complete");
    // the pulled image is usable: its top layer is a snapshot a container can start from
    assertThat(target.prepareRootfs("c1", copy.id().toString())).isNotEmpty();
    target.removeRootfs("c1");
  }

  /**
   * Per downloaded layer: Download complete, then Extracting counts of the blob's bytes up to
   * its size, then Pull complete; with the overlay snapshotter extraction runs beside the
   * download, with the copy snapshotter it runs from the store afterwards.
   */
  @Test
  void extractionIsReportedAfterTheDownloadInDockersOrder() throws Exception {
    PushResult r = push(source, host() + "/ex/bb:1", new RecordingProgress());
    for (SnapshotterKind kind : SnapshotterKind.values()) {
      try (ImageService fresh = ImageService.open(tmp.resolve("fresh-" + kind), kind)) {
        RecordingProgress pulled = new RecordingProgress();
        ImagePuller puller = puller(host() + "/ex/bb:1", pulled);
        fresh.pull(puller);
        assertThat(puller.downloaded()).as(kind.toString()).isNotEmpty();
        Descriptor layer = manifest(r).layers().getFirst();
        String id = ProgressListener.shortId(layer.digest());
        List<String> mine = pulled.lines.stream().filter(l -> l.startsWith(id + ": ")).toList();
        int complete = mine.indexOf(id + ": Download complete");
        int done = mine.indexOf(id + ": Pull complete");
        List<Integer> extracting = new ArrayList<>();
        for (int i = 0; i < mine.size(); i++) {
          if (mine.get(i).startsWith(id + ": Extracting ")) {
            extracting.add(i);
          }
        }
        assertThat(complete).as(kind + ": " + mine).isNotNegative();
        assertThat(extracting).as(kind + ": " + mine).isNotEmpty()
            .allMatch(i -> i > complete && i < done);
        assertThat(mine.get(extracting.getLast())).isEqualTo(id + ": Extracting "
            + layer.size() + "/" + layer.size());
        assertThat(done).isEqualTo(mine.size() - 1);
      }
    }
  }

  private ImageManifest manifest(PushResult r) throws Exception {
    return (ImageManifest) ManifestParser.parse(registry.get("/v2/ex/bb/manifests/"
        + r.digest()).body(), MediaTypes.OCI_MANIFEST);
  }

  /** A pulled image goes back as it came: its compressed blobs, its manifest's exact bytes. */
  @Test
  void pulledImagePushesItsOwnBlobsWithoutRecompressing() throws Exception {
    PushResult first = push(source, host() + "/orig/bb:1", new RecordingProgress());
    target.pull(puller(host() + "/orig/bb:1", new RecordingProgress()));
    ImageDetail pulled = target.inspect(host() + "/orig/bb:1");
    ImageReference ref = ImageReference.parse(host() + "/copy/bb:1");
    RegistryClient client = new RegistryClient(RegistryHosts.defaults().endpoint(ref.domain()),
        Credentials.ANONYMOUS);
    RecordingProgress progress = new RecordingProgress();
    PushResult back = new ImagePusher(client, target.content(), target.layerBlobs(), 3,
        progress).push(ref, pulled.manifest(), List.of());
    assertThat(back.digest()).isEqualTo(first.digest()).isEqualTo(pulled.manifest().digest());
    assertThat(progress.lines).anyMatch(l -> l.endsWith(": Pushed"));
    // and the pull remembered which blob holds the layer, for pushes of plain copies of it
    Digest diffId = pulled.layers().getFirst();
    assertThat(target.layerBlobs().find(diffId)).singleElement().satisfies(b -> {
      assertThat(b.registry()).isEqualTo(host());
      assertThat(b.repository()).isEqualTo("orig/bb");
      assertThat(b.blob().mediaType()).isEqualTo(MediaTypes.OCI_LAYER_GZIP);
    });
  }

  @Test
  void secondPushAndPullReuseWhatIsThere() throws Exception {
    push(source, host() + "/x/bb:latest", new RecordingProgress());
    RecordingProgress again = new RecordingProgress();
    push(source, host() + "/x/bb:latest", again);
    assertThat(again.lines).anyMatch(l -> l.endsWith(": Layer already exists"))
        .noneMatch(l -> l.endsWith(": Pushed"));

    target.pull(puller(host() + "/x/bb", new RecordingProgress()));
    RecordingProgress second = new RecordingProgress();
    ImagePuller p = puller(host() + "/x/bb:latest", second);
    assertThat(target.pull(p).id()).isEqualTo(busybox.id());
    assertThat(p.downloaded()).isEmpty();
    assertThat(second.lines).anyMatch(l -> l.endsWith(": Already exists"));
  }

  @Test
  void pullByDigestNamesTheImageByDigestOnly() throws Exception {
    PushResult r = push(source, host() + "/d/bb:v1", new RecordingProgress());
    LoadedImage image = target.pull(puller(host() + "/d/bb@" + r.digest(),
        new RecordingProgress()));
    assertThat(image.tags()).isEmpty();
    assertThat(target.inspect(host() + "/d/bb@" + r.digest()).id()).isEqualTo(busybox.id());
  }

  @Test
  void pushMountsBlobsFromAnotherRepository() throws Exception {
    push(source, host() + "/one/bb:latest", new RecordingProgress());
    ImageReference ref = ImageReference.parse(host() + "/two/bb:latest");
    RegistryClient client = new RegistryClient(RegistryHosts.defaults().endpoint(ref.domain()),
        Credentials.ANONYMOUS);
    RecordingProgress progress = new RecordingProgress();
    new ImagePusher(client, source.content(), source.layerBlobs(), 3, progress).push(ref,
        source.inspect("busybox").manifest(), List.of("one/bb"));
    assertThat(progress.lines).anyMatch(l -> l.endsWith(": Mounted from one/bb"))
        .noneMatch(l -> l.endsWith(": Pushed"));
  }

  @Test
  void unknownTagFailsAndLeavesTheStoreAsItWas() throws Exception {
    Set<Digest> before = Set.copyOf(target.content().list());
    assertThatThrownBy(() -> target.pull(puller(host() + "/no/such:tag",
        new RecordingProgress())))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("manifest unknown")
        .satisfies(e -> assertThat(((RegistryException) e).status()).isEqualTo(404));
    assertThat(Set.copyOf(target.content().list())).isEqualTo(before);
  }

  @Test
  void corruptLayerIsRefusedAndNothingIsKept() throws Exception {
    PushResult r = push(source, host() + "/bad/bb:latest", new RecordingProgress());
    ImageDetail d = source.inspect("busybox");
    // overwrite the layer in the registry's storage with other bytes of the same length
    Digest layer = Digest.parse(new String(registry.get("/v2/bad/bb/manifests/latest").body())
        .replaceAll("(?s).*\"layers\":\\[\\{[^}]*\"digest\":\"(sha256:[0-9a-f]+)\".*", "$1"));
    Path blob;
    try (var files = Files.walk(registry.root)) {
      blob = files.filter(p -> p.toString().contains(layer.hex()) && Files.isRegularFile(p))
          .filter(p -> {
            try {
              return Files.size(p) > 1000;
            } catch (java.io.IOException e) {
              return false;
            }
          }).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(blob);
    bytes[bytes.length / 2] ^= 1;
    Files.write(blob, bytes);
    Set<Digest> before = Set.copyOf(target.content().list());
    assertThatThrownBy(() -> target.pull(puller(host() + "/bad/bb:latest",
        new RecordingProgress())))
        .isInstanceOf(BerthException.class).hasMessageContaining(layer.toString());
    assertThat(Set.copyOf(target.content().list())).isEqualTo(before);
    assertThatThrownBy(() -> target.resolve(host() + "/bad/bb:latest"))
        .isInstanceOf(BerthException.class);
    assertThat(r.digest()).isNotEqualTo(d.manifest().digest());
  }

  @Test
  void indexIsNarrowedToTheAskedPlatform() throws Exception {
    String repo = "multi/arch";
    java.util.Map<String, Digest> configs = new java.util.LinkedHashMap<>();
    StringBuilder entries = new StringBuilder();
    for (String arch : new String[] {"amd64", "arm64"}) {
      byte[] config = ("{\"architecture\":\"" + arch + "\",\"os\":\"linux\",\"rootfs\":"
          + "{\"type\":\"layers\",\"diff_ids\":[]}}").getBytes();
      Digest c = registry.pushBlob(repo, config);
      configs.put(arch, c);
      byte[] manifest = dev.berth.registry.server.TestImages.manifest(c, config.length, null, 0);
      registry.putManifest(repo, Digest.of(manifest).toString(),
          dev.berth.oci.image.MediaTypes.OCI_MANIFEST, manifest);
      entries.append(entries.isEmpty() ? "" : ",").append("{\"mediaType\":\"")
          .append(dev.berth.oci.image.MediaTypes.OCI_MANIFEST).append("\",\"digest\":\"")
          .append(Digest.of(manifest)).append("\",\"size\":").append(manifest.length)
          .append(",\"platform\":{\"architecture\":\"").append(arch)
          .append("\",\"os\":\"linux\"}}");
    }
    byte[] index = ("{\"schemaVersion\":2,\"mediaType\":\""
        + dev.berth.oci.image.MediaTypes.OCI_INDEX + "\",\"manifests\":[" + entries + "]}")
        .getBytes();
    registry.putManifest(repo, "v1", dev.berth.oci.image.MediaTypes.OCI_INDEX, index);
    String name = host() + "/" + repo + ":v1";
    LoadedImage arm = target.pull(ImagePuller.of(RegistryHosts.defaults(), Credentials.ANONYMOUS,
        ImageReference.parse(name), Platform.parse("linux/arm64"), new RecordingProgress()));
    assertThat(arm.id()).isEqualTo(configs.get("arm64"));
    // the repo digest is the index's: what the tag resolved to
    assertThat(target.inspect(name).repoDigests())
        .containsExactly(host() + "/" + repo + "@" + Digest.of(index));
    assertThatThrownBy(() -> target.pull(ImagePuller.of(RegistryHosts.defaults(),
        Credentials.ANONYMOUS, ImageReference.parse(name), Platform.parse("linux/s390x"),
        new RecordingProgress())))
        .isInstanceOf(BerthException.class).hasMessageContaining("linux/s390x")
        .hasMessageContaining("linux/amd64, linux/arm64");
  }
}
