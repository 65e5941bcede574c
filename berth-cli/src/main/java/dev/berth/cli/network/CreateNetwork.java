package dev.berth.cli.network;

import com.fasterxml.jackson.databind.JsonNode;
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

/** {@code berth network create}: the body docker sends, then the new network's ID. */
@Command(name = "create", customSynopsis = "[OPTIONS] NETWORK", description = "Create a network")
final class CreateNetwork extends ApiCommand {
  @Option(names = "--attachable", description = "Enable manual container attachment")
  boolean attachable;
  @Option(names = {"-d", "--driver"}, paramLabel = "string",
      description = "Driver to manage the Network (default \"bridge\")")
  String driver = "bridge";
  @Option(names = "--gateway", paramLabel = "strings", split = ",",
      description = "IPv4 or IPv6 Gateway for the master subnet")
  List<String> gateways = new ArrayList<>();
  @Option(names = "--internal", description = "Restrict external access to the network")
  boolean internal;
  @Option(names = "--ip-range", paramLabel = "strings", split = ",",
      description = "Allocate container ip from a sub-range")
  List<String> ranges = new ArrayList<>();
  @Option(names = "--ipam-driver", paramLabel = "string",
      description = "IP Address Management Driver (default \"default\")")
  String ipamDriver = "default";
  @Option(names = "--ipv4", arity = "0..1", fallbackValue = "true", paramLabel = "bool",
      description = "Enable or disable IPv4 address assignment (default true)")
  Boolean ipv4;
  @Option(names = "--ipv6", arity = "0..1", fallbackValue = "true", paramLabel = "bool",
      description = "Enable or disable IPv6 address assignment")
  Boolean ipv6;
  @Option(names = "--label", paramLabel = "list", description = "Set metadata on a network")
  List<String> labels = new ArrayList<>();
  @Option(names = {"-o", "--opt"}, paramLabel = "map", description = "Set driver specific options")
  List<String> options = new ArrayList<>();
  @Option(names = "--subnet", paramLabel = "strings", split = ",",
      description = "Subnet in CIDR format that represents a network segment")
  List<String> subnets = new ArrayList<>();
  @Parameters(hidden = true)
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    Args.exactly(spec, args, 1);
    ObjectNode body = Json.object();
    body.put("Driver", driver);
    body.set("Options", KeyValues.map(options));
    ObjectNode ipam = body.putObject("IPAM");
    ipam.put("Driver", ipamDriver);
    ipam.set("Config", Ipam.pools(subnets, ranges, gateways));
    ipam.putObject("Options");
    body.put("Internal", internal);
    // docker sends these only when the flag was given
    if (ipv4 != null) {
      body.put("EnableIPv4", ipv4);
    }
    if (ipv6 != null) {
      body.put("EnableIPv6", ipv6);
    }
    body.put("Attachable", attachable);
    body.put("Ingress", false);
    body.put("ConfigOnly", false);
    body.set("Labels", KeyValues.map(labels));
    body.put("Name", args.getFirst());
    JsonNode res = client().post("/networks/create", Query.NONE, body);
    out().println(res.path("Id").asText());
    return 0;
  }
}
