package dev.berth.oci.image;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.error.BerthException;

/** The one Jackson mapper of this package. */
final class Json {
  static final ObjectMapper MAPPER =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private Json() {}

  /** Reads {@code json} as {@code type}; errors are INVALID_ARGUMENT, prefixed with {@code doing}. */
  static <T> T read(byte[] json, Class<T> type, String doing) {
    try {
      return MAPPER.readValue(json, type);
    } catch (java.io.IOException e) {
      throw translate(doing, e);
    }
  }

  /** A validation error from inside a record keeps its message; other errors name the JSON path. */
  static BerthException translate(String doing, Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BerthException b) {
        return b.wrap(doing);
      }
    }
    String message = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
    String path = e instanceof com.fasterxml.jackson.databind.JsonMappingException m
        && !m.getPath().isEmpty() ? " at " + m.getPathReference() : "";
    return new BerthException(dev.berth.error.ErrorKind.INVALID_ARGUMENT,
        doing + ": " + message + path, e);
  }

  static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JacksonException e) {
      throw BerthException.invalid("writing " + value.getClass().getSimpleName() + ": "
          + e.getOriginalMessage());
    }
  }
}
