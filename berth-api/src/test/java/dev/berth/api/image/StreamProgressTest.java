package dev.berth.api.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamProgressTest {
  @Test
  void barAndSizesAsDockerRendersThem() {
    assertThat(StreamProgress.bar(0, 100)).startsWith("[>").endsWith("] 0B/100B");
    assertThat(StreamProgress.bar(50, 100)).isEqualTo("[" + "=".repeat(25) + ">"
        + " ".repeat(24) + "] 50B/100B");
    assertThat(StreamProgress.bar(100, 100)).isEqualTo("[" + "=".repeat(50) + "] 100B/100B");
    assertThat(StreamProgress.human(2_129_920)).isEqualTo("2.13MB");
    assertThat(StreamProgress.human(32_000)).isEqualTo("32kB");
  }
}
