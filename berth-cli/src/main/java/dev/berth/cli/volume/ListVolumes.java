package dev.berth.cli.volume;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.CliException;
import dev.berth.cli.container.Filters;
import dev.berth.cli.format.Formatter;
import dev.berth.cli.format.TemplateException;
import dev.berth.cli.network.NaturalOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth volume ls}: DRIVER and VOLUME NAME, sorted by name as docker does. */
@Command(name = "ls", aliases = "list", customSynopsis = "[OPTIONS]", description = "List volumes")
final class ListVolumes extends ApiCommand {
  @Option(names = {"-f", "--filter"}, paramLabel = "filter",
      description = "Provide filter values (e.g. \"dangling=true\")")
  List<String> filters = new ArrayList<>();
  @Option(names = "--format", paramLabel = "string", description = "Format output using a custom template")
  String format;
  @Option(names = {"-q", "--quiet"}, description = "Only display volume names")
  boolean quiet;
  @Parameters(hidden = true)
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
