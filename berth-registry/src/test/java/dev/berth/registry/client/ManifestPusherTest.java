package dev.berth.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.oci.image.Digest;
import dev.berth.oci.image.MediaTypes;
import dev.berth.registry.server.TestImages;
import dev.berth.registry.server.TestRegistry;
import org.junit.jupiter.api.Test;

class ManifestPusherTest {
  @Test
  void storesTheExactBytesUnderTheTag() throws Exception {
    try (TestRegistry r = new TestRegistry()) {
      Digest c = r.pushBlob("m/p", "{}".getBytes());
      byte[] manifest = TestImages.manifest(c, 2, null, 0);
      Digest d = new ManifestPusher(EndpointFixture.caller(r)).push("m/p", "t",
          MediaTypes.OCI_MANIFEST, manifest);
      assertThat(d).isEqualTo(Digest.of(manifest));
      assertThat(r.get("/v2/m/p/manifests/t", "Accept", MediaTypes.OCI_MANIFEST).body())
          .isEqualTo(manifest);
    }
  }

  @Test
  void manifestWithAMissingBlobIsTheRegistrysError() throws Exception {
    try (TestRegistry r = new TestRegistry()) {
      byte[] manifest = TestImages.manifest(Digest.of("absent".getBytes()), 6, null, 0);
      assertThatThrownBy(() -> new ManifestPusher(EndpointFixture.caller(r)).push("m/p", "t",
          MediaTypes.OCI_MANIFEST, manifest))
          .isInstanceOfSatisfying(RegistryException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("MANIFEST_BLOB_UNKNOWN");
          });
    }
  }
}
