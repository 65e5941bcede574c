package dev.berth.cli;

/**
 * A command failed: {@code message} goes to stderr as is, the process exits with
 * {@code exitCode}. Use the constants for docker's codes.
 */
public class CliException extends RuntimeException {
  /** A daemon or engine error in run/create/start (docker's 125). */
  public static final int DAEMON = 125;
  /** The container's command could not be invoked (permission denied, a directory). */
  public static final int CANNOT_INVOKE = 126;
  /** The container's command was not found. */
  public static final int NOT_FOUND = 127;
  /** Any other failure of a command, as docker: 1. */
  public static final int FAILED = 1;

  private final int exitCode;

  public CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public CliException(String message) {
    this(FAILED, message);
  }

  public int exitCode() {
    return exitCode;
  }
}
