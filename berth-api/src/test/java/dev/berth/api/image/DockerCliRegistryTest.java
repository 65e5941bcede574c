package dev.berth.api.image;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.api.TestDaemon;
import dev.berth.registry.server.Registry;
import dev.berth.registry.server.RegistryConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real docker CLI (v28) against berthd pulling from and pushing to registries on loopback:
 * Berth's own registry in-process, and Debian's docker-registry (distribution 2.8) with htpasswd
 * behind {@code docker login}. The pulled image runs.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DockerCliRegistryTest {
  private static final Path DISTRIBUTION = Path.of("/usr/bin/docker-registry");
  @TempDir Path tmp;
  private TestDaemon daemon;
  private Path dockerConfig;

  record Result(int code, String out, String err) {}

  @BeforeEach
  void start() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
    assumeTrue(Files.isExecutable(Path.of(TestDaemon.DOCKER)), "needs the docker CLI");
    daemon = TestDaemon.start(tmp);
    dockerConfig = Files.createDirectory(tmp.resolve("docker-config"));
  }

  @AfterEach
  void stop() throws Exception {
    if (daemon != null) {
      daemon.close();
    }
  }

  /** The docker CLI with its own config dir (where login keeps credentials) and stdin. */
  private Result docker(String stdin, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(TestDaemon.DOCKER, "-H", "unix://"
        + daemon.socket));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("DOCKER_CONFIG", dockerConfig.toString());
    Process p = pb.start();
    try (var in = p.getOutputStream()) {
      in.write(stdin.getBytes(UTF_8));
    }
    CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
      try {
        return p.getErrorStream().readAllBytes();
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    });
    byte[] out = p.getInputStream().readAllBytes();
    return new Result(p.waitFor(), new String(out, UTF_8), new String(err.get(), UTF_8));
  }

  @Test
  void pushPullAndRunThroughBerthsRegistry() throws Exception {
    try (Registry registry = Registry.start(RegistryConfig.defaults(tmp.resolve("registry")))) {
      String name = "localhost:" + registry.port() + "/team/busybox:1";
      assertThat(docker("", "tag", "busybox", name).code()).isZero();
      Result push = docker("", "push", name);
      assertThat(push.code()).as(push.err()).isZero();
      assertThat(push.out()).contains("The push refers to repository [localhost:"
          + registry.port() + "/team/busybox]").contains("Pushed")
          .containsPattern("1: digest: sha256:[0-9a-f]{64} size: \\d+");
      Result again = docker("", "push", name);
      assertThat(again.out()).contains("Layer already exists");

      assertThat(docker("", "rmi", name).code()).isZero();
      Result pull = docker("", "pull", name);
      assertThat(pull.code()).as(pull.err()).isZero();
      assertThat(pull.out()).contains("1: Pulling from team/busybox")
          .containsPattern("Digest: sha256:[0-9a-f]{64}")
          .contains("Status: Downloaded newer image for " + name)
          .endsWith(name + "\n");
      Result upToDate = docker("", "pull", name);
      assertThat(upToDate.out()).contains("Status: Image is up to date for " + name);
      Result run = docker("", "run", "--rm", "--network", "none", name, "echo", "pulled runs");
      assertThat(run.code()).as(run.err()).isZero();
      assertThat(run.out()).isEqualTo("pulled runs\n");
      Result images = docker("", "images", "--digests", "--format",
          "{{.Repository}}:{{.Tag}} {{.Digest}}");
      assertThat(images.out()).containsPattern("localhost:" + registry.port()
          + "/team/busybox:1 sha256:[0-9a-f]{64}");

      // -a: every tag of the repository
      String other = "localhost:" + registry.port() + "/team/busybox:2";
      assertThat(docker("", "tag", "busybox", other).code()).isZero();
      assertThat(docker("", "push", other).code()).isZero();
      assertThat(docker("", "rmi", name, other).code()).isZero();
      Result all = docker("", "pull", "-a", "localhost:" + registry.port() + "/team/busybox");
      assertThat(all.code()).as(all.err()).isZero();
      assertThat(all.out()).contains("1: Pulling from team/busybox", "2: Pulling from team/busybox");
      assertThat(docker("", "image", "inspect", name, other).code()).isZero();

      Result missing = docker("", "pull", "localhost:" + registry.port() + "/no/such:tag");
      assertThat(missing.code()).isNotZero();
      assertThat(missing.err()).contains("manifest unknown");
    }
  }

  @Test
  void loginPushAndPullWithDistributionAndHtpasswd() throws Exception {
    assumeTrue(Files.isExecutable(DISTRIBUTION), "needs docker-registry");
    Path users = tmp.resolve("htpasswd");
    Process h = new ProcessBuilder("htpasswd", "-Bbn", "dave", "pw1").start();
    Files.write(users, h.getInputStream().readAllBytes());
    assertThat(h.waitFor()).isZero();
    int port;
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      port = s.getLocalPort();
    }
    Path yml = tmp.resolve("config.yml");
    Files.writeString(yml, """
        version: 0.1
        log:
          level: error
        storage:
          filesystem:
            rootdirectory: %s
        http:
          addr: 127.0.0.1:%d
        auth:
          htpasswd:
            realm: berth-test
            path: %s
        """.formatted(tmp.resolve("distribution"), port, users));
    Process registry = new ProcessBuilder(DISTRIBUTION.toString(), "serve", yml.toString())
        .redirectErrorStream(true).redirectOutput(tmp.resolve("registry.log").toFile()).start();
    try {
      awaitPort(registry, port);
      String host = "127.0.0.1:" + port;
      Result refused = docker("bad", "login", host, "-u", "dave", "--password-stdin");
      assertThat(refused.code()).isNotZero();
      assertThat(refused.err()).contains("401");
      String name = host + "/dave/busybox:v1";
      assertThat(docker("", "tag", "busybox", name).code()).isZero();
      Result anonymous = docker("", "push", name);
      assertThat(anonymous.code()).isNotZero();

      Result login = docker("pw1", "login", host, "-u", "dave", "--password-stdin");
      assertThat(login.code()).as(login.err()).isZero();
      assertThat(login.out()).contains("Login Succeeded");
      Result push = docker("", "push", name);
      assertThat(push.code()).as(push.err()).isZero();
      assertThat(push.out()).containsPattern("v1: digest: sha256:[0-9a-f]{64} size: \\d+");
      assertThat(docker("", "rmi", name).code()).isZero();
      Result pull = docker("", "pull", name);
      assertThat(pull.code()).as(pull.err()).isZero();
      assertThat(pull.out()).contains("Status: Downloaded newer image for " + name);
      Result run = docker("", "run", "--rm", "--network", "none", name, "echo", "ok");
      assertThat(run.out()).isEqualTo("ok\n");
      assertThat(docker("", "logout", host).code()).isZero();
    } finally {
      registry.destroy();
      if (!registry.waitFor(10, TimeUnit.SECONDS)) {
        registry.destroyForcibly().waitFor();
      }
    }
  }

  /** Connects until the registry answers; its dying first fails with its log. */
  private void awaitPort(Process p, int port) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        return;
      } catch (IOException e) {
        if (!p.isAlive() || System.nanoTime() > deadline) {
          throw new IOException("docker-registry did not start: "
              + Files.readString(tmp.resolve("registry.log")), e);
        }
        p.waitFor(50, TimeUnit.MILLISECONDS);
      }
    }
  }
}
