package dev.berth.cli.image;

import picocli.CommandLine;

/** Placeholder: the image commands' owner takes this over (see the CLI contract). */
public final class ImageCommands {
  private ImageCommands() {}

  public static void register(CommandLine root) {}
}
