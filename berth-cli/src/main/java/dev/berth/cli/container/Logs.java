package dev.berth.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.client.ApiRequest;
import dev.berth.client.ApiResponse;
import dev.berth.client.Query;
import dev.berth.client.StdCopy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth logs}: a container's output, split back into stdout and stderr. */
@Command(name = "logs", customSynopsis = "[OPTIONS] CONTAINER",
    description = "Fetch the logs of a container")
final class Logs extends ApiCommand {
  @Option(names = {"-f", "--follow"}, description = "Follow log output")
  boolean follow;
  @Option(names = {"-n", "--tail"}, paramLabel = "string", description = "Number of lines to show from the end of the logs (default \"all\")")
  String tail = "all";
  @Option(names = "--since", paramLabel = "string", description = "Show logs since timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)")
  String since;
  @Option(names = "--until", paramLabel = "string", description = "Show logs before a timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)")
  String until;
  @Option(names = {"-t", "--timestamps"}, description = "Show timestamps")
  boolean timestamps;
  @Option(names = "--details", description = "Show extra details provided to logs")
  boolean details;
  @Parameters(hidden = true) List<String> names = new ArrayList<>();

  @Override
  public Integer call() {
    Args.exactly(spec, names, 1);
    JsonNode c = client().get("/containers/" + seg(names.get(0)) + "/json");
    Instant now = Instant.now();
    Query q = Query.NONE.withIfSet("since", Timestamps.toApi(since, now, "since"))
        .withIfSet("until", Timestamps.toApi(until, now, "until")).flag("timestamps", timestamps)
        .flag("follow", follow).with("stdout", "1").with("stderr", "1").with("tail", tail)
        .flag("details", details);
    try (ApiResponse r = client().send(ApiRequest.get("/containers/"
        + seg(c.path("Id").asText()) + "/logs").query(q))) {
      InputStream body = r.body();
      if (c.path("Config").path("Tty").asBoolean()) {
        body.transferTo(out());
      } else {
        StdCopy.demux(body, out(), err());
      }
      out().flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return 0;
  }
}
