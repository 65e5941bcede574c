package dev.berth.cli.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.CliException;
import dev.berth.cli.Errors;
import dev.berth.client.ApiException;
import dev.berth.client.Query;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth rmi} / {@code berth image rm}: "Untagged: ..." and "Deleted: ..." per image.
 * Errors are printed together at the end; with -f, images that do not exist do not fail the
 * command (their errors are still printed), as docker does.
 */
@Command(name = "rmi", customSynopsis = "[OPTIONS] IMAGE [IMAGE...]", description = "Remove one or more images")
final class RemoveImages extends ApiCommand {
  @Option(names = {"-f", "--force"}, description = "Force removal of the image")
  boolean force;
  @Option(names = "--no-prune", description = "Do not delete untagged parents")
  boolean noPrune;
  @Parameters List<String> images = new ArrayList<>();

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
