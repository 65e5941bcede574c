package dev.berth.registry.server;

import dev.berth.error.BerthException;
import java.time.Duration;
import java.util.Locale;

/** Sizes ({@code 4MiB}, {@code 512k}, {@code 10G}) and durations ({@code 90s}, {@code 5m}, {@code 2h}) on the command line. */
final class Sizes {
  private Sizes() {}

  static long bytes(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT).replace("ib", "").replace("b", "");
    long unit = 1;
    if (!t.isEmpty() && "kmgt".indexOf(t.charAt(t.length() - 1)) >= 0) {
      unit = 1L << (10 * ("kmgt".indexOf(t.charAt(t.length() - 1)) + 1));
      t = t.substring(0, t.length() - 1);
    }
    try {
      long n = Long.parseLong(t);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n * unit;
    } catch (NumberFormatException e) {
      throw BerthException.invalid("invalid size \"" + text + "\" (e.g. 4MiB, 512k, 10G)");
    }
  }

  static Duration duration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      char u = t.charAt(t.length() - 1);
      long n = Long.parseLong(t.substring(0, t.length() - 1));
      Duration d = switch (u) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        case 'd' -> Duration.ofDays(n);
        default -> throw new NumberFormatException();
      };
      if (n < 0) {
        throw new NumberFormatException();
      }
      return d;
    } catch (RuntimeException e) {
      throw BerthException.invalid("invalid duration \"" + text + "\" (e.g. 90s, 5m, 2h, 1d)");
    }
  }
}
