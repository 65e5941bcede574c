package dev.berth.runtime.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.berth.runtime.spec.BundleLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "state", description = "Print the OCI state of a container as JSON.")
final class StateCommand implements Callable<Integer> {
  @ParentCommand RuntimeCli cli;
  @Parameters(index = "0", paramLabel = "ID") String id;

  @Override
  public Integer call() throws Exception {
    System.out.println(BundleLoader.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValueAsString(cli.runtime().state(id).oci()));
    return 0;
  }
}
