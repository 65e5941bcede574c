package dev.berth.cli.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.cli.Berthd;
import dev.berth.cli.Berthd.Result;
import dev.berth.registry.server.Registry;
import dev.berth.registry.server.RegistryConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth registry serve|gc}: berth-registry's own commands under berth, and the other
 * commands starting without loading any registry class.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RegistryServerCommandsTest {
  @TempDir Path tmp;

  @Test
  void gcRunsOverARegistryRoot() throws Exception {
    Path root = tmp.resolve("registry");
    // a root the server made, holding nothing yet
    Registry.start(RegistryConfig.defaults(root)).close();
    Result gc = Berthd.berthRaw(Map.of(), "registry", "gc", "--root", root.toString(), "--dry-run");
    assertThat(gc.code()).as(gc.err()).isZero();
    assertThat(gc.out()).startsWith("would free 0 bytes in 0 blobs;");
    Result help = Berthd.berthRaw(Map.of(), "registry", "--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("serve", "gc");
  }

  @Test
  void serveAnswersTheDistributionApiUntilKilled() throws Exception {
    Path root = tmp.resolve("registry");
    int port;
    try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    List<String> cmd = Berthd.javaCommand(List.of("registry", "serve", "--addr",
        "127.0.0.1:" + port, "--root", root.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      // the server says where it listens once it does
      var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()));
      String line;
      do {
        line = in.readLine();
      } while (line != null && !line.contains("listening on"));
      assertThat(line).contains(String.valueOf(port));
      HttpResponse<String> v2 = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + port + "/v2/")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(v2.statusCode()).isEqualTo(200);
    } finally {
      p.destroy();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(Files.isDirectory(root)).isTrue();
  }

  @Test
  void otherCommandsLoadNoRegistryClass() throws Exception {
    for (String[] args : new String[][] {{"network", "ls", "--help"}, {"volume", "--help"},
        {"images", "--help"}, {"ps", "--help"}, {"pull", "--help"}}) {
      List<String> cmd = new ArrayList<>(Berthd.javaCommand(List.of(args)));
      cmd.add(1, "-Xlog:class+load=info");
      Result r = Berthd.run(cmd, null, Map.of());
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out()).as(String.join(" ", args)).contains("dev.berth.cli.Main")
          .doesNotContain("dev.berth.registry.");
    }
  }
}
