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
import java.util.List;
import java.util.Map;

/** Writes validated {@code linux.resources} into v1 files; only what is set, null and 0 meaning "leave". */
final class V1Limits {
  private final Map<String, Path> dirs;
  private final CgroupFs fs;

  V1Limits(Map<String, Path> dirs, CgroupFs fs) {
    this.dirs = dirs;
    this.fs = fs;
  }

  void apply(LinuxResources r) {
    memory(r.memory());
    cpu(r.cpu());
    if (r.pids() != null) {
      long limit = r.pids().limit();
      write("pids", "pids.limit", "pids.max", limit > 0 ? Long.toString(limit) : "max");
    }
    blockIO(r.blockIO());
    devices(r.devices());
  }

  private void memory(Memory m) {
    if (m == null) {
      return;
    }
    Long limit = set(m.limit()) ? m.limit() : null;
    Long swap = set(m.swap()) ? m.swap() : null;
    if (limit != null || swap != null) {
      Path memsw = dir("memory", "memory").resolve("memory.memsw.limit_in_bytes");
      // Without swap accounting (swapaccount=0) the file is absent; Docker then ignores swap too.
      boolean swapFile = Files.exists(memsw);
      if (limit != null && limit == -1 && swap == null && swapFile) {
        swap = -1L; // unlimited memory means unlimited memory+swap, or the kernel refuses the limit
      }
      if (swap == null || !swapFile) {
        if (limit != null) {
          write("memory", "memory.limit", "memory.limit_in_bytes", limit.toString());
        }
      } else if (limit == null) {
        write("memory", "memory.swap", "memory.memsw.limit_in_bytes", swap.toString());
      } else if (swap == -1 || swap >= currentMemsw(memsw)) {
        // The kernel keeps limit <= memsw at every step: raise memsw before the limit ...
        write("memory", "memory.swap", "memory.memsw.limit_in_bytes", swap.toString());
        write("memory", "memory.limit", "memory.limit_in_bytes", limit.toString());
      } else {
        // ... and lower the limit before memsw.
        write("memory", "memory.limit", "memory.limit_in_bytes", limit.toString());
        write("memory", "memory.swap", "memory.memsw.limit_in_bytes", swap.toString());
      }
    }
    if (set(m.reservation())) {
      write("memory", "memory.reservation", "memory.soft_limit_in_bytes", m.reservation().toString());
    }
    if (m.swappiness() != null) {
      write("memory", "memory.swappiness", "memory.swappiness", m.swappiness().toString());
    }
    if (m.disableOOMKiller() != null) {
      write("memory", "memory.disableOOMKiller", "memory.oom_control", m.disableOOMKiller() ? "1" : "0");
    }
  }

  private static long currentMemsw(Path memsw) {
    String v = CgroupFs.read(memsw);
    return v.isEmpty() || v.equals("-1") ? Long.MAX_VALUE : Long.parseLong(v);
  }

  private void cpu(Cpu c) {
    if (c == null) {
      return;
    }
    if (set(c.shares())) {
      // The kernel clamps to [2, 262144] itself.
      write("cpu", "cpu.shares", "cpu.shares", c.shares().toString());
    }
    // Period first: a quota alone keeps the kernel's default period (100000).
    if (set(c.period())) {
      write("cpu", "cpu.period", "cpu.cfs_period_us", c.period().toString());
    }
    if (set(c.quota())) {
      write("cpu", "cpu.quota", "cpu.cfs_quota_us", c.quota().toString());
    }
    if (set(c.realtimePeriod())) {
      write("cpu", "cpu.realtimePeriod", "cpu.rt_period_us", c.realtimePeriod().toString());
    }
    if (set(c.realtimeRuntime())) {
      write("cpu", "cpu.realtimeRuntime", "cpu.rt_runtime_us", c.realtimeRuntime().toString());
    }
    if (c.cpus() != null && !c.cpus().isBlank()) {
      write("cpuset", "cpu.cpus", "cpuset.cpus", c.cpus().strip());
    }
    if (c.mems() != null && !c.mems().isBlank()) {
      write("cpuset", "cpu.mems", "cpuset.mems", c.mems().strip());
    }
  }

  private void blockIO(BlockIO b) {
    if (b == null) {
      return;
    }
    // bfq hosts have blkio.bfq.weight instead of the cfq-era blkio.weight.
    if (b.weight() != null && b.weight() != 0) {
      fs.write(either("blockIO.weight", "blkio.weight", "blkio.bfq.weight"), b.weight().toString());
    }
    if (b.leafWeight() != null && b.leafWeight() != 0) {
      fs.write(either("blockIO.leafWeight", "blkio.leaf_weight"), b.leafWeight().toString());
    }
    for (WeightDevice d : b.weightDevice()) {
      if (d.weight() != null && d.weight() != 0) {
        fs.write(either("blockIO.weightDevice", "blkio.weight_device", "blkio.bfq.weight_device"), d.major() + ":" + d.minor() + " " + d.weight());
      }
      if (d.leafWeight() != null && d.leafWeight() != 0) {
        fs.write(either("blockIO.weightDevice", "blkio.leaf_weight_device"), d.major() + ":" + d.minor() + " " + d.leafWeight());
      }
    }
    throttle("blockIO.throttleReadBpsDevice", "blkio.throttle.read_bps_device", b.throttleReadBpsDevice());
    throttle("blockIO.throttleWriteBpsDevice", "blkio.throttle.write_bps_device", b.throttleWriteBpsDevice());
    throttle("blockIO.throttleReadIOPSDevice", "blkio.throttle.read_iops_device", b.throttleReadIOPSDevice());
    throttle("blockIO.throttleWriteIOPSDevice", "blkio.throttle.write_iops_device", b.throttleWriteIOPSDevice());
  }

  private void throttle(String field, String file, List<ThrottleDevice> devices) {
    for (ThrottleDevice d : devices) {
      write("blkio", field, file, d.major() + ":" + d.minor() + " " + d.rate());
    }
  }

  /** The first of {@code names} this kernel offers; INVALID_ARGUMENT naming the field if none. */
  private Path either(String field, String... names) {
    Path dir = dir("blkio", field);
    for (String name : names) {
      if (Files.exists(dir.resolve(name))) {
        return dir.resolve(name);
      }
    }
    throw BerthException.invalid("linux.resources." + field + ": this kernel has no " + String.join(" or ", names)
        + " (no weight-based I/O scheduler), so a weight cannot be set");
  }

  /**
   * Deny everything, then replay the rules in order: each rule is one write of "type major:minor
   * access" to devices.allow or devices.deny. Only when rules are given: an empty list leaves the
   * inherited set. On update this briefly denies all devices to a running container, as runc did
   * before its rule emulator.
   */
  private void devices(List<DeviceRule> rules) {
    if (rules.isEmpty()) {
      return;
    }
    write("devices", "devices", "devices.deny", "a");
    // runs of allow (or deny) rules go through one open file, in their order
    Path dir = dir("devices", "devices");
    List<String> run = new java.util.ArrayList<>();
    String runFile = null;
    for (DeviceRule d : rules) {
      String rule = orElse(d.type(), "a") + " " + number(d.major()) + ":" + number(d.minor()) + " "
          + (d.access() == null || d.access().isEmpty() ? "rwm" : d.access());
      String file = d.allow() ? "devices.allow" : "devices.deny";
      if (!file.equals(runFile) && !run.isEmpty()) {
        fs.writeEach(dir.resolve(runFile), run);
        run.clear();
      }
      runFile = file;
      run.add(rule);
    }
    if (!run.isEmpty()) {
      fs.writeEach(dir.resolve(runFile), run);
    }
  }

  private static String number(Long n) {
    return n == null || n == -1 ? "*" : n.toString();
  }

  private static String orElse(String s, String fallback) {
    return s == null || s.isEmpty() ? fallback : s;
  }

  private void write(String controller, String field, String file, String value) {
    fs.write(dir(controller, field).resolve(file), value);
  }

  private Path dir(String controller, String field) {
    Path dir = dirs.get(controller);
    if (dir == null) {
      throw BerthException.system("linux.resources." + field + ": the " + controller + " cgroup controller is not mounted", null);
    }
    return dir;
  }
}
