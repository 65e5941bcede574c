package dev.berth.runtime.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "resume", description = "Resume every process of a container (cgroup freezer).")
final class ResumeCommand implements Callable<Integer> {
  @ParentCommand RuntimeCli cli;
  @Parameters(index = "0", paramLabel = "ID") String id;

  @Override
  public Integer call() {
    cli.runtime().resume(id);
    return 0;
  }
}
