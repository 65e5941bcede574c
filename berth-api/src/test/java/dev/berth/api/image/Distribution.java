package dev.berth.api.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's docker-registry (distribution 2.8) on a free loopback port, storage under {@code dir},
 * optionally behind htpasswd with user dave / pw1. {@link #close} stops it.
 */
final class Distribution implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/bin/docker-registry");
  final String host;
  private final Process process;
  private final Path log;

  Distribution(Path dir, boolean htpasswd) throws Exception {
    Files.createDirectories(dir);
    String auth = "";
    if (htpasswd) {
      Path users = dir.resolve("htpasswd");
      Process h = new ProcessBuilder("htpasswd", "-Bbn", "dave", "pw1").start();
      Files.write(users, h.getInputStream().readAllBytes());
      assertThat(h.waitFor()).isZero();
      auth = """
          auth:
            htpasswd:
              realm: berth-test
              path: %s
          """.formatted(users);
    }
    int port;
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      port = s.getLocalPort();
    }
    host = "127.0.0.1:" + port;
    Path yml = dir.resolve("config.yml");
    Files.writeString(yml, """
        version: 0.1
        log:
          level: error
        storage:
          filesystem:
            rootdirectory: %s
        http:
          addr: %s
        """.formatted(dir.resolve("data"), host) + auth);
    log = dir.resolve("registry.log");
    process = new ProcessBuilder(BINARY.toString(), "serve", yml.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      awaitPort(port);
    } catch (Exception e) {
      close();
      throw e;
    }
  }

  private void awaitPort(int port) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        return;
      } catch (IOException e) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new IOException("docker-registry did not start: " + Files.readString(log), e);
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
  }
}
