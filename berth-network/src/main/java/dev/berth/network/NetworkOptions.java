package dev.berth.network;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * Daemon-wide network settings.
 *
 * @param defaultBridge the default network's bridge device ({@code berth0})
 * @param defaultSubnet {@code --bip}'s subnet, or null for the first free one of the pool
 * @param defaultGateway {@code --bip}'s address, or null for the subnet's first
 * @param upstreams where the embedded DNS servers relay other names; empty for the host's
 *     {@code /etc/resolv.conf}
 * @param dnsPort the embedded DNS servers' port (53; tests use another)
 */
public record NetworkOptions(Path pluginDir, String defaultBridge, Cidr defaultSubnet,
    Long defaultGateway, List<InetSocketAddress> upstreams, int dnsPort) {

  public NetworkOptions {
    upstreams = upstreams == null ? List.of() : List.copyOf(upstreams);
  }

  public static NetworkOptions defaults() {
    return new NetworkOptions(Path.of("/usr/lib/cni"), "berth0", null, null, List.of(), 53);
  }

  /** {@code --bip 172.30.0.1/16}: the default bridge's gateway address and subnet. */
  public NetworkOptions withBip(String bip) {
    Cidr c = Cidr.parse(bip);
    long gw = Ipv4.parse(bip.substring(0, bip.indexOf('/') < 0 ? bip.length()
        : bip.indexOf('/')));
    return new NetworkOptions(pluginDir, defaultBridge, c, gw, upstreams, dnsPort);
  }

  public NetworkOptions withBridge(String bridge) {
    return new NetworkOptions(pluginDir, bridge, defaultSubnet, defaultGateway, upstreams,
        dnsPort);
  }

  public NetworkOptions withDns(List<InetSocketAddress> upstreams, int port) {
    return new NetworkOptions(pluginDir, defaultBridge, defaultSubnet, defaultGateway,
        upstreams, port);
  }
}
