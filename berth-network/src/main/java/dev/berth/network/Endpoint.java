package dev.berth.network;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A container's interface on one network, as set up: the address and gateway it got, its MAC,
 * the ports published through it, the names other containers find it by, and what is needed to take it down again (the plugin
 * configurations run and the result they gave, which CNI's DEL wants back).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Endpoint(
    String id,
    String containerId,
    String networkId,
    String netns,
    String ifname,
    String ipv4Address,
    int prefixLength,
    String gateway,
    String macAddress,
    List<PortMapping> ports,
    List<JsonNode> plugins,
    JsonNode result,
    List<String> dnsNames) {

  public Endpoint {
    ports = ports == null ? List.of() : List.copyOf(ports);
    dnsNames = dnsNames == null ? List.of() : List.copyOf(dnsNames);
    plugins = plugins == null ? List.of() : List.copyOf(plugins);
  }
}
