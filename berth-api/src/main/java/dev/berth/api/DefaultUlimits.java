package dev.berth.api;

import dev.berth.engine.HostConfig;
import dev.berth.error.BerthException;

/** {@code --default-ulimit nofile=1024:2048} (a single number sets both). */
final class DefaultUlimits {
  private DefaultUlimits() {}

  static HostConfig.Ulimit parse(String spec) {
    int eq = spec.indexOf('=');
    if (eq <= 0) {
      throw BerthException.invalid("invalid ulimit argument: " + spec);
    }
    String[] limits = spec.substring(eq + 1).split(":", 2);
    try {
      long soft = Long.parseLong(limits[0]);
      long hard = limits.length == 2 ? Long.parseLong(limits[1]) : soft;
      if (soft > hard) {
        throw BerthException.invalid("ulimit soft limit must be less than or equal to hard"
            + " limit: " + soft + " > " + hard);
      }
      return new HostConfig.Ulimit(spec.substring(0, eq), soft, hard);
    } catch (NumberFormatException e) {
      throw BerthException.invalid("invalid ulimit argument: " + spec);
    }
  }
}
