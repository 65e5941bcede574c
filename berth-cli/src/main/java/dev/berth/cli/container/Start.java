package dev.berth.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.CliException;
import dev.berth.cli.Errors;
import dev.berth.cli.flags.Command;
import dev.berth.cli.flags.Flag;
import dev.berth.client.Query;
import java.util.ArrayList;
import java.util.List;

/** {@code berth start}: start containers; with -a/-i attach to one and exit as it does. */
final class Start extends ApiCommand {
  @Override
  protected void define(Command c) {
    c.name("start").synopsis("[OPTIONS] CONTAINER [CONTAINER...]").description("Start one or more stopped containers");
    c.add(Flag.bool("-a", "--attach").describe("Attach STDOUT/STDERR and forward signals").toBool(v -> attach = v));
    c.add(Flag.bool("-i", "--interactive").describe("Attach container's STDIN").toBool(v -> interactive = v));
    c.add(Flag.value("--detach-keys").label("string").describe("Override the key sequence for detaching a container").to(v -> detachKeys = v));
    c.positionals(names::add);
  }

  boolean attach;
  boolean interactive;
  String detachKeys;
  List<String> names = new ArrayList<>();

  @Override
  public Integer call() {
    Args.atLeast(spec, names, 1);
    if (!attach && !interactive) {
      return forEach(names, n -> {
        client().post("/containers/" + seg(n) + "/start", Query.NONE);
        return n;
      }, "failed to start containers: %s");
    }
    if (names.size() > 1) {
      throw new CliException("berth: you cannot start and attach multiple containers at once");
    }
    JsonNode c = client().get("/containers/" + seg(names.get(0)) + "/json");
    boolean tty = c.path("Config").path("Tty").asBoolean();
    boolean stdin = interactive && c.path("Config").path("OpenStdin").asBoolean();
    var plan = new AttachedStart.Plan(c.path("Id").asText(), tty, stdin, true, true, true,
        detachKeys, c.path("HostConfig").path("AutoRemove").asBoolean() ? "removed"
            : "next-exit", false);
    try {
      return AttachedStart.run(client(), plan, () -> {
        try {
          client().post("/containers/" + seg(plan.id()) + "/start", Query.NONE);
        } catch (RuntimeException e) {
          throw StartErrors.of(spec, e);
        }
      });
    } catch (CliException e) {
      throw e;
    } catch (RuntimeException e) {
      throw Errors.runFailure(spec, e, CliException.FAILED);
    }
  }
}
