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

  /** Scalars to String/Long/Double/Boolean; containers stay as they are. */
  static Object normalize(Object v) {
    return switch (v) {
      case null -> NIL;
      case JsonNode j when j.isNull() || j.isMissingNode() -> NIL;
      case JsonNode j when j.isTextual() -> j.textValue();
      case JsonNode j when j.isBoolean() -> j.booleanValue();
      case JsonNode j when j.isIntegralNumber() -> j.canConvertToLong() ? (Object) j.longValue() : j.doubleValue();
      case JsonNode j when j.isNumber() -> j.doubleValue();
      case JsonNode j when j.isBinary() -> j.asText();
      case Integer i -> i.longValue();
      case Short s -> s.longValue();
      case Byte b -> b.longValue();
      case Float f -> f.doubleValue();
      case java.math.BigDecimal d -> d.doubleValue();
      case java.math.BigInteger i -> i.longValue();
      case Character c -> (long) c;
      case Object[] a -> Arrays.asList(a);
      case Enum<?> e -> e.toString();
      default -> v;
    };
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
    return switch (v) {
      case null -> false;
      case Boolean b -> b;
      case Long l -> l != 0;
      case Double d -> d != 0;
      case String s -> !s.isEmpty();
      case Row r -> true;
      default -> {
        if (v == NIL) {
          yield false;
        }
        if (isMap(v) || isList(v)) {
          yield size(v) > 0;
        }
        yield true;
      }
    };
  }

  /** The Go type name shown in error messages. */
  static String typeName(Object v) {
    return switch (v) {
      case null -> "<nil>";
      case String s -> "string";
      case Long l -> "int";
      case Double d -> "float64";
      case Boolean b -> "bool";
      case Row r -> r.typeName();
      default -> {
        if (v == NIL) {
          yield "interface {}";
        }
        if (isMap(v)) {
          yield v instanceof Map<?, ?> m && m.values().stream().allMatch(x -> x instanceof String)
              && !m.isEmpty() ? "map[string]string" : "map[string]interface {}";
        }
        if (isList(v)) {
          yield "[]interface {}";
        }
        yield v.getClass().getSimpleName();
      }
    };
  }
}
