package dev.berth.runtime.cli;

import dev.berth.runtime.spec.BundleLoader;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "ps", description = "List the processes of a container.")
final class PsCommand implements Callable<Integer> {
  @ParentCommand RuntimeCli cli;
  @Option(names = {"-f", "--format"}, defaultValue = "table") String format;
  @Parameters(index = "0", paramLabel = "ID") String id;

  @Override
  public Integer call() throws Exception {
    List<Integer> pids = cli.runtime().ps(id);
    if (format.equals("json")) {
      System.out.println(BundleLoader.JSON.writeValueAsString(pids));
    } else {
      System.out.println("PID");
      pids.forEach(System.out::println);
    }
    return 0;
  }
}
