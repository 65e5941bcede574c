package dev.berth.registry.server;

/**
 * The distribution spec's error codes with the HTTP status each is answered with (as
 * distribution's errcode registry maps them; clients switch on both).
 */
public enum ErrorCode {
  BLOB_UNKNOWN(404),
  BLOB_UPLOAD_INVALID(400),
  BLOB_UPLOAD_UNKNOWN(404),
  DIGEST_INVALID(400),
  MANIFEST_BLOB_UNKNOWN(400),
  MANIFEST_INVALID(400),
  MANIFEST_UNKNOWN(404),
  NAME_INVALID(400),
  NAME_UNKNOWN(404),
  PAGINATION_NUMBER_INVALID(400),
  SIZE_INVALID(400),
  TAG_INVALID(400),
  UNAUTHORIZED(401),
  DENIED(403),
  UNSUPPORTED(405),
  RANGE_INVALID(416),
  TOOMANYREQUESTS(429),
  /** distribution's code for anything else: a malformed request line, an internal failure */
  UNKNOWN(500);

  private final int status;

  ErrorCode(int status) {
    this.status = status;
  }

  public int status() {
    return status;
  }
}
