package dev.berth.api.image;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.api.TestDaemon;
import dev.berth.registry.server.Registry;
import dev.berth.registry.server.RegistryConfig;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON stream of {@code POST /images/create} from a registry on loopback, message by
 * message: per downloaded layer Download complete, Extracting with progressDetail, Pull complete,
 * in that order, then the Digest and Status lines; and the docker CLI printing them.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PullStreamTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;
  private TestDaemon daemon;

  @BeforeEach
  void start() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
    assumeTrue(Files.isExecutable(Path.of(TestDaemon.DOCKER)), "needs the docker CLI");
    daemon = TestDaemon.start(tmp);
  }

  @AfterEach
  void stop() throws Exception {
    if (daemon != null) {
      daemon.close();
    }
  }

  /** The messages of a pull through the API, in the order sent. */
  private List<JsonNode> pullStream(String image, String tag) throws Exception {
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(daemon.socket));
      var out = Channels.newOutputStream(ch);
      out.write(("POST /images/create?fromImage=" + image + "&tag=" + tag + " HTTP/1.1\r\n"
          + "Host: berth\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").getBytes(UTF_8));
      out.flush();
      String all = new String(Channels.newInputStream(ch).readAllBytes(), UTF_8);
      assertThat(all).startsWith("HTTP/1.1 200");
      List<JsonNode> messages = new ArrayList<>();
      for (String line : all.split("\r?\n")) {
        if (line.startsWith("{")) {
          messages.add(JSON.readTree(line));
        }
      }
      return messages;
    }
  }

  @Test
  void eachLayerIsExtractedAfterItsDownloadAndCompletedLast() throws Exception {
    try (Registry registry = Registry.start(RegistryConfig.defaults(tmp.resolve("registry")))) {
      String repo = "localhost:" + registry.port() + "/stream/bb";
      assertThat(daemon.docker("tag", "busybox", repo + ":1").code()).isZero();
      TestDaemon.Result push = daemon.docker("push", repo + ":1");
      assertThat(push.code()).as(push.err()).isZero();
      assertThat(daemon.docker("rmi", repo + ":1").code()).isZero();
      assertThat(daemon.docker("rmi", "busybox").code()).isZero(); // its layer must come anew

      List<JsonNode> messages = pullStream(repo, "1");
      List<String> layers = messages.stream()
          .filter(m -> m.path("status").asText().equals("Pulling fs layer"))
          .map(m -> m.path("id").asText()).toList();
      assertThat(layers).isNotEmpty();
      int lastComplete = -1;
      for (String id : layers) {
        int downloaded = index(messages, id, "Download complete");
        int complete = index(messages, id, "Pull complete");
        List<Integer> extracting = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
          JsonNode m = messages.get(i);
          if (m.path("id").asText().equals(id) && m.path("status").asText().equals("Extracting")) {
            extracting.add(i);
            JsonNode detail = m.path("progressDetail");
            assertThat(detail.path("current").asLong()).isPositive();
            assertThat(detail.path("total").asLong()).isGreaterThanOrEqualTo(
                detail.path("current").asLong());
            assertThat(m.path("progress").asText()).contains("/");
          }
        }
        assertThat(extracting).as(id + " in " + messages).isNotEmpty()
            .allMatch(i -> i > downloaded && i < complete);
        JsonNode last = messages.get(extracting.getLast()).path("progressDetail");
        assertThat(last.path("current").asLong()).isEqualTo(last.path("total").asLong());
        lastComplete = Math.max(lastComplete, complete);
      }
      int digest = -1;
      for (int i = 0; i < messages.size(); i++) {
        if (messages.get(i).path("status").asText().startsWith("Digest: sha256:")) {
          digest = i;
        }
      }
      assertThat(digest).isGreaterThan(lastComplete);
      assertThat(messages.getLast().path("status").asText())
          .isEqualTo("Status: Downloaded newer image for " + repo + ":1");

      // the docker CLI, not on a terminal, prints the status lines as they come
      assertThat(daemon.docker("rmi", repo + ":1").code()).isZero();
      TestDaemon.Result pull = daemon.docker("pull", repo + ":1");
      assertThat(pull.code()).as(pull.err()).isZero();
      for (String id : layers) {
        assertThat(pull.out()).containsSubsequence(id + ": Download complete",
            id + ": Pull complete", "Digest: sha256:");
      }
    }
  }

  private static int index(List<JsonNode> messages, String id, String status) {
    for (int i = 0; i < messages.size(); i++) {
      JsonNode m = messages.get(i);
      if (m.path("id").asText().equals(id) && m.path("status").asText().equals(status)) {
        return i;
      }
    }
    throw new AssertionError("no \"" + status + "\" for " + id + " in " + messages);
  }
}
