package dev.berth.runtime.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The cgroup hierarchies mounted on this host, read from /proc/self/mountinfo. */
public record HostCgroupMounts(List<Hierarchy> hierarchies) {

  /** A mounted hierarchy: where, v1 or v2, and its super options ("cpu,cpuacct", "memory"). */
  public record Hierarchy(Path mountPoint, boolean v2, String controllers) {}

  public static HostCgroupMounts read() {
    try {
      return parse(Files.readAllLines(Path.of("/proc/self/mountinfo")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static HostCgroupMounts parse(List<String> mountinfo) {
    List<Hierarchy> out = new ArrayList<>();
    for (String line : mountinfo) {
      int dash = line.indexOf(" - ");
      if (dash < 0) continue;
      String[] left = line.substring(0, dash).split(" ");
      String[] right = line.substring(dash + 3).split(" ");
      if (left.length < 5 || right.length < 3) continue;
      String fstype = right[0];
      if (!fstype.equals("cgroup") && !fstype.equals("cgroup2")) continue;
      List<String> ctl = new ArrayList<>();
      for (String o : right[2].split(",")) {
        if (o.equals("rw") || o.equals("ro") || o.equals("xattr") || o.startsWith("release_agent")
            || o.equals("nsdelegate") || o.equals("noprefix") || o.equals("clone_children")
            || o.equals("memory_recursiveprot") || o.equals("memory_localevents")) {
          continue;
        }
        ctl.add(o);
      }
      out.add(new Hierarchy(Path.of(left[4].replace("\\040", " ")), fstype.equals("cgroup2"), String.join(",", ctl)));
    }
    return new HostCgroupMounts(out);
  }

  /** The hierarchy that holds this cgroup directory. */
  public java.util.Optional<Hierarchy> holding(Path dir) {
    Hierarchy best = null;
    for (Hierarchy h : hierarchies) {
      if (dir.startsWith(h.mountPoint())
          && (best == null || h.mountPoint().getNameCount() > best.mountPoint().getNameCount())) {
        best = h;
      }
    }
    return java.util.Optional.ofNullable(best);
  }
}
