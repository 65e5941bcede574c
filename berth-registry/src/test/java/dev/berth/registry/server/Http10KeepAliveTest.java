package dev.berth.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.oci.image.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * HTTP/1.0 clients (ApacheBench, old proxies) keep a connection only when the reply says
 * {@code Connection: keep-alive}; without it they wait for the server to hang up, and a server
 * that keeps the connection open leaves them waiting forever.
 */
class Http10KeepAliveTest {
  private static final String NAME = "http10/keep";
  private TestRegistry r;
  private byte[] layer;
  private Digest digest;

  @BeforeEach
  void setup() throws Exception {
    r = new TestRegistry();
    layer = "bytes of a layer".getBytes(StandardCharsets.UTF_8);
    digest = r.pushBlob(NAME, layer);
  }

  @AfterEach
  void teardown() throws Exception {
    r.close();
  }

  @Test
  void keepAliveRequestGetsKeepAliveAndTheConnectionServesTheNextRequest() throws Exception {
    try (Socket s = new Socket("127.0.0.1", r.registry.port())) {
      s.setSoTimeout(10_000);
      String get = "GET /v2/" + NAME + "/blobs/" + digest + " HTTP/1.0\r\n"
          + "Connection: Keep-Alive\r\n\r\n";
      String head = "HEAD /v2/" + NAME + "/blobs/" + digest + " HTTP/1.0\r\n"
          + "Connection: Keep-Alive\r\n\r\n";
      s.getOutputStream().write(get.getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      String first = head(in);
      assertThat(first).startsWith("http/1.1 200");
      assertThat(first).contains("connection: keep-alive");
      assertThat(first).contains("content-length: " + layer.length);
      assertThat(in.readNBytes(layer.length)).isEqualTo(layer);
      // the same connection answers again, and a HEAD says the length without a body
      s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      String second = head(in);
      assertThat(second).startsWith("http/1.1 200");
      assertThat(second).contains("connection: keep-alive");
      assertThat(second).contains("content-length: " + layer.length);
      assertThat(second).contains("docker-content-digest: " + digest);
    }
  }

  @Test
  void plainRequestIsAnsweredAndTheServerHangsUp() throws Exception {
    try (Socket s = new Socket("127.0.0.1", r.registry.port())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(("GET /v2/" + NAME + "/blobs/" + digest + " HTTP/1.0\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      assertThat(answer).startsWith("HTTP/1.1 200");
      assertThat(answer.toLowerCase(Locale.ROOT)).contains("connection: close");
      assertThat(answer).endsWith(new String(layer, StandardCharsets.ISO_8859_1));
    }
  }

  /** The status line and headers up to the blank line, lower-cased. */
  private static String head(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < end.length) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed inside the reply's head: " + out);
      }
      out.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return out.toString(StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
  }
}
