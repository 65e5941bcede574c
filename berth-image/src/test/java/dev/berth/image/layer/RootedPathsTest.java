package dev.berth.image.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.error.BerthException;
import org.junit.jupiter.api.Test;

/** Names already clean take the short way through {@link RootedPaths#clean}; the rest are folded. */
class RootedPathsTest {
  @Test
  void cleanNamesComeBackAsTheyAreLessATrailingSlash() {
    assertThat(RootedPaths.clean("usr/bin/env")).isEqualTo("usr/bin/env");
    assertThat(RootedPaths.clean("usr/share/")).isEqualTo("usr/share");
    assertThat(RootedPaths.clean(".wh..wh..opq")).isEqualTo(".wh..wh..opq");
    assertThat(RootedPaths.clean("etc/.hidden/...")).isEqualTo("etc/.hidden/...");
    assertThat(RootedPaths.clean("a")).isEqualTo("a");
  }

  @Test
  void otherNamesAreFolded() {
    assertThat(RootedPaths.clean("./usr/bin/")).isEqualTo("usr/bin");
    assertThat(RootedPaths.clean("usr//bin/./env")).isEqualTo("usr/bin/env");
    assertThat(RootedPaths.clean("usr/lib/../bin")).isEqualTo("usr/bin");
    assertThat(RootedPaths.clean("./")).isEmpty();
    assertThat(RootedPaths.clean("")).isEmpty();
  }

  @Test
  void escapesAndNulAreRejected() {
    assertThatThrownBy(() -> RootedPaths.clean("/etc/passwd")).isInstanceOf(BerthException.class)
        .hasMessageContaining("absolute");
    assertThatThrownBy(() -> RootedPaths.clean("a/../../b")).isInstanceOf(BerthException.class)
        .hasMessageContaining("climbs out");
    assertThatThrownBy(() -> RootedPaths.clean("..")).isInstanceOf(BerthException.class);
    assertThatThrownBy(() -> RootedPaths.clean("a/b\0c")).isInstanceOf(BerthException.class)
        .hasMessageContaining("NUL");
  }
}
