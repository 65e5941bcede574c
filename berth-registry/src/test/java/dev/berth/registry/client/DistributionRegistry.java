package dev.berth.registry.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's {@code docker-registry} (distribution 2.8) on a free loopback port with filesystem
 * storage in a temp dir, optionally behind htpasswd Basic auth. {@link #close} stops it and
 * deletes the directory.
 */
final class DistributionRegistry implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/bin/docker-registry");
  final Path dir;
  final int port;
  private final Process process;

  /** {@code htpasswd}: a file of bcrypt users, or null for no auth. */
  DistributionRegistry(Path htpasswd) throws Exception {
    dir = Files.createTempDirectory("berth-distribution");
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      port = s.getLocalPort();
    }
    String config = """
        version: 0.1
        log:
          level: error
        storage:
          filesystem:
            rootdirectory: %s
          delete:
            enabled: true
        http:
          addr: 127.0.0.1:%d
        """.formatted(dir.resolve("data"), port);
    if (htpasswd != null) {
      config += """
          auth:
            htpasswd:
              realm: berth-test
              path: %s
          """.formatted(htpasswd);
    }
    Path yml = dir.resolve("config.yml");
    Files.writeString(yml, config);
    process = new ProcessBuilder(BINARY.toString(), "serve", yml.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
    try {
      awaitListening();
    } catch (Exception e) {
      close();
      throw e;
    }
  }

  String host() {
    return "127.0.0.1:" + port;
  }

  /** Connects until the port answers; the process dying first is a failure with its log. */
  private void awaitListening() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        return;
      } catch (IOException e) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new IOException("docker-registry did not start: "
              + Files.readString(dir.resolve("log")), e);
        }
        process.waitFor(50, TimeUnit.MILLISECONDS);
      }
    }
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
