package dev.berth.cli.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.CliException;
import dev.berth.cli.container.Filters;
import dev.berth.cli.flags.Command;
import dev.berth.cli.flags.Flag;
import dev.berth.cli.format.Formatter;
import dev.berth.cli.format.TemplateException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** {@code berth network ls}: NETWORK ID, NAME, DRIVER, SCOPE, sorted by name as docker does. */
final class ListNetworks extends ApiCommand {
  @Override
  protected void define(Command c) {
    c.name("ls").synopsis("[OPTIONS]").description("List networks");
    c.add(Flag.value("-f", "--filter").label("filter").describe("Provide filter values (e.g. \"driver=bridge\")").each(filters::add));
    c.add(Flag.value("--format").label("string").describe("Format output using a custom template").to(v -> format = v));
    c.add(Flag.bool("--no-trunc").describe("Do not truncate the output").toBool(v -> noTrunc = v));
    c.add(Flag.bool("-q", "--quiet").describe("Only display network IDs").toBool(v -> quiet = v));
    c.positionals(args::add);
  }

  List<String> filters = new ArrayList<>();
  String format;
  boolean noTrunc;
  boolean quiet;
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    Args.none(spec, args);
    String fmt = format == null || format.isEmpty() ? Formatter.TABLE : format;
    if (quiet && fmt.equals(Formatter.TABLE)) {
      fmt = "{{.ID}}";
    }
    Formatter formatter;
    try {
      formatter = Formatter.of(fmt, NetworkRow.DEFAULT_TABLE).titles(NetworkRow.TITLES);
    } catch (TemplateException e) {
      throw new CliException(e.getMessage());
    }
    JsonNode list = client().get("/networks", Filters.query(filters));
    List<JsonNode> networks = new ArrayList<>();
    list.forEach(networks::add);
    networks.sort(Comparator.comparing(n -> n.path("Name").asText(), NaturalOrder.INSTANCE));
    List<NetworkRow> rows = networks.stream().map(n -> new NetworkRow(n, !noTrunc)).toList();
    try {
      formatter.write(out(), rows);
    } catch (TemplateException e) {
      throw new CliException(e.getMessage());
    }
    return 0;
  }
}
