package dev.berth.api.http;

import dev.berth.error.BerthException;
import java.net.URI;
import java.nio.file.Path;

/**
 * Where berthd listens, as {@code -H} takes it: {@code unix:///run/berth/berth.sock} (or a bare
 * absolute path) or {@code tcp://host:port}.
 */
public sealed interface ListenAddress {
  record Unix(Path path) implements ListenAddress {
    @Override
    public String toString() {
      return "unix://" + path;
    }
  }

  record Tcp(String host, int port) implements ListenAddress {
    @Override
    public String toString() {
      return "tcp://" + host + ":" + port;
    }
  }

  static ListenAddress parse(String spec) {
    if (spec.startsWith("/")) {
      return new Unix(Path.of(spec));
    }
    if (spec.startsWith("unix://")) {
      String path = spec.substring("unix://".length());
      if (!path.startsWith("/")) {
        throw BerthException.invalid("invalid host \"" + spec + "\": the socket path must be"
            + " absolute");
      }
      return new Unix(Path.of(path));
    }
    if (spec.startsWith("tcp://")) {
      URI uri = URI.create(spec);
      if (uri.getHost() == null || uri.getPort() < 0) {
        throw BerthException.invalid("invalid host \"" + spec + "\": expected tcp://host:port");
      }
      String host = uri.getHost();
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      return new Tcp(host, uri.getPort());
    }
    throw BerthException.invalid("invalid host \"" + spec + "\": expected unix:///path or"
        + " tcp://host:port");
  }
}
