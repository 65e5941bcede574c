package dev.berth.cli.container;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.client.Json;

/**
 * Docker's {@code -p [ip:][hostPort:]containerPort[/proto]} and {@code --expose}, with port
 * ranges, into {@code ExposedPorts} and {@code PortBindings}.
 */
final class PortSpecs {
  private PortSpecs() {}

  static void publish(String spec, ObjectNode exposed, ObjectNode bindings) {
    String proto = "tcp";
    String s = spec;
    int slash = s.lastIndexOf('/');
    if (slash >= 0) {
      proto = s.substring(slash + 1);
      s = s.substring(0, slash);
      if (!proto.matches("tcp|udp|sctp")) {
        throw bad("invalid proto: " + proto);
      }
    }
    String ip = "";
    String host = "";
    String container;
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 0) {
        throw bad("invalid IP address: " + s);
      }
      ip = s.substring(1, close);
      s = s.substring(close + 1);
      s = s.startsWith(":") ? s.substring(1) : s;
      int c = s.indexOf(':');
      host = c >= 0 ? s.substring(0, c) : "";
      container = c >= 0 ? s.substring(c + 1) : s;
    } else {
      String[] parts = s.split(":", -1);
      switch (parts.length) {
        case 1 -> container = parts[0];
        case 2 -> {
          host = parts[0];
          container = parts[1];
        }
        case 3 -> {
          ip = parts[0];
          host = parts[1];
          container = parts[2];
        }
        default -> throw bad("invalid port format: " + spec);
      }
    }
    if (container.isEmpty()) {
      throw bad("no port specified: " + spec + "<empty>");
    }
    int[] cr = range(container, "invalid containerPort: " + container);
    int[] hr = host.isEmpty() ? null : range(host, "invalid hostPort: " + host);
    if (hr != null && hr[1] - hr[0] != cr[1] - cr[0] && hr[0] != hr[1]) {
      throw bad("invalid ranges specified for container and host Ports: " + container + " and "
          + host);
    }
    for (int p = cr[0]; p <= cr[1]; p++) {
      String key = p + "/" + proto;
      exposed.putObject(key);
      String hostPort = hr == null ? "" : hr[0] == hr[1] ? String.valueOf(hr[0])
          : String.valueOf(hr[0] + (p - cr[0]));
      ObjectNode b = bindings.withArray(key).addObject();
      b.put("HostIp", ip);
      b.put("HostPort", hostPort);
    }
  }

  static void expose(String spec, ObjectNode exposed) {
    String proto = "tcp";
    String s = spec;
    int slash = s.lastIndexOf('/');
    if (slash >= 0) {
      proto = s.substring(slash + 1);
      s = s.substring(0, slash);
    }
    int[] r = range(s, "invalid range format for --expose: " + spec);
    for (int p = r[0]; p <= r[1]; p++) {
      exposed.putObject(p + "/" + proto);
    }
  }

  private static int[] range(String s, String error) {
    try {
      int dash = s.indexOf('-');
      int lo = Integer.parseInt(dash >= 0 ? s.substring(0, dash) : s);
      int hi = dash >= 0 ? Integer.parseInt(s.substring(dash + 1)) : lo;
      if (lo < 0 || hi > 65535 || hi < lo) {
        throw bad(error);
      }
      return new int[] {lo, hi};
    } catch (NumberFormatException e) {
      throw bad(error);
    }
  }

  private static IllegalArgumentException bad(String message) {
    return new IllegalArgumentException("" + message);
  }

  static ObjectNode object() {
    return Json.object();
  }
}
