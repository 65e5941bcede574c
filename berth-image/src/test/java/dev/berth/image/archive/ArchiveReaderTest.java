package dev.berth.image.archive;

import static dev.berth.image.archive.ArchiveFixtures.config;
import static dev.berth.image.archive.ArchiveFixtures.descriptor;
import static dev.berth.image.archive.ArchiveFixtures.gzip;
import static dev.berth.image.archive.ArchiveFixtures.json;
import static dev.berth.image.archive.ArchiveFixtures.layer;
import static dev.berth.image.archive.ArchiveFixtures.zstd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.error.BerthException;
import dev.berth.error.ErrorKind;
import dev.berth.image.content.ContentStore;
import dev.berth.oci.image.Descriptor;
import dev.berth.oci.image.Digest;
import dev.berth.oci.image.ManifestParser;
import dev.berth.oci.image.MediaTypes;
import dev.berth.oci.image.Platform;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveReaderTest {
  static final Platform AMD64 = Platform.of("linux", "amd64", null);

  static final byte[] LAYER_A = layer("a.txt", "A");
  static final byte[] LAYER_B = layer("b.txt", "B");
  static final byte[] GZ_B = gzip(LAYER_B);
  static final Digest DIFF_A = Digest.of(LAYER_A);
  static final Digest DIFF_B = Digest.of(LAYER_B);
  static final byte[] CONFIG = config("amd64", List.of(DIFF_A, DIFF_B, DIFF_A));
  static final String CONFIG_FILE = Digest.of(CONFIG).hex() + ".json";

  @TempDir Path root;
  ContentStore store;

  @BeforeEach
  void setUp() {
    store = ContentStore.open(root);
  }

  /** docker save of Docker 20.10: v1 layer dirs, a symlinked repeat, manifest.json last. */
  static ArchiveFixtures docker2010(byte[] config, String manifest) {
    return new ArchiveFixtures()
        .dir("v1a").file("v1a/VERSION", "1.0").file("v1a/json", "{}")
        .file("v1a/layer.tar", LAYER_A)
        .dir("v1b").file("v1b/VERSION", "1.0").file("v1b/json", "{}").file("v1b/layer.tar", GZ_B)
        .dir("v1c").file("v1c/VERSION", "1.0").file("v1c/json", "{}")
        .symlink("v1c/layer.tar", "../v1a/layer.tar")
        .file(CONFIG_FILE, config)
        .file("manifest.json", manifest)
        .file("repositories", "{\"busybox\":{\"latest\":\"v1c\"}}");
  }

  static String manifestJson(String config, String layers) {
    return "[{\"Config\":\"" + config + "\",\"RepoTags\":[\"busybox:latest\"],\"Layers\":["
        + layers + "]}]";
  }

  static final String LAYERS = "\"v1a/layer.tar\",\"v1b/layer.tar\",\"v1c/layer.tar\"";

  static byte[] goodDocker2010() {
    return docker2010(CONFIG, manifestJson(CONFIG_FILE, LAYERS)).build();
  }

  List<ArchiveImage> read(byte[] archive) {
    return ArchiveReader.read(new ByteArrayInputStream(archive), store, AMD64);
  }

  @Test
  void readsDocker2010ArchiveWithSymlinkedAndGzipLayers() throws IOException {
    List<ArchiveImage> images = read(goodDocker2010());

    assertThat(images).hasSize(1);
    ArchiveImage image = images.getFirst();
    assertThat(image.repoTags()).containsExactly("busybox:latest");
    assertThat(image.configDigest()).isEqualTo(Digest.of(CONFIG));
    assertThat(image.config().rootfs().diffIds()).containsExactly(DIFF_A, DIFF_B, DIFF_A);
    assertThat(image.parsed().config())
        .isEqualTo(Descriptor.of(MediaTypes.OCI_CONFIG, Digest.of(CONFIG), CONFIG.length));
    assertThat(image.parsed().layers()).containsExactly(
        Descriptor.of(MediaTypes.OCI_LAYER, DIFF_A, LAYER_A.length),
        Descriptor.of(MediaTypes.OCI_LAYER_GZIP, Digest.of(GZ_B), GZ_B.length),
        Descriptor.of(MediaTypes.OCI_LAYER, DIFF_A, LAYER_A.length));
    // the manifest is stored and is what was parsed
    assertThat(image.manifest().mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    try (InputStream in = store.open(image.manifest().digest())) {
      byte[] stored = in.readAllBytes();
      assertThat(stored.length).isEqualTo(image.manifest().size());
      assertThat(ManifestParser.parse(stored, null)).isEqualTo(image.parsed());
    }
    assertThat(store.list()).containsExactlyInAnyOrder(Digest.of(CONFIG), DIFF_A,
        Digest.of(GZ_B), image.manifest().digest());
  }

  @Test
  void readsGzipAndZstdCompressedArchives() {
    List<ArchiveImage> plain = read(goodDocker2010());
    List<ArchiveImage> gz = read(gzip(goodDocker2010()));
    List<ArchiveImage> zst = read(zstd(goodDocker2010()));
    assertThat(gz).isEqualTo(plain);
    assertThat(zst).isEqualTo(plain);
  }

  @Test
  void readsLargeLayersThroughTheStore() {
    // bigger than the in-memory threshold and not named layer.tar: still a blob
    byte[] big = layer("big", "x".repeat((int) ArchiveScan.SMALL + 10));
    byte[] config = config("amd64", List.of(Digest.of(big)));
    String configFile = Digest.of(config).hex() + ".json";
    byte[] archive = new ArchiveFixtures().file("big.tar", big).file(configFile, config)
        .file("manifest.json", manifestJson(configFile, "\"big.tar\"")).build();

    ArchiveImage image = read(archive).getFirst();

    assertThat(image.parsed().layers().getFirst().digest()).isEqualTo(Digest.of(big));
    assertThat(store.exists(Digest.of(big))).isTrue();
  }

  // OCI layout: index.json -> nested index with amd64 and arm64

  record Layout(byte[] archive, byte[] amdManifest, byte[] armManifest, byte[] nestedIndex) {}

  static Layout ociLayout() {
    byte[] amdLayer = zstd(LAYER_A);
    byte[] armLayer = gzip(layer("arm.txt", "arm"));
    byte[] amdConfig = config("amd64", List.of(DIFF_A, DIFF_B));
    byte[] armConfig = config("arm64", List.of(Digest.of(layer("arm.txt", "arm"))));
    byte[] amdManifest = json("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
        + "\",\"config\":" + descriptor(MediaTypes.OCI_CONFIG, amdConfig) + ",\"layers\":["
        + descriptor(MediaTypes.OCI_LAYER_ZSTD, amdLayer) + ","
        + descriptor(MediaTypes.OCI_LAYER, LAYER_B) + "]}");
    byte[] armManifest = json("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
        + "\",\"config\":" + descriptor(MediaTypes.OCI_CONFIG, armConfig) + ",\"layers\":["
        + descriptor(MediaTypes.OCI_LAYER_GZIP, armLayer) + "]}");
    String amd = descriptor(MediaTypes.OCI_MANIFEST, amdManifest);
    String arm = descriptor(MediaTypes.OCI_MANIFEST, armManifest);
    byte[] nested = json("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX
        + "\",\"manifests\":["
        + arm.replaceFirst("}$", ",\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\"}}")
        + ","
        + amd.replaceFirst("}$", ",\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}")
        + "]}");
    String top = descriptor(MediaTypes.OCI_INDEX, nested).replaceFirst("}$",
        ",\"annotations\":{\"io.containerd.image.name\":\"docker.io/library/busybox:1.36\","
            + "\"org.opencontainers.image.ref.name\":\"1.36\"}}");
    String second = descriptor(MediaTypes.OCI_INDEX, nested).replaceFirst("}$",
        ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"latest\"}}");
    byte[] archive = new ArchiveFixtures()
        .file("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}")
        .dir("blobs").dir("blobs/sha256")
        .blob(amdLayer).blob(armLayer).blob(LAYER_B).blob(amdConfig).blob(armConfig)
        .blob(amdManifest).blob(armManifest).blob(nested)
        .file("index.json", "{\"schemaVersion\":2,\"manifests\":[" + top + "," + second + "]}")
        .build();
    return new Layout(archive, amdManifest, armManifest, nested);
  }

  @Test
  void readsOciLayoutPickingThePlatformFromANestedIndex() {
    Layout layout = ociLayout();

    List<ArchiveImage> images = read(layout.archive());

    assertThat(images).hasSize(1);
    ArchiveImage image = images.getFirst();
    assertThat(image.manifest().digest()).isEqualTo(Digest.of(layout.amdManifest()));
    assertThat(image.manifest().size()).isEqualTo(layout.amdManifest().length);
    assertThat(image.config().architecture()).isEqualTo("amd64");
    assertThat(image.repoTags()).containsExactly("docker.io/library/busybox:1.36", "latest");
    assertThat(image.parsed().layers()).extracting(Descriptor::mediaType)
        .containsExactly(MediaTypes.OCI_LAYER_ZSTD, MediaTypes.OCI_LAYER);
    // what the amd64 image needs is kept; the other platform's blobs and the indexes are not
    assertThat(store.list()).containsExactlyInAnyOrder(Digest.of(layout.amdManifest()),
        image.configDigest(), Digest.of(zstd(LAYER_A)), DIFF_B);
  }

  @Test
  void readsTheArm64ManifestWhenAskedFor() {
    List<ArchiveImage> images = ArchiveReader.read(new ByteArrayInputStream(
        ociLayout().archive()), store, Platform.of("linux", "arm64", "v8"));
    assertThat(images.getFirst().config().architecture()).isEqualTo("arm64");
  }

  @Test
  void manifestJsonWinsOverIndexJson() {
    // a Docker 20.10 archive that also carries an index.json naming nothing real
    byte[] archive = docker2010(CONFIG, manifestJson(CONFIG_FILE, LAYERS))
        .file("index.json", "{\"schemaVersion\":2,\"manifests\":[]}").build();
    assertThat(read(archive)).hasSize(1);
  }

  // bad input: each fails naming the bad thing and leaves the store as it was

  void assertRejected(byte[] archive, ErrorKind kind, String... fragments) {
    store.put("unrelated".getBytes());
    store.put(LAYER_A); // also in most archives: must survive the rollback
    List<Digest> before = store.list();
    assertThatThrownBy(() -> read(archive))
        .isInstanceOfSatisfying(BerthException.class, e -> assertThat(e.kind()).isEqualTo(kind))
        .hasMessageContainingAll(fragments);
    assertThat(store.list()).isEqualTo(before);
  }

  @Test
  void rejectsNotATar() {
    byte[] junk = new byte[2048];
    Arrays.fill(junk, (byte) 'x');
    assertRejected(junk, ErrorKind.INVALID_ARGUMENT, "not a tar");
  }

  @Test
  void rejectsAnEmptyStream() {
    assertRejected(new byte[0], ErrorKind.INVALID_ARGUMENT, "not a tar");
  }

  @Test
  void rejectsATruncatedTar() {
    // cut inside the gzip layer (after v1a/layer.tar was stored), losing manifest.json
    byte[] good = goodDocker2010();
    byte[] cut = Arrays.copyOf(good, indexOf(good, "v1b/layer.tar") + 700);
    assertRejected(cut, ErrorKind.INVALID_ARGUMENT, "truncated", "v1b/layer.tar");
  }

  @Test
  void rejectsACorruptGzipStream() {
    byte[] gz = gzip(goodDocker2010());
    byte[] corrupt = Arrays.copyOf(gz, gz.length);
    for (int i = 20; i < 60; i++) {
      corrupt[i] ^= 0x5a;
    }
    assertRejected(corrupt, ErrorKind.INVALID_ARGUMENT, "reading archive");
  }

  @Test
  void rejectsAnArchiveWithoutManifestOrIndex() {
    byte[] archive = new ArchiveFixtures().file("v1a/layer.tar", LAYER_B).build();
    assertRejected(archive, ErrorKind.INVALID_ARGUMENT, "manifest.json", "index.json");
  }

  @Test
  void rejectsInvalidManifestJson() {
    byte[] archive = docker2010(CONFIG, "[{\"Config\":").build();
    assertRejected(archive, ErrorKind.INVALID_ARGUMENT, "manifest.json", "not valid JSON");
  }

  @Test
  void rejectsAManifestEntryWithoutConfig() {
    byte[] archive = docker2010(CONFIG, "[{\"RepoTags\":[],\"Layers\":[" + LAYERS + "]}]")
        .build();
    assertRejected(archive, ErrorKind.INVALID_ARGUMENT, "manifest.json[0]", "Config is missing");
  }

  @Test
  void rejectsAMissingConfigFile() {
    byte[] archive = docker2010(CONFIG, manifestJson("nope.json", LAYERS)).build();
    assertRejected(archive, ErrorKind.NOT_FOUND, "\"nope.json\"", "not in the archive");
  }

  @Test
  void rejectsAMissingLayerFile() {
    byte[] archive = docker2010(CONFIG,
        manifestJson(CONFIG_FILE, "\"v1a/layer.tar\",\"v1b/layer.tar\",\"v1x/layer.tar\""))
        .build();
    assertRejected(archive, ErrorKind.NOT_FOUND, "layer 2", "\"v1x/layer.tar\"");
  }

  @Test
  void rejectsInvalidConfigJson() {
    byte[] bad = json("{\"architecture\":\"amd64\",");
    byte[] archive = new ArchiveFixtures().file("v1b/layer.tar", GZ_B).file("bad.json", bad)
        .file("manifest.json", manifestJson("bad.json", "\"v1b/layer.tar\"")).build();
    assertRejected(archive, ErrorKind.INVALID_ARGUMENT, "config \"bad.json\"");
  }

  @Test
  void rejectsALayerCountThatDiffersFromTheDiffIds() {
    byte[] archive = docker2010(CONFIG,
        manifestJson(CONFIG_FILE, "\"v1a/layer.tar\",\"v1b/layer.tar\"")).build();
    assertRejected(archive, ErrorKind.INVALID_ARGUMENT, "2 layers", "3 rootfs.diff_ids");
  }

  @Test
  void rejectsAnUncompressedLayerWhoseDigestIsNotItsDiffId() {
    byte[] config = config("amd64", List.of(DIFF_B, DIFF_B, DIFF_A));
    String configFile = Digest.of(config).hex() + ".json";
    byte[] archive = docker2010(config, manifestJson(configFile, LAYERS))
        .file(configFile, config).build();
    assertRejected(archive, ErrorKind.INVALID_ARGUMENT,
        "layer 0 (v1a/layer.tar): diff_id mismatch: config says " + DIFF_B + ", content is "
            + DIFF_A);
  }

  @Test
  void rejectsASymlinkLeavingTheArchive() {
    byte[] archive = new ArchiveFixtures().file("v1b/layer.tar", GZ_B)
        .symlink("v1c/layer.tar", "../../etc/passwd")
        .file("manifest.json", manifestJson(CONFIG_FILE, LAYERS)).build();
    assertRejected(archive, ErrorKind.INVALID_ARGUMENT, "v1c/layer.tar", "../../etc/passwd",
        "leaves the archive");
  }

  @Test
  void rejectsAnOciBlobWhoseContentDoesNotMatchItsPath() {
    Digest claimed = Digest.of(json("something else"));
    byte[] archive = new ArchiveFixtures().file("blobs/sha256/" + claimed.hex(), GZ_B)
        .file("index.json", "{\"schemaVersion\":2,\"manifests\":[]}").build();
    assertRejected(archive, ErrorKind.INVALID_ARGUMENT, "blobs/sha256/" + claimed.hex(),
        Digest.of(GZ_B).toString());
  }

  @Test
  void rejectsAnUnknownLayerMediaType() {
    byte[] config = config("amd64", List.of(DIFF_B));
    byte[] manifest = json("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
        + "\",\"config\":" + descriptor(MediaTypes.OCI_CONFIG, config) + ",\"layers\":["
        + descriptor("application/x-bogus", GZ_B) + "]}");
    byte[] archive = new ArchiveFixtures().file("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}")
        .blob(GZ_B).blob(config).blob(manifest)
        .file("index.json", "{\"schemaVersion\":2,\"manifests\":["
            + descriptor(MediaTypes.OCI_MANIFEST, manifest) + "]}").build();
    assertRejected(archive, ErrorKind.INVALID_ARGUMENT, "layer 0", "application/x-bogus");
  }

  @Test
  void rejectsAManifestNamingABlobAbsentFromTheArchive() {
    byte[] config = config("amd64", List.of(DIFF_A, DIFF_B));
    byte[] manifest = json("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
        + "\",\"config\":" + descriptor(MediaTypes.OCI_CONFIG, config) + ",\"layers\":["
        + descriptor(MediaTypes.OCI_LAYER, LAYER_A) + ","
        + descriptor(MediaTypes.OCI_LAYER, LAYER_B) + "]}");
    // LAYER_A is already in the store, but not in the archive: still an error
    byte[] archive = new ArchiveFixtures().blob(config).blob(manifest).blob(LAYER_B)
        .file("index.json", "{\"schemaVersion\":2,\"manifests\":["
            + descriptor(MediaTypes.OCI_MANIFEST, manifest) + "]}").build();
    assertRejected(archive, ErrorKind.NOT_FOUND, "layer 0", DIFF_A.toString(),
        "not in the archive");
  }

  @Test
  void rejectsAManifestEntryOfUnknownMediaTypeInIndexJson() {
    byte[] archive = new ArchiveFixtures().blob(GZ_B)
        .file("index.json", "{\"schemaVersion\":2,\"manifests\":["
            + descriptor("application/x-thing", GZ_B) + "]}").build();
    assertRejected(archive, ErrorKind.INVALID_ARGUMENT, "index.json manifests[0]",
        "application/x-thing");
  }

  @Test
  void rejectsAnIndexWithoutTheWantedPlatform() {
    byte[] archive = ociLayout().archive();
    store.put("unrelated".getBytes());
    List<Digest> before = store.list();
    assertThatThrownBy(() -> ArchiveReader.read(new ByteArrayInputStream(archive), store,
        Platform.of("linux", "s390x", null)))
        .isInstanceOfSatisfying(BerthException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND))
        .hasMessageContainingAll("linux/s390x", "linux/amd64", "linux/arm64");
    assertThat(store.list()).isEqualTo(before);
  }

  static int indexOf(byte[] haystack, String needle) {
    byte[] n = needle.getBytes();
    outer:
    for (int i = 0; i + n.length <= haystack.length; i++) {
      for (int j = 0; j < n.length; j++) {
        if (haystack[i + j] != n[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError(needle + " not found");
  }
}
