package dev.berth.api.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.api.Daemon;
import dev.berth.api.DaemonConfig;
import dev.berth.api.http.ListenAddress;
import dev.berth.engine.EngineOptions;
import dev.berth.image.Trees;
import dev.berth.registry.server.RegistryConfig;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** berthd with {@code --registry-addr}: the registry serves beside the API and stops with it. */
class EmbeddedRegistryTest {
  @TempDir Path tmp;

  @Test
  void theDaemonServesItsRegistryUntilItStops() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path exec = Files.createDirectory(Path.of("/run/bt" + Long.toHexString(System.nanoTime())
        .substring(0, 6)));
    try {
      DaemonConfig config = new DaemonConfig(List.of(new ListenAddress.Unix(exec.resolve(
          "b.sock"))), tmp.resolve("root"), exec, null, EngineOptions.defaults(),
          RegistryConfig.defaults(tmp.resolve("registry"))
              .withAddress(new InetSocketAddress("127.0.0.1", port)),
          dev.berth.registry.client.RegistryHosts.defaults());
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest v2 = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/"))
          .build();
      try (Daemon daemon = Daemon.start(config)) {
        assertThat(daemon.addresses()).contains("registry http://127.0.0.1:" + port);
        HttpResponse<String> r = http.send(v2, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Docker-Distribution-API-Version"))
            .contains("registry/2.0");
      }
      try (ServerSocket again = new ServerSocket()) {
        again.bind(new InetSocketAddress("127.0.0.1", port));
      }
    } finally {
      Trees.deleteRecursively(exec);
    }
  }
}
