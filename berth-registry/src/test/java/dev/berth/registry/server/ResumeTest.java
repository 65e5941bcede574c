package dev.berth.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.oci.image.Digest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploads that outlive a server restart, and bodies streamed with chunked transfer encoding. */
class ResumeTest {
  @TempDir
  Path root;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .build();

  private HttpResponse<byte[]> send(int port, String method, String path, byte[] body,
      boolean chunked, String... headers) throws Exception {
    HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
        : chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
        : HttpRequest.BodyPublishers.ofByteArray(body);
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .method(method, publisher);
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void anUploadStartedBeforeARestartCompletesAfterIt() throws Exception {
    RegistryConfig config = RegistryConfig.defaults(root);
    String location;
    byte[] first = "begun before the restart; ".getBytes(StandardCharsets.UTF_8);
    byte[] rest = "finished after it".getBytes(StandardCharsets.UTF_8);
    try (Registry before = Registry.start(config)) {
      location = send(before.port(), "POST", "/v2/r/s/blobs/uploads/", null, false).headers()
          .firstValue("Location").orElseThrow();
      assertThat(send(before.port(), "PATCH", location, first, false).statusCode()).isEqualTo(202);
    }
    try (Registry after = Registry.start(config)) {
      HttpResponse<byte[]> status = send(after.port(), "GET", location, null, false);
      assertThat(status.statusCode()).isEqualTo(204);
      assertThat(status.headers().firstValue("Range")).hasValue("0-" + (first.length - 1));
      assertThat(send(after.port(), "PATCH", location, rest, false, "Content-Range",
          first.length + "-" + (first.length + rest.length - 1)).statusCode()).isEqualTo(202);
      byte[] whole = (new String(first, StandardCharsets.UTF_8)
          + new String(rest, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
      HttpResponse<byte[]> put = send(after.port(), "PUT", location + "?digest="
          + Digest.of(whole), null, false);
      assertThat(put.statusCode()).isEqualTo(201);
      assertThat(send(after.port(), "GET", "/v2/r/s/blobs/" + Digest.of(whole), null, false)
          .body()).isEqualTo(whole);
    }
  }

  @Test
  void aStreamedBodyWithoutLengthIsTakenWhole() throws Exception {
    byte[] blob = new byte[5 << 20];
    new java.util.Random(3).nextBytes(blob);
    try (Registry registry = Registry.start(RegistryConfig.defaults(root))) {
      String location = send(registry.port(), "POST", "/v2/r/s/blobs/uploads/", null, false)
          .headers().firstValue("Location").orElseThrow();
      HttpResponse<byte[]> patch = send(registry.port(), "PATCH", location, blob, true);
      assertThat(patch.statusCode()).isEqualTo(202);
      assertThat(patch.headers().firstValue("Range")).hasValue("0-" + (blob.length - 1));
      HttpResponse<byte[]> put = send(registry.port(), "PUT", location + "?digest="
          + Digest.of(blob), null, false);
      assertThat(put.statusCode()).isEqualTo(201);
      Optional<String> digest = put.headers().firstValue("Docker-Content-Digest");
      assertThat(digest).hasValue(Digest.of(blob).toString());
      assertThat(Files.size(root.resolve("blobs/sha256/" + Digest.of(blob).hex())))
          .isEqualTo(blob.length);
    }
  }
}
