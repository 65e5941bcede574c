package dev.berth.cli.container;

import dev.berth.cli.CliException;
import dev.berth.cli.Errors;
import dev.berth.cli.flags.Command;

/** docker run's exit codes for a failed start: 127 not found, 126 cannot invoke, else 125. */
final class StartErrors {
  private StartErrors() {}

  static CliException of(Command spec, RuntimeException e) {
    if (e instanceof CliException c) {
      return c;
    }
    String text = Errors.describe(e);
    int code = CliException.DAEMON;
    if (text.contains("executable file not found") || text.contains("no such file or directory")) {
      code = CliException.NOT_FOUND;
    } else if (text.contains("permission denied") || text.contains("is a directory")) {
      code = CliException.CANNOT_INVOKE;
    }
    return Errors.runFailure(spec, e, code);
  }
}
