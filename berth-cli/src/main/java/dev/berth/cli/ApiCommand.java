package dev.berth.cli;

import dev.berth.cli.flags.Command;
import dev.berth.cli.flags.Declared;
import dev.berth.client.DockerClient;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Function;

/** Base of commands that talk to the daemon: the client, the streams, docker's --help. */
public abstract class ApiCommand implements Declared {
  /** This command in the tree: its name and usage for error messages. */
  protected Command spec;

  @Override
  public final void declare(Command c) {
    spec = c;
    define(c);
    c.add(HelpOption.flag());
  }

  /** Declares the command's names, help text, flags and positionals. */
  protected abstract void define(Command c);

  protected DockerClient client() {
    return Cli.client();
  }

  protected PrintStream out() {
    return Cli.out();
  }

  protected PrintStream err() {
    return Cli.err();
  }

  /** Encodes a name for a path segment. */
  protected static String seg(String name) {
    return DockerClient.segment(name);
  }

  /**
   * Docker's multi-target verbs (stop a b c): each target in turn, print what {@code action}
   * returns, print each failure on stderr, exit 1 if any failed. {@code summary} (may be
   * null) names the failed targets in a last line, e.g. "failed to start containers: %s".
   */
  protected int forEach(List<String> targets, Function<String, String> action, String summary) {
    var failed = new java.util.ArrayList<String>();
    for (String t : targets) {
      try {
        String line = action.apply(t);
        if (line != null) {
          out().println(line);
        }
      } catch (RuntimeException e) {
        if (e instanceof CliException c) {
          err().println(c.getMessage());
        } else {
          out().flush();
          err().println(Errors.describe(e));
        }
        failed.add(t);
      }
    }
    out().flush();
    if (failed.isEmpty()) {
      return 0;
    }
    if (summary != null) {
      err().println("Error: " + summary.formatted(String.join(", ", failed)));
    }
    return CliException.FAILED;
  }
}
