package dev.berth.cli.system;

import picocli.CommandLine;

/** Placeholder: the system commands' owner takes this over (see the CLI contract). */
public final class SystemCommands {
  private SystemCommands() {}

  public static void register(CommandLine root) {}
}
