package dev.berth.error;

/** An error of a known {@link ErrorKind}; the message names the bad value. */
public class BerthException extends RuntimeException {
  private final ErrorKind kind;

  public BerthException(ErrorKind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public BerthException(ErrorKind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public ErrorKind kind() {
    return kind;
  }

  public static BerthException invalid(String message) {
    return new BerthException(ErrorKind.INVALID_ARGUMENT, message);
  }

  public static BerthException notFound(String message) {
    return new BerthException(ErrorKind.NOT_FOUND, message);
  }

  public static BerthException exists(String message) {
    return new BerthException(ErrorKind.ALREADY_EXISTS, message);
  }

  public static BerthException precondition(String message) {
    return new BerthException(ErrorKind.FAILED_PRECONDITION, message);
  }

  public static BerthException system(String message, Throwable cause) {
    return new BerthException(ErrorKind.SYSTEM, message, cause);
  }

  /** Adds "doing X: " in front, keeping the kind: context where the error happens. */
  public BerthException wrap(String doing) {
    return new BerthException(kind, doing + ": " + getMessage(), this);
  }
}
