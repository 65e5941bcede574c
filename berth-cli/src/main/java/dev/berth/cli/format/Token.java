package dev.berth.cli.format;

/** One lexeme of a template: its kind, its text as written, its byte offset and line. */
record Token(Kind kind, String text, int pos, int line) {

  enum Kind {
    ERROR, EOF, TEXT, COMMENT, LEFT_DELIM, RIGHT_DELIM, SPACE, IDENTIFIER, FIELD, VARIABLE,
    STRING, RAW_STRING, CHAR_CONSTANT, NUMBER, BOOL, PIPE, LEFT_PAREN, RIGHT_PAREN,
    DECLARE, ASSIGN, CHAR,
    // keywords (with "." and nil, as in Go), which Go prints as <name>
    BLOCK, BREAK, CONTINUE, DOT, DEFINE, ELSE, END, IF, NIL, RANGE, TEMPLATE, WITH;

    boolean isKeyword() {
      return ordinal() >= BLOCK.ordinal();
    }
  }

  /** How Go's parser names a token in its error messages. */
  @Override
  public String toString() {
    if (kind == Kind.EOF) {
      return "EOF";
    }
    if (kind == Kind.ERROR) {
      return text;
    }
    if (kind.isKeyword()) {
      return "<" + text + ">";
    }
    if (text.length() > 10) {
      return GoPrinter.quote(text.substring(0, 10)) + "...";
    }
    return GoPrinter.quote(text);
  }
}
