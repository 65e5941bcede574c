package dev.berth.api.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.api.http.HttpServer;
import dev.berth.api.http.ListenAddress;
import dev.berth.api.http.Router;
import dev.berth.engine.ContainerEngine;
import dev.berth.image.ImageService;
import dev.berth.image.ImportOptions;
import dev.berth.image.Trees;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * Testcontainers (over docker-java), unmodified, against berthd: a GenericContainer from a
 * local image is started, exec'd into, its logs read, a file copied in, and it is stopped and
 * removed. berthd serves the socket surefire's DOCKER_HOST names; Ryuk is off until published
 * ports exist.
 */
class TestcontainersTest {
  private static final Path TOP = Path.of(System.getProperty("berth.top", "."));
  private static final Path RUN = Path.of("/run/berth-tc");
  private static Path root;
  private static ImageService images;
  private static ContainerEngine engine;
  private static HttpServer server;

  @BeforeAll
  static void serve() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
    assumeTrue("unix:///run/berth-tc/b.sock".equals(System.getenv("DOCKER_HOST")),
        "run through surefire, which points DOCKER_HOST here");
    root = Files.createTempDirectory("berth-tc");
    Trees.deleteRecursively(RUN);
    Files.createDirectories(RUN);
    Path tar = root.resolve("busybox.tar");
    Process p = new ProcessBuilder(TOP.resolve("scripts/fixtures/busybox-rootfs.sh").toString(),
        tar.toString()).inheritIO().start();
    assertThat(p.waitFor()).isZero();
    images = ImageService.open(root.resolve("root"));
    try (InputStream in = Files.newInputStream(tar)) {
      images.importImage(in, new ImportOptions("berth-tc/busybox:1", List.of(), null, null, "-"));
    }
    // Testcontainers pulls its tiny helper image at start-up; nothing can be pulled here yet
    images.tag("berth-tc/busybox:1", "alpine:3.17");
    engine = ContainerEngine.open(root.resolve("root"), RUN, images);
    Router router = dev.berth.api.Daemon.routes(images, engine, root.resolve("root"));
    server = HttpServer.start(router, List.of(new ListenAddress.Unix(RUN.resolve("b.sock"))),
        null);
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (engine != null) {
      for (var c : engine.list(true)) {
        engine.remove(c.id(), true);
      }
      engine.close();
    }
    if (images != null) {
      images.close();
    }
    if (root != null) {
      Trees.deleteRecursively(root);
      Trees.deleteRecursively(RUN);
    }
  }

  @Test
  void aGenericContainerRunsExecsLogsCopiesAndGoes() throws Exception {
    String id;
    try (GenericContainer<?> c = new GenericContainer<>(
        DockerImageName.parse("berth-tc/busybox:1"))
        .withCommand("sh", "-c", "echo started; sleep 300")
        .withNetworkMode("none")) {
      c.start();
      id = c.getContainerId();
      var exec = c.execInContainer("sh", "-c", "echo hi from exec; exit 3");
      assertThat(exec.getStdout()).isEqualTo("hi from exec\n");
      assertThat(exec.getExitCode()).isEqualTo(3);
      assertThat(c.getLogs()).contains("started");
      c.copyFileToContainer(Transferable.of("copied in\n"), "/tmp/copied.txt");
      assertThat(c.execInContainer("cat", "/tmp/copied.txt").getStdout())
          .isEqualTo("copied in\n");
    }
    assertThat(engine.list(true)).extracting(x -> x.id()).doesNotContain(id);
  }

  @Test
  void anExposedPortIsReachableOnLocalhostAfterTheDefaultWaitStrategy() throws Exception {
    try (GenericContainer<?> c = new GenericContainer<>(
        DockerImageName.parse("berth-tc/busybox:1"))
        .withCommand("sh", "-c", "echo port-ok > /tmp/index.html; httpd -f -p 80 -h /tmp")
        .withExposedPorts(80)) {
      c.start();
      assertThat(c.getHost()).isEqualTo("localhost");
      try (java.net.Socket s = new java.net.Socket(c.getHost(), c.getMappedPort(80))) {
        s.setSoTimeout(5000);
        s.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes());
        assertThat(new String(s.getInputStream().readAllBytes())).contains("port-ok");
      }
    }
  }

  @Test
  void twoContainersOnANetworkReachEachOtherByAlias() throws Exception {
    try (org.testcontainers.containers.Network net =
            org.testcontainers.containers.Network.newNetwork();
        GenericContainer<?> server = new GenericContainer<>(
            DockerImageName.parse("berth-tc/busybox:1"))
            .withCommand("sh", "-c", "echo by-alias > /tmp/index.html; httpd -f -p 80 -h /tmp")
            .withNetwork(net).withNetworkAliases("server").withExposedPorts(80);
        GenericContainer<?> client = new GenericContainer<>(
            DockerImageName.parse("berth-tc/busybox:1"))
            .withCommand("sleep", "300").withNetwork(net)) {
      server.start();
      client.start();
      var fetched = client.execInContainer("wget", "-q", "-O-", "http://server/");
      assertThat(fetched.getStdout()).as(fetched.getStderr()).isEqualTo("by-alias\n");
    }
    assertThat(engine.networks().list()).extracting(n -> n.name())
        .containsExactlyInAnyOrder("bridge", "host", "none");
  }
}
