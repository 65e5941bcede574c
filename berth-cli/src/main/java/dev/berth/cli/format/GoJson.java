package dev.berth.cli.format;

import java.util.List;
import java.util.Map;

/**
 * JSON as Go's encoding/json writes it with HTML escaping off (docker's {@code json} function):
 * maps with sorted keys, JSON objects in their own order, floats as Go prints them.
 */
final class GoJson {
  private GoJson() {}

  /**
   * Fields of docker's API structs that are Go maps (their keys print sorted) even when every
   * key happens to be capitalised, as labels often are.
   */
  private static final java.util.Set<String> MAP_FIELDS = java.util.Set.of("Labels", "Options",
      "DriverOpts", "Annotations", "Details", "Attributes", "ExposedPorts", "Volumes", "Ports",
      "Networks", "Sysctls", "StorageOpt", "Tmpfs");

  static String encode(Object v) {
    StringBuilder sb = new StringBuilder();
    write(sb, Values.normalize(v), null);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Object v) {
    write(sb, v, null);
  }

  /** {@code key}: the field this value is under, which tells a Go map from a struct. */
  private static void write(StringBuilder sb, Object v, String key) {
    if (v == null || v == Values.NIL) {
      sb.append("null");
    } else if (v instanceof String s) {
      string(sb, s);
    } else if (v instanceof Long || v instanceof Boolean) {
      sb.append(v);
    } else if (v instanceof Double d) {
      sb.append(number(d));
    } else if (v instanceof JsonRow r) {
      Map<String, Object> m = r.json();
      object(sb, m, new java.util.ArrayList<>(m.keySet()));
    } else if (v instanceof Row r) {
      // docker's contexts marshal themselves with json.Marshal, which escapes <, > and &
      StringBuilder inner = new StringBuilder();
      object(inner, r.json(), Values.sortedKeys(r.json()));
      sb.append(escapeHtml(inner));
    } else if (Values.isMap(v)) {
      boolean struct = v instanceof GoStruct || (isStruct(v) && !isMapField(key, v));
      object(sb, v, struct ? Values.keys(v) : Values.sortedKeys(v));
    } else if (Values.isList(v)) {
      sb.append('[');
      List<Object> items = Values.list(v);
      for (int i = 0; i < items.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        write(sb, items.get(i));
      }
      sb.append(']');
    } else {
      string(sb, v.toString());
    }
  }

  private static void object(StringBuilder sb, Object map, List<String> keys) {
    sb.append('{');
    boolean first = true;
    for (String k : keys) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      string(sb, k);
      sb.append(':');
      write(sb, Values.mapGet(map, k), k);
    }
    sb.append('}');
  }

  /**
   * Go writes struct fields in declaration order and map keys sorted. A JSON object from the
   * API whose keys are all exported Go field names (capitalised) stands for a struct; others
   * (labels, options) were maps.
   */
  private static boolean isMapField(String key, Object v) {
    return key != null && MAP_FIELDS.contains(key);
  }

  private static boolean isStruct(Object v) {
    if (!(v instanceof com.fasterxml.jackson.databind.JsonNode)) {
      return false;
    }
    for (String k : Values.keys(v)) {
      if (k.isEmpty() || k.charAt(0) < 'A' || k.charAt(0) > 'Z') {
        return false;
      }
    }
    return true;
  }

  private static String escapeHtml(CharSequence json) {
    return json.toString().replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
  }

  static String number(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return "null";
    }
    double abs = Math.abs(d);
    if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
      String s = GoPrinter.formatFloat(d, 'e', -1);
      return s.replaceFirst("e-0(\\d)$", "e-$1");
    }
    return GoPrinter.formatFloat(d, 'f', -1);
  }

  static void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\u2028', '\u2029' -> sb.append(String.format("\\u%04x", (int) c));
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
