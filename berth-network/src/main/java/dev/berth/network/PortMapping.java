package dev.berth.network;

/**
 * One published port ({@code -p 127.0.0.1:8080:80/tcp}) with its host port chosen: an empty
 * host IP is every IPv4 address of the host.
 */
public record PortMapping(String hostIp, int hostPort, int containerPort, String protocol) {
  public PortMapping {
    hostIp = hostIp == null || hostIp.equals("0.0.0.0") ? "" : hostIp;
    protocol = protocol == null || protocol.isEmpty() ? "tcp" : protocol;
  }

  /** {@code 0.0.0.0:8080} as Docker's messages print the host side. */
  public String hostSide() {
    return (hostIp.isEmpty() ? "0.0.0.0" : hostIp) + ":" + hostPort;
  }
}
