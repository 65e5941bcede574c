package dev.berth.cli.format;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Data standing in for a Go struct: {@code {{json .}}} writes its fields in their order
 * instead of sorting them as it does for maps.
 */
public final class GoStruct extends LinkedHashMap<String, Object> {
  public GoStruct(Map<String, ?> fields) {
    super(fields);
  }
}
