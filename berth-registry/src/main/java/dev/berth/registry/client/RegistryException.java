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

  /**
   * The registry challenged for Basic credentials and there are none: docker's words, in the
   * form of Go's url.Error ({@code Head "https://…": no basic auth credentials}) that a pull
   * shows; a push shows only {@link #NO_BASIC_AUTH}.
   */
  public static RegistryException noBasicAuth(String method, java.net.URI uri) {
    String m = method.charAt(0) + method.substring(1).toLowerCase(java.util.Locale.ROOT);
    return new RegistryException(401, NO_CREDENTIALS, m + " \"" + uri + "\": " + NO_BASIC_AUTH);
  }

  /** Docker's message for a Basic challenge without credentials. */
  public static final String NO_BASIC_AUTH = "no basic auth credentials";
  /** The {@link #code} of {@link #noBasicAuth}: ours, not a registry's. */
  public static final String NO_CREDENTIALS = "NO_CREDENTIALS";

  private static ErrorKind kindOf(int status) {
    if (status == 404) {
      return ErrorKind.NOT_FOUND;
    }
    if (status == 401) {
      return ErrorKind.UNAUTHENTICATED;
    }
    if (status >= 400 && status < 500) {
      return ErrorKind.INVALID_ARGUMENT;
    }
    return ErrorKind.SYSTEM;
  }
}
