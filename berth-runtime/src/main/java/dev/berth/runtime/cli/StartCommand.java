package dev.berth.runtime.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "start", description = "Run the user's program in a created container.")
final class StartCommand implements Callable<Integer> {
  @ParentCommand RuntimeCli cli;
  @Parameters(index = "0", paramLabel = "ID") String id;

  @Override
  public Integer call() {
    cli.runtime().start(id);
    return 0;
  }
}
