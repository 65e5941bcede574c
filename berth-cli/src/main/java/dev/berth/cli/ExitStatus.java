package dev.berth.cli;

/**
 * Ends the command with an exit code and nothing printed (the container's own status, or a
 * failure already reported on stderr). {@code message}, if non-empty, is printed first.
 */
public final class ExitStatus extends CliException {
  public ExitStatus(int code) {
    super(code, "");
  }

  public ExitStatus(int code, String message) {
    super(code, message);
  }
}
