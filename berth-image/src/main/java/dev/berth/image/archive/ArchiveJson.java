package dev.berth.image.archive;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.error.BerthException;
import dev.berth.error.ErrorKind;
import java.io.IOException;

/** JSON of the archive's own files (manifest.json, repositories, oci-layout). */
final class ArchiveJson {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private ArchiveJson() {}

  /** Parses {@code json}; invalid JSON is INVALID_ARGUMENT naming {@code what}. */
  static JsonNode tree(byte[] json, String what) {
    try {
      JsonNode node = MAPPER.readTree(json);
      if (node == null || node.isMissingNode()) {
        throw BerthException.invalid(what + ": empty file");
      }
      return node;
    } catch (JacksonException e) {
      throw new BerthException(ErrorKind.INVALID_ARGUMENT,
          what + ": not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw BerthException.invalid(what + ": " + e.getMessage());
    }
  }

  static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JacksonException e) {
      throw new IllegalStateException("plain maps and lists always serialise", e);
    }
  }
}
