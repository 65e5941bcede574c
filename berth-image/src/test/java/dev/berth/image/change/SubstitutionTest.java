package dev.berth.image.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.error.BerthException;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The word processing on its own, and Go durations. */
class SubstitutionTest {
  private final Function<String, String> env = Map.of("A", "a", "SP", "x  y", "E", "")::get;

  @Test
  void plainAndBracedVariables() {
    assertThat(Substitution.word("$A-${A}_$Ab$9x", env)).isEqualTo("a-a_x");
  }

  @Test
  void doubleQuotesKeepOnlySomeEscapes() {
    assertThat(Substitution.word("\"\\$A \\\" \\\\ \\n\"", env)).isEqualTo("$A \" \\ \\n");
  }

  @Test
  void nestedDefaults() {
    assertThat(Substitution.word("${NO:-${A:+[$A]}}", env)).isEqualTo("[a]");
    assertThat(Substitution.word("${E:?}x", Map.of("E", "v")::get)).isEqualTo("vx");
    assertThatThrownBy(() -> Substitution.word("${E:?}", env))
        .isInstanceOf(BerthException.class).hasMessageContaining("E: is not allowed to be empty");
  }

  @Test
  void wordsSplitUnquotedValuesOnly() {
    assertThat(Substitution.words("$SP \"$SP\" '1 2'", env))
        .containsExactly("x", "y", "x  y", "1 2");
    assertThat(Substitution.word("$SP", env)).isEqualTo("x  y");
  }

  @Test
  void goDurations() {
    assertThat(GoDuration.parse("1h2m3s", "t")).isEqualTo(3_723_000_000_000L);
    assertThat(GoDuration.parse(".5s", "t")).isEqualTo(500_000_000L);
    assertThat(GoDuration.parse("10\u00b5s", "t")).isEqualTo(10_000L);
    assertThat(GoDuration.parse("-3ns", "t")).isEqualTo(-3L);
    assertThat(GoDuration.parse("0", "t")).isZero();
    assertThatThrownBy(() -> GoDuration.parse("", "t")).hasMessageContaining("\"\"");
    assertThatThrownBy(() -> GoDuration.parse("1..2s", "t"))
        .hasMessage("t: time: invalid duration \"1..2s\"");
  }

  @Test
  void workingDirsClean() {
    assertThat(WorkingDirs.clean("/")).isEqualTo("/");
    assertThat(WorkingDirs.resolve("", "a/./b")).isEqualTo("/a/b");
    assertThat(WorkingDirs.resolve(null, "/x/")).isEqualTo("/x");
  }
}
