package dev.berth.runtime.cgroup;

import dev.berth.error.BerthException;
import dev.berth.oci.runtime.LinuxResources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A v1 cgroup: the same relative path in each hierarchy.
 *
 * @param dirs controller → this cgroup's directory in that controller's hierarchy (joint
 *     controllers share one)
 */
record V1Cgroup(String path, Map<String, Path> dirs, CgroupFs fs) implements Cgroup {

  @Override
  public List<Path> procsDirs() {
    return dirs.values().stream().distinct().toList();
  }

  @Override
  public Optional<Path> oomCounter() {
    return Optional.ofNullable(dirs.get("memory")).map(d -> d.resolve("memory.oom_control"));
  }

  @Override
  public void update(LinuxResources resources) {
    if (resources == null) {
      return;
    }
    ResourceCheck.validate(resources, CgroupVersion.V1);
    new V1Limits(dirs, fs).apply(resources);
  }

  /** Writes FROZEN until freezer.state says FROZEN (it passes through FREEZING); thaws again if it never does. */
  @Override
  public void freeze() {
    Path state = freezer().resolve("freezer.state");
    if (!FreezerPoll.until(this::frozen, () -> fs.write(state, "FROZEN"))) {
      String seen = CgroupFs.readOrEmpty(state);
      fs.write(state, "THAWED");
      throw BerthException.system("cannot freeze cgroup " + path + ": " + state + " still says " + seen, null);
    }
  }

  @Override
  public void thaw() {
    fs.write(freezer().resolve("freezer.state"), "THAWED");
  }

  @Override
  public boolean frozen() {
    return CgroupFs.readOrEmpty(freezer().resolve("freezer.state")).equals("FROZEN");
  }

  @Override
  public CgroupStats stats() {
    return V1Stats.read(dirs);
  }

  @Override
  public List<Integer> pids() {
    TreeSet<Integer> pids = new TreeSet<>();
    for (Path dir : procsDirs()) {
      pids.addAll(CgroupDirs.pids(dir));
    }
    return List.copyOf(pids);
  }

  @Override
  public void destroy() {
    List<Integer> pids = pids();
    if (!pids.isEmpty()) {
      throw BerthException.precondition("cgroup " + path + " still has processes " + pids);
    }
    List<RuntimeException> failures = new ArrayList<>();
    for (Path dir : procsDirs()) {
      try {
        CgroupDirs.removeTree(fs, dir);
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    if (!failures.isEmpty()) {
      RuntimeException first = failures.getFirst();
      failures.stream().skip(1).forEach(first::addSuppressed);
      throw first;
    }
  }

  private Path freezer() {
    Path dir = dirs.get("freezer");
    if (dir == null) {
      throw BerthException.system("cannot freeze cgroup " + path + ": the freezer controller is not mounted", null);
    }
    return dir;
  }
}
