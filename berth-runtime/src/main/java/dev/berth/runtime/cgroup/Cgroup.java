package dev.berth.runtime.cgroup;

import dev.berth.oci.runtime.LinuxResources;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** One container's cgroup, made by {@link CgroupDriver#create} or found by {@link CgroupDriver#open}. */
public interface Cgroup {

  /** The relative path, the same under every hierarchy; what the container state stores. */
  String path();

  /**
   * The directories whose {@code cgroup.procs} the container's pid must be written into: one per
   * v1 hierarchy in use (memory, cpu, cpuacct, cpuset, devices, freezer, blkio, pids; a joint
   * mount counts once), the one directory on v2.
   */
  List<Path> procsDirs();

  /** The file that counts OOM kills: v1 {@code memory.oom_control} ("oom_kill N"), v2 {@code memory.events}. */
  Optional<Path> oomCounter();

  /** Writes only what {@code resources} sets, validated as in {@code create}. */
  void update(LinuxResources resources);

  /** Freezes every process; returns once the kernel reports the cgroup frozen (bounded wait, SYSTEM if not). */
  void freeze();

  void thaw();

  boolean frozen();

  CgroupStats stats();

  /** Every pid in the cgroup and its descendants, ascending. */
  List<Integer> pids();

  /**
   * Removes the cgroup's directories, children first. FAILED_PRECONDITION naming the pids if
   * processes remain; a cgroup already gone is not an error.
   */
  void destroy();
}
