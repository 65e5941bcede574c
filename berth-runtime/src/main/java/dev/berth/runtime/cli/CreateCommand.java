package dev.berth.runtime.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "create", description = "Create a container from a bundle; it waits for start.")
final class CreateCommand implements Callable<Integer> {
  @ParentCommand RuntimeCli cli;
  @Mixin CreateFlags flags;
  @Parameters(index = "0", paramLabel = "ID") String id;

  @Override
  public Integer call() {
    cli.runtime().create(id, flags.bundle, flags.options());
    return 0;
  }
}
