package dev.berth.cli.registry;

import dev.berth.cli.CommandGroup;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The registry's commands: {@code berth registry serve|gc} (Berth's registry server, from
 * berth-registry) and the client side, {@code pull}, {@code push}, {@code login},
 * {@code logout}. The server's classes load only when {@code berth registry} itself runs.
 */
public final class RegistryCommands {
  private static final Set<String> WORDS = Set.of("registry", "pull", "push", "login", "logout");

  private RegistryCommands() {}

  public static boolean has(String word) {
    return WORDS.contains(word);
  }

  /** {@code berth registry} alone prints its usage. */
  @Command(name = "registry", customSynopsis = "COMMAND",
      description = "Run Berth's registry server and collect its garbage")
  static final class Group extends CommandGroup {}

  /**
   * @param word the command asked for, or null for all of them
   * @param server whether {@code registry} gets its serve and gc commands
   */
  public static void register(CommandLine root, String word, boolean server) {
    if (word == null || word.equals("registry")) {
      CommandLine group = new CommandLine(new Group());
      if (server) {
        ServerCommands.add(group);
      }
      root.addSubcommand("registry", group);
    }
    if (word == null || word.equals("pull")) {
      root.addSubcommand(new Pull());
    }
    if (word == null || word.equals("push")) {
      root.addSubcommand(new Push());
    }
    if (word == null || word.equals("login")) {
      root.addSubcommand(new Login());
    }
    if (word == null || word.equals("logout")) {
      root.addSubcommand(new Logout());
    }
  }
}
