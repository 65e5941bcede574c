package dev.berth.cli.volume;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.cli.ApiCommand;
import dev.berth.cli.CliException;
import dev.berth.cli.flags.Command;
import dev.berth.cli.flags.Flag;
import dev.berth.cli.network.KeyValues;
import dev.berth.cli.network.MaxArgs;
import dev.berth.client.Json;
import dev.berth.client.Query;
import java.util.ArrayList;
import java.util.List;

/** {@code berth volume create}: a named or anonymous volume; prints its name. */
final class CreateVolume extends ApiCommand {
  @Override
  protected void define(Command c) {
    c.name("create").synopsis("[OPTIONS] [VOLUME]").description("Create a volume");
    c.add(Flag.value("-d", "--driver").label("string").describe("Specify volume driver name (default \"local\")").to(v -> driver = v));
    c.add(Flag.value("--label").label("list").describe("Set metadata for a volume").each(labels::add));
    c.add(Flag.value("-o", "--opt").label("map").describe("Set driver specific options (default map[])").each(options::add));
    c.add(Flag.value("--name").label("string").describe("Specify volume name").hide().to(v -> name = v));
    c.positionals(args::add);
  }

  String driver = "local";
  List<String> labels = new ArrayList<>();
  List<String> options = new ArrayList<>();
  String name;
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
