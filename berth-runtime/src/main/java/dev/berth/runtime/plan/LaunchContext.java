package dev.berth.runtime.plan;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the runtime decided around a config before planning: where the shim keeps its files, how
 * stdio is wired, and the container's cgroup directories.
 *
 * @param cgroupDirs directories whose cgroup.procs receive the container's pid
 * @param oomCounter memory.oom_control (v1) or memory.events (v2), when a memory cgroup exists
 * @param stdinOpen pipe mode: keep the container's stdin open for attach clients (docker -i)
 * @param joinPid for exec: the running container's pid, whose namespaces are joined by path
 * @param autostart start as soon as created and say `started` on the sync socket (run, exec):
 *     no round trip through ctl.sock
 */
public record LaunchContext(
    String id,
    Path runDir,
    Path syncSocket,
    Stdio stdio,
    boolean stdinOpen,
    Optional<LogFile> log,
    Optional<Path> consoleSocket,
    Path hookState,
    List<Path> cgroupDirs,
    Optional<Path> oomCounter,
    Optional<Integer> joinPid,
    boolean autostart,
    Optional<Path> seccompCacheDir,
    boolean pauseAfterPid) {

  public LaunchContext {
    cgroupDirs = List.copyOf(cgroupDirs);
  }

  public enum Stdio { INHERIT, PIPE }

  /** A CRI log file rotated at maxBytes, keeping maxFiles old files. */
  public record LogFile(Path path, long maxBytes, int maxFiles) {}
}
