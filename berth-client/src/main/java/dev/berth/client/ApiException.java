package dev.berth.client;

/**
 * The daemon answered with an error status. {@link #getMessage()} is the daemon's own
 * {@code message} (what the docker CLI prints after "Error response from daemon: ").
 */
public final class ApiException extends RuntimeException {
  private final int status;

  public ApiException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }

  public boolean notFound() {
    return status == 404;
  }

  public boolean conflict() {
    return status == 409;
  }
}
