package dev.berth.cli.volume;

import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.flags.Command;
import dev.berth.cli.flags.Flag;
import dev.berth.cli.network.Inspection;
import java.util.ArrayList;
import java.util.List;

/** {@code berth volume inspect}: the volumes' JSON, or a template per volume. */
final class InspectVolumes extends ApiCommand {
  @Override
  protected void define(Command c) {
    c.name("inspect").synopsis("[OPTIONS] VOLUME [VOLUME...]").description("Display detailed information on one or more volumes");
    c.add(Flag.value("-f", "--format").label("string").describe("Format output using a custom template").to(v -> format = v));
    c.positionals(volumes::add);
  }

  /** docker decodes the volume into its struct and encodes it again: these maps come out sorted. */
  private static final java.util.Set<String> MAPS = java.util.Set.of("Labels", "Options", "Status");

  String format;
  List<String> volumes = new ArrayList<>();

  @Override
  public Integer call() {
    Args.atLeast(spec, volumes, 1);
    return Inspection.print(out(), format, volumes,
        v -> GoMaps.sorted(client().get("/volumes/" + seg(v)), MAPS), "volume.Volume");
  }
}
