package dev.berth.registry.client;

import dev.berth.error.BerthException;
import dev.berth.error.ErrorKind;

/**
 * A registry answered with an error (or could not be reached): the HTTP status (0 when none), the
 * registry's error code ({@code MANIFEST_UNKNOWN}, {@code UNAUTHORIZED}, …; empty when the body
 * had none) and its message.
 */
public final class RegistryException extends BerthException {
  private final int status;
  private final String code;

  public RegistryException(int status, String code, String message) {
    super(kindOf(status), message);
    this.status = status;
    this.code = code == null ? "" : code;
  }

  public RegistryException(String message, Throwable cause) {
    super(ErrorKind.SYSTEM, message, cause);
    this.status = 0;
    this.code = "";
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** The registry refused the credentials (or wanted some): 401. */
  public boolean unauthorized() {
    return status == 401;
  }

  private static ErrorKind kindOf(int status) {
    if (status == 404) {
      return ErrorKind.NOT_FOUND;
    }
    if (status >= 400 && status < 500) {
      return ErrorKind.INVALID_ARGUMENT;
    }
    return ErrorKind.SYSTEM;
  }
}
