package dev.berth.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.error.BerthException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code filters} query parameter in both forms clients send: the Go clients' map form
 * {@code {"label":{"k=v":true}}} and docker-java's list form {@code {"label":["k=v"]}}.
 */
public final class Filters {
  private Filters() {}

  /** Parses {@code json}; null or empty is no filters. */
  public static Map<String, List<String>> parse(String json) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (json == null || json.isBlank()) {
      return out;
    }
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw BerthException.invalid("invalid filters \"" + json + "\": " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw BerthException.invalid("invalid filters \"" + json + "\": not a JSON object");
    }
    for (var field : root.properties()) {
      List<String> values = new ArrayList<>();
      JsonNode v = field.getValue();
      if (v.isObject()) {
        for (var term : v.properties()) {
          if (term.getValue().asBoolean(true)) {
            values.add(term.getKey());
          }
        }
      } else if (v.isArray()) {
        v.forEach(term -> values.add(term.asText()));
      } else if (v.isTextual()) {
        values.add(v.asText());
      } else {
        throw BerthException.invalid("invalid filters \"" + json + "\": values of \""
            + field.getKey() + "\" are neither a map nor a list");
      }
      out.put(field.getKey(), values);
    }
    return out;
  }

  /** A {@code label} filter term: {@code k} (the label is set) or {@code k=v} (set to v). */
  public static boolean hasLabel(Map<String, String> labels, String term) {
    int eq = term.indexOf('=');
    return eq < 0 ? labels.containsKey(term)
        : term.substring(eq + 1).equals(labels.get(term.substring(0, eq)));
  }
}
