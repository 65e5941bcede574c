package dev.berth.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.flags.Command;
import dev.berth.cli.format.TabWriter;
import dev.berth.client.Query;
import java.util.ArrayList;
import java.util.List;

/** {@code berth top}: the container's processes, as ps on the daemon's host shows them. */
final class Top extends ApiCommand {
  @Override
  protected void define(Command c) {
    c.name("top").synopsis("CONTAINER [ps OPTIONS]").description("Display the running processes of a container")
        .stopAtPositional();
    c.positionals(args::add);
  }

  List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    Args.atLeast(spec, args, 1);
    Query q = args.size() > 1
        ? Query.of("ps_args", String.join(" ", args.subList(1, args.size()))) : Query.NONE;
    JsonNode top = client().get("/containers/" + seg(args.get(0)) + "/top", q);
    // docker's top table: tabwriter with minimum width 20 and padding 3
    var text = new StringBuilder();
    var header = new ArrayList<String>();
    top.path("Titles").forEach(t -> header.add(t.asText()));
    text.append(String.join("\t", header)).append('\n');
    for (JsonNode p : top.path("Processes")) {
      var row = new ArrayList<String>();
      p.forEach(v -> row.add(v.asText()));
      text.append(String.join("\t", row)).append('\n');
    }
    out().print(new TabWriter(20, 3).format(text.toString()));
    return 0;
  }
}
