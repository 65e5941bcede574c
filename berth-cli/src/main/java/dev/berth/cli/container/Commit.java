package dev.berth.cli.container;

import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.CliException;
import dev.berth.client.Query;
import dev.berth.oci.reference.ImageReference;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth commit}: a new image from a container's changes; prints its id. */
@Command(name = "commit", customSynopsis = "[OPTIONS] CONTAINER [REPOSITORY[:TAG]]",
    description = "Create a new image from a container's changes")
final class Commit extends ApiCommand {
  @Option(names = {"-a", "--author"}, paramLabel = "string", description = "Author (e.g., \"John Hannibal Smith <hannibal@a-team.com>\")")
  String author = "";
  @Option(names = {"-c", "--change"}, paramLabel = "list", description = "Apply Dockerfile instruction to the created image")
  List<String> changes = new ArrayList<>();
  @Option(names = {"-m", "--message"}, paramLabel = "string", description = "Commit message")
  String message = "";
  @Option(names = {"-p", "--pause"}, arity = "0..1", fallbackValue = "true", defaultValue = "true",
      description = "Pause container during commit (default true)")
  boolean pause;
  @Parameters(hidden = true) List<String> args = new ArrayList<>();

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
