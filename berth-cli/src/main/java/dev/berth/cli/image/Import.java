package dev.berth.cli.image;

import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.flags.Command;
import dev.berth.cli.flags.Flag;
import dev.berth.client.ApiRequest;
import dev.berth.client.Query;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code berth import file|URL|- [REPOSITORY[:TAG]]}: a root filesystem tarball as an image;
 * prints the new image's id. URLs are passed to the daemon, which fetches them.
 */
final class Import extends ApiCommand {
  @Override
  protected void define(Command c) {
    c.name("import").synopsis("[OPTIONS] file|URL|- [REPOSITORY[:TAG]]").description("Import the contents from a tarball to create a filesystem image");
    c.add(Flag.value("-c", "--change").label("list").describe("Apply Dockerfile instruction to the created image").each(changes::add));
    c.add(Flag.value("-m", "--message").label("string").describe("Set commit message for imported image").to(v -> message = v));
    c.add(Flag.value("--platform").label("string").describe("Set platform if server is multi-platform capable").to(v -> platform = v));
    c.positionals("[<args>...]", args::add);
  }

  List<String> changes = new ArrayList<>();
  String message;
  String platform;
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    Args.atLeast(spec, args, 1);
    if (args.size() > 2) {
      Args.between(spec, args, 1, 2);
    }
    String source = args.get(0);
    boolean url = source.startsWith("http://") || source.startsWith("https://");
    Query q = Query.of("fromSrc", url ? source : "-");
    if (args.size() > 1) {
      String ref = args.get(1);
      TargetName.check(ref, false);
      int colon = ref.lastIndexOf(':');
      if (colon > ref.lastIndexOf('/')) {
        q = q.with("repo", ref.substring(0, colon)).with("tag", ref.substring(colon + 1));
      } else {
        q = q.with("repo", ref);
      }
    }
    q = q.withIfSet("message", message == null || message.isEmpty() ? null : message)
        .withIfSet("platform", platform);
    for (String c : changes) {
      q = q.with("changes", c);
    }
    ApiRequest request = ApiRequest.post("/images/create").query(q);
    if (url) {
      JsonMessages.display(client().send(request), out());
      return 0;
    }
    InputStream in = source.equals("-") ? System.in : Load.open(source);
    try (in) {
      JsonMessages.display(client().send(request.stream(in, "application/x-tar")), out());
    }
    return 0;
  }
}
