package dev.berth.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.format.Row;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One container's figures in {@code stats}, computed from the stats JSON the way the docker
 * CLI does (stats_helpers.go), for cgroup v1 and v2 alike.
 */
final class StatsRow implements Row {
  static final String DEFAULT_TABLE = "table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}"
      + "\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}";
  static final Map<String, String> TITLES = Map.ofEntries(
      Map.entry("ID", "CONTAINER ID"), Map.entry("Container", "CONTAINER"),
      Map.entry("Name", "NAME"), Map.entry("CPUPerc", "CPU %"),
      Map.entry("MemUsage", "MEM USAGE / LIMIT"), Map.entry("MemPerc", "MEM %"),
      Map.entry("NetIO", "NET I/O"), Map.entry("BlockIO", "BLOCK I/O"),
      Map.entry("PIDs", "PIDS"));

  /** The numbers one stats sample gives. */
  record Figures(String id, String name, double cpuPercent, double memory, double memoryLimit,
      double memoryPercent, double rx, double tx, double read, double write, long pids) {

    static Figures of(JsonNode s) {
      JsonNode cpu = s.path("cpu_stats");
      JsonNode pre = s.path("precpu_stats");
      double cpuDelta = cpu.path("cpu_usage").path("total_usage").asDouble()
          - pre.path("cpu_usage").path("total_usage").asDouble();
      double systemDelta = cpu.path("system_cpu_usage").asDouble()
          - pre.path("system_cpu_usage").asDouble();
      double online = cpu.path("online_cpus").asDouble();
      if (online == 0) {
        online = cpu.path("cpu_usage").path("percpu_usage").size();
      }
      double cpuPercent = systemDelta > 0 && cpuDelta > 0
          ? cpuDelta / systemDelta * online * 100.0 : 0;
      JsonNode mem = s.path("memory_stats");
      double usage = mem.path("usage").asDouble();
      // cgroup v1 reports total_inactive_file, v2 inactive_file: page cache is not "used"
      JsonNode st = mem.path("stats");
      double inactive = st.has("total_inactive_file") ? st.path("total_inactive_file").asDouble()
          : st.path("inactive_file").asDouble();
      if (inactive < usage) {
        usage -= inactive;
      }
      double limit = mem.path("limit").asDouble();
      double memPercent = limit != 0 ? usage / limit * 100.0 : 0;
      double rx = 0;
      double tx = 0;
      for (JsonNode n : s.path("networks")) {
        rx += n.path("rx_bytes").asDouble();
        tx += n.path("tx_bytes").asDouble();
      }
      double read = 0;
      double write = 0;
      for (JsonNode b : s.path("blkio_stats").path("io_service_bytes_recursive")) {
        String op = b.path("op").asText().toLowerCase(Locale.ROOT);
        if (op.equals("read")) {
          read += b.path("value").asDouble();
        } else if (op.equals("write")) {
          write += b.path("value").asDouble();
        }
      }
      String name = s.path("name").asText();
      return new Figures(s.path("id").asText(), name.startsWith("/") ? name.substring(1) : name,
          cpuPercent, usage, limit, memPercent, rx, tx, read, write,
          s.path("pids_stats").path("current").asLong());
    }
  }

  private final String container;
  private final Figures f;
  private final boolean trunc;

  StatsRow(String container, Figures f, boolean trunc) {
    this.container = container;
    this.f = f;
    this.trunc = trunc;
  }

  @Override
  public Object field(String name, List<Object> args) {
    if (!args.isEmpty()) {
      throw new IllegalArgumentException("wrong number of args for " + name + ": want 0 got "
          + args.size());
    }
    return switch (name) {
      case "Container" -> container;
      case "Name" -> f.name().isEmpty() ? "--" : f.name();
      case "ID" -> trunc && f.id().length() > 12 ? f.id().substring(0, 12) : f.id();
      case "CPUPerc" -> String.format(Locale.ROOT, "%.2f%%", f.cpuPercent());
      case "MemUsage" -> Units.bytesSize(f.memory()) + " / " + Units.bytesSize(f.memoryLimit());
      case "MemPerc" -> String.format(Locale.ROOT, "%.2f%%", f.memoryPercent());
      case "NetIO" -> Units.humanSize3(f.rx()) + " / " + Units.humanSize3(f.tx());
      case "BlockIO" -> Units.humanSize3(f.read()) + " / " + Units.humanSize3(f.write());
      case "PIDs" -> String.valueOf(f.pids());
      default -> NO_FIELD;
    };
  }

  @Override
  public Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    for (String k : List.of("BlockIO", "CPUPerc", "Container", "ID", "MemPerc", "MemUsage",
        "Name", "NetIO", "PIDs")) {
      m.put(k, field(k, List.of()));
    }
    return m;
  }

  @Override
  public String typeName() {
    return "*formatter.statsContext";
  }
}
