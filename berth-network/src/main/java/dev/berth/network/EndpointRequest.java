package dev.berth.network;

import java.util.List;

/**
 * What a container asks of one network it joins: its interface name in the container
 * ({@code eth0}, {@code eth1}…), a fixed address ({@code --ip}) or null for the next free one,
 * and the ports to publish through this network.
 */
public record EndpointRequest(String ifname, String ipv4Address, List<PortMapping> ports) {
  public EndpointRequest {
    ports = ports == null ? List.of() : List.copyOf(ports);
    ipv4Address = ipv4Address == null || ipv4Address.isEmpty() ? null : ipv4Address;
  }
}
