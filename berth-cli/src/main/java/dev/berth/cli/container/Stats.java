package dev.berth.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.ApiCommand;
import dev.berth.cli.CliException;
import dev.berth.cli.flags.Command;
import dev.berth.cli.flags.Flag;
import dev.berth.cli.format.Formatter;
import dev.berth.cli.format.TemplateException;
import dev.berth.client.ApiException;
import dev.berth.client.ApiRequest;
import dev.berth.client.ApiResponse;
import dev.berth.client.Query;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code berth stats}: CPU, memory, network, block I/O and pids per container; once with
 * --no-stream, else redrawn every second from one stats stream per container.
 */
final class Stats extends ApiCommand {
  @Override
  protected void define(Command c) {
    c.name("stats").synopsis("[OPTIONS] [CONTAINER...]").description("Display a live stream of container(s) resource usage statistics");
    c.add(Flag.bool("-a", "--all").describe("Show all containers (default shows just running)").toBool(v -> all = v));
    c.add(Flag.bool("--no-stream").describe("Disable streaming stats and only pull the first result").toBool(v -> noStream = v));
    c.add(Flag.bool("--no-trunc").describe("Do not truncate output").toBool(v -> noTrunc = v));
    c.add(Flag.value("--format").label("string").describe("Format output using a custom template").to(v -> format = v));
    c.positionals(names::add);
  }

  boolean all;
  boolean noStream;
  boolean noTrunc;
  String format;
  List<String> names = new ArrayList<>();

  @Override
  public Integer call() throws InterruptedException {
    Formatter f;
    try {
      f = Formatter.of(format, StatsRow.DEFAULT_TABLE).titles(StatsRow.TITLES);
    } catch (TemplateException e) {
      throw new CliException(e.getMessage());
    }
    List<String> targets = names;
    if (targets.isEmpty()) {
      targets = new ArrayList<>();
      for (JsonNode c : client().get("/containers/json", Query.NONE.flag("all", all))) {
        targets.add(c.path("Id").asText().substring(0, 12));
      }
    }
    if (noStream) {
      var rows = new ArrayList<StatsRow>();
      int failed = 0;
      for (String t : targets) {
        try {
          JsonNode s = client().get("/containers/" + seg(t) + "/stats", Query.of("stream", "0"));
          rows.add(new StatsRow(t, StatsRow.Figures.of(s), !noTrunc));
        } catch (ApiException e) {
          out().flush();
          err().println("Error response from daemon: " + e.getMessage());
          failed++;
        }
      }
      if (failed > 0 && rows.isEmpty()) {
        return CliException.FAILED;
      }
      write(f, rows);
      return failed == 0 ? 0 : CliException.FAILED;
    }
    Map<String, StatsRow> latest = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    for (String t : targets) {
      latest.put(t, null);
      Thread.ofVirtual().start(() -> follow(t, latest));
    }
    while (true) {
      Thread.sleep(1000);
      var rows = new ArrayList<StatsRow>();
      synchronized (latest) {
        latest.values().stream().filter(r -> r != null).forEach(rows::add);
      }
      if (f.isTable()) {
        out().print("\033[2J\033[H");
      }
      write(f, rows);
    }
  }

  private void follow(String target, Map<String, StatsRow> latest) {
    try (ApiResponse r = client().send(ApiRequest.get("/containers/" + seg(target) + "/stats")
        .query(Query.of("stream", "1")))) {
      for (Iterator<JsonNode> it = r.jsonStream(); it.hasNext(); ) {
        latest.put(target, new StatsRow(target, StatsRow.Figures.of(it.next()), !noTrunc));
      }
    } catch (RuntimeException e) {
      latest.remove(target);
    }
  }

  private void write(Formatter f, List<StatsRow> rows) {
    try {
      f.write(out(), rows);
    } catch (TemplateException e) {
      throw new CliException(e.getMessage());
    }
  }
}
