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
import java.util.Locale;

/**
 * {@code berth pull}: POST /images/create with the stored credentials of the image's
 * registry; the daemon's progress as docker shows it, then the full reference pulled.
 */
final class Pull extends ApiCommand {
  @Override
  protected void define(Command c) {
    c.name("pull").synopsis("[OPTIONS] NAME[:TAG|@DIGEST]").description("Download an image from a registry");
    c.add(Flag.bool("-a", "--all-tags").describe("Download all tagged images in the repository").toBool(v -> all = v));
    c.add(Flag.bool("--disable-content-trust").describe("Skip image verification (default true)").toBool(v -> untrusted = v));
    c.add(Flag.value("--platform").label("string").describe("Set platform if server is multi-platform capable").to(v -> platform = v));
    c.add(Flag.bool("-q", "--quiet").describe("Suppress verbose output").toBool(v -> quiet = v));
    c.positionals(args::add);
  }

  boolean all;
  boolean untrusted = true;
  String platform;
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
