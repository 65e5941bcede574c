package dev.berth.runtime.cgroup;

import dev.berth.error.BerthException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code /proc/self/mountinfo} and {@code /proc/self/cgroup} say about this process's cgroups.
 *
 * @param v1 controller name → mount point, for the v1 controllers Berth uses
 * @param v1Self this process's memory cgroup (or that of the first controller found), relative
 * @param v2 the cgroup2 mount point, or null
 * @param v2Self this process's cgroup in the unified hierarchy, relative
 */
record HostCgroups(Map<String, Path> v1, String v1Self, Path v2, String v2Self) {

  static HostCgroups readSelf() {
    try {
      return parse(Files.readString(Path.of("/proc/self/mountinfo")), Files.readString(Path.of("/proc/self/cgroup")));
    } catch (IOException e) {
      throw BerthException.system("cannot read this process's cgroups from /proc/self: " + e.getMessage(), e);
    }
  }

  /**
   * mountinfo lines: {@code id parent maj:min root mountpoint options [optional…] - fstype source
   * superoptions}; for v1 the controllers are in the super options ({@code rw,cpu,cpuacct}).
   * /proc/self/cgroup lines: {@code hierarchy-id:controllers:path} ({@code 0::path} for v2).
   */
  static HostCgroups parse(String mountinfo, String selfCgroup) {
    Map<String, Path> v1 = new LinkedHashMap<>();
    Map<String, String> v1Roots = new LinkedHashMap<>();
    Path v2 = null;
    String v2Root = "/";
    for (String line : mountinfo.split("\n")) {
      String[] f = line.strip().split(" ");
      int dash = Arrays.asList(f).indexOf("-");
      if (dash < 5 || f.length < dash + 4) {
        continue;
      }
      String root = unescape(f[3]);
      Path mountPoint = Path.of(unescape(f[4]));
      String fstype = f[dash + 1];
      if (fstype.equals("cgroup")) {
        for (String option : f[dash + 3].split(",")) {
          if (V1Driver.CONTROLLERS.contains(option) && !v1.containsKey(option)) {
            v1.put(option, mountPoint);
            v1Roots.put(option, root);
          }
        }
      } else if (fstype.equals("cgroup2") && v2 == null) {
        v2 = mountPoint;
        v2Root = root;
      }
    }
    String v1Self = "";
    String v2Self = "";
    String chosen = v1.containsKey("memory") ? "memory" : v1.keySet().stream().findFirst().orElse(null);
    for (String line : selfCgroup.split("\n")) {
      String[] f = line.strip().split(":", 3);
      if (f.length != 3) {
        continue;
      }
      if (f[0].equals("0") && f[1].isEmpty()) {
        v2Self = underRoot(f[2], v2Root);
      } else if (chosen != null && List.of(f[1].split(",")).contains(chosen)) {
        v1Self = underRoot(f[2], v1Roots.get(chosen));
      }
    }
    return new HostCgroups(Map.copyOf(v1), v1Self, v2, v2Self);
  }

  /** v1 if any v1 controller is mounted (hybrid hosts included), else v2. */
  CgroupVersion version() {
    if (!v1.isEmpty()) {
      return CgroupVersion.V1;
    }
    if (v2 != null) {
      return CgroupVersion.V2;
    }
    throw BerthException.system("no cgroup filesystem is mounted (nothing of type cgroup or cgroup2 in /proc/self/mountinfo)", null);
  }

  CgroupDriver driver() {
    return switch (version()) {
      case V1 -> new V1Driver(v1, v1Self, CgroupFs.KERNEL);
      case V2 -> new V2Driver(v2, v2Self, CgroupFs.KERNEL);
    };
  }

  /**
   * The cgroup path relative to the mount: a mount of a sub-tree (root {@code /docker/x}) shows
   * {@code /docker/x/y} in /proc/self/cgroup; inside a cgroup namespace the path is already
   * relative to the namespace root.
   */
  private static String underRoot(String path, String mountRoot) {
    String rel = path;
    if (mountRoot != null && !mountRoot.equals("/") && (path.equals(mountRoot) || path.startsWith(mountRoot + "/"))) {
      rel = path.substring(mountRoot.length());
    }
    return CgroupPath.normalize(rel, "/proc/self/cgroup");
  }

  /** mountinfo escapes space, tab, newline and backslash as octal ({@code \040}). */
  private static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).chars().allMatch(d -> d >= '0' && d <= '7')) {
        b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
