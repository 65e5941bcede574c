package dev.berth.network;

import dev.berth.error.BerthException;

/** An IPv4 prefix ({@code 172.18.0.0/16}); addresses as unsigned 32-bit values in a long. */
public record Cidr(long base, int prefix) {
  public Cidr {
    if (prefix < 0 || prefix > 32) {
      throw BerthException.invalid("invalid prefix length " + prefix);
    }
    base = base & mask(prefix);
  }

  /** {@code 10.1.0.0/16}; a bare address is a /32. */
  public static Cidr parse(String text) {
    int slash = text.indexOf('/');
    try {
      long addr = Ipv4.parse(slash < 0 ? text : text.substring(0, slash));
      int prefix = slash < 0 ? 32 : Integer.parseInt(text.substring(slash + 1));
      return new Cidr(addr, prefix);
    } catch (NumberFormatException | BerthException e) {
      throw BerthException.invalid("invalid CIDR address: " + text);
    }
  }

  static long mask(int prefix) {
    return prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
  }

  public boolean contains(long address) {
    return (address & mask(prefix)) == base;
  }

  public boolean contains(Cidr other) {
    return other.prefix >= prefix && contains(other.base);
  }

  public boolean overlaps(Cidr other) {
    return contains(other.base) || other.contains(base);
  }

  /** The n-th address in the prefix (1 is the usual gateway). */
  public long address(long n) {
    return base + n;
  }

  public long last() {
    return base | (~mask(prefix) & 0xffffffffL);
  }

  @Override
  public String toString() {
    return Ipv4.format(base) + "/" + prefix;
  }
}
