package dev.berth.cli.terminal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class EscapeProxyTest {
  private static String drain(InputStream in) throws IOException {
    var out = new java.io.ByteArrayOutputStream();
    byte[] buf = new byte[3];
    for (int n; (n = in.read(buf, 0, buf.length)) >= 0; ) {
      out.write(buf, 0, n);
    }
    return out.toString(UTF_8);
  }

  @Test
  void passesOrdinaryInputThrough() throws IOException {
    var p = new EscapeProxy(new ByteArrayInputStream("ls -l\r".getBytes(UTF_8)),
        DetachKeys.parse(null));
    assertThat(drain(p)).isEqualTo("ls -l\r");
  }

  @Test
  void aBrokenOffSequenceIsReleased() throws IOException {
    var p = new EscapeProxy(new ByteArrayInputStream(new byte[] {'a', 16, 'b', 16, 16, 'c'}),
        DetachKeys.parse(null));
    assertThat(drain(p).getBytes(UTF_8)).containsExactly('a', 16, 'b', 16, 16, 'c');
  }

  @Test
  void theWholeSequenceDetachesAndIsSwallowed() throws IOException {
    var p = new EscapeProxy(new ByteArrayInputStream(new byte[] {'x', 16, 17, 'y'}),
        DetachKeys.parse(null));
    byte[] buf = new byte[10];
    assertThat(p.read(buf, 0, 1)).isEqualTo(1);
    assertThat(buf[0]).isEqualTo((byte) 'x');
    assertThatThrownBy(() -> drain(p)).isInstanceOf(EscapeProxy.DetachedException.class)
        .hasMessage("read escape sequence");
  }

  @Test
  void detachKeysParseAsDocker() {
    assertThat(DetachKeys.parse("ctrl-p,ctrl-q")).containsExactly(16, 17);
    assertThat(DetachKeys.parse("ctrl-a,a,ctrl-@,ctrl-[,ctrl-_")).containsExactly(1, 'a', 0, 27,
        31);
    assertThatThrownBy(() -> DetachKeys.parse("ctrl-1")).hasMessage("Unknown character: 'ctrl-1'");
    assertThatThrownBy(() -> DetachKeys.parse("alt-x")).isInstanceOf(
        IllegalArgumentException.class);
  }
}
