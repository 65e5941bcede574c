package dev.berth.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.CliException;
import dev.berth.cli.Errors;
import dev.berth.client.Query;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth start}: start containers; with -a/-i attach to one and exit as it does. */
@Command(name = "start", customSynopsis = "[OPTIONS] CONTAINER [CONTAINER...]",
    description = "Start one or more stopped containers")
final class Start extends ApiCommand {
  @Option(names = {"-a", "--attach"}, description = "Attach STDOUT/STDERR and forward signals")
  boolean attach;
  @Option(names = {"-i", "--interactive"}, description = "Attach container's STDIN")
  boolean interactive;
  @Option(names = "--detach-keys", paramLabel = "string", description = "Override the key sequence for detaching a container")
  String detachKeys;
  @Parameters(hidden = true) List<String> names = new ArrayList<>();

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
