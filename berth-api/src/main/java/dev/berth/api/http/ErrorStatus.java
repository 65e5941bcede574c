package dev.berth.api.http;

import dev.berth.error.ErrorKind;

/** The HTTP status of each error kind, as the Docker clients read them (docker-api.md §5.2). */
public final class ErrorStatus {
  private ErrorStatus() {}

  public static int of(ErrorKind kind) {
    return switch (kind) {
      case INVALID_ARGUMENT -> 400;
      case NOT_FOUND -> 404;
      case ALREADY_EXISTS, FAILED_PRECONDITION -> 409;
      case UNAUTHENTICATED, SYSTEM -> 500;
    };
  }
}
