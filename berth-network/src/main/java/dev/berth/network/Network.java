package dev.berth.network;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/**
 * A network as Docker users see it. {@code bridge} networks own a Linux bridge, a subnet and
 * a gateway address on the bridge; {@code host} and {@code null} (Docker's "none") are the two
 * predefined networks without any of that.
 *
 * @param bridge the bridge device ({@code berth0}, {@code br-<12 hex>}), empty for host/null
 * @param ipRange the part of the subnet containers get addresses from; null for all of it
 * @param isDefault the predefined {@code bridge} network: no name resolution between
 *     containers, as on Docker's default bridge
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Network(
    String id,
    String name,
    String driver,
    String bridge,
    String subnet,
    String gateway,
    String ipRange,
    boolean internal,
    boolean attachable,
    boolean isDefault,
    Map<String, String> labels,
    Map<String, String> options,
    String created) {

  public static final String BRIDGE = "bridge";
  public static final String HOST = "host";
  public static final String NULL = "null";

  public Network {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    options = options == null ? Map.of() : Map.copyOf(options);
  }

  /** Whether containers on it get a namespace with a veth on a bridge (not host or none). */
  public boolean bridged() {
    return BRIDGE.equals(driver);
  }

  /** Docker's predefined networks, which cannot be removed. */
  public boolean predefined() {
    return isDefault || HOST.equals(driver) || NULL.equals(driver);
  }

  public Cidr cidr() {
    return Cidr.parse(subnet);
  }
}
