package dev.berth.api.network;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.api.TestDaemon;
import dev.berth.api.TestDaemon.Result;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docker CLI's network commands and {@code run -p} against berthd: bridges, published
 * ports reached from the host, names resolved between containers, and nothing left behind.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DockerCliNetworkTest {
  @TempDir Path tmp;
  private TestDaemon daemon;

  @BeforeEach
  void start() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
    assumeTrue(Files.isExecutable(Path.of(TestDaemon.DOCKER)), "needs the docker CLI");
    assumeTrue(Files.isExecutable(Path.of("/usr/lib/cni/bridge")), "needs the CNI plugins");
    daemon = TestDaemon.start(tmp);
  }

  @AfterEach
  void stop() throws Exception {
    if (daemon != null) {
      daemon.close();
    }
  }

  /** httpd forks once it listens; "ready" in the log says so. */
  private static final String SERVE = "httpd -p 80 -h %s && echo ready && exec sleep 600";

  private Result docker(String... args) throws Exception {
    return daemon.docker(args);
  }

  /** Until the container's log says "ready" (each look is a round trip, not a sleep). */
  private void awaitReady(String name) throws Exception {
    for (int i = 0; i < 200; i++) {
      Result logs = docker("logs", name);
      if (logs.out().contains("ready")) {
        return;
      }
      assertThat(docker("inspect", "-f", "{{.State.Running}}", name).out()).isEqualTo("true\n");
    }
    throw new AssertionError(name + " never got ready");
  }

  @Test
  void networkCommandsCreateListInspectAndRemove() throws Exception {
    Result create = docker("network", "create", "--subnet", "10.241.0.0/24", "--gateway",
        "10.241.0.254", "--label", "team=a", "front");
    assertThat(create.code()).as(create.err()).isZero();
    String id = create.out().trim();
    assertThat(id).hasSize(64);
    assertThat(docker("network", "ls", "--format", "{{.Name}} {{.Driver}}").out())
        .contains("bridge bridge", "host host", "none null", "front bridge");
    assertThat(docker("network", "ls", "-q", "--filter", "label=team=a").out())
        .isEqualTo(id.substring(0, 12) + "\n");
    assertThat(docker("network", "inspect", "-f",
        "{{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}} {{.Labels.team}}", "front").out())
        .isEqualTo("10.241.0.0/24 10.241.0.254 a\n");
    Result dup = docker("network", "create", "front");
    assertThat(dup.code()).isEqualTo(1);
    assertThat(dup.err()).contains("network with name front already exists");
    Result overlap = docker("network", "create", "--subnet", "10.241.0.0/25", "back");
    assertThat(overlap.err()).contains("Pool overlaps with other one on this address space");
    Result predefined = docker("network", "rm", "bridge");
    assertThat(predefined.err()).contains("bridge is a pre-defined network and cannot be"
        + " removed");
    assertThat(docker("network", "rm", "front").out()).isEqualTo("front\n");
    Result missing = docker("network", "inspect", "front");
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).contains("network front not found");
    assertThat(docker("network", "create", "unused").code()).isZero();
    Result prune = docker("network", "prune", "-f");
    assertThat(prune.out()).contains("Deleted Networks:", "unused");
    assertThat(docker("network", "ls", "-q").out().lines()).hasSize(3);
  }

  @Test
  void publishedPortsAreReachableFromTheHostAndShownEverywhere() throws Exception {
    Path www = Files.createDirectories(tmp.resolve("www"));
    Files.writeString(www.resolve("index.html"), "hello through a port\n");
    int port = freePort();
    Result run = docker("run", "-d", "--name", "web", "-p", port + ":80", "-p", "127.0.0.1::81",
        "-v", www + ":/www:ro", "busybox", "sh", "-c", SERVE.formatted("/www"));
    assertThat(run.code()).as(run.err()).isZero();
    awaitReady("web");
    assertThat(get("127.0.0.1", port)).contains("hello through a port");
    assertThat(docker("port", "web", "80").out()).isEqualTo("0.0.0.0:" + port + "\n");
    String eph = docker("port", "web", "81/tcp").out().trim();
    assertThat(eph).startsWith("127.0.0.1:");
    assertThat(docker("ps", "--format", "{{.Ports}}").out())
        .contains("0.0.0.0:" + port + "->80/tcp", eph + "->81/tcp");
    assertThat(docker("inspect", "-f", "{{(index (index .NetworkSettings.Ports \"80/tcp\") 0)"
        + ".HostPort}} {{.NetworkSettings.IPAddress}}", "web").out())
        .matches(port + " \\d+\\.\\d+\\.\\d+\\.\\d+\n");

    // the port is taken: a second container is refused with Docker's message
    Result clash = docker("run", "-d", "--name", "clash", "-p", port + ":80", "busybox",
        "sleep", "60");
    assertThat(clash.code()).isEqualTo(125);
    assertThat(clash.err()).contains("Bind for 0.0.0.0:" + port + " failed: port is already"
        + " allocated");
    // and so is a port another program listens on
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("0.0.0.0", 0));
      Result busy = docker("run", "-d", "-p", taken.getLocalPort() + ":80", "busybox", "true");
      assertThat(busy.err()).contains("address already in use");
    }

    // -P publishes every exposed port on an ephemeral one; UDP ports are held too
    int udp = freePort();
    Result all = docker("run", "-d", "--name", "many", "--expose", "90", "-P", "-p",
        udp + ":53/udp", "busybox", "sleep", "300");
    assertThat(all.code()).as(all.err()).isZero();
    assertThat(docker("port", "many", "90").out()).matches("0\\.0\\.0\\.0:\\d+\n");
    assertThat(docker("port", "many", "53/udp").out()).isEqualTo("0.0.0.0:" + udp + "\n");
    assertThatThrownBy(() -> {
      try (java.net.DatagramSocket taken = new java.net.DatagramSocket(udp)) {
        taken.getLocalPort();
      }
    }).isInstanceOf(java.net.SocketException.class);
    assertThat(docker("rm", "-f", "many").code()).isZero();

    // removed: the port is free again at once
    assertThat(docker("rm", "-f", "web").code()).isZero();
    try (ServerSocket again = new ServerSocket(port)) {
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void containersOnAUserNetworkFindEachOtherByNameAndAlias() throws Exception {
    assertThat(docker("network", "create", "app").code()).isZero();
    Result web = docker("run", "-d", "--name", "web", "--network", "app", "--network-alias",
        "www", "busybox", "sh", "-c", SERVE.formatted("/etc"));
    assertThat(web.code()).as(web.err()).isZero();
    awaitReady("web");
    Result client = docker("run", "--rm", "--network", "app", "busybox", "sh", "-c",
        "wget -q -O- http://web/hostname; wget -q -O- http://www/hostname;"
            + " nslookup web | grep -c Address; cat /etc/resolv.conf");
    String webId = web.out().trim().substring(0, 12);
    assertThat(client.out()).startsWith(webId + "\n" + webId + "\n");
    assertThat(client.out()).contains("nameserver ");
    assertThat(docker("network", "inspect", "-f", "{{range .Containers}}{{.Name}}{{end}}",
        "app").out()).isEqualTo("web\n");
    assertThat(docker("ps", "--filter", "network=app", "--format", "{{.Names}} {{.Networks}}")
        .out()).isEqualTo("web app\n");
    Result rmBusy = docker("network", "rm", "app");
    assertThat(rmBusy.err()).contains("has active endpoints");

    // connect a container on the default bridge to app as well, then take it off again
    assertThat(docker("run", "-d", "--name", "other", "busybox", "sleep", "300").code())
        .isZero();
    assertThat(docker("network", "connect", "--alias", "extra", "app", "other").code()).isZero();
    assertThat(docker("exec", "other", "ip", "-o", "-4", "addr", "show", "eth1").out())
        .contains("inet ");
    assertThat(docker("exec", "web", "wget", "-q", "-O-", "http://extra:1/").err())
        .doesNotContain("bad address");
    assertThat(docker("network", "disconnect", "app", "other").code()).isZero();
    assertThat(docker("exec", "other", "ip", "-o", "-4", "addr", "show", "eth1").code())
        .isNotZero();

    // --network container: shares the namespace
    Result shared = docker("run", "--rm", "--network", "container:web", "busybox", "wget",
        "-q", "-O-", "http://127.0.0.1/hostname");
    assertThat(shared.out()).isEqualTo(webId + "\n");
    assertThat(docker("rm", "-f", "web", "other").code()).isZero();
    assertThat(docker("network", "rm", "app").code()).isZero();
    try (var left = Files.list(daemon.execRoot.resolve("netns"))) {
      // spare namespaces made ahead for the next containers, and nothing else
      assertThat(left.map(f -> f.getFileName().toString())).allMatch(f -> f.startsWith(
          ".spare-") || f.startsWith(".warm-"));
    }
  }

  @Test
  void runningContainersKeepPortsAndNamesThroughADaemonRestart() throws Exception {
    Path www = Files.createDirectories(tmp.resolve("www"));
    Files.writeString(www.resolve("index.html"), "still here\n");
    int port = freePort();
    assertThat(docker("network", "create", "--internal", "inner").code()).isZero();
    assertThat(docker("network", "create", "live").code()).isZero();
    Result run = docker("run", "-d", "--name", "keeper", "--network", "live", "-p",
        port + ":80", "-v", www + ":/www:ro", "busybox", "sh", "-c", SERVE.formatted("/www"));
    assertThat(run.code()).as(run.err()).isZero();
    awaitReady("keeper");
    daemon.restart();
    assertThat(get("127.0.0.1", port)).contains("still here");
    Result byName = docker("run", "--rm", "--network", "live", "busybox", "wget", "-q", "-O-",
        "http://keeper/");
    assertThat(byName.out()).isEqualTo("still here\n");
    // the port is held again: another container cannot take it
    assertThat(docker("run", "-d", "-p", port + ":80", "busybox", "true").err())
        .contains("port is already allocated");
    // an internal network has no way out: no default route
    Result inner = docker("run", "--rm", "--network", "inner", "busybox", "ip", "route");
    assertThat(inner.out()).doesNotContain("default").contains("dev eth0");
    assertThat(docker("rm", "-f", "keeper").code()).isZero();
    try (ServerSocket again = new ServerSocket(port)) {
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void composeBringsUpAWebServiceAndAClientThatFindsItByName() throws Exception {
    Path compose = Path.of("/usr/bin/docker-compose");
    assumeTrue(Files.isExecutable(compose), "needs docker-compose");
    Path project = Files.createDirectories(tmp.resolve("shop"));
    Files.writeString(project.resolve("docker-compose.yml"), """
        version: "3.8"
        services:
          web:
            image: busybox
            command: sh -c "echo served-from-a-volume > /site/index.html && httpd -f -p 80 -h /site"
            volumes: [site:/site]
          client:
            image: busybox
            depends_on: [web]
            command: sh -c "until wget -q -O- http://web/; do sleep 0.1; done"
        volumes:
          site: {}
        """);
    ProcessBuilder up = new ProcessBuilder(compose.toString(), "up", "--exit-code-from",
        "client").directory(project.toFile()).redirectErrorStream(true);
    up.environment().put("DOCKER_HOST", "unix://" + daemon.socket);
    Process p = up.start();
    String log = new String(p.getInputStream().readAllBytes(), UTF_8);
    assertThat(p.waitFor()).as(log).isZero();
    assertThat(log).contains("served-from-a-volume");
    assertThat(docker("network", "ls", "--format", "{{.Name}}").out()).contains("shop_default");
    // a changed service is recreated: compose reads the image's ContainerConfig for that
    Files.writeString(project.resolve("docker-compose.yml"), Files.readString(
        project.resolve("docker-compose.yml")).replace("    volumes: [site:/site]",
            "    volumes: [site:/site]\n    environment: [CHANGED=1]"));
    ProcessBuilder again = new ProcessBuilder(compose.toString(), "up", "-d", "web")
        .directory(project.toFile()).redirectErrorStream(true);
    again.environment().put("DOCKER_HOST", "unix://" + daemon.socket);
    Process a = again.start();
    String againLog = new String(a.getInputStream().readAllBytes(), UTF_8);
    assertThat(a.waitFor()).as(againLog).isZero();
    assertThat(docker("inspect", "-f", "{{.State.Running}} {{.Config.Env}}", "shop_web_1")
        .out()).startsWith("true ").contains("CHANGED=1");
    ProcessBuilder down = new ProcessBuilder(compose.toString(), "down", "-v")
        .directory(project.toFile()).redirectErrorStream(true);
    down.environment().put("DOCKER_HOST", "unix://" + daemon.socket);
    Process d = down.start();
    String downLog = new String(d.getInputStream().readAllBytes(), UTF_8);
    assertThat(d.waitFor()).as(downLog).isZero();
    assertThat(docker("ps", "-aq").out()).isEmpty();
    assertThat(docker("volume", "ls", "-q").out()).isEmpty();
    assertThat(docker("network", "ls", "--format", "{{.Name}}").out().lines())
        .containsExactlyInAnyOrder("bridge", "host", "none");
  }

  @Test
  void theDefaultBridgeGivesAnAddressARouteAndHostsEntries() throws Exception {
    Result r = docker("run", "--rm", "--add-host", "db.local:10.1.2.3", "--hostname", "box",
        "--dns", "10.9.9.9", "--dns-search", "example.test", "--dns-option", "ndots:2",
        "busybox", "sh", "-c", "ip -4 -o addr show eth0; ip route; cat /etc/hosts;"
            + " cat /etc/resolv.conf");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("default via ", "10.1.2.3\tdb.local").containsPattern(
        "\\d+\\.\\d+\\.\\d+\\.\\d+\tbox\n");
    assertThat(r.out()).contains("nameserver 10.9.9.9\nsearch example.test\noptions ndots:2\n");
    Result none = docker("run", "--rm", "--network", "none", "busybox", "ip", "-o", "link");
    assertThat(none.out().lines()).hasSize(1);
    // through the API: on a 404 the docker CLI would go and pull the image from Docker Hub
    Process create = new ProcessBuilder("curl", "-s", "-w", " %{http_code}", "--unix-socket",
        daemon.socket.toString(), "-H", "Content-Type: application/json", "-d",
        "{\"Image\": \"busybox\", \"HostConfig\": {\"NetworkMode\": \"nosuch\"}}",
        "http://localhost/v1.44/containers/create").start();
    String reply = new String(create.getInputStream().readAllBytes(), UTF_8);
    create.waitFor();
    assertThat(reply).isEqualTo("{\"message\":\"network nosuch not found\"} 404");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static String get(String host, int port) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 3000);
      s.setSoTimeout(5000);
      s.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(UTF_8));
      return new String(s.getInputStream().readAllBytes(), UTF_8);
    }
  }
}
