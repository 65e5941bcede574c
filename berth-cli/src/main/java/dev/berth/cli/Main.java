package dev.berth.cli;

import dev.berth.cli.container.ContainerCommands;
import dev.berth.cli.flags.Command;
import dev.berth.cli.flags.Invocation;
import dev.berth.cli.flags.ParseError;
import dev.berth.cli.flags.Parser;
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
    Cli cli = new Cli();
    Command root = commandTree(cli, args);
    Invocation parsed;
    try {
      parsed = Parser.parse(root, args);
    } catch (ParseError e) {
      return Errors.parse(e);
    }
    if (cli.versionAsked()) {
      System.out.println("Berth version " + Cli.VERSION + ", build " + Build.commit());
      return 0;
    }
    Command cmd = parsed.command();
    if (parsed.help()) {
      System.out.print(cmd.usage());
      System.out.flush();
      return 0;
    }
    try {
      Integer code = cmd.code().call();
      return code == null ? 0 : code;
    } catch (Exception e) {
      return Errors.execution(e);
    }
  }

  /** The whole command tree (help, tests). */
  public static Command commandTree() {
    return commandTree(new Cli(), new String[0]);
  }

  /**
   * The command tree for these arguments: when the arguments name one command only that one is
   * registered (each registration costs start-up time); anything else (help, errors) gets all.
   */
  static Command commandTree(Cli cli, String[] args) {
    Command root = Command.of("berth", cli);
    String[] words = Launch.commandWords(args);
    boolean one = words[0] != null && !words[0].equals("help")
        && ContainerCommands.has(words[0]);
    boolean mine = words[0] != null && registerOne(root, words[0]);
    if (!one && !mine) {
      root.sub("help", () -> new HelpCommand(root));
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
      if (words[0] == null || words[0].equals("help") || !root.hasSub(words[0])) {
        ContainerCommands.register(root);
      }
    }
    return root;
  }

  /** Registers the command {@code word} names when it is one of the groups kept apart here. */
  private static boolean registerOne(Command root, String word) {
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
