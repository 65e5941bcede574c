package dev.berth.cli.volume;

import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.CliException;
import dev.berth.cli.Errors;
import dev.berth.cli.flags.Command;
import dev.berth.cli.flags.Flag;
import dev.berth.client.ApiException;
import dev.berth.client.Query;
import java.util.ArrayList;
import java.util.List;

/** {@code berth volume rm}: prints each name removed; the failures together at the end, exit 1. */
final class RemoveVolumes extends ApiCommand {
  @Override
  protected void define(Command c) {
    c.name("rm").synopsis("[OPTIONS] VOLUME [VOLUME...]").description("Remove one or more volumes");
    c.add(Flag.bool("-f", "--force").describe("Force the removal of one or more volumes").toBool(v -> force = v));
    c.positionals(volumes::add);
  }

  boolean force;
  List<String> volumes = new ArrayList<>();

  @Override
  public Integer call() {
    Args.atLeast(spec, volumes, 1);
    List<String> errors = new ArrayList<>();
    for (String v : volumes) {
      try {
        client().delete("/volumes/" + seg(v), Query.NONE.flag("force", force));
        out().println(v);
      } catch (ApiException e) {
        errors.add(Errors.describe(e));
      }
    }
    out().flush();
    if (!errors.isEmpty()) {
      throw new CliException(String.join("\n", errors));
    }
    return 0;
  }
}
