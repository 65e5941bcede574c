package dev.berth.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.format.Row;
import dev.berth.client.HumanDuration;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One container of {@code ps} as docker's ContainerContext shows it to templates. */
final class ContainerRow implements Row {
  static final String DEFAULT_TABLE = "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}"
      + "\t{{.Status}}\t{{.Ports}}\t{{.Names}}";
  static final Map<String, String> TITLES = Map.ofEntries(
      Map.entry("ID", "CONTAINER ID"), Map.entry("Image", "IMAGE"),
      Map.entry("Command", "COMMAND"), Map.entry("CreatedAt", "CREATED AT"),
      Map.entry("RunningFor", "CREATED"), Map.entry("Ports", "PORTS"),
      Map.entry("State", "STATE"), Map.entry("Status", "STATUS"), Map.entry("Size", "SIZE"),
      Map.entry("Names", "NAMES"), Map.entry("Labels", "LABELS"), Map.entry("Label", "LABEL"),
      Map.entry("Mounts", "MOUNTS"), Map.entry("Networks", "NETWORKS"),
      Map.entry("LocalVolumes", "LOCAL VOLUMES"), Map.entry("Platform", "PLATFORM"));
  private static final DateTimeFormatter GO_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z z");

  private final JsonNode c;
  private final boolean trunc;
  private final Instant now;

  ContainerRow(JsonNode c, boolean trunc, Instant now) {
    this.c = c;
    this.trunc = trunc;
    this.now = now;
  }

  @Override
  public Object field(String name, List<Object> args) {
    if (name.equals("Label")) {
      if (args.size() != 1) {
        throw new IllegalArgumentException("wrong number of args for Label: want 1 got "
            + args.size());
      }
      return c.path("Labels").path(String.valueOf(args.get(0))).asText("");
    }
    if (!args.isEmpty()) {
      throw new IllegalArgumentException("wrong number of args for " + name + ": want 0 got "
          + args.size());
    }
    return switch (name) {
      case "ID" -> id();
      case "Image" -> image();
      case "Command" -> command();
      case "CreatedAt" -> createdAt();
      case "RunningFor" -> runningFor();
      case "Ports" -> PortsText.of(c.path("Ports"));
      case "State" -> c.path("State").asText();
      case "Status" -> c.path("Status").asText();
      case "Size" -> size();
      case "Names" -> names();
      case "Labels" -> labels();
      case "Mounts" -> mounts();
      case "Networks" -> networks();
      case "LocalVolumes" -> String.valueOf(localVolumes());
      case "Platform" -> null;
      default -> NO_FIELD;
    };
  }

  @Override
  public Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    for (String k : List.of("Command", "CreatedAt", "ID", "Image", "Labels", "LocalVolumes",
        "Mounts", "Names", "Networks", "Platform", "Ports", "RunningFor", "Size", "State",
        "Status")) {
      m.put(k, field(k, List.of()));
    }
    return m;
  }

  @Override
  public String typeName() {
    return "*formatter.ContainerContext";
  }

  private String id() {
    String id = c.path("Id").asText();
    return trunc && id.length() > 12 ? id.substring(0, 12) : id;
  }

  private String image() {
    String image = c.path("Image").asText();
    if (image.isEmpty()) {
      return "<no image>";
    }
    if (trunc) {
      String imageId = c.path("ImageID").asText();
      String hex = imageId.startsWith("sha256:") ? imageId.substring(7) : imageId;
      if (!hex.isEmpty() && (image.equals(imageId) || image.equals(hex)
          || hex.startsWith(image))) {
        return hex.substring(0, Math.min(12, hex.length()));
      }
      int at = image.indexOf('@');
      if (at > 0) {
        return image.substring(0, at);
      }
    }
    return image;
  }

  private String command() {
    String cmd = c.path("Command").asText();
    if (trunc) {
      cmd = ellipsis(cmd, 20);
    }
    return GoQuote.quote(cmd);
  }

  static String ellipsis(String s, int max) {
    int n = s.codePointCount(0, s.length());
    if (n <= max) {
      return s;
    }
    return s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
  }

  private String createdAt() {
    return GO_TIME.format(Instant.ofEpochSecond(c.path("Created").asLong())
        .atZone(ZoneId.systemDefault()));
  }

  private String runningFor() {
    Instant created = Instant.ofEpochSecond(c.path("Created").asLong());
    return HumanDuration.of(Duration.between(created, now)) + " ago";
  }

  private String size() {
    if (!c.has("SizeRw") && !c.has("SizeRootFs")) {
      return "0B";
    }
    String srw = Units.humanSize3(c.path("SizeRw").asDouble());
    String sv = Units.humanSize3(c.path("SizeRootFs").asDouble());
    return srw + " (virtual " + sv + ")";
  }

  private String names() {
    List<String> out = new ArrayList<>();
    for (JsonNode n : c.path("Names")) {
      String name = n.asText();
      name = name.startsWith("/") ? name.substring(1) : name;
      if (trunc) {
        // links show as other/name; ps shows only the container's own name
        if (!name.contains("/")) {
          out.add(name);
          break;
        }
      } else {
        out.add(name);
      }
    }
    return String.join(",", out);
  }

  private String labels() {
    var l = new TreeMap<String, String>();
    c.path("Labels").properties().forEach(e -> l.put(e.getKey(), e.getValue().asText()));
    var parts = new ArrayList<String>();
    l.forEach((k, v) -> parts.add(k + "=" + v));
    return String.join(",", parts);
  }

  private String mounts() {
    var parts = new ArrayList<String>();
    for (JsonNode m : c.path("Mounts")) {
      String name = m.path("Name").asText("");
      if (name.isEmpty()) {
        name = m.path("Source").asText("");
      }
      if (trunc) {
        name = ellipsis(name, 15);
      }
      parts.add(name);
    }
    return String.join(",", parts);
  }

  private String networks() {
    var names = new ArrayList<String>();
    c.path("NetworkSettings").path("Networks").fieldNames().forEachRemaining(names::add);
    names.sort(null);
    return String.join(",", names);
  }

  private int localVolumes() {
    int n = 0;
    for (JsonNode m : c.path("Mounts")) {
      if ("local".equals(m.path("Driver").asText())) {
        n++;
      }
    }
    return n;
  }
}
