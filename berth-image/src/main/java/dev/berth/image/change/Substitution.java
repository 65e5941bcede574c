package dev.berth.image.change;

import dev.berth.error.BerthException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Dockerfile variable substitution and quote removal on one word: {@code $VAR}, {@code ${VAR}},
 * {@code ${VAR:-x}}, {@code ${VAR-x}}, {@code ${VAR:+x}}, {@code ${VAR+x}}, {@code ${VAR:?msg}},
 * {@code ${VAR?msg}}; single quotes are literal, double quotes allow substitution, a backslash
 * escapes the next character. Unset variables become empty. Pattern forms ({@code ${VAR#p}},
 * {@code %}, {@code /}) are not supported and fail as unsupported modifiers.
 */
final class Substitution {
  private static final int EOF = -1;

  private final String src;
  private final Function<String, String> env;
  private int pos;

  private Substitution(String src, Function<String, String> env) {
    this.src = src;
    this.env = env;
  }

  /** The word with variables substituted and quotes removed; blanks stay in it. */
  static String word(String word, Function<String, String> env) {
    var s = new Substitution(word, env);
    try {
      return s.process(EOF, new Collector());
    } catch (IllegalArgumentException e) {
      throw BerthException.invalid("failed to process \"" + word + "\": " + e.getMessage());
    }
  }

  /**
   * The word cut at blanks outside quotes, including blanks a variable's value brings in: only
   * EXPOSE does this, so {@code EXPOSE $PORTS} with {@code PORTS="80 443"} exposes both.
   */
  static List<String> words(String word, Function<String, String> env) {
    var s = new Substitution(word, env);
    var words = new Collector();
    try {
      s.process(EOF, words);
    } catch (IllegalArgumentException e) {
      throw BerthException.invalid("failed to process \"" + word + "\": " + e.getMessage());
    }
    return words.done();
  }

  private int peek() {
    return pos < src.length() ? src.charAt(pos) : EOF;
  }

  private int next() {
    return pos < src.length() ? src.charAt(pos++) : EOF;
  }

  private String process(int stopOn, Collector words) {
    var out = new StringBuilder();
    while (true) {
      int ch = next();
      if (ch == EOF) {
        if (stopOn != EOF) {
          throw new IllegalArgumentException("syntax error: missing '}'");
        }
        return out.toString();
      }
      if (ch == stopOn) {
        return out.toString();
      }
      if (ch == '\'') {
        String s = singleQuoted();
        out.append(s);
        words.raw(s);
      } else if (ch == '"') {
        String s = doubleQuoted();
        out.append(s);
        words.raw(s);
      } else if (ch == '$') {
        String s = dollar();
        out.append(s);
        words.split(s);
      } else if (ch == '\\') {
        int escaped = next();
        if (escaped == EOF) {
          return out.toString(); // a backslash at the end is dropped
        }
        out.append((char) escaped);
        words.raw(String.valueOf((char) escaped));
      } else {
        out.append((char) ch);
        words.split(String.valueOf((char) ch));
      }
    }
  }

  private String singleQuoted() {
    var out = new StringBuilder();
    while (true) {
      int ch = next();
      if (ch == EOF) {
        throw new IllegalArgumentException(
            "unexpected end of statement while looking for matching single-quote");
      }
      if (ch == '\'') {
        return out.toString();
      }
      out.append((char) ch);
    }
  }

  private String doubleQuoted() {
    var out = new StringBuilder();
    while (true) {
      int ch = next();
      if (ch == EOF) {
        throw new IllegalArgumentException(
            "unexpected end of statement while looking for matching double-quote");
      }
      if (ch == '"') {
        return out.toString();
      }
      if (ch == '$') {
        out.append(dollar());
      } else if (ch == '\\') {
        int p = peek();
        if (p == EOF) {
          continue;
        }
        // Only these can be escaped inside double quotes; other backslashes stay.
        if (p == '"' || p == '$' || p == '\\') {
          out.append((char) next());
        } else {
          out.append('\\');
        }
      } else {
        out.append((char) ch);
      }
    }
  }

  private String dollar() {
    if (peek() != '{') {
      String name = name();
      if (name.isEmpty()) {
        return "$";
      }
      String value = env.apply(name);
      return value == null ? "" : value;
    }
    next();
    int p = peek();
    if (p == EOF) {
      throw new IllegalArgumentException("syntax error: missing '}'");
    }
    if (p == '{' || p == '}' || p == ':') {
      throw new IllegalArgumentException("syntax error: bad substitution");
    }
    String name = name();
    int ch = next();
    String value = env.apply(name);
    switch (ch) {
      case EOF -> throw new IllegalArgumentException("syntax error: missing '}'");
      case '}' -> {
        return value == null ? "" : value;
      }
      case ':' -> {
        int modifier = next();
        String word = process('}', new Collector());
        return modified(name, value, modifier, word, true);
      }
      case '-', '+', '?' -> {
        String word = process('}', new Collector());
        return modified(name, value, ch, word, false);
      }
      default -> throw new IllegalArgumentException(
          "unsupported modifier (" + (char) ch + ") in substitution");
    }
  }

  /** With a colon an empty value counts as unset, without one only an unset variable does. */
  private static String modified(String name, String value, int modifier, String word,
      boolean colon) {
    boolean missing = colon ? value == null || value.isEmpty() : value == null;
    return switch (modifier) {
      case '-' -> missing ? word : value;
      case '+' -> missing ? "" : word;
      case '?' -> {
        if (missing) {
          String why = !word.isEmpty() ? word
              : value == null ? "is not allowed to be unset" : "is not allowed to be empty";
          throw new IllegalArgumentException(name + ": " + why);
        }
        yield value;
      }
      default -> throw new IllegalArgumentException("unsupported modifier ("
          + (modifier == EOF ? "" : String.valueOf((char) modifier)) + ") in substitution");
    };
  }

  /** A name is letters, digits and underscores; a leading digit run or one special char. */
  private String name() {
    int start = pos;
    int p = peek();
    if (p != EOF && Character.isDigit(p)) {
      while (peek() != EOF && Character.isDigit(peek())) {
        pos++;
      }
      return src.substring(start, pos);
    }
    if (p != EOF && "@*#?-$!0".indexOf(p) >= 0) {
      pos++;
      return src.substring(start, pos);
    }
    while (peek() != EOF && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
      pos++;
    }
    return src.substring(start, pos);
  }

  /** Collects words: blanks from plain text or unquoted values split, quoted text never does. */
  private static final class Collector {
    private final List<String> words = new ArrayList<>();
    private final StringBuilder word = new StringBuilder();

    void split(String s) {
      for (int i = 0; i < s.length(); i++) {
        char ch = s.charAt(i);
        if (Character.isWhitespace(ch)) {
          flush();
        } else {
          word.append(ch);
        }
      }
    }

    void raw(String s) {
      word.append(s);
    }

    private void flush() {
      if (!word.isEmpty()) {
        words.add(word.toString());
        word.setLength(0);
      }
    }

    List<String> done() {
      flush();
      return List.copyOf(words);
    }
  }
}
