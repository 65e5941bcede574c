package dev.berth.cli.network;

import dev.berth.cli.CommandGroup;
import dev.berth.cli.flags.Command;

/** {@code berth network}: create, ls, inspect, rm, prune, connect, disconnect. */
public final class NetworkCommands {
  private NetworkCommands() {}

  public static void register(Command root) {
    root.sub("network", () -> new CommandGroup("network", "Manage networks", g -> {
      g.sub("connect", Connect::new);
      g.sub("create", CreateNetwork::new);
      g.sub("disconnect", Disconnect::new);
      g.sub("inspect", InspectNetworks::new);
      g.sub("ls", ListNetworks::new, "list");
      g.sub("prune", PruneNetworks::new);
      g.sub("rm", RemoveNetworks::new, "remove");
    }));
  }
}
