package dev.berth.runtime.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "list", description = "List containers.")
final class ListCommand implements Callable<Integer> {
  @ParentCommand RuntimeCli cli;

  @Override
  public Integer call() {
    System.out.printf("%-24s %-8s %-10s %s%n", "ID", "PID", "STATUS", "BUNDLE");
    for (var s : cli.runtime().list()) {
      System.out.printf("%-24s %-8d %-10s %s%n", s.record().id(),
          s.oci().pid() == null ? 0 : s.oci().pid(), s.status().ociName(), s.record().bundle());
    }
    return 0;
  }
}
