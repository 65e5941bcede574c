package dev.berth.cli.terminal;

/**
 * The local terminal: whether stdin/stdout are terminals, raw mode with a guaranteed restore
 * (also from a shutdown hook, so Ctrl-C or a crash never leaves the shell raw), window size.
 */
public final class Terminal {
  private static byte[] saved;
  private static boolean hooked;

  private Terminal() {}

  public static boolean stdinIsTerminal() {
    return Termios.isatty(0);
  }

  public static boolean stdoutIsTerminal() {
    return Termios.isatty(1);
  }

  public static boolean stderrIsTerminal() {
    return Termios.isatty(2);
  }

  /** Puts stdin's terminal in raw mode; {@link #restore()} undoes it. No-op when not a tty. */
  public static synchronized void makeRaw() {
    if (saved != null || !Termios.isatty(0)) {
      return;
    }
    byte[] now = Termios.get(0);
    if (now == null) {
      return;
    }
    if (!hooked) {
      Runtime.getRuntime().addShutdownHook(new Thread(Terminal::restore));
      hooked = true;
    }
    saved = now;
    Termios.set(0, Termios.raw(now));
  }

  public static synchronized void restore() {
    if (saved != null) {
      Termios.set(0, saved);
      saved = null;
    }
  }

  /** {rows, columns} of the terminal on stdout (else stdin), or null when neither is one. */
  public static int[] size() {
    int[] s = Termios.windowSize(1);
    return s != null ? s : Termios.windowSize(0);
  }
}
