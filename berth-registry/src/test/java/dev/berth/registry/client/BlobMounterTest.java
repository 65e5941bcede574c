package dev.berth.registry.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.oci.image.Digest;
import dev.berth.registry.server.TestRegistry;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BlobMounterTest {
  @Test
  void mountsABlobAnotherRepositoryHas() throws Exception {
    try (TestRegistry r = new TestRegistry()) {
      Digest d = r.pushBlob("src/repo", "shared layer".getBytes());
      RegistryCaller caller = EndpointFixture.caller(r);
      assertThat(new BlobMounter(caller).mount("dst/repo", d, "src/repo")).isEmpty();
      assertThat(new BlobChecker(caller).exists("dst/repo", d, Scopes.pull("dst/repo"))).isTrue();
    }
  }

  @Test
  void anUnknownBlobGetsAnUploadSessionInstead() throws Exception {
    try (TestRegistry r = new TestRegistry()) {
      Optional<URI> session = new BlobMounter(EndpointFixture.caller(r)).mount("dst/repo",
          Digest.of("nowhere".getBytes()), "src/repo");
      assertThat(session).isPresent();
      assertThat(session.get().getPath()).startsWith("/v2/dst/repo/blobs/uploads/");
    }
  }
}
