package dev.berth.runtime.cgroup;

import dev.berth.error.BerthException;
import dev.berth.oci.runtime.LinuxResources;
import dev.berth.oci.runtime.LinuxResources.BlockIO;
import dev.berth.oci.runtime.LinuxResources.Cpu;
import dev.berth.oci.runtime.LinuxResources.DeviceRule;
import dev.berth.oci.runtime.LinuxResources.Memory;
import dev.berth.oci.runtime.LinuxResources.ThrottleDevice;
import dev.berth.oci.runtime.LinuxResources.WeightDevice;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks {@code linux.resources} before anything touches the disk, so a bad value fails with
 * INVALID_ARGUMENT naming its field instead of a kernel EINVAL halfway through.
 */
final class ResourceCheck {
  /** Docker's minimum: below this a container cannot even start its init. */
  static final long MIN_MEMORY = 6L * 1024 * 1024;

  private static final String P = "linux.resources.";
  private static final Pattern CPU_LIST = Pattern.compile("\\d+(-\\d+)?(,\\d+(-\\d+)?)*");
  private static final Pattern ACCESS = Pattern.compile("[rwm]*");

  private ResourceCheck() {}

  static void validate(LinuxResources r, CgroupVersion version) {
    if (r == null) {
      return;
    }
    memory(r.memory());
    cpu(r.cpu(), version);
    blockIO(r.blockIO());
    devices(r.devices());
    unified(r, version);
  }

  private static void memory(Memory m) {
    if (m == null) {
      return;
    }
    Long limit = m.limit();
    if (set(limit) && limit != -1) {
      if (limit < 0) {
        throw invalid("memory.limit", limit + " is not a byte count (-1 means unlimited)");
      }
      if (limit < MIN_MEMORY) {
        throw invalid("memory.limit", limit + " is below the minimum of " + MIN_MEMORY + " bytes");
      }
    }
    Long swap = m.swap();
    if (set(swap) && swap != -1) {
      if (swap < 0) {
        throw invalid("memory.swap", swap + " is not a byte count (-1 means unlimited)");
      }
      if (set(limit) && limit > 0 && swap < limit) {
        throw invalid("memory.swap", swap + " is below memory.limit " + limit + " (swap counts memory plus swap)");
      }
    }
    if (m.reservation() != null && m.reservation() < -1) {
      throw invalid("memory.reservation", m.reservation() + " is not a byte count");
    }
    if (m.swappiness() != null && (m.swappiness() < 0 || m.swappiness() > 100)) {
      throw invalid("memory.swappiness", m.swappiness() + " is outside 0..100");
    }
  }

  private static void cpu(Cpu c, CgroupVersion version) {
    if (c == null) {
      return;
    }
    if (c.shares() != null && c.shares() < 0) {
      throw invalid("cpu.shares", c.shares() + " is negative");
    }
    if (set(c.period()) && (c.period() < 1000 || c.period() > 1_000_000)) {
      throw invalid("cpu.period", c.period() + " is outside 1000..1000000 microseconds");
    }
    if (set(c.quota()) && c.quota() != -1 && c.quota() < 1000) {
      throw invalid("cpu.quota", c.quota() + " is below the minimum of 1000 microseconds (-1 means unlimited)");
    }
    cpuList("cpu.cpus", c.cpus());
    cpuList("cpu.mems", c.mems());
    if (version == CgroupVersion.V2 && (set(c.realtimeRuntime()) || set(c.realtimePeriod()))) {
      throw invalid("cpu.realtimeRuntime", "realtime scheduling limits are not supported on cgroup v2");
    }
  }

  private static void cpuList(String field, String value) {
    if (value == null || value.isBlank()) {
      return;
    }
    String v = value.strip();
    if (!CPU_LIST.matcher(v).matches()) {
      throw invalid(field, "\"" + value + "\" is not a list such as 0-3,5");
    }
    for (String range : v.split(",")) {
      String[] ends = range.split("-");
      if (ends.length == 2 && Long.parseLong(ends[0]) > Long.parseLong(ends[1])) {
        throw invalid(field, "\"" + value + "\" has a range that runs backwards: " + range);
      }
    }
  }

  private static void blockIO(BlockIO b) {
    if (b == null) {
      return;
    }
    weight("blockIO.weight", b.weight());
    weight("blockIO.leafWeight", b.leafWeight());
    for (int i = 0; i < b.weightDevice().size(); i++) {
      WeightDevice d = b.weightDevice().get(i);
      weight("blockIO.weightDevice[" + i + "].weight", d.weight());
      weight("blockIO.weightDevice[" + i + "].leafWeight", d.leafWeight());
    }
    rates("blockIO.throttleReadBpsDevice", b.throttleReadBpsDevice());
    rates("blockIO.throttleWriteBpsDevice", b.throttleWriteBpsDevice());
    rates("blockIO.throttleReadIOPSDevice", b.throttleReadIOPSDevice());
    rates("blockIO.throttleWriteIOPSDevice", b.throttleWriteIOPSDevice());
  }

  private static void weight(String field, Integer w) {
    if (w != null && w != 0 && (w < 10 || w > 1000)) {
      throw invalid(field, w + " is outside 10..1000");
    }
  }

  private static void rates(String field, List<ThrottleDevice> devices) {
    for (int i = 0; i < devices.size(); i++) {
      if (devices.get(i).rate() < 0) {
        throw invalid(field + "[" + i + "].rate", devices.get(i).rate() + " is negative");
      }
    }
  }

  private static void devices(List<DeviceRule> rules) {
    for (int i = 0; i < rules.size(); i++) {
      DeviceRule d = rules.get(i);
      if (d.type() != null && !List.of("a", "b", "c").contains(d.type())) {
        throw invalid("devices[" + i + "].type", "\"" + d.type() + "\" is not a, b or c");
      }
      if (d.access() != null && !ACCESS.matcher(d.access()).matches()) {
        throw invalid("devices[" + i + "].access", "\"" + d.access() + "\" is not made of r, w and m");
      }
      if ((d.major() != null && d.major() < 0) || (d.minor() != null && d.minor() < 0)) {
        throw invalid("devices[" + i + "]", "device numbers must not be negative");
      }
    }
  }

  private static void unified(LinuxResources r, CgroupVersion version) {
    if (r.unified().isEmpty()) {
      return;
    }
    if (version == CgroupVersion.V1) {
      throw invalid("unified", "needs cgroup v2, and this host runs cgroup v1");
    }
    for (var e : r.unified().entrySet()) {
      String key = e.getKey();
      if (key.isEmpty() || key.contains("/") || key.contains("..") || !key.contains(".")) {
        throw invalid("unified", "\"" + key + "\" is not a cgroup file name");
      }
      if (e.getValue() == null) {
        throw invalid("unified." + key, "has no value");
      }
    }
  }

  /** OCI and Docker use 0 (and null) for "leave as is". */
  static boolean set(Long v) {
    return v != null && v != 0;
  }

  private static BerthException invalid(String field, String what) {
    return BerthException.invalid(P + field + ": " + what);
  }
}
