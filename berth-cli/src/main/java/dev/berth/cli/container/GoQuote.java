package dev.berth.cli.container;

/** Go's {@code strconv.Quote} for the text docker shows (printable runes kept as is). */
final class GoQuote {
  private GoQuote() {}

  static String quote(String s) {
    var sb = new StringBuilder("\"");
    s.codePoints().forEach(cp -> {
      switch (cp) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        case 7 -> sb.append("\\a");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case 11 -> sb.append("\\v");
        default -> {
          if (cp < 0x20 || cp == 0x7f) {
            sb.append(String.format("\\x%02x", cp));
          } else {
            sb.appendCodePoint(cp);
          }
        }
      }
    });
    return sb.append('"').toString();
  }
}
