package dev.berth.runtime.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlanEncodingTest {
  @Test
  void plainFieldsStayAsTheyAre() {
    assertThat(PlanEncoding.encode("/bin/sh")).isEqualTo("/bin/sh");
    assertThat(PlanEncoding.encode("héllo")).isEqualTo("héllo");
  }

  @Test
  void spacesPercentControlAndEmptyAreEncoded() {
    assertThat(PlanEncoding.encode("a b%c\n")).isEqualTo("a%20b%25c%0A");
    assertThat(PlanEncoding.encode("")).isEqualTo("%");
    assertThat(PlanEncoding.encode("\u007f")).isEqualTo("%7F");
  }

  @Test
  void lineRoundTrips() {
    List<String> fields = List.of("sh", "-c", "echo 'a b'; printf '%s\\n' x", "", "tab\there");
    String line = PlanEncoding.line("args", fields);
    assertThat(line).doesNotContain("\n").doesNotContain("\t");
    List<String> back = PlanEncoding.split(line);
    assertThat(back.get(0)).isEqualTo("args");
    assertThat(back.subList(1, back.size())).isEqualTo(fields);
  }
}
