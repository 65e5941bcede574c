package dev.berth.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.oci.image.Digest;
import dev.berth.registry.server.TestRegistry;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BlobPullerTest {
  @Test
  void copiesTheBlobAndReportsProgress() throws Exception {
    try (TestRegistry r = new TestRegistry()) {
      byte[] content = new byte[3 << 20];
      new Random(1).nextBytes(content);
      Digest d = r.pushBlob("b/p", content);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      List<Long> seen = new ArrayList<>();
      long n = new BlobPuller(EndpointFixture.caller(r)).pull("b/p", d, content.length, out,
          seen::add);
      assertThat(n).isEqualTo(content.length);
      assertThat(out.toByteArray()).isEqualTo(content);
      assertThat(seen.getLast()).isEqualTo(content.length);
    }
  }

  @Test
  void aBlobLongerThanItsDescriptorIsCutOff() throws Exception {
    try (TestRegistry r = new TestRegistry()) {
      Digest d = r.pushBlob("b/p", new byte[1000]);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertThatThrownBy(() -> new BlobPuller(EndpointFixture.caller(r)).pull("b/p", d, 10, out,
          n -> { }))
          .isInstanceOfSatisfying(RegistryException.class,
              e -> assertThat(e.code()).isEqualTo("SIZE_INVALID"));
      assertThat(out.size()).isLessThanOrEqualTo(10);
    }
  }

  @Test
  void missingBlobIsBlobUnknown() throws Exception {
    try (TestRegistry r = new TestRegistry()) {
      r.pushBlob("b/p", new byte[1]);
      assertThatThrownBy(() -> new BlobPuller(EndpointFixture.caller(r)).pull("b/p",
          Digest.of(new byte[2]), 2, new ByteArrayOutputStream(), n -> { }))
          .isInstanceOfSatisfying(RegistryException.class, e -> {
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.code()).isEqualTo("BLOB_UNKNOWN");
          });
    }
  }
}
