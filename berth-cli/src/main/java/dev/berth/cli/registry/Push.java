package dev.berth.cli.registry;

import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.CliException;
import dev.berth.client.ApiRequest;
import dev.berth.client.Query;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth push}: POST /images/{name}/push with the registry's stored credentials. */
@Command(name = "push", customSynopsis = "[OPTIONS] NAME[:TAG]",
    description = "Upload an image to a registry")
final class Push extends ApiCommand {
  @Option(names = {"-a", "--all-tags"}, description = "Push all tags of an image to the repository")
  boolean all;
  @Option(names = "--disable-content-trust", description = "Skip image signing (default true)")
  boolean untrusted = true;
  @Option(names = {"-q", "--quiet"}, description = "Suppress verbose output")
  boolean quiet;
  @Parameters(hidden = true) List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    Args.exactly(spec, args, 1);
    ImageName ref = ImageName.parse(args.getFirst());
    if (all && !ref.nameOnly()) {
      throw new CliException("tag can't be used with --all-tags/-a");
    }
    if (!all && ref.nameOnly()) {
      ref = ref.withDefaultTag();
      if (!quiet) {
        out().println("Using default tag: " + ref.tag());
      }
    }
    if (ref.digest() != null) {
      throw new CliException("cannot push a digest reference");
    }
    Query q = all ? Query.NONE : Query.of("tag", ref.tag());
    Streams.follow(ApiRequest.post("/images/" + ref.familiarName() + "/push").query(q)
        .header("X-Registry-Auth", Auths.header(ref.domain())), quiet);
    if (quiet) {
      out().println(ref);
    }
    return 0;
  }
}
