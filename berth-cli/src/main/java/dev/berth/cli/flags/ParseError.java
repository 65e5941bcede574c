package dev.berth.cli.flags;

/** A command line the parser rejects: a bad flag, or a word that names no command. */
public final class ParseError extends RuntimeException {
  /** What was wrong: docker exits 125 for flags and 1 for unknown commands. */
  public enum Kind { FLAG, UNKNOWN_COMMAND }

  private final transient Command command;
  private final Kind kind;

  ParseError(Command command, Kind kind, String message) {
    super(message, null, false, false);
    this.command = command;
    this.kind = kind;
  }

  public Command command() {
    return command;
  }

  public Kind kind() {
    return kind;
  }
}
