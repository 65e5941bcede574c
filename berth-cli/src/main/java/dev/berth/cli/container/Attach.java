package dev.berth.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.CliException;
import dev.berth.cli.flags.Command;
import dev.berth.cli.flags.Flag;
import java.util.ArrayList;
import java.util.List;

/** {@code berth attach}: our stdio to a running container's; exit with its code. */
final class Attach extends ApiCommand {
  @Override
  protected void define(Command c) {
    c.name("attach").synopsis("[OPTIONS] CONTAINER").description("Attach local standard input, output, and error streams to a running container");
    c.add(Flag.bool("--no-stdin").describe("Do not attach STDIN").toBool(v -> noStdin = v));
    c.add(Flag.optionalBool("--sig-proxy").label("<sigProxy>").describe("Proxy all received signals to the process (default true)").toBool(v -> sigProxy = v));
    c.add(Flag.value("--detach-keys").label("string").describe("Override the key sequence for detaching a container").to(v -> detachKeys = v));
    c.positionals(names::add);
  }

  boolean noStdin;
  boolean sigProxy = true;
  String detachKeys;
  List<String> names = new ArrayList<>();

  @Override
  public Integer call() {
    Args.exactly(spec, names, 1);
    JsonNode c = client().get("/containers/" + seg(names.get(0)) + "/json");
    JsonNode state = c.path("State");
    if (!state.path("Running").asBoolean()) {
      throw new CliException("You cannot attach to a stopped container, start it first");
    }
    if (state.path("Paused").asBoolean()) {
      throw new CliException("You cannot attach to a paused container, unpause it first");
    }
    if (state.path("Restarting").asBoolean()) {
      throw new CliException("You cannot attach to a restarting container, wait until it is"
          + " running");
    }
    boolean tty = c.path("Config").path("Tty").asBoolean();
    boolean stdin = !noStdin && c.path("Config").path("OpenStdin").asBoolean();
    var plan = new AttachedStart.Plan(c.path("Id").asText(), tty, stdin, true, true, sigProxy,
        detachKeys, "not-running", true);
    return AttachedStart.run(client(), plan, () -> { });
  }
}
