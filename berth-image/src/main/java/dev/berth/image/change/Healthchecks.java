package dev.berth.image.change;

import dev.berth.error.BerthException;
import dev.berth.oci.image.ImageConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * HEALTHCHECK: {@code NONE}, or {@code [--interval=d] [--timeout=d] [--start-period=d]
 * [--start-interval=d] [--retries=n] CMD command}. A shell-form command is kept as one string
 * under {@code CMD-SHELL}; the health checker runs it with the shell, not this code.
 */
final class Healthchecks {
  private static final Set<String> FLAGS =
      Set.of("interval", "timeout", "start-period", "start-interval", "retries");
  private static final long MINIMUM = 1_000_000L; // 1ms, Docker's smallest non-zero duration

  private Healthchecks() {}

  static ImageConfig.Healthcheck parse(Instruction in) {
    String rest = in.args();
    if (rest.isBlank()) {
      throw BerthException.invalid("HEALTHCHECK requires at least one argument");
    }
    String[] parts = rest.split("\\s+", 2);
    String type = parts[0].toUpperCase(Locale.ROOT);
    String command = parts.length == 2 ? parts[1] : "";
    if (type.equals("NONE")) {
      if (!command.isBlank() || !in.flags().isEmpty()) {
        throw BerthException.invalid("HEALTHCHECK NONE takes no arguments: " + rest);
      }
      return new ImageConfig.Healthcheck(List.of("NONE"), null, null, null, null, null);
    }
    Map<String, String> flags = Flags.parse(in, FLAGS);
    if (!type.equals("CMD")) {
      throw BerthException.invalid("Unknown type \"" + parts[0] + "\" in HEALTHCHECK (try CMD)");
    }
    var test = new ArrayList<String>();
    var json = Words.jsonArray(command);
    if (json.isPresent()) {
      test.add("CMD");
      test.addAll(json.get());
    } else if (!command.isBlank()) {
      test.add("CMD-SHELL");
      test.add(command);
    }
    if (test.size() < 2) {
      throw BerthException.invalid("Missing command after HEALTHCHECK CMD");
    }
    return new ImageConfig.Healthcheck(test,
        interval(flags, "interval"), interval(flags, "timeout"),
        interval(flags, "start-period"), interval(flags, "start-interval"),
        retries(flags.get("retries")));
  }

  /** Null for absent or zero: Go omits zero durations from the JSON. */
  private static Long interval(Map<String, String> flags, String name) {
    String value = flags.get(name);
    if (value == null || value.isEmpty()) {
      return null;
    }
    long nanos = GoDuration.parse(value, "--" + name);
    if (nanos == 0) {
      return null;
    }
    if (nanos < MINIMUM) {
      throw BerthException.invalid("Interval \"" + name + "\" cannot be less than 1ms: " + value);
    }
    return nanos;
  }

  private static Integer retries(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    int n;
    try {
      n = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw BerthException.invalid("--retries \"" + value + "\" is not a number");
    }
    if (n < 0) {
      throw BerthException.invalid("--retries cannot be negative (" + n + ")");
    }
    return n == 0 ? null : n;
  }
}
