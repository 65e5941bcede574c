package dev.berth.cli;

import dev.berth.client.ApiException;
import dev.berth.client.DaemonUnreachableException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Docker's error output. Usage errors: the message, the usage line, a pointer to --help;
 * exit 125 for flag errors and 1 for argument counts. Failures: the message alone, exit 1,
 * daemon errors as "Error response from daemon: ...".
 */
public final class Errors {
  private Errors() {}

  /** The text a client exception prints as (without a "berth: " prefix). */
  public static String describe(Throwable e) {
    return switch (e) {
      case ApiException a -> "Error response from daemon: " + a.getMessage();
      case DaemonUnreachableException d -> d.getMessage();
      case UncheckedIOException u -> u.getCause() != null && u.getMessage() == null
          ? u.getCause().getMessage() : u.getMessage();
      default -> String.valueOf(e.getMessage());
    };
  }

  /** A failure of run/create: "berth: msg" + the --help pointer, exit 125 (or 126/127). */
  public static CliException runFailure(CommandSpec spec, Throwable e, int code) {
    if (e instanceof CliException c) {
      return c;
    }
    return new CliException(code, "berth: " + describe(e) + "\n\nRun '" + spec.qualifiedName()
        + " --help' for more information");
  }

  static final class Execution implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cl,
        CommandLine.ParseResult parsed) {
      System.out.flush();
      PrintStream err = System.err;
      if (e instanceof CliException c) {
        if (!c.getMessage().isEmpty()) {
          err.println(c.getMessage());
        }
        return c.exitCode();
      }
      if (e instanceof ApiException || e instanceof DaemonUnreachableException
          || e instanceof UncheckedIOException) {
        err.println(describe(e));
      } else {
        err.println("berth: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
      }
      if (Cli.debug()) {
        e.printStackTrace(err);
      }
      return CliException.FAILED;
    }
  }

  static final class Parameters implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
      CommandLine cl = ex.getCommandLine();
      CommandSpec spec = cl.getCommandSpec();
      PrintStream err = System.err;
      String name = spec.qualifiedName();
      if (ex instanceof UsageException u) {
        err.println(u.getMessage());
        err.println();
        err.println(usageLine(spec));
        err.println();
        err.println((u.see() ? "See '" : "Run '") + name + " --help' for more information");
        return CliException.FAILED;
      }
      if (ex instanceof CommandLine.UnmatchedArgumentException un
          && !un.getUnmatched().isEmpty() && !un.getUnmatched().get(0).startsWith("-")) {
        err.println("berth: unknown command: " + name + " " + un.getUnmatched().get(0));
        err.println();
        if (spec.parent() != null) {
          err.println(usageLine(spec));
          err.println();
        }
        err.println("Run '" + name + " --help' for more information");
        return CliException.FAILED;
      }
      err.println(flagMessage(ex, args));
      err.println();
      err.println(usageLine(spec));
      err.println();
      err.println("Run '" + name + " --help' for more information");
      return CliException.DAEMON;
    }

    private static String flagMessage(CommandLine.ParameterException ex, String[] args) {
      if (ex instanceof CommandLine.UnmatchedArgumentException un) {
        String a = un.getUnmatched().get(0);
        if (a.startsWith("--")) {
          return "unknown flag: " + a.split("=", 2)[0];
        }
        return "unknown shorthand flag: '" + a.charAt(1) + "' in " + a;
      }
      if (ex instanceof CommandLine.MissingParameterException m && !m.getMissing().isEmpty()
          && m.getMissing().get(0) instanceof OptionSpec o) {
        String used = lastUsedName(o, args);
        return used.startsWith("--") ? "flag needs an argument: " + used
            : "flag needs an argument: '" + used.substring(1) + "' in " + used;
      }
      ArgSpec a = ex.getArgSpec();
      if (a instanceof OptionSpec o && ex.getValue() != null) {
        Throwable cause = ex.getCause();
        String reason = cause != null && cause.getMessage() != null ? cause.getMessage()
            : ex.getMessage();
        return "invalid argument \"" + ex.getValue() + "\" for \""
            + String.join(", ", o.names()) + "\" flag: " + reason;
      }
      return ex.getMessage();
    }

    private static String lastUsedName(OptionSpec o, String[] args) {
      List<String> names = List.of(o.names());
      for (int i = args.length - 1; i >= 0; i--) {
        if (names.contains(args[i])) {
          return args[i];
        }
        if (args[i].startsWith("-") && !args[i].startsWith("--") && args[i].length() > 2) {
          String last = "-" + args[i].charAt(args[i].length() - 1);
          if (names.contains(last)) {
            return last;
          }
        }
      }
      return o.longestName();
    }
  }

  /** "Usage:  berth run [OPTIONS] IMAGE [COMMAND] [ARG...]". */
  static String usageLine(CommandSpec spec) {
    String[] syn = spec.usageMessage().customSynopsis();
    return "Usage:  " + spec.qualifiedName() + " " + (syn.length > 0 ? syn[0] : "[OPTIONS]");
  }

  /** Docker's usage line in every command's --help, in place of picocli's synopsis. */
  static void docker(CommandLine cl) {
    CommandSpec spec = cl.getCommandSpec();
    var sections = cl.getHelpSectionMap();
    sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS_HEADING, h -> "");
    sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS,
        h -> usageLine(spec) + "\n\n");
    spec.usageMessage().optionListHeading("\nOptions:\n").commandListHeading("\nCommands:\n");
    for (CommandLine sub : cl.getSubcommands().values()) {
      docker(sub);
    }
  }
}
