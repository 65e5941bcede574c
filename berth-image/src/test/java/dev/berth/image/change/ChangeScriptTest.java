package dev.berth.image.change;

import static dev.berth.image.change.Fixtures.apply;
import static dev.berth.image.change.Fixtures.base;
import static dev.berth.image.change.Fixtures.rejects;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.oci.image.Digest;
import dev.berth.oci.image.ImageConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The change list as a whole: Dockerfile line rules, refused commands, applyTo. */
class ChangeScriptTest {
  @Test
  void noChangesReturnsTheBaseAsItIs() {
    var base = base();
    assertThat(ConfigChanges.apply(base, List.of())).isSameAs(base);
    assertThat(ConfigChanges.apply(null, List.of())).isNull();
  }

  @Test
  void untouchedFieldsAreKept() {
    var changed = apply("USER app");
    assertThat(changed).isEqualTo(new ImageConfig.ContainerConfig("app", base().exposedPorts(),
        base().env(), null, List.of("sh"), null, "/srv", Map.of("base", "yes"), null, null, null,
        null, null, null));
  }

  @Test
  void oneChangeMayHoldSeveralLinesCommentsAndContinuations() {
    var changed = apply("# set up\nENV A=1 \\\n  # a comment inside\n\n    B=2\n\n  USER x\n",
        "LABEL k=v", "  # a comment of its own", " EXPOSE 81");
    assertThat(changed.env()).endsWith("A=1", "B=2");
    assertThat(changed.user()).isEqualTo("x");
    assertThat(changed.labels()).containsEntry("k", "v");
    assertThat(changed.exposedPorts()).containsKey("81/tcp");
  }

  @Test
  void aTrailingBackslashContinuesIntoTheNextChangeAsInDocker() {
    // Docker joins the changes with newlines before parsing them as a Dockerfile.
    assertThat(apply("LABEL k=v \\", "j=w").labels()).containsEntry("k", "v")
        .containsEntry("j", "w");
    rejects("LABEL k=v \\", "EXPOSE 81").hasMessageContaining("can't find = in \"EXPOSE\"");
  }

  @Test
  void blankAndCommentOnlyChangesDoNothing() {
    assertThat(apply("", "   ", "# nothing")).isEqualTo(base());
  }

  @ParameterizedTest
  @ValueSource(strings = {"RUN echo hi", "FROM scratch", "COPY a b", "ADD a b", "ARG x",
      "SHELL [\"bash\"]", "MAINTAINER me", "run x", "FOO bar"})
  void commandsDockerRefusesAreRefusedByTheirLowerCaseName(String change) {
    String name = change.split(" ")[0].toLowerCase();
    rejects(change).hasMessage(name + " is not a valid change command");
  }

  @Test
  void aRefusedCommandAnywhereFailsBeforeAnythingIsApplied() {
    rejects("USER app", "RUN x").hasMessage("run is not a valid change command");
  }

  @Test
  void nullChangeIsNamedByIndex() {
    var changes = new java.util.ArrayList<String>();
    changes.add("USER a");
    changes.add(null);
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> ConfigChanges.apply(null, changes)).hasMessage("change 1 is null");
  }

  @Test
  void applyToKeepsEveryOtherField() {
    var diff = Digest.parse("sha256:" + "a".repeat(64));
    var image = new ImageConfig("amd64", "linux", null, null, null, "2024-01-01T00:00:00Z",
        "me", base(), ImageConfig.RootFs.of(List.of(diff)),
        List.of(new ImageConfig.History(null, "x", null, null, null)), Map.of("extra", 1));
    var changed = ConfigChanges.applyTo(image, List.of("WORKDIR /w"));
    assertThat(changed.config().workingDir()).isEqualTo("/w");
    assertThat(changed.architecture()).isEqualTo("amd64");
    assertThat(changed.created()).isEqualTo(image.created());
    assertThat(changed.author()).isEqualTo("me");
    assertThat(changed.rootfs()).isEqualTo(image.rootfs());
    assertThat(changed.history()).isEqualTo(image.history());
    assertThat(changed.extra()).isEqualTo(image.extra());
  }

  @Test
  void applyToAnImageWithoutConfig() {
    var image = new ImageConfig("arm64", "linux", null, null, null, null, null, null, null,
        null, null);
    var changed = ConfigChanges.applyTo(image, List.of("CMD [\"/app\"]", "EXPOSE 8080"));
    assertThat(changed.config().cmd()).containsExactly("/app");
    assertThat(changed.config().exposedPorts()).containsOnlyKeys("8080/tcp");
  }

  @Test
  void resultSerialisesLikeDocker() {
    var image = new ImageConfig("amd64", "linux", null, null, null, null, null, null, null,
        null, null);
    String json = new String(ConfigChanges.applyTo(image,
        List.of("ENV A=1", "EXPOSE 80", "VOLUME /data")).toJson());
    assertThat(json).contains("\"ExposedPorts\":{\"80/tcp\":{}}", "\"Env\":[\"A=1\"]",
        "\"Volumes\":{\"/data\":{}}");
  }
}
