package dev.berth.api.container;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.api.TestDaemon;
import dev.berth.api.TestDaemon.Result;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming forms of two API calls that one-shot tests do not reach: {@code stats} as a
 * stream (each sample carries the previous one's CPU figures, which the CLI's percentage needs)
 * and {@code exec resize} reaching a running exec's terminal.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StatsAndResizeTest {
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

  @Test
  void statsStreamSamplesFollowEachOther() throws Exception {
    Result run = daemon.docker("run", "-d", "--name", "busy", "--network", "none", "busybox",
        "sh", "-c", "while :; do :; done");
    assertThat(run.code()).as(run.err()).isZero();
    Process curl = new ProcessBuilder("curl", "-sN", "--unix-socket", daemon.socket.toString(),
        "http://berth/v1.44/containers/busy/stats").start();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(curl.getInputStream(),
        UTF_8))) {
      JsonNode first = JSON.readTree(lines.readLine());
      JsonNode second = JSON.readTree(lines.readLine());
      // a stream: the second sample is later and reports the first one's CPU as its "pre"
      assertThat(Instant.parse(second.path("read").asText()))
          .isAfter(Instant.parse(first.path("read").asText()));
      assertThat(second.path("preread").asText()).isEqualTo(first.path("read").asText());
      assertThat(second.path("precpu_stats").path("cpu_usage").path("total_usage").asLong())
          .isEqualTo(first.path("cpu_stats").path("cpu_usage").path("total_usage").asLong());
      // the busy loop burns CPU between the two samples, and the host's counter moves too
      assertThat(second.path("cpu_stats").path("cpu_usage").path("total_usage").asLong())
          .isGreaterThan(first.path("cpu_stats").path("cpu_usage").path("total_usage")
              .asLong());
      assertThat(second.path("cpu_stats").path("system_cpu_usage").asLong())
          .isGreaterThan(first.path("cpu_stats").path("system_cpu_usage").asLong());
      assertThat(second.path("cpu_stats").path("online_cpus").asInt()).isPositive();
      assertThat(second.path("memory_stats").path("usage").asLong()).isPositive();
      assertThat(second.path("pids_stats").path("current").asInt()).isEqualTo(1);
      assertThat(second.path("name").asText()).isEqualTo("/busy");
    } finally {
      curl.destroy();
      curl.waitFor();
    }
    // the docker CLI renders a stream the same way (one frame with --no-stream is covered in
    // DockerCliContainerTest): a busy loop shows a CPU percentage well above zero
    Result stats = daemon.docker("stats", "--no-stream", "--format", "{{.CPUPerc}}", "busy");
    assertThat(stats.code()).as(stats.err()).isZero();
    assertThat(Double.parseDouble(stats.out().trim().replace("%", ""))).isGreaterThan(5.0);
  }

  @Test
  void execResizeReachesTheExecsTerminal() throws Exception {
    Result run = daemon.docker("run", "-d", "--name", "box", "--network", "none", "busybox",
        "sleep", "300");
    assertThat(run.code()).as(run.err()).isZero();
    // a shell on a terminal that reports its size when the terminal changes (SIGWINCH)
    Process exec = new ProcessBuilder("script", "-qec", TestDaemon.DOCKER + " -H unix://"
        + daemon.socket + " exec -it box sh -c 'trap \"stty size; exit 0\" WINCH;"
        + " echo ready; while :; do sleep 1; done'", "/dev/null")
        .redirectErrorStream(true).start();
    try {
      InputStream from = exec.getInputStream();
      String seen = readUntil(from, "ready", "");
      String execId = daemon.docker("inspect", "-f", "{{index .ExecIDs 0}}", "box").out().trim();
      assertThat(execId).hasSize(64);
      Process resize = new ProcessBuilder("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
          "-XPOST", "--unix-socket", daemon.socket.toString(),
          "http://berth/v1.44/exec/" + execId + "/resize?h=33&w=77").start();
      String status = new String(resize.getInputStream().readAllBytes(), UTF_8);
      assertThat(resize.waitFor()).isZero();
      assertThat(status).isEqualTo("200");
      seen = readUntil(from, "33 77", seen);
      assertThat(seen).contains("33 77");
      assertThat(exec.waitFor()).isZero();
      // an ended exec is no longer listed, as docker lists only live ones
      assertThat(daemon.docker("inspect", "-f", "{{json .ExecIDs}}", "box").out())
          .isEqualTo("null\n");
      // an exec that is not there gets docker's 404
      Result missing = daemon.docker("exec", "nosuch", "true");
      assertThat(missing.code()).isNotZero();
      assertThat(missing.err()).contains("No such container: nosuch");
    } finally {
      exec.destroy();
      exec.waitFor();
    }
  }

  /** What the stream has shown so far, read on until it shows {@code text} or ends. */
  private static String readUntil(InputStream in, String text, String seen) throws Exception {
    StringBuilder sb = new StringBuilder(seen);
    byte[] buf = new byte[4096];
    for (int n; !sb.toString().contains(text) && (n = in.read(buf)) > 0; ) {
      sb.append(new String(buf, 0, n, UTF_8));
    }
    return sb.toString();
  }
}
