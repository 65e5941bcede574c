package dev.berth.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.flags.Command;
import dev.berth.cli.flags.Flag;
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

/** {@code berth logs}: a container's output, split back into stdout and stderr. */
final class Logs extends ApiCommand {
  @Override
  protected void define(Command c) {
    c.name("logs").synopsis("[OPTIONS] CONTAINER").description("Fetch the logs of a container");
    c.add(Flag.bool("-f", "--follow").describe("Follow log output").toBool(v -> follow = v));
    c.add(Flag.value("-n", "--tail").label("string").describe("Number of lines to show from the end of the logs (default \"all\")").to(v -> tail = v));
    c.add(Flag.value("--since").label("string").describe("Show logs since timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)").to(v -> since = v));
    c.add(Flag.value("--until").label("string").describe("Show logs before a timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)").to(v -> until = v));
    c.add(Flag.bool("-t", "--timestamps").describe("Show timestamps").toBool(v -> timestamps = v));
    c.add(Flag.bool("--details").describe("Show extra details provided to logs").toBool(v -> details = v));
    c.positionals(names::add);
  }

  boolean follow;
  String tail = "all";
  String since;
  String until;
  boolean timestamps;
  boolean details;
  List<String> names = new ArrayList<>();

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
