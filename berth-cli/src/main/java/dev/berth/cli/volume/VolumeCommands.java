package dev.berth.cli.volume;

import dev.berth.cli.HelpOption;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code berth volume}: create, ls, inspect, rm, prune. */
public final class VolumeCommands {
  private VolumeCommands() {}

  /** {@code berth volume} alone prints its usage. */
  @Command(name = "volume", customSynopsis = "COMMAND", description = "Manage volumes")
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
    group.addSubcommand(new CreateVolume());
    group.addSubcommand(new InspectVolumes());
    group.addSubcommand(new ListVolumes());
    group.addSubcommand(new PruneVolumes());
    group.addSubcommand(new RemoveVolumes());
    root.addSubcommand("volume", group);
  }
}
