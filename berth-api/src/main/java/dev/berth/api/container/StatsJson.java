package dev.berth.api.container;

import dev.berth.engine.Container;
import dev.berth.runtime.cgroup.CgroupStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /containers/{id}/stats} in Docker's shape: what the CLI computes CPU % (from the
 * change in container and system CPU time), memory, block I/O and pids from.
 */
final class StatsJson {
  private StatsJson() {}

  /** One sample: the figures and the host's CPU time at that moment. */
  record Sample(CgroupStats stats, long systemNanos, Instant read) {}

  static Sample sample(CgroupStats stats) {
    return new Sample(stats, systemCpuNanos(), Instant.now());
  }

  static Map<String, Object> of(Container c, Sample now, Sample before) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("read", now.read().toString());
    m.put("preread", before == null ? "0001-01-01T00:00:00Z" : before.read().toString());
    CgroupStats s = now.stats();
    m.put("pids_stats", Map.of("current", s.pids() == null ? 0 : s.pids().current(),
        "limit", s.pids() == null || s.pids().limit() == CgroupStats.UNLIMITED ? 0
            : s.pids().limit()));
    long read = s.io() == null ? 0 : s.io().readBytes();
    long write = s.io() == null ? 0 : s.io().writeBytes();
    m.put("blkio_stats", Map.of("io_service_bytes_recursive", List.of(
        Map.of("major", 0, "minor", 0, "op", "read", "value", read),
        Map.of("major", 0, "minor", 0, "op", "write", "value", write))));
    m.put("num_procs", 0);
    m.put("storage_stats", Map.of());
    m.put("cpu_stats", cpu(now));
    m.put("precpu_stats", before == null ? Map.of("cpu_usage", Map.of("total_usage", 0),
        "throttling_data", Map.of()) : cpu(before));
    Map<String, Object> memory = new LinkedHashMap<>();
    if (s.memory() != null) {
      memory.put("usage", s.memory().usage());
      memory.put("max_usage", s.memory().maxUsage());
      memory.put("limit", s.memory().limit() == CgroupStats.UNLIMITED
          || s.memory().limit() <= 0 ? hostMemory() : s.memory().limit());
      memory.put("stats", Map.of("cache", Math.max(0, s.memory().cache())));
    }
    m.put("memory_stats", memory);
    m.put("name", "/" + c.name());
    m.put("id", c.id());
    return m;
  }

  private static Map<String, Object> cpu(Sample s) {
    Map<String, Object> usage = new LinkedHashMap<>();
    CgroupStats.Cpu cpu = s.stats().cpu();
    usage.put("total_usage", cpu == null ? 0 : cpu.totalNanos());
    usage.put("usage_in_kernelmode", cpu == null ? 0 : cpu.systemNanos());
    usage.put("usage_in_usermode", cpu == null ? 0 : cpu.userNanos());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cpu_usage", usage);
    m.put("system_cpu_usage", s.systemNanos());
    m.put("online_cpus", Runtime.getRuntime().availableProcessors());
    m.put("throttling_data", Map.of("periods", 0, "throttled_periods", 0, "throttled_time", 0));
    return m;
  }

  /** The host's total CPU time in nanoseconds: the {@code cpu} line of /proc/stat. */
  static long systemCpuNanos() {
    try {
      String line = Files.readAllLines(Path.of("/proc/stat")).getFirst();
      long ticks = 0;
      String[] f = line.trim().split("\\s+");
      for (int i = 1; i < f.length && i <= 8; i++) {
        ticks += Long.parseLong(f[i]);
      }
      return ticks * (1_000_000_000L / 100); // USER_HZ is 100 on Linux
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static long hostMemory() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (l.startsWith("MemTotal:")) {
          return Long.parseLong(l.replaceAll("\\D+", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // fall through
    }
    return 0;
  }
}
