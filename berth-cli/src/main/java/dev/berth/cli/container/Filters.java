package dev.berth.cli.container;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.cli.CliException;
import dev.berth.client.Json;
import dev.berth.client.Query;
import java.util.List;

/** {@code --filter k=v} flags as the API's {@code filters={"k":{"v":true}}}. */
public final class Filters {
  private Filters() {}

  public static Query query(List<String> filters) {
    if (filters.isEmpty()) {
      return Query.NONE;
    }
    ObjectNode f = Json.object();
    for (String s : filters) {
      int eq = s.indexOf('=');
      if (eq <= 0) {
        throw new CliException("bad format of filter (expected name=value)");
      }
      f.with(s.substring(0, eq).trim().toLowerCase(java.util.Locale.ROOT))
          .put(s.substring(eq + 1), true);
    }
    return Query.of("filters", Json.write(f));
  }
}
