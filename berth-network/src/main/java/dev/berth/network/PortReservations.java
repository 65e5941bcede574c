package dev.berth.network;

import dev.berth.error.BerthException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Host ports held for published container ports. Each is a socket bound on the host, as
 * Docker's userland proxy holds one: another program cannot take the port while a container
 * publishes it, and a port some program already has is refused at start. Traffic itself never
 * reaches these sockets: the portmap plugin's DNAT rules send it to the container first.
 */
final class PortReservations {
  private final Map<String, NetworkChannel> held = new HashMap<>();
  private final Map<String, String> owners = new HashMap<>();

  /**
   * Holds every port of {@code wanted} for {@code owner}, choosing ephemeral host ports for
   * those at 0; all or nothing.
   */
  synchronized List<PortMapping> reserve(String owner, String endpoint, List<PortMapping> wanted) {
    List<PortMapping> done = new ArrayList<>();
    try {
      for (PortMapping m : wanted) {
        PortMapping chosen = m.hostPort() == 0 ? ephemeral(owner, m) : m;
        if (m.hostPort() != 0) {
          hold(owner, endpoint, chosen);
        }
        done.add(chosen);
      }
      return done;
    } catch (RuntimeException e) {
      done.forEach(this::release);
      throw e;
    }
  }

  synchronized void release(PortMapping m) {
    String key = key(m);
    NetworkChannel ch = held.remove(key);
    owners.remove(key);
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException e) {
        // closing a listening socket does not fail in a way we could act on
      }
    }
  }

  /** Lets go of every port (the daemon stops; its successor holds them again at start). */
  synchronized void closeAll() {
    held.values().forEach(PortReservations::closeQuietly);
    held.clear();
    owners.clear();
  }

  private PortMapping ephemeral(String owner, PortMapping m) {
    int[] range = localPortRange();
    int span = range[1] - range[0] + 1;
    int start = ThreadLocalRandom.current().nextInt(span);
    for (int i = 0; i < span; i++) {
      PortMapping candidate = new PortMapping(m.hostIp(), range[0] + (start + i) % span,
          m.containerPort(), m.protocol());
      if (owners.containsKey(key(candidate))) {
        continue;
      }
      try {
        hold(owner, null, candidate);
        return candidate;
      } catch (BerthException e) {
        // taken by some program: try the next
      }
    }
    throw BerthException.precondition("no free host port for " + m.containerPort() + "/"
        + m.protocol());
  }

  private void hold(String owner, String endpoint, PortMapping m) {
    String key = key(m);
    if (owners.containsKey(key) || anyAddressClash(m)) {
      throw BerthException.precondition("driver failed programming external connectivity on"
          + " endpoint " + owner + " (" + endpoint + "): Bind for " + m.hostSide()
          + " failed: port is already allocated");
    }
    InetSocketAddress at = new InetSocketAddress(m.hostIp().isEmpty() ? "0.0.0.0" : m.hostIp(),
        m.hostPort());
    NetworkChannel ch = null;
    try {
      if (m.protocol().equals("udp")) {
        ch = DatagramChannel.open(StandardProtocolFamily.INET);
      } else {
        ch = ServerSocketChannel.open(StandardProtocolFamily.INET);
        ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      }
      if (ch instanceof ServerSocketChannel s) {
        s.bind(at, 1);
      } else {
        ch.bind(at);
      }
    } catch (IOException e) {
      closeQuietly(ch);
      String proto = m.protocol().equals("udp") ? "udp4" : "tcp4";
      throw BerthException.precondition("driver failed programming external connectivity on"
          + " endpoint " + owner + " (" + endpoint + "): Error starting userland proxy: listen "
          + proto + " " + m.hostSide() + ": bind: address already in use");
    }
    held.put(key, ch);
    owners.put(key, owner);
  }

  /** 0.0.0.0:p clashes with any address's p of the same protocol, and the reverse. */
  private boolean anyAddressClash(PortMapping m) {
    String suffix = ":" + m.hostPort() + "/" + m.protocol();
    return owners.keySet().stream().anyMatch(k -> k.endsWith(suffix)
        && (m.hostIp().isEmpty() || k.startsWith("0.0.0.0:")));
  }

  private static void closeQuietly(NetworkChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException ignored) {
        // nothing held
      }
    }
  }

  private static String key(PortMapping m) {
    return m.hostSide() + "/" + m.protocol();
  }

  private static int[] localPortRange() {
    try {
      String[] f = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim()
          .split("\\s+");
      return new int[] {Integer.parseInt(f[0]), Integer.parseInt(f[1])};
    } catch (IOException | RuntimeException e) {
      return new int[] {32768, 60999};
    }
  }
}
