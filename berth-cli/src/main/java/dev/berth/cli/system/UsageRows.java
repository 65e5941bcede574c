package dev.berth.cli.system;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.container.Units;
import dev.berth.cli.format.Row;
import dev.berth.cli.image.References;
import dev.berth.cli.image.Times;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/** The rows of {@code berth system df}: the summary per type, and -v's per-object rows. */
final class UsageRows {
  static final String SUMMARY_TABLE = "table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}";
  static final Map<String, String> SUMMARY_TITLES = Map.of("Type", "TYPE", "TotalCount", "TOTAL",
      "Active", "ACTIVE", "Size", "SIZE", "Reclaimable", "RECLAIMABLE");
  static final String IMAGE_TABLE = "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}\t{{.SharedSize}}\t{{.UniqueSize}}\t{{.Containers}}";
  static final String CONTAINER_TABLE = "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.LocalVolumes}}\t{{.Size}}\t{{.RunningFor}}\t{{.Status}}\t{{.Names}}";
  static final Map<String, String> CONTAINER_TITLES = Map.ofEntries(Map.entry("ID", "CONTAINER ID"),
      Map.entry("Image", "IMAGE"), Map.entry("Command", "COMMAND"), Map.entry("LocalVolumes", "LOCAL VOLUMES"),
      Map.entry("Size", "SIZE"), Map.entry("RunningFor", "CREATED"), Map.entry("CreatedAt", "CREATED AT"),
      Map.entry("Status", "STATUS"), Map.entry("Names", "NAMES"), Map.entry("State", "STATE"));
  static final String VOLUME_TABLE = "table {{.Name}}\t{{.Links}}\t{{.Size}}";
  static final Map<String, String> VOLUME_TITLES = Map.of("Name", "VOLUME NAME", "Links", "LINKS",
      "Size", "SIZE", "Driver", "DRIVER", "Mountpoint", "MOUNTPOINT");
  static final String CACHE_TABLE = "table {{.ID}}\t{{.CacheType}}\t{{.Size}}\t{{.CreatedSince}}\t{{.LastUsedSince}}\t{{.UsageCount}}\t{{.Shared}}";
  static final Map<String, String> CACHE_TITLES = Map.of("ID", "CACHE ID", "CacheType", "CACHE TYPE",
      "Size", "SIZE", "CreatedSince", "CREATED", "LastUsedSince", "LAST USED", "UsageCount", "USAGE",
      "Shared", "SHARED");

  private UsageRows() {}

  /** The four summary lines: Images, Containers, Local Volumes, Build Cache. */
  static List<Row> summary(JsonNode du) {
    List<Row> rows = new ArrayList<>();
    JsonNode images = du.path("Images");
    long layers = du.path("LayersSize").asLong();
    long usedByImages = 0;
    for (JsonNode i : images) {
      long size = i.path("Size").asLong();
      long shared = i.path("SharedSize").asLong(-1);
      if (i.path("Containers").asLong() != 0 && size != -1 && shared != -1) {
        usedByImages += size - shared;
      }
    }
    rows.add(summaryRow("Images", images.size(), count(images, i -> i.path("Containers").asLong() > 0),
        layers, layers - usedByImages));
    JsonNode containers = du.path("Containers");
    Predicate<JsonNode> active = c -> List.of("running", "paused", "restarting").contains(c.path("State").asText());
    rows.add(summaryRow("Containers", containers.size(), count(containers, active),
        sum(containers, c -> c.path("SizeRw").asLong()),
        sum(containers, c -> active.test(c) ? 0 : c.path("SizeRw").asLong())));
    JsonNode volumes = du.path("Volumes");
    ToLongFunction<JsonNode> vsize = v -> Math.max(0, v.path("UsageData").path("Size").asLong(-1));
    rows.add(summaryRow("Local Volumes", volumes.size(),
        count(volumes, v -> v.path("UsageData").path("RefCount").asLong() > 0), sum(volumes, vsize),
        sum(volumes, v -> v.path("UsageData").path("RefCount").asLong() == 0 ? vsize.applyAsLong(v) : 0)));
    JsonNode cache = du.path("BuildCache");
    long cacheSize = du.path("BuilderSize").asLong(sum(cache, c -> c.path("Size").asLong()));
    rows.add(summaryRow("Build Cache", cache.size(), count(cache, c -> c.path("InUse").asBoolean()),
        cacheSize, sum(cache, c -> c.path("InUse").asBoolean() || c.path("Shared").asBoolean() ? 0 : c.path("Size").asLong())));
    return rows;
  }

  private static Row summaryRow(String type, int total, long active, long size, long reclaimable) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("Active", Long.toString(active));
    f.put("Reclaimable", size > 0 && !type.equals("Build Cache")
        ? Units.humanSize(reclaimable) + " (" + (reclaimable * 100 / size) + "%)"
        : Units.humanSize(reclaimable));
    f.put("Size", Units.humanSize(size));
    f.put("TotalCount", Integer.toString(total));
    f.put("Type", type);
    return Row.of("*formatter.diskUsage" + type.replace(" ", "") + "Context", f);
  }

  static Row image(JsonNode i, boolean trunc, Instant now) {
    String repo = "<none>";
    String tag = "<none>";
    JsonNode tags = i.path("RepoTags");
    if (!tags.isEmpty() && !tags.path(0).asText().equals("<none>:<none>")) {
      References.Parts p = References.split(tags.path(0).asText());
      if (p.tag() != null) {
        repo = p.repository();
        tag = p.tag();
      }
    }
    long size = i.path("Size").asLong();
    long shared = i.path("SharedSize").asLong(-1);
    String id = i.path("Id").asText();
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("Containers", i.path("Containers").asLong(-1) == -1 ? "N/A" : Long.toString(i.path("Containers").asLong()));
    f.put("CreatedAt", Times.goString(Instant.ofEpochSecond(i.path("Created").asLong())));
    f.put("CreatedSince", Times.since(Instant.ofEpochSecond(i.path("Created").asLong()), now));
    f.put("Digest", "");
    f.put("ID", trunc ? References.shortId(id) : id);
    f.put("Repository", repo);
    f.put("SharedSize", shared == -1 ? "N/A" : Units.humanSize(shared));
    f.put("Size", Units.humanSize3(size));
    f.put("Tag", tag);
    f.put("UniqueSize", size == -1 || shared == -1 ? "N/A" : Units.humanSize(size - shared));
    f.put("VirtualSize", Units.humanSize(size));
    return Row.of("*formatter.imageContext", f);
  }

  static Row container(JsonNode c, boolean trunc, Instant now) {
    String id = c.path("Id").asText();
    String command = c.path("Command").asText("");
    List<String> names = new ArrayList<>();
    c.path("Names").forEach(n -> names.add(n.asText().replaceFirst("^/", "")));
    long volumes = 0;
    for (JsonNode m : c.path("Mounts")) {
      if (m.path("Type").asText().equals("volume")) {
        volumes++;
      }
    }
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("Command", "\"" + (trunc ? ellipsis(command, 20) : command).replace("\"", "\\\"") + "\"");
    f.put("CreatedAt", Times.goString(Instant.ofEpochSecond(c.path("Created").asLong())));
    f.put("ID", trunc && id.length() > 12 ? id.substring(0, 12) : id);
    f.put("Image", c.path("Image").asText(""));
    List<String> labels = new ArrayList<>();
    c.path("Labels").fields().forEachRemaining(e -> labels.add(e.getKey() + "=" + e.getValue().asText()));
    labels.sort(null);
    f.put("Labels", String.join(",", labels));
    f.put("LocalVolumes", Long.toString(volumes));
    List<String> mounts = new ArrayList<>();
    for (JsonNode m : c.path("Mounts")) {
      String name = m.path("Name").asText("");
      mounts.add(ellipsisIf(trunc, name.isEmpty() ? m.path("Source").asText("") : name, 15));
    }
    f.put("Mounts", String.join(",", mounts));
    f.put("Names", String.join(",", names));
    List<String> networks = new ArrayList<>();
    c.path("NetworkSettings").path("Networks").fieldNames().forEachRemaining(networks::add);
    networks.sort(null);
    f.put("Networks", String.join(",", networks));
    f.put("Platform", null);
    f.put("Ports", "");
    f.put("RunningFor", Times.since(Instant.ofEpochSecond(c.path("Created").asLong()), now));
    f.put("Size", Units.humanSize3(c.path("SizeRw").asLong()));
    f.put("State", c.path("State").asText(""));
    f.put("Status", c.path("Status").asText(""));
    return Row.of("*formatter.ContainerContext", f);
  }

  static Row volume(JsonNode v) {
    long size = v.path("UsageData").path("Size").asLong(-1);
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("Driver", v.path("Driver").asText(""));
    f.put("Links", Long.toString(v.path("UsageData").path("RefCount").asLong(-1)));
    f.put("Mountpoint", v.path("Mountpoint").asText(""));
    f.put("Name", v.path("Name").asText(""));
    f.put("Size", size == -1 ? "N/A" : Units.humanSize(size));
    return Row.of("*formatter.volumeContext", f);
  }

  static Row cache(JsonNode b, boolean trunc, Instant now) {
    String id = b.path("ID").asText("");
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("CacheType", b.path("Type").asText(""));
    f.put("CreatedSince", b.hasNonNull("CreatedAt") ? Times.since(Instant.parse(b.get("CreatedAt").asText()), now) : "");
    f.put("ID", trunc && id.length() > 12 ? id.substring(0, 12) + "*" : id);
    f.put("LastUsedSince", b.hasNonNull("LastUsedAt") ? Times.since(Instant.parse(b.get("LastUsedAt").asText()), now) : "");
    f.put("Shared", Boolean.toString(b.path("Shared").asBoolean()));
    f.put("Size", Units.humanSize(b.path("Size").asLong()));
    f.put("UsageCount", Long.toString(b.path("UsageCount").asLong()));
    return Row.of("*formatter.buildCacheContext", f);
  }

  private static String ellipsisIf(boolean trunc, String s, int max) {
    return trunc ? ellipsis(s, max) : s;
  }

  private static String ellipsis(String s, int max) {
    int n = s.codePointCount(0, s.length());
    return n <= max ? s : s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
  }

  private static long count(JsonNode array, Predicate<JsonNode> p) {
    long n = 0;
    for (JsonNode x : array) {
      if (p.test(x)) {
        n++;
      }
    }
    return n;
  }

  private static long sum(JsonNode array, ToLongFunction<JsonNode> f) {
    long n = 0;
    for (JsonNode x : array) {
      n += f.applyAsLong(x);
    }
    return n;
  }
}
