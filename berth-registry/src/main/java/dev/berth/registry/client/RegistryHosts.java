package dev.berth.registry.client;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where registries live and how to reach them, by Docker's rules: {@code docker.io} is {@code
 * registry-1.docker.io} (after any mirrors); {@code localhost}, {@code 127.0.0.0/8}, {@code ::1}
 * and the insecure list (exact {@code host[:port]} or an IPv4 CIDR) speak plain HTTP; every other
 * registry HTTPS with the system trust store plus {@code <certsDir>/<host[:port]>/}.
 */
public final class RegistryHosts {
  /** Docker's per-registry TLS directory, Berth's path. */
  public static final Path DEFAULT_CERTS = Path.of("/etc/berth/certs.d");

  private final List<String> insecure;
  private final List<URI> mirrors;
  private final Path certsDir;
  private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();

  public RegistryHosts(List<String> insecure, List<URI> mirrors, Path certsDir) {
    this.insecure = List.copyOf(insecure);
    this.mirrors = List.copyOf(mirrors);
    this.certsDir = certsDir;
  }

  /** No insecure registries, no mirrors, {@link #DEFAULT_CERTS}. */
  public static RegistryHosts defaults() {
    return new RegistryHosts(List.of(), List.of(), DEFAULT_CERTS);
  }

  /** How to reach {@code domain} for a pull: docker.io's mirrors first, then the registry. */
  public List<RegistryEndpoint> pullEndpoints(String domain) {
    List<RegistryEndpoint> out = new ArrayList<>();
    if (domain.equals("docker.io")) {
      for (URI m : mirrors) {
        String host = m.getAuthority();
        out.add(new RegistryEndpoint(domain, m, client(host, m.getScheme().equals("http")),
            true));
      }
    }
    out.add(endpoint(domain));
    return out;
  }

  /** How to reach {@code domain} for a push or a login: the registry itself. */
  public RegistryEndpoint endpoint(String domain) {
    String host = domain.equals("docker.io") ? "registry-1.docker.io" : domain;
    boolean plain = plainHttp(host);
    URI base = URI.create((plain ? "http://" : "https://") + host);
    return new RegistryEndpoint(domain, base, client(host, plain), false);
  }

  /** Where {@code domain}'s search lives: Docker Hub's index for docker.io, else the registry. */
  public RegistryEndpoint searchEndpoint(String domain) {
    if (!domain.equals("docker.io")) {
      return endpoint(domain);
    }
    return new RegistryEndpoint(domain, URI.create("https://index.docker.io"),
        client("index.docker.io", false), false);
  }

  /** Whether {@code hostPort} is spoken to in plain HTTP. */
  public boolean plainHttp(String hostPort) {
    String host = hostOf(hostPort);
    if (host.equals("localhost") || host.equals("::1") || host.startsWith("127.")
        && isIpv4(host)) {
      return true;
    }
    for (String entry : insecure) {
      if (entry.equals(hostPort) || entry.equals(host)
          || entry.contains("/") && inCidr(host, entry)) {
        return true;
      }
    }
    return false;
  }

  private HttpClient client(String hostPort, boolean plain) {
    String key = (plain ? "http://" : "https://") + hostPort;
    return clients.computeIfAbsent(key, k -> {
      HttpClient.Builder b = HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(30))
          .followRedirects(HttpClient.Redirect.NEVER); // blobs: no Authorization to a CDN
      if (!plain) {
        b.sslContext(TlsContexts.forDirectory(certsDir == null ? null
            : certsDir.resolve(hostPort)));
      }
      return b.build();
    });
  }

  /** The host of {@code host[:port]} or {@code [v6]:port}, brackets removed. */
  static String hostOf(String hostPort) {
    if (hostPort.startsWith("[")) {
      int end = hostPort.indexOf(']');
      return end < 0 ? hostPort : hostPort.substring(1, end);
    }
    int colon = hostPort.indexOf(':');
    return colon < 0 || hostPort.indexOf(':', colon + 1) >= 0 ? hostPort
        : hostPort.substring(0, colon);
  }

  private static boolean isIpv4(String host) {
    return host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
  }

  private static boolean inCidr(String host, String cidr) {
    if (!isIpv4(host)) {
      return false;
    }
    try {
      String[] parts = cidr.split("/", 2);
      int bits = Integer.parseInt(parts[1]);
      byte[] net = InetAddress.getByName(parts[0]).getAddress();
      byte[] ip = InetAddress.getByName(host).getAddress();
      if (net.length != 4 || bits < 0 || bits > 32) {
        return false;
      }
      int mask = bits == 0 ? 0 : -1 << (32 - bits);
      return (toInt(net) & mask) == (toInt(ip) & mask);
    } catch (UnknownHostException | NumberFormatException e) {
      return false;
    }
  }

  private static int toInt(byte[] a) {
    return (a[0] & 0xff) << 24 | (a[1] & 0xff) << 16 | (a[2] & 0xff) << 8 | (a[3] & 0xff);
  }
}
