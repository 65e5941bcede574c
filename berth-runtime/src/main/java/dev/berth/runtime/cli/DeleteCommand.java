package dev.berth.runtime.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "delete", description = "Remove a stopped container and everything it held.")
final class DeleteCommand implements Callable<Integer> {
  @ParentCommand RuntimeCli cli;
  @Option(names = {"-f", "--force"}) boolean force;
  @Parameters(index = "0", paramLabel = "ID") String id;

  @Override
  public Integer call() {
    cli.runtime().delete(id, force);
    return 0;
  }
}
