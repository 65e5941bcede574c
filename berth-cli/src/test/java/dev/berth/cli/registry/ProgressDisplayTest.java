package dev.berth.cli.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.cli.CliException;
import dev.berth.client.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pull/push progress as docker's jsonmessage draws it: in a terminal one line per layer,
 * rewritten in place with cursor movement; elsewhere plain lines without progress bars.
 */
class ProgressDisplayTest {
  private static final List<String> PULL = List.of(
      "{\"status\":\"Pulling from team/app\",\"id\":\"v1\"}",
      "{\"status\":\"Pulling fs layer\",\"progressDetail\":{},\"id\":\"aaa\"}",
      "{\"status\":\"Pulling fs layer\",\"progressDetail\":{},\"id\":\"bbb\"}",
      "{\"status\":\"Downloading\",\"progressDetail\":{\"current\":500,\"total\":1000},"
          + "\"progress\":\"[=>] 500B/1kB\",\"id\":\"aaa\"}",
      "{\"status\":\"Pull complete\",\"progressDetail\":{},\"id\":\"aaa\"}",
      "{\"status\":\"Digest: sha256:abc\"}");

  private static String render(boolean terminal, int width, List<String> messages) throws Exception {
    var bytes = new ByteArrayOutputStream();
    var out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    ProgressDisplay display = new ProgressDisplay(out, terminal, width);
    for (String m : messages) {
      display.show(Json.parse(m));
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void terminalRewritesEachLayersLineInPlace() throws Exception {
    String up1 = "\u001b[1A";
    String up2 = "\u001b[2A";
    String down1 = "\u001b[1B";
    String down2 = "\u001b[2B";
    String erase = "\u001b[2K\r";
    assertThat(render(true, 80, PULL)).isEqualTo("v1: Pulling from team/app\n"
        // a new layer: a new line, then up to it and back
        + "\n" + up1 + erase + "aaa: Pulling fs layer \r" + down1
        + "\n" + up1 + erase + "bbb: Pulling fs layer \r" + down1
        // the first layer is two lines up now
        + up2 + erase + "aaa: Downloading     500B/1kB\r" + down2
        + up2 + erase + "aaa: Pull complete \r" + down2
        + "Digest: sha256:abc\n");
  }

  @Test
  void wideTerminalsGetTheBar() throws Exception {
    String line = render(true, 120, List.of(
        "{\"status\":\"Downloading\",\"progressDetail\":{\"current\":500,\"total\":1000},\"id\":\"aaa\"}"));
    assertThat(line).contains("aaa: Downloading [" + "=".repeat(25) + ">" + " ".repeat(25)
        + "]     500B/1kB\r");
  }

  @Test
  void plainOutputDropsProgressBars() throws Exception {
    assertThat(render(false, 200, PULL)).isEqualTo("v1: Pulling from team/app\n"
        + "aaa: Pulling fs layer\n" + "bbb: Pulling fs layer\n" + "aaa: Pull complete\n"
        + "Digest: sha256:abc\n");
  }

  /** Extracting is a progress line like Downloading: a bar in a terminal, dropped elsewhere. */
  @Test
  void extractingRewritesTheLayersLineAndPullCompleteEndsIt() throws Exception {
    List<String> messages = List.of(
        "{\"status\":\"Download complete\",\"progressDetail\":{},\"id\":\"aaa\"}",
        "{\"status\":\"Extracting\",\"progressDetail\":{\"current\":1000,\"total\":2000},"
            + "\"progress\":\"[==>] 1kB/2kB\",\"id\":\"aaa\"}",
        "{\"status\":\"Pull complete\",\"progressDetail\":{},\"id\":\"aaa\"}");
    String up1 = "\u001b[1A";
    String down1 = "\u001b[1B";
    String erase = "\u001b[2K\r";
    assertThat(render(true, 120, messages)).isEqualTo(
        "\n" + up1 + erase + "aaa: Download complete \r" + down1
        + up1 + erase + "aaa: Extracting [" + "=".repeat(25) + ">" + " ".repeat(25)
        + "]      1kB/2kB\r" + down1
        + up1 + erase + "aaa: Pull complete \r" + down1);
    assertThat(render(false, 120, messages)).isEqualTo("aaa: Download complete\n"
        + "aaa: Pull complete\n");
  }

  @Test
  void anErrorEndsTheCommandWithItsMessage() {
    assertThatThrownBy(() -> render(false, 200, List.of("{\"status\":\"x\"}",
        "{\"errorDetail\":{\"message\":\"manifest unknown\"},\"error\":\"manifest unknown\"}")))
        .isInstanceOf(CliException.class).hasMessage("manifest unknown");
  }

  @Test
  void barsAsGoUnitsSizesThem() throws Exception {
    var detail = Json.parse("{\"current\":2500000,\"total\":0}");
    assertThat(ProgressBar.of(detail, 80, 0)).isEqualTo("   2.5MB");
    var started = Json.parse("{\"current\":100,\"total\":1000,\"start\":1000}");
    // 100 bytes in 10 s: 900 more take 90 s
    assertThat(ProgressBar.of(started, 80, 1010)).isEqualTo("    100B/1kB 1m30s");
    assertThat(ProgressBar.goSeconds(3725)).isEqualTo("1h2m5s");
  }
}
