package dev.berth.runtime.cgroup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Plain directory trees that look like cgroupfs: the files a kernel shows in a non-root cgroup,
 * at the hierarchy roots, so that the fake mkdir copies them into every new cgroup.
 */
final class FakeTrees {
  static final String UNLIMITED_V1 = "9223372036854771712";

  private FakeTrees() {}

  /** One directory per v1 controller under {@code root}; blkio has cfq's blkio.weight. */
  static void v1(Path root) {
    v1(root, false);
  }

  /** As {@link #v1(Path)}; with {@code jointCpu}, cpu and cpuacct share one {@code cpu,cpuacct} directory. */
  static void v1(Path root, boolean jointCpu) {
    dir(root.resolve("memory"), Map.of(
        "memory.limit_in_bytes", UNLIMITED_V1,
        "memory.soft_limit_in_bytes", UNLIMITED_V1,
        "memory.memsw.limit_in_bytes", UNLIMITED_V1,
        "memory.swappiness", "60",
        "memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 0\n",
        "memory.usage_in_bytes", "0",
        "memory.max_usage_in_bytes", "0",
        "memory.stat", ""));
    cpu(root.resolve(jointCpu ? "cpu,cpuacct" : "cpu"));
    cpuacct(root.resolve(jointCpu ? "cpu,cpuacct" : "cpuacct"));
    dir(root.resolve("cpuset"), Map.of("cpuset.cpus", "0-3", "cpuset.mems", "0"));
    dir(root.resolve("devices"), Map.of("devices.allow", "", "devices.deny", "", "devices.list", "a *:* rwm\n"));
    dir(root.resolve("freezer"), Map.of("freezer.state", "THAWED\n"));
    dir(root.resolve("blkio"), Map.of(
        "blkio.weight", "500",
        "blkio.weight_device", "",
        "blkio.throttle.read_bps_device", "",
        "blkio.throttle.write_bps_device", "",
        "blkio.throttle.read_iops_device", "",
        "blkio.throttle.write_iops_device", "",
        "blkio.throttle.io_service_bytes", "Total 0\n"));
    dir(root.resolve("pids"), Map.of("pids.max", "max", "pids.current", "0"));
  }

  private static void cpu(Path dir) {
    dir(dir, Map.of(
        "cpu.shares", "1024",
        "cpu.cfs_quota_us", "-1",
        "cpu.cfs_period_us", "100000",
        "cpu.rt_period_us", "1000000",
        "cpu.rt_runtime_us", "0"));
  }

  private static void cpuacct(Path dir) {
    dir(dir, Map.of(
        "cpuacct.usage", "0",
        "cpuacct.usage_user", "0",
        "cpuacct.usage_sys", "0",
        "cpuacct.stat", "user 0\nsystem 0\n"));
  }

  /** A unified hierarchy whose root offers the usual controllers and none enabled yet. */
  static void v2(Path root) {
    dir(root, Map.ofEntries(
        Map.entry("cgroup.controllers", "cpuset cpu io memory hugetlb pids rdma misc"),
        Map.entry("cgroup.subtree_control", ""),
        Map.entry("cgroup.freeze", "0"),
        Map.entry("cgroup.events", "populated 0\nfrozen 0\n"),
        Map.entry("memory.max", "max"),
        Map.entry("memory.low", "0"),
        Map.entry("memory.high", "max"),
        Map.entry("memory.swap.max", "max"),
        Map.entry("memory.current", "0"),
        Map.entry("memory.peak", "0"),
        Map.entry("memory.stat", ""),
        Map.entry("memory.events", "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\n"),
        Map.entry("cpu.weight", "100"),
        Map.entry("cpu.max", "max 100000"),
        Map.entry("cpu.stat", ""),
        Map.entry("cpuset.cpus", ""),
        Map.entry("cpuset.mems", ""),
        Map.entry("pids.max", "max"),
        Map.entry("pids.current", "0"),
        Map.entry("io.weight", "default 100"),
        Map.entry("io.max", ""),
        Map.entry("io.stat", "")));
  }

  /** Makes {@code dir} with cgroup.procs and the given files. */
  static void dir(Path dir, Map<String, String> files) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("cgroup.procs"), "");
      for (var e : files.entrySet()) {
        Files.writeString(dir.resolve(e.getKey()), e.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(Path file, String content) {
    try {
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void delete(Path file) {
    try {
      Files.delete(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every directory under {@code root}, relative, sorted: to compare a tree before and after. */
  static List<String> dirs(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isDirectory).map(p -> root.relativize(p).toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
