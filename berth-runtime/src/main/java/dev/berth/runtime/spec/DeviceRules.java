package dev.berth.runtime.spec;

import dev.berth.oci.runtime.LinuxResources;
import dev.berth.oci.runtime.LinuxResources.DeviceRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The device cgroup rules a container really gets: its own, then the ones every container needs
 * (the default devices, ptys, mknod of anything) as runc adds them. Without these, a config that
 * denies all (as `runc spec` writes) could not open /dev/null. Devices in linux.devices are
 * created but get no access of their own: a config allows them in resources.devices, as Docker
 * does for --device.
 */
public final class DeviceRules {
  private static final List<DeviceRule> DEFAULTS = List.of(
      rule("c", null, null, "m"), rule("b", null, null, "m"),
      rule("c", 1L, 3L, "rwm"), rule("c", 1L, 8L, "rwm"), rule("c", 1L, 7L, "rwm"),
      rule("c", 5L, 0L, "rwm"), rule("c", 1L, 5L, "rwm"), rule("c", 1L, 9L, "rwm"),
      rule("c", 5L, 1L, "rwm"), rule("c", 136L, null, "rwm"), rule("c", 5L, 2L, "rwm"),
      rule("c", 10L, 200L, "rwm"));

  private DeviceRules() {}

  public static LinuxResources withDefaults(LinuxResources r) {
    List<DeviceRule> rules = new ArrayList<>(r.devices());
    rules.addAll(DEFAULTS);
    return new LinuxResources(rules, r.memory(), r.cpu(), r.pids(), r.blockIO(), r.unified());
  }

  private static DeviceRule rule(String type, Long major, Long minor, String access) {
    return new DeviceRule(true, type, major, minor, access);
  }
}
