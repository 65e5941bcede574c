package dev.berth.cli.container;

import dev.berth.cli.HelpOption;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Registers the container commands at the top level ({@code berth run}) and under
 * {@code berth container} ({@code berth container run}, {@code container ls}, ...).
 */
public final class ContainerCommands {
  private ContainerCommands() {}

  /** {@code berth container} alone prints its usage. */
  @Command(name = "container", customSynopsis = "COMMAND", description = "Manage containers")
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
    root.addSubcommand(new Run());
    root.addSubcommand(new Create());
    root.addSubcommand(new Start());
    root.addSubcommand(new Verbs.Stop());
    root.addSubcommand(new Verbs.Kill());
    root.addSubcommand(new Verbs.Restart());
    root.addSubcommand("rm", new Verbs.Remove());
    root.addSubcommand(new Verbs.Pause());
    root.addSubcommand(new Verbs.Unpause());
    root.addSubcommand(new Verbs.Wait());
    root.addSubcommand(new Attach());
    root.addSubcommand(new Logs());
    root.addSubcommand(new Exec());
    root.addSubcommand("ps", new Ps());
    root.addSubcommand(new Inspect());
    root.addSubcommand(new Top());
    root.addSubcommand(new Stats());
    root.addSubcommand(new Port());
    root.addSubcommand(new Verbs.Rename());
    root.addSubcommand(new Update());
    root.addSubcommand(new Cp());
    root.addSubcommand(new Diff());
    root.addSubcommand(new Export());
    root.addSubcommand(new Commit());

    CommandLine group = new CommandLine(new Group());
    group.addSubcommand(new Attach());
    group.addSubcommand(new Commit());
    group.addSubcommand(new Cp());
    group.addSubcommand(new Create());
    group.addSubcommand(new Diff());
    group.addSubcommand(new Exec());
    group.addSubcommand(new Export());
    group.addSubcommand(new Inspect.ContainerOnly());
    group.addSubcommand(new Verbs.Kill());
    group.addSubcommand(new Logs());
    group.addSubcommand("ls", new Ps(), "list", "ps");
    group.addSubcommand(new Verbs.Pause());
    group.addSubcommand(new Port());
    group.addSubcommand(new Prune());
    group.addSubcommand(new Verbs.Rename());
    group.addSubcommand(new Verbs.Restart());
    group.addSubcommand("rm", new Verbs.Remove(), "remove");
    group.addSubcommand(new Run());
    group.addSubcommand(new Start());
    group.addSubcommand(new Stats());
    group.addSubcommand(new Verbs.Stop());
    group.addSubcommand(new Top());
    group.addSubcommand(new Verbs.Unpause());
    group.addSubcommand(new Update());
    group.addSubcommand(new Verbs.Wait());
    root.addSubcommand("container", group);

    // run, create and exec: everything after the image (or container) belongs to the command
    for (CommandLine cl : java.util.List.of(root.getSubcommands().get("run"),
        root.getSubcommands().get("create"), root.getSubcommands().get("exec"),
        group.getSubcommands().get("run"), group.getSubcommands().get("create"),
        group.getSubcommands().get("exec"))) {
      cl.getCommandSpec().parser().stopAtPositional(true);
    }
  }
}
