package dev.berth.cli;

import dev.berth.cli.flags.Command;
import dev.berth.cli.flags.Declared;
import java.util.ArrayList;
import java.util.List;

/** {@code berth help [COMMAND [SUBCOMMAND]]}: the usage of the command named, else berth's. */
final class HelpCommand implements Declared {
  private final Command root;
  private final List<String> words = new ArrayList<>();

  HelpCommand(Command root) {
    this.root = root;
  }

  @Override
  public void declare(Command c) {
    c.name("help").synopsis("[COMMAND]")
        .description("Display help information about the specified command.");
    c.add(HelpOption.flag());
    c.positionals(words::add);
  }

  @Override
  public Integer call() {
    Command target = root;
    for (String w : words) {
      Command sub = target.findSub(w);
      if (sub == null) {
        System.err.println("Unknown subcommand '" + w + "'.");
        System.out.print(target.usage());
        return CliException.FAILED;
      }
      target = sub;
    }
    System.out.print(target.usage());
    return 0;
  }
}
