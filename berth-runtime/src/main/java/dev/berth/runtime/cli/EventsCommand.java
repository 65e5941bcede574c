package dev.berth.runtime.cli;

import dev.berth.error.BerthException;
import dev.berth.runtime.spec.BundleLoader;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "events", description = "Print a container's resource usage (--stats, once).")
final class EventsCommand implements Callable<Integer> {
  @ParentCommand RuntimeCli cli;
  @Option(names = "--stats", required = true) boolean stats;
  @Parameters(index = "0", paramLabel = "ID") String id;

  @Override
  public Integer call() throws Exception {
    if (!stats) throw BerthException.invalid("events: only --stats is supported");
    var s = cli.runtime().stats(id);
    System.out.println(BundleLoader.JSON.writeValueAsString(Map.of("type", "stats", "id", id, "data", s)));
    return 0;
  }
}
