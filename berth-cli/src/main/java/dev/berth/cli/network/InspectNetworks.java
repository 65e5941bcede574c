package dev.berth.cli.network;

import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.flags.Command;
import dev.berth.cli.flags.Flag;
import dev.berth.client.Query;
import java.util.ArrayList;
import java.util.List;

/** {@code berth network inspect}: the networks' JSON, or a template per network. */
final class InspectNetworks extends ApiCommand {
  @Override
  protected void define(Command c) {
    c.name("inspect").synopsis("[OPTIONS] NETWORK [NETWORK...]").description("Display detailed information on one or more networks");
    c.add(Flag.value("-f", "--format").label("string").describe("Format output using a custom template").to(v -> format = v));
    c.add(Flag.bool("-v", "--verbose").describe("Verbose output for diagnostics").toBool(v -> verbose = v));
    c.positionals(networks::add);
  }

  String format;
  boolean verbose;
  List<String> networks = new ArrayList<>();

  @Override
  public Integer call() {
    Args.atLeast(spec, networks, 1);
    return Inspection.print(out(), format, networks,
        n -> client().get("/networks/" + seg(n), Query.NONE.flag("verbose", verbose)), null);
  }
}
