package dev.berth.api.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DetachKeysTest {
  private static DetachKeys.Scan scan(DetachKeys k, String s) {
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    return k.scan(b, b.length);
  }

  @Test
  void theDefaultSequenceDetachesAndWhatCameBeforeIsForwarded() {
    DetachKeys k = DetachKeys.parse(null);
    DetachKeys.Scan s = scan(k, "ls\n\u0010\u0011rest");
    assertThat(new String(s.forward(), StandardCharsets.ISO_8859_1)).isEqualTo("ls\n");
    assertThat(s.detach()).isTrue();
  }

  @Test
  void aSequenceSplitAcrossReadsStillDetachesAndABrokenOneIsForwarded() {
    DetachKeys k = DetachKeys.parse("ctrl-a,x");
    assertThat(scan(k, "a\u0001").forward()).containsExactly('a');
    assertThat(scan(k, "x").detach()).isTrue();
    DetachKeys.Scan broken = scan(k, "\u0001y");
    assertThat(broken.detach()).isFalse();
    assertThat(broken.forward()).containsExactly(1, 'y');
    DetachKeys.Scan again = scan(k, "\u0001\u0001x");
    assertThat(again.detach()).isTrue();
    assertThat(again.forward()).containsExactly(1);
  }

  @Test
  void ctrlPunctuationAndBadKeys() {
    assertThat(scan(DetachKeys.parse("ctrl-@,ctrl-_"), "\u0000\u001f").detach()).isTrue();
    assertThatThrownBy(() -> DetachKeys.parse("ctrl-1"))
        .hasMessage("Invalid detach keys (ctrl-1) provided");
    assertThatThrownBy(() -> DetachKeys.parse("ab"))
        .hasMessage("Invalid detach keys (ab) provided");
  }
}
