package dev.berth.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.CliException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth attach}: our stdio to a running container's; exit with its code. */
@Command(name = "attach", customSynopsis = "[OPTIONS] CONTAINER",
    description = "Attach local standard input, output, and error streams to a running container")
final class Attach extends ApiCommand {
  @Option(names = "--no-stdin", description = "Do not attach STDIN")
  boolean noStdin;
  @Option(names = "--sig-proxy", arity = "0..1", fallbackValue = "true", defaultValue = "true",
      description = "Proxy all received signals to the process (default true)")
  boolean sigProxy;
  @Option(names = "--detach-keys", paramLabel = "string", description = "Override the key sequence for detaching a container")
  String detachKeys;
  @Parameters(hidden = true) List<String> names = new ArrayList<>();

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
