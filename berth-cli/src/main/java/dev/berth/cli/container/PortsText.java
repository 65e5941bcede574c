package dev.berth.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * docker ps's PORTS column ({@code DisplayablePorts}): "0.0.0.0:8080->80/tcp", unpublished
 * ports as "80/tcp", consecutive ports of one kind joined into ranges, sorted.
 */
final class PortsText {
  private PortsText() {}

  static String of(JsonNode ports) {
    List<JsonNode> sorted = new ArrayList<>();
    ports.forEach(sorted::add);
    sorted.sort((a, b) -> {
      int c = a.path("Type").asText().compareTo(b.path("Type").asText());
      if (c != 0) {
        return c;
      }
      c = Integer.compare(a.path("PrivatePort").asInt(), b.path("PrivatePort").asInt());
      return c != 0 ? c : a.path("IP").asText().compareTo(b.path("IP").asText());
    });
    List<String> out = new ArrayList<>();
    // consecutive unpublished or same-offset published ports become one range
    String lastKey = null;
    int[] range = null;
    for (JsonNode p : sorted) {
      int priv = p.path("PrivatePort").asInt();
      int pub = p.path("PublicPort").asInt();
      String ip = p.path("IP").asText("");
      String type = p.path("Type").asText("tcp");
      String key = (pub == 0 ? "" : ip + "|" + (pub - priv)) + "|" + type;
      if (range != null && key.equals(lastKey) && priv == range[1] + 1) {
        range[1] = priv;
        range[3] = pub;
        continue;
      }
      if (range != null) {
        out.add(render(lastKey, range));
      }
      range = new int[] {priv, priv, pub, pub};
      lastKey = key;
    }
    if (range != null) {
      out.add(render(lastKey, range));
    }
    return String.join(", ", out);
  }

  private static String render(String key, int[] r) {
    String[] k = key.split("\\|", -1);
    String type = k[k.length - 1];
    String priv = r[0] == r[1] ? String.valueOf(r[0]) : r[0] + "-" + r[1];
    if (r[2] == 0) {
      return priv + "/" + type;
    }
    String ip = k[0];
    String pub = r[2] == r[3] ? String.valueOf(r[2]) : r[2] + "-" + r[3];
    String host = ip.contains(":") ? "[" + ip + "]" : ip;
    return host + ":" + pub + "->" + priv + "/" + type;
  }
}
