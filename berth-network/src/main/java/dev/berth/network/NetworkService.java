package dev.berth.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.error.BerthException;
import dev.berth.error.ErrorKind;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Networks and the containers' places on them. Owns the network records, each container's
 * network namespace file, its endpoints (set up and taken down through CNI plugins), the host
 * ports held for published ports, and one embedded DNS server per user-defined network.
 *
 * <p>On disk: {@code <root>/network/networks/<id>.json}, {@code <root>/network/endpoints/
 * <endpoint id>.json} (what DEL needs), {@code <root>/network/ipam/} (host-local's
 * allocations); namespaces at {@code <exec-root>/netns/<container>}.
 */
public final class NetworkService implements AutoCloseable {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final NetworkOptions options;
  private final NetworkStore store;
  private final EndpointStore endpoints;
  private final Path ipamDir;
  private final Path netnsDir;
  private final CniPlugin cni;
  private final PortReservations ports = new PortReservations();
  private final BridgeRules rules = new BridgeRules();
  private final SandboxPool pool;
  private final WarmEndpoints warm;
  /** Releases addresses of ended containers off their exit path, one at a time. */
  private final java.util.concurrent.ExecutorService releaser =
      Background.worker("berth-net-release");
  private final Map<String, DnsServer> dns = new ConcurrentHashMap<>();
  /** DNS names by network id: name → addresses. */
  private final Map<String, Map<String, List<String>>> names = new ConcurrentHashMap<>();

  private NetworkService(Path root, Path execRoot, NetworkOptions options) {
    this.options = options;
    Path dir = root.resolve("network");
    this.store = new NetworkStore(dir.resolve("networks"));
    this.endpoints = new EndpointStore(dir.resolve("endpoints"));
    this.ipamDir = dir.resolve("ipam");
    this.netnsDir = execRoot.resolve("netns");
    this.pool = new SandboxPool(netnsDir);
    this.warm = new WarmEndpoints(this, netnsDir);
    this.cni = new CniPlugin(options.pluginDir());
  }

  public static NetworkService open(Path root, Path execRoot, NetworkOptions options) {
    NetworkService s = new NetworkService(root, execRoot, options);
    s.predefine();
    return s;
  }

  /** Docker's three networks that always exist: bridge, host and none. */
  private void predefine() {
    if (byName("host").isEmpty()) {
      store.put(new Network(newId(), "host", Network.HOST, "", null, null, null, false, false,
          false, null, null, Instant.now().toString()));
    }
    if (byName("none").isEmpty()) {
      store.put(new Network(newId(), "none", Network.NULL, "", null, null, null, false, false,
          false, null, null, Instant.now().toString()));
    }
    if (byName("bridge").isEmpty()) {
      Cidr subnet = options.defaultSubnet() != null ? options.defaultSubnet()
          : SubnetPool.host().next(subnets());
      String gateway = Ipv4.format(options.defaultGateway() != null
          ? options.defaultGateway() : subnet.address(1));
      store.put(new Network(newId(), "bridge", Network.BRIDGE, options.defaultBridge(),
          subnet.toString(), gateway, null, false, false, true, null,
          Map.of("com.docker.network.bridge.default_bridge", "true",
              "com.docker.network.bridge.enable_icc", "true",
              "com.docker.network.bridge.enable_ip_masquerade", "true",
              "com.docker.network.bridge.host_binding_ipv4", "0.0.0.0",
              "com.docker.network.bridge.name", options.defaultBridge(),
              "com.docker.network.driver.mtu", "1500"),
          Instant.now().toString()));
    }
  }

  // ---- networks ----

  public List<Network> list() {
    List<Network> all = store.all();
    all.sort(Comparator.comparing(Network::created));
    return all;
  }

  /** By full id, name, or unique id prefix, as Docker looks networks up. */
  public Network find(String ref) {
    return lookup(ref).orElseThrow(() -> BerthException.notFound("network " + ref
        + " not found"));
  }

  public Optional<Network> lookup(String ref) {
    List<Network> all = store.all();
    for (Network n : all) {
      if (n.id().equals(ref)) {
        return Optional.of(n);
      }
    }
    Optional<Network> named = all.stream().filter(n -> n.name().equals(ref)).findFirst();
    if (named.isPresent()) {
      return named;
    }
    List<Network> prefixed = all.stream().filter(n -> n.id().startsWith(ref)).toList();
    if (prefixed.size() > 1) {
      throw BerthException.invalid("network " + ref + " is ambiguous (" + prefixed.size()
          + " matches found based on ID prefix)");
    }
    return ref.isEmpty() ? Optional.empty() : prefixed.stream().findFirst();
  }

  private Optional<Network> byName(String name) {
    return store.all().stream().filter(n -> n.name().equals(name)).findFirst();
  }

  public synchronized Network create(NetworkCreate req) {
    if (req.name() == null || !NAME.matcher(req.name()).matches()) {
      throw BerthException.invalid("invalid network name \"" + req.name() + "\": only "
          + "[a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
    }
    if (byName(req.name()).isPresent()) {
      throw BerthException.exists("network with name " + req.name() + " already exists");
    }
    if (!Network.BRIDGE.equals(req.driver())) {
      throw BerthException.invalid(Set.of("host", "null").contains(req.driver())
          ? "only one instance of \"" + req.driver() + "\" network is allowed"
          : "plugin \"" + req.driver() + "\" not found");
    }
    Cidr subnet;
    if (req.subnet() != null && !req.subnet().isEmpty()) {
      subnet = Cidr.parse(req.subnet());
      if (!Cidr.parse(req.subnet()).toString().equals(req.subnet())
          && !req.subnet().contains("/")) {
        throw BerthException.invalid("invalid subnet " + req.subnet() + ": it must be CIDR");
      }
      for (Cidr other : subnets()) {
        if (other.overlaps(subnet)) {
          throw BerthException.precondition("Pool overlaps with other one on this address"
              + " space");
        }
      }
    } else {
      if (req.gateway() != null || req.ipRange() != null) {
        throw BerthException.invalid("a subnet must be given with a gateway or ip-range");
      }
      subnet = SubnetPool.host().next(subnets());
    }
    String gateway = req.gateway() == null || req.gateway().isEmpty()
        ? Ipv4.format(subnet.address(1)) : req.gateway();
    if (!subnet.contains(Ipv4.parse(gateway))) {
      throw BerthException.invalid("no matching subnet for gateway " + gateway);
    }
    if (req.ipRange() != null && !req.ipRange().isEmpty()
        && !subnet.contains(Cidr.parse(req.ipRange()))) {
      throw BerthException.invalid("no matching subnet for range " + req.ipRange());
    }
    String id = newId();
    String bridge = req.options().getOrDefault("com.docker.network.bridge.name",
        "br-" + id.substring(0, 12));
    if (bridge.length() > 15) {
      throw BerthException.invalid("bridge name " + bridge + " is longer than 15 characters");
    }
    Network n = new Network(id, req.name(), Network.BRIDGE, bridge, subnet.toString(), gateway,
        req.ipRange() == null || req.ipRange().isEmpty() ? null : req.ipRange(), req.internal(),
        req.attachable(), false, req.labels(), req.options(), Instant.now().toString());
    store.put(n);
    return n;
  }

  /** Removes a network no running container is on, and its bridge device. */
  public synchronized void remove(String ref) {
    Network n = find(ref);
    if (n.predefined()) {
      throw new BerthException(ErrorKind.FAILED_PRECONDITION, n.name() + " is a pre-defined"
          + " network and cannot be removed");
    }
    if (!endpoints.onNetwork(n.id()).isEmpty()) {
      throw new BerthException(ErrorKind.FAILED_PRECONDITION, "error while removing network: "
          + "network " + n.name() + " id " + n.id() + " has active endpoints");
    }
    DnsServer server = dns.remove(n.id());
    if (server != null) {
      server.close();
    }
    names.remove(n.id());
    rules.remove(n);
    deleteLink(n.bridge());
    deleteTree(ipamDir.resolve(n.id()));
    store.remove(n);
  }

  private List<Cidr> subnets() {
    return store.all().stream().filter(Network::bridged).map(Network::cidr).toList();
  }

  // ---- sandboxes and endpoints ----

  /** A new network namespace for a container: loopback up, nothing else yet. */
  public Path createSandbox(String containerId) {
    Sandbox.prepareDir(netnsDir);
    return pool.take(netnsDir.resolve(containerId));
  }

  /**
   * A namespace already on {@code n} with an address and no published port, for a container
   * that asks nothing more of it; null when {@code n} is not the default bridge or none is
   * ready yet (the caller then makes its own with {@link #createSandbox} and {@link #attach}).
   */
  public Endpoint takeWarm(String containerId, Network n) {
    if (!n.isDefault()) {
      return null;
    }
    Sandbox.prepareDir(netnsDir);
    WarmEndpoints.Taken t = warm.take(n, containerId, netnsDir.resolve(containerId));
    return t == null ? null : t.endpoint();
  }

  /** Waits for the warm endpoints asked for so far (tests). */
  void settleWarm() {
    warm.settle();
  }

  /** Rewrites an endpoint's record (a warm one given to its container). */
  void record(Endpoint ep) {
    endpoints.put(ep);
  }

  public Path sandboxPath(String containerId) {
    return netnsDir.resolve(containerId);
  }

  public void removeSandbox(String containerId) {
    Sandbox.remove(netnsDir.resolve(containerId));
  }

  /**
   * Puts the container's namespace on {@code n}: an interface named {@code req.ifname()}, an
   * address, the ports published; {@code dnsNames} are what other containers on the network
   * may call it. All or nothing: a failure takes down what was set up.
   */
  public Endpoint attach(String containerId, String containerName, Path netns, Network n,
      EndpointRequest req, List<String> dnsNames) {
    if (!n.bridged()) {
      throw BerthException.invalid("network " + n.name() + " has no endpoints to attach");
    }
    rules.ensure(n);
    String endpointId = newId();
    List<PortMapping> held = ports.reserve(containerName, endpointId, req.ports());
    List<ObjectNode> chain = BridgePlugins.chain(n, req, held, ipamDir);
    // the endpoint's id, not the container's, names it to the plugins: a restarted container's
    // new endpoint never meets the release of its old one (host-local keys by this id)
    CniPlugin.Call add = new CniPlugin.Call("ADD", endpointId, netns.toString(), req.ifname());
    JsonNode result = null;
    List<ObjectNode> done = new ArrayList<>();
    try {
      for (ObjectNode plugin : chain) {
        if (result != null) {
          plugin.set("prevResult", result);
        }
        result = cni.run(add, plugin);
        done.add(plugin);
      }
    } catch (RuntimeException e) {
      try {
        delete(endpointId, netns.toString(), req.ifname(), done, result);
      } catch (RuntimeException again) {
        e.addSuppressed(again);
      }
      held.forEach(ports::release);
      throw e;
    }
    Endpoint ep = endpoint(endpointId, containerId, n, netns, req.ifname(), held, chain, result,
        dnsNames);
    endpoints.put(ep);
    register(n, ep);
    return ep;
  }

  private static Endpoint endpoint(String id, String containerId, Network n, Path netns,
      String ifname, List<PortMapping> held, List<ObjectNode> chain, JsonNode result,
      List<String> dnsNames) {
    JsonNode ip = result.path("ips").path(0);
    Cidr addr = Cidr.parse(ip.path("address").asText());
    String mac = "";
    JsonNode iface = result.path("interfaces").path(ip.path("interface").asInt(-1));
    if (!iface.isMissingNode()) {
      mac = iface.path("mac").asText();
    }
    List<JsonNode> plugins = new ArrayList<>();
    for (ObjectNode p : chain) {
      ObjectNode copy = p.deepCopy();
      copy.remove("prevResult");
      plugins.add(copy);
    }
    String address = ip.path("address").asText();
    return new Endpoint(id, containerId, n.id(), netns.toString(), ifname,
        address.substring(0, address.indexOf('/')), addr.prefix(),
        ip.path("gateway").asText(n.gateway()), mac, held, plugins, result, dnsNames);
  }

  /** Takes an endpoint down: plugins in reverse order, ports released, names forgotten. */
  public void detach(Endpoint ep) {
    unregister(ep);
    List<ObjectNode> chain = chainOf(ep);
    try {
      delete(ep.id(), ep.netns(), ep.ifname(), chain, ep.result());
    } finally {
      ep.ports().forEach(ports::release);
    }
    endpoints.remove(ep);
  }

  /**
   * Takes all of a container's endpoints down when its process has ended: names and published
   * ports at once (so the ports can be taken again when this returns), the namespace file
   * unbound, and the address released by the plugins in the background. The endpoint records
   * stay on disk until that is done, so a daemon that dies meanwhile finishes it at its start.
   */
  public void release(String containerId) {
    List<Endpoint> eps = endpoints.ofContainer(containerId);
    RuntimeException first = null;
    for (Endpoint ep : eps) {
      unregister(ep);
      endpoints.forget(ep);
      List<ObjectNode> chain = chainOf(ep);
      List<ObjectNode> portmap = chain.stream()
          .filter(p -> p.path("type").asText().equals("portmap")).toList();
      try {
        delete(ep.id(), ep.netns(), ep.ifname(), portmap, ep.result());
      } catch (RuntimeException e) {
        first = first == null ? e : first;
      } finally {
        ep.ports().forEach(ports::release);
      }
    }
    removeSandbox(containerId);
    for (Endpoint ep : eps) {
      List<ObjectNode> rest = chainOf(ep).stream()
          .filter(p -> !p.path("type").asText().equals("portmap")).toList();
      releaser.execute(() -> {
        try {
          // no namespace: it went above, and its path may be the next run's by now (a start
          // right after the exit), whose eth0 a late DEL there would take away
          delete(ep.id(), "", ep.ifname(), rest, ep.result());
          endpoints.remove(ep);
        } catch (RuntimeException e) {
          // the record stays: the next start's reconcile tries again
        }
      });
    }
    if (first != null) {
      throw first;
    }
  }

  private static List<ObjectNode> chainOf(Endpoint ep) {
    return ep.plugins().stream().map(p -> (ObjectNode) p.deepCopy()).toList();
  }

  private void delete(String endpointId, String netns, String ifname, List<ObjectNode> chain,
      JsonNode result) {
    CniPlugin.Call del = new CniPlugin.Call("DEL", endpointId, netns, ifname);
    RuntimeException first = null;
    for (ObjectNode plugin : chain.reversed()) {
      if (result != null) {
        plugin.set("prevResult", result);
      }
      try {
        cni.run(del, plugin);
      } catch (RuntimeException e) {
        first = first == null ? e : first; // go on: release what the other plugins hold
      }
    }
    if (first != null) {
      throw first;
    }
  }

  public List<Endpoint> endpointsOf(String containerId) {
    return endpoints.ofContainer(containerId);
  }

  public List<Endpoint> endpointsOn(String networkId) {
    return endpoints.onNetwork(networkId);
  }

  /**
   * After a daemon start: endpoints of containers still running keep their ports and names;
   * those of every other container are taken down, with their namespace files.
   */
  public void reconcile(Set<String> running) {
    for (Endpoint ep : endpoints.stored()) {
      if (running.contains(ep.containerId())) {
        try {
          ports.reserve(ep.containerId(), ep.id(), ep.ports());
        } catch (BerthException e) {
          // taken while no daemon held it: the container keeps its DNAT rules, unguarded
          System.err.println("berthd: " + e.getMessage());
        }
        lookup(ep.networkId()).ifPresent(n -> register(n, ep));
      } else {
        try {
          detach(ep);
        } catch (RuntimeException e) {
          endpoints.remove(ep); // the plugins keep nothing a second DEL would release
        }
      }
    }
    try (Stream<Path> files = Files.exists(netnsDir) ? Files.list(netnsDir) : Stream.empty()) {
      for (Path f : files.toList()) {
        if (!running.contains(f.getFileName().toString())) {
          Sandbox.remove(f);
        }
      }
    } catch (IOException e) {
      throw BerthException.system("listing " + netnsDir + ": " + e.getMessage(), e);
    }
  }

  // ---- names ----

  private void register(Network n, Endpoint ep) {
    if (n.isDefault()) {
      return; // Docker's default bridge has no name resolution between containers
    }
    Map<String, List<String>> table = names.computeIfAbsent(n.id(),
        k -> new ConcurrentHashMap<>());
    for (String name : ep.dnsNames()) {
      table.merge(name.toLowerCase(java.util.Locale.ROOT), List.of(ep.ipv4Address()),
          (a, b) -> Stream.concat(a.stream(), b.stream()).distinct().toList());
    }
    dns.computeIfAbsent(n.id(), k -> startDns(n));
  }

  private DnsServer startDns(Network n) {
    try {
      List<InetSocketAddress> up = options.upstreams().isEmpty() ? HostResolvers.read()
          : options.upstreams();
      Map<String, List<String>> table = names.get(n.id());
      return DnsServer.start(n.gateway(), options.dnsPort(),
          name -> table == null ? List.of() : table.getOrDefault(name, List.of()), up);
    } catch (IOException e) {
      throw BerthException.system("starting the DNS server of network " + n.name() + " on "
          + n.gateway() + ": " + e.getMessage(), e);
    }
  }

  private void unregister(Endpoint ep) {
    Map<String, List<String>> table = names.get(ep.networkId());
    if (table == null) {
      return;
    }
    for (String name : ep.dnsNames()) {
      table.computeIfPresent(name.toLowerCase(java.util.Locale.ROOT), (k, v) -> {
        List<String> rest = v.stream().filter(a -> !a.equals(ep.ipv4Address())).toList();
        return rest.isEmpty() ? null : rest;
      });
    }
  }

  /** The address {@code containers on n} reach the embedded DNS server at. */
  public Optional<String> dnsServer(Network n) {
    return n.bridged() && !n.isDefault() ? Optional.of(n.gateway()) : Optional.empty();
  }

  private static void deleteLink(String device) {
    if (device == null || device.isEmpty() || !Files.exists(Path.of("/sys/class/net", device))) {
      return;
    }
    try {
      Process p = new ProcessBuilder("ip", "link", "delete", device).redirectErrorStream(true)
          .start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      if (p.waitFor() != 0) {
        throw BerthException.system("deleting bridge " + device + ": " + out, null);
      }
    } catch (IOException e) {
      throw BerthException.system("deleting bridge " + device + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw BerthException.system("removing " + dir + ": " + e.getMessage(), e);
    }
  }

  private static String newId() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  @Override
  public void close() {
    warm.close();
    Background.drain(releaser, 30);
    pool.close();
    dns.values().forEach(DnsServer::close);
    ports.closeAll();
    // bridges no container is on are taken down with the daemon (the next one makes them again
    // at the first container); those with containers stay, for the containers' sake
    for (Network n : store.all()) {
      boolean used = endpoints.stored().stream().anyMatch(e -> e.networkId().equals(n.id()));
      if (n.bridged() && !used && (rules.ensured(n)
          || Files.exists(Path.of("/sys/class/net", n.bridge())))) {
        try {
          rules.remove(n);
          deleteLink(n.bridge());
        } catch (RuntimeException e) {
          // left for the next start to reuse
        }
      }
    }
    Sandbox.releaseDir(netnsDir);
    dns.clear();
  }
}
