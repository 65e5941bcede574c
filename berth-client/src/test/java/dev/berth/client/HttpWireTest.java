package dev.berth.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;

class HttpWireTest {
  @Test
  void chunkedAndLengthBodiesAreDelimited() throws Exception {
    InputStream in = new ByteArrayInputStream(("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked"
        + "\r\nContent-Type: application/json\r\n\r\n5\r\nhello\r\n6;x=y\r\n world\r\n0\r\n\r\n"
        + "HTTP/1.1 204 No Content\r\n\r\n").getBytes(UTF_8));
    var head = HttpWire.readHead(in);
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.headers()).containsEntry("content-type", "application/json");
    assertThat(new String(HttpWire.body(in, head, "GET").readAllBytes(), UTF_8))
        .isEqualTo("hello world");
    var next = HttpWire.readHead(in);
    assertThat(next.status()).isEqualTo(204);
    assertThat(HttpWire.body(in, next, "POST").readAllBytes()).isEmpty();

    InputStream fixed = new ByteArrayInputStream(("HTTP/1.1 404 Not Found\r\nContent-Length: 3"
        + "\r\n\r\nabcdef").getBytes(UTF_8));
    var h = HttpWire.readHead(fixed);
    assertThat(new String(HttpWire.body(fixed, h, "GET").readAllBytes(), UTF_8))
        .isEqualTo("abc");
  }

  @Test
  void requestsCarryLengthOrChunks() throws Exception {
    var out = new ByteArrayOutputStream();
    var headers = new LinkedHashMap<String, String>();
    headers.put("Content-Type", "application/x-tar");
    HttpWire.writeRequest(out, "PUT", "/v1.44/containers/x/archive?path=%2F", "h", headers,
        null, new ByteArrayInputStream("abc".getBytes(UTF_8)));
    assertThat(out.toString(UTF_8)).isEqualTo("PUT /v1.44/containers/x/archive?path=%2F"
        + " HTTP/1.1\r\nHost: h\r\nUser-Agent: Berth-Client/0.1.0\r\nContent-Type:"
        + " application/x-tar\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
    out.reset();
    HttpWire.writeRequest(out, "POST", "/v1.44/containers/x/start", "h", java.util.Map.of(),
        null, null);
    assertThat(out.toString(UTF_8)).endsWith("Content-Length: 0\r\n\r\n");
  }

  @Test
  void hostsAndQueries() {
    assertThat(DockerHost.parse("unix:///run/x.sock")).isEqualTo(
        new DockerHost.Unix(java.nio.file.Path.of("/run/x.sock")));
    assertThat(DockerHost.parse("tcp://10.0.0.1:2376")).isEqualTo(
        new DockerHost.Tcp("10.0.0.1", 2376));
    assertThat(DockerHost.parse("tcp://example")).isEqualTo(new DockerHost.Tcp("example", 2375));
    assertThat(DockerHost.resolve(null, java.util.Map.of("DOCKER_HOST", "tcp://a:1",
        "BERTH_HOST", "tcp://b:2"))).isEqualTo(new DockerHost.Tcp("b", 2));
    assertThat(DockerHost.resolve(null, java.util.Map.of()).toString())
        .isEqualTo(DockerHost.DEFAULT);
    assertThatThrownBy(() -> DockerHost.parse("ftp://x")).hasMessageContaining("ftp://x");
    assertThat(Query.of("filters", "{\"a\":{\"b c\":true}}", "all", "1").encode())
        .isEqualTo("filters=%7B%22a%22%3A%7B%22b%20c%22%3Atrue%7D%7D&all=1");
    assertThat(DockerClient.segment("my app/x:1")).isEqualTo("my%20app/x:1");
  }
}
