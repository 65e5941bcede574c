package dev.berth.cli.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.ExitStatus;
import dev.berth.cli.container.Filters;
import dev.berth.cli.container.Units;
import dev.berth.cli.flags.Command;
import dev.berth.cli.flags.Flag;
import dev.berth.client.Query;
import java.util.ArrayList;
import java.util.List;

/** {@code berth image prune}: docker's warning, the deleted images, the space reclaimed. */
public final class PruneImages extends ApiCommand {
  @Override
  protected void define(Command c) {
    c.name("prune").synopsis("[OPTIONS]").description("Remove unused images");
    c.add(Flag.bool("-a", "--all").describe("Remove all unused images, not just dangling ones").toBool(v -> all = v));
    c.add(Flag.bool("-f", "--force").describe("Do not prompt for confirmation").toBool(v -> force = v));
    c.add(Flag.value("--filter").label("filter").describe("Provide filter values (e.g. \"until=<timestamp>\")").each(filters::add));
    c.positionals(args::add);
  }

  static final String DANGLING_WARNING = "WARNING! This will remove all dangling images.\n"
      + "Are you sure you want to continue?";
  static final String ALL_WARNING = "WARNING! This will remove all images without at least one"
      + " container associated to them.\nAre you sure you want to continue?";

  boolean all;
  boolean force;
  List<String> filters = new ArrayList<>();
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    Args.none(spec, args);
    if (!force && !Prompt.confirm(out(), all ? ALL_WARNING : DANGLING_WARNING)) {
      // docker treats a "no" as a cancellation: nothing more printed, exit 0
      throw new ExitStatus(0);
    }
    Report r = prune(this, all, filters);
    if (!r.output().isEmpty()) {
      out().println(r.output());
    }
    out().println("Total reclaimed space: " + Units.humanSize(r.reclaimed()));
    return 0;
  }

  /** What one prune call removed and how it reads in docker's output. */
  public record Report(long reclaimed, String output) {}

  /** POST /images/prune with dangling set from --all, as docker's image.RunPrune. */
  public static Report prune(ApiCommand cmd, boolean all, List<String> filters) {
    List<String> f = new ArrayList<>(filters);
    f.add("dangling=" + !all);
    Query q = Filters.query(f);
    JsonNode res = dev.berth.cli.Cli.client().post("/images/prune", q, null);
    StringBuilder sb = new StringBuilder();
    JsonNode deleted = res == null ? null : res.path("ImagesDeleted");
    if (deleted != null && deleted.isArray() && !deleted.isEmpty()) {
      sb.append("Deleted Images:\n");
      for (JsonNode d : deleted) {
        String untagged = d.path("Untagged").asText("");
        if (!untagged.isEmpty()) {
          sb.append("untagged: ").append(untagged).append('\n');
        } else {
          sb.append("deleted: ").append(d.path("Deleted").asText("")).append('\n');
        }
      }
    }
    return new Report(res == null ? 0 : res.path("SpaceReclaimed").asLong(), sb.toString());
  }
}
