package dev.berth.registry.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.oci.image.Digest;
import dev.berth.registry.server.TestRegistry;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Upload sessions and the existence check before them. */
class BlobPusherTest {
  @Test
  void monolithicUploadThenTheBlobExists() throws Exception {
    try (TestRegistry r = new TestRegistry()) {
      byte[] content = new byte[1 << 20];
      new Random(2).nextBytes(content);
      Digest d = Digest.of(content);
      RegistryCaller caller = EndpointFixture.caller(r);
      BlobChecker checker = new BlobChecker(caller);
      assertThat(checker.exists("u/p", d, Scopes.pull("u/p"))).isFalse();
      BlobPusher pusher = new BlobPusher(caller);
      URI session = pusher.start("u/p", Scopes.push("u/p"));
      AtomicLong sent = new AtomicLong();
      pusher.upload(session, "u/p", d, content.length, () -> new ByteArrayInputStream(content),
          sent::set);
      assertThat(sent.get()).isEqualTo(content.length);
      assertThat(checker.exists("u/p", d, Scopes.pull("u/p"))).isTrue();
      assertThat(r.get("/v2/u/p/blobs/" + d).body()).isEqualTo(content);
    }
  }
}
