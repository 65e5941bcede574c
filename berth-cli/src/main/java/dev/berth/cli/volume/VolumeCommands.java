package dev.berth.cli.volume;

import dev.berth.cli.CommandGroup;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code berth volume}: create, ls, inspect, rm, prune. */
public final class VolumeCommands {
  private VolumeCommands() {}

  /** {@code berth volume} alone prints its usage. */
  @Command(name = "volume", customSynopsis = "COMMAND", description = "Manage volumes")
  static final class Group extends CommandGroup {}

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
