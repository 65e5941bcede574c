package dev.berth.cli.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.CliException;
import dev.berth.cli.container.Filters;
import dev.berth.cli.format.Formatter;
import dev.berth.cli.format.TemplateException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth network ls}: NETWORK ID, NAME, DRIVER, SCOPE, sorted by name as docker does. */
@Command(name = "ls", aliases = "list", customSynopsis = "[OPTIONS]", description = "List networks")
final class ListNetworks extends ApiCommand {
  @Option(names = {"-f", "--filter"}, paramLabel = "filter",
      description = "Provide filter values (e.g. \"driver=bridge\")")
  List<String> filters = new ArrayList<>();
  @Option(names = "--format", paramLabel = "string", description = "Format output using a custom template")
  String format;
  @Option(names = "--no-trunc", description = "Do not truncate the output")
  boolean noTrunc;
  @Option(names = {"-q", "--quiet"}, description = "Only display network IDs")
  boolean quiet;
  @Parameters(hidden = true)
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
