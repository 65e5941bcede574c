package dev.berth.runtime.cgroup;

import dev.berth.error.BerthException;
import dev.berth.oci.runtime.LinuxResources.DeviceRule;
import dev.berth.sys.Bpf;
import dev.berth.sys.Errno;
import java.nio.file.Path;
import java.util.List;

/**
 * Puts device rules in force on a v2 cgroup: compiles them ({@link DeviceFilter}), attaches the
 * program and then detaches whatever device programs were attached there before, so an update
 * replaces the rules. Between the two steps both programs apply (the kernel asks every attached
 * program), which can only deny more, never less. No fd outlives the call: the attachment keeps
 * the program alive, and rmdir of the cgroup drops it.
 */
final class DeviceProgram {
  private DeviceProgram() {}

  static void apply(Path dir, List<DeviceRule> rules) {
    int[] old = new int[0];
    int prog = -1;
    try {
      prog = Bpf.loadCgroupDevice(DeviceFilter.compile(rules));
      old = Bpf.attachedCgroupDevice(dir);
      Bpf.attachCgroupDevice(prog, dir);
      for (int fd : old) {
        Bpf.detachCgroupDevice(fd, dir);
      }
    } catch (Errno e) {
      throw BerthException.system("linux.resources.devices: cannot put the device rules in force on cgroup " + dir + ": "
          + e.getMessage(), e);
    } finally {
      for (int fd : old) {
        Bpf.close(fd);
      }
      if (prog >= 0) {
        Bpf.close(prog);
      }
    }
  }
}
