package dev.berth.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON for the client and the CLI: trees are Jackson's, but text is read and written by
 * {@link JsonReader} and {@link JsonWriter}, and the one Jackson mapper is made only when a
 * command needs data binding, since its set-up costs a short CLI run more than its request.
 */
public final class Json {
  private Json() {}

  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  public static ArrayNode array() {
    return JsonNodeFactory.instance.arrayNode();
  }

  /** One JSON value from {@code bytes}; malformed text throws {@link JsonReader.JsonException}. */
  public static JsonNode parse(byte[] bytes) {
    return JsonReader.parse(bytes);
  }

  public static JsonNode parse(String text) {
    return JsonReader.parse(text);
  }

  /** Compact JSON text, as Jackson's {@code toString} writes it. */
  public static String write(JsonNode node) {
    return JsonWriter.write(node);
  }

  /** The shared mapper, made on first use. */
  public static ObjectMapper mapper() {
    return Mapper.INSTANCE;
  }

  private static final class Mapper {
    static final ObjectMapper INSTANCE = new ObjectMapper();
  }
}
