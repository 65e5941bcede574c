package dev.berth.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.CliException;
import dev.berth.cli.format.Formatter;
import dev.berth.cli.format.TemplateException;
import dev.berth.client.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth ps}: containers in docker's table, or by --format. */
@Command(name = "ps", customSynopsis = "[OPTIONS]",
    description = "List containers")
final class Ps extends ApiCommand {
  @Option(names = {"-a", "--all"}, description = "Show all containers (default shows just running)")
  boolean all;
  @Option(names = {"-q", "--quiet"}, description = "Only display container IDs")
  boolean quiet;
  @Option(names = {"-n", "--last"}, paramLabel = "int", description = "Show n last created containers (includes all states) (default -1)")
  int last = -1;
  @Option(names = {"-l", "--latest"}, description = "Show the latest created container (includes all states)")
  boolean latest;
  @Option(names = {"-s", "--size"}, description = "Display total file sizes")
  boolean size;
  @Option(names = "--no-trunc", description = "Don't truncate output")
  boolean noTrunc;
  @Option(names = {"-f", "--filter"}, paramLabel = "filter", description = "Filter output based on conditions provided")
  List<String> filters = new ArrayList<>();
  @Option(names = "--format", paramLabel = "string", description = "Format output using a custom template")
  String format;
  @Parameters(hidden = true) List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    Args.none(spec, args);
    int limit = latest ? 1 : last;
    String fmt = format;
    if (quiet) {
      fmt = "{{.ID}}";
    }
    boolean wantSize = size || (fmt != null && fmt.contains(".Size"));
    String table = ContainerRow.DEFAULT_TABLE + (size ? "\t{{.Size}}" : "");
    Formatter f;
    try {
      f = Formatter.of(fmt, table).titles(ContainerRow.TITLES);
    } catch (TemplateException e) {
      throw new CliException(e.getMessage());
    }
    try {
      // as docker: the template runs once on an empty row before anything is listed
      f.check(new ContainerRow(dev.berth.client.Json.object(), !noTrunc, Instant.now()));
    } catch (TemplateException e) {
      throw new CliException("failed to execute template: " + e.getMessage());
    }
    Query q = Query.NONE.flag("all", all).withIfSet("limit",
        limit > 0 ? String.valueOf(limit) : null).flag("size", wantSize);
    for (var e : Filters.query(filters).params()) {
      q = q.with(e.getKey(), e.getValue());
    }
    JsonNode list = client().get("/containers/json", q);
    Instant now = Instant.now();
    var rows = new ArrayList<ContainerRow>();
    list.forEach(c -> rows.add(new ContainerRow(c, !noTrunc, now)));
    try {
      f.write(out(), rows);
    } catch (TemplateException e) {
      throw new CliException(e.getMessage());
    }
    return 0;
  }
}
