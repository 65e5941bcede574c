package dev.berth.cli.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The template's view of Java data as Go values. Java {@code null} is Go's invalid value (a
 * missing map key); {@link #NIL} is a nil interface (a JSON null). JSON objects and Java maps are
 * {@code map[string]interface {}}, JSON arrays and lists {@code []interface {}}, integral numbers
 * Long ({@code int}), other numbers Double ({@code float64}).
 */
final class Values {
  /** A nil interface value: JSON null, or Go's nil inside data. */
  static final Object NIL = new Object() {
    @Override
    public String toString() {
      return "<nil>";
    }
  };

  private Values() {}

  /**
   * Scalars to String/Long/Double/Boolean; containers stay as they are. (instanceof chains,
   * not pattern switches, here and in the executor: a CLI runs them once, and each pattern
   * switch costs a bootstrap at start-up.)
   */
  static Object normalize(Object v) {
    if (v == null) {
      return NIL;
    }
    if (v instanceof String || v instanceof Long || v instanceof Boolean || v instanceof Double) {
      return v;
    }
    if (v instanceof JsonNode j) {
      if (j.isNull() || j.isMissingNode()) {
        return NIL;
      }
      if (j.isTextual()) {
        return j.textValue();
      }
      if (j.isBoolean()) {
        return j.booleanValue();
      }
      if (j.isIntegralNumber()) {
        return j.canConvertToLong() ? (Object) j.longValue() : j.doubleValue();
      }
      if (j.isNumber()) {
        return j.doubleValue();
      }
      return j.isBinary() ? j.asText() : v;
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Float || v instanceof java.math.BigDecimal) {
      return ((Number) v).doubleValue();
    }
    if (v instanceof java.math.BigInteger i) {
      return i.longValue();
    }
    if (v instanceof Character c) {
      return (long) c;
    }
    if (v instanceof Object[] a) {
      return Arrays.asList(a);
    }
    if (v instanceof Enum<?> e) {
      return e.toString();
    }
    return v;
  }

  static boolean isMap(Object v) {
    return v instanceof Map<?, ?> || (v instanceof JsonNode j && j.isObject());
  }

  static boolean isList(Object v) {
    return v instanceof List<?> || v instanceof Collection<?> || (v instanceof JsonNode j && j.isArray());
  }

  /** A map entry, or null when the key is absent. */
  static Object mapGet(Object map, Object key) {
    if (map instanceof JsonNode j) {
      JsonNode child = key instanceof String s ? j.get(s) : null;
      return child == null ? null : normalize(child);
    }
    Map<?, ?> m = (Map<?, ?>) map;
    if (!m.containsKey(key)) {
      return null;
    }
    return normalize(m.get(key));
  }

  /** Keys in Go's printing and ranging order: sorted. */
  static List<String> sortedKeys(Object map) {
    List<String> keys = new ArrayList<>();
    if (map instanceof JsonNode j) {
      j.fieldNames().forEachRemaining(keys::add);
    } else {
      ((Map<?, ?>) map).keySet().forEach(k -> keys.add(String.valueOf(k)));
    }
    keys.sort(null);
    return keys;
  }

  /** Keys in the data's own order (struct field order, for JSON output). */
  static List<String> keys(Object map) {
    List<String> keys = new ArrayList<>();
    if (map instanceof JsonNode j) {
      j.fieldNames().forEachRemaining(keys::add);
    } else {
      ((Map<?, ?>) map).keySet().forEach(k -> keys.add(String.valueOf(k)));
    }
    return keys;
  }

  static List<Object> list(Object v) {
    List<Object> out = new ArrayList<>();
    if (v instanceof JsonNode j) {
      for (Iterator<JsonNode> it = j.elements(); it.hasNext(); ) {
        out.add(normalize(it.next()));
      }
    } else {
      for (Object o : (Collection<?>) v) {
        out.add(normalize(o));
      }
    }
    return out;
  }

  static int size(Object v) {
    if (v instanceof JsonNode j) {
      return j.size();
    }
    if (v instanceof Map<?, ?> m) {
      return m.size();
    }
    return ((Collection<?>) v).size();
  }

  /** Go's truth: false, 0, nil, and empty strings, slices and maps are false. */
  static boolean isTrue(Object v) {
    if (v == null || v == NIL) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof Long l) {
      return l != 0;
    }
    if (v instanceof Double d) {
      return d != 0;
    }
    if (v instanceof String s) {
      return !s.isEmpty();
    }
    if (v instanceof Row) {
      return true;
    }
    return !(isMap(v) || isList(v)) || size(v) > 0;
  }

  /** The Go type name shown in error messages. */
  static String typeName(Object v) {
    if (v == null) {
      return "<nil>";
    }
    if (v instanceof String) {
      return "string";
    }
    if (v instanceof Long) {
      return "int";
    }
    if (v instanceof Double) {
      return "float64";
    }
    if (v instanceof Boolean) {
      return "bool";
    }
    if (v instanceof Row r) {
      return r.typeName();
    }
    if (v == NIL) {
      return "interface {}";
    }
    if (isMap(v)) {
      return v instanceof Map<?, ?> m && !m.isEmpty() && m.values().stream().allMatch(x -> x instanceof String)
          ? "map[string]string" : "map[string]interface {}";
    }
    if (isList(v)) {
      return "[]interface {}";
    }
    return v.getClass().getSimpleName();
  }
}
