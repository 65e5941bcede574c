package dev.berth.cli;

import dev.berth.cli.flags.Command;
import java.util.List;

/** Docker's positional-argument count checks (cobra's MinimumNArgs, ExactArgs, ...). */
public final class Args {
  private Args() {}

  public static void none(Command spec, List<String> args) {
    if (!args.isEmpty()) {
      fail(spec, "accepts no arguments", false);
    }
  }

  public static void atLeast(Command spec, List<String> args, int n) {
    if (args.size() < n) {
      fail(spec, "requires at least " + n + " argument" + (n == 1 ? "" : "s"), true);
    }
  }

  public static void exactly(Command spec, List<String> args, int n) {
    if (args.size() != n) {
      fail(spec, "requires " + n + " argument" + (n == 1 ? "" : "s"), false);
    }
  }

  public static void between(Command spec, List<String> args, int min, int max) {
    if (args.size() < min || args.size() > max) {
      fail(spec, "requires at least " + min + " and at most " + max + " argument"
          + (max == 1 ? "" : "s"), false);
    }
  }

  private static void fail(Command spec, String what, boolean see) {
    throw new UsageException(spec, "berth: '" + spec.qualifiedName() + "' " + what, see);
  }
}
