package dev.berth.cli.system;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.Cli;
import dev.berth.cli.CliException;
import dev.berth.cli.ExitStatus;
import dev.berth.cli.container.Filters;
import dev.berth.cli.container.Units;
import dev.berth.cli.flags.Command;
import dev.berth.cli.flags.Flag;
import dev.berth.cli.image.Prompt;
import dev.berth.cli.image.PruneImages;
import dev.berth.client.Query;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code berth system prune}: stopped containers, unused networks, (with --volumes) anonymous
 * volumes, dangling (or with -a unused) images and build cache, after docker's warning.
 */
final class SystemPrune extends ApiCommand {
  @Override
  protected void define(Command c) {
    c.name("prune").synopsis("[OPTIONS]").description("Remove unused data");
    c.add(Flag.bool("-a", "--all").describe("Remove all unused images not just dangling ones").toBool(v -> all = v));
    c.add(Flag.bool("-f", "--force").describe("Do not prompt for confirmation").toBool(v -> force = v));
    c.add(Flag.bool("--volumes").describe("Prune anonymous volumes").toBool(v -> volumes = v));
    c.add(Flag.value("--filter").label("filter").describe("Provide filter values (e.g. \"label=<key>=<value>\")").each(filters::add));
    c.positionals(args::add);
  }

  boolean all;
  boolean force;
  boolean volumes;
  List<String> filters = new ArrayList<>();
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    Args.none(spec, args);
    if (volumes && filters.stream().anyMatch(f -> f.startsWith("until="))) {
      throw new CliException("ERROR: The \"until\" filter is not supported with \"--volumes\"");
    }
    if (!force && !Prompt.confirm(out(), warning(all, volumes, filters))) {
      throw new ExitStatus(0);
    }
    long reclaimed = 0;
    reclaimed += section("/containers/prune", "ContainersDeleted", "Deleted Containers:");
    reclaimed += section("/networks/prune", "NetworksDeleted", "Deleted Networks:");
    if (volumes) {
      reclaimed += section("/volumes/prune", "VolumesDeleted", "Deleted Volumes:");
    }
    PruneImages.Report images = PruneImages.prune(this, all, filters);
    if (!images.output().isEmpty()) {
      out().println(images.output());
    }
    reclaimed += images.reclaimed();
    reclaimed += section("/build/prune", "CachesDeleted", "Deleted build cache objects:");
    out().println("Total reclaimed space: " + Units.humanSize(reclaimed));
    return 0;
  }

  /** docker's confirmation text, which lists what goes and the filters that apply. */
  static String warning(boolean all, boolean volumes, List<String> filters) {
    StringBuilder sb = new StringBuilder("WARNING! This will remove:\n");
    sb.append("  - all stopped containers\n");
    sb.append("  - all networks not used by at least one container\n");
    if (volumes) {
      sb.append("  - all anonymous volumes not used by at least one container\n");
    }
    sb.append(all ? "  - all images without at least one container associated to them\n"
        : "  - all dangling images\n");
    sb.append(all ? "  - all build cache\n" : "  - unused build cache\n");
    List<String> shown = new ArrayList<>();
    for (String name : List.of("label", "label!", "until")) {
      for (String f : filters) {
        int eq = f.indexOf('=');
        if (eq > 0 && f.substring(0, eq).equals(name)) {
          shown.add(f);
        }
      }
    }
    shown.sort(null);
    sb.append('\n');
    if (!shown.isEmpty()) {
      sb.append("  Items to be pruned will be filtered with:\n");
      shown.forEach(f -> sb.append("  - ").append(f).append('\n'));
      sb.append('\n');
    }
    return sb.append("Are you sure you want to continue?").toString();
  }

  private long section(String path, String listKey, String title) {
    Query q = Filters.query(filters);
    if (path.equals("/build/prune") && all) {
      q = q.with("all", "1");
    }
    JsonNode report = Cli.client().post(path, q, null);
    if (report == null) {
      return 0;
    }
    JsonNode deleted = report.path(listKey);
    if (deleted.isArray() && !deleted.isEmpty()) {
      StringBuilder sb = new StringBuilder(title).append('\n');
      deleted.forEach(d -> sb.append(d.asText()).append('\n'));
      out().println(sb);
    }
    return report.path("SpaceReclaimed").asLong(0);
  }
}
