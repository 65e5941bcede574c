package dev.berth.network;

import dev.berth.error.BerthException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Docker's default address pools: 172.17.0.0/16 to 172.31.0.0/16, then 192.168.0.0/16 in
 * /20s. A subnet is free when no network of ours and no route of the host overlaps it;
 * 172.17.0.0/16 is left to Docker's docker0, which takes it whether or not dockerd runs now.
 */
final class SubnetPool {
  private static final Cidr DOCKER0 = Cidr.parse("172.17.0.0/16");
  private final Path routes;

  SubnetPool(Path routes) {
    this.routes = routes;
  }

  static SubnetPool host() {
    return new SubnetPool(Path.of("/proc/net/route"));
  }

  Cidr next(Collection<Cidr> taken) {
    List<Cidr> busy = new ArrayList<>(taken);
    busy.addAll(hostRoutes());
    busy.add(DOCKER0);
    for (Cidr candidate : candidates()) {
      if (busy.stream().noneMatch(candidate::overlaps)) {
        return candidate;
      }
    }
    throw BerthException.precondition("could not find an available, non-overlapping IPv4"
        + " address pool among the defaults to assign to the network");
  }

  private static List<Cidr> candidates() {
    List<Cidr> all = new ArrayList<>();
    for (int b = 17; b <= 31; b++) {
      all.add(Cidr.parse("172." + b + ".0.0/16"));
    }
    for (int c = 0; c < 256; c += 16) {
      all.add(Cidr.parse("192.168." + c + ".0/20"));
    }
    return all;
  }

  /** The host's routes except the default one ({@code /proc/net/route}, little-endian hex). */
  List<Cidr> hostRoutes() {
    List<Cidr> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(routes).stream().skip(1).toList()) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 8) {
          continue;
        }
        long dest = Long.reverseBytes(Long.parseLong(f[1], 16) << 32) & 0xffffffffL;
        long mask = Long.reverseBytes(Long.parseLong(f[7], 16) << 32) & 0xffffffffL;
        int prefix = Long.bitCount(mask);
        if (prefix > 0) {
          out.add(new Cidr(dest, prefix));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // no routing table to read: nothing to avoid
    }
    return out;
  }
}
