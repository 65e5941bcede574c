package dev.berth.runtime.cgroup;

import static dev.berth.runtime.cgroup.ResourceCheck.set;

import dev.berth.error.BerthException;
import dev.berth.oci.runtime.LinuxResources;
import dev.berth.oci.runtime.LinuxResources.BlockIO;
import dev.berth.oci.runtime.LinuxResources.Cpu;
import dev.berth.oci.runtime.LinuxResources.DeviceRule;
import dev.berth.oci.runtime.LinuxResources.Memory;
import dev.berth.oci.runtime.LinuxResources.ThrottleDevice;
import dev.berth.oci.runtime.LinuxResources.WeightDevice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes validated {@code linux.resources} (v1 vocabulary, as OCI has it) into v2 files; only what
 * is set, null and 0 meaning "leave".
 *
 * <p>Not mapped, on purpose: {@code memory.swappiness}, {@code memory.disableOOMKiller} and
 * {@code blockIO.leafWeight} have no v2 file.
 *
 * <p>Device rules have no file either: they become an eBPF program attached to the cgroup
 * ({@link DeviceProgram}), replacing the previous one on update; an empty list leaves what is
 * there, as on v1. A {@link CgroupFs#FAKE} tree cannot hold a program, so there the rules are
 * checked and compiled but not attached.
 */
final class V2Limits {
  private final Path dir;
  private final CgroupFs fs;

  V2Limits(Path dir, CgroupFs fs) {
    this.dir = dir;
    this.fs = fs;
  }

  void apply(LinuxResources r) {
    memory(r.memory());
    cpu(r.cpu());
    if (r.pids() != null) {
      long limit = r.pids().limit();
      write("pids.max", limit > 0 ? Long.toString(limit) : "max");
    }
    io(r.blockIO());
    devices(r.devices());
    // Raw files last, so they can refine what the mapped fields wrote.
    for (var e : new TreeMap<>(r.unified()).entrySet()) {
      Path file = dir.resolve(e.getKey());
      if (!Files.exists(file)) {
        throw BerthException.invalid("linux.resources.unified: \"" + e.getKey() + "\" is not a file of cgroup " + dir
            + " (is its controller enabled?)");
      }
      fs.write(file, e.getValue());
    }
  }

  private void devices(List<DeviceRule> rules) {
    if (rules.isEmpty()) {
      return;
    }
    if (fs == CgroupFs.FAKE) {
      DeviceFilter.compile(rules); // still refuses what the kernel path would
      return;
    }
    DeviceProgram.apply(dir, rules);
  }

  private void memory(Memory m) {
    if (m == null) {
      return;
    }
    if (set(m.limit())) {
      write("memory.max", max(m.limit()));
    }
    if (set(m.swap())) {
      swap(m.swap(), set(m.limit()) ? m.limit() : currentLimit());
    } else if (set(m.limit()) && m.limit() == -1 && Files.exists(dir.resolve("memory.swap.max"))) {
      write("memory.swap.max", "max"); // unlimited memory, swap not given: unlimited swap, as on v1
    }
    if (set(m.reservation())) {
      write("memory.low", max(m.reservation()));
    }
  }

  /** OCI swap is memory+swap (the v1 memsw limit); v2 limits swap alone: memory.swap.max = swap − limit. */
  private void swap(long swap, long limit) {
    Path file = dir.resolve("memory.swap.max");
    if (!Files.exists(file)) {
      return; // no swap accounting on this kernel; Docker ignores the swap limit then too
    }
    if (swap == -1) {
      fs.write(file, "max");
      return;
    }
    if (limit <= 0) {
      throw BerthException.invalid("linux.resources.memory.swap: " + swap + " needs a memory limit (memory.limit), and there is none");
    }
    if (swap < limit) {
      throw BerthException.invalid("linux.resources.memory.swap: " + swap + " is below memory.limit " + limit + " (swap counts memory plus swap)");
    }
    fs.write(file, Long.toString(swap - limit));
  }

  private long currentLimit() {
    String v = CgroupFs.readOrEmpty(dir.resolve("memory.max"));
    return v.isEmpty() || v.equals("max") ? -1 : Long.parseLong(v);
  }

  private void cpu(Cpu c) {
    if (c == null) {
      return;
    }
    if (set(c.shares())) {
      write("cpu.weight", Long.toString(Weights.cpuWeight(c.shares())));
    }
    if (set(c.quota()) || set(c.period())) {
      // cpu.max holds both: keep the half that is not being changed.
      String[] current = CgroupFs.readOrEmpty(dir.resolve("cpu.max")).split("\\s+");
      String quota = set(c.quota()) ? max(c.quota()) : current.length == 2 ? current[0] : "max";
      String period = set(c.period()) ? c.period().toString() : current.length == 2 ? current[1] : "100000";
      write("cpu.max", quota + " " + period);
    }
    if (c.cpus() != null && !c.cpus().isBlank()) {
      write("cpuset.cpus", c.cpus().strip());
    }
    if (c.mems() != null && !c.mems().isBlank()) {
      write("cpuset.mems", c.mems().strip());
    }
  }

  private void io(BlockIO b) {
    if (b == null) {
      return;
    }
    if (b.weight() != null && b.weight() != 0) {
      weight(null, b.weight());
    }
    for (WeightDevice d : b.weightDevice()) {
      if (d.weight() != null && d.weight() != 0) {
        weight(d.major() + ":" + d.minor(), d.weight());
      }
    }
    // io.max takes every limit of one device on one line: "8:0 rbps=… wbps=… riops=… wiops=…".
    Map<String, StringBuilder> lines = new LinkedHashMap<>();
    limits(lines, "rbps", b.throttleReadBpsDevice());
    limits(lines, "wbps", b.throttleWriteBpsDevice());
    limits(lines, "riops", b.throttleReadIOPSDevice());
    limits(lines, "wiops", b.throttleWriteIOPSDevice());
    for (var line : lines.entrySet()) {
      write("io.max", line.getKey() + line.getValue());
    }
  }

  /** bfq's io.bfq.weight takes the OCI range [10..1000] as is; io.weight needs [1..10000]. */
  private void weight(String device, int weight) {
    String prefix = device == null ? "" : device + " ";
    if (Files.exists(dir.resolve("io.bfq.weight"))) {
      write("io.bfq.weight", prefix + weight);
    } else if (Files.exists(dir.resolve("io.weight"))) {
      write("io.weight", prefix + Weights.ioWeight(weight));
    } else {
      throw BerthException.invalid("linux.resources.blockIO." + (device == null ? "weight" : "weightDevice")
          + ": this cgroup has no io.bfq.weight or io.weight (no weight-based I/O scheduler, or the io controller is off)");
    }
  }

  private static void limits(Map<String, StringBuilder> lines, String key, List<ThrottleDevice> devices) {
    for (ThrottleDevice d : devices) {
      lines.computeIfAbsent(d.major() + ":" + d.minor(), k -> new StringBuilder())
          .append(' ').append(key).append('=').append(d.rate() == 0 ? "max" : Long.toString(d.rate()));
    }
  }

  private static String max(long v) {
    return v == -1 ? "max" : Long.toString(v);
  }

  private void write(String file, String value) {
    fs.write(dir.resolve(file), value);
  }
}
