package dev.berth.cli.container;

import dev.berth.cli.CommandGroup;
import dev.berth.cli.flags.Command;
import dev.berth.cli.flags.Declared;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Registers the container commands at the top level ({@code berth run}) and under
 * {@code berth container} ({@code berth container run}, {@code container ls}, ...).
 */
public final class ContainerCommands {
  private ContainerCommands() {}

  /** The top-level commands, by name (each is made only when it runs or help lists it). */
  private static final Map<String, Supplier<Declared>> TOP = new LinkedHashMap<>();
  /** The {@code container} group's commands, by name and alias. */
  private static final Map<String, Supplier<Declared>> GROUP = new LinkedHashMap<>();
  private static final Map<String, String[]> ALIASES = Map.of("ls", new String[] {"list", "ps"},
      "rm", new String[] {"remove"});

  static {
    TOP.put("run", Run::new);
    TOP.put("create", Create::new);
    TOP.put("start", Start::new);
    TOP.put("stop", Verbs.Stop::new);
    TOP.put("kill", Verbs.Kill::new);
    TOP.put("restart", Verbs.Restart::new);
    TOP.put("rm", Verbs.Remove::new);
    TOP.put("pause", Verbs.Pause::new);
    TOP.put("unpause", Verbs.Unpause::new);
    TOP.put("wait", Verbs.Wait::new);
    TOP.put("attach", Attach::new);
    TOP.put("logs", Logs::new);
    TOP.put("exec", Exec::new);
    TOP.put("ps", Ps::new);
    TOP.put("inspect", Inspect::new);
    TOP.put("top", Top::new);
    TOP.put("stats", Stats::new);
    TOP.put("port", Port::new);
    TOP.put("rename", Verbs.Rename::new);
    TOP.put("update", Update::new);
    TOP.put("cp", Cp::new);
    TOP.put("diff", Diff::new);
    TOP.put("export", Export::new);
    TOP.put("commit", Commit::new);
    for (String n : List.of("attach", "commit", "cp", "create", "diff", "exec", "export")) {
      GROUP.put(n, TOP.get(n));
    }
    GROUP.put("inspect", Inspect.ContainerOnly::new);
    GROUP.put("kill", TOP.get("kill"));
    GROUP.put("logs", TOP.get("logs"));
    GROUP.put("ls", Ps::new);
    GROUP.put("pause", TOP.get("pause"));
    GROUP.put("port", TOP.get("port"));
    GROUP.put("prune", Prune::new);
    for (String n : List.of("rename", "restart", "rm", "run", "start", "stats", "stop", "top",
        "unpause", "update", "wait")) {
      GROUP.put(n, TOP.get(n));
    }
  }

  /** Whether {@code name} is one of these commands at the top level. */
  public static boolean has(String name) {
    return TOP.containsKey(name) || name.equals("container");
  }

  /** Registers every container command. */
  public static void register(Command root) {
    register(root, null, null);
  }

  /**
   * Registers only {@code name} (and, for {@code container}, only its {@code sub}) when they
   * are known; a null or unknown name registers all, so help and errors see everything.
   */
  public static void register(Command root, String name, String sub) {
    boolean one = name != null && has(name);
    for (var e : TOP.entrySet()) {
      if (!one || e.getKey().equals(name)) {
        root.sub(e.getKey(), e.getValue(), ALIASES.getOrDefault(e.getKey(), new String[0]));
      }
    }
    if (!one || name.equals("container")) {
      root.sub("container", () -> new CommandGroup("container", "Manage containers", g -> {
        for (var e : GROUP.entrySet()) {
          g.sub(e.getKey(), e.getValue(), ALIASES.getOrDefault(e.getKey(), new String[0]));
        }
      }));
    }
  }
}
