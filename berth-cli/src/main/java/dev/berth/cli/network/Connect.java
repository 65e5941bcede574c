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

/** {@code berth network connect}: joins a container to a network; prints nothing. */
final class Connect extends ApiCommand {
  @Override
  protected void define(Command c) {
    c.name("connect").synopsis("[OPTIONS] NETWORK CONTAINER").description("Connect a container to a network");
    c.add(Flag.value("--alias").label("strings").describe("Add network-scoped alias for the container").split().each(aliases::add));
    c.add(Flag.value("--driver-opt").label("strings").describe("driver options for the network").split().each(driverOpts::add));
    c.add(Flag.value("--ip").label("string").describe("IPv4 address (e.g., \"172.30.100.104\")").to(v -> ip = v));
    c.add(Flag.value("--ip6").label("string").describe("IPv6 address (e.g., \"2001:db8::33\")").to(v -> ip6 = v));
    c.add(Flag.value("--link").label("list").describe("Add link to another container").each(links::add));
    c.add(Flag.value("--link-local-ip").label("strings").describe("Add a link-local address for the container").split().each(linkLocal::add));
    c.positionals(args::add);
  }

  List<String> aliases = new ArrayList<>();
  List<String> driverOpts = new ArrayList<>();
  String ip;
  String ip6;
  List<String> links = new ArrayList<>();
  List<String> linkLocal = new ArrayList<>();
  List<String> args = new ArrayList<>();

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
