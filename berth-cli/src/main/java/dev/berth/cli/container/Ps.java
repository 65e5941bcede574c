package dev.berth.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.CliException;
import dev.berth.cli.flags.Command;
import dev.berth.cli.flags.Flag;
import dev.berth.cli.format.Formatter;
import dev.berth.cli.format.TemplateException;
import dev.berth.client.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code berth ps}: containers in docker's table, or by --format. */
final class Ps extends ApiCommand {
  @Override
  protected void define(Command c) {
    c.name("ps").synopsis("[OPTIONS]").description("List containers");
    c.add(Flag.bool("-a", "--all").describe("Show all containers (default shows just running)").toBool(v -> all = v));
    c.add(Flag.bool("-q", "--quiet").describe("Only display container IDs").toBool(v -> quiet = v));
    c.add(Flag.value("-n", "--last").label("int").describe("Show n last created containers (includes all states) (default -1)").toInt(v -> last = v));
    c.add(Flag.bool("-l", "--latest").describe("Show the latest created container (includes all states)").toBool(v -> latest = v));
    c.add(Flag.bool("-s", "--size").describe("Display total file sizes").toBool(v -> size = v));
    c.add(Flag.bool("--no-trunc").describe("Don't truncate output").toBool(v -> noTrunc = v));
    c.add(Flag.value("-f", "--filter").label("filter").describe("Filter output based on conditions provided").each(filters::add));
    c.add(Flag.value("--format").label("string").describe("Format output using a custom template").to(v -> format = v));
    c.positionals(args::add);
  }

  boolean all;
  boolean quiet;
  int last = -1;
  boolean latest;
  boolean size;
  boolean noTrunc;
  List<String> filters = new ArrayList<>();
  String format;
  List<String> args = new ArrayList<>();

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
