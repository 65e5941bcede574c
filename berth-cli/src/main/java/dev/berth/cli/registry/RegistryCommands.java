package dev.berth.cli.registry;

import dev.berth.cli.CommandGroup;
import dev.berth.cli.flags.Command;
import java.util.Set;

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

  /**
   * @param word the command asked for, or null for all of them
   * @param server whether {@code registry} gets its serve and gc commands
   */
  public static void register(Command root, String word, boolean server) {
    if (word == null || word.equals("registry")) {
      root.sub("registry", () -> new CommandGroup("registry",
          "Run Berth's registry server and collect its garbage", g -> {
            if (server) {
              ServerCommands.add(g);
            }
          }));
    }
    if (word == null || word.equals("pull")) {
      root.sub("pull", Pull::new);
    }
    if (word == null || word.equals("push")) {
      root.sub("push", Push::new);
    }
    if (word == null || word.equals("login")) {
      root.sub("login", Login::new);
    }
    if (word == null || word.equals("logout")) {
      root.sub("logout", Logout::new);
    }
  }
}
