package dev.berth.image.change;

import static dev.berth.image.change.Fixtures.apply;
import static dev.berth.image.change.Fixtures.rejects;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.oci.image.ImageConfig;
import org.junit.jupiter.api.Test;

/** HEALTHCHECK NONE and HEALTHCHECK [flags] CMD, durations as Go nanoseconds. */
class HealthcheckChangesTest {
  @Test
  void none() {
    assertThat(apply("HEALTHCHECK NONE").healthcheck())
        .isEqualTo(new ImageConfig.Healthcheck(java.util.List.of("NONE"), null, null, null, null,
            null));
  }

  @Test
  void shellFormIsCmdShell() {
    var hc = apply("HEALTHCHECK CMD curl -f http://localhost/ || exit 1").healthcheck();
    assertThat(hc.test()).containsExactly("CMD-SHELL", "curl -f http://localhost/ || exit 1");
    assertThat(hc.interval()).isNull();
    assertThat(hc.retries()).isNull();
  }

  @Test
  void execFormWithAllFlags() {
    var hc = apply("healthcheck --interval=1m30s --timeout=500ms --start-period=2s"
        + " --start-interval=1.5s --retries=3 cmd [\"/bin/check\", \"-q\"]").healthcheck();
    assertThat(hc.test()).containsExactly("CMD", "/bin/check", "-q");
    assertThat(hc.interval()).isEqualTo(90_000_000_000L);
    assertThat(hc.timeout()).isEqualTo(500_000_000L);
    assertThat(hc.startPeriod()).isEqualTo(2_000_000_000L);
    assertThat(hc.startInterval()).isEqualTo(1_500_000_000L);
    assertThat(hc.retries()).isEqualTo(3);
  }

  @Test
  void zeroValuesAreLeftOutAsGoDoes() {
    var hc = apply("HEALTHCHECK --interval=0 --retries=0 CMD true").healthcheck();
    assertThat(hc.interval()).isNull();
    assertThat(hc.retries()).isNull();
  }

  @Test
  void errors() {
    rejects("HEALTHCHECK").hasMessage("HEALTHCHECK requires at least one argument");
    rejects("HEALTHCHECK NONE x").hasMessageContaining("HEALTHCHECK NONE takes no arguments");
    rejects("HEALTHCHECK PING x").hasMessage("Unknown type \"PING\" in HEALTHCHECK (try CMD)");
    rejects("HEALTHCHECK CMD").hasMessage("Missing command after HEALTHCHECK CMD");
    rejects("HEALTHCHECK --every=5s CMD x").hasMessage("Unknown flag: every");
    rejects("HEALTHCHECK --interval CMD x").hasMessage("Missing a value on flag: interval");
    rejects("HEALTHCHECK --interval=5 CMD x")
        .hasMessage("--interval: time: missing unit in duration \"5\"");
    rejects("HEALTHCHECK --timeout=5y CMD x")
        .hasMessage("--timeout: time: unknown unit \"y\" in duration \"5y\"");
    rejects("HEALTHCHECK --interval=1us CMD x")
        .hasMessageContaining("cannot be less than 1ms").hasMessageContaining("1us");
    rejects("HEALTHCHECK --retries=-1 CMD x").hasMessage("--retries cannot be negative (-1)");
    rejects("HEALTHCHECK --retries=many CMD x").hasMessageContaining("\"many\"");
  }
}
