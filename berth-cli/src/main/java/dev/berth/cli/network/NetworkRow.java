package dev.berth.cli.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.format.Row;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One line of {@code berth network ls}, with the fields of docker's network formatter context. */
final class NetworkRow implements Row {
  static final String DEFAULT_TABLE = "table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}";
  static final Map<String, String> TITLES = Map.of("ID", "NETWORK ID", "Name", "NAME",
      "Driver", "DRIVER", "Scope", "SCOPE", "IPv4", "IPV4", "IPv6", "IPV6",
      "Internal", "INTERNAL", "Labels", "LABELS", "CreatedAt", "CREATED AT");
  private static final List<String> JSON_FIELDS = List.of("CreatedAt", "Driver", "ID", "IPv4",
      "IPv6", "Internal", "Labels", "Name", "Scope");

  private final JsonNode n;
  private final boolean trunc;

  NetworkRow(JsonNode n, boolean trunc) {
    this.n = n;
    this.trunc = trunc;
  }

  @Override
  public Object field(String name, List<Object> args) {
    if (name.equals("Label")) {
      if (args.size() != 1) {
        throw new IllegalArgumentException("wrong number of args for Label: want 1 got " + args.size());
      }
      return n.path("Labels").path(String.valueOf(args.getFirst())).asText("");
    }
    if (!args.isEmpty()) {
      throw new IllegalArgumentException("wrong number of args for " + name + ": want 0 got " + args.size());
    }
    return switch (name) {
      case "ID" -> id();
      case "Name" -> n.path("Name").asText();
      case "Driver" -> n.path("Driver").asText();
      case "Scope" -> n.path("Scope").asText();
      case "IPv4" -> String.valueOf(n.path("EnableIPv4").asBoolean());
      case "IPv6" -> String.valueOf(n.path("EnableIPv6").asBoolean());
      case "Internal" -> String.valueOf(n.path("Internal").asBoolean());
      case "Labels" -> labels();
      case "CreatedAt" -> GoTime.string(OffsetDateTime.parse(n.path("Created").asText()));
      default -> NO_FIELD;
    };
  }

  @Override
  public Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    JSON_FIELDS.forEach(k -> m.put(k, field(k, List.of())));
    return m;
  }

  @Override
  public String typeName() {
    return "*network.networkContext";
  }

  private String id() {
    String id = n.path("Id").asText();
    return trunc && id.length() > 12 ? id.substring(0, 12) : id;
  }

  private String labels() {
    var sorted = new TreeMap<String, String>();
    n.path("Labels").properties().forEach(e -> sorted.put(e.getKey(), e.getValue().asText()));
    var parts = new java.util.ArrayList<String>();
    sorted.forEach((k, v) -> parts.add(k + "=" + v));
    return String.join(",", parts);
  }
}
