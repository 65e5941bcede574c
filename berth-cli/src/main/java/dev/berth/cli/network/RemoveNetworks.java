package dev.berth.cli.network;

import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.flags.Command;
import dev.berth.cli.flags.Flag;
import dev.berth.client.ApiException;
import dev.berth.client.Query;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code berth network rm}: each name removed is printed; each failure goes to stderr and the
 * exit code is 1. With -f a network that does not exist is no failure.
 */
final class RemoveNetworks extends ApiCommand {
  @Override
  protected void define(Command c) {
    c.name("rm").synopsis("NETWORK [NETWORK...]").description("Remove one or more networks");
    c.add(Flag.bool("-f", "--force").describe("Do not error if the network does not exist").toBool(v -> force = v));
    c.positionals(networks::add);
  }

  boolean force;
  List<String> networks = new ArrayList<>();

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
