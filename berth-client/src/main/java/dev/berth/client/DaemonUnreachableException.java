package dev.berth.client;

/** No daemon listens at the host address (refused, missing socket, TLS handshake failure). */
public final class DaemonUnreachableException extends RuntimeException {
  private final String host;

  public DaemonUnreachableException(String host, Throwable cause) {
    super("Cannot connect to the Berth daemon at " + host + ". Is the berth daemon running?",
        cause);
    this.host = host;
  }

  public String host() {
    return host;
  }
}
