package dev.berth.runtime.shim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files of one container (or one exec) in its run directory. The monitor writes shim.pid,
 * exit, oom and started; Java writes state.json, plan and hookstate.json.
 */
public record RunDir(Path dir) {
  public Path plan() { return dir.resolve("plan"); }
  public Path sync() { return dir.resolve("sync.sock"); }
  public Path control() { return dir.resolve("ctl.sock"); }
  public Path attach() { return dir.resolve("attach.sock"); }
  public Path hookState() { return dir.resolve("hookstate.json"); }
  public Path state() { return dir.resolve("state.json"); }
  /** The container's seccomp profile, for execs: apart, so state.json stays small to read. */
  public Path seccomp() { return dir.resolve("seccomp.json"); }
  public Path exitFile() { return dir.resolve("exit"); }
  public Path oomFile() { return dir.resolve("oom"); }
  public Path startedFile() { return dir.resolve("started"); }
  public Path shimPid() { return dir.resolve("shim.pid"); }
  public Path shimErrors() { return dir.resolve("shim.err"); }

  /** The exit code the monitor recorded, if the process has ended. */
  public java.util.OptionalInt exitCode() {
    try {
      return java.util.OptionalInt.of(Integer.parseInt(Files.readString(exitFile()).trim()));
    } catch (java.nio.file.NoSuchFileException e) {
      return java.util.OptionalInt.empty();
    } catch (IOException | NumberFormatException e) {
      return java.util.OptionalInt.empty();
    }
  }

  public boolean oomKilled() {
    return Files.exists(oomFile());
  }

  public boolean started() {
    return Files.exists(startedFile());
  }

  /**
   * Writes a file atomically: temp file, then rename, so a reader sees all of it or none. No
   * fsync: a run directory lives under the exec root (/run, tmpfs on a normal host) and means
   * nothing after a reboot, when its containers are gone too; this write is on every start.
   */
  public static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
    Files.write(tmp, bytes);
    Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
