package dev.berth.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;

/**
 * The workload bin/berth records its JDK AOT cache from: parses and runs typical command
 * lines against a daemon that is not there (so no container is touched), renders help and
 * errors, so the classes of the common paths are loaded and linked ahead of time.
 */
public final class Training {
  private Training() {}

  public static void main(String[] args) {
    PrintStream realOut = System.out;
    PrintStream realErr = System.err;
    PrintStream sink = new PrintStream(new ByteArrayOutputStream());
    System.setOut(sink);
    System.setErr(sink);
    String nowhere = "unix:///nonexistent/berth-training.sock";
    List<String[]> lines = List.of(
        new String[] {"--help"},
        new String[] {"run", "--help"},
        new String[] {"-H", nowhere, "ps", "-a", "--format", "table {{.ID}}\t{{.Names}}"},
        new String[] {"-H", nowhere, "run", "--rm", "-it", "-p", "8080:80", "-e", "A=B",
            "-v", "/a:/b", "-m", "64m", "--name", "x", "busybox", "sh", "-c", "true"},
        new String[] {"-H", nowhere, "run", "-d", "busybox"},
        new String[] {"-H", nowhere, "exec", "-it", "x", "sh"},
        new String[] {"-H", nowhere, "logs", "-f", "x"},
        new String[] {"-H", nowhere, "inspect", "-f", "{{.State.Status}}", "x"},
        new String[] {"-H", nowhere, "stop", "x"},
        new String[] {"-H", nowhere, "rm", "-f", "x"},
        new String[] {"-H", nowhere, "images"},
        new String[] {"-H", nowhere, "version"},
        new String[] {"-H", nowhere, "network", "ls"},
        new String[] {"-H", nowhere, "network", "create", "--subnet", "10.1.0.0/24", "n"},
        new String[] {"-H", nowhere, "volume", "ls", "-q"},
        new String[] {"-H", nowhere, "volume", "create", "v"},
        new String[] {"-H", nowhere, "pull", "busybox"},
        new String[] {"run", "--bad-flag"},
        new String[] {"rm"});
    for (String[] l : lines) {
      try {
        Main.commandLine(l).execute(l);
      } catch (RuntimeException e) {
        // a training line may fail; only what it loaded matters
      }
    }
    System.setOut(realOut);
    System.setErr(realErr);
  }
}
