package dev.berth.cli.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.flags.Command;
import dev.berth.cli.flags.Flag;
import dev.berth.client.Json;
import dev.berth.client.Query;
import java.util.ArrayList;
import java.util.List;

/** {@code berth network create}: the body docker sends, then the new network's ID. */
final class CreateNetwork extends ApiCommand {
  @Override
  protected void define(Command c) {
    c.name("create").synopsis("[OPTIONS] NETWORK").description("Create a network");
    c.add(Flag.bool("--attachable").describe("Enable manual container attachment").toBool(v -> attachable = v));
    c.add(Flag.value("-d", "--driver").label("string").describe("Driver to manage the Network (default \"bridge\")").to(v -> driver = v));
    c.add(Flag.value("--gateway").label("strings").describe("IPv4 or IPv6 Gateway for the master subnet").split().each(gateways::add));
    c.add(Flag.bool("--internal").describe("Restrict external access to the network").toBool(v -> internal = v));
    c.add(Flag.value("--ip-range").label("strings").describe("Allocate container ip from a sub-range").split().each(ranges::add));
    c.add(Flag.value("--ipam-driver").label("string").describe("IP Address Management Driver (default \"default\")").to(v -> ipamDriver = v));
    c.add(Flag.optionalBool("--ipv4").label("bool").describe("Enable or disable IPv4 address assignment (default true)").toBool(v -> ipv4 = v));
    c.add(Flag.optionalBool("--ipv6").label("bool").describe("Enable or disable IPv6 address assignment").toBool(v -> ipv6 = v));
    c.add(Flag.value("--label").label("list").describe("Set metadata on a network").each(labels::add));
    c.add(Flag.value("-o", "--opt").label("map").describe("Set driver specific options").each(options::add));
    c.add(Flag.value("--subnet").label("strings").describe("Subnet in CIDR format that represents a network segment").split().each(subnets::add));
    c.positionals(args::add);
  }

  boolean attachable;
  String driver = "bridge";
  List<String> gateways = new ArrayList<>();
  boolean internal;
  List<String> ranges = new ArrayList<>();
  String ipamDriver = "default";
  Boolean ipv4;
  Boolean ipv6;
  List<String> labels = new ArrayList<>();
  List<String> options = new ArrayList<>();
  List<String> subnets = new ArrayList<>();
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
