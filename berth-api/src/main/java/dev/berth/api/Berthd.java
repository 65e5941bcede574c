package dev.berth.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.http.Json;
import dev.berth.api.http.ListenAddress;
import dev.berth.api.http.Log;
import dev.berth.api.http.TlsFiles;
import dev.berth.error.BerthException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code berthd}: the daemon's command line, with dockerd's flags. A JSON config file may give
 * the same settings ({@code hosts}, {@code root} or {@code data-root}, {@code exec-root}, {@code
 * tlsverify}, {@code tlscacert}, {@code tlscert}, {@code tlskey}, {@code log-level}); flags win.
 * SIGTERM and SIGINT close it gracefully.
 */
@Command(name = "berthd", mixinStandardHelpOptions = true,
    version = "berthd (Docker Engine API " + dev.berth.api.http.ApiVersion.MAX + ")",
    description = "The Berth daemon: the Docker Engine API on a unix socket or TCP.")
public final class Berthd implements Callable<Integer> {
  static final Path DEFAULT_CONFIG = Path.of("/etc/berth/daemon.json");

  @Option(names = {"-H", "--host"}, paramLabel = "ADDR",
      description = "Where to listen: unix:///path or tcp://host:port (repeatable;"
          + " default " + DaemonConfig.DEFAULT_HOST + ")")
  List<String> hosts;

  @Option(names = "--root", paramLabel = "DIR", description = "Data root (default /var/lib/berth)")
  Path root;

  @Option(names = "--exec-root", paramLabel = "DIR",
      description = "Run-time state root (default /run/berth)")
  Path execRoot;

  @Option(names = "--tlsverify", description = "Require client certificates signed by --tlscacert")
  Boolean tlsVerify;

  @Option(names = "--tlscacert", paramLabel = "PEM") Path tlsCaCert;
  @Option(names = "--tlscert", paramLabel = "PEM") Path tlsCert;
  @Option(names = "--tlskey", paramLabel = "PEM") Path tlsKey;

  @Option(names = {"-l", "--log-level"}, paramLabel = "LEVEL",
      description = "debug, info, warn, error or fatal (default info)")
  String logLevel;

  @Option(names = "--bip", paramLabel = "CIDR",
      description = "The default bridge's address and subnet (default: the first free of"
          + " 172.18.0.0/16 ... 192.168.240.0/20)")
  String bip;

  @Option(names = {"-b", "--bridge"}, paramLabel = "DEVICE",
      description = "The default bridge's device (default berth0)")
  String bridge;

  @Option(names = "--cgroup-parent", paramLabel = "PATH",
      description = "Parent cgroup of the containers' cgroups (default: under berthd's own)")
  String cgroupParent;

  @Option(names = "--default-ulimit", paramLabel = "NAME=SOFT[:HARD]",
      description = "A limit every container gets unless it sets its own (repeatable)")
  List<String> defaultUlimits;

  @Option(names = "--registry-addr", paramLabel = "HOST:PORT",
      description = "Also serve Berth's OCI registry there (e.g. 127.0.0.1:5000)")
  String registryAddr;

  @Option(names = "--registry-root", paramLabel = "DIR",
      description = "The embedded registry's storage (default <root>/registry)")
  Path registryRoot;

  @Option(names = "--registry-htpasswd", paramLabel = "FILE",
      description = "Require Basic auth from this htpasswd file (bcrypt entries)")
  Path registryHtpasswd;

  @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT]|CIDR",
      description = "Pull from and push to this registry over plain HTTP (repeatable)")
  List<String> insecureRegistries;

  @Option(names = "--registry-mirror", paramLabel = "URL",
      description = "A mirror tried before docker.io (repeatable)")
  List<String> registryMirrors;

  @Option(names = "--config-file", paramLabel = "FILE",
      description = "Daemon config file (default " + "/etc/berth/daemon.json if present)")
  Path configFile;

  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new Berthd());
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      System.err.println("berthd: " + e.getMessage());
      return 1;
    });
    System.exit(cli.execute(args));
  }

  @Override
  public Integer call() throws Exception {
    DaemonConfig config = config();
    Daemon daemon = Daemon.start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      Log.info("shutting down");
      daemon.close();
      stopped.countDown();
    }, "berthd-shutdown"));
    System.out.println("berthd " + dev.berth.api.http.ApiVersion.ENGINE_VERSION
        + " listening on " + String.join(", ", daemon.addresses()) + " (root " + config.root()
        + ")");
    System.out.flush();
    stopped.await();
    return 0;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return out;
  }

  /** Flags over the config file over the defaults. */
  DaemonConfig config() throws IOException {
    JsonNode file = Json.MAPPER.createObjectNode();
    Path cfg = configFile != null ? configFile
        : Files.exists(DEFAULT_CONFIG) ? DEFAULT_CONFIG : null;
    if (cfg != null) {
      try {
        file = Json.MAPPER.readTree(Files.readAllBytes(cfg));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw BerthException.invalid("config file " + cfg + ": " + e.getOriginalMessage());
      }
      if (file == null || !file.isObject()) {
        throw BerthException.invalid("config file " + cfg + ": not a JSON object");
      }
    }
    String level = logLevel != null ? logLevel : text(file, "log-level");
    if (level != null) {
      Log.level(Log.parseLevel(level));
    }
    List<String> hostSpecs = hosts;
    if (hostSpecs == null) {
      hostSpecs = new ArrayList<>();
      for (JsonNode h : file.path("hosts")) {
        hostSpecs.add(h.asText());
      }
      if (file.has("host")) {
        hostSpecs.add(file.get("host").asText());
      }
      if (hostSpecs.isEmpty()) {
        hostSpecs.add(DaemonConfig.DEFAULT_HOST);
      }
    }
    List<ListenAddress> addresses = hostSpecs.stream().map(ListenAddress::parse).toList();
    Path rootDir = root != null ? root : path(file, "root", path(file, "data-root",
        DaemonConfig.DEFAULT_ROOT));
    Path exec = execRoot != null ? execRoot : path(file, "exec-root",
        DaemonConfig.DEFAULT_EXEC_ROOT);
    boolean verify = tlsVerify != null ? tlsVerify : file.path("tlsverify").asBoolean(false);
    Path ca = tlsCaCert != null ? tlsCaCert : path(file, "tlscacert", null);
    Path cert = tlsCert != null ? tlsCert : path(file, "tlscert", null);
    Path key = tlsKey != null ? tlsKey : path(file, "tlskey", null);
    TlsFiles tls = null;
    if (verify || cert != null || key != null) {
      if (cert == null || key == null || (verify && ca == null)) {
        throw BerthException.invalid("TLS needs --tlscert and --tlskey"
            + (verify ? ", and --tlscacert with --tlsverify" : ""));
      }
      tls = new TlsFiles(ca, cert, key, verify);
    }
    if (tls == null && addresses.stream().anyMatch(a -> a instanceof ListenAddress.Tcp)) {
      Log.warn("listening on TCP without TLS: anyone who can reach the port has root here");
    }
    var network = dev.berth.network.NetworkOptions.defaults();
    String bipSpec = bip != null ? bip : text(file, "bip");
    if (bipSpec != null) {
      network = network.withBip(bipSpec);
    }
    String bridgeSpec = bridge != null ? bridge : text(file, "bridge");
    if (bridgeSpec != null) {
      network = network.withBridge(bridgeSpec);
    }
    String parent = cgroupParent != null ? cgroupParent : text(file, "cgroup-parent");
    List<dev.berth.engine.HostConfig.Ulimit> ulimits = new ArrayList<>();
    if (defaultUlimits != null) {
      for (String u : defaultUlimits) {
        ulimits.add(DefaultUlimits.parse(u));
      }
    } else {
      // daemon.json: {"default-ulimits": {"nofile": {"Name": "nofile", "Soft": 1024, "Hard": 2048}}}
      for (var e : file.path("default-ulimits").properties()) {
        ulimits.add(new dev.berth.engine.HostConfig.Ulimit(e.getKey(),
            e.getValue().path("Soft").asLong(), e.getValue().path("Hard").asLong()));
      }
    }
    dev.berth.registry.server.RegistryConfig registry = null;
    String regAddr = registryAddr != null ? registryAddr : text(file, "registry-addr");
    if (regAddr != null) {
      int colon = regAddr.lastIndexOf(':');
      if (colon < 0) {
        throw BerthException.invalid("--registry-addr " + regAddr + ": HOST:PORT expected");
      }
      String host = regAddr.substring(0, colon).isEmpty() ? "0.0.0.0"
          : regAddr.substring(0, colon);
      int port;
      try {
        port = Integer.parseInt(regAddr.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw BerthException.invalid("--registry-addr " + regAddr + ": bad port");
      }
      registry = dev.berth.registry.server.RegistryConfig.defaults(registryRoot != null
          ? registryRoot : rootDir.resolve("registry"))
          .withAddress(new java.net.InetSocketAddress(host, port));
      if (registryHtpasswd != null) {
        registry = registry.withBasicAuth(registryHtpasswd);
      }
    }
    List<String> insecure = insecureRegistries != null ? insecureRegistries
        : strings(file.path("insecure-registries"));
    List<java.net.URI> mirrors = new ArrayList<>();
    for (String m : registryMirrors != null ? registryMirrors
        : strings(file.path("registry-mirrors"))) {
      try {
        java.net.URI u = new java.net.URI(m);
        if (u.getScheme() == null || u.getHost() == null) {
          throw new java.net.URISyntaxException(m, "no scheme or host");
        }
        mirrors.add(u);
      } catch (java.net.URISyntaxException e) {
        throw BerthException.invalid("invalid mirror: \"" + m + "\" is not a valid URI");
      }
    }
    return new DaemonConfig(addresses, rootDir, exec, tls,
        new dev.berth.engine.EngineOptions(parent, ulimits, network), registry,
        new dev.berth.registry.client.RegistryHosts(insecure, mirrors,
            dev.berth.registry.client.RegistryHosts.DEFAULT_CERTS));
  }

  private static String text(JsonNode file, String key) {
    JsonNode v = file.get(key);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static Path path(JsonNode file, String key, Path otherwise) {
    String v = text(file, key);
    return v == null ? otherwise : Path.of(v);
  }
}
