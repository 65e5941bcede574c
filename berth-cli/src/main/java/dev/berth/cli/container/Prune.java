package dev.berth.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.flags.Command;
import dev.berth.cli.flags.Flag;
import dev.berth.client.Query;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.List;

/** {@code berth container prune}: remove all stopped containers, after asking. */
final class Prune extends ApiCommand {
  @Override
  protected void define(Command c) {
    c.name("prune").synopsis("[OPTIONS]").description("Remove all stopped containers");
    c.add(Flag.bool("-f", "--force").describe("Do not prompt for confirmation").toBool(v -> force = v));
    c.add(Flag.value("--filter").label("filter").describe("Provide filter values (e.g. \"until=<timestamp>\")").each(filters::add));
    c.positionals(args::add);
  }

  boolean force;
  List<String> filters = new ArrayList<>();
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    Args.none(spec, args);
    if (!force) {
      out().print("WARNING! This will remove all stopped containers.\n"
          + "Are you sure you want to continue? [y/N] ");
      out().flush();
      String answer = new BufferedReader(new InputStreamReader(System.in)).readLine();
      if (answer == null || !answer.trim().equalsIgnoreCase("y")
          && !answer.trim().equalsIgnoreCase("yes")) {
        return 0;
      }
    }
    Query q = Filters.query(filters);
    JsonNode r = client().post("/containers/prune", q);
    JsonNode deleted = r.path("ContainersDeleted");
    if (deleted.isArray() && !deleted.isEmpty()) {
      out().println("Deleted Containers:");
      deleted.forEach(d -> out().println(d.asText()));
      out().println();
    }
    out().println("Total reclaimed space: " + Units.humanSize(r.path("SpaceReclaimed")
        .asLong()));
    return 0;
  }
}
