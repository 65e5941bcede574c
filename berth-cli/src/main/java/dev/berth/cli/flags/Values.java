package dev.berth.cli.flags;

/** Conversions of flag values, with the reasons the CLI has always printed. */
final class Values {
  private Values() {}

  static boolean bool(String v) {
    if ("true".equalsIgnoreCase(v)) {
      return true;
    }
    if ("false".equalsIgnoreCase(v)) {
      return false;
    }
    throw new IllegalArgumentException("'" + v + "' is not a boolean");
  }

  static int integer(String v) {
    try {
      return Integer.decode(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + v + "' is not an int");
    }
  }

  static long longValue(String v) {
    try {
      return Long.decode(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + v + "' is not a long");
    }
  }

  static double decimal(String v) {
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + v + "' is not a double");
    }
  }
}
