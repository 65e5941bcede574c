package dev.berth.cli.registry;

import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.CliException;
import dev.berth.client.ApiRequest;
import dev.berth.client.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth pull}: POST /images/create with the stored credentials of the image's
 * registry; the daemon's progress as docker shows it, then the full reference pulled.
 */
@Command(name = "pull", customSynopsis = "[OPTIONS] NAME[:TAG|@DIGEST]",
    description = "Download an image from a registry")
final class Pull extends ApiCommand {
  @Option(names = {"-a", "--all-tags"}, description = "Download all tagged images in the repository")
  boolean all;
  @Option(names = "--disable-content-trust", description = "Skip image verification (default true)")
  boolean untrusted = true;
  @Option(names = "--platform", paramLabel = "string", description = "Set platform if server is multi-platform capable")
  String platform;
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
    Query q = Query.of("fromImage", ref.name());
    if (!all) {
      q = q.with("tag", ref.apiTag());
    }
    if (platform != null && !platform.isEmpty()) {
      q = q.with("platform", platform.toLowerCase(Locale.ROOT));
    }
    Streams.follow(ApiRequest.post("/images/create").query(q)
        .header("X-Registry-Auth", Auths.header(ref.domain())), quiet);
    out().println(ref);
    return 0;
  }
}
