package dev.berth.runtime.cgroup;

import static dev.berth.runtime.cgroup.CgroupStats.UNKNOWN;
import static dev.berth.runtime.cgroup.StatParse.keyValues;
import static dev.berth.runtime.cgroup.StatParse.number;
import static dev.berth.runtime.cgroup.StatParse.value;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Reads a v1 cgroup's counters; a controller that is not mounted leaves its values UNKNOWN. */
final class V1Stats {
  /** cpuacct.stat counts USER_HZ ticks, which the kernel fixes at 100 per second for user space. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  private final Map<String, Path> dirs;

  private V1Stats(Map<String, Path> dirs) {
    this.dirs = dirs;
  }

  static CgroupStats read(Map<String, Path> dirs) {
    V1Stats s = new V1Stats(dirs);
    return new CgroupStats(s.memory(), s.cpu(), s.pids(), s.io());
  }

  private CgroupStats.Memory memory() {
    Map<String, Long> stat = keyValues(text("memory", "memory.stat"));
    return new CgroupStats.Memory(
        num("memory", "memory.usage_in_bytes"),
        num("memory", "memory.limit_in_bytes"),
        num("memory", "memory.max_usage_in_bytes"),
        stat.getOrDefault("total_cache", value(stat, "cache")),
        value(keyValues(text("memory", "memory.oom_control")), "oom_kill"));
  }

  private CgroupStats.Cpu cpu() {
    long total = num("cpuacct", "cpuacct.usage");
    Path usageUser = file("cpuacct", "cpuacct.usage_user");
    if (usageUser != null && Files.exists(usageUser)) {
      return new CgroupStats.Cpu(total, num("cpuacct", "cpuacct.usage_user"), num("cpuacct", "cpuacct.usage_sys"));
    }
    Map<String, Long> ticks = keyValues(text("cpuacct", "cpuacct.stat"));
    return new CgroupStats.Cpu(
        total,
        ticks.containsKey("user") ? ticks.get("user") * NANOS_PER_TICK : UNKNOWN,
        ticks.containsKey("system") ? ticks.get("system") * NANOS_PER_TICK : UNKNOWN);
  }

  private CgroupStats.Pids pids() {
    return new CgroupStats.Pids(num("pids", "pids.current"), num("pids", "pids.max"));
  }

  /** The recursive file also counts I/O of cgroups the container made below its own. */
  private CgroupStats.Io io() {
    Path recursive = file("blkio", "blkio.throttle.io_service_bytes_recursive");
    String name = recursive != null && Files.exists(recursive)
        ? "blkio.throttle.io_service_bytes_recursive"
        : "blkio.throttle.io_service_bytes";
    return StatParse.blkioServiceBytes(text("blkio", name));
  }

  private Path file(String controller, String name) {
    Path dir = dirs.get(controller);
    return dir == null ? null : dir.resolve(name);
  }

  private String text(String controller, String name) {
    Path file = file(controller, name);
    return file == null ? "" : CgroupFs.readOrEmpty(file);
  }

  private long num(String controller, String name) {
    return number(text(controller, name));
  }
}
