package dev.berth.network;

import dev.berth.error.BerthException;

/** Dotted-quad IPv4 addresses to and from unsigned 32-bit values. */
public final class Ipv4 {
  private Ipv4() {}

  public static long parse(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      throw BerthException.invalid("invalid IPv4 address: " + text);
    }
    long v = 0;
    for (String p : parts) {
      int b;
      try {
        b = Integer.parseInt(p);
      } catch (NumberFormatException e) {
        throw BerthException.invalid("invalid IPv4 address: " + text);
      }
      if (b < 0 || b > 255 || p.isEmpty() || p.length() > 3) {
        throw BerthException.invalid("invalid IPv4 address: " + text);
      }
      v = (v << 8) | b;
    }
    return v;
  }

  public static String format(long v) {
    return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
  }

  public static boolean valid(String text) {
    try {
      parse(text);
      return true;
    } catch (BerthException e) {
      return false;
    }
  }
}
