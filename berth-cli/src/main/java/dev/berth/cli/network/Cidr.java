package dev.berth.cli.network;

import dev.berth.cli.CliException;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 or IPv6 network in CIDR form, for the client-side checks of network create. */
record Cidr(byte[] address, int bits) {

  static Cidr parse(String s) {
    int slash = s.indexOf('/');
    if (slash < 0) {
      throw new CliException("invalid CIDR address: " + s);
    }
    byte[] ip;
    int bits;
    try {
      ip = address(s.substring(0, slash));
      bits = Integer.parseInt(s.substring(slash + 1));
    } catch (CliException | NumberFormatException e) {
      throw new CliException("invalid CIDR address: " + s);
    }
    if (bits < 0 || bits > ip.length * 8) {
      throw new CliException("invalid CIDR address: " + s);
    }
    return new Cidr(ip, bits);
  }

  /** A literal address (no name lookups). */
  static byte[] address(String s) {
    if (s.isEmpty() || !s.matches("[0-9a-fA-F:.]+") || (!s.contains(":") && s.split("\\.").length != 4)) {
      throw new CliException("invalid address: " + s);
    }
    try {
      return InetAddress.getByName(s).getAddress();
    } catch (UnknownHostException e) {
      throw new CliException("invalid address: " + s);
    }
  }

  boolean contains(byte[] ip) {
    if (ip.length != address.length) {
      return false;
    }
    for (int b = 0; b < bits; b++) {
      int mask = 0x80 >> (b % 8);
      if ((ip[b / 8] & mask) != (address[b / 8] & mask)) {
        return false;
      }
    }
    return true;
  }

  boolean overlaps(Cidr o) {
    return contains(o.address) || o.contains(address);
  }
}
