package dev.berth.cli.volume;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.CliException;
import dev.berth.cli.ExitStatus;
import dev.berth.cli.container.Filters;
import dev.berth.cli.container.Units;
import dev.berth.cli.image.Prompt;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth volume prune}: anonymous volumes no container uses, or with -a every unused
 * one; docker's warning, the names removed and the space reclaimed.
 */
@Command(name = "prune", customSynopsis = "[OPTIONS]", description = "Remove unused local volumes")
final class PruneVolumes extends ApiCommand {
  static final String ANONYMOUS_WARNING = "WARNING! This will remove anonymous local volumes not"
      + " used by at least one container.\nAre you sure you want to continue?";
  static final String ALL_WARNING = "WARNING! This will remove all local volumes not used by at"
      + " least one container.\nAre you sure you want to continue?";

  @Option(names = {"-a", "--all"}, description = "Remove all unused volumes, not just anonymous ones")
  boolean all;
  @Option(names = "--filter", paramLabel = "filter",
      description = "Provide filter values (e.g. \"label=<label>\")")
  List<String> filters = new ArrayList<>();
  @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation")
  boolean force;
  @Parameters(hidden = true)
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
