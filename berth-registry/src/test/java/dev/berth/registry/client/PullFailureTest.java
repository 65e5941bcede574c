package dev.berth.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpExchange;
import dev.berth.error.BerthException;
import dev.berth.image.ImageService;
import dev.berth.image.SnapshotterKind;
import dev.berth.oci.image.Digest;
import dev.berth.oci.image.Platform;
import dev.berth.oci.reference.ImageReference;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pulls that fail while their layers are being extracted beside the download (the overlay
 * snapshotter's streamed unpack, decompression and extraction on threads of their own) leave
 * the target's content, snapshots, images and temp space exactly as they were, and a good pull
 * of the same layers afterwards works.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PullFailureTest {
  private static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";

  @TempDir Path tmp;
  private ImageService target;
  private Path root;

  @BeforeEach
  void open() {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root (layer unpack)");
    // the streamed unpack is the overlay snapshotter's; the test is about it
    assertThat(SnapshotterKind.detect()).isEqualTo(SnapshotterKind.OVERLAY);
    root = tmp.resolve("target");
    target = ImageService.open(root, SnapshotterKind.OVERLAY);
  }

  @AfterEach
  void close() throws Exception {
    if (target != null) {
      target.close();
    }
  }

  /** A one-layer image: a few files, one of them big enough to span many pipe chunks. */
  private record Image(byte[] manifest, byte[] config, byte[] layer, Digest layerDigest) {
    Digest manifestDigest() {
      return Digest.of(manifest);
    }

    static Image of(byte[] tar, byte[] layer) {
      Digest layerDigest = Digest.of(layer);
      byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":"
          + "\"layers\",\"diff_ids\":[\"" + Digest.of(tar) + "\"]}}")
          .getBytes(StandardCharsets.UTF_8);
      byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST_TYPE + "\","
          + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
          + "\"digest\":\"" + Digest.of(config) + "\",\"size\":" + config.length + "},"
          + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\","
          + "\"digest\":\"" + layerDigest + "\",\"size\":" + layer.length + "}]}")
          .getBytes(StandardCharsets.UTF_8);
      return new Image(manifest, config, layer, layerDigest);
    }

    Map<Digest, byte[]> blobs() {
      return Map.of(Digest.of(config), config, layerDigest, layer);
    }
  }

  private static byte[] tar() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      byte[] big = new byte[3 << 20];
      new Random(7).nextBytes(big); // incompressible: the blob is big too
      put(tar, "etc/", null);
      put(tar, "etc/hostname", "layer\n".getBytes(StandardCharsets.UTF_8));
      put(tar, "big.bin", big);
      for (int i = 0; i < 200; i++) {
        put(tar, "many/f" + i, ("file " + i).getBytes(StandardCharsets.UTF_8));
      }
    }
    return bytes.toByteArray();
  }

  private static void put(TarArchiveOutputStream tar, String name, byte[] data)
      throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setMode(data == null ? 0755 : 0644);
    if (data != null) {
      e.setSize(data.length);
    }
    tar.putArchiveEntry(e);
    if (data != null) {
      tar.write(data);
    }
    tar.closeArchiveEntry();
  }

  private static byte[] gzip(byte[] raw) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(raw);
    }
    return out.toByteArray();
  }

  /** Serves {@code image} as bb:1; the layer's body through {@code layerBody}. */
  private static FakeRegistry serve(Image image, LayerBody layerBody) throws IOException {
    Map<Digest, byte[]> blobs = new HashMap<>(image.blobs());
    return new FakeRegistry(e -> {
      String path = e.getRequestURI().getPath();
      if (path.equals("/v2/")) {
        FakeRegistry.reply(e, 200, new byte[0]);
      } else if (path.equals("/v2/bb/manifests/1")
          || path.equals("/v2/bb/manifests/" + image.manifestDigest())) {
        e.getResponseHeaders().set("Content-Type", MANIFEST_TYPE);
        e.getResponseHeaders().set("Docker-Content-Digest", image.manifestDigest().toString());
        if (e.getRequestMethod().equals("HEAD")) {
          e.getResponseHeaders().set("Content-Length", Integer.toString(image.manifest().length));
          e.sendResponseHeaders(200, -1);
        } else {
          FakeRegistry.reply(e, 200, image.manifest());
        }
      } else if (path.startsWith("/v2/bb/blobs/")) {
        Digest d = Digest.parse(path.substring("/v2/bb/blobs/".length()));
        if (d.equals(image.layerDigest())) {
          layerBody.send(e, image.layer());
        } else if (blobs.containsKey(d)) {
          FakeRegistry.reply(e, 200, blobs.get(d));
        } else {
          FakeRegistry.reply(e, 404, new byte[0]);
        }
      } else {
        FakeRegistry.reply(e, 404, new byte[0]);
      }
    });
  }

  private interface LayerBody {
    void send(HttpExchange e, byte[] layer) throws IOException;
  }

  private static void whole(HttpExchange e, byte[] layer) throws IOException {
    FakeRegistry.reply(e, 200, layer);
  }

  /** Every answer promises the whole blob and stops at two thirds (Range ignored). */
  private static void cutOff(HttpExchange e, byte[] layer) throws IOException {
    e.sendResponseHeaders(200, layer.length);
    OutputStream out = e.getResponseBody();
    out.write(layer, 0, layer.length * 2 / 3);
    out.flush();
    throw new IOException("connection dropped on purpose");
  }

  private ImagePuller puller(FakeRegistry registry) {
    return ImagePuller.of(RegistryHosts.defaults(), Credentials.ANONYMOUS,
        ImageReference.parse(registry.host() + "/bb:1"), Platform.host(), ProgressListener.NONE);
  }

  /** Everything a pull could leave behind: blobs, snapshot files, images, temp files. */
  private record Stores(List<String> content, List<String> snapshots, int images,
      List<String> temp) {}

  private Stores stores() throws IOException {
    return new Stores(target.content().list().stream().map(Digest::toString).sorted().toList(),
        tree(root.resolve("snapshots")), target.list(true, Map.of()).size(),
        tree(root.resolve("tmp")));
  }

  private static List<String> tree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> all = Files.walk(dir)) {
      return all.map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void aLayerThatVerifiesButDoesNotInflateLeavesNothingBehind() throws Exception {
    byte[] tar = tar();
    byte[] layer = gzip(tar);
    for (int i = layer.length / 3; i < layer.length / 3 + 64; i++) {
      layer[i] ^= 0x5a; // the blob's digest is of these bytes: only inflating can fail
    }
    Image bad = Image.of(tar, layer);
    Stores before = stores();
    try (FakeRegistry registry = serve(bad, PullFailureTest::whole)) {
      assertThatThrownBy(() -> target.pull(puller(registry)))
          .isInstanceOf(BerthException.class)
          .hasMessageContaining(bad.layerDigest().toString());
    }
    assertThat(stores()).isEqualTo(before);

    Image good = Image.of(tar, gzip(tar));
    try (FakeRegistry registry = serve(good, PullFailureTest::whole)) {
      target.pull(puller(registry));
    }
    assertThat(stores().images()).isEqualTo(before.images() + 1);
    assertThat(stores().temp()).isEqualTo(before.temp());
  }

  @Test
  void aPullCutOffInTheMiddleOfALayerLeavesTheStoresAsTheyWere() throws Exception {
    byte[] tar = tar();
    Image image = Image.of(tar, gzip(tar));
    Stores before = stores();
    try (FakeRegistry registry = serve(image, PullFailureTest::cutOff)) {
      assertThatThrownBy(() -> target.pull(puller(registry)))
          .isInstanceOf(RegistryException.class)
          .hasMessageContaining(image.layerDigest().toString());
    }
    assertThat(stores()).isEqualTo(before);

    try (FakeRegistry registry = serve(image, PullFailureTest::whole)) {
      target.pull(puller(registry));
    }
    assertThat(stores().images()).isEqualTo(before.images() + 1);
    assertThat(stores().content()).contains(image.layerDigest().toString());
    assertThat(stores().temp()).isEqualTo(before.temp());
  }
}
