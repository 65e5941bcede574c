package dev.berth.client;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the daemon listens: {@code unix:///path} or {@code tcp://host:port} (with TLS when
 * {@link TlsOptions} say so), parsed the way the docker CLI parses {@code -H}.
 */
public sealed interface DockerHost {
  String DEFAULT = "unix:///run/berth/berth.sock";

  record Unix(Path socket) implements DockerHost {
    @Override
    public String toString() {
      return "unix://" + socket;
    }
  }

  record Tcp(String host, int port) implements DockerHost {
    @Override
    public String toString() {
      return "tcp://" + host + ":" + port;
    }
  }

  /** {@code -H} if given, else BERTH_HOST, else DOCKER_HOST, else the default socket. */
  static DockerHost resolve(String flag, Map<String, String> env) {
    String h = flag;
    if (h == null || h.isEmpty()) {
      h = env.getOrDefault("BERTH_HOST", "");
    }
    if (h.isEmpty()) {
      h = env.getOrDefault("DOCKER_HOST", "");
    }
    return parse(h.isEmpty() ? DEFAULT : h);
  }

  static DockerHost parse(String address) {
    String a = address.trim();
    if (a.startsWith("unix://")) {
      String path = a.substring("unix://".length());
      if (path.isEmpty()) {
        throw new IllegalArgumentException("invalid bind address (" + address + "): empty path");
      }
      return new Unix(Path.of(path));
    }
    if (a.startsWith("/")) {
      return new Unix(Path.of(a));
    }
    if (a.startsWith("tcp://") || a.startsWith("http://") || a.startsWith("https://")
        || !a.contains("://")) {
      String rest = a.contains("://") ? a.substring(a.indexOf("://") + 3) : a;
      URI u = URI.create("tcp://" + rest);
      if (u.getHost() == null) {
        throw new IllegalArgumentException("invalid bind address (" + address + ")");
      }
      int port = u.getPort() > 0 ? u.getPort() : a.startsWith("https://") ? 2376 : 2375;
      return new Tcp(u.getHost(), port);
    }
    throw new IllegalArgumentException("Invalid bind address format: " + address);
  }
}
