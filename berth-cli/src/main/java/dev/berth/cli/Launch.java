package dev.berth.cli;

/** Finds the command words in argv without a full parse: what comes after the global options. */
final class Launch {
  /** Global options that take a value in the next argument. */
  private static final java.util.Set<String> WITH_VALUE = java.util.Set.of("-H", "--host",
      "--tlscacert", "--tlscert", "--tlskey", "-l", "--log-level", "--config", "-c",
      "--context");

  private Launch() {}

  /** {command, subcommand}, either null when absent. */
  static String[] commandWords(String[] args) {
    String[] words = new String[2];
    int found = 0;
    for (int i = 0; i < args.length && found < 2; i++) {
      String a = args[i];
      if (a.startsWith("-")) {
        if (found > 0) {
          // an option of the command itself: the next word is no subcommand
          return words;
        }
        if (WITH_VALUE.contains(a)) {
          i++;
        }
        continue;
      }
      words[found++] = a;
    }
    return words;
  }
}
