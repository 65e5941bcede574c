package dev.berth.network;

import java.util.Map;

/**
 * {@code docker network create}: what the user asked for; the service fills in the rest
 * (a free subnet, its first address as gateway, a bridge name).
 *
 * @param subnet {@code --subnet}, or null for one from the pool
 * @param gateway {@code --gateway}, or null for the subnet's first address
 * @param ipRange {@code --ip-range}, or null
 */
public record NetworkCreate(
    String name,
    String driver,
    String subnet,
    String gateway,
    String ipRange,
    boolean internal,
    boolean attachable,
    Map<String, String> labels,
    Map<String, String> options) {

  public NetworkCreate {
    driver = driver == null || driver.isEmpty() ? Network.BRIDGE : driver;
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    options = options == null ? Map.of() : Map.copyOf(options);
  }

  public static NetworkCreate named(String name) {
    return new NetworkCreate(name, null, null, null, null, false, false, null, null);
  }
}
