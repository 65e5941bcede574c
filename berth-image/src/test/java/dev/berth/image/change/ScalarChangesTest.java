package dev.berth.image.change;

import static dev.berth.image.change.Fixtures.apply;
import static dev.berth.image.change.Fixtures.applyToNothing;
import static dev.berth.image.change.Fixtures.rejects;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** WORKDIR, USER, STOPSIGNAL and ONBUILD. */
class ScalarChangesTest {
  @Test
  void workdirAbsoluteIsCleaned() {
    assertThat(apply("WORKDIR /a//b/./c/../d/").workingDir()).isEqualTo("/a/b/d");
  }

  @Test
  void workdirRelativeJoinsTheCurrentOne() {
    assertThat(apply("WORKDIR app", "WORKDIR ../lib").workingDir()).isEqualTo("/srv/lib");
    assertThat(applyToNothing("WORKDIR rel").workingDir()).isEqualTo("/rel");
    assertThat(applyToNothing("WORKDIR /../..").workingDir()).isEqualTo("/");
  }

  @Test
  void workdirSubstitutesAndKeepsBlanks() {
    assertThat(apply("WORKDIR $HOME/my dir").workingDir()).isEqualTo("/root/my dir");
    rejects("WORKDIR $NOTHING").hasMessageContaining("$NOTHING");
    rejects("WORKDIR").hasMessage("WORKDIR requires at least one argument");
  }

  @Test
  void user() {
    assertThat(apply("USER nobody").user()).isEqualTo("nobody");
    assertThat(apply("ENV UID=1000", "USER ${UID}:${GID:-1000}").user()).isEqualTo("1000:1000");
  }

  @Test
  void stopSignalIsCheckedAndKeptAsWritten() {
    assertThat(apply("STOPSIGNAL SIGQUIT").stopSignal()).isEqualTo("SIGQUIT");
    assertThat(apply("STOPSIGNAL term").stopSignal()).isEqualTo("term");
    assertThat(apply("STOPSIGNAL 9").stopSignal()).isEqualTo("9");
    assertThat(apply("STOPSIGNAL SIGRTMIN+3").stopSignal()).isEqualTo("SIGRTMIN+3");
    assertThat(apply("ENV SIG=USR1", "STOPSIGNAL $SIG").stopSignal()).isEqualTo("USR1");
  }

  @Test
  void badStopSignalIsNamed() {
    rejects("STOPSIGNAL SIGNOPE").hasMessage("Invalid signal: SIGNOPE");
    rejects("STOPSIGNAL 0").hasMessage("Invalid signal: 0");
  }

  @Test
  void onbuildKeepsTheTriggerVerbatim() {
    assertThat(apply("ONBUILD RUN echo $HOME", "onbuild COPY . /app").onBuild())
        .containsExactly("RUN echo $HOME", "COPY . /app");
  }

  @Test
  void onbuildRefusesSomeTriggers() {
    rejects("ONBUILD ONBUILD RUN x").hasMessageContaining("ONBUILD ONBUILD");
    rejects("ONBUILD from x").hasMessage("\"FROM\" isn't allowed as an ONBUILD trigger");
    rejects("ONBUILD").hasMessage("ONBUILD requires at least one argument");
  }
}
