package dev.berth.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;

/**
 * The workload bin/berth records its JDK AOT cache from: typical command lines run against a
 * stand-in daemon ({@link TrainingDaemon}, canned answers, no container touched) and a few
 * against no daemon at all, plus help and parse errors, so the classes of the common paths are
 * loaded, linked and profiled ahead of time.
 */
public final class Training {
  /** A training run that hangs must not hang the user's first command with it. */
  private static final long DEADLINE_MS = 30_000;

  private Training() {}

  public static void main(String[] args) throws Exception {
    Thread watchdog = new Thread(() -> {
      try {
        Thread.sleep(DEADLINE_MS);
        System.exit(0); // a normal exit still writes the cache of what ran so far
      } catch (InterruptedException e) {
        // training ended in time
      }
    }, "training-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    PrintStream realOut = System.out;
    PrintStream realErr = System.err;
    PrintStream sink = new PrintStream(new ByteArrayOutputStream());
    System.setOut(sink);
    System.setErr(sink);
    try (TrainingDaemon daemon = TrainingDaemon.start()) {
      String h = daemon.host();
      String nowhere = "unix:///nonexistent/berth-training.sock";
      List<String[]> lines = List.of(
          new String[] {"--help"},
          new String[] {"run", "--help"},
          new String[] {"-H", h, "run", "--rm", "--network", "none", "busybox", "true"},
          new String[] {"-H", h, "run", "--rm", "-p", "8080:80", "-e", "A=B", "-v", "/a:/b",
              "-m", "64m", "--name", "x", "busybox", "sh", "-c", "true"},
          new String[] {"-H", h, "run", "-d", "busybox"},
          new String[] {"-H", h, "create", "--name", "y", "busybox"},
          new String[] {"-H", h, "start", "x"},
          new String[] {"-H", h, "ps", "-a"},
          new String[] {"-H", h, "ps", "-q"},
          new String[] {"-H", h, "ps", "--format", "table {{.ID}}\t{{.Names}}"},
          new String[] {"-H", h, "exec", "x", "sh"},
          new String[] {"-H", h, "logs", "x"},
          new String[] {"-H", h, "inspect", "x"},
          new String[] {"-H", h, "inspect", "-f", "{{.State.Status}}", "x"},
          new String[] {"-H", h, "stop", "x"},
          new String[] {"-H", h, "kill", "x"},
          new String[] {"-H", h, "rm", "-f", "x"},
          new String[] {"-H", h, "images"},
          new String[] {"-H", h, "version"},
          new String[] {"-H", h, "pull", "busybox"},
          new String[] {"-H", h, "network", "ls"},
          new String[] {"-H", h, "network", "create", "--subnet", "10.1.0.0/24", "n"},
          new String[] {"-H", h, "volume", "ls", "-q"},
          new String[] {"-H", h, "volume", "create", "v"},
          new String[] {"-H", h, "system", "df"},
          new String[] {"-H", h, "history", "busybox"},
          new String[] {"-H", nowhere, "run", "--rm", "-it", "busybox"},
          new String[] {"-H", nowhere, "ps"},
          new String[] {"run", "--bad-flag"},
          new String[] {"rm"});
      for (String[] l : lines) {
        try {
          Main.run(l);
        } catch (RuntimeException e) {
          // a training line may fail; only what it loaded matters
        }
      }
    } finally {
      System.setOut(realOut);
      System.setErr(realErr);
      watchdog.interrupt();
    }
  }
}
