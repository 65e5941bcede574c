package dev.berth.cli.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.cli.CliException;
import org.junit.jupiter.api.Test;

/** Reference display and checks, without a daemon. */
class ReferencesTest {
  @Test
  void splitsFamiliarNamesTagsAndDigests() {
    assertThat(References.split("docker.io/library/busybox:1.36"))
        .isEqualTo(new References.Parts("busybox", "1.36", null));
    assertThat(References.split("localhost:5000/team/app"))
        .isEqualTo(new References.Parts("localhost:5000/team/app", null, null));
    assertThat(References.split("docker.io/user/app@sha256:abc"))
        .isEqualTo(new References.Parts("user/app", null, "sha256:abc"));
    assertThat(References.shortId("sha256:226aed1a278eec4049e556de13b051f0080659d0d9e9bc7a8e3cc566ca7b8ae0"))
        .isEqualTo("226aed1a278e");
  }

  @Test
  void rejectsNamesDockerRejects() {
    assertThatThrownBy(() -> TargetName.check("Bad:Name"))
        .isInstanceOf(CliException.class)
        .hasMessage("Error parsing reference: \"Bad:Name\" is not a valid repository/tag: invalid reference"
            + " format: repository name (library/Bad) must be lowercase");
    assertThatThrownBy(() -> TargetName.check("bad name", false)).hasMessage("invalid reference format");
    assertThatThrownBy(() -> TargetName.check("ok:bad:tag!", false)).hasMessage("invalid reference format");
    TargetName.check("registry.example.com:5000/team/app_1:v1.2-rc");
    TargetName.check("localhost/a__b");
  }

  @Test
  void historyEllipsisKeepsFortyFiveCharacters() {
    String by = "/bin/sh -c #(nop) ADD file:0123456789abcdef in / ";
    assertThat(HistoryRow.ellipsis(by, 45)).hasSize(45).endsWith("…");
    assertThat(HistoryRow.ellipsis("short", 45)).isEqualTo("short");
  }
}
