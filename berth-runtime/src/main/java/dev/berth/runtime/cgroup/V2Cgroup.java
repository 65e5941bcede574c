package dev.berth.runtime.cgroup;

import dev.berth.error.BerthException;
import dev.berth.oci.runtime.LinuxResources;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A v2 cgroup: one directory of the unified hierarchy. */
record V2Cgroup(String path, Path dir, CgroupFs fs) implements Cgroup {

  @Override
  public List<Path> procsDirs() {
    return List.of(dir);
  }

  @Override
  public Optional<Path> oomCounter() {
    return Optional.of(dir.resolve("memory.events"));
  }

  @Override
  public void update(LinuxResources resources) {
    if (resources == null) {
      return;
    }
    ResourceCheck.validate(resources, CgroupVersion.V2);
    new V2Limits(dir, fs).apply(resources);
  }

  /** Writes 1 to cgroup.freeze, then waits for cgroup.events to say "frozen 1"; unfreezes again if it never does. */
  @Override
  public void freeze() {
    fs.write(dir.resolve("cgroup.freeze"), "1");
    if (!FreezerPoll.until(this::frozen, () -> {})) {
      fs.write(dir.resolve("cgroup.freeze"), "0");
      throw BerthException.system("cannot freeze cgroup " + path + ": " + dir.resolve("cgroup.events") + " never said frozen 1", null);
    }
  }

  @Override
  public void thaw() {
    fs.write(dir.resolve("cgroup.freeze"), "0");
  }

  @Override
  public boolean frozen() {
    return StatParse.keyValues(CgroupFs.readOrEmpty(dir.resolve("cgroup.events"))).getOrDefault("frozen", 0L) == 1;
  }

  @Override
  public CgroupStats stats() {
    return V2Stats.read(dir);
  }

  @Override
  public List<Integer> pids() {
    return List.copyOf(CgroupDirs.pids(dir));
  }

  @Override
  public void destroy() {
    List<Integer> pids = pids();
    if (!pids.isEmpty()) {
      throw BerthException.precondition("cgroup " + path + " still has processes " + pids);
    }
    CgroupDirs.removeTree(fs, dir);
  }
}
