package dev.berth.cli.network;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.client.Json;
import java.util.List;

/**
 * docker's --label and --opt lists as the API's string maps: "k=v", or "k" for an empty value;
 * keys sorted, as a Go map is marshalled.
 */
public final class KeyValues {
  private KeyValues() {}

  public static ObjectNode map(List<String> pairs) {
    var sorted = new java.util.TreeMap<String, String>();
    for (String p : pairs) {
      int eq = p.indexOf('=');
      if (eq < 0) {
        sorted.put(p, "");
      } else {
        sorted.put(p.substring(0, eq), p.substring(eq + 1));
      }
    }
    ObjectNode m = Json.object();
    sorted.forEach(m::put);
    return m;
  }
}
