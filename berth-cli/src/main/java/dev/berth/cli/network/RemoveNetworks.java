package dev.berth.cli.network;

import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.client.ApiException;
import dev.berth.client.Query;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth network rm}: each name removed is printed; each failure goes to stderr and the
 * exit code is 1. With -f a network that does not exist is no failure.
 */
@Command(name = "rm", aliases = "remove", customSynopsis = "NETWORK [NETWORK...]",
    description = "Remove one or more networks")
final class RemoveNetworks extends ApiCommand {
  @Option(names = {"-f", "--force"}, description = "Do not error if the network does not exist")
  boolean force;
  @Parameters(hidden = true) List<String> networks = new ArrayList<>();

  @Override
  public Integer call() {
    Args.atLeast(spec, networks, 1);
    int code = forEach(networks, n -> {
      try {
        client().delete("/networks/" + seg(n), Query.NONE);
      } catch (ApiException e) {
        if (force && e.notFound()) {
          return null;
        }
        throw e;
      }
      return n;
    }, null);
    if (code != 0) {
      // docker's bare StatusError, as cobra prints it
      err().println("exit status " + code);
    }
    return code;
  }
}
