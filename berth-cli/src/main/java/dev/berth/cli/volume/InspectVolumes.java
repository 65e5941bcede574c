package dev.berth.cli.volume;

import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.network.Inspection;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth volume inspect}: the volumes' JSON, or a template per volume. */
@Command(name = "inspect", customSynopsis = "[OPTIONS] VOLUME [VOLUME...]",
    description = "Display detailed information on one or more volumes")
final class InspectVolumes extends ApiCommand {
  /** docker decodes the volume into its struct and encodes it again: these maps come out sorted. */
  private static final java.util.Set<String> MAPS = java.util.Set.of("Labels", "Options", "Status");

  @Option(names = {"-f", "--format"}, paramLabel = "string", description = "Format output using a custom template")
  String format;
  @Parameters(hidden = true) List<String> volumes = new ArrayList<>();

  @Override
  public Integer call() {
    Args.atLeast(spec, volumes, 1);
    return Inspection.print(out(), format, volumes,
        v -> GoMaps.sorted(client().get("/volumes/" + seg(v)), MAPS), "volume.Volume");
  }
}
