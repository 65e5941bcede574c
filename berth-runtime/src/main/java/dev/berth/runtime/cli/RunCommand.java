package dev.berth.runtime.cli;

import dev.berth.runtime.spec.BundleLoader;
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
    var process = BundleLoader.parse(flags.bundle.resolve("config.json")).process();
    boolean terminal = process != null && process.terminal();
    if (terminal && !detach && flags.consoleSocket == null && flags.containerLog == null) {
      return TerminalProxy.run(cli.runtime(), id, flags.bundle, flags.options());
    }
    return cli.runtime().run(id, flags.bundle, flags.options(), detach);
  }
}
