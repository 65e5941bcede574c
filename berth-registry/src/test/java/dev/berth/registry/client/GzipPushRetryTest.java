package dev.berth.registry.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.oci.image.Digest;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * A compressed layer whose upload breaks half way is sent again in a new session, never
 * appended to the broken one (which would store the first bytes twice).
 */
class GzipPushRetryTest {
  @Test
  void aFailedStreamStartsOverInANewSession() throws Exception {
    byte[] plain = new byte[3 << 20];
    new Random(5).nextBytes(plain);
    List<String> calls = new CopyOnWriteArrayList<>();
    Map<String, byte[]> sessions = new ConcurrentHashMap<>();
    try (FakeRegistry r = new FakeRegistry(e -> {
      String path = e.getRequestURI().getPath();
      String method = e.getRequestMethod();
      calls.add(method + " " + path);
      if (method.equals("POST")) {
        String s = "/v2/a/b/blobs/uploads/s" + (sessions.size() + 1);
        sessions.put(s, new byte[0]);
        e.getResponseHeaders().add("Location", s);
        FakeRegistry.reply(e, 202, new byte[0]);
      } else if (method.equals("PATCH")) {
        byte[] body = e.getRequestBody().readAllBytes();
        byte[] before = sessions.get(path);
        byte[] all = java.util.Arrays.copyOf(before, before.length + body.length);
        System.arraycopy(body, 0, all, before.length, body.length);
        sessions.put(path, all);
        if (path.endsWith("/s1")) {
          FakeRegistry.reply(e, 500, new byte[0]); // took the bytes, then failed
        } else {
          e.getResponseHeaders().add("Location", path);
          FakeRegistry.reply(e, 202, new byte[0]);
        }
      } else if (method.equals("PUT")) {
        String digest = e.getRequestURI().getQuery().replace("digest=", "");
        boolean match = Digest.of(sessions.get(path)).toString().equals(digest);
        FakeRegistry.reply(e, match ? 201 : 400, new byte[0]);
      } else {
        FakeRegistry.reply(e, 204, new byte[0]); // DELETE: the abandoned session
      }
    })) {
      RegistryClient client = new RegistryClient(r.endpoint(), Credentials.ANONYMOUS);
      BlobPusher.Sent sent = client.pushGzip("a/b", null, () -> new ByteArrayInputStream(plain),
          n -> { });
      byte[] stored = sessions.get("/v2/a/b/blobs/uploads/s2");
      assertThat(Digest.of(stored)).isEqualTo(sent.digest());
      assertThat(sent.size()).isEqualTo(stored.length);
      try (var in = new GZIPInputStream(new ByteArrayInputStream(stored))) {
        assertThat(in.readAllBytes()).isEqualTo(plain);
      }
      assertThat(calls).containsExactly(
          "POST /v2/a/b/blobs/uploads/", "PATCH /v2/a/b/blobs/uploads/s1",
          "DELETE /v2/a/b/blobs/uploads/s1", "POST /v2/a/b/blobs/uploads/",
          "PATCH /v2/a/b/blobs/uploads/s2", "PUT /v2/a/b/blobs/uploads/s2");
    }
  }
}
