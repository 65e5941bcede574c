package dev.berth.cli.flags;

import java.util.HashSet;
import java.util.Set;

/**
 * Docker's flag syntax over a command tree: {@code --name value}, {@code --name=value},
 * {@code -n value}, {@code -nVALUE}, {@code -n=VALUE}, clustered switches ({@code -dit}),
 * {@code --flag=false}, repeated list flags, {@code --} ending flags, and flags after
 * positionals unless the command stops at its first positional (run, exec: the rest is argv).
 */
public final class Parser {
  private Parser() {}

  /** Parses {@code args} from {@code root}, setting flag values as it goes. */
  public static Invocation parse(Command root, String[] args) {
    Command cmd = root;
    boolean endOfFlags = false;
    boolean positionalSeen = false;
    Set<Flag> seen = new HashSet<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (endOfFlags || cmd.raw) {
        positional(cmd, a);
        continue;
      }
      if (a.equals("--")) {
        endOfFlags = true;
        continue;
      }
      if (!positionalSeen && !cmd.subcommands.isEmpty()) {
        Command sub = cmd.findSub(a);
        if (sub != null) {
          cmd = sub;
          seen.clear();
          continue;
        }
      }
      if (a.startsWith("--") && a.length() > 2) {
        int eq = a.indexOf('=');
        String name = eq > 0 ? a.substring(0, eq) : a;
        String attached = eq > 0 ? a.substring(eq + 1) : null;
        if (name.equals("--help")) {
          if (attached == null || Values.bool(attached)) {
            return new Invocation(cmd, true);
          }
          continue;
        }
        Flag f = cmd.flag(name);
        if (f == null) {
          throw new ParseError(cmd, ParseError.Kind.FLAG, "unknown flag: " + name);
        }
        i = apply(cmd, f, name, attached, args, i, seen);
      } else if (a.startsWith("-") && a.length() > 1) {
        i = cluster(cmd, a, args, i, seen);
      } else {
        positional(cmd, a);
        positionalSeen = true;
        if (cmd.stopAtPositional) {
          endOfFlags = true;
        }
      }
    }
    return new Invocation(cmd, false);
  }

  private static void positional(Command cmd, String a) {
    if (cmd.positionals == null) {
      throw new ParseError(cmd, ParseError.Kind.UNKNOWN_COMMAND,
          "berth: unknown command: " + cmd.qualifiedName() + " " + a);
    }
    cmd.positionals.accept(a);
  }

  /** {@code -dit}, {@code -e A}, {@code -eA}, {@code -e=A}: returns the last index used. */
  private static int cluster(Command cmd, String a, String[] args, int i, Set<Flag> seen) {
    for (int j = 1; j < a.length(); j++) {
      String name = "-" + a.charAt(j);
      Flag f = cmd.flag(name);
      if (f == null) {
        throw new ParseError(cmd, ParseError.Kind.FLAG,
            "unknown shorthand flag: '" + a.charAt(j) + "' in -" + a.substring(j));
      }
      String rest = a.substring(j + 1);
      if (f.kind == Flag.Kind.VALUE) {
        if (rest.startsWith("=")) {
          rest = rest.substring(1);
        }
        return apply(cmd, f, name, rest.isEmpty() ? null : rest, args, i, seen);
      }
      if (rest.startsWith("=")) {
        return apply(cmd, f, name, rest.substring(1), args, i, seen);
      }
      if (rest.isEmpty()) {
        return apply(cmd, f, name, null, args, i, seen);
      }
      set(cmd, f, "true", "true");
    }
    return i;
  }

  /** Sets {@code f} from an attached value or the next argument; returns the last index used. */
  private static int apply(Command cmd, Flag f, String used, String attached, String[] args,
      int i, Set<Flag> seen) {
    switch (f.kind) {
      case SWITCH -> set(cmd, f, attached == null ? "true" : attached, attached);
      case OPTIONAL -> {
        if (attached != null) {
          set(cmd, f, attached, attached);
        } else if (i + 1 < args.length && (args[i + 1].equalsIgnoreCase("true")
            || args[i + 1].equalsIgnoreCase("false"))) {
          i++;
          set(cmd, f, args[i], args[i]);
        } else {
          set(cmd, f, "true", null);
        }
      }
      case VALUE -> {
        String value = attached;
        if (value == null) {
          if (i + 1 >= args.length || isFlag(cmd, args[i + 1])) {
            throw new ParseError(cmd, ParseError.Kind.FLAG, used.startsWith("--")
                ? "flag needs an argument: " + used
                : "flag needs an argument: '" + used.substring(1) + "' in " + used);
          }
          value = args[++i];
        }
        if (!f.repeatable && !seen.add(f)) {
          throw new ParseError(cmd, ParseError.Kind.FLAG, "option '" + f.longestName() + "' ("
              + f.label + ") should be specified only once");
        }
        if (f.split) {
          for (String part : value.split(",")) {
            set(cmd, f, part, value);
          }
        } else {
          set(cmd, f, value, value);
        }
      }
    }
    return i;
  }

  /** Whether {@code a} is one of the command's flags (then it is no value for another flag). */
  private static boolean isFlag(Command cmd, String a) {
    if (!a.startsWith("-") || a.length() < 2) {
      return false;
    }
    int eq = a.indexOf('=');
    String name = eq > 0 ? a.substring(0, eq) : a;
    return cmd.flag(name) != null || name.equals("--help");
  }

  private static void set(Command cmd, Flag f, String value, String shown) {
    try {
      if (f.kind != Flag.Kind.VALUE) {
        boolean b = Values.bool(value);
        f.setter.set(String.valueOf(b));
      } else {
        f.setter.set(value);
      }
    } catch (Exception e) {
      String reason = e.getMessage() != null ? e.getMessage() : e.toString();
      throw new ParseError(cmd, ParseError.Kind.FLAG, "invalid argument \"" + shown + "\" for \""
          + String.join(", ", f.names) + "\" flag: " + reason);
    }
  }
}
