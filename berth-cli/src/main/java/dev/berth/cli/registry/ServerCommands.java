package dev.berth.cli.registry;

import dev.berth.cli.flags.Command;
import dev.berth.cli.flags.Declared;
import dev.berth.registry.server.GcCommand;
import dev.berth.registry.server.ServeCommand;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * berth-registry's own serve and gc commands mounted under {@code berth registry}. They keep
 * berth-registry's picocli declarations, so their arguments pass through unparsed here and
 * picocli is loaded only when one of them runs.
 */
final class ServerCommands {
  private ServerCommands() {}

  static void add(Command group) {
    group.sub("serve", () -> new Mounted("Run an OCI distribution registry.", ServeCommand::new));
    group.sub("gc", () -> new Mounted(
        "Delete blobs no manifest references (after a grace period).", GcCommand::new));
  }

  /** One of berth-registry's commands, run by picocli with berth's usage line. */
  private static final class Mounted implements Declared {
    private final String description;
    private final Supplier<Object> command;
    private final List<String> args = new ArrayList<>();
    private Command spec;

    Mounted(String description, Supplier<Object> command) {
      this.description = description;
      this.command = command;
    }

    @Override
    public void declare(Command c) {
      spec = c;
      c.description(description).rawArguments(args::add);
    }

    @Override
    public Integer call() {
      CommandLine cl = new CommandLine(command.get());
      cl.setOut(new PrintWriter(System.out, true));
      var sections = cl.getHelpSectionMap();
      String usage = spec.usageLine() + "\n\n";
      sections.put(UsageMessageSpec.SECTION_KEY_SYNOPSIS_HEADING, h -> "");
      sections.put(UsageMessageSpec.SECTION_KEY_SYNOPSIS, h -> usage);
      cl.getCommandSpec().usageMessage().optionListHeading("\nOptions:\n");
      return cl.execute(args.toArray(String[]::new));
    }
  }
}
