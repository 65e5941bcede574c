package dev.berth.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.http.HttpServer;
import dev.berth.api.http.ListenAddress;
import dev.berth.api.http.Router;
import dev.berth.api.http.TlsFiles;
import dev.berth.engine.ContainerEngine;
import dev.berth.image.ImageService;
import dev.berth.image.ImportOptions;
import dev.berth.image.Trees;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real berthd in this JVM on a private socket (exec root {@code /run/bX<hex>}) with busybox
 * imported, and the berth CLI run against it as a child JVM so exit codes and stdio are real.
 * {@link #close()} removes every container, the stores and the directories.
 */
public final class Berthd implements AutoCloseable {
  public static final Path TOP = Path.of(System.getProperty("berth.top", "../"));
  public static final String DOCKER = "/usr/local/bin/docker";

  public final Path root;
  public final Path execRoot;
  public final Path socket;
  public final ImageService images;
  public final ContainerEngine engine;
  private final HttpServer server;
  private HttpServer tlsServer;

  /** What a CLI run gave back. */
  public record Result(int code, String out, String err) {}

  private Berthd(Path root, Path execRoot, ImageService images, ContainerEngine engine,
      HttpServer server) {
    this.root = root;
    this.execRoot = execRoot;
    this.socket = execRoot.resolve("b.sock");
    this.images = images;
    this.engine = engine;
    this.server = server;
  }

  public static Berthd start(Path tmp) throws Exception {
    Path rootfs = tmp.resolve("busybox.tar");
    Process p = new ProcessBuilder(TOP.resolve("scripts/fixtures/busybox-rootfs.sh").toString(),
        rootfs.toString()).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), UTF_8);
    assertThat(p.waitFor()).as(log).isZero();
    Path root = tmp.resolve("root");
    ImageService images = ImageService.open(root);
    Path execRoot = null;
    ContainerEngine engine = null;
    try {
      try (InputStream in = Files.newInputStream(rootfs)) {
        images.importImage(in, new ImportOptions("busybox", List.of("CMD [\"sh\"]"), null, null,
            "-"));
      }
      execRoot = Files.createDirectory(Path.of("/run/bX" + Long.toHexString(System.nanoTime())
          .substring(0, 6)));
      engine = ContainerEngine.open(root, execRoot, images);
      Router router = dev.berth.api.Daemon.routes(images, engine, root);
      HttpServer server = HttpServer.start(router,
          List.of(new ListenAddress.Unix(execRoot.resolve("b.sock"))), null);
      return new Berthd(root, execRoot, images, engine, server);
    } catch (Exception | Error e) {
      if (engine != null) {
        engine.close();
      }
      images.close();
      if (execRoot != null) {
        Trees.deleteRecursively(execRoot);
      }
      throw e;
    }
  }

  /** Also serves the API on TCP with TLS; returns the "tcp://127.0.0.1:port" address. */
  public String serveTls(TlsFiles tls) throws Exception {
    Router router = dev.berth.api.Daemon.routes(images, engine, root);
    tlsServer = HttpServer.start(router, List.of(ListenAddress.parse("tcp://127.0.0.1:0")), tls);
    return tlsServer.addresses().stream().filter(a -> a.startsWith("tcp://")).findFirst()
        .orElseThrow();
  }

  public String host() {
    return "unix://" + socket;
  }

  /** {@code berth -H <this daemon> args...}, stdin from /dev/null. */
  public Result berth(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("-H", host()));
    cmd.addAll(List.of(args));
    return run(javaCommand(cmd), null, Map.of());
  }

  /** {@code berth args...} with no -H: the caller's env or flags say where. */
  public static Result berthRaw(Map<String, String> env, String... args) throws Exception {
    return run(javaCommand(List.of(args)), null, env);
  }

  /** berth with bytes on stdin. */
  public Result berthWithInput(byte[] stdin, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("-H", host()));
    cmd.addAll(List.of(args));
    return run(javaCommand(cmd), stdin, Map.of());
  }

  /** The real docker CLI against the same daemon. */
  public Result docker(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(DOCKER, "-H", host()));
    cmd.addAll(List.of(args));
    return run(cmd, null, Map.of());
  }

  /** The command line that starts the CLI in a child JVM, as a shell would quote it. */
  public String shellCommand(String... args) {
    var sb = new StringBuilder();
    List<String> cmd = new ArrayList<>(List.of("-H", host()));
    cmd.addAll(List.of(args));
    for (String a : javaCommand(cmd)) {
      sb.append('\'').append(a.replace("'", "'\\''")).append("' ");
    }
    return sb.toString().trim();
  }

  public static List<String> javaCommand(List<String> args) {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED",
        "-cp", classPath(), "dev.berth.cli.Main"));
    cmd.addAll(args);
    return cmd;
  }

  private static String snapshot;

  /**
   * The test class path with this module's class directories copied once to a private place:
   * another build of the module rewriting target/classes mid-run must not pull classes out
   * from under the CLI processes.
   */
  private static synchronized String classPath() {
    if (snapshot == null) {
      List<String> parts = new ArrayList<>();
      try {
        Path copies = Files.createTempDirectory("berth-cli-cp");
        int i = 0;
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
          Path p = Path.of(e);
          if (Files.isDirectory(p)) {
            Path copy = copies.resolve(String.valueOf(i++));
            try (var walk = Files.walk(p)) {
              for (Path f : walk.toList()) {
                Path to = copy.resolve(p.relativize(f).toString());
                if (Files.isDirectory(f)) {
                  Files.createDirectories(to);
                } else {
                  Files.copy(f, to);
                }
              }
            }
            parts.add(copy.toString());
          } else {
            parts.add(e);
          }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            Trees.deleteRecursively(copies);
          } catch (Exception ignored) {
            // a temp dir left behind is harmless
          }
        }));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      snapshot = String.join(java.io.File.pathSeparator, parts);
    }
    return snapshot;
  }

  public static Result run(List<String> cmd, byte[] stdin, Map<String, String> env)
      throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().remove("BERTH_HOST");
    pb.environment().remove("DOCKER_HOST");
    pb.environment().putAll(env);
    if (stdin == null) {
      pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    }
    Process p = pb.start();
    try {
      if (stdin != null) {
        Thread.ofVirtual().start(() -> {
          try (var in = p.getOutputStream()) {
            in.write(stdin);
          } catch (java.io.IOException e) {
            // the CLI exited before reading it all
          }
        });
      }
      var err = new byte[1][];
      Thread t = Thread.ofVirtual().start(() -> {
        try {
          err[0] = p.getErrorStream().readAllBytes();
        } catch (java.io.IOException e) {
          err[0] = new byte[0];
        }
      });
      byte[] out = p.getInputStream().readAllBytes();
      t.join();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        throw new AssertionError("CLI did not exit: " + cmd);
      }
      return new Result(p.exitValue(), new String(out, UTF_8), new String(err[0], UTF_8));
    } finally {
      p.destroyForcibly();
    }
  }

  @Override
  public void close() throws Exception {
    // each step runs even when one before it failed, so nothing is left behind
    try {
      server.close();
    } finally {
      try {
        if (tlsServer != null) {
          tlsServer.close();
        }
      } finally {
        try {
          for (var c : engine.list(true)) {
            engine.remove(c.id(), true);
          }
        } finally {
          try {
            engine.close();
          } finally {
            try {
              images.close();
            } finally {
              Trees.deleteRecursively(execRoot);
            }
          }
        }
      }
    }
  }
}
