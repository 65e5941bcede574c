package dev.berth.cli.network;

import dev.berth.cli.CliException;
import java.util.List;
import dev.berth.cli.flags.Command;

/**
 * cobra's RequiresMaxArgs as docker v28 prints it, stray "S" included (its message ends in a
 * cut-off "See" before the "Run ... --help" line): exit 1.
 */
public final class MaxArgs {
  private MaxArgs() {}

  public static void check(Command spec, List<String> args, int max) {
    if (args.size() > max) {
      String name = spec.qualifiedName();
      String synopsis = spec.synopsis();
      throw new CliException("berth: '" + name + "' requires at most " + max + " argument"
          + (max == 1 ? "" : "s") + "\n\nUsage:  " + name + " " + synopsis + "\n\nSRun '" + name
          + " --help' for more information");
    }
  }
}
