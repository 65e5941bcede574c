package dev.berth.registry.server;

/**
 * A request the registry refuses: the spec's code, a message naming the bad value, and the
 * status (the code's own unless a route needs another, e.g. 413 for an oversized manifest).
 */
public final class RegistryException extends RuntimeException {
  private final ErrorCode code;
  private final int status;

  public RegistryException(ErrorCode code, String message) {
    this(code, code.status(), message);
  }

  public RegistryException(ErrorCode code, int status, String message) {
    super(message);
    this.code = code;
    this.status = status;
  }

  public ErrorCode code() {
    return code;
  }

  public int status() {
    return status;
  }
}
