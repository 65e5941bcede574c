package dev.berth.api.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.berth.api.TestDaemon;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code docker search host:port/term} through berthd to a registry's v1 search on loopback. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DockerCliSearchTest {
  @TempDir Path tmp;

  @Test
  void searchAsksTheRegistryAndAppliesFilters() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
    assumeTrue(Files.isExecutable(Path.of(TestDaemon.DOCKER)), "needs the docker CLI");
    List<String> queries = new CopyOnWriteArrayList<>();
    HttpServer index = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    index.createContext("/v1/search", e -> {
      try (e) {
        queries.add(e.getRequestURI().getQuery());
        byte[] body = ("{\"num_results\":2,\"query\":\"busy\",\"results\":["
            + "{\"name\":\"team/busybox\",\"description\":\"the small one\",\"star_count\":7,"
            + "\"is_official\":false,\"is_automated\":false},"
            + "{\"name\":\"team/busy-other\",\"description\":\"few stars\",\"star_count\":1,"
            + "\"is_official\":false,\"is_automated\":false}]}").getBytes(StandardCharsets.UTF_8);
        e.sendResponseHeaders(200, body.length);
        e.getResponseBody().write(body);
      }
    });
    index.start();
    try (TestDaemon daemon = TestDaemon.start(tmp)) {
      String host = "127.0.0.1:" + index.getAddress().getPort();
      TestDaemon.Result all = daemon.docker("search", "--limit", "5", host + "/busy");
      assertThat(all.code()).as(all.err()).isZero();
      assertThat(all.out()).contains("team/busybox", "the small one", "team/busy-other");
      assertThat(queries.getFirst()).isEqualTo("q=busy&n=5");
      TestDaemon.Result starred = daemon.docker("search", "--filter", "stars=3", host + "/busy");
      assertThat(starred.out()).contains("team/busybox").doesNotContain("busy-other");
    } finally {
      index.stop(0);
    }
  }
}
