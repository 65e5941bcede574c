package dev.berth.image.change;

import static dev.berth.image.change.Fixtures.apply;
import static dev.berth.image.change.Fixtures.applyToNothing;
import static dev.berth.image.change.Fixtures.rejects;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** EXPOSE and VOLUME. */
class PortVolumeChangesTest {
  @Test
  void exposeForms() {
    assertThat(apply("EXPOSE 80 53/udp 8000-8002 9000/tcp 132/SCTP").exposedPorts().keySet())
        .containsExactly("132/sctp", "22/tcp", "53/udp", "80/tcp", "8000/tcp", "8001/tcp",
            "8002/tcp", "9000/tcp");
  }

  @Test
  void exposeValuesAreEmptyObjects() {
    assertThat(applyToNothing("EXPOSE 80").exposedPorts()).containsOnlyKeys("80/tcp")
        .allSatisfy((k, v) -> assertThat(v).isEmpty());
  }

  @Test
  void exposeSplitsASubstitutedListIntoPorts() {
    assertThat(applyToNothing("ENV PORTS=\"80 443\" P=9", "EXPOSE $PORTS ${P}0/udp")
        .exposedPorts().keySet()).containsExactly("443/tcp", "80/tcp", "90/udp");
  }

  @Test
  void badPortsAreNamed() {
    rejects("EXPOSE 80x").hasMessage("invalid containerPort: 80x");
    rejects("EXPOSE 70000").hasMessage("invalid containerPort: 70000");
    rejects("EXPOSE 80/http").hasMessage("invalid proto: http");
    rejects("EXPOSE 9-3").hasMessage("invalid range specified for port: 9-3");
    rejects("EXPOSE 8080:80").hasMessageContaining("8080:80");
    rejects("EXPOSE").hasMessage("EXPOSE requires at least one argument");
  }

  @Test
  void volumeJsonAndSpaceSeparated() {
    assertThat(applyToNothing("VOLUME [\"/data\", \"/var/log x\"]").volumes().keySet())
        .containsExactly("/data", "/var/log x");
    assertThat(applyToNothing("VOLUME /b /a", "VOLUME /c").volumes().keySet())
        .containsExactly("/a", "/b", "/c");
  }

  @Test
  void volumeSubstitutes() {
    assertThat(apply("VOLUME $HOME/cache [\"x\"]").volumes().keySet())
        .containsExactly("/root/cache", "[x]"); // not JSON: quotes go as in a shell word
    assertThat(apply("VOLUME [\"$HOME/data\"]").volumes()).containsOnlyKeys("/root/data");
  }

  @Test
  void emptyVolumeIsRejected() {
    rejects("VOLUME [\"\"]").hasMessageContaining("VOLUME specified can not be an empty string");
    rejects("VOLUME []").hasMessage("VOLUME requires at least one argument");
  }
}
