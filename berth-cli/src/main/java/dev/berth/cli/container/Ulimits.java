package dev.berth.cli.container;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.client.Json;
import java.util.List;

/** {@code --ulimit name=soft[:hard]} as the API's Ulimits. */
final class Ulimits {
  private Ulimits() {}

  static ArrayNode parse(List<String> specs) {
    ArrayNode a = Json.array();
    for (String s : specs) {
      String[] kv = s.split("=", 2);
      if (kv.length != 2) {
        throw bad(s, "invalid ulimit argument: " + s);
      }
      String[] lim = kv[1].split(":", 2);
      try {
        long soft = Long.parseLong(lim[0]);
        long hard = lim.length > 1 ? Long.parseLong(lim[1]) : soft;
        if (soft > hard && hard != -1) {
          throw bad(s, "ulimit soft limit must be less than or equal to hard limit: "
              + soft + " > " + hard);
        }
        ObjectNode u = a.addObject();
        u.put("Name", kv[0]);
        u.put("Hard", hard);
        u.put("Soft", soft);
      } catch (NumberFormatException e) {
        throw bad(s, "invalid ulimit value: " + kv[1]);
      }
    }
    return a;
  }

  private static IllegalArgumentException bad(String value, String why) {
    return new IllegalArgumentException("invalid argument \"" + value
        + "\" for \"--ulimit\" flag: " + why);
  }
}
