package dev.berth.runtime;

import dev.berth.error.BerthException;
import dev.berth.runtime.shim.RunDir;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;

/**
 * Waits for a container's exit file, which the monitor renames into place when the process ends
 * (an inotify event), and falls back to the process itself if the monitor is gone.
 */
final class ExitWatch {
  private static final long TIMEOUT_MS = 30_000;

  private ExitWatch() {}

  static int await(RunDir run, ContainerRecord rec) {
    try (WatchService ws = FileSystems.getDefault().newWatchService()) {
      run.dir().register(ws, StandardWatchEventKinds.ENTRY_CREATE);
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
      while (System.nanoTime() < deadline) {
        var code = run.exitCode();
        if (code.isPresent()) return code.getAsInt();
        if (!ProcStat.alive(rec.pid(), rec.pidStart()) && !monitorAlive(run)) return -1;
        var key = ws.poll(100, TimeUnit.MILLISECONDS);
        if (key != null) {
          key.pollEvents();
          key.reset();
        }
      }
      throw BerthException.system("container " + rec.id() + " did not exit within " + TIMEOUT_MS + " ms", null);
    } catch (IOException e) {
      throw BerthException.system("watching " + run.dir(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw BerthException.system("interrupted waiting for " + rec.id(), e);
    }
  }

  private static boolean monitorAlive(RunDir run) {
    try {
      int pid = Integer.parseInt(java.nio.file.Files.readString(run.shimPid()).trim());
      return dev.berth.sys.Signals.alive(pid);
    } catch (IOException | NumberFormatException e) {
      return false;
    }
  }
}
