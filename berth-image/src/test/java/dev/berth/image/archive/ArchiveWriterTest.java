package dev.berth.image.archive;

import static dev.berth.image.archive.ArchiveFixtures.config;
import static dev.berth.image.archive.ArchiveFixtures.gzip;
import static dev.berth.image.archive.ArchiveFixtures.layer;
import static dev.berth.image.archive.ArchiveFixtures.zstd;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.error.BerthException;
import dev.berth.error.ErrorKind;
import dev.berth.image.content.ContentStore;
import dev.berth.oci.image.Descriptor;
import dev.berth.oci.image.Digest;
import dev.berth.oci.image.ImageConfig;
import dev.berth.oci.image.ImageManifest;
import dev.berth.oci.image.MediaTypes;
import dev.berth.oci.image.Platform;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveWriterTest {
  static final byte[] BASE = layer("base.txt", "base");
  static final byte[] APP = layer("app.txt", "app");
  static final byte[] OTHER = layer("other.txt", "other");

  @TempDir Path root;
  @TempDir Path tmp;
  ContentStore store;

  @BeforeEach
  void setUp() {
    store = ContentStore.open(root.resolve("src"));
  }

  /** Stores an image whose layers are stored as given (compressed or not). */
  SaveImage image(String arch, List<byte[]> uncompressed, List<byte[]> stored,
      List<String> repoTags, List<String> names) {
    List<Digest> diffIds = uncompressed.stream().map(Digest::of).toList();
    byte[] configJson = config(arch, diffIds);
    Digest configDigest = store.put(configJson);
    List<Descriptor> layers = new ArrayList<>();
    for (byte[] blob : stored) {
      Digest d = store.put(blob);
      layers.add(Descriptor.of(dev.berth.oci.image.MediaTypes.ociLayer(
          dev.berth.image.layer.LayerDecompression.sniff(blob, blob.length)), d,
          blob.length));
    }
    ImageManifest manifest = ImageManifest.oci(
        Descriptor.of(MediaTypes.OCI_CONFIG, configDigest, configJson.length), layers);
    return new SaveImage(manifest, ImageConfig.parse(configJson), configDigest, repoTags, names);
  }

  List<SaveImage> twoImages() {
    SaveImage busybox = image("amd64", List.of(BASE, APP), List.of(gzip(BASE), zstd(APP)),
        List.of("busybox:latest", "busybox:1.36"),
        List.of("docker.io/library/busybox:latest", "docker.io/library/busybox:1.36"));
    // shares BASE, stored uncompressed this time
    SaveImage other = image("amd64", List.of(BASE, OTHER), List.of(BASE, gzip(OTHER)),
        List.of("example.com:5000/team/other:v1"), List.of("example.com:5000/team/other:v1"));
    SaveImage untagged = image("amd64", List.of(OTHER), List.of(OTHER), List.of(), List.of());
    return List.of(busybox, other, untagged);
  }

  byte[] write(List<SaveImage> images) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ArchiveWriter.write(images, store, tmp, out);
    return out.toByteArray();
  }

  static Map<String, byte[]> entries(byte[] tar, List<TarArchiveEntry> headers)
      throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
      for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
        headers.add(e);
        files.put(e.getName(), e.isDirectory() ? null : in.readAllBytes());
      }
    }
    return files;
  }

  @Test
  void roundTripKeepsConfigsDiffIdsAndTags() throws IOException {
    List<SaveImage> saved = twoImages();
    byte[] archive = write(saved);

    ContentStore other = ContentStore.open(root.resolve("dst"));
    List<ArchiveImage> loaded = ArchiveReader.read(new ByteArrayInputStream(archive), other,
        Platform.of("linux", "amd64", null));

    assertThat(loaded).hasSize(3);
    for (int i = 0; i < saved.size(); i++) {
      SaveImage s = saved.get(i);
      ArchiveImage l = loaded.get(i);
      assertThat(l.configDigest()).isEqualTo(s.configDigest());
      assertThat(l.config()).isEqualTo(s.config());
      assertThat(l.repoTags()).isEqualTo(s.repoTags());
      // layers come back uncompressed, so each layer's digest is its diff_id
      assertThat(l.parsed().layers()).extracting(Descriptor::digest)
          .isEqualTo(s.config().rootfs().diffIds());
      assertThat(l.parsed().layers()).extracting(Descriptor::mediaType)
          .containsOnly(MediaTypes.OCI_LAYER);
      assertThat(other.verify(l.manifest().digest())).isTrue();
    }
    assertThat(other.exists(Digest.of(BASE))).isTrue();
  }

  @Test
  void writesDockerAndOciLayoutsTogether() throws IOException {
    List<SaveImage> saved = twoImages();
    List<TarArchiveEntry> headers = new ArrayList<>();
    Map<String, byte[]> files = entries(write(saved), headers);
    ObjectMapper json = new ObjectMapper();

    String base = "blobs/sha256/" + Digest.of(BASE).hex();
    String app = "blobs/sha256/" + Digest.of(APP).hex();
    String otherLayer = "blobs/sha256/" + Digest.of(OTHER).hex();
    assertThat(files.get(base)).isEqualTo(BASE);
    assertThat(files.get(app)).isEqualTo(APP); // decompressed from zstd
    assertThat(files.get(otherLayer)).isEqualTo(OTHER); // decompressed from gzip
    assertThat(new String(files.get("oci-layout"), UTF_8))
        .isEqualTo("{\"imageLayoutVersion\": \"1.0.0\"}");

    JsonNode manifest = json.readTree(files.get("manifest.json"));
    assertThat(manifest).hasSize(3);
    assertThat(manifest.get(0).get("Config").asText())
        .isEqualTo("blobs/sha256/" + saved.get(0).configDigest().hex());
    assertThat(manifest.get(0).get("RepoTags").toString())
        .isEqualTo("[\"busybox:latest\",\"busybox:1.36\"]");
    assertThat(manifest.get(0).get("Layers").toString())
        .isEqualTo("[\"" + base + "\",\"" + app + "\"]");
    assertThat(manifest.get(2).get("RepoTags").isNull()).isTrue();

    JsonNode index = json.readTree(files.get("index.json"));
    assertThat(index.get("mediaType").asText()).isEqualTo(MediaTypes.OCI_INDEX);
    JsonNode entries = index.get("manifests");
    assertThat(entries).hasSize(4); // two names, one name, and the untagged image
    assertThat(entries.get(0).get("annotations").toString()).isEqualTo(
        "{\"io.containerd.image.name\":\"docker.io/library/busybox:latest\","
            + "\"org.opencontainers.image.ref.name\":\"latest\"}");
    assertThat(entries.get(2).get("annotations").get("org.opencontainers.image.ref.name")
        .asText()).isEqualTo("v1");
    assertThat(entries.get(3).has("annotations")).isFalse();
    JsonNode ociManifest = json.readTree(files.get(
        "blobs/sha256/" + Digest.parse(entries.get(0).get("digest").asText()).hex()));
    assertThat(ociManifest.get("layers").get(1).get("mediaType").asText())
        .isEqualTo(MediaTypes.OCI_LAYER);
    assertThat(ociManifest.get("layers").get(1).get("digest").asText())
        .isEqualTo(Digest.of(APP).toString());

    JsonNode repositories = json.readTree(files.get("repositories"));
    assertThat(repositories.get("busybox").get("1.36").asText()).isEqualTo(Digest.of(APP).hex());
    assertThat(repositories.get("example.com:5000/team/other").get("v1").asText())
        .isEqualTo(Digest.of(OTHER).hex());

    // each blob once, sorted, deterministic headers
    List<String> names = headers.stream().map(TarArchiveEntry::getName).toList();
    assertThat(names).doesNotHaveDuplicates().isSorted();
    assertThat(names.subList(0, 2)).containsExactly("blobs/", "blobs/sha256/");
    assertThat(names).endsWith("index.json", "manifest.json", "oci-layout", "repositories");
    for (TarArchiveEntry h : headers) {
      assertThat(h.getLastModifiedTime().toMillis()).isZero();
      assertThat(h.getLongUserId()).isZero();
      assertThat(h.getLongGroupId()).isZero();
      assertThat(h.getUserName()).isEmpty();
      assertThat(h.getMode() & 07777).isEqualTo(h.isDirectory() ? 0755 : 0644);
    }
    // 3 configs + 3 layers + 3 manifests
    assertThat(names.stream().filter(n -> n.startsWith("blobs/sha256/") && n.length() > 13))
        .hasSize(9);
  }

  @Test
  void writesTheSameBytesEveryTime() {
    List<SaveImage> saved = twoImages();
    assertThat(write(saved)).isEqualTo(write(saved));
  }

  @Test
  void rejectsACompressedLayerThatIsNotItsDiffIdAndWritesNothing() throws IOException {
    // config says BASE, the stored gzip holds APP
    SaveImage bad = image("amd64", List.of(BASE), List.of(gzip(APP)), List.of("bad:1"),
        List.of("docker.io/library/bad:1"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThatThrownBy(() -> ArchiveWriter.write(List.of(bad), store, tmp, out))
        .isInstanceOfSatisfying(BerthException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
        .hasMessageContainingAll("layer 0", "config says " + Digest.of(BASE),
            "decompressed content is " + Digest.of(APP));
    assertThat(out.size()).isZero();
    try (var left = Files.list(tmp)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void rejectsALayerCountThatDiffersFromTheDiffIds() {
    SaveImage bad = image("amd64", List.of(BASE, APP), List.of(BASE), List.of(), List.of());
    assertThatThrownBy(() -> write(List.of(bad)))
        .isInstanceOf(BerthException.class)
        .hasMessageContainingAll("1 layers", "2 rootfs.diff_ids");
  }

  @Test
  void rejectsALayerMissingFromTheStore() {
    SaveImage image = image("amd64", List.of(BASE), List.of(BASE), List.of(), List.of());
    store.delete(Digest.of(BASE));
    assertThatThrownBy(() -> write(List.of(image)))
        .isInstanceOfSatisfying(BerthException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND))
        .hasMessageContainingAll("layer 0", Digest.of(BASE).toString());
  }
}
