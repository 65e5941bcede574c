package dev.berth.cli.network;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.flags.Command;
import dev.berth.cli.flags.Flag;
import dev.berth.client.Json;
import dev.berth.client.Query;
import java.util.ArrayList;
import java.util.List;

/** {@code berth network disconnect}: takes a container off a network; prints nothing. */
final class Disconnect extends ApiCommand {
  @Override
  protected void define(Command c) {
    c.name("disconnect").synopsis("[OPTIONS] NETWORK CONTAINER").description("Disconnect a container from a network");
    c.add(Flag.bool("-f", "--force").describe("Force the container to disconnect from a network").toBool(v -> force = v));
    c.positionals(args::add);
  }

  boolean force;
  List<String> args = new ArrayList<>();

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
