package dev.berth.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class StdCopyTest {
  private static void frame(ByteArrayOutputStream out, int type, String payload) {
    byte[] p = payload.getBytes(UTF_8);
    out.writeBytes(new byte[] {(byte) type, 0, 0, 0, (byte) (p.length >>> 24),
        (byte) (p.length >>> 16), (byte) (p.length >>> 8), (byte) p.length});
    out.writeBytes(p);
  }

  @Test
  void splitsStdoutAndStderrFrames() throws Exception {
    var in = new ByteArrayOutputStream();
    frame(in, 1, "out1\n");
    frame(in, 2, "err\n");
    frame(in, 1, "x".repeat(70_000));
    frame(in, 0, "echo\n");
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    StdCopy.demux(new ByteArrayInputStream(in.toByteArray()), out, err);
    assertThat(out.toString(UTF_8)).isEqualTo("out1\n" + "x".repeat(70_000) + "echo\n");
    assertThat(err.toString(UTF_8)).isEqualTo("err\n");
  }

  @Test
  void systemErrorFramesAndBadHeadersFail() {
    var in = new ByteArrayOutputStream();
    frame(in, 3, "boom");
    assertThatThrownBy(() -> StdCopy.demux(new ByteArrayInputStream(in.toByteArray()),
        new ByteArrayOutputStream(), new ByteArrayOutputStream()))
        .hasMessage("error from daemon in stream: boom");
    assertThatThrownBy(() -> StdCopy.demux(new ByteArrayInputStream("HTTP/1.1 101".getBytes(
        UTF_8)), new ByteArrayOutputStream(), new ByteArrayOutputStream()))
        .hasMessage("Unrecognized input header: 72");
  }
}
