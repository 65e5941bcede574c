package dev.berth.error;

/**
 * What went wrong, as a closed set. The API maps each kind to an HTTP status and the CLI to an
 * exit code; nothing else inspects messages.
 */
public enum ErrorKind {
  /** The caller's input is malformed or names something impossible (HTTP 400). */
  INVALID_ARGUMENT,
  /** The thing named does not exist (HTTP 404). */
  NOT_FOUND,
  /** The thing to create exists already (HTTP 409). */
  ALREADY_EXISTS,
  /** The thing exists but is in the wrong state for this (HTTP 409). */
  FAILED_PRECONDITION,
  /**
   * A party we called (a registry) refused or wanted credentials. HTTP 500, as dockerd 20.10
   * answers a refused pull or login: it is the daemon's request that failed, not the caller's.
   */
  UNAUTHENTICATED,
  /** The host or kernel refused or failed (HTTP 500). */
  SYSTEM
}
