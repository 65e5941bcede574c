package dev.berth.cli.network;

import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.client.Query;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth network inspect}: the networks' JSON, or a template per network. */
@Command(name = "inspect", customSynopsis = "[OPTIONS] NETWORK [NETWORK...]",
    description = "Display detailed information on one or more networks")
final class InspectNetworks extends ApiCommand {
  @Option(names = {"-f", "--format"}, paramLabel = "string", description = "Format output using a custom template")
  String format;
  @Option(names = {"-v", "--verbose"}, description = "Verbose output for diagnostics")
  boolean verbose;
  @Parameters(hidden = true) List<String> networks = new ArrayList<>();

  @Override
  public Integer call() {
    Args.atLeast(spec, networks, 1);
    return Inspection.print(out(), format, networks,
        n -> client().get("/networks/" + seg(n), Query.NONE.flag("verbose", verbose)), null);
  }
}
