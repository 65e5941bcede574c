package dev.berth.runtime.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "run", description = "Create and start a container; wait for it unless detached.")
final class RunCommand implements Callable<Integer> {
  @ParentCommand RuntimeCli cli;
  @Mixin CreateFlags flags;
  @Option(names = {"-d", "--detach"}) boolean detach;
  @Parameters(index = "0", paramLabel = "ID") String id;

  @Override
  public Integer call() {
    return cli.runtime().run(id, flags.bundle, flags.options(), detach);
  }
}
