package dev.berth.cli.container;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.cli.Berthd;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Without a TTY, --sig-proxy (the default) passes SIGTERM and SIGINT to the container. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SignalProxyTest {
  @TempDir Path tmp;
  private Berthd d;

  @BeforeEach
  void start() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
    d = Berthd.start(tmp);
  }

  @AfterEach
  void stop() throws Exception {
    if (d != null) {
      d.close();
    }
  }

  @Test
  void termReachesTheContainerWhichExitsItsOwnWay() throws Exception {
    List<String> cmd = new ArrayList<>(List.of("-H", d.host(), "run", "--rm", "--network",
        "none", "busybox", "sh", "-c",
        "trap 'echo got TERM; exit 9' TERM; echo ready; while true; do sleep 0.1; done"));
    Process p = new ProcessBuilder(Berthd.javaCommand(cmd))
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
    try {
      var out = new BufferedReader(new InputStreamReader(p.getInputStream(), UTF_8));
      assertThat(out.readLine()).isEqualTo("ready");
      new ProcessBuilder("kill", "-TERM", String.valueOf(p.pid())).start().waitFor();
      assertThat(out.readLine()).isEqualTo("got TERM");
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isEqualTo(9);
    } finally {
      p.destroyForcibly();
    }
  }
}
