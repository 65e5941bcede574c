package dev.berth.cli;

import dev.berth.cli.flags.Command;

/**
 * A wrong number of arguments, printed like docker: {@code berth: 'berth rm' requires at least
 * 1 argument}, the usage line, and a pointer to {@code --help}; exit 1.
 */
public final class UsageException extends RuntimeException {
  private final transient Command command;
  private final boolean see;

  UsageException(Command command, String message, boolean see) {
    super(message, null, false, false);
    this.command = command;
    this.see = see;
  }

  Command command() {
    return command;
  }

  /** Docker says "See ..." after "requires at least" errors and "Run ..." after the others. */
  boolean see() {
    return see;
  }
}
