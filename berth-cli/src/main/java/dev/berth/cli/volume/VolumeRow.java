package dev.berth.cli.volume;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.container.Units;
import dev.berth.cli.format.Row;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One line of {@code berth volume ls}, with the fields of docker's volume formatter context. */
final class VolumeRow implements Row {
  static final String DEFAULT_TABLE = "table {{.Driver}}\t{{.Name}}";
  static final Map<String, String> TITLES = Map.of("Name", "VOLUME NAME", "Driver", "DRIVER",
      "Scope", "SCOPE", "Mountpoint", "MOUNTPOINT", "Labels", "LABELS", "Links", "LINKS",
      "Size", "SIZE", "Group", "GROUP", "Availability", "AVAILABILITY", "Status", "STATUS");
  private static final List<String> JSON_FIELDS = List.of("Availability", "Driver", "Group",
      "Labels", "Links", "Mountpoint", "Name", "Scope", "Size", "Status");

  private final JsonNode v;

  VolumeRow(JsonNode v) {
    this.v = v;
  }

  @Override
  public Object field(String name, List<Object> args) {
    if (name.equals("Label")) {
      if (args.size() != 1) {
        throw new IllegalArgumentException("wrong number of args for Label: want 1 got " + args.size());
      }
      return v.path("Labels").path(String.valueOf(args.getFirst())).asText("");
    }
    if (!args.isEmpty()) {
      throw new IllegalArgumentException("wrong number of args for " + name + ": want 0 got " + args.size());
    }
    return switch (name) {
      case "Name" -> v.path("Name").asText();
      case "Driver" -> v.path("Driver").asText();
      case "Scope" -> v.path("Scope").asText();
      case "Mountpoint" -> v.path("Mountpoint").asText();
      case "Labels" -> labels();
      case "Links" -> usage("RefCount", false);
      case "Size" -> usage("Size", true);
      // cluster volumes only; a local volume has none of these
      case "Group", "Availability", "Status" -> "N/A";
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
    return "*formatter.volumeContext";
  }

  /** The usage data docker shows only when the daemon computed it (system df -v). */
  private String usage(String key, boolean size) {
    JsonNode u = v.path("UsageData");
    if (u.isMissingNode() || u.isNull() || u.path(key).asLong(-1) < 0) {
      return "N/A";
    }
    long n = u.path(key).asLong();
    return size ? Units.humanSize(n) : String.valueOf(n);
  }

  private String labels() {
    var sorted = new TreeMap<String, String>();
    v.path("Labels").properties().forEach(e -> sorted.put(e.getKey(), e.getValue().asText()));
    var parts = new ArrayList<String>();
    sorted.forEach((k, val) -> parts.add(k + "=" + val));
    return String.join(",", parts);
  }
}
