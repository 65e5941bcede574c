package dev.berth.runtime.cli;

import dev.berth.error.BerthException;
import dev.berth.sys.Signals;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "kill", description = "Send a signal (default TERM) to the container's process.")
final class KillCommand implements Callable<Integer> {
  @ParentCommand RuntimeCli cli;
  @Option(names = {"-a", "--all"}) boolean all;
  @Parameters(index = "0", paramLabel = "ID") String id;
  @Parameters(index = "1", paramLabel = "SIGNAL", defaultValue = "TERM") String signal;

  @Override
  public Integer call() {
    int sig = Signals.parse(signal);
    if (sig < 0) throw BerthException.invalid("unknown signal \"" + signal + "\"");
    cli.runtime().kill(id, sig, all);
    return 0;
  }
}
