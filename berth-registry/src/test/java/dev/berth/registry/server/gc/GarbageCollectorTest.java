package dev.berth.registry.server.gc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.oci.image.Digest;
import dev.berth.oci.image.MediaTypes;
import dev.berth.registry.server.TestImages;
import dev.berth.registry.server.storage.BlobStore;
import dev.berth.registry.server.storage.Manifests;
import dev.berth.registry.server.storage.RepositoryStore;
import dev.berth.registry.server.storage.UploadStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GarbageCollectorTest {
  @TempDir
  Path root;
  private BlobStore blobs;
  private RepositoryStore repos;
  private UploadStore uploads;
  private Manifests manifests;
  private final byte[] config = "{\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
  private final byte[] layer = "referenced layer".getBytes(StandardCharsets.UTF_8);
  private final byte[] orphan = "nobody references me".getBytes(StandardCharsets.UTF_8);

  @BeforeEach
  void setup() throws Exception {
    blobs = new BlobStore(root);
    repos = new RepositoryStore(root);
    uploads = new UploadStore(root, blobs);
    manifests = new Manifests(blobs, repos);
    for (byte[] b : new byte[][] {config, layer, orphan}) {
      blobs.put(b, Digest.of(b));
      repos.linkBlob("app", Digest.of(b));
    }
    manifests.put("app", "v1", MediaTypes.OCI_MANIFEST, TestImages.manifest(Digest.of(config),
        config.length, Digest.of(layer), layer.length));
  }

  private void age(byte[]... contents) throws Exception {
    for (byte[] b : contents) {
      Files.setLastModifiedTime(blobs.path(Digest.of(b)),
          FileTime.from(Instant.now().minus(Duration.ofHours(2))));
    }
  }

  private GarbageCollector collector() {
    return new GarbageCollector(blobs, repos, uploads, Duration.ofHours(1), Duration.ofHours(24));
  }

  @Test
  void deletesOldUnreferencedBlobsOnlyAndUnlinksThem() throws Exception {
    age(config, layer, orphan);
    GcReport report = collector().run(false);
    assertThat(report.deleted()).containsExactly(Digest.of(orphan));
    assertThat(report.bytes()).isEqualTo(orphan.length);
    assertThat(blobs.exists(Digest.of(orphan))).isFalse();
    assertThat(repos.hasBlob("app", Digest.of(orphan))).isFalse();
    assertThat(blobs.exists(Digest.of(layer))).isTrue();
    assertThat(manifests.get("app", "v1")).isPresent();
  }

  @Test
  void keepsUnreferencedBlobsInsideTheGracePeriod() throws Exception {
    GcReport report = collector().run(false);
    assertThat(report.deleted()).isEmpty();
    assertThat(report.keptYoung()).containsExactly(Digest.of(orphan));
    assertThat(blobs.exists(Digest.of(orphan))).isTrue();
  }

  @Test
  void dryRunListsButDeletesNothing() throws Exception {
    age(orphan);
    GcReport report = collector().run(true);
    assertThat(report.dryRun()).isTrue();
    assertThat(report.deleted()).containsExactly(Digest.of(orphan));
    assertThat(blobs.exists(Digest.of(orphan))).isTrue();
    assertThat(repos.hasBlob("app", Digest.of(orphan))).isTrue();
  }

  @Test
  void aDeletedManifestsBlobsGoAfterTheGrace() throws Exception {
    Digest manifest = manifests.get("app", "v1").orElseThrow().digest();
    assertThat(manifests.delete("app", manifest.toString())).isTrue();
    age(config, layer, orphan);
    Files.setLastModifiedTime(blobs.path(manifest),
        FileTime.from(Instant.now().minus(Duration.ofHours(2))));
    GcReport report = collector().run(false);
    assertThat(report.deleted()).containsExactlyInAnyOrder(Digest.of(config), Digest.of(layer),
        Digest.of(orphan), manifest);
  }

  @Test
  void aBlobAManifestPutReliesOnIsTouchedAndSurvives() throws Exception {
    age(orphan);
    // a push in flight: the client found the old blob there and now puts a manifest using it
    manifests.put("app", "v2", MediaTypes.OCI_MANIFEST, TestImages.manifest(Digest.of(config),
        config.length, Digest.of(orphan), orphan.length));
    GcReport report = collector().run(false);
    assertThat(report.deleted()).isEmpty();
    assertThat(blobs.exists(Digest.of(orphan))).isTrue();
  }
}
