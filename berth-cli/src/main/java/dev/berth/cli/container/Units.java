package dev.berth.cli.container;

import java.util.Locale;

/** go-units sizes: decimal "4.86MB" (HumanSize) and binary "1.5MiB" (BytesSize). */
public final class Units {
  private static final String[] DECIMAL = {"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
  private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB",
      "YiB"};

  private Units() {}

  /** {@code HumanSize}: decimal units, 4 significant digits ("Total reclaimed space"). */
  public static String humanSize(double size) {
    return custom(size, 1000.0, DECIMAL, 4);
  }

  /** {@code HumanSizeWithPrecision(size, 3)}: ps sizes, stats I/O. */
  public static String humanSize3(double size) {
    return custom(size, 1000.0, DECIMAL, 3);
  }

  /** {@code BytesSize}: binary units, as docker stats prints memory. */
  public static String bytesSize(double size) {
    return custom(size, 1024.0, BINARY, 4);
  }

  private static String custom(double size, double base, String[] units, int precision) {
    int i = 0;
    while (size >= base && i < units.length - 1) {
      size /= base;
      i++;
    }
    return formatG(size, precision) + units[i];
  }

  /** Go's {@code %.Ng}: N significant digits, no trailing zeros. */
  static String formatG(double v, int precision) {
    if (v == 0) {
      return "0";
    }
    var d = new java.math.BigDecimal(v).round(new java.math.MathContext(precision));
    if (d.precision() - d.scale() > precision) {
      // Go switches to exponent form when the integer part needs more digits than N
      return String.format(Locale.ROOT, "%." + (precision - 1) + "e", v)
          .replaceAll("\\.?0+e", "e").replace("e+0", "e+0");
    }
    return d.stripTrailingZeros().toPlainString();
  }
}
