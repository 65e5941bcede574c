package dev.berth.api;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.berth.api.http.HttpServer;
import dev.berth.api.http.ListenAddress;
import dev.berth.engine.ContainerEngine;
import dev.berth.image.ImageService;
import dev.berth.image.ImportOptions;
import dev.berth.image.Trees;
import dev.berth.network.NetworkOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * berthd in the test's JVM, serving its real route table on a private socket, with a busybox
 * image imported and its own default bridge device; {@link #close} removes every container,
 * network device, rule, mount and directory it made.
 */
public final class TestDaemon implements AutoCloseable {
  private static final Path TOP = Path.of(System.getProperty("berth.top", "."));
  public static final String DOCKER = "/usr/local/bin/docker";

  public ImageService images;
  public ContainerEngine engine;
  public final Path socket;
  public final Path execRoot;
  private final Path root;
  private final String bridge;
  private HttpServer server;

  /** What a command printed and how it ended. */
  public record Result(int code, String out, String err) {}

  private TestDaemon(Path root, Path execRoot, String bridge) throws Exception {
    this.root = root;
    this.execRoot = execRoot;
    this.bridge = bridge;
    this.socket = execRoot.resolve("b.sock");
    open();
  }

  private void open() throws Exception {
    images = ImageService.open(root);
    engine = ContainerEngine.open(root, execRoot, images,
        NetworkOptions.defaults().withBridge(bridge));
    server = HttpServer.start(Daemon.routes(images, engine, root),
        List.of(new ListenAddress.Unix(socket)), null);
  }

  /** A daemon stop and start with the containers left running (live restore). */
  public void restart() throws Exception {
    server.close();
    engine.close();
    images.close();
    open();
  }

  /** A daemon with root under {@code tmp} and the busybox image as {@code busybox}. */
  public static TestDaemon start(Path tmp) throws Exception {
    Path rootfs = tmp.resolve("busybox.tar");
    Process p = new ProcessBuilder(TOP.resolve("scripts/fixtures/busybox-rootfs.sh").toString(),
        rootfs.toString()).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IOException("busybox fixture failed");
    }
    Path root = tmp.resolve("root");
    try (ImageService images = ImageService.open(root);
        InputStream in = Files.newInputStream(rootfs)) {
      images.importImage(in, new ImportOptions("busybox", List.of("CMD [\"sh\"]"), null, null,
          "-"));
    }
    String hex = Long.toHexString(System.nanoTime()).substring(0, 6);
    Path execRoot = Files.createDirectory(Path.of("/run/bt" + hex));
    try {
      return new TestDaemon(root, execRoot, "bt" + hex);
    } catch (Exception | Error e) {
      Trees.deleteRecursively(execRoot); // a daemon that did not open leaves nothing either
      throw e;
    }
  }

  /** The real docker CLI against this daemon, stdin empty. */
  public Result docker(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(DOCKER, "-H", "unix://" + socket));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(
        Path.of("/dev/null").toFile())).start();
    var err = new java.util.concurrent.CompletableFuture<byte[]>();
    Thread.ofVirtual().start(() -> {
      try {
        err.complete(p.getErrorStream().readAllBytes());
      } catch (IOException e) {
        err.completeExceptionally(e);
      }
    });
    byte[] out = p.getInputStream().readAllBytes();
    return new Result(p.waitFor(), new String(out, UTF_8), new String(err.get(), UTF_8));
  }

  @Override
  public void close() throws Exception {
    server.close();
    for (var c : engine.list(true)) {
      engine.remove(c.id(), true);
    }
    for (var n : engine.networks().list()) {
      if (!n.predefined()) {
        engine.removeNetwork(n.id());
      }
    }
    // with no container left, closing takes down the bridges, their rules and netns/
    engine.close();
    images.close();
    Trees.deleteRecursively(execRoot);
  }
}
