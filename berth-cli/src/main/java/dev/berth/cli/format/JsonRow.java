package dev.berth.cli.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON object from the API standing in for the Go struct docker executes templates on
 * ({@code system.dockerInfo}, {@code *events.Message}): its keys are fields, an unknown name
 * fails with "can't evaluate field X in type T" as with the struct, and nested objects behave
 * as maps. Extra fields (computed ones) can be laid over the JSON.
 */
public final class JsonRow implements Row {
  private final JsonNode node;
  private final String typeName;
  private final Map<String, Object> extra;
  private final Map<String, Object> aliases;
  private final Map<String, Object> overrides = new LinkedHashMap<>();

  /**
   * @param extra fields added to the JSON's, shown by {@code {{json .}}} too
   * @param aliases fields templates may use but JSON does not show: Go field names whose JSON
   *     key differs ({@code APIVersion} for {@code ApiVersion}), zero values of absent fields
   */
  public JsonRow(JsonNode node, String typeName, Map<String, Object> extra, Map<String, Object> aliases) {
    this.node = node;
    this.typeName = typeName;
    this.extra = extra;
    this.aliases = aliases;
  }

  public JsonRow(JsonNode node, String typeName, Map<String, Object> extra) {
    this(node, typeName, extra, Map.of());
  }

  public JsonRow(JsonNode node, String typeName) {
    this(node, typeName, Map.of(), Map.of());
  }

  /**
   * Makes templates see {@code value} for {@code name} in place of the JSON's (a typed view of
   * a nested object); JSON output is unchanged.
   */
  public JsonRow override(String name, Object value) {
    overrides.put(name, value);
    return this;
  }

  @Override
  public Object field(String name, List<Object> args) {
    Object v;
    if (overrides.containsKey(name)) {
      v = overrides.get(name);
    } else if (extra.containsKey(name)) {
      v = extra.get(name);
    } else if (node.has(name)) {
      v = node.get(name);
    } else if (aliases.containsKey(name)) {
      v = aliases.get(name);
    } else {
      return NO_FIELD;
    }
    if (!args.isEmpty()) {
      throw new IllegalArgumentException(name + " is not a method but has arguments");
    }
    return v;
  }

  @Override
  public Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    node.fieldNames().forEachRemaining(k -> m.put(k, node.get(k)));
    m.putAll(extra);
    return m;
  }

  /** JSON output keeps the struct's field order rather than sorting. */
  JsonNode node() {
    return node;
  }

  @Override
  public String typeName() {
    return typeName;
  }
}
