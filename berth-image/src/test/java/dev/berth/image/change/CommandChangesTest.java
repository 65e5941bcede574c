package dev.berth.image.change;

import static dev.berth.image.change.Fixtures.apply;
import static dev.berth.image.change.Fixtures.applyToNothing;
import static dev.berth.image.change.Fixtures.rejects;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.oci.image.ImageConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CMD and ENTRYPOINT: exec and shell form, the image's SHELL, and ENTRYPOINT resetting CMD. */
class CommandChangesTest {
  @Test
  void cmdExecFormIsTakenAsGiven() {
    assertThat(apply("CMD [\"nginx\", \"-g\", \"daemon off;\"]").cmd())
        .containsExactly("nginx", "-g", "daemon off;");
  }

  @Test
  void cmdShellFormRunsUnderBinShDashC() {
    assertThat(apply("CMD echo hi $HOME").cmd())
        .containsExactly("/bin/sh", "-c", "echo hi $HOME"); // no substitution in CMD
  }

  @Test
  void keywordIsCaseInsensitive() {
    assertThat(apply("cmd [\"a\"]").cmd()).containsExactly("a");
    assertThat(apply("Cmd b").cmd()).containsExactly("/bin/sh", "-c", "b");
  }

  @Test
  void emptyJsonArrayClearsTheCommand() {
    assertThat(apply("CMD []").cmd()).isEmpty();
  }

  @Test
  void textThatIsNotJsonFallsBackToShellFormAsInDocker() {
    assertThat(apply("CMD [echo, hi]").cmd()).containsExactly("/bin/sh", "-c", "[echo, hi]");
    assertThat(apply("CMD [\"a\",").cmd()).containsExactly("/bin/sh", "-c", "[\"a\",");
  }

  @Test
  void jsonArrayOfNonStringsIsRejected() {
    rejects("CMD [\"a\", 1]").hasMessageContaining("arrays must be comprised of strings only")
        .hasMessageContaining("[\"a\", 1]");
  }

  @Test
  void shellFormUsesTheImageShell() {
    var powershellish = new ImageConfig.ContainerConfig(null, null, null, null, null, null, null,
        null, null, null, null, List.of("/bin/bash", "-eo", "pipefail", "-c"), null, null);
    var changed = ConfigChanges.apply(powershellish, List.of("ENTRYPOINT run me"));
    assertThat(changed.entrypoint()).containsExactly("/bin/bash", "-eo", "pipefail", "-c",
        "run me");
    assertThat(changed.shell()).containsExactly("/bin/bash", "-eo", "pipefail", "-c");
  }

  @Test
  void entrypointExecAndShellForm() {
    assertThat(apply("ENTRYPOINT [\"/docker-entrypoint.sh\"]").entrypoint())
        .containsExactly("/docker-entrypoint.sh");
    assertThat(apply("ENTRYPOINT exec top -b").entrypoint())
        .containsExactly("/bin/sh", "-c", "exec top -b");
  }

  @Test
  void entrypointDropsTheInheritedCmd() {
    var changed = apply("ENTRYPOINT [\"top\"]");
    assertThat(changed.cmd()).isNull();
  }

  @Test
  void entrypointKeepsACmdSetEarlierInTheSameChanges() {
    var changed = apply("CMD [\"-b\"]", "ENTRYPOINT [\"top\"]");
    assertThat(changed.entrypoint()).containsExactly("top");
    assertThat(changed.cmd()).containsExactly("-b");
  }

  @Test
  void cmdAfterEntrypointIsKept() {
    var changed = apply("ENTRYPOINT [\"top\"]", "CMD [\"-b\"]");
    assertThat(changed.entrypoint()).containsExactly("top");
    assertThat(changed.cmd()).containsExactly("-b");
  }

  @Test
  void laterCommandWins() {
    assertThat(apply("CMD a", "CMD [\"b\"]").cmd()).containsExactly("b");
  }

  @Test
  void argsEscapedIsCleared() {
    var escaped = new ImageConfig.ContainerConfig(null, null, null, null, List.of("x"), null,
        null, null, null, null, null, null, true, null);
    assertThat(ConfigChanges.apply(escaped, List.of("CMD y")).argsEscaped()).isNull();
  }

  @Test
  void worksWithoutABaseConfig() {
    var changed = applyToNothing("CMD [\"/app\"]");
    assertThat(changed.cmd()).containsExactly("/app");
    assertThat(changed.env()).isNull();
    assertThat(changed.entrypoint()).isNull();
  }

  @Test
  void missingArgumentsAreRejected() {
    rejects("CMD").hasMessage("CMD requires at least one argument");
    rejects("ENTRYPOINT   ").hasMessage("ENTRYPOINT requires at least one argument");
  }

  @Test
  void flagsAreRejectedAsInDocker() {
    rejects("CMD --verbose x").hasMessage("Unknown flag: verbose");
  }
}
