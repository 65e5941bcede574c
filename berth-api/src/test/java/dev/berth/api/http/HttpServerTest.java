package dev.berth.api.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.system.ContainerCounts;
import dev.berth.api.system.SystemRoutes;
import dev.berth.error.BerthException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP plumbing over a real unix socket, with requests written by hand. */
class HttpServerTest {
  @TempDir Path tmp;
  private HttpServer server;
  private Path socket;

  @BeforeEach
  void start() {
    Router router = new Router()
        .register(new SystemRoutes(null, ContainerCounts.NONE, tmp.resolve("root")))
        .get("/things/{name:.*}/json", (req, res) -> res.json(200, Map.of("name",
            req.param("name"), "version", req.apiVersion(), "all", req.bool("all"))))
        .get("/missing", (req, res) -> {
          throw BerthException.notFound("No such thing: x");
        })
        .post("/digest", (req, res) -> {
          MessageDigest md = MessageDigest.getInstance("SHA-256");
          long n = 0;
          byte[] buf = new byte[8192];
          try (InputStream in = req.body()) {
            for (int r; (r = in.read(buf)) > 0; n += r) {
              md.update(buf, 0, r);
            }
          }
          res.json(200, Map.of("size", n, "sha256", HexFormat.of().formatHex(md.digest())));
        })
        .get("/stream", (req, res) -> {
          JsonStream s = res.jsonStream();
          s.status("one");
          throw BerthException.invalid("broke half way");
        })
        .addHijack("POST", "/echo", (req, res) -> {
          // upper-cases the client's bytes until it half-closes, then says bye
          try (Hijacked h = res.hijack("application/vnd.docker.raw-stream")) {
            InputStream in = h.input();
            OutputStream out = h.output();
            for (int c; (c = in.read()) >= 0; ) {
              out.write(Character.toUpperCase(c));
              out.flush();
            }
            out.write("|bye".getBytes(UTF_8));
          }
        });
    socket = tmp.resolve("api.sock");
    server = HttpServer.start(router, List.of(new ListenAddress.Unix(socket)), null);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private String get(RawClient c, String path) throws Exception {
    c.send("GET " + path + " HTTP/1.1\r\nHost: api.moby.localhost\r\n\r\n");
    String head = c.readHead();
    return head + c.readBody(head);
  }

  @Test
  void routesVersionedAndUnversionedOnOneConnection() throws Exception {
    try (RawClient c = new RawClient(socket)) {
      String a = get(c, "/v1.44/things/a%2Fb:1/json?all=1");
      assertThat(a).startsWith("HTTP/1.1 200 OK").containsIgnoringCase("Content-Type: application/json\r\n")
          .contains("Api-Version: 1.44").contains("Ostype: linux")
          .contains("Docker-Experimental: false").contains("Server: Docker/25.0.0 (linux)")
          .contains("\"name\":\"a/b:1\"").contains("\"version\":\"1.44\"")
          .contains("\"all\":true");
      String b = get(c, "/things/x/json?all=false");
      assertThat(b).contains("\"name\":\"x\"").contains("\"all\":false");
      String old = get(c, "/v1.32/things/x/json");
      assertThat(old).contains("\"version\":\"1.32\"");
      String newer = get(c, "/v1.51/things/x/json");
      assertThat(newer).contains("\"version\":\"1.44\"");
    }
  }

  @Test
  void unknownRoutesAre404PageNotFound() throws Exception {
    try (RawClient c = new RawClient(socket)) {
      String r = get(c, "/v1.44/no/such/route");
      assertThat(r).startsWith("HTTP/1.1 404 Not Found")
          .containsIgnoringCase("content-type: application/json\r\n")
          .endsWith("{\"message\":\"page not found\"}");
    }
  }

  @Test
  void errorsAreJsonWithExactContentType() throws Exception {
    try (RawClient c = new RawClient(socket)) {
      String r = get(c, "/v1.44/missing");
      assertThat(r).startsWith("HTTP/1.1 404").contains("content-type: application/json\r\n")
          .endsWith("{\"message\":\"No such thing: x\"}");
      String old = get(c, "/v1.12/_ping");
      assertThat(old).startsWith("HTTP/1.1 400").contains("client version 1.12 is too old");
    }
  }

  @Test
  void headPingHasDockersHeaders() throws Exception {
    try (RawClient c = new RawClient(socket)) {
      c.send("HEAD /_ping HTTP/1.1\r\nHost: x\r\n\r\n");
      String head = c.readHead();
      assertThat(head).startsWith("HTTP/1.1 200 OK").contains("Api-Version: 1.44")
          .contains("Ostype: linux").contains("Builder-Version: 1").contains("Swarm: inactive")
          .contains("Cache-Control: no-cache, no-store, must-revalidate")
          .contains("Pragma: no-cache").contains("content-type: text/plain; charset=utf-8")
          .contains("content-length: 0");
      assertThat(get(c, "/_ping")).endsWith("\r\n\r\nOK");
    }
  }

  @Test
  void chunkedBodiesStream() throws Exception {
    byte[] chunk = new byte[100_000];
    for (int i = 0; i < chunk.length; i++) {
      chunk[i] = (byte) i;
    }
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (RawClient c = new RawClient(socket)) {
      c.send("POST /v1.44/digest HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
          + "Content-Type: application/x-tar\r\n\r\n");
      for (int i = 0; i < 50; i++) { // 5 MB, more than the pipe holds
        c.send(Integer.toHexString(chunk.length) + "\r\n");
        c.out.write(chunk);
        c.send("\r\n");
        md.update(chunk);
      }
      c.send("0\r\n\r\n");
      String head = c.readHead();
      assertThat(c.readBody(head)).contains("\"size\":5000000")
          .contains(HexFormat.of().formatHex(md.digest()));
      assertThat(get(c, "/_ping")).endsWith("OK"); // the connection is still good
    }
  }

  @Test
  void errorsAfterAStreamStartedGoInStream() throws Exception {
    try (RawClient c = new RawClient(socket)) {
      c.send("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
      String all = c.readUntil("\r\n0\r\n\r\n");
      assertThat(all).contains("transfer-encoding: chunked").contains("{\"status\":\"one\"}\r\n")
          .contains("{\"errorDetail\":{\"message\":\"broke half way\"},"
              + "\"error\":\"broke half way\"}\r\n");
    }
  }

  @Test
  void hijackWithUpgradeKeepsBytesSentRightAfterTheRequest() throws Exception {
    try (RawClient c = new RawClient(socket)) {
      // stdin bytes in the same write as the request, as a fast client may send them
      c.send("POST /v1.44/echo?stream=1 HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\n"
          + "Upgrade: tcp\r\nContent-Length: 0\r\n\r\nhello ");
      String head = c.readHead();
      assertThat(head).startsWith("HTTP/1.1 101 UPGRADED\r\n")
          .contains("Content-Type: application/vnd.docker.raw-stream\r\n")
          .contains("Connection: Upgrade\r\n").contains("Upgrade: tcp\r\n")
          .contains("Api-Version: 1.44");
      assertThat(new String(c.in.readNBytes(6), UTF_8)).isEqualTo("HELLO ");
      c.send("world");
      assertThat(new String(c.in.readNBytes(5), UTF_8)).isEqualTo("WORLD");
      c.channel.shutdownOutput(); // half-close: the handler sees the end, output goes on
      assertThat(c.readAll()).isEqualTo("|bye");
    }
  }

  @Test
  void hijackWithoutUpgradeIs200RawStream() throws Exception {
    try (RawClient c = new RawClient(socket)) {
      c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Content-Length: 2\r\n\r\n{}abc");
      c.channel.shutdownOutput();
      String all = c.readAll();
      assertThat(all).startsWith("HTTP/1.1 200 OK\r\n")
          .contains("Content-Type: application/vnd.docker.raw-stream\r\n")
          .endsWith("\r\n\r\nABC|bye");
    }
  }
}
