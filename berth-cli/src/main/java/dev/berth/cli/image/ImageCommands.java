package dev.berth.cli.image;

import dev.berth.cli.CommandGroup;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The image commands, at the top level as docker has them ({@code images}, {@code rmi},
 * {@code tag}, {@code save}, {@code load}, {@code import}, {@code history}) and under
 * {@code berth image} ({@code ls}/{@code list}, {@code rm}/{@code remove}, {@code prune},
 * {@code inspect}, ...).
 */
public final class ImageCommands {
  private ImageCommands() {}

  /** {@code berth image} alone prints its usage. */
  @Command(name = "image", customSynopsis = "COMMAND", description = "Manage images")
  static final class Group extends CommandGroup {}

  public static void register(CommandLine root) {
    root.addSubcommand("images", new Images());
    root.addSubcommand("rmi", new RemoveImages());
    root.addSubcommand("tag", new Tag());
    root.addSubcommand("save", new Save());
    root.addSubcommand("load", new Load());
    root.addSubcommand("import", new Import());
    root.addSubcommand("history", new History());

    CommandLine group = new CommandLine(new Group());
    group.addSubcommand("history", new History());
    group.addSubcommand("import", new Import());
    group.addSubcommand("inspect", new InspectImages());
    group.addSubcommand("load", new Load());
    group.addSubcommand("ls", withUsage(new Images(), "ls"), "list");
    group.addSubcommand("prune", new PruneImages());
    group.addSubcommand("rm", withUsage(new RemoveImages(), "rm"), "remove");
    group.addSubcommand("save", new Save());
    group.addSubcommand("tag", new Tag());
    root.addSubcommand("image", group);
    // docker's tag stops reading flags at the first argument
    root.getSubcommands().get("tag").getCommandSpec().parser().stopAtPositional(true);
    group.getSubcommands().get("tag").getCommandSpec().parser().stopAtPositional(true);
  }

  private static CommandLine withUsage(Object command, String name) {
    CommandLine cl = new CommandLine(command);
    cl.getCommandSpec().name(name);
    return cl;
  }
}
