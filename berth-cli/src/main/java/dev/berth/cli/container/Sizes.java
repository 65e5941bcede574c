package dev.berth.cli.container;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Docker's size flags ({@code go-units RAMInBytes}): "64m", "1g", "512KiB", binary units. */
final class Sizes {
  private static final Pattern SIZE = Pattern.compile("^(\\d+(?:\\.\\d+)?) ?([kKmMgGtTpP])?[iI]?[bB]?$");

  private Sizes() {}

  /** A flag's value. */
  static Long parse(String value) {
    return ramInBytes(value);
  }

  static long ramInBytes(String value) {
    Matcher m = SIZE.matcher(value.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("invalid size: '" + value + "'");
    }
    double n = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
    long mult = switch (unit) {
      case "k" -> 1L << 10;
      case "m" -> 1L << 20;
      case "g" -> 1L << 30;
      case "t" -> 1L << 40;
      case "p" -> 1L << 50;
      default -> 1;
    };
    return (long) (n * mult);
  }

  /** {@code --memory-swap} also takes -1 (unlimited). */
  static final class Swap {
    private Swap() {}

    static Long parse(String value) {
      return value.trim().equals("-1") ? -1L : ramInBytes(value);
    }
  }
}
