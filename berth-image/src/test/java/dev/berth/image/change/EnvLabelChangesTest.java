package dev.berth.image.change;

import static dev.berth.image.change.Fixtures.apply;
import static dev.berth.image.change.Fixtures.applyToNothing;
import static dev.berth.image.change.Fixtures.rejects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

/** ENV and LABEL: key=value pairs with quotes, the legacy form, replacement, substitution. */
class EnvLabelChangesTest {
  @Test
  void envPairsWithQuotes() {
    assertThat(apply("ENV A=1 B=\"v 2\" C='x y' D=a\\ b").env()).containsExactly(
        "PATH=/usr/bin:/bin", "HOME=/root", "A=1", "B=v 2", "C=x y", "D=a b");
  }

  @Test
  void envLegacyFormTakesTheRestOfTheLine() {
    assertThat(apply("ENV GREETING hello  big \"world\"").env())
        .endsWith("GREETING=hello  big world");
  }

  @Test
  void envReplacesAVariableInPlace() {
    assertThat(apply("ENV PATH=/opt/bin:$PATH").env())
        .containsExactly("PATH=/opt/bin:/usr/bin:/bin", "HOME=/root");
  }

  @Test
  void envOfOneInstructionSeesTheEnvironmentBeforeIt() {
    assertThat(applyToNothing("ENV abc=hello", "ENV abc=bye def=$abc", "ENV ghi=$abc").env())
        .containsExactly("abc=bye", "def=hello", "ghi=bye");
  }

  @Test
  void envSubstitutionForms() {
    var env = applyToNothing("ENV SET=x EMPTY=",
        "ENV a=${SET} b=${UNSET:-dflt} c=${EMPTY:-dflt} d=${EMPTY-dflt} e=${SET:+alt}"
            + " f=${UNSET:+alt} g='$SET' h=\"$SET\" i=\\$SET j=$ k=${UNSET:-\"a b\"}").env();
    assertThat(env).containsExactly("SET=x", "EMPTY=", "a=x", "b=dflt", "c=dflt", "d=",
        "e=alt", "f=", "g=$SET", "h=x", "i=$SET", "j=$", "k=a b");
  }

  @Test
  void envKeysAreSubstitutedToo() {
    assertThat(applyToNothing("ENV NAME=key", "ENV ${NAME}_2=v").env()).contains("key_2=v");
  }

  @Test
  void requiredVariableFailsNamingIt() {
    rejects("ENV x=\"${NOPE:?must be set}\"")
        .hasMessageContaining("${NOPE:?must be set}").hasMessageContaining("NOPE: must be set");
    rejects("ENV x=${NOPE?}").hasMessageContaining("NOPE: is not allowed to be unset");
  }

  @Test
  void badSubstitutionNamesTheWord() {
    rejects("ENV x=${oops").hasMessageContaining("${oops").hasMessageContaining("missing '}'");
    rejects("ENV x=${}").hasMessageContaining("bad substitution");
    rejects("ENV x=${a#b}").hasMessageContaining("unsupported modifier (#)");
    rejects("ENV x=\"open").hasMessageContaining("matching double-quote");
  }

  @Test
  void envErrors() {
    rejects("ENV").hasMessage("ENV requires at least one argument");
    rejects("ENV ONLYKEY").hasMessage("ENV must have two arguments: ONLYKEY");
    rejects("ENV a=1 b").hasMessageContaining("can't find = in \"b\"");
    rejects("ENV =1").hasMessageContaining("ENV names can not be blank");
  }

  @Test
  void labelPairsMergeIntoTheBaseLabelsSorted() {
    var labels = apply("LABEL z=last \"com.example.v\"=\"1.0\" multi=\"a b\"").labels();
    assertThat(labels).containsExactly(entry("base", "yes"), entry("com.example.v", "1.0"),
        entry("multi", "a b"), entry("z", "last"));
  }

  @Test
  void labelLegacyFormAndOverride() {
    assertThat(apply("LABEL base no longer").labels()).containsEntry("base", "no longer");
  }

  @Test
  void labelSubstitutesFromTheEnvironment() {
    assertThat(apply("LABEL home=$HOME v=${VERSION:-dev}").labels())
        .containsEntry("home", "/root").containsEntry("v", "dev");
  }

  @Test
  void labelErrors() {
    rejects("LABEL").hasMessage("LABEL requires at least one argument");
    rejects("LABEL lonely").hasMessage("LABEL must have two arguments: lonely");
  }
}
