package dev.berth.cli.image;

import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.CliException;
import dev.berth.cli.flags.Command;
import dev.berth.cli.flags.Flag;
import dev.berth.cli.terminal.Terminal;
import dev.berth.client.ApiRequest;
import dev.berth.client.Query;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code berth load}: a docker-archive or OCI tar from -i or stdin; prints "Loaded image: ...". */
final class Load extends ApiCommand {
  @Override
  protected void define(Command c) {
    c.name("load").synopsis("[OPTIONS]").description("Load an image from a tar archive or STDIN");
    c.add(Flag.value("-i", "--input").label("string").describe("Read from tar archive file, instead of STDIN").to(v -> input = v));
    c.add(Flag.bool("-q", "--quiet").describe("Suppress the load output").toBool(v -> quiet = v));
    c.positionals(args::add);
  }

  String input;
  boolean quiet;
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    Args.none(spec, args);
    InputStream in;
    if (input == null || input.isEmpty()) {
      if (Terminal.stdinIsTerminal()) {
        throw new CliException("requested load from stdin, but stdin is empty");
      }
      in = System.in;
    } else {
      in = open(input);
    }
    try (in) {
      // docker asks for the quiet form whenever its output is not a terminal
      boolean q = quiet || !Terminal.stdoutIsTerminal();
      var response = client().send(ApiRequest.post("/images/load")
          .query(Query.NONE.flag("quiet", q)).stream(in, "application/x-tar"));
      JsonMessages.display(response, out());
    }
    return 0;
  }

  /** Opens a file with Go's wording for the usual failures. */
  static InputStream open(String file) {
    try {
      return Files.newInputStream(Path.of(file));
    } catch (NoSuchFileException e) {
      throw new CliException("open " + file + ": no such file or directory");
    } catch (java.nio.file.AccessDeniedException e) {
      throw new CliException("open " + file + ": permission denied");
    } catch (IOException e) {
      if (Files.isDirectory(Path.of(file))) {
        throw new CliException("read " + file + ": is a directory");
      }
      throw new CliException("open " + file + ": " + e.getMessage());
    }
  }
}
