package dev.berth.cli.format;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a table's header row is rendered from: docker executes the row template over a
 * {@code map[string]string} of column titles, so an unknown name gives {@code <no value>} and a
 * method call with arguments stops the header there.
 */
record HeaderRow(Map<String, String> titles) implements Row {
  @Override
  public Object field(String name, List<Object> args) {
    if (!args.isEmpty()) {
      throw new IllegalArgumentException(name + " is not a method but has arguments");
    }
    if (titles == null) {
      return name.toUpperCase(Locale.ROOT);
    }
    // a name without a title is a missing map key: Go prints <no value>
    return titles.get(name);
  }

  @Override
  public Map<String, Object> json() {
    return titles == null ? Map.of() : Map.copyOf(titles);
  }

  @Override
  public String typeName() {
    return "map[string]string";
  }
}
