package dev.berth.cli.volume;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.cli.ApiCommand;
import dev.berth.cli.network.MaxArgs;
import dev.berth.cli.CliException;
import dev.berth.cli.network.KeyValues;
import dev.berth.client.Json;
import dev.berth.client.Query;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth volume create}: a named or anonymous volume; prints its name. */
@Command(name = "create", customSynopsis = "[OPTIONS] [VOLUME]", description = "Create a volume")
final class CreateVolume extends ApiCommand {
  @Option(names = {"-d", "--driver"}, paramLabel = "string",
      description = "Specify volume driver name (default \"local\")")
  String driver = "local";
  @Option(names = "--label", paramLabel = "list", description = "Set metadata for a volume")
  List<String> labels = new ArrayList<>();
  @Option(names = {"-o", "--opt"}, paramLabel = "map", description = "Set driver specific options (default map[])")
  List<String> options = new ArrayList<>();
  @Option(names = "--name", paramLabel = "string", hidden = true, description = "Specify volume name")
  String name;
  @Parameters(hidden = true)
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    MaxArgs.check(spec, args, 1);
    if (!args.isEmpty()) {
      if (name != null && !name.isEmpty()) {
        throw new CliException("conflicting options: cannot specify a volume-name through both"
            + " --name and as a positional arg");
      }
      name = args.getFirst();
    }
    ObjectNode body = Json.object();
    body.put("Driver", driver);
    body.set("DriverOpts", KeyValues.map(options));
    body.set("Labels", KeyValues.map(labels));
    body.put("Name", name == null ? "" : name);
    out().println(client().post("/volumes/create", Query.NONE, body).path("Name").asText());
    return 0;
  }
}
