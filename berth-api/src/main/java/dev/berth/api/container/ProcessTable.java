package dev.berth.api.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code docker top}'s default table (UID PID PPID C STIME TTY TIME CMD), read from /proc. */
final class ProcessTable {
  static final List<String> TITLES = List.of("UID", "PID", "PPID", "C", "STIME", "TTY", "TIME",
      "CMD");

  private ProcessTable() {}

  static List<String> row(int pid) {
    Path proc = Path.of("/proc", Integer.toString(pid));
    String uid = "?";
    String ppid = "?";
    String cmd = "";
    long cpuTicks = 0;
    try {
      for (String l : Files.readAllLines(proc.resolve("status"))) {
        if (l.startsWith("Uid:")) {
          uid = l.split("\\s+")[1];
        } else if (l.startsWith("PPid:")) {
          ppid = l.split("\\s+")[1];
        }
      }
      cmd = new String(Files.readAllBytes(proc.resolve("cmdline"))).replace('\0', ' ').trim();
      String stat = Files.readString(proc.resolve("stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      cpuTicks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (IOException | RuntimeException e) {
      // the process ended meanwhile
    }
    long secs = cpuTicks / 100;
    String time = String.format("%02d:%02d:%02d", secs / 3600, secs / 60 % 60, secs % 60);
    return List.of(uid.equals("0") ? "root" : uid, Integer.toString(pid), ppid, "0", "", "?",
        time, cmd);
  }
}
