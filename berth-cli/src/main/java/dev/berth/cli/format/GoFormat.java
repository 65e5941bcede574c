package dev.berth.cli.format;

import java.util.List;

/** fmt.Sprintf for the verbs templates use: %v %s %q %d %x %X %o %b %c %t %e %f %g %%. */
final class GoFormat {
  private GoFormat() {}

  static String sprintf(String format, List<Object> args) {
    StringBuilder out = new StringBuilder();
    int argIndex = 0;
    int i = 0;
    while (i < format.length()) {
      char c = format.charAt(i);
      if (c != '%') {
        out.append(c);
        i++;
        continue;
      }
      i++;
      boolean minus = false;
      boolean plus = false;
      boolean space = false;
      boolean zero = false;
      boolean sharp = false;
      flags:
      while (i < format.length()) {
        switch (format.charAt(i)) {
          case '-' -> minus = true;
          case '+' -> plus = true;
          case ' ' -> space = true;
          case '0' -> zero = true;
          case '#' -> sharp = true;
          default -> {
            break flags;
          }
        }
        i++;
      }
      int width = -1;
      if (i < format.length() && format.charAt(i) == '*') {
        i++;
        if (argIndex < args.size() && Values.normalize(args.get(argIndex)) instanceof Long w) {
          width = (int) Math.abs(w);
          minus |= w < 0;
        }
        argIndex++;
      } else {
        int start = i;
        while (i < format.length() && Character.isDigit(format.charAt(i))) {
          i++;
        }
        if (i > start) {
          width = Integer.parseInt(format.substring(start, i));
        }
      }
      int prec = -1;
      if (i < format.length() && format.charAt(i) == '.') {
        i++;
        int start = i;
        while (i < format.length() && Character.isDigit(format.charAt(i))) {
          i++;
        }
        prec = Integer.parseInt("0" + format.substring(start, i));
      }
      if (i >= format.length()) {
        out.append("%!(NOVERB)");
        break;
      }
      char verb = format.charAt(i++);
      if (verb == '%') {
        out.append('%');
        continue;
      }
      if (argIndex >= args.size()) {
        out.append("%!").append(verb).append("(MISSING)");
        continue;
      }
      Object arg = Values.normalize(args.get(argIndex++));
      String text = verb(verb, arg, prec, plus, space, sharp);
      if (text == null) {
        text = "%!" + verb + "(" + Values.typeName(arg) + "=" + GoPrinter.print(arg) + ")";
        if (arg == Values.NIL) {
          text = "%!" + verb + "(<nil>)";
        }
      }
      out.append(pad(text, width, minus, zero && !minus && !(arg instanceof String)));
    }
    if (argIndex < args.size()) {
      out.append("%!(EXTRA ");
      for (int k = argIndex; k < args.size(); k++) {
        Object a = Values.normalize(args.get(k));
        if (k > argIndex) {
          out.append(", ");
        }
        out.append(a == Values.NIL ? "<nil>" : Values.typeName(a) + "=" + GoPrinter.print(a));
      }
      out.append(')');
    }
    return out.toString();
  }

  private static String verb(char verb, Object arg, int prec, boolean plus, boolean space, boolean sharp) {
    switch (verb) {
      case 'v' -> {
        if (sharp && arg instanceof String s) {
          return GoPrinter.quote(s);
        }
        if (arg instanceof Double d) {
          return sign(GoPrinter.formatFloat(d, 'g', prec), plus, space);
        }
        if (arg instanceof Long l) {
          return sign(Long.toString(l), plus, space);
        }
        return GoPrinter.print(arg);
      }
      case 's' -> {
        if (arg instanceof String s) {
          return prec >= 0 && prec < s.length() ? s.substring(0, prec) : s;
        }
        if (Values.isList(arg) || Values.isMap(arg)) {
          return GoPrinter.print(arg);
        }
        return arg == Values.NIL ? "%!s(<nil>)" : null;
      }
      case 'q' -> {
        if (arg instanceof String s) {
          return sharp && !s.contains("`") ? "`" + s + "`" : GoPrinter.quote(s);
        }
        if (arg instanceof Long l) {
          return "'" + GoPrinter.quote(new String(Character.toChars(l.intValue()))).replaceAll("^\"|\"$", "") + "'";
        }
        return null;
      }
      case 'd' -> {
        return arg instanceof Long l ? sign(Long.toString(l), plus, space) : null;
      }
      case 'x', 'X' -> {
        String s;
        if (arg instanceof Long l) {
          s = (l < 0 ? "-" : "") + (sharp ? "0x" : "") + Long.toHexString(Math.abs(l));
        } else if (arg instanceof String str) {
          StringBuilder sb = new StringBuilder();
          for (byte b : str.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            sb.append(String.format("%02x", b));
          }
          s = sb.toString();
        } else {
          return null;
        }
        return verb == 'X' ? s.toUpperCase() : s;
      }
      case 'o' -> {
        return arg instanceof Long l ? (sharp ? "0" : "") + Long.toOctalString(l) : null;
      }
      case 'b' -> {
        return arg instanceof Long l ? Long.toBinaryString(l) : null;
      }
      case 'c' -> {
        return arg instanceof Long l ? new String(Character.toChars(l.intValue())) : null;
      }
      case 't' -> {
        return arg instanceof Boolean b ? b.toString() : null;
      }
      case 'U' -> {
        return arg instanceof Long l ? String.format("U+%04X", l) : null;
      }
      case 'T' -> {
        return arg == Values.NIL ? "<nil>" : Values.typeName(arg);
      }
      case 'e', 'E', 'f', 'F', 'g', 'G' -> {
        if (!(arg instanceof Double d)) {
          return null;
        }
        int p = prec;
        if (p < 0 && (verb == 'e' || verb == 'E' || verb == 'f' || verb == 'F')) {
          p = 6;
        }
        return sign(GoPrinter.formatFloat(d, verb, p), plus, space);
      }
      default -> {
        return null;
      }
    }
  }

  private static String sign(String s, boolean plus, boolean space) {
    if (s.startsWith("-") || s.startsWith("+")) {
      return s;
    }
    return plus ? "+" + s : space ? " " + s : s;
  }

  private static String pad(String s, int width, boolean left, boolean zero) {
    int n = s.codePointCount(0, s.length());
    if (width <= n) {
      return s;
    }
    String fill = (zero ? "0" : " ").repeat(width - n);
    if (left) {
      return s + fill;
    }
    if (zero && (s.startsWith("-") || s.startsWith("+"))) {
      return s.charAt(0) + fill + s.substring(1);
    }
    return fill + s;
  }
}
