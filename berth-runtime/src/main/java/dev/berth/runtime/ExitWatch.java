package dev.berth.runtime;

import dev.berth.error.BerthException;
import dev.berth.runtime.shim.RunDir;
import dev.berth.sys.Pidfd;
import java.io.IOException;
import java.nio.file.Files;

/**
 * Waits for a container's end. The monitor writes the exit file and then exits itself, so the
 * monitor's own exit (a pidfd becoming readable) is the signal; the container process stands in
 * when the monitor is already gone.
 */
final class ExitWatch {
  private static final int TIMEOUT_MS = 30_000;

  private ExitWatch() {}

  static int await(RunDir run, ContainerRecord rec) {
    return await(run, rec, TIMEOUT_MS);
  }

  /** As {@link #await(RunDir, ContainerRecord)}; {@code timeoutMs} -1 waits as long as it runs. */
  static int await(RunDir run, ContainerRecord rec, int timeoutMs) {
    var code = run.exitCode();
    if (code.isPresent()) return code.getAsInt();
    int waitOn = lastToEnd(run, rec);
    if (waitOn > 0 && !Pidfd.awaitExit(waitOn, timeoutMs)) {
      throw BerthException.system("container " + rec.id() + " did not exit within " + timeoutMs + " ms", null);
    }
    return run.exitCode().orElse(-1);
  }

  /**
   * Whose end says the container has ended: its monitor (which writes the exit file first), or
   * without one the container process itself, unless it was recycled already; -1 for nobody.
   */
  private static int lastToEnd(RunDir run, ContainerRecord rec) {
    int monitor = monitorPid(run);
    if (monitor > 0) return monitor;
    return ProcStat.alive(rec.pid(), rec.pidStart()) ? rec.pid() : -1;
  }

  /**
   * The exit code once the container has ended, through {@code watcher}'s one thread instead of
   * a waiting thread per container; -1 when no monitor recorded one.
   */
  static java.util.concurrent.CompletableFuture<Integer> onExit(RunDir run, ContainerRecord rec,
      dev.berth.sys.ExitWatcher watcher) {
    var code = run.exitCode();
    if (code.isPresent()) {
      return java.util.concurrent.CompletableFuture.completedFuture(code.getAsInt());
    }
    int waitOn = lastToEnd(run, rec);
    java.util.concurrent.CompletableFuture<Void> gone = waitOn > 0 ? watcher.onExit(waitOn)
        : java.util.concurrent.CompletableFuture.completedFuture(null);
    return gone.thenApply(v -> run.exitCode().orElse(-1));
  }

  /**
   * Waits for the monitor to be gone: after the exit file it still closes attach clients and
   * removes its sockets, and the run directory is only removed once it has.
   */
  static void awaitMonitor(RunDir run) {
    int pid = monitorPid(run);
    if (pid > 0 && !Pidfd.awaitExit(pid, TIMEOUT_MS)) {
      throw BerthException.system("the monitor of " + run.dir() + " (pid " + pid + ") did not exit", null);
    }
  }

  private static int monitorPid(RunDir run) {
    try {
      return Integer.parseInt(Files.readString(run.shimPid()).trim());
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
  }
}
