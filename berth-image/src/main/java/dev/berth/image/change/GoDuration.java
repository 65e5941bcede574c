package dev.berth.image.change;

import dev.berth.error.BerthException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/** Go's {@code time.ParseDuration}: {@code 30s}, {@code 1m30s}, {@code 1.5h}, {@code 250ms}. */
final class GoDuration {
  private static final Map<String, Long> UNITS = Map.of(
      "ns", 1L, "us", 1_000L, "\u00b5s", 1_000L, "\u03bcs", 1_000L, "ms", 1_000_000L,
      "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);
  private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private GoDuration() {}

  /** Nanoseconds; {@code what} names the flag in errors. */
  static long parse(String s, String what) {
    String bad = what + ": time: invalid duration \"" + s + "\"";
    int pos = 0;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      negative = s.charAt(0) == '-';
      pos = 1;
    }
    if (s.substring(pos).equals("0")) {
      return 0;
    }
    if (pos == s.length()) {
      throw BerthException.invalid(bad);
    }
    BigDecimal total = BigDecimal.ZERO;
    while (pos < s.length()) {
      int start = pos;
      while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
        pos++;
      }
      String number = s.substring(start, pos);
      boolean twoDots = number.indexOf('.') != number.lastIndexOf('.');
      if (number.isEmpty() || number.equals(".") || twoDots) {
        throw BerthException.invalid(bad);
      }
      int unitStart = pos;
      while (pos < s.length() && !Character.isDigit(s.charAt(pos)) && s.charAt(pos) != '.') {
        pos++;
      }
      String unit = s.substring(unitStart, pos);
      if (unit.isEmpty()) {
        throw BerthException.invalid(what + ": time: missing unit in duration \"" + s + "\"");
      }
      Long scale = UNITS.get(unit);
      if (scale == null) {
        throw BerthException.invalid(what + ": time: unknown unit \"" + unit
            + "\" in duration \"" + s + "\"");
      }
      total = total.add(new BigDecimal(number).multiply(BigDecimal.valueOf(scale)));
    }
    BigInteger nanos = total.toBigInteger(); // Go drops the fraction of a nanosecond
    if (nanos.compareTo(MAX) > 0) {
      throw BerthException.invalid(bad);
    }
    return negative ? -nanos.longValue() : nanos.longValue();
  }
}
