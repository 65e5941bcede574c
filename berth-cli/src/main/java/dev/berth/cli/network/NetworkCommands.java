package dev.berth.cli.network;

import dev.berth.cli.HelpOption;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code berth network}: create, ls, inspect, rm, prune, connect, disconnect. */
public final class NetworkCommands {
  private NetworkCommands() {}

  /** {@code berth network} alone prints its usage. */
  @Command(name = "network", customSynopsis = "COMMAND", description = "Manage networks")
  static final class Group implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin HelpOption help;

    @Override
    public Integer call() {
      spec.commandLine().usage(System.out);
      return 0;
    }
  }

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
