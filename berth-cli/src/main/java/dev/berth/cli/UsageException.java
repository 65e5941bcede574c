package dev.berth.cli;

import picocli.CommandLine;

/**
 * A wrong number of arguments, printed like docker: {@code berth: 'berth rm' requires at least
 * 1 argument}, the usage line, and a pointer to {@code --help}; exit 1.
 */
public final class UsageException extends CommandLine.ParameterException {
  private final boolean see;

  UsageException(CommandLine cl, String message, boolean see) {
    super(cl, message);
    this.see = see;
  }

  /** Docker says "See ..." after "requires at least" errors and "Run ..." after the others. */
  boolean see() {
    return see;
  }
}
