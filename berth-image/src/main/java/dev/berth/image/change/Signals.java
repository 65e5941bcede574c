package dev.berth.image.change;

import dev.berth.error.BerthException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** STOPSIGNAL values Docker accepts on Linux: a non-zero number or a name, with or without SIG. */
final class Signals {
  private static final Set<String> NAMES = names();

  private Signals() {}

  /** Checks the signal; Docker keeps it as written, so it is not normalised. */
  static void check(String signal) {
    if (signal.matches("[+-]?[0-9]+")) {
      try {
        if (Integer.parseInt(signal) != 0) {
          return;
        }
      } catch (NumberFormatException e) {
        // out of int range: as invalid as in Go's Atoi
      }
      throw BerthException.invalid("Invalid signal: " + signal);
    }
    String name = signal.toUpperCase(Locale.ROOT);
    if (name.startsWith("SIG")) {
      name = name.substring(3);
    }
    if (!NAMES.contains(name)) {
      throw BerthException.invalid("Invalid signal: " + signal);
    }
  }

  private static Set<String> names() {
    var names = new HashSet<>(Set.of("ABRT", "ALRM", "BUS", "CHLD", "CLD", "CONT", "FPE", "HUP",
        "ILL", "INT", "IO", "IOT", "KILL", "PIPE", "POLL", "PROF", "PWR", "QUIT", "SEGV",
        "STKFLT", "STOP", "SYS", "TERM", "TRAP", "TSTP", "TTIN", "TTOU", "URG", "USR1", "USR2",
        "VTALRM", "WINCH", "XCPU", "XFSZ", "RTMIN", "RTMAX"));
    for (int i = 1; i <= 15; i++) {
      names.add("RTMIN+" + i);
    }
    for (int i = 1; i <= 14; i++) {
      names.add("RTMAX-" + i);
    }
    return Set.copyOf(names);
  }
}
