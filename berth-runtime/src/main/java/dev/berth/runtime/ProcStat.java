package dev.berth.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's start time from /proc, so a recycled pid is never mistaken for a container. */
final class ProcStat {
  private ProcStat() {}

  /** Field 22 (starttime) of /proc/PID/stat, or -1 when the process is gone. */
  static long startTime(int pid) {
    try {
      String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
      // the command name may hold spaces and parentheses: count fields after the last ')'
      String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
      if (f[0].equals("Z") || f[0].equals("X")) return -1;
      return Long.parseLong(f[19]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  static boolean alive(int pid, long start) {
    long now = startTime(pid);
    return now >= 0 && now == start;
  }
}
