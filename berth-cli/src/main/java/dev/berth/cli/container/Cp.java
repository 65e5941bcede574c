package dev.berth.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.CliException;
import dev.berth.cli.flags.Command;
import dev.berth.cli.flags.Flag;
import dev.berth.client.ApiException;
import dev.berth.client.ApiRequest;
import dev.berth.client.ApiResponse;
import dev.berth.client.Json;
import dev.berth.client.Query;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * {@code berth cp}: files between a container and here, as tar streams through the archive
 * endpoint; {@code -} on our side means a tar on stdin or stdout.
 */
final class Cp extends ApiCommand {
  @Override
  protected void define(Command c) {
    c.name("cp").synopsis("[OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-\n" + "\tberth cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH").description("Copy files/folders between a container and the local filesystem");
    c.add(Flag.bool("-a", "--archive").describe("Archive mode (copy all uid/gid information)").toBool(v -> archive = v));
    c.add(Flag.bool("-L", "--follow-link").describe("Always follow symbol link in SRC_PATH").toBool(v -> followLink = v));
    c.add(Flag.bool("-q", "--quiet").describe("Suppress progress output during copy. Progress output is automatically suppressed if no terminal is attached to STDERR").toBool(v -> quiet = v));
    c.positionals(args::add);
  }

  boolean archive;
  boolean followLink;
  boolean quiet;
  List<String> args = new ArrayList<>();

  /** "name:path" splits at the first colon unless the part before it looks like a path. */
  record Spec(String container, String path) {
    static Spec parse(String arg) {
      if (arg.startsWith("/") || arg.startsWith(".") || arg.equals("-")) {
        return new Spec(null, arg);
      }
      int c = arg.indexOf(':');
      return c < 0 ? new Spec(null, arg) : new Spec(arg.substring(0, c), arg.substring(c + 1));
    }
  }

  @Override
  public Integer call() throws IOException {
    Args.exactly(spec, args, 2);
    Spec src = Spec.parse(args.get(0));
    Spec dst = Spec.parse(args.get(1));
    if (src.container() != null && dst.container() != null) {
      throw new CliException("copying between containers is not supported");
    }
    if (src.container() == null && dst.container() == null) {
      throw new CliException("must specify at least one container source");
    }
    if (src.container() != null) {
      fromContainer(src, dst.path());
    } else {
      toContainer(src.path(), dst);
    }
    return 0;
  }

  private String archivePath(String container) {
    return "/containers/" + seg(container) + "/archive";
  }

  private void fromContainer(Spec src, String dest) throws IOException {
    String path = src.path();
    if (followLink) {
      JsonNode stat = stat(src.container(), path);
      if (stat != null && !stat.path("linkTarget").asText().isEmpty()) {
        path = stat.path("linkTarget").asText();
      }
    }
    try (ApiResponse r = client().send(ApiRequest.get(archivePath(src.container()))
        .query(Query.of("path", path)))) {
      if (dest.equals("-")) {
        r.body().transferTo(out());
        out().flush();
        return;
      }
      JsonNode stat = decodeStat(r.header("x-docker-container-path-stat"));
      String srcBase = stat == null ? baseName(path) : stat.path("name").asText();
      boolean contentsOnly = path.endsWith("/.") ;
      Path target = Path.of(dest);
      long bytes = TarFiles.extract(r.body(), target, srcBase, contentsOnly);
      progress(bytes, dest);
    }
  }

  private void toContainer(String src, Spec dst) throws IOException {
    String destPath = dst.path().isEmpty() ? "/" : dst.path();
    Query base = Query.of("noOverwriteDirNonDir", "true").flag("copyUIDGID", archive);
    if (src.equals("-")) {
      send(dst.container(), base.with("path", destPath), System.in);
      return;
    }
    Path local = Path.of(src);
    LinkOption[] follow = followLink ? new LinkOption[0]
        : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
    if (!Files.exists(local, follow)) {
      throw new CliException("lstat " + local.toAbsolutePath() + ": no such file or directory");
    }
    JsonNode stat = stat(dst.container(), destPath);
    String dir;
    String name;
    boolean destIsDir = stat != null && (stat.path("mode").asLong() & (1L << 31)) != 0;
    if (destIsDir) {
      dir = destPath;
      name = local.toAbsolutePath().normalize().getFileName() == null ? "."
          : local.toAbsolutePath().normalize().getFileName().toString();
    } else if (destPath.endsWith("/")) {
      throw new CliException("Error response from daemon: Could not find the file " + destPath
          + " in container " + dst.container());
    } else {
      int slash = destPath.lastIndexOf('/');
      dir = slash <= 0 ? "/" : destPath.substring(0, slash);
      name = destPath.substring(slash + 1);
    }
    boolean contentsOnly = src.endsWith("/.") && Files.isDirectory(local);
    PipedInputStream in = new PipedInputStream(64 * 1024);
    PipedOutputStream pipe = new PipedOutputStream(in);
    long[] total = new long[1];
    IOException[] failure = new IOException[1];
    Thread writer = Thread.ofVirtual().start(() -> {
      try (pipe) {
        total[0] = TarFiles.write(local, contentsOnly ? "" : name, pipe, followLink);
      } catch (IOException e) {
        failure[0] = e;
      }
    });
    try {
      send(dst.container(), base.with("path", dir), in);
    } finally {
      in.close();
      try {
        writer.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (failure[0] != null) {
      throw new UncheckedIOException(failure[0]);
    }
    progress(total[0], dst.container() + ":" + dst.path());
  }

  private void send(String container, Query q, InputStream tar) {
    client().send(ApiRequest.of("PUT", archivePath(container)).query(q)
        .stream(tar, "application/x-tar")).bytes();
  }

  private JsonNode stat(String container, String path) {
    try (ApiResponse r = client().send(ApiRequest.of("HEAD", archivePath(container))
        .query(Query.of("path", path)))) {
      return decodeStat(r.header("x-docker-container-path-stat"));
    } catch (ApiException e) {
      if (e.notFound()) {
        return null;
      }
      throw e;
    }
  }

  private static JsonNode decodeStat(String header) {
    if (header == null || header.isEmpty()) {
      return null;
    }
    try {
      return Json.parse(new String(Base64.getDecoder().decode(header),
          StandardCharsets.UTF_8));
    } catch (java.io.UncheckedIOException | IllegalArgumentException e) {
      return null;
    }
  }

  private void progress(long bytes, String to) {
    if (!quiet && dev.berth.cli.terminal.Terminal.stderrIsTerminal()) {
      err().println("Successfully copied " + Units.humanSize3(bytes) + " to " + to);
    }
  }

  private static String baseName(String path) {
    String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1)
        : path;
    return p.substring(p.lastIndexOf('/') + 1);
  }
}
