package dev.berth.engine;

import dev.berth.error.BerthException;
import dev.berth.network.Ipv4;
import dev.berth.network.PortMapping;
import dev.berth.oci.image.ImageConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Docker's port vocabulary: exposed ports ({@code "80/tcp"} keys of the image's and the
 * create's {@code ExposedPorts}), {@code PortBindings} ({@code -p}), {@code PublishAllPorts}
 * ({@code -P}), turned into the mappings to publish and back into inspect's and ps's shapes.
 */
final class PortSpecs {
  private PortSpecs() {}

  /** A port key: {@code 80/tcp}; {@code 80} means tcp. */
  record Port(int number, String protocol) implements Comparable<Port> {
    static Port parse(String key) {
      int slash = key.indexOf('/');
      String proto = slash < 0 ? "tcp" : key.substring(slash + 1).toLowerCase();
      String num = slash < 0 ? key : key.substring(0, slash);
      if (!List.of("tcp", "udp", "sctp").contains(proto)) {
        throw BerthException.invalid("invalid proto: " + proto);
      }
      try {
        int n = Integer.parseInt(num);
        if (n < 1 || n > 65535) {
          throw new NumberFormatException();
        }
        return new Port(n, proto);
      } catch (NumberFormatException e) {
        throw BerthException.invalid("invalid containerPort: " + num);
      }
    }

    @Override
    public String toString() {
      return number + "/" + protocol;
    }

    @Override
    public int compareTo(Port o) {
      return number != o.number ? Integer.compare(number, o.number)
          : protocol.compareTo(o.protocol);
    }
  }

  /** Checks the bindings of a create, so a bad one fails there and not at start. */
  static void check(HostConfig host) {
    host.portBindings().forEach((key, bindings) -> {
      Port.parse(key);
      for (PortBinding b : bindings == null ? List.<PortBinding>of() : bindings) {
        if (!b.hostIp().isEmpty() && !Ipv4.valid(b.hostIp())) {
          throw BerthException.invalid("invalid host IP address: " + b.hostIp());
        }
        hostPorts(b.hostPort());
      }
    });
  }

  private static int[] hostPorts(String text) {
    if (text.isEmpty()) {
      return new int[] {0, 0};
    }
    String[] range = text.split("-", 2);
    try {
      int lo = Integer.parseInt(range[0]);
      int hi = range.length == 2 ? Integer.parseInt(range[1]) : lo;
      if (lo < 1 || hi > 65535 || hi < lo) {
        throw new NumberFormatException();
      }
      return new int[] {lo, hi};
    } catch (NumberFormatException e) {
      throw BerthException.invalid("invalid hostPort: " + text);
    }
  }

  static TreeSet<Port> exposed(Container c, ImageConfig.ContainerConfig image) {
    TreeSet<Port> ports = new TreeSet<>();
    if (image != null && image.exposedPorts() != null) {
      image.exposedPorts().keySet().forEach(k -> ports.add(Port.parse(k)));
    }
    if (c.config().exposedPorts() != null) {
      c.config().exposedPorts().keySet().forEach(k -> ports.add(Port.parse(k)));
    }
    c.hostConfig().portBindings().keySet().forEach(k -> ports.add(Port.parse(k)));
    return ports;
  }

  /** The mappings a start publishes; a host port of 0 is chosen at start. */
  static List<PortMapping> published(Container c, ImageConfig.ContainerConfig image) {
    List<PortMapping> out = new ArrayList<>();
    Map<Port, List<PortBinding>> bindings = new LinkedHashMap<>();
    c.hostConfig().portBindings().forEach((k, v) -> bindings.put(Port.parse(k),
        v == null || v.isEmpty() ? List.of(new PortBinding("", "")) : v));
    if (c.hostConfig().publishAllPorts()) {
      for (Port p : exposed(c, image)) {
        bindings.putIfAbsent(p, List.of(new PortBinding("", "")));
      }
    }
    bindings.forEach((port, list) -> {
      for (PortBinding b : list) {
        int[] range = hostPorts(b.hostPort());
        // a range is offered whole to the reservations as its first port; Docker's picking
        // within a range is not needed by the clients we serve
        out.add(new PortMapping(b.hostIp(), range[0], port.number(), port.protocol()));
      }
    });
    return out;
  }

  /** Inspect's {@code NetworkSettings.Ports}: every exposed port, with its bindings or null. */
  static Map<String, Object> inspectPorts(Container c, ImageConfig.ContainerConfig image,
      List<PortMapping> live) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (live.isEmpty() && !c.state().running()) {
      return out;
    }
    for (Port p : exposed(c, image)) {
      List<Map<String, String>> bound = new ArrayList<>();
      for (PortMapping m : live) {
        if (m.containerPort() == p.number() && m.protocol().equals(p.protocol())) {
          bound.add(Map.of("HostIp", m.hostIp().isEmpty() ? "0.0.0.0" : m.hostIp(),
              "HostPort", Integer.toString(m.hostPort())));
        }
      }
      out.put(p.toString(), bound.isEmpty() ? null : bound);
    }
    return out;
  }

  /** ps's {@code Ports}: published ports with their host side, exposed ones without. */
  static List<Map<String, Object>> listPorts(Container c, ImageConfig.ContainerConfig image,
      List<PortMapping> live) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Port p : exposed(c, image)) {
      boolean any = false;
      for (PortMapping m : live) {
        if (m.containerPort() == p.number() && m.protocol().equals(p.protocol())) {
          Map<String, Object> e = new LinkedHashMap<>();
          e.put("IP", m.hostIp().isEmpty() ? "0.0.0.0" : m.hostIp());
          e.put("PrivatePort", p.number());
          e.put("PublicPort", m.hostPort());
          e.put("Type", p.protocol());
          out.add(e);
          any = true;
        }
      }
      if (!any) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("PrivatePort", p.number());
        e.put("Type", p.protocol());
        out.add(e);
      }
    }
    return out;
  }
}
