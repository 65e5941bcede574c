package dev.berth.cli.format;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

/** Go's fmt rules for {@code %v} and the quoting and float formatting the templates need. */
final class GoPrinter {
  private GoPrinter() {}

  /** fmt.Sprint of one value. */
  static String print(Object v) {
    StringBuilder sb = new StringBuilder();
    print(sb, Values.normalize(v), true);
    return sb.toString();
  }

  private static void print(StringBuilder sb, Object v, boolean top) {
    if (v == null || v == Values.NIL) {
      sb.append("<nil>");
    } else if (v instanceof String s) {
      sb.append(s);
    } else if (v instanceof Double d) {
      sb.append(formatFloat(d, 'g', -1));
    } else if (v instanceof Row r) {
      print(sb, r.json(), top);
    } else if (Values.isMap(v)) {
      sb.append("map[");
      boolean first = true;
      for (String k : Values.sortedKeys(v)) {
        if (!first) {
          sb.append(' ');
        }
        first = false;
        sb.append(k).append(':');
        print(sb, Values.mapGet(v, k), false);
      }
      sb.append(']');
    } else if (Values.isList(v)) {
      sb.append('[');
      List<Object> items = Values.list(v);
      for (int i = 0; i < items.size(); i++) {
        if (i > 0) {
          sb.append(' ');
        }
        print(sb, items.get(i), false);
      }
      sb.append(']');
    } else {
      sb.append(v);
    }
  }

  /** fmt.Sprint of several operands: a space between two operands when neither is a string. */
  static String sprint(List<Object> args) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < args.size(); i++) {
      Object a = args.get(i);
      if (i > 0 && !(a instanceof String) && !(args.get(i - 1) instanceof String)) {
        sb.append(' ');
      }
      sb.append(print(a));
    }
    return sb.toString();
  }

  /** fmt.Sprintln: always spaces, then a newline. */
  static String sprintln(List<Object> args) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < args.size(); i++) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(print(args.get(i)));
    }
    return sb.append('\n').toString();
  }

  /** strconv.Quote. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    s.codePoints().forEach(cp -> {
      switch (cp) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case 7 -> sb.append("\\a");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case 11 -> sb.append("\\v");
        default -> {
          if (cp < 0x20 || cp == 0x7f) {
            sb.append(String.format("\\x%02x", cp));
          } else if (!isPrintable(cp)) {
            sb.append(cp < 0x10000 ? String.format("\\u%04x", cp) : String.format("\\U%08x", cp));
          } else {
            sb.appendCodePoint(cp);
          }
        }
      }
    });
    return sb.append('"').toString();
  }

  static boolean isPrintable(int cp) {
    int type = Character.getType(cp);
    return cp == ' ' || !(Character.isISOControl(cp) || Character.isWhitespace(cp)
        || type == Character.UNASSIGNED || type == Character.FORMAT || type == Character.SURROGATE
        || type == Character.PRIVATE_USE || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR);
  }

  /** fmt's %#U: {@code U+0040 '@'}. */
  static String unicodeName(int cp) {
    String hex = String.format("U+%04X", cp);
    return isPrintable(cp) ? hex + " '" + new String(Character.toChars(cp)) + "'" : hex;
  }

  // ---- floats ----

  /**
   * strconv.FormatFloat for 'e', 'f' and 'g' with a precision, or -1 for the shortest digits
   * that read back as the same double.
   */
  static String formatFloat(double d, char fmt, int prec) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "+Inf" : "-Inf";
    }
    boolean negative = d < 0 || (d == 0 && 1 / d < 0);
    BigDecimal exact = new BigDecimal(Math.abs(d));
    boolean shortest = prec < 0;
    BigDecimal value = shortest ? new BigDecimal(Double.toString(Math.abs(d))) : exact;
    String out = switch (fmt) {
      case 'e', 'E' -> {
        BigDecimal r = shortest ? value : round(value, prec + 1);
        yield exponent(r, shortest ? -1 : prec, fmt);
      }
      case 'f', 'F' -> shortest ? plain(value) : value.setScale(prec, RoundingMode.HALF_EVEN).toPlainString();
      default -> {
        int eprec = prec;
        BigDecimal r = shortest ? value : round(value, prec == 0 ? 1 : prec);
        if (prec == 0) {
          eprec = 1;
        }
        Digits digits = digits(r);
        if (shortest) {
          eprec = 6;
        } else if (eprec > digits.count && digits.count >= digits.point) {
          eprec = digits.count;
        }
        int exp = digits.point - 1;
        if (r.signum() != 0 && (exp < -4 || exp >= eprec)) {
          yield exponent(r, digits.count - 1, fmt == 'G' ? 'E' : 'e');
        }
        yield plain(r);
      }
    };
    return negative ? "-" + out : out;
  }

  private record Digits(int count, int point) {}

  private static Digits digits(BigDecimal v) {
    if (v.signum() == 0) {
      return new Digits(1, 1);
    }
    BigDecimal s = v.stripTrailingZeros();
    int count = s.precision();
    int point = s.precision() - s.scale();
    return new Digits(count, point);
  }

  private static BigDecimal round(BigDecimal v, int significant) {
    return v.round(new MathContext(Math.max(significant, 1), RoundingMode.HALF_EVEN));
  }

  private static String plain(BigDecimal v) {
    if (v.signum() == 0) {
      return "0";
    }
    String s = v.stripTrailingZeros().toPlainString();
    return s;
  }

  /** d.ddde±XX with {@code decimals} digits after the point (-1: as many as needed). */
  private static String exponent(BigDecimal v, int decimals, char e) {
    if (v.signum() == 0) {
      String zeros = decimals > 0 ? "." + "0".repeat(decimals) : "";
      return "0" + zeros + e + "+00";
    }
    Digits d = digits(v);
    String unscaled = v.stripTrailingZeros().unscaledValue().toString();
    int exp = d.point - 1;
    String mantissa = unscaled.substring(0, 1);
    String rest = unscaled.substring(1);
    if (decimals >= 0) {
      rest = (rest + "0".repeat(Math.max(0, decimals))).substring(0, decimals);
    }
    if (!rest.isEmpty()) {
      mantissa += "." + rest;
    }
    String expText = String.format("%02d", Math.abs(exp));
    return mantissa + e + (exp < 0 ? "-" : "+") + expText;
  }
}
