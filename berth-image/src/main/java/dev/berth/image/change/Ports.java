package dev.berth.image.change;

import dev.berth.error.BerthException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** EXPOSE port specs: {@code 80}, {@code 80/udp}, {@code 8000-8002/tcp}, into set keys. */
final class Ports {
  private Ports() {}

  /** The {@code port/proto} keys one spec exposes; a range gives one key per port. */
  static List<String> keys(String spec) {
    // Docker's nat parser would also take ip:host:container and expose the container part;
    // EXPOSE publishes nothing, so a host part is refused rather than silently dropped.
    if (spec.contains(":")) {
      throw BerthException.invalid("invalid containerPort: " + spec
          + " (EXPOSE takes no host port or address)");
    }
    int slash = spec.indexOf('/');
    String port = slash < 0 ? spec : spec.substring(0, slash);
    String proto = slash < 0 || slash == spec.length() - 1
        ? "tcp" : spec.substring(slash + 1).toLowerCase(Locale.ROOT);
    if (!proto.equals("tcp") && !proto.equals("udp") && !proto.equals("sctp")) {
      throw BerthException.invalid("invalid proto: " + spec.substring(slash + 1));
    }
    if (port.isEmpty()) {
      throw BerthException.invalid("invalid containerPort: " + spec);
    }
    int dash = port.indexOf('-');
    int start = number(dash < 0 ? port : port.substring(0, dash), port);
    int end = dash < 0 ? start : number(port.substring(dash + 1), port);
    if (end < start) {
      throw BerthException.invalid("invalid range specified for port: " + port);
    }
    var keys = new ArrayList<String>(end - start + 1);
    for (int p = start; p <= end; p++) {
      keys.add(p + "/" + proto);
    }
    return keys;
  }

  private static int number(String s, String port) {
    // Decimal digits only, 0 to 65535, as Go's ParseUint(s, 10, 16) takes them.
    if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw BerthException.invalid("invalid containerPort: " + port);
    }
    int n = Integer.parseInt(s);
    if (n > 65535) {
      throw BerthException.invalid("invalid containerPort: " + port);
    }
    return n;
  }
}
