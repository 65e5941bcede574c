package dev.berth.cli.registry;

import dev.berth.registry.server.GcCommand;
import dev.berth.registry.server.ServeCommand;
import picocli.CommandLine;

/** berth-registry's own serve and gc commands mounted under {@code berth registry}. */
final class ServerCommands {
  private ServerCommands() {}

  static void add(CommandLine group) {
    group.addSubcommand("serve", new CommandLine(new ServeCommand()));
    group.addSubcommand("gc", new CommandLine(new GcCommand()));
  }
}
