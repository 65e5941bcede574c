package dev.berth.cli.container;

import dev.berth.cli.CommandGroup;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Registers the container commands at the top level ({@code berth run}) and under
 * {@code berth container} ({@code berth container run}, {@code container ls}, ...).
 */
public final class ContainerCommands {
  private ContainerCommands() {}

  /** {@code berth container} alone prints its usage. */
  @Command(name = "container", customSynopsis = "COMMAND", description = "Manage containers")
  static final class Group extends CommandGroup {}

  /** The top-level commands, by name (building each picocli model costs start-up time). */
  private static final Map<String, Supplier<Object>> TOP = new LinkedHashMap<>();
  /** The {@code container} group's commands, by name and alias. */
  private static final Map<String, Supplier<Object>> GROUP = new LinkedHashMap<>();
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
  public static void register(CommandLine root) {
    register(root, null, null);
  }

  /**
   * Registers only {@code name} (and, for {@code container}, only its {@code sub}) when they
   * are known; a null or unknown name registers all, so help and errors see everything.
   */
  public static void register(CommandLine root, String name, String sub) {
    boolean one = name != null && has(name);
    for (var e : TOP.entrySet()) {
      if (!one || e.getKey().equals(name)) {
        add(root, e.getKey(), e.getValue().get());
      }
    }
    if (!one || name.equals("container")) {
      CommandLine group = new CommandLine(new Group());
      String canonical = sub;
      for (var a : ALIASES.entrySet()) {
        if (sub != null && List.of(a.getValue()).contains(sub)) {
          canonical = a.getKey();
        }
      }
      boolean oneSub = one && canonical != null && GROUP.containsKey(canonical);
      for (var e : GROUP.entrySet()) {
        if (!oneSub || e.getKey().equals(canonical)) {
          add(group, e.getKey(), e.getValue().get());
        }
      }
      root.addSubcommand("container", group);
    }
  }

  private static void add(CommandLine parent, String name, Object command) {
    CommandLine cl = new CommandLine(command);
    // run, create, exec, top: everything after the image (or container) is the command's
    if (command instanceof Run || command instanceof Create || command instanceof Exec
        || command instanceof Top) {
      cl.getCommandSpec().parser().stopAtPositional(true);
    }
    parent.addSubcommand(name, cl, ALIASES.getOrDefault(name, new String[0]));
  }
}
