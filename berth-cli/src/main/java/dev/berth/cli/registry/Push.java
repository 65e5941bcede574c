package dev.berth.cli.registry;

import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.CliException;
import dev.berth.cli.flags.Command;
import dev.berth.cli.flags.Flag;
import dev.berth.client.ApiRequest;
import dev.berth.client.Query;
import java.util.ArrayList;
import java.util.List;

/** {@code berth push}: POST /images/{name}/push with the registry's stored credentials. */
final class Push extends ApiCommand {
  @Override
  protected void define(Command c) {
    c.name("push").synopsis("[OPTIONS] NAME[:TAG]").description("Upload an image to a registry");
    c.add(Flag.bool("-a", "--all-tags").describe("Push all tags of an image to the repository").toBool(v -> all = v));
    c.add(Flag.bool("--disable-content-trust").describe("Skip image signing (default true)").toBool(v -> untrusted = v));
    c.add(Flag.bool("-q", "--quiet").describe("Suppress verbose output").toBool(v -> quiet = v));
    c.positionals(args::add);
  }

  boolean all;
  boolean untrusted = true;
  boolean quiet;
  List<String> args = new ArrayList<>();

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
