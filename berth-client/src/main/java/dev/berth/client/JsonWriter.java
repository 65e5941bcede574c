package dev.berth.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes Jackson trees as compact JSON text, byte for byte as Jackson's {@code toString} does
 * (short escapes for \b \t \n \f \r, six-character escapes for other control characters,
 * everything else as is), without the mapper whose set-up dominates a short CLI run.
 */
public final class JsonWriter {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private JsonWriter() {}

  public static String write(JsonNode node) {
    StringBuilder sb = new StringBuilder(256);
    write(sb, node);
    return sb.toString();
  }

  public static void write(StringBuilder sb, JsonNode node) {
    switch (node.getNodeType()) {
      case OBJECT -> {
        sb.append('{');
        boolean first = true;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          if (!first) {
            sb.append(',');
          }
          first = false;
          string(sb, e.getKey());
          sb.append(':');
          write(sb, e.getValue());
        }
        sb.append('}');
      }
      case ARRAY -> {
        sb.append('[');
        for (int i = 0; i < node.size(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          write(sb, node.get(i));
        }
        sb.append(']');
      }
      case STRING -> string(sb, node.textValue());
      case NUMBER -> sb.append(node.isDouble() ? Double.toString(node.doubleValue())
          : node.isFloat() ? Float.toString(node.floatValue()) : node.numberValue().toString());
      case BOOLEAN -> sb.append(node.booleanValue());
      case NULL, MISSING -> sb.append("null");
      default -> sb.append(node); // binary and POJO nodes: rare enough for Jackson's own way
    }
  }

  /** {@code s} as a quoted JSON string. */
  public static void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\b' -> sb.append("\\b");
        case '\t' -> sb.append("\\t");
        case '\n' -> sb.append("\\n");
        case '\f' -> sb.append("\\f");
        case '\r' -> sb.append("\\r");
        default -> {
          if (c < 0x20) {
            sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
