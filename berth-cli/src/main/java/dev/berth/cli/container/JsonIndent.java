package dev.berth.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Go's {@code json.Indent(dst, src, "", "    ")}: the daemon's JSON with four-space indents,
 * {@code "key": value}, empty arrays and objects as {@code []} and {@code {}}.
 */
public final class JsonIndent {
  private JsonIndent() {}

  public static String of(JsonNode node) {
    var sb = new StringBuilder();
    write(sb, node, 0);
    return sb.toString();
  }

  private static void write(StringBuilder sb, JsonNode n, int depth) {
    if (n.isObject()) {
      if (n.isEmpty()) {
        sb.append("{}");
        return;
      }
      sb.append("{\n");
      Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator();
      while (it.hasNext()) {
        var e = it.next();
        indent(sb, depth + 1);
        dev.berth.client.JsonWriter.string(sb, e.getKey());
        sb.append(": ");
        write(sb, e.getValue(), depth + 1);
        sb.append(it.hasNext() ? ",\n" : "\n");
      }
      indent(sb, depth);
      sb.append('}');
    } else if (n.isArray()) {
      if (n.isEmpty()) {
        sb.append("[]");
        return;
      }
      sb.append("[\n");
      for (int i = 0; i < n.size(); i++) {
        indent(sb, depth + 1);
        write(sb, n.get(i), depth + 1);
        sb.append(i + 1 < n.size() ? ",\n" : "\n");
      }
      indent(sb, depth);
      sb.append(']');
    } else {
      dev.berth.client.JsonWriter.write(sb, n);
    }
  }

  private static void indent(StringBuilder sb, int depth) {
    sb.repeat("    ", depth);
  }
}
