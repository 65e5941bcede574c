package dev.berth.cli.image;

import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.CliException;
import dev.berth.cli.flags.Command;
import dev.berth.cli.flags.Flag;
import dev.berth.cli.terminal.Terminal;
import dev.berth.client.ApiRequest;
import dev.berth.client.ApiResponse;
import dev.berth.client.Query;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code berth save}: the images as a tar archive, to -o (written beside and renamed into
 * place, so a failed save leaves no half file) or to stdout when it is not a terminal.
 */
final class Save extends ApiCommand {
  @Override
  protected void define(Command c) {
    c.name("save").synopsis("[OPTIONS] IMAGE [IMAGE...]").description("Save one or more images to a tar archive (streamed to STDOUT by default)");
    c.add(Flag.value("-o", "--output").label("string").describe("Write to a file, instead of STDOUT").to(v -> output = v));
    c.positionals("[<images>...]", images::add);
  }

  String output;
  List<String> images = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    Args.atLeast(spec, images, 1);
    if ((output == null || output.isEmpty()) && Terminal.stdoutIsTerminal()) {
      throw new CliException("cowardly refusing to save to a terminal. Use the -o flag or redirect");
    }
    Query q = Query.NONE;
    for (String image : images) {
      q = q.with("names", image);
    }
    if (output == null || output.isEmpty()) {
      try (ApiResponse r = client().send(ApiRequest.get("/images/get").query(q))) {
        out().flush();
        copy(r.body(), System.out);
        System.out.flush();
      }
      return 0;
    }
    Path target = Path.of(output).toAbsolutePath();
    Path tmp;
    try {
      tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (IOException e) {
      throw new CliException("failed to save image: invalid output path: " + describe(e, target.getParent()));
    }
    try {
      try (ApiResponse r = client().send(ApiRequest.get("/images/get").query(q));
          OutputStream out = Files.newOutputStream(tmp)) {
        copy(r.body(), out);
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return 0;
  }

  private static void copy(InputStream in, OutputStream out) {
    try {
      in.transferTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String describe(IOException e, Path dir) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "stat " + dir + ": no such file or directory";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "open " + dir + ": permission denied";
    }
    return e.getMessage();
  }
}
