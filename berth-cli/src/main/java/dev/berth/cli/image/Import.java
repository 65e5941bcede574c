package dev.berth.cli.image;

import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.client.ApiRequest;
import dev.berth.client.Query;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth import file|URL|- [REPOSITORY[:TAG]]}: a root filesystem tarball as an image;
 * prints the new image's id. URLs are passed to the daemon, which fetches them.
 */
@Command(name = "import", customSynopsis = "[OPTIONS] file|URL|- [REPOSITORY[:TAG]]",
    description = "Import the contents from a tarball to create a filesystem image")
final class Import extends ApiCommand {
  @Option(names = {"-c", "--change"}, paramLabel = "list", description = "Apply Dockerfile instruction to the created image")
  List<String> changes = new ArrayList<>();
  @Option(names = {"-m", "--message"}, paramLabel = "string", description = "Set commit message for imported image")
  String message;
  @Option(names = "--platform", paramLabel = "string", description = "Set platform if server is multi-platform capable")
  String platform;
  @Parameters List<String> args = new ArrayList<>();

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
