package dev.berth.cli.volume;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.CliException;
import dev.berth.cli.ExitStatus;
import dev.berth.cli.container.Filters;
import dev.berth.cli.container.Units;
import dev.berth.cli.flags.Command;
import dev.berth.cli.flags.Flag;
import dev.berth.cli.image.Prompt;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code berth volume prune}: anonymous volumes no container uses, or with -a every unused
 * one; docker's warning, the names removed and the space reclaimed.
 */
final class PruneVolumes extends ApiCommand {
  @Override
  protected void define(Command c) {
    c.name("prune").synopsis("[OPTIONS]").description("Remove unused local volumes");
    c.add(Flag.bool("-a", "--all").describe("Remove all unused volumes, not just anonymous ones").toBool(v -> all = v));
    c.add(Flag.value("--filter").label("filter").describe("Provide filter values (e.g. \"label=<label>\")").each(filters::add));
    c.add(Flag.bool("-f", "--force").describe("Do not prompt for confirmation").toBool(v -> force = v));
    c.positionals(args::add);
  }

  static final String ANONYMOUS_WARNING = "WARNING! This will remove anonymous local volumes not"
      + " used by at least one container.\nAre you sure you want to continue?";
  static final String ALL_WARNING = "WARNING! This will remove all local volumes not used by at"
      + " least one container.\nAre you sure you want to continue?";

  boolean all;
  List<String> filters = new ArrayList<>();
  boolean force;
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    Args.none(spec, args);
    List<String> f = new ArrayList<>(filters);
    if (all) {
      if (f.stream().anyMatch(s -> s.toLowerCase(java.util.Locale.ROOT).startsWith("all="))) {
        throw new CliException("conflicting options: cannot specify both --all and --filter all=1");
      }
      f.add("all=true");
    }
    boolean everything = all || f.stream().anyMatch(s -> s.equalsIgnoreCase("all=true")
        || s.equalsIgnoreCase("all=1"));
    if (!force && !Prompt.confirm(out(), everything ? ALL_WARNING : ANONYMOUS_WARNING)) {
      throw new ExitStatus(0);
    }
    JsonNode res = client().post("/volumes/prune", Filters.query(f), null);
    long reclaimed = 0;
    JsonNode deleted = res == null ? null : res.path("VolumesDeleted");
    if (deleted != null && deleted.isArray() && !deleted.isEmpty()) {
      StringBuilder sb = new StringBuilder("Deleted Volumes:\n");
      deleted.forEach(v -> sb.append(v.asText()).append('\n'));
      out().println(sb);
      reclaimed = res.path("SpaceReclaimed").asLong();
    }
    out().println("Total reclaimed space: " + Units.humanSize(reclaimed));
    return 0;
  }
}
