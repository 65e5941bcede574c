package dev.berth.image.change;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.error.BerthException;
import dev.berth.error.ErrorKind;
import dev.berth.oci.image.ImageConfig;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;

/** Shared configs and helpers for the change tests. */
final class Fixtures {
  private Fixtures() {}

  /** A busybox-like base: PATH set, CMD sh, a label and a port. */
  static ImageConfig.ContainerConfig base() {
    return new ImageConfig.ContainerConfig(null, Map.of("22/tcp", Map.of()),
        List.of("PATH=/usr/bin:/bin", "HOME=/root"), null, List.of("sh"), null, "/srv",
        Map.of("base", "yes"), null, null, null, null, null, null);
  }

  static ImageConfig.ContainerConfig apply(String... changes) {
    return ConfigChanges.apply(base(), List.of(changes));
  }

  static ImageConfig.ContainerConfig applyToNothing(String... changes) {
    return ConfigChanges.apply(null, List.of(changes));
  }

  static AbstractThrowableAssert<?, ? extends Throwable> rejects(String... changes) {
    return assertThatThrownBy(() -> apply(changes))
        .isInstanceOf(BerthException.class)
        .satisfies(e -> org.assertj.core.api.Assertions
            .assertThat(((BerthException) e).kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT));
  }
}
