package dev.berth.cli.volume;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import java.util.TreeMap;

/** Go marshals maps with sorted keys: the named map fields of an object, re-ordered so. */
final class GoMaps {
  private GoMaps() {}

  static JsonNode sorted(JsonNode node, Set<String> mapFields) {
    if (!(node instanceof ObjectNode o)) {
      return node;
    }
    for (String f : mapFields) {
      if (o.get(f) instanceof ObjectNode m) {
        var keys = new TreeMap<String, JsonNode>();
        m.properties().forEach(e -> keys.put(e.getKey(), e.getValue()));
        m.removeAll();
        m.setAll(keys);
      }
    }
    return o;
  }
}
