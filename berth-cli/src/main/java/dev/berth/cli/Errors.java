package dev.berth.cli;

import dev.berth.cli.flags.Command;
import dev.berth.cli.flags.ParseError;
import dev.berth.client.ApiException;
import dev.berth.client.DaemonUnreachableException;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/**
 * Docker's error output. Usage errors: the message, the usage line, a pointer to --help;
 * exit 125 for flag errors and 1 for argument counts. Failures: the message alone, exit 1,
 * daemon errors as "Error response from daemon: ...".
 */
public final class Errors {
  private Errors() {}

  /** The text a client exception prints as (without a "berth: " prefix). */
  public static String describe(Throwable e) {
    // not a pattern switch: its bootstrap spins a class at run time, some ms of a command
    if (e instanceof ApiException a) {
      return "Error response from daemon: " + a.getMessage();
    }
    if (e instanceof UncheckedIOException u && u.getCause() != null && u.getMessage() == null) {
      return u.getCause().getMessage();
    }
    return String.valueOf(e.getMessage());
  }

  /** A failure of run/create: "berth: msg" + the --help pointer, exit 125 (or 126/127). */
  public static CliException runFailure(Command spec, Throwable e, int code) {
    if (e instanceof CliException c) {
      return c;
    }
    return new CliException(code, "berth: " + describe(e) + "\n\nRun '" + spec.qualifiedName()
        + " --help' for more information");
  }

  /** Prints what a command threw; returns the exit code. */
  static int execution(Exception e) {
    System.out.flush();
    PrintStream err = System.err;
    if (e instanceof CliException c) {
      if (!c.getMessage().isEmpty()) {
        err.println(c.getMessage());
      }
      return c.exitCode();
    }
    if (e instanceof UsageException u) {
      return usage(u);
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

  /** A wrong number of arguments: the message, the usage line, the --help pointer; exit 1. */
  static int usage(UsageException u) {
    PrintStream err = System.err;
    Command spec = u.command();
    err.println(u.getMessage());
    err.println();
    err.println(spec.usageLine());
    err.println();
    err.println((u.see() ? "See '" : "Run '") + spec.qualifiedName()
        + " --help' for more information");
    return CliException.FAILED;
  }

  /** A command line the parser rejected: exit 125 for flags, 1 for unknown commands. */
  static int parse(ParseError e) {
    PrintStream err = System.err;
    Command spec = e.command();
    String name = spec.qualifiedName();
    err.println(e.getMessage());
    err.println();
    if (e.kind() == ParseError.Kind.UNKNOWN_COMMAND) {
      if (spec.parent() != null) {
        err.println(spec.usageLine());
        err.println();
      }
      err.println("Run '" + name + " --help' for more information");
      return CliException.FAILED;
    }
    err.println(spec.usageLine());
    err.println();
    err.println("Run '" + name + " --help' for more information");
    return CliException.DAEMON;
  }
}
