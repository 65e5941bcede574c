package dev.berth.cli.system;

import dev.berth.cli.CommandGroup;
import dev.berth.cli.flags.Command;

/**
 * {@code version}, {@code info} and {@code events} at the top level, and {@code berth system}
 * with {@code df}, {@code prune}, {@code info} and {@code events}.
 */
public final class SystemCommands {
  private SystemCommands() {}

  public static void register(Command root) {
    root.sub("version", Version::new);
    root.sub("info", Info::new);
    root.sub("events", Events::new);
    root.sub("system", () -> new CommandGroup("system", "Manage Berth", g -> {
      g.sub("df", DiskUsage::new);
      g.sub("events", Events::new);
      g.sub("info", Info::new);
      g.sub("prune", SystemPrune::new);
    }));
  }
}
