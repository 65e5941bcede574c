package dev.berth.cli.network;

import dev.berth.cli.CommandGroup;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code berth network}: create, ls, inspect, rm, prune, connect, disconnect. */
public final class NetworkCommands {
  private NetworkCommands() {}

  /** {@code berth network} alone prints its usage. */
  @Command(name = "network", customSynopsis = "COMMAND", description = "Manage networks")
  static final class Group extends CommandGroup {}

  public static void register(CommandLine root) {
    CommandLine group = new CommandLine(new Group());
    group.addSubcommand(new Connect());
    group.addSubcommand(new CreateNetwork());
    group.addSubcommand(new Disconnect());
    group.addSubcommand(new InspectNetworks());
    group.addSubcommand(new ListNetworks());
    group.addSubcommand(new PruneNetworks());
    group.addSubcommand(new RemoveNetworks());
    root.addSubcommand("network", group);
  }
}
