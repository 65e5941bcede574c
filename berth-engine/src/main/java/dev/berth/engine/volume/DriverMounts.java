package dev.berth.engine.volume;

import dev.berth.error.BerthException;
import dev.berth.sys.Errno;
import dev.berth.sys.Mounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Docker's reference counting for volumes with local driver options: the file system is
 * mounted on {@code _data} when the first container using it starts and unmounted when the
 * last one stops. The holders are the containers started on it; after a daemon restart they
 * are the running users found at open (the mounts stay while berthd is away).
 */
final class DriverMounts {
  private final Map<String, Set<String>> holders = new HashMap<>();

  /** Mounts {@code v} if this is its first holder and it is not mounted already. */
  synchronized void acquire(Volume v, String containerId) {
    Set<String> h = holders.computeIfAbsent(v.name(), k -> new HashSet<>());
    Path data = Path.of(v.mountpoint());
    if (!mounted(data)) {
      LocalOptions.of(v.name(), v.options()).mount(v.name(), data);
    }
    h.add(containerId);
  }

  /**
   * Drops {@code containerId} as a holder of {@code v}; unmounts when none is left. True when
   * it was a holder.
   */
  synchronized boolean release(Volume v, String containerId) {
    Set<String> h = holders.get(v.name());
    boolean held = h != null && h.remove(containerId);
    if (h == null || h.isEmpty()) {
      holders.remove(v.name());
      unmount(Path.of(v.mountpoint()));
    }
    return held;
  }

  /** At open: {@code containerId} is running on {@code v}, mounted before the restart. */
  synchronized void adopt(Volume v, String containerId) {
    holders.computeIfAbsent(v.name(), k -> new HashSet<>()).add(containerId);
  }

  synchronized boolean held(String volume) {
    return holders.containsKey(volume);
  }

  /** Unmounts whatever is on {@code data}, all layers of it. */
  static void unmount(Path data) {
    while (mounted(data)) {
      try {
        Mounts.umount2(data, 0);
      } catch (Errno e) {
        throw BerthException.system("unmounting volume " + data + ": " + e.getMessage(), e);
      }
    }
  }

  /** Whether something is mounted on {@code path} (in this process's mount namespace). */
  static boolean mounted(Path path) {
    String p = path.toAbsolutePath().normalize().toString();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
        String[] f = line.split(" ");
        if (f.length > 4 && f[4].replace("\\040", " ").equals(p)) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw BerthException.system("reading /proc/self/mountinfo: " + e.getMessage(), e);
    }
  }
}
