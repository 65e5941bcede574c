package dev.berth.cli.format;

import dev.berth.cli.format.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits a template into tokens the way Go's text/template lexer does: text between actions,
 * {@code {{- -}}} trimming, comments, and the words inside actions. A lexing error becomes an
 * ERROR token (the parser reports it with its line), as in Go.
 */
final class Lexer {
  private static final String LEFT = "{{";
  private static final String RIGHT = "}}";
  private static final Map<String, Kind> KEYWORDS = Map.ofEntries(
      Map.entry(".", Kind.DOT), Map.entry("block", Kind.BLOCK), Map.entry("break", Kind.BREAK),
      Map.entry("continue", Kind.CONTINUE), Map.entry("define", Kind.DEFINE),
      Map.entry("else", Kind.ELSE), Map.entry("end", Kind.END), Map.entry("if", Kind.IF),
      Map.entry("range", Kind.RANGE), Map.entry("nil", Kind.NIL),
      Map.entry("template", Kind.TEMPLATE), Map.entry("with", Kind.WITH));

  private final String input;
  private final List<Token> tokens = new ArrayList<>();
  private int start;
  private int pos;
  private int line = 1;
  private int startLine = 1;
  private int parenDepth;

  private Lexer(String input) {
    this.input = input;
  }

  static List<Token> lex(String input) {
    Lexer l = new Lexer(input);
    l.run();
    return l.tokens;
  }

  private void run() {
    while (lexText()) {
      int state = lexLeftDelim();
      if (state == STOP || (state == ACTION && !lexInsideAction())) {
        return;
      }
    }
  }

  // ---- text ----

  /** Text up to the next "{{"; false at end of input. */
  private boolean lexText() {
    int x = input.indexOf(LEFT, pos);
    if (x < 0) {
      pos = input.length();
      if (pos > start) {
        emit(Kind.TEXT);
      }
      emit(Kind.EOF);
      return false;
    }
    pos = x;
    int trimLength = 0;
    if (hasLeftTrimMarker(x + LEFT.length())) {
      trimLength = rightTrimLength(input.substring(start, x));
    }
    pos -= trimLength;
    if (pos > start) {
      emit(Kind.TEXT);
    }
    pos += trimLength;
    ignore();
    return true;
  }

  private static final int STOP = 0;
  private static final int ACTION = 1;
  private static final int TEXT = 2;

  /** After "{{": an action follows, or a comment was skipped (back to text), or an error. */
  private int lexLeftDelim() {
    pos += LEFT.length();
    boolean trim = hasLeftTrimMarker(pos);
    int afterMarker = trim ? 2 : 0;
    if (input.startsWith("/*", pos + afterMarker)) {
      pos += afterMarker;
      ignore();
      return lexComment() ? TEXT : STOP;
    }
    emit(Kind.LEFT_DELIM);
    pos += afterMarker;
    ignore();
    parenDepth = 0;
    return ACTION;
  }

  private boolean lexComment() {
    int x = input.indexOf("*/", pos + 2);
    if (x < 0) {
      return error("unclosed comment");
    }
    pos = x + 2;
    boolean trim = atRightTrim();
    if (!trim && !input.startsWith(RIGHT, pos)) {
      return error("comment ends before closing delimiter");
    }
    ignore();
    pos += trim ? 2 + RIGHT.length() : RIGHT.length();
    if (trim) {
      pos += leftTrimLength(input.substring(pos));
    }
    ignore();
    return true;
  }

  // ---- inside an action ----

  private boolean lexInsideAction() {
    while (true) {
      boolean trim = atRightTrim();
      if (trim || input.startsWith(RIGHT, pos)) {
        if (parenDepth != 0) {
          return error("unclosed left paren");
        }
        if (trim) {
          pos += 2;
          ignore();
        }
        pos += RIGHT.length();
        emit(Kind.RIGHT_DELIM);
        if (trim) {
          pos += leftTrimLength(input.substring(pos));
          ignore();
        }
        return true;
      }
      if (pos >= input.length()) {
        return error("unclosed action");
      }
      char c = input.charAt(pos);
      if (isSpace(c)) {
        lexSpace();
      } else if (c == '=') {
        pos++;
        emit(Kind.ASSIGN);
      } else if (c == ':') {
        if (!input.startsWith(":=", pos)) {
          return error("expected :=");
        }
        pos += 2;
        emit(Kind.DECLARE);
      } else if (c == '|') {
        pos++;
        emit(Kind.PIPE);
      } else if (c == '"') {
        if (!lexQuote()) {
          return false;
        }
      } else if (c == '`') {
        if (!lexRawQuote()) {
          return false;
        }
      } else if (c == '$') {
        pos++;
        if (!lexFieldOrVariable(Kind.VARIABLE)) {
          return false;
        }
      } else if (c == '\'') {
        if (!lexChar()) {
          return false;
        }
      } else if (c == '.') {
        if (pos + 1 < input.length() && Character.isDigit(input.charAt(pos + 1))) {
          if (!lexNumber()) {
            return false;
          }
        } else {
          pos++;
          if (!lexFieldOrVariable(Kind.FIELD)) {
            return false;
          }
        }
      } else if (c == '+' || c == '-' || Character.isDigit(c)) {
        if (!lexNumber()) {
          return false;
        }
      } else if (isAlphaNumeric(c)) {
        if (!lexIdentifier()) {
          return false;
        }
      } else if (c == '(') {
        pos++;
        emit(Kind.LEFT_PAREN);
        parenDepth++;
      } else if (c == ')') {
        pos++;
        parenDepth--;
        if (parenDepth < 0) {
          return error("unexpected right paren");
        }
        emit(Kind.RIGHT_PAREN);
      } else if (c < 0x7f && c >= 0x20) {
        pos++;
        emit(Kind.CHAR);
      } else {
        int cp = input.codePointAt(pos);
        return error("unrecognized character in action: " + GoPrinter.unicodeName(cp));
      }
    }
  }

  private void lexSpace() {
    int spaces = 0;
    while (pos < input.length() && isSpace(input.charAt(pos))) {
      pos++;
      spaces++;
    }
    // A space followed by "-}}" belongs to the trim marker.
    if (input.startsWith(" -" + RIGHT, pos - 1)) {
      pos--;
      if (spaces == 1) {
        return;
      }
    }
    emit(Kind.SPACE);
  }

  private boolean lexIdentifier() {
    while (pos < input.length() && isAlphaNumeric(input.charAt(pos))) {
      pos++;
    }
    if (!atTerminator()) {
      return error("bad character " + GoPrinter.unicodeName(input.codePointAt(pos)));
    }
    String word = input.substring(start, pos);
    Kind kind = KEYWORDS.get(word);
    if (kind != null && kind != Kind.DOT) {
      emit(kind);
    } else if (word.equals("true") || word.equals("false")) {
      emit(Kind.BOOL);
    } else {
      emit(Kind.IDENTIFIER);
    }
    return true;
  }

  private boolean lexFieldOrVariable(Kind kind) {
    if (atTerminator()) {
      emit(kind == Kind.VARIABLE ? Kind.VARIABLE : Kind.DOT);
      return true;
    }
    while (pos < input.length() && isAlphaNumeric(input.charAt(pos))) {
      pos++;
    }
    if (!atTerminator()) {
      return error("bad character " + GoPrinter.unicodeName(input.codePointAt(pos)));
    }
    emit(kind);
    return true;
  }

  private boolean atTerminator() {
    if (pos >= input.length()) {
      return true;
    }
    char c = input.charAt(pos);
    if (isSpace(c)) {
      return true;
    }
    return switch (c) {
      case '.', ',', '|', ':', ')', '(', '=' -> true;
      default -> input.startsWith(RIGHT, pos);
    };
  }

  private boolean lexChar() {
    pos++;
    while (true) {
      if (pos >= input.length() || input.charAt(pos) == '\n') {
        return error("unterminated character constant");
      }
      char c = input.charAt(pos++);
      if (c == '\\' && pos < input.length() && input.charAt(pos) != '\n') {
        pos++;
      } else if (c == '\'') {
        break;
      }
    }
    emit(Kind.CHAR_CONSTANT);
    return true;
  }

  private boolean lexNumber() {
    int p = pos;
    if (p < input.length() && (input.charAt(p) == '+' || input.charAt(p) == '-')) {
      p++;
    }
    String digits = "0123456789_";
    if (input.startsWith("0x", p) || input.startsWith("0X", p)) {
      p += 2;
      digits = "0123456789abcdefABCDEF_";
    } else if (input.startsWith("0o", p) || input.startsWith("0O", p)) {
      p += 2;
      digits = "01234567_";
    } else if (input.startsWith("0b", p) || input.startsWith("0B", p)) {
      p += 2;
      digits = "01_";
    }
    p = skip(p, digits);
    if (p < input.length() && input.charAt(p) == '.') {
      p = skip(p + 1, digits);
    }
    if (digits.length() == 11 && p < input.length() && "eE".indexOf(input.charAt(p)) >= 0) {
      p++;
      if (p < input.length() && "+-".indexOf(input.charAt(p)) >= 0) {
        p++;
      }
      p = skip(p, "0123456789_");
    }
    if (digits.length() > 11 && p < input.length() && "pP".indexOf(input.charAt(p)) >= 0) {
      p++;
      if (p < input.length() && "+-".indexOf(input.charAt(p)) >= 0) {
        p++;
      }
      p = skip(p, "0123456789_");
    }
    if (p < input.length() && isAlphaNumeric(input.charAt(p))) {
      pos = p + 1;
      return error("bad number syntax: " + GoPrinter.quote(input.substring(start, pos)));
    }
    pos = p;
    emit(Kind.NUMBER);
    return true;
  }

  private int skip(int p, String accepted) {
    while (p < input.length() && accepted.indexOf(input.charAt(p)) >= 0) {
      p++;
    }
    return p;
  }

  private boolean lexQuote() {
    pos++;
    while (true) {
      if (pos >= input.length() || input.charAt(pos) == '\n') {
        return error("unterminated quoted string");
      }
      char c = input.charAt(pos++);
      if (c == '\\' && pos < input.length() && input.charAt(pos) != '\n') {
        pos++;
      } else if (c == '"') {
        break;
      }
    }
    emit(Kind.STRING);
    return true;
  }

  private boolean lexRawQuote() {
    int end = input.indexOf('`', pos + 1);
    if (end < 0) {
      return error("unterminated raw quoted string");
    }
    pos = end + 1;
    emit(Kind.RAW_STRING);
    return true;
  }

  // ---- helpers ----

  private boolean atRightTrim() {
    return input.startsWith(" -" + RIGHT, pos) || input.startsWith("\t-" + RIGHT, pos)
        || input.startsWith("\n-" + RIGHT, pos) || input.startsWith("\r-" + RIGHT, pos);
  }

  private boolean hasLeftTrimMarker(int at) {
    return at + 1 < input.length() && input.charAt(at) == '-' && isSpace(input.charAt(at + 1));
  }

  private static int rightTrimLength(String s) {
    int n = s.length();
    while (n > 0 && isSpace(s.charAt(n - 1))) {
      n--;
    }
    return s.length() - n;
  }

  private static int leftTrimLength(String s) {
    int n = 0;
    while (n < s.length() && isSpace(s.charAt(n))) {
      n++;
    }
    return n;
  }

  private void emit(Kind kind) {
    tokens.add(new Token(kind, input.substring(start, pos), start, startLine));
    ignore();
  }

  private void ignore() {
    line += count(input.substring(start, pos));
    start = pos;
    startLine = line;
  }

  private boolean error(String message) {
    tokens.add(new Token(Kind.ERROR, message, start, line));
    return false;
  }

  private static int count(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\n') {
        n++;
      }
    }
    return n;
  }

  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  static boolean isAlphaNumeric(char c) {
    return c == '_' || Character.isLetterOrDigit(c);
  }
}
