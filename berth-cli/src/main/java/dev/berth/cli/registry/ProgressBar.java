package dev.berth.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.container.Units;

/**
 * A layer's progress as docker's JSONProgress.String() draws it: a 50-wide bar when the
 * terminal is wider than 110 columns, "current/total" sizes, and the time left when wider
 * than 50.
 */
final class ProgressBar {
  private ProgressBar() {}

  static String of(JsonNode detail, int width, long nowSeconds) {
    long current = detail.path("current").asLong();
    long total = detail.path("total").asLong();
    String units = detail.path("units").asText("");
    if (current <= 0 && total <= 0) {
      return "";
    }
    if (total <= 0) {
      return units.isEmpty() ? String.format("%8s", Units.humanSize(current)) : current + " " + units;
    }
    int percentage = Math.min(50, (int) ((double) current / total * 100) / 2);
    String bar = "";
    if (width > 110) {
      bar = "[" + "=".repeat(percentage) + ">" + " ".repeat(Math.max(0, 50 - percentage)) + "] ";
    }
    String numbers = "";
    if (!detail.path("hidecounts").asBoolean()) {
      if (units.isEmpty()) {
        numbers = current > total ? String.format("%8s", Units.humanSize(current))
            : String.format("%8s/%s", Units.humanSize(current), Units.humanSize(total));
      } else {
        numbers = current > total ? String.format("%d %s", current, units)
            : String.format("%d/%d %s", current, total, units);
      }
    }
    String left = "";
    long start = detail.path("start").asLong();
    if (current > 0 && start > 0 && percentage < 50 && width > 50) {
      double perByte = (double) (nowSeconds - start) / current;
      left = " " + goSeconds((long) ((total - current) * perByte));
    }
    return bar + numbers + left;
  }

  /** Go's Duration.String() of whole seconds: "0s", "42s", "1m2s", "1h0m5s". */
  static String goSeconds(long s) {
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return s / 60 + "m" + s % 60 + "s";
    }
    return s / 3600 + "h" + s % 3600 / 60 + "m" + s % 60 + "s";
  }
}
