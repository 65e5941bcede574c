package dev.berth.cli.image;

import com.fasterxml.jackson.databind.JsonNode;
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

/**
 * {@code berth rmi} / {@code berth image rm}: "Untagged: ..." and "Deleted: ..." per image.
 * Errors are printed together at the end; with -f, images that do not exist do not fail the
 * command (their errors are still printed), as docker does.
 */
final class RemoveImages extends ApiCommand {
  @Override
  protected void define(Command c) {
    c.name("rmi").synopsis("[OPTIONS] IMAGE [IMAGE...]").description("Remove one or more images");
    c.add(Flag.bool("-f", "--force").describe("Force removal of the image").toBool(v -> force = v));
    c.add(Flag.bool("--no-prune").describe("Do not delete untagged parents").toBool(v -> noPrune = v));
    c.positionals("[<images>...]", images::add);
  }

  boolean force;
  boolean noPrune;
  List<String> images = new ArrayList<>();

  @Override
  public Integer call() {
    Args.atLeast(spec, images, 1);
    List<String> errors = new ArrayList<>();
    boolean fatal = false;
    for (String image : images) {
      try {
        JsonNode deleted = client().send(dev.berth.client.ApiRequest.of("DELETE", "/images/" + seg(image))
            .query(Query.NONE.flag("force", force).flag("noprune", noPrune))).json();
        for (JsonNode d : deleted) {
          if (d.hasNonNull("Deleted") && !d.get("Deleted").asText().isEmpty()) {
            out().println("Deleted: " + d.get("Deleted").asText());
          } else {
            out().println("Untagged: " + d.path("Untagged").asText());
          }
        }
      } catch (ApiException e) {
        fatal |= !e.notFound();
        errors.add(Errors.describe(e));
      }
    }
    out().flush();
    if (errors.isEmpty()) {
      return 0;
    }
    if (!force || fatal) {
      throw new CliException(String.join("\n", errors));
    }
    err().println(String.join("\n", errors));
    return 0;
  }
}
