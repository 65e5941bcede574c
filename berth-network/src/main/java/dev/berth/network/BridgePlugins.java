package dev.berth.network;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The CNI plugin chain of one container on one bridge network: {@code bridge} (veth, address
 * from {@code host-local}, gateway on the bridge) and {@code portmap} when ports are published.
 * Outbound NAT and forwarding are set once per network by {@link BridgeRules}.
 */
final class BridgePlugins {
  static final String CNI_VERSION = "1.0.0";
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private BridgePlugins() {}

  static List<ObjectNode> chain(Network n, EndpointRequest req, List<PortMapping> ports,
      Path ipamDir) {
    List<ObjectNode> chain = new ArrayList<>();
    ObjectNode bridge = base(n, "bridge");
    // NAT and forwarding are the network's rules (BridgeRules), not each container's
    bridge.put("bridge", n.bridge()).put("isGateway", true).put("ipMasq", false)
        .put("hairpinMode", true);
    String mtu = n.options().get("com.docker.network.driver.mtu");
    if (mtu != null && !mtu.isEmpty()) {
      bridge.put("mtu", Integer.parseInt(mtu));
    }
    ObjectNode ipam = bridge.putObject("ipam");
    ipam.put("type", "host-local").put("dataDir", ipamDir.toString());
    ObjectNode range = ipam.putArray("ranges").addArray().addObject();
    range.put("subnet", n.subnet()).put("gateway", n.gateway());
    if (n.ipRange() != null && !n.ipRange().isEmpty()) {
      Cidr r = Cidr.parse(n.ipRange());
      range.put("rangeStart", Ipv4.format(Math.max(r.base(), n.cidr().base() + 1)))
          .put("rangeEnd", Ipv4.format(Math.min(r.last(), n.cidr().last() - 1)));
    }
    if (!n.internal()) {
      ipam.putArray("routes").addObject().put("dst", "0.0.0.0/0");
    }
    if (req.ipv4Address() != null) {
      bridge.putObject("capabilities").put("ips", true);
      bridge.putObject("runtimeConfig").putArray("ips")
          .add(req.ipv4Address() + "/" + n.cidr().prefix());
    }
    chain.add(bridge);
    if (!ports.isEmpty() && !n.internal()) {
      ObjectNode portmap = base(n, "portmap");
      portmap.putObject("capabilities").put("portMappings", true);
      portmap.put("snat", true);
      ArrayNode maps = portmap.putObject("runtimeConfig").putArray("portMappings");
      for (PortMapping p : ports) {
        ObjectNode m = maps.addObject().put("hostPort", p.hostPort())
            .put("containerPort", p.containerPort()).put("protocol", p.protocol());
        if (!p.hostIp().isEmpty()) {
          m.put("hostIP", p.hostIp());
        }
      }
      chain.add(portmap);
    }
    return chain;
  }

  private static ObjectNode base(Network n, String type) {
    ObjectNode o = F.objectNode();
    // the network id, not its name: names can be reused after a removal, ids cannot
    o.put("cniVersion", CNI_VERSION).put("name", n.id()).put("type", type);
    return o;
  }
}
