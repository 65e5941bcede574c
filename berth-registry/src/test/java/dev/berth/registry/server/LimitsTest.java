package dev.berth.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.oci.image.Digest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The optional per-repository quota, and shared blobs counted per repository. */
class LimitsTest {
  @Test
  void quotaRefusesTheBlobThatWouldExceedItAndKeepsTheRepositoryAsItWas() throws Exception {
    try (TestRegistry r = new TestRegistry(c -> c.withLimits(4 << 20, 0, 1000))) {
      r.pushBlob("q/a", new byte[600]);
      byte[] second = new byte[600];
      second[0] = 1;
      Map<String, Long> repos = reposOnly(r.snapshot());
      HttpResponse<byte[]> post = r.send("POST", "/v2/q/a/blobs/uploads/?digest="
          + Digest.of(second), second);
      assertThat(post.statusCode()).isEqualTo(403);
      assertThat(TestRegistry.text(post)).contains("DENIED").contains("quota");
      assertThat(reposOnly(r.snapshot())).isEqualTo(repos);
      // another repository has its own quota
      assertThat(r.pushBlob("q/b", second)).isEqualTo(Digest.of(second));
    }
  }

  private static Map<String, Long> reposOnly(Map<String, Long> all) {
    Map<String, Long> out = new java.util.TreeMap<>(all);
    out.keySet().removeIf(k -> !k.startsWith("repositories"));
    return out;
  }
}
