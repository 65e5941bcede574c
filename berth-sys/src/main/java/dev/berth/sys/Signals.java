package dev.berth.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Locale;
import java.util.Map;

/** Sending signals, and the names Docker and runc accept for them. */
public final class Signals {
  private static final Map<String, Integer> BY_NAME = Map.ofEntries(
      Map.entry("HUP", 1), Map.entry("INT", 2), Map.entry("QUIT", 3), Map.entry("ILL", 4),
      Map.entry("TRAP", 5), Map.entry("ABRT", 6), Map.entry("IOT", 6), Map.entry("BUS", 7),
      Map.entry("FPE", 8), Map.entry("KILL", 9), Map.entry("USR1", 10), Map.entry("SEGV", 11),
      Map.entry("USR2", 12), Map.entry("PIPE", 13), Map.entry("ALRM", 14), Map.entry("TERM", 15),
      Map.entry("STKFLT", 16), Map.entry("CHLD", 17), Map.entry("CONT", 18), Map.entry("STOP", 19),
      Map.entry("TSTP", 20), Map.entry("TTIN", 21), Map.entry("TTOU", 22), Map.entry("URG", 23),
      Map.entry("XCPU", 24), Map.entry("XFSZ", 25), Map.entry("VTALRM", 26), Map.entry("PROF", 27),
      Map.entry("WINCH", 28), Map.entry("IO", 29), Map.entry("POLL", 29), Map.entry("PWR", 30),
      Map.entry("SYS", 31));

  private Signals() {}

  /**
   * Parses "9", "KILL", "SIGKILL", "sigkill" or "RTMIN+3". Returns -1 for anything else so the
   * caller can name the bad value in its own error.
   */
  public static int parse(String s) {
    String t = s.trim().toUpperCase(Locale.ROOT);
    if (t.startsWith("SIG")) t = t.substring(3);
    try {
      int n = Integer.parseInt(t);
      return n > 0 && n <= 64 ? n : -1;
    } catch (NumberFormatException e) {
      // a name
    }
    if (t.startsWith("RTMIN+") || t.startsWith("RTMAX-")) {
      try {
        int off = Integer.parseInt(t.substring(6));
        int n = t.startsWith("RTMIN") ? 34 + off : 64 - off;
        return n >= 34 && n <= 64 ? n : -1;
      } catch (NumberFormatException e) {
        return -1;
      }
    }
    if (t.equals("RTMIN")) return 34;
    if (t.equals("RTMAX")) return 64;
    return BY_NAME.getOrDefault(t, -1);
  }

  /** kill(2). Throws {@link Errno} (ESRCH when the process is gone). */
  public static void kill(int pid, int signal) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.callState(arena);
      int r = (int) Libc.KILL.invokeExact(state, pid, signal);
      if (r != 0) throw new Errno("kill(" + pid + ", " + signal + ")", Libc.errno(state));
    } catch (Errno e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /** Whether a process exists (signal 0; EPERM still means it exists). */
  public static boolean alive(int pid) {
    try {
      kill(pid, 0);
      return true;
    } catch (Errno e) {
      return e.errno() == Errno.EPERM;
    }
  }
}
