package dev.berth.cli;

import dev.berth.cli.flags.Command;
import dev.berth.cli.flags.Declared;
import java.util.function.Consumer;

/**
 * A command group ({@code berth network}, {@code berth image}, …): given no subcommand, it prints
 * its usage, as docker does.
 */
public final class CommandGroup implements Declared {
  private final String name;
  private final String description;
  private final Consumer<Command> children;
  private Command spec;

  /** {@code children} adds the group's subcommands (made only when used). */
  public CommandGroup(String name, String description, Consumer<Command> children) {
    this.name = name;
    this.description = description;
    this.children = children;
  }

  @Override
  public void declare(Command c) {
    spec = c;
    c.name(name).synopsis("COMMAND").description(description);
    c.add(HelpOption.flag());
    children.accept(c);
  }

  @Override
  public Integer call() {
    System.out.print(spec.usage());
    return 0;
  }
}
