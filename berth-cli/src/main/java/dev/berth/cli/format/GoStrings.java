package dev.berth.cli.format;

/** Go string and rune literal escapes (strconv.Unquote), for template string constants. */
final class GoStrings {
  private GoStrings() {}

  /** The body of a double-quoted Go string, unescaped; null when an escape is malformed. */
  static String unquote(String body) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < body.length()) {
      char c = body.charAt(i++);
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (i >= body.length()) {
        return null;
      }
      char e = body.charAt(i++);
      switch (e) {
        case 'a' -> sb.append('\u0007');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'v' -> sb.append('\u000b');
        case '\\', '"', '\'' -> sb.append(e);
        case 'x', 'u', 'U' -> {
          int n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
          if (i + n > body.length()) {
            return null;
          }
          try {
            int cp = Integer.parseInt(body.substring(i, i + n), 16);
            if (e == 'x') {
              sb.append((char) cp);
            } else {
              sb.appendCodePoint(cp);
            }
          } catch (IllegalArgumentException bad) {
            return null;
          }
          i += n;
        }
        case '0', '1', '2', '3', '4', '5', '6', '7' -> {
          if (i + 2 > body.length()) {
            return null;
          }
          try {
            sb.append((char) Integer.parseInt(body.substring(i - 1, i + 2), 8));
          } catch (NumberFormatException bad) {
            return null;
          }
          i += 2;
        }
        default -> {
          return null;
        }
      }
    }
    return sb.toString();
  }

  /** The body of a rune literal ('a', '\n'); null when malformed. */
  static String unquoteChar(String body) {
    if (body.equals("\"")) {
      return body;
    }
    return unquote(body);
  }
}
