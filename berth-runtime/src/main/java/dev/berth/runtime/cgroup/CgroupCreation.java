package dev.berth.runtime.cgroup;

import dev.berth.error.BerthException;
import java.util.List;
import java.util.function.Consumer;

/** What every driver does around making its own directories: refuse a busy cgroup, undo on failure. */
final class CgroupCreation {
  private CgroupCreation() {}

  /**
   * Refuses a cgroup that already holds processes, then runs {@code makeAndLimit} (make the
   * directories through the given {@link CgroupDirs}, write the limits); if that fails, removes
   * every directory it made.
   */
  static <C extends Cgroup> C create(C cgroup, CgroupFs fs, Consumer<CgroupDirs> makeAndLimit) {
    List<Integer> pids = cgroup.pids();
    if (!pids.isEmpty()) {
      throw BerthException.exists("cgroup " + cgroup.path() + " already exists and has processes " + pids);
    }
    CgroupDirs dirs = new CgroupDirs(fs);
    try {
      makeAndLimit.accept(dirs);
      return cgroup;
    } catch (RuntimeException e) {
      dirs.undo(e);
      throw e;
    }
  }

  /** A path given to open(): normalised, and never a hierarchy's root. */
  static String openable(String path) {
    String rel = CgroupPath.normalize(path, "cgroup path");
    if (rel.isEmpty()) {
      throw BerthException.invalid("cgroup path: \"" + path + "\" is a hierarchy root");
    }
    return rel;
  }
}
