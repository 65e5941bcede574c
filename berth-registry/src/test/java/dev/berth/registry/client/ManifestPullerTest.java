package dev.berth.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.oci.image.Digest;
import dev.berth.oci.image.MediaTypes;
import dev.berth.registry.server.TestImages;
import dev.berth.registry.server.TestRegistry;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ManifestPullerTest {
  @Test
  void byTagAndByDigestWithTheBytesVerified() throws Exception {
    try (TestRegistry r = new TestRegistry()) {
      byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
      Digest c = r.pushBlob("a/b", config);
      byte[] manifest = TestImages.manifest(c, config.length, null, 0);
      r.putManifest("a/b", "v1", MediaTypes.OCI_MANIFEST, manifest);
      ManifestPuller puller = new ManifestPuller(EndpointFixture.caller(r));
      ManifestResponse byTag = puller.pull("a/b", "v1");
      assertThat(byTag.bytes()).isEqualTo(manifest);
      assertThat(byTag.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
      assertThat(byTag.digest()).isEqualTo(Digest.of(manifest));
      assertThat(puller.pull("a/b", Digest.of(manifest).toString()).bytes()).isEqualTo(manifest);
    }
  }

  @Test
  void unknownTagIsManifestUnknown() throws Exception {
    try (TestRegistry r = new TestRegistry()) {
      assertThatThrownBy(() -> new ManifestPuller(EndpointFixture.caller(r)).pull("a/b", "nope"))
          .isInstanceOfSatisfying(RegistryException.class, e -> {
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.code()).isEqualTo("MANIFEST_UNKNOWN");
            assertThat(e.getMessage()).contains("a/b:nope").contains("manifest unknown");
          });
    }
  }
}
