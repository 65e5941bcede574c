package dev.berth.network;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The host's name servers from {@code /etc/resolv.conf}, the embedded DNS's upstreams. */
public final class HostResolvers {
  private HostResolvers() {}

  public static List<InetSocketAddress> read() {
    return nameservers(Path.of("/etc/resolv.conf")).stream()
        .map(a -> new InetSocketAddress(a, 53)).toList();
  }

  /** The {@code nameserver} lines of a resolv.conf, in order. */
  public static List<String> nameservers(Path resolvConf) {
    List<String> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(resolvConf)) {
        String[] f = line.trim().split("\\s+");
        if (f.length >= 2 && f[0].equals("nameserver")) {
          out.add(f[1]);
        }
      }
    } catch (IOException e) {
      // no resolv.conf: no upstreams
    }
    return out;
  }
}
