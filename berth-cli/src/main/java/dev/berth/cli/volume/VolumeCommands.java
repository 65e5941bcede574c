package dev.berth.cli.volume;

import dev.berth.cli.CommandGroup;
import dev.berth.cli.flags.Command;

/** {@code berth volume}: create, ls, inspect, rm, prune. */
public final class VolumeCommands {
  private VolumeCommands() {}

  public static void register(Command root) {
    root.sub("volume", () -> new CommandGroup("volume", "Manage volumes", g -> {
      g.sub("create", CreateVolume::new);
      g.sub("inspect", InspectVolumes::new);
      g.sub("ls", ListVolumes::new, "list");
      g.sub("prune", PruneVolumes::new);
      g.sub("rm", RemoveVolumes::new, "remove");
    }));
  }
}
