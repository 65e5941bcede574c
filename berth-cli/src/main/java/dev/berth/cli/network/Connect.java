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

/** {@code berth network connect}: joins a container to a network; prints nothing. */
@Command(name = "connect", customSynopsis = "[OPTIONS] NETWORK CONTAINER",
    description = "Connect a container to a network")
final class Connect extends ApiCommand {
  @Option(names = "--alias", paramLabel = "strings", split = ",",
      description = "Add network-scoped alias for the container")
  List<String> aliases = new ArrayList<>();
  @Option(names = "--driver-opt", paramLabel = "strings", split = ",",
      description = "driver options for the network")
  List<String> driverOpts = new ArrayList<>();
  @Option(names = "--ip", paramLabel = "string", description = "IPv4 address (e.g., \"172.30.100.104\")")
  String ip;
  @Option(names = "--ip6", paramLabel = "string", description = "IPv6 address (e.g., \"2001:db8::33\")")
  String ip6;
  @Option(names = "--link", paramLabel = "list", description = "Add link to another container")
  List<String> links = new ArrayList<>();
  @Option(names = "--link-local-ip", paramLabel = "strings", split = ",",
      description = "Add a link-local address for the container")
  List<String> linkLocal = new ArrayList<>();
  @Parameters(hidden = true) List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    Args.exactly(spec, args, 2);
    ObjectNode body = Json.object();
    body.put("Container", args.get(1));
    ObjectNode ep = body.putObject("EndpointConfig");
    if (ip != null || ip6 != null || !linkLocal.isEmpty()) {
      ObjectNode ipam = ep.putObject("IPAMConfig");
      if (ip != null) {
        ipam.put("IPv4Address", ip);
      }
      if (ip6 != null) {
        ipam.put("IPv6Address", ip6);
      }
      if (!linkLocal.isEmpty()) {
        var l = ipam.putArray("LinkLocalIPs");
        linkLocal.forEach(l::add);
      }
    }
    if (!links.isEmpty()) {
      var l = ep.putArray("Links");
      links.forEach(l::add);
    }
    if (!aliases.isEmpty()) {
      var a = ep.putArray("Aliases");
      aliases.forEach(a::add);
    }
    if (!driverOpts.isEmpty()) {
      ep.set("DriverOpts", KeyValues.map(driverOpts));
    }
    client().post("/networks/" + seg(args.getFirst()) + "/connect", Query.NONE, body);
    return 0;
  }
}
