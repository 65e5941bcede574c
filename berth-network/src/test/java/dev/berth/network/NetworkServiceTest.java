package dev.berth.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.error.BerthException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Real namespaces, bridges, CNI plugins and iptables rules: attach two sandboxes to a user
 * network, publish a port, resolve names through the embedded DNS, and leave nothing behind.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NetworkServiceTest {
  @TempDir Path tmp;
  private Path execRoot;
  private NetworkService service;
  private DatagramSocket upstream;
  /** Command lines of daemons the test started, killed at the end. */
  private final List<String> daemons = new ArrayList<>();

  @BeforeEach
  void open() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
    assumeTrue(Files.isExecutable(Path.of("/usr/lib/cni/bridge")), "needs the CNI plugins");
    execRoot = Files.createDirectory(Path.of("/run/bn" + Long.toHexString(System.nanoTime())
        .substring(0, 6)));
    upstream = fakeUpstream();
    service = NetworkService.open(tmp, execRoot, NetworkOptions.defaults()
        .withBridge("bn" + execRoot.getFileName().toString().substring(2))
        .withDns(List.of(new InetSocketAddress("127.0.0.1", upstream.getLocalPort())), 53));
  }

  @AfterEach
  void close() throws Exception {
    for (String d : daemons) {
      new ProcessBuilder("pkill", "-f", d).start().waitFor();
    }
    if (service != null) {
      for (Network n : service.list()) {
        for (Endpoint ep : service.endpointsOn(n.id())) {
          service.detach(ep);
        }
      }
      service.reconcile(Set.of());
      for (Network n : service.list()) {
        if (!n.predefined()) {
          service.remove(n.id());
        }
      }
      String bridge = service.find("bridge").bridge();
      service.close();
      new ProcessBuilder("ip", "link", "delete", bridge).start().waitFor();
    }
    if (upstream != null) {
      upstream.close();
    }
    if (execRoot != null) {
      new ProcessBuilder("umount", "-l", execRoot.resolve("netns").toString()).start()
          .waitFor();
      try (Stream<Path> walk = Files.walk(execRoot)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void predefinedNetworksAlwaysExistAndCannotBeRemoved() {
    assertThat(service.list()).extracting(Network::name)
        .containsExactlyInAnyOrder("bridge", "host", "none");
    Network bridge = service.find("bridge");
    assertThat(bridge.cidr().overlaps(Cidr.parse("172.17.0.0/16"))).isFalse();
    assertThatThrownBy(() -> service.remove("bridge"))
        .hasMessage("bridge is a pre-defined network and cannot be removed");
    assertThatThrownBy(() -> service.find("nope")).hasMessage("network nope not found");
  }

  @Test
  void createValidatesAndRefusesDuplicatesAndOverlaps() {
    Network a = service.create(new NetworkCreate("alpha", null, "10.231.0.0/24", null, null,
        false, false, null, null));
    assertThat(a.gateway()).isEqualTo("10.231.0.1");
    assertThat(a.bridge()).isEqualTo("br-" + a.id().substring(0, 12));
    assertThat(service.find(a.id().substring(0, 5)).name()).isEqualTo("alpha");
    assertThatThrownBy(() -> service.create(NetworkCreate.named("alpha")))
        .hasMessage("network with name alpha already exists");
    assertThatThrownBy(() -> service.create(new NetworkCreate("beta", null, "10.231.0.128/25",
        null, null, false, false, null, null)))
        .hasMessage("Pool overlaps with other one on this address space");
    assertThatThrownBy(() -> service.create(NetworkCreate.named("bad name!")))
        .isInstanceOf(BerthException.class).hasMessageContaining("bad name!");
    assertThatThrownBy(() -> service.create(new NetworkCreate("gamma", null, "10.232.0.0/24",
        "10.9.9.9", null, false, false, null, null)))
        .hasMessage("no matching subnet for gateway 10.9.9.9");
    Network auto = service.create(NetworkCreate.named("auto"));
    assertThat(auto.cidr().overlaps(a.cidr())).isFalse();
    assertThat(auto.cidr().overlaps(service.find("bridge").cidr())).isFalse();
  }

  @Test
  void containersOnAUserNetworkReachEachOtherByNameAndThroughPublishedPorts() throws Exception {
    Network net = service.create(new NetworkCreate("app", null, "10.233.0.0/24", null, null,
        false, false, null, null));
    Path ns1 = service.createSandbox("c1aaaaaaaaaa");
    Path ns2 = service.createSandbox("c2bbbbbbbbbb");
    int hostPort = freePort();
    Endpoint web = service.attach("c1aaaaaaaaaa", "web", ns1, net, new EndpointRequest("eth0",
        "10.233.0.50", List.of(new PortMapping("", hostPort, 80, "tcp"))),
        List.of("web", "www", "c1aaaaaaaaaa"));
    Endpoint client = service.attach("c2bbbbbbbbbb", "client", ns2, net,
        new EndpointRequest("eth0", null, List.of()), List.of("client"));
    assertThat(web.ipv4Address()).isEqualTo("10.233.0.50");
    assertThat(web.prefixLength()).isEqualTo(24);
    assertThat(web.gateway()).isEqualTo("10.233.0.1");
    assertThat(web.macAddress()).matches("([0-9a-f]{2}:){5}[0-9a-f]{2}");
    assertThat(client.ipv4Address()).startsWith("10.233.0.");

    assertThat(inNs(ns1, "ip", "-4", "-o", "addr", "show", "eth0")).contains("10.233.0.50/24");
    assertThat(inNs(ns1, "ip", "-o", "link", "show", "lo")).contains("UP");
    assertThat(inNs(ns2, "ip", "route")).contains("default via 10.233.0.1");

    // a server in the first namespace, reached from the host through the published port and
    // from the second namespace directly
    Path www = Files.createDirectories(tmp.resolve("www"));
    Files.writeString(www.resolve("index.html"), "hello from web\n");
    // without -f, httpd forks once its socket listens: when nsenter returns, it serves
    inNs(ns1, "busybox", "httpd", "-p", "80", "-h", www.toString());
    daemons.add("httpd -p 80 -h " + www);
    assertThat(fetch(ns2, "http://10.233.0.50/")).isEqualTo("hello from web\n");
    assertThat(fetchFromHost("127.0.0.1", hostPort)).contains("hello from web");

    // the port is held: neither another endpoint nor another program can take it
    assertThatThrownBy(() -> service.attach("c3cccccccccc", "other", ns2, net,
        new EndpointRequest("eth1", null, List.of(new PortMapping("", hostPort, 81, "tcp"))),
        List.of()))
        .hasMessageContaining("Bind for 0.0.0.0:" + hostPort + " failed: port is already"
            + " allocated");
    assertThatThrownBy(() -> {
      try (ServerSocket s = new ServerSocket(hostPort)) {
        s.getLocalPort();
      }
    }).isInstanceOf(IOException.class);

    // names on the network answer with addresses; other names go to the upstream
    assertThat(resolve(net.gateway(), "web")).containsExactly("10.233.0.50");
    assertThat(resolve(net.gateway(), "WWW.")).containsExactly("10.233.0.50");
    assertThat(resolve(net.gateway(), "c1aaaaaaaaaa")).containsExactly("10.233.0.50");
    assertThat(resolve(net.gateway(), "client")).containsExactly(client.ipv4Address());
    assertThat(resolve(net.gateway(), "elsewhere.example")).containsExactly("192.0.2.99");

    // down again: no rule, address, port or name is left
    service.detach(web);
    service.detach(client);
    assertThat(iptablesRules()).doesNotContain(web.id()).doesNotContain(client.id())
        .contains("-A BERTH-FORWARD -i " + net.bridge() + " -j ACCEPT");
    assertThat(resolve(net.gateway(), "web")).containsExactly("192.0.2.99");
    try (ServerSocket s = new ServerSocket(hostPort)) {
      assertThat(s.getLocalPort()).isEqualTo(hostPort);
    }
    try (Stream<Path> ips = Files.list(tmp.resolve("network/ipam/" + net.id()))) {
      assertThat(ips.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("10."));
    }
    service.removeSandbox("c1aaaaaaaaaa");
    service.removeSandbox("c2bbbbbbbbbb");
    assertThat(ns1).doesNotExist();
    service.remove("app");
    assertThat(Path.of("/sys/class/net", net.bridge())).doesNotExist();
    assertThat(iptablesRules()).doesNotContain(net.bridge()).doesNotContain(net.subnet())
        // the last network's rules gone, Berth's chains and the jumps to them go too
        .doesNotContain("BERTH-FORWARD").doesNotContain("BERTH-POSTROUTING");
  }

  @Test
  void aNetworkWithARunningEndpointCannotBeRemoved() {
    Network net = service.create(new NetworkCreate("busy", null, "10.234.0.0/24", null, null,
        false, false, null, null));
    Path ns = service.createSandbox("c4dddddddddd");
    service.attach("c4dddddddddd", "x", ns, net, new EndpointRequest("eth0", null, List.of()),
        List.of("x"));
    assertThatThrownBy(() -> service.remove("busy")).hasMessage("error while removing network:"
        + " network busy id " + net.id() + " has active endpoints");
  }

  @Test
  void reconcileTakesDownEndpointsOfContainersThatAreGone() throws Exception {
    Network net = service.create(new NetworkCreate("gone", null, "10.235.0.0/24", null, null,
        false, false, null, null));
    Path ns = service.createSandbox("c5eeeeeeeeee");
    int port = freePort();
    Endpoint ep = service.attach("c5eeeeeeeeee", "x", ns, net, new EndpointRequest("eth0", null,
        List.of(new PortMapping("127.0.0.1", port, 80, "tcp"))), List.of("x"));
    service.close();
    // a new daemon: the container did not survive
    service = NetworkService.open(tmp, execRoot, NetworkOptions.defaults()
        .withBridge("bn" + execRoot.getFileName().toString().substring(2))
        .withDns(List.of(new InetSocketAddress("127.0.0.1", upstream.getLocalPort())), 53));
    service.reconcile(Set.of());
    assertThat(service.endpointsOn(net.id())).isEmpty();
    assertThat(ns).doesNotExist();
    assertThat(iptablesRules()).doesNotContain(ep.id());
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", port));
    }
  }

  @Test
  void releaseFreesPortsAndNamesAtOnceAndTheAddressSoonAfter() throws Exception {
    Network net = service.create(new NetworkCreate("rel", null, "10.238.0.0/24", null, null,
        false, false, null, null));
    Path ns = service.createSandbox("c6ffffffffff");
    int port = freePort();
    Endpoint ep = service.attach("c6ffffffffff", "rel1", ns, net, new EndpointRequest("eth0",
        "10.238.0.9", List.of(new PortMapping("", port, 80, "tcp"))), List.of("rel1"));
    service.release("c6ffffffffff");
    assertThat(service.endpointsOf("c6ffffffffff")).isEmpty();
    assertThat(ns).doesNotExist();
    assertThat(iptablesRules()).doesNotContain(ep.id());
    try (ServerSocket s = new ServerSocket(port)) {
      assertThat(s.getLocalPort()).isEqualTo(port);
    }
    // the same fixed address is free again once the background release is done: closing the
    // service waits for it
    service.close();
    service = NetworkService.open(tmp, execRoot, NetworkOptions.defaults()
        .withBridge("bn" + execRoot.getFileName().toString().substring(2))
        .withDns(List.of(new InetSocketAddress("127.0.0.1", upstream.getLocalPort())), 53));
    Path again = service.createSandbox("c6ffffffffff");
    Endpoint second = service.attach("c6ffffffffff", "rel1", again, net,
        new EndpointRequest("eth0", "10.238.0.9", List.of()), List.of("rel1"));
    assertThat(second.ipv4Address()).isEqualTo("10.238.0.9");
  }

  @Test
  void warmEndpointsOnTheDefaultBridgeAreHandedToContainersAndReleasedAtClose() throws Exception {
    Network bridge = service.find("bridge");
    assertThat(service.takeWarm("c7aaaaaaaaaa", bridge)).isNull(); // none yet: asks for some
    service.settleWarm();
    Endpoint ep = service.takeWarm("c7aaaaaaaaaa", bridge);
    assertThat(ep).isNotNull();
    assertThat(ep.containerId()).isEqualTo("c7aaaaaaaaaa");
    assertThat(service.endpointsOf("c7aaaaaaaaaa")).containsExactly(ep);
    Path ns = service.sandboxPath("c7aaaaaaaaaa");
    assertThat(inNs(ns, "ip", "-4", "-o", "addr", "show", "eth0")).contains(ep.ipv4Address());
    assertThat(inNs(ns, "ip", "route")).contains("default via " + bridge.gateway());
    assertThat(service.takeWarm("c8bbbbbbbbbb", service.create(NetworkCreate.named("user"))))
        .as("only the default bridge has warm endpoints").isNull();
    service.release("c7aaaaaaaaaa");
    assertThat(ns).doesNotExist();
    service.settleWarm();
    try (Stream<Path> files = Files.list(execRoot.resolve("netns"))) {
      assertThat(files.map(p -> p.getFileName().toString())).anyMatch(f -> f.startsWith(
          ".warm-"));
    }
    service.close();
    assertThat(execRoot.resolve("netns")).doesNotExist();
    assertThat(Path.of("/sys/class/net", bridge.bridge())).doesNotExist();
    service = NetworkService.open(tmp, execRoot, NetworkOptions.defaults()
        .withBridge("bn" + execRoot.getFileName().toString().substring(2))
        .withDns(List.of(new InetSocketAddress("127.0.0.1", upstream.getLocalPort())), 53));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static String iptablesRules() throws Exception {
    StringBuilder all = new StringBuilder();
    for (String table : List.of("filter", "nat")) {
      Process p = new ProcessBuilder("iptables", "-t", table, "-S").start();
      all.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      p.waitFor();
    }
    return all.toString();
  }

  private static String inNs(Path ns, String... cmd) throws Exception {
    List<String> full = new ArrayList<>(List.of("nsenter", "--net=" + ns));
    full.addAll(List.of(cmd));
    Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }

  private static String fetch(Path ns, String url) throws Exception {
    Process p = new ProcessBuilder("timeout", "5", "nsenter", "--net=" + ns, "busybox",
        "wget", "-q", "-O-", url).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }

  private static String fetchFromHost(String host, int port) throws Exception {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 3000);
      s.setSoTimeout(3000);
      s.getOutputStream().write(("GET / HTTP/1.0\r\nHost: x\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static List<String> resolve(String server, String name) throws Exception {
    Message q = Message.newQuery(Record.newRecord(Name.fromString(name.endsWith(".") ? name
        : name + "."), Type.A, DClass.IN));
    byte[] wire = q.toWire();
    try (DatagramSocket s = new DatagramSocket()) {
      s.setSoTimeout(3000);
      s.send(new DatagramPacket(wire, wire.length, new InetSocketAddress(server, 53)));
      byte[] buf = new byte[4096];
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      s.receive(p);
      Message r = new Message(java.util.Arrays.copyOf(buf, p.getLength()));
      return r.getSection(Section.ANSWER).stream().filter(x -> x instanceof ARecord)
          .map(x -> ((ARecord) x).getAddress().getHostAddress()).toList();
    }
  }

  /** An upstream resolver on loopback that answers every A question with 192.0.2.99. */
  private static DatagramSocket fakeUpstream() throws IOException {
    DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
    Thread.ofPlatform().daemon().start(() -> {
      byte[] buf = new byte[4096];
      while (!s.isClosed()) {
        try {
          DatagramPacket p = new DatagramPacket(buf, buf.length);
          s.receive(p);
          Message q = new Message(java.util.Arrays.copyOf(buf, p.getLength()));
          Message r = new Message(q.getHeader().getID());
          r.getHeader().setFlag(Flags.QR);
          r.getHeader().setRcode(Rcode.NOERROR);
          r.addRecord(q.getQuestion(), Section.QUESTION);
          r.addRecord(new ARecord(q.getQuestion().getName(), DClass.IN, 60,
              InetAddress.getByName("192.0.2.99")), Section.ANSWER);
          byte[] out = r.toWire();
          s.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
        } catch (IOException e) {
          return;
        }
      }
    });
    return s;
  }
}
