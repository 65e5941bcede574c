package dev.berth.cli.format;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** A {@link Row} over a fixed map of field values; suppliers are called when the field is used. */
record MapRow(String typeName, Map<String, ?> fields) implements Row {

  @Override
  public Object field(String name, List<Object> args) {
    if (!fields.containsKey(name)) {
      return NO_FIELD;
    }
    if (!args.isEmpty()) {
      throw new IllegalArgumentException(
          "wrong number of args for " + name + ": want 0 got " + args.size());
    }
    return value(fields.get(name));
  }

  @Override
  public Map<String, Object> json() {
    Map<String, Object> out = new LinkedHashMap<>();
    fields.forEach((k, v) -> out.put(k, value(v)));
    return out;
  }

  private static Object value(Object v) {
    return v instanceof Supplier<?> s ? s.get() : v;
  }
}
