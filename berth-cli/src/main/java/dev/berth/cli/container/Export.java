package dev.berth.cli.container;

import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.CliException;
import dev.berth.cli.flags.Command;
import dev.berth.cli.flags.Flag;
import dev.berth.cli.terminal.Terminal;
import dev.berth.client.ApiRequest;
import dev.berth.client.ApiResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code berth export}: the container's filesystem as a tar, to -o or stdout (not a tty). */
final class Export extends ApiCommand {
  @Override
  protected void define(Command c) {
    c.name("export").synopsis("[OPTIONS] CONTAINER").description("Export a container's filesystem as a tar archive");
    c.add(Flag.value("-o", "--output").label("string").describe("Write to a file, instead of STDOUT").to(v -> output = v));
    c.positionals(names::add);
  }

  String output;
  List<String> names = new ArrayList<>();

  @Override
  public Integer call() {
    Args.exactly(spec, names, 1);
    if (output == null && Terminal.stdoutIsTerminal()) {
      throw new CliException("berth: cowardly refusing to save to a terminal. Use the -o flag"
          + " or redirect");
    }
    try (ApiResponse r = client().send(ApiRequest.get("/containers/" + seg(names.get(0))
        + "/export"))) {
      if (output == null) {
        r.body().transferTo(out());
        out().flush();
      } else {
        Path target = Path.of(output);
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), ".export", ".tmp");
        try (OutputStream o = Files.newOutputStream(tmp)) {
          r.body().transferTo(o);
          Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
          Files.deleteIfExists(tmp);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return 0;
  }
}
