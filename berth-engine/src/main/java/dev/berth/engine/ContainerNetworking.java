package dev.berth.engine;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.error.BerthException;
import dev.berth.network.Endpoint;
import dev.berth.network.EndpointRequest;
import dev.berth.network.HostResolvers;
import dev.berth.network.Network;
import dev.berth.network.NetworkService;
import dev.berth.network.PortMapping;
import dev.berth.oci.image.ImageConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The network side of a container's life: which networks it is on (kept in
 * {@code <container dir>/networks.json}, by network id, through stops and restarts), a network
 * namespace with its endpoints while it runs, and the {@code hosts} and {@code resolv.conf}
 * files that go with them.
 *
 * <p>Network modes: {@code none} (a namespace of its own with loopback only), {@code host}
 * (the host's namespace), {@code container:<ref>} (another container's), and the name or id
 * of a bridge network ({@code default} and {@code bridge} are the predefined one).
 */
final class ContainerNetworking {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FILE = "networks.json";
  private final NetworkService service;
  private final Function<String, Container> containers;
  private final Function<String, Path> dirs;

  ContainerNetworking(NetworkService service, Function<String, Container> containers,
      Function<String, Path> dirs) {
    this.service = service;
    this.containers = containers;
    this.dirs = dirs;
  }

  NetworkService service() {
    return service;
  }

  /** {@code default} → {@code bridge}, as Docker records it. */
  static String mode(HostConfig host) {
    String m = host.networkMode();
    return m == null || m.isEmpty() || m.equals("default") ? "bridge" : m;
  }

  /**
   * Checks a create's network choice, returning the networks to join in order (id →
   * settings) and adding Docker's warnings; refuses unknown networks and containers.
   */
  Map<String, EndpointSettings> plan(HostConfig host, Map<String, EndpointSettings> asked,
      List<String> warnings) {
    String mode = mode(host);
    Map<String, EndpointSettings> plan = new LinkedHashMap<>();
    if (mode.equals("host") || mode.equals("none") || mode.startsWith("container:")) {
      if (mode.startsWith("container:")) {
        containers.apply(mode.substring("container:".length()));
      }
      if (!host.portBindings().isEmpty() || host.publishAllPorts()) {
        if (mode.equals("host")) {
          warnings.add("Published ports are discarded when using host network mode");
        } else {
          throw BerthException.invalid("conflicting options: port publishing and the container"
              + " type network mode");
        }
      }
      return plan;
    }
    Network primary = service.find(mode);
    plan.put(primary.id(), settingsFor(asked, primary));
    for (Map.Entry<String, EndpointSettings> e : asked.entrySet()) {
      // the docker CLI names the default network "default" in EndpointsConfig
      Network n = service.find(e.getKey().equals("default") ? "bridge" : e.getKey());
      if (!n.bridged()) {
        throw BerthException.invalid("container cannot be disconnected from host network or"
            + " connected to host network");
      }
      plan.putIfAbsent(n.id(), e.getValue());
    }
    for (Map.Entry<String, EndpointSettings> e : plan.entrySet()) {
      String ip = e.getValue().ipv4Address();
      if (ip != null && service.find(e.getKey()).isDefault()) {
        throw BerthException.invalid("user specified IP address is supported on user defined"
            + " networks only");
      }
    }
    return plan;
  }

  private static EndpointSettings settingsFor(Map<String, EndpointSettings> asked, Network n) {
    EndpointSettings s = asked.get(n.name());
    if (s == null) {
      s = asked.get(n.id());
    }
    if (s == null && n.isDefault()) {
      s = asked.get("default");
    }
    return s == null ? EndpointSettings.none() : s;
  }

  void save(Path dir, Map<String, EndpointSettings> networks) {
    try {
      Path tmp = dir.resolve(FILE + ".tmp");
      Files.write(tmp, JSON.writeValueAsBytes(networks));
      Files.move(tmp, dir.resolve(FILE), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw BerthException.system("saving the networks of " + dir + ": " + e.getMessage(), e);
    }
  }

  Map<String, EndpointSettings> load(String containerId) {
    Path f = dirs.apply(containerId).resolve(FILE);
    try {
      return Files.exists(f) ? JSON.readValue(f.toFile(),
          new TypeReference<LinkedHashMap<String, EndpointSettings>>() { })
          : new LinkedHashMap<>();
    } catch (IOException e) {
      throw BerthException.system("reading " + f + ": " + e.getMessage(), e);
    }
  }

  /**
   * A start's network: the namespace to join (null for a namespace of its own, {@code none},
   * or the host's), and when its endpoints, hosts and resolv.conf are ready.
   */
  record Start(Path netns, CompletableFuture<Void> ready) {}

  /**
   * Before a start: the namespace the container will run in, made at once; its endpoints are
   * set up meanwhile (the runtime creates the container alongside) and the hosts and
   * resolv.conf files written once the addresses are known. The container's process must not
   * start before {@code ready} completes.
   */
  Start start(Container c, Path dir, String hostname, ImageConfig.ContainerConfig image)
      throws IOException {
    String mode = mode(c.hostConfig());
    HostConfig host = c.hostConfig();
    if (mode.equals("host")) {
      Files.writeString(dir.resolve("hosts"), hostsFile(host, null, hostname, true));
      Files.writeString(dir.resolve("resolv.conf"), readHost("/etc/resolv.conf"));
      return new Start(null, CompletableFuture.completedFuture(null));
    }
    if (mode.equals("none")) {
      Files.writeString(dir.resolve("hosts"), hostsFile(host, null, hostname, false));
      return new Start(null, CompletableFuture.completedFuture(null));
    }
    if (mode.startsWith("container:")) {
      Container other = containers.apply(mode.substring("container:".length()));
      if (!other.state().running()) {
        throw BerthException.precondition("cannot join network namespace of a non running"
            + " container: container " + other.id() + " is " + other.state().status());
      }
      Path odir = dirs.apply(other.id());
      Files.copy(odir.resolve("hosts"), dir.resolve("hosts"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.copy(odir.resolve("resolv.conf"), dir.resolve("resolv.conf"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Path sandbox = service.sandboxPath(other.id());
      return new Start(Files.exists(sandbox) ? sandbox
          : Path.of("/proc/" + other.state().pid() + "/ns/net"),
          CompletableFuture.completedFuture(null));
    }
    Map<String, EndpointSettings> networks = load(c.id());
    // on the default bridge with nothing published or fixed: a namespace set up ahead will do
    Endpoint warm = null;
    if (!networks.isEmpty()) {
      var first = networks.entrySet().iterator().next();
      if (first.getValue().ipv4Address() == null && PortSpecs.published(c, image).isEmpty()) {
        warm = service.takeWarm(c.id(), service.find(first.getKey()));
      }
    }
    Path netns = warm != null ? service.sandboxPath(c.id()) : service.createSandbox(c.id());
    Endpoint first = warm;
    CompletableFuture<Void> ready = new CompletableFuture<>();
    Thread.ofVirtual().name("berth-net-" + c.shortId()).start(() -> {
      try {
        attachAll(c, dir, hostname, image, networks, netns, first);
        ready.complete(null);
      } catch (IOException | RuntimeException e) {
        ready.completeExceptionally(e);
      }
    });
    return new Start(netns, ready);
  }

  private void attachAll(Container c, Path dir, String hostname,
      ImageConfig.ContainerConfig image, Map<String, EndpointSettings> networks, Path netns,
      Endpoint warm) throws IOException {
    List<Endpoint> up = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, EndpointSettings> e : networks.entrySet()) {
      if (i == 0 && warm != null) {
        up.add(warm);
        i++;
        continue;
      }
      Network n = service.find(e.getKey());
      List<PortMapping> ports = i == 0 ? PortSpecs.published(c, image) : List.of();
      up.add(service.attach(c.id(), c.name(), netns, n, new EndpointRequest("eth" + i,
          e.getValue().ipv4Address(), ports), dnsNames(c, e.getValue())));
      i++;
    }
    Endpoint first = up.isEmpty() ? null : up.getFirst();
    // written in place: the container's bind mounts of these files are made already
    Files.writeString(dir.resolve("hosts"), hostsFile(c.hostConfig(), first == null ? null
        : first.ipv4Address(), hostname, false));
    Network primary = first == null ? null : service.find(first.networkId());
    Files.writeString(dir.resolve("resolv.conf"), resolvConf(c.hostConfig(), primary));
  }

  /** Points the spec's network namespace at {@code netns} (a join, not a new one). */
  static void join(ObjectNode spec, Path netns) {
    ArrayNode namespaces = (ArrayNode) spec.path("linux").path("namespaces");
    for (var ns : namespaces) {
      if (ns.path("type").asText().equals("network")) {
        ((ObjectNode) ns).put("path", netns.toString());
        return;
      }
    }
    namespaces.addObject().put("type", "network").put("path", netns.toString());
  }

  /** After the container's process ended, or when it goes away: every endpoint down. */
  void tearDown(String containerId) {
    service.release(containerId);
  }

  /** {@code docker network connect}: recorded, and set up at once when it runs. */
  void connect(Container c, Network n, EndpointSettings settings) {
    if (!n.bridged()) {
      throw BerthException.invalid("container cannot be disconnected from host network or"
          + " connected to host network");
    }
    String mode = mode(c.hostConfig());
    if (mode.equals("host") || mode.equals("none") || mode.startsWith("container:")) {
      throw BerthException.invalid("container sharing network namespace with another container"
          + " or host cannot be connected to any other network");
    }
    Map<String, EndpointSettings> networks = load(c.id());
    if (networks.containsKey(n.id())) {
      throw BerthException.precondition("endpoint with name " + c.name() + " already exists in"
          + " network " + n.name());
    }
    networks.put(n.id(), settings);
    if (c.state().running()) {
      Path netns = service.sandboxPath(c.id());
      service.attach(c.id(), c.name(), netns, n, new EndpointRequest("eth" + nextIf(c.id()),
          settings.ipv4Address(), List.of()), dnsNames(c, settings));
    }
    save(dirs.apply(c.id()), networks);
  }

  void disconnect(Container c, Network n) {
    Map<String, EndpointSettings> networks = load(c.id());
    if (networks.remove(n.id()) == null) {
      throw BerthException.precondition("container " + c.id() + " is not connected to network "
          + n.name());
    }
    for (Endpoint ep : service.endpointsOf(c.id())) {
      if (ep.networkId().equals(n.id())) {
        service.detach(ep);
      }
    }
    save(dirs.apply(c.id()), networks);
  }

  private int nextIf(String containerId) {
    int max = -1;
    for (Endpoint ep : service.endpointsOf(containerId)) {
      max = Math.max(max, Integer.parseInt(ep.ifname().substring(3)));
    }
    return max + 1;
  }

  private static List<String> dnsNames(Container c, EndpointSettings s) {
    List<String> names = new ArrayList<>();
    names.add(c.name());
    names.addAll(s.aliases());
    names.add(c.shortId());
    return names;
  }

  /** Docker's /etc/hosts: loopback names, --add-host entries, then the container itself. */
  private String hostsFile(HostConfig host, String address, String hostname, boolean hostMode) {
    if (hostMode) {
      return readHost("/etc/hosts");
    }
    StringBuilder b = new StringBuilder();
    b.append("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n")
        .append("fe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\n")
        .append("ff02::2\tip6-allrouters\n");
    for (String extra : host.extraHosts()) {
      int sep = extra.indexOf(':') > 0 ? extra.indexOf(':') : extra.indexOf('=');
      if (sep <= 0) {
        throw BerthException.invalid("invalid extra host: " + extra);
      }
      String ip = extra.substring(sep + 1);
      if (ip.equals("host-gateway")) {
        ip = service.find("bridge").gateway();
      }
      b.append(ip).append('\t').append(extra, 0, sep).append('\n');
    }
    b.append(address == null ? "127.0.1.1" : address).append('\t').append(hostname).append('\n');
    return b.toString();
  }

  /**
   * On a user network the embedded DNS server (at the gateway) answers; on the default bridge
   * the host's resolvers that a container can reach (not the host's loopback). {@code --dns},
   * {@code --dns-search} and {@code --dns-option} replace what they name.
   */
  private String resolvConf(HostConfig host, Network primary) {
    List<String> servers = new ArrayList<>();
    List<String> search = new ArrayList<>();
    List<String> options = new ArrayList<>();
    Path hostConf = Path.of("/etc/resolv.conf");
    for (String line : readHost(hostConf.toString()).split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 2 && f[0].equals("search")) {
        search.addAll(List.of(f).subList(1, f.length));
      } else if (f.length >= 2 && f[0].equals("options")) {
        options.addAll(List.of(f).subList(1, f.length));
      }
    }
    var dns = primary == null ? java.util.Optional.<String>empty() : service.dnsServer(primary);
    if (dns.isPresent()) {
      servers.add(dns.get());
    } else if (!host.dns().isEmpty()) {
      servers.addAll(host.dns());
    } else {
      servers.addAll(HostResolvers.nameservers(hostConf).stream()
          .filter(s -> !s.startsWith("127.") && !s.equals("::1")).toList());
      if (servers.isEmpty()) {
        servers.addAll(List.of("8.8.8.8", "8.8.4.4"));
      }
    }
    if (!host.dnsSearch().isEmpty()) {
      search = host.dnsSearch();
    }
    if (!host.dnsOptions().isEmpty()) {
      options = host.dnsOptions();
    }
    StringBuilder b = new StringBuilder();
    servers.forEach(s -> b.append("nameserver ").append(s).append('\n'));
    if (!search.isEmpty() && !search.equals(List.of("."))) {
      b.append("search ").append(String.join(" ", search)).append('\n');
    }
    if (!options.isEmpty()) {
      b.append("options ").append(String.join(" ", options)).append('\n');
    }
    return b.toString();
  }

  private static String readHost(String path) {
    try {
      return Files.readString(Path.of(path));
    } catch (IOException e) {
      return "";
    }
  }

  /** At daemon start: endpoints of running containers kept, every other one taken down. */
  void reconcile(Set<String> running) {
    service.reconcile(running);
  }

  /** Docker's {@code NetworkSettings} of inspect. */
  Map<String, Object> settings(Container c, ImageConfig.ContainerConfig image) {
    Map<String, Object> net = new LinkedHashMap<>();
    List<Endpoint> eps = c.state().running() ? service.endpointsOf(c.id()) : List.of();
    String mode = mode(c.hostConfig());
    net.put("Bridge", "");
    net.put("SandboxID", eps.isEmpty() ? "" : c.id());
    net.put("SandboxKey", eps.isEmpty() ? "" : service.sandboxPath(c.id()).toString());
    net.put("HairpinMode", false);
    net.put("LinkLocalIPv6Address", "");
    net.put("LinkLocalIPv6PrefixLen", 0);
    net.put("Ports", PortSpecs.inspectPorts(c, image, eps.isEmpty() ? List.of()
        : eps.getFirst().ports()));
    net.put("SecondaryIPAddresses", null);
    net.put("SecondaryIPv6Addresses", null);
    Endpoint dflt = eps.stream().filter(e -> service.lookup(e.networkId())
        .map(Network::isDefault).orElse(false)).findFirst().orElse(null);
    net.put("EndpointID", dflt == null ? "" : dflt.id());
    net.put("Gateway", dflt == null ? "" : dflt.gateway());
    net.put("GlobalIPv6Address", "");
    net.put("GlobalIPv6PrefixLen", 0);
    net.put("IPAddress", dflt == null ? "" : dflt.ipv4Address());
    net.put("IPPrefixLen", dflt == null ? 0 : dflt.prefixLength());
    net.put("IPv6Gateway", "");
    net.put("MacAddress", dflt == null ? "" : dflt.macAddress());
    net.put("Networks", networks(c, eps, mode));
    return net;
  }

  /** {@code NetworkSettings.Networks}: one entry per network, addresses while running. */
  Map<String, Object> networks(Container c, List<Endpoint> eps, String mode) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (mode.equals("host") || mode.equals("none")) {
      Network n = service.find(mode);
      out.put(n.name(), endpointJson(n, null, EndpointSettings.none(), c));
      return out;
    }
    if (mode.startsWith("container:")) {
      return out;
    }
    for (Map.Entry<String, EndpointSettings> e : load(c.id()).entrySet()) {
      Network n = service.lookup(e.getKey()).orElse(null);
      if (n == null) {
        continue;
      }
      Endpoint ep = eps.stream().filter(x -> x.networkId().equals(n.id())).findFirst()
          .orElse(null);
      out.put(n.name(), endpointJson(n, ep, e.getValue(), c));
    }
    return out;
  }

  /** {@code NetworkSettings.Networks} for a list ({@code docker ps}): lighter, same shape. */
  Map<String, Object> networks(Container c) {
    return networks(c, c.state().running() ? service.endpointsOf(c.id()) : List.of(), mode(
        c.hostConfig()));
  }

  List<PortMapping> publishedPorts(Container c) {
    return c.state().running() ? service.endpointsOf(c.id()).stream()
        .flatMap(e -> e.ports().stream()).toList() : List.of();
  }

  private Map<String, Object> endpointJson(Network n, Endpoint ep, EndpointSettings s,
      Container c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("IPAMConfig", s.ipv4Address() == null ? null : Map.of("IPv4Address",
        s.ipv4Address()));
    m.put("Links", null);
    m.put("Aliases", s.aliases().isEmpty() ? null : s.aliases());
    m.put("MacAddress", ep == null ? "" : ep.macAddress());
    m.put("DriverOpts", null);
    m.put("NetworkID", n.id());
    m.put("EndpointID", ep == null ? "" : ep.id());
    m.put("Gateway", ep == null ? "" : ep.gateway());
    m.put("IPAddress", ep == null ? "" : ep.ipv4Address());
    m.put("IPPrefixLen", ep == null ? 0 : ep.prefixLength());
    m.put("IPv6Gateway", "");
    m.put("GlobalIPv6Address", "");
    m.put("GlobalIPv6PrefixLen", 0);
    m.put("DNSNames", ep == null || n.isDefault() ? null : ep.dnsNames());
    return m;
  }

  /** {@code Containers} of a network's inspect: the running containers on it. */
  Map<String, Object> containersOn(Network n) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Endpoint ep : service.endpointsOn(n.id())) {
      Container c;
      try {
        c = containers.apply(ep.containerId());
      } catch (BerthException e) {
        continue;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("Name", c.name());
      m.put("EndpointID", ep.id());
      m.put("MacAddress", ep.macAddress());
      m.put("IPv4Address", ep.ipv4Address() + "/" + ep.prefixLength());
      m.put("IPv6Address", "");
      out.put(c.id(), m);
    }
    return out;
  }
}
