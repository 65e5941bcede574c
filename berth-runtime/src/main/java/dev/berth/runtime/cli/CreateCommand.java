package dev.berth.runtime.cli;

import dev.berth.runtime.CreateOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "create", description = "Create a container from a bundle; it waits for start.")
final class CreateCommand implements Callable<Integer> {
  @ParentCommand RuntimeCli cli;
  @Option(names = {"-b", "--bundle"}, defaultValue = ".") Path bundle;
  @Option(names = "--pid-file") Path pidFile;
  @Option(names = "--console-socket") Path consoleSocket;
  @Option(names = "--container-log", description = "pipe stdio through the shim into this CRI log")
  Path containerLog;
  @Option(names = {"-i", "--interactive"}, description = "with --container-log: keep stdin open for attach")
  boolean interactive;
  @Parameters(index = "0", paramLabel = "ID") String id;

  @Override
  public Integer call() {
    cli.runtime().create(id, bundle, (containerLog == null ? CreateOptions.inherit() : CreateOptions.piped(containerLog).withStdinOpen(interactive)).withPidFile(pidFile).withConsoleSocket(consoleSocket));
    return 0;
  }
}
