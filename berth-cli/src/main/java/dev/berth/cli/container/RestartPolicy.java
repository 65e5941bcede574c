package dev.berth.cli.container;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.client.Json;

/** {@code --restart no|always|unless-stopped|on-failure[:N]} as the API's RestartPolicy. */
final class RestartPolicy {
  private RestartPolicy() {}

  static ObjectNode parse(String spec) {
    ObjectNode p = Json.object();
    String s = spec == null || spec.isEmpty() ? "no" : spec;
    String[] parts = s.split(":", 2);
    String name = parts[0];
    int max = 0;
    if (!name.matches("no|always|unless-stopped|on-failure")) {
      throw new IllegalArgumentException("invalid restart policy '" + s + "'");
    }
    if (parts.length == 2) {
      if (!name.equals("on-failure")) {
        throw new IllegalArgumentException("invalid restart policy format: "
            + "maximum retry count can only be used with 'on-failure'");
      }
      try {
        max = Integer.parseInt(parts[1]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("invalid restart policy format: maximum retry count must be an integer");
      }
    }
    p.put("Name", name);
    p.put("MaximumRetryCount", max);
    return p;
  }
}
