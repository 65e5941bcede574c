package dev.berth.runtime.cgroup;

import dev.berth.oci.runtime.LinuxResources;
import java.nio.file.Path;

/**
 * Creates and opens container cgroups on one host's cgroup hierarchies (the cgroupfs driver).
 *
 * <p>Vocabulary. A <em>hierarchy</em> is a mounted cgroup tree: on v2 the one unified mount; on v1
 * one mount per controller, or per group of controllers mounted together ({@code cpu,cpuacct}).
 * A cgroup is named by a <em>relative path</em> such as {@code system.slice/berthd.service/berth/abc}
 * that means the same directory under every hierarchy the driver uses. That path is what
 * {@link Cgroup#path()} returns and what the container state stores.
 *
 * <p>Lifecycle: {@link #create} (directories and limits) → the shim writes the container's pid into
 * each of {@link Cgroup#procsDirs()} → {@link Cgroup#update}, {@link Cgroup#freeze}, {@link
 * Cgroup#stats} while it runs (possibly from another process, through {@link #open}) → the
 * processes exit → {@link Cgroup#destroy}.
 *
 * <p>Containers go under {@link #defaultParent()} unless the config names a {@code cgroupsPath};
 * nothing is ever created at a hierarchy's root.
 */
public interface CgroupDriver {

  /**
   * Detects v1 (including hybrid: v1 controllers mounted, a v2 mount without controllers) or v2
   * from {@code /proc/self/mountinfo} and {@code /proc/self/cgroup}.
   */
  static CgroupDriver detect() {
    return HostCgroups.readSelf().driver();
  }

  /**
   * A v1 driver on a tree where {@code root} holds one directory per controller ({@code cpu},
   * {@code cpuacct}, {@code cpuset}, {@code memory}, {@code devices}, {@code freezer}, {@code
   * blkio}, {@code pids}; a joint {@code cpu,cpuacct} directory serves both). {@code selfPath} is
   * the calling process's own cgroup. Meant for tests on a fake tree; a real cgroupfs root works
   * too.
   */
  static CgroupDriver v1At(Path root, String selfPath) {
    return V1Driver.at(root, selfPath);
  }

  /** A v2 driver whose unified hierarchy is mounted at {@code root}. See {@link #v1At}. */
  static CgroupDriver v2At(Path root, String selfPath) {
    return new V2Driver(root, CgroupPath.normalize(selfPath, "selfPath"), CgroupFs.of(root));
  }

  CgroupVersion version();

  /**
   * {@code <the calling process's own cgroup>/berth} as a relative path: the daemon's cgroup in the
   * unified hierarchy on v2, in the memory hierarchy on v1. Never a hierarchy root.
   */
  String defaultParent();

  /**
   * Creates the cgroup, writes every limit of {@code resources}, and returns its handle.
   *
   * <p>Where: {@code cgroupsPath} null or empty → {@code defaultParent()/id}; absolute → taken
   * relative to the hierarchy roots; relative → taken relative to the calling process's own cgroup
   * (as runc does). {@code ..} is refused.
   *
   * <p>An existing cgroup without processes is reused; one with processes fails with
   * ALREADY_EXISTS. Bad values fail with INVALID_ARGUMENT naming the field before anything is
   * made; a kernel refusal fails with SYSTEM naming the file. On any failure the directories this
   * call made are removed again.
   */
  Cgroup create(String cgroupsPath, String id, LinuxResources resources);

  /** Opens an existing cgroup by the path {@link Cgroup#path()} returned; NOT_FOUND if it is gone. */
  Cgroup open(String path);
}
