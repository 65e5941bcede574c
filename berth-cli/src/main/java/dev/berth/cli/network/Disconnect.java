package dev.berth.cli.network;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.client.Json;
import dev.berth.client.Query;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth network disconnect}: takes a container off a network; prints nothing. */
@Command(name = "disconnect", customSynopsis = "[OPTIONS] NETWORK CONTAINER",
    description = "Disconnect a container from a network")
final class Disconnect extends ApiCommand {
  @Option(names = {"-f", "--force"}, description = "Force the container to disconnect from a network")
  boolean force;
  @Parameters(hidden = true) List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    Args.exactly(spec, args, 2);
    ObjectNode body = Json.object();
    body.put("Container", args.get(1));
    body.put("Force", force);
    client().post("/networks/" + seg(args.getFirst()) + "/disconnect", Query.NONE, body);
    return 0;
  }
}
