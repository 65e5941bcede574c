package dev.berth.cli;

import dev.berth.cli.container.ContainerCommands;
import dev.berth.cli.image.ImageCommands;
import dev.berth.cli.network.NetworkCommands;
import dev.berth.cli.registry.RegistryCommands;
import dev.berth.cli.system.SystemCommands;
import dev.berth.cli.terminal.Terminal;
import dev.berth.cli.volume.VolumeCommands;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** {@code berth}: parse, run one command, print errors the docker way, exit with its code. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // stdout buffered (flushed at exit and by streaming commands); stderr unbuffered
    System.setOut(new PrintStream(new BufferedOutputStream(
        new FileOutputStream(FileDescriptor.out), 64 * 1024), false, StandardCharsets.UTF_8));
    int code;
    try {
      code = run(args);
    } finally {
      // halt skips shutdown hooks: never leave the user's terminal raw
      Terminal.restore();
    }
    System.out.flush();
    System.err.flush();
    Runtime.getRuntime().halt(code);
  }

  /** Runs the command line; returns the exit code. */
  public static int run(String... args) {
    CommandLine cl = commandLine(args);
    return cl.execute(args);
  }

  /** The whole command tree (help, tests). */
  public static CommandLine commandLine() {
    return commandLine(new String[0]);
  }

  /**
   * The command tree for these arguments: building picocli's model of every command costs
   * more start-up time than the JVM itself, so when the arguments name one of the container
   * commands only that one is built; anything else (help, errors, other commands) gets all.
   */
  public static CommandLine commandLine(String[] args) {
    CommandLine root = new CommandLine(new Cli());
    String[] words = Launch.commandWords(args);
    boolean one = words[0] != null && !words[0].equals("help")
        && ContainerCommands.has(words[0]);
    boolean mine = words[0] != null && registerOne(root, words[0], words[1]);
    if (!one && !mine) {
      root.addSubcommand("help", new CommandLine.HelpCommand());
    }
    if (mine) {
      // network, volume, registry, pull, push, login, logout: that command alone
    } else if (one) {
      ContainerCommands.register(root, words[0], words[1]);
    } else if (words[0] == null && args.length == 1
        && (args[0].equals("--version") || args[0].equals("-v"))) {
      // the version needs no commands at all
    } else {
      ImageCommands.register(root);
      SystemCommands.register(root);
      NetworkCommands.register(root);
      VolumeCommands.register(root);
      RegistryCommands.register(root, null, false);
      if (words[0] == null || words[0].equals("help")
          || !root.getSubcommands().containsKey(words[0])) {
        ContainerCommands.register(root);
      }
    }
    root.setExecutionExceptionHandler(new Errors.Execution());
    root.setParameterExceptionHandler(new Errors.Parameters());
    root.setOut(new java.io.PrintWriter(System.out, true));
    root.getCommandSpec().versionProvider(() -> new String[] {
        "Berth version " + Cli.VERSION + ", build " + Build.commit()});
    Errors.docker(root);
    return root;
  }

  /** Registers the command {@code word} names when it is one of the groups kept apart here. */
  private static boolean registerOne(CommandLine root, String word, String sub) {
    switch (word) {
      case "network" -> NetworkCommands.register(root);
      case "volume" -> VolumeCommands.register(root);
      default -> {
        if (!RegistryCommands.has(word)) {
          return false;
        }
        RegistryCommands.register(root, word, word.equals("registry"));
      }
    }
    return true;
  }
}
