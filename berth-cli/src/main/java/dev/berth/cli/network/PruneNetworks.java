package dev.berth.cli.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.ExitStatus;
import dev.berth.cli.container.Filters;
import dev.berth.cli.flags.Command;
import dev.berth.cli.flags.Flag;
import dev.berth.cli.image.Prompt;
import java.util.ArrayList;
import java.util.List;

/** {@code berth network prune}: docker's warning, then the names of the networks removed. */
final class PruneNetworks extends ApiCommand {
  @Override
  protected void define(Command c) {
    c.name("prune").synopsis("[OPTIONS]").description("Remove all unused networks");
    c.add(Flag.value("--filter").label("filter").describe("Provide filter values (e.g. \"until=<timestamp>\")").each(filters::add));
    c.add(Flag.bool("-f", "--force").describe("Do not prompt for confirmation").toBool(v -> force = v));
    c.positionals(args::add);
  }

  static final String WARNING = "WARNING! This will remove all custom networks not used by at"
      + " least one container.\nAre you sure you want to continue?";

  List<String> filters = new ArrayList<>();
  boolean force;
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    Args.none(spec, args);
    if (!force && !Prompt.confirm(out(), WARNING)) {
      throw new ExitStatus(0);
    }
    JsonNode res = client().post("/networks/prune", Filters.query(filters), null);
    JsonNode deleted = res == null ? null : res.path("NetworksDeleted");
    if (deleted != null && deleted.isArray() && !deleted.isEmpty()) {
      StringBuilder sb = new StringBuilder("Deleted Networks:\n");
      deleted.forEach(n -> sb.append(n.asText()).append('\n'));
      out().println(sb);
    }
    return 0;
  }
}
