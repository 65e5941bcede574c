package dev.berth.cli.volume;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.CliException;
import dev.berth.cli.container.Filters;
import dev.berth.cli.flags.Command;
import dev.berth.cli.flags.Flag;
import dev.berth.cli.format.Formatter;
import dev.berth.cli.format.TemplateException;
import dev.berth.cli.network.NaturalOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** {@code berth volume ls}: DRIVER and VOLUME NAME, sorted by name as docker does. */
final class ListVolumes extends ApiCommand {
  @Override
  protected void define(Command c) {
    c.name("ls").synopsis("[OPTIONS]").description("List volumes");
    c.add(Flag.value("-f", "--filter").label("filter").describe("Provide filter values (e.g. \"dangling=true\")").each(filters::add));
    c.add(Flag.value("--format").label("string").describe("Format output using a custom template").to(v -> format = v));
    c.add(Flag.bool("-q", "--quiet").describe("Only display volume names").toBool(v -> quiet = v));
    c.positionals(args::add);
  }

  List<String> filters = new ArrayList<>();
  String format;
  boolean quiet;
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    Args.none(spec, args);
    String fmt = format == null || format.isEmpty() ? Formatter.TABLE : format;
    if (quiet && fmt.equals(Formatter.TABLE)) {
      fmt = "{{.Name}}";
    }
    Formatter formatter;
    try {
      formatter = Formatter.of(fmt, VolumeRow.DEFAULT_TABLE).titles(VolumeRow.TITLES);
    } catch (TemplateException e) {
      throw new CliException(e.getMessage());
    }
    JsonNode res = client().get("/volumes", Filters.query(filters));
    List<JsonNode> volumes = new ArrayList<>();
    res.path("Volumes").forEach(volumes::add);
    volumes.sort(Comparator.comparing(v -> v.path("Name").asText(), NaturalOrder.INSTANCE));
    try {
      formatter.write(out(), volumes.stream().map(VolumeRow::new).toList());
    } catch (TemplateException e) {
      throw new CliException(e.getMessage());
    }
    return 0;
  }
}
