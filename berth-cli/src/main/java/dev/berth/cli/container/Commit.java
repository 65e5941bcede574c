package dev.berth.cli.container;

import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.CliException;
import dev.berth.cli.flags.Command;
import dev.berth.cli.flags.Flag;
import dev.berth.client.Query;
import dev.berth.oci.reference.ImageReference;
import java.util.ArrayList;
import java.util.List;

/** {@code berth commit}: a new image from a container's changes; prints its id. */
final class Commit extends ApiCommand {
  @Override
  protected void define(Command c) {
    c.name("commit").synopsis("[OPTIONS] CONTAINER [REPOSITORY[:TAG]]").description("Create a new image from a container's changes");
    c.add(Flag.value("-a", "--author").label("string").describe("Author (e.g., \"John Hannibal Smith <hannibal@a-team.com>\")").to(v -> author = v));
    c.add(Flag.value("-c", "--change").label("list").describe("Apply Dockerfile instruction to the created image").each(changes::add));
    c.add(Flag.value("-m", "--message").label("string").describe("Commit message").to(v -> message = v));
    c.add(Flag.optionalBool("-p", "--pause").label("<pause>").describe("Pause container during commit (default true)").toBool(v -> pause = v));
    c.positionals(args::add);
  }

  String author = "";
  List<String> changes = new ArrayList<>();
  String message = "";
  boolean pause = true;
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    Args.between(spec, args, 1, 2);
    Query q = Query.of("author", author, "comment", message, "container", args.get(0));
    if (args.size() == 2) {
      ImageReference r;
      try {
        r = ImageReference.parse(args.get(1));
      } catch (RuntimeException e) {
        throw new CliException("invalid reference format");
      }
      if (r.digest().isPresent()) {
        throw new CliException("refusing to create a tag with a digest reference");
      }
      q = q.with("repo", r.name()).with("tag", r.tag().orElse(""));
    }
    for (String c : changes) {
      q = q.with("changes", c);
    }
    if (!pause) {
      q = q.with("pause", "0");
    }
    out().println(client().post("/commit", q).path("Id").asText());
    return 0;
  }
}
