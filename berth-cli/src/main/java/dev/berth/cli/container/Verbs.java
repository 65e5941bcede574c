package dev.berth.cli.container;

import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.CliException;
import dev.berth.cli.flags.Command;
import dev.berth.cli.flags.Flag;
import dev.berth.client.ApiException;
import dev.berth.client.Query;
import java.util.ArrayList;
import java.util.List;

/** The one-request verbs on one or more containers: stop, kill, restart, rm, pause, unpause. */
final class Verbs {
  private Verbs() {}

  static final class Stop extends ApiCommand {
    @Override
    protected void define(Command c) {
      c.name("stop").synopsis("[OPTIONS] CONTAINER [CONTAINER...]").description("Stop one or more running containers");
      c.add(Flag.value("-s", "--signal").label("string").describe("Signal to send to the container").to(v -> signal = v));
      c.add(Flag.value("-t", "--time").label("int").describe("Seconds to wait before killing the container").toInt(v -> time = v));
      c.positionals(names::add);
    }

    String signal;
    Integer time;
    List<String> names = new ArrayList<>();

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

  static final class Restart extends ApiCommand {
    @Override
    protected void define(Command c) {
      c.name("restart").synopsis("[OPTIONS] CONTAINER [CONTAINER...]").description("Restart one or more containers");
      c.add(Flag.value("-s", "--signal").label("string").describe("Signal to send to the container").to(v -> signal = v));
      c.add(Flag.value("-t", "--time").label("int").describe("Seconds to wait before killing the container").toInt(v -> time = v));
      c.positionals(names::add);
    }

    String signal;
    Integer time;
    List<String> names = new ArrayList<>();

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

  static final class Kill extends ApiCommand {
    @Override
    protected void define(Command c) {
      c.name("kill").synopsis("[OPTIONS] CONTAINER [CONTAINER...]").description("Kill one or more running containers");
      c.add(Flag.value("-s", "--signal").label("string").describe("Signal to send to the container").to(v -> signal = v));
      c.positionals(names::add);
    }

    String signal;
    List<String> names = new ArrayList<>();

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

  static final class Remove extends ApiCommand {
    @Override
    protected void define(Command c) {
      c.name("rm").synopsis("[OPTIONS] CONTAINER [CONTAINER...]").description("Remove one or more containers");
      c.add(Flag.bool("-f", "--force").describe("Force the removal of a running container (uses SIGKILL)").toBool(v -> force = v));
      c.add(Flag.bool("-v", "--volumes").describe("Remove anonymous volumes associated with the container").toBool(v -> volumes = v));
      c.add(Flag.bool("-l", "--link").describe("Remove the specified link").toBool(v -> link = v));
      c.positionals(names::add);
    }

    boolean force;
    boolean volumes;
    boolean link;
    List<String> names = new ArrayList<>();

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

  static final class Pause extends ApiCommand {
    @Override
    protected void define(Command c) {
      c.name("pause").synopsis("CONTAINER [CONTAINER...]").description("Pause all processes within one or more containers");
      c.positionals(names::add);
    }

    List<String> names = new ArrayList<>();

    @Override
    public Integer call() {
      Args.atLeast(spec, names, 1);
      return forEach(names, n -> {
        client().post("/containers/" + seg(n) + "/pause", Query.NONE);
        return n;
      }, null);
    }
  }

  static final class Unpause extends ApiCommand {
    @Override
    protected void define(Command c) {
      c.name("unpause").synopsis("CONTAINER [CONTAINER...]").description("Unpause all processes within one or more containers");
      c.positionals(names::add);
    }

    List<String> names = new ArrayList<>();

    @Override
    public Integer call() {
      Args.atLeast(spec, names, 1);
      return forEach(names, n -> {
        client().post("/containers/" + seg(n) + "/unpause", Query.NONE);
        return n;
      }, null);
    }
  }

  static final class Wait extends ApiCommand {
    @Override
    protected void define(Command c) {
      c.name("wait").synopsis("CONTAINER [CONTAINER...]").description("Block until one or more containers stop, then print their exit codes");
      c.positionals(names::add);
    }

    List<String> names = new ArrayList<>();

    @Override
    public Integer call() {
      Args.atLeast(spec, names, 1);
      return forEach(names, n -> client().post("/containers/" + seg(n) + "/wait",
          Query.NONE).path("StatusCode").asText(), null);
    }
  }

  static final class Rename extends ApiCommand {
    @Override
    protected void define(Command c) {
      c.name("rename").synopsis("CONTAINER NEW_NAME").description("Rename a container");
      c.positionals(names::add);
    }

    List<String> names = new ArrayList<>();

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
