package dev.berth.cli.container;

import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.CliException;
import dev.berth.client.ApiException;
import dev.berth.client.Query;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The one-request verbs on one or more containers: stop, kill, restart, rm, pause, unpause. */
final class Verbs {
  private Verbs() {}

  @Command(name = "stop", customSynopsis = "[OPTIONS] CONTAINER [CONTAINER...]",
      description = "Stop one or more running containers")
  static final class Stop extends ApiCommand {
    @Option(names = {"-s", "--signal"}, paramLabel = "string",
        description = "Signal to send to the container")
    String signal;
    @Option(names = {"-t", "--time"}, paramLabel = "int",
        description = "Seconds to wait before killing the container")
    Integer time;
    @Parameters(hidden = true) List<String> names = new ArrayList<>();

    @Override
    public Integer call() {
      Args.atLeast(spec, names, 1);
      Query q = Query.NONE.withIfSet("signal", signal)
          .withIfSet("t", time == null ? null : time.toString());
      return forEach(names, n -> {
        client().post("/containers/" + seg(n) + "/stop", q);
        return n;
      }, null);
    }
  }

  @Command(name = "restart", customSynopsis = "[OPTIONS] CONTAINER [CONTAINER...]",
      description = "Restart one or more containers")
  static final class Restart extends ApiCommand {
    @Option(names = {"-s", "--signal"}, paramLabel = "string",
        description = "Signal to send to the container")
    String signal;
    @Option(names = {"-t", "--time"}, paramLabel = "int",
        description = "Seconds to wait before killing the container")
    Integer time;
    @Parameters(hidden = true) List<String> names = new ArrayList<>();

    @Override
    public Integer call() {
      Args.atLeast(spec, names, 1);
      Query q = Query.NONE.withIfSet("signal", signal)
          .withIfSet("t", time == null ? null : time.toString());
      return forEach(names, n -> {
        client().post("/containers/" + seg(n) + "/restart", q);
        return n;
      }, null);
    }
  }

  @Command(name = "kill", customSynopsis = "[OPTIONS] CONTAINER [CONTAINER...]",
      description = "Kill one or more running containers")
  static final class Kill extends ApiCommand {
    @Option(names = {"-s", "--signal"}, paramLabel = "string",
        description = "Signal to send to the container")
    String signal;
    @Parameters(hidden = true) List<String> names = new ArrayList<>();

    @Override
    public Integer call() {
      Args.atLeast(spec, names, 1);
      Query q = Query.NONE.withIfSet("signal", signal);
      return forEach(names, n -> {
        client().post("/containers/" + seg(n) + "/kill", q);
        return n;
      }, null);
    }
  }

  @Command(name = "rm", customSynopsis = "[OPTIONS] CONTAINER [CONTAINER...]",
      description = "Remove one or more containers")
  static final class Remove extends ApiCommand {
    @Option(names = {"-f", "--force"},
        description = "Force the removal of a running container (uses SIGKILL)")
    boolean force;
    @Option(names = {"-v", "--volumes"},
        description = "Remove anonymous volumes associated with the container")
    boolean volumes;
    @Option(names = {"-l", "--link"}, description = "Remove the specified link")
    boolean link;
    @Parameters(hidden = true) List<String> names = new ArrayList<>();

    @Override
    public Integer call() {
      Args.atLeast(spec, names, 1);
      Query q = Query.NONE.flag("v", volumes).flag("link", link).flag("force", force);
      int failures = 0;
      for (String n : names) {
        try {
          client().delete("/containers/" + seg(n), q);
          out().println(n);
        } catch (ApiException e) {
          out().flush();
          err().println("Error response from daemon: " + e.getMessage());
          // docker: with --force a container already gone is not a failure
          if (!(force && e.notFound())) {
            failures++;
          }
        }
      }
      return failures == 0 ? 0 : CliException.FAILED;
    }
  }

  @Command(name = "pause", customSynopsis = "CONTAINER [CONTAINER...]",
      description = "Pause all processes within one or more containers")
  static final class Pause extends ApiCommand {
    @Parameters(hidden = true) List<String> names = new ArrayList<>();

    @Override
    public Integer call() {
      Args.atLeast(spec, names, 1);
      return forEach(names, n -> {
        client().post("/containers/" + seg(n) + "/pause", Query.NONE);
        return n;
      }, null);
    }
  }

  @Command(name = "unpause", customSynopsis = "CONTAINER [CONTAINER...]",
      description = "Unpause all processes within one or more containers")
  static final class Unpause extends ApiCommand {
    @Parameters(hidden = true) List<String> names = new ArrayList<>();

    @Override
    public Integer call() {
      Args.atLeast(spec, names, 1);
      return forEach(names, n -> {
        client().post("/containers/" + seg(n) + "/unpause", Query.NONE);
        return n;
      }, null);
    }
  }

  @Command(name = "wait", customSynopsis = "CONTAINER [CONTAINER...]",
      description = "Block until one or more containers stop, then print their exit codes")
  static final class Wait extends ApiCommand {
    @Parameters(hidden = true) List<String> names = new ArrayList<>();

    @Override
    public Integer call() {
      Args.atLeast(spec, names, 1);
      return forEach(names, n -> client().post("/containers/" + seg(n) + "/wait",
          Query.NONE).path("StatusCode").asText(), null);
    }
  }

  @Command(name = "rename", customSynopsis = "CONTAINER NEW_NAME",
      description = "Rename a container")
  static final class Rename extends ApiCommand {
    @Parameters(hidden = true) List<String> names = new ArrayList<>();

    @Override
    public Integer call() {
      Args.exactly(spec, names, 2);
      String newName = names.get(1).trim();
      if (newName.isEmpty() || names.get(0).trim().isEmpty()) {
        throw new CliException("Error: neither old nor new names may be empty");
      }
      try {
        client().post("/containers/" + seg(names.get(0).trim()) + "/rename",
            Query.of("name", newName));
      } catch (ApiException e) {
        throw new CliException("Error response from daemon: " + e.getMessage()
            + "\nError: failed to rename container named " + names.get(0));
      }
      return 0;
    }
  }
}
