package dev.berth.cli.system;

import dev.berth.cli.CommandGroup;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code version}, {@code info} and {@code events} at the top level, and {@code berth system}
 * with {@code df}, {@code prune}, {@code info} and {@code events}.
 */
public final class SystemCommands {
  private SystemCommands() {}

  /** {@code berth system} alone prints its usage. */
  @Command(name = "system", customSynopsis = "COMMAND", description = "Manage Berth")
  static final class Group extends CommandGroup {}

  public static void register(CommandLine root) {
    root.addSubcommand("version", new Version());
    root.addSubcommand("info", new Info());
    root.addSubcommand("events", new Events());

    CommandLine group = new CommandLine(new Group());
    group.addSubcommand("df", new DiskUsage());
    group.addSubcommand("events", new Events());
    group.addSubcommand("info", new Info());
    group.addSubcommand("prune", new SystemPrune());
    root.addSubcommand("system", group);
  }
}
