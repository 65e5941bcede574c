package dev.berth.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.flags.Command;
import java.util.ArrayList;
import java.util.List;

/** {@code berth diff}: "A /x", "C /y", "D /z" for the container's changes to its image. */
final class Diff extends ApiCommand {
  @Override
  protected void define(Command c) {
    c.name("diff").synopsis("CONTAINER").description("Inspect changes to files or directories on a container's filesystem");
    c.positionals(names::add);
  }

  List<String> names = new ArrayList<>();

  @Override
  public Integer call() {
    Args.exactly(spec, names, 1);
    JsonNode changes = client().get("/containers/" + seg(names.get(0)) + "/changes");
    if (changes != null) {
      for (JsonNode c : changes) {
        String kind = switch (c.path("Kind").asInt()) {
          case 0 -> "C";
          case 1 -> "A";
          case 2 -> "D";
          default -> "?";
        };
        out().println(kind + " " + c.path("Path").asText());
      }
    }
    return 0;
  }
}
