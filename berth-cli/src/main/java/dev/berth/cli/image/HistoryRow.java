package dev.berth.cli.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.container.Units;
import dev.berth.cli.format.Row;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One layer of {@code berth history}, with docker's columns and truncation. */
final class HistoryRow implements Row {
  static final String DEFAULT_TABLE = "table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}";
  static final String NON_HUMAN_TABLE = "table {{.ID}}\t{{.CreatedAt}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}";
  static final Map<String, String> TITLES = Map.of("ID", "IMAGE", "CreatedSince", "CREATED",
      "CreatedAt", "CREATED AT", "CreatedBy", "CREATED BY", "Size", "SIZE", "Comment", "COMMENT");
  /** Before 2000 a date is shown as nothing in human mode (docker's epoch rule). */
  private static final long EPOCH = 946684800L;

  private final JsonNode layer;
  private final boolean trunc;
  private final boolean human;
  private final Instant now;

  HistoryRow(JsonNode layer, boolean trunc, boolean human, Instant now) {
    this.layer = layer;
    this.trunc = trunc;
    this.human = human;
    this.now = now;
  }

  @Override
  public Object field(String name, List<Object> args) {
    Object v = value(name);
    if (v != NO_FIELD && !args.isEmpty()) {
      throw new IllegalArgumentException("wrong number of args for " + name + ": want 0 got " + args.size());
    }
    return v;
  }

  private Object value(String name) {
    long created = layer.path("Created").asLong();
    return switch (name) {
      case "ID" -> {
        String id = layer.path("Id").asText();
        yield trunc && !id.equals("<missing>") ? References.shortId(id) : id;
      }
      case "CreatedAt" -> Times.rfc3339(Instant.ofEpochSecond(created));
      case "CreatedSince" -> !human ? Times.rfc3339(Instant.ofEpochSecond(created))
          : created <= EPOCH ? "" : Times.since(Instant.ofEpochSecond(created), now);
      case "CreatedBy" -> {
        String by = layer.path("CreatedBy").asText("").replace('\t', ' ');
        yield trunc ? ellipsis(by, 45) : by;
      }
      case "Size" -> human ? Units.humanSize3(layer.path("Size").asLong())
          : Long.toString(layer.path("Size").asLong());
      case "Comment" -> layer.path("Comment").asText("");
      default -> NO_FIELD;
    };
  }

  /** docker's Ellipsis: at most {@code max} display characters, the last one "…". */
  static String ellipsis(String s, int max) {
    int n = s.codePointCount(0, s.length());
    if (n <= max) {
      return s;
    }
    int end = s.offsetByCodePoints(0, max - 1);
    return s.substring(0, end) + "…";
  }

  @Override
  public Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    for (String k : List.of("Comment", "CreatedAt", "CreatedBy", "CreatedSince", "ID", "Size")) {
      m.put(k, value(k));
    }
    return m;
  }

  @Override
  public String typeName() {
    return "*image.historyContext";
  }
}
