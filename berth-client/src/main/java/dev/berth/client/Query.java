package dev.berth.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Query parameters in the order added; a name may repeat (docker's {@code changes=}). */
public record Query(List<Map.Entry<String, String>> params) {
  public static final Query NONE = new Query(List.of());

  public Query {
    params = List.copyOf(params);
  }

  public static Query of(String... namesAndValues) {
    Query q = NONE;
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      q = q.with(namesAndValues[i], namesAndValues[i + 1]);
    }
    return q;
  }

  public Query with(String name, String value) {
    var l = new ArrayList<>(params);
    l.add(Map.entry(name, value));
    return new Query(l);
  }

  /** Adds the parameter only when {@code on}: docker sends flags like {@code all=1} only if set. */
  public Query flag(String name, boolean on) {
    return on ? with(name, "1") : this;
  }

  /** Adds the parameter only when the value is non-null and non-empty. */
  public Query withIfSet(String name, String value) {
    return value == null || value.isEmpty() ? this : with(name, value);
  }

  public String encode() {
    var sb = new StringBuilder();
    for (var e : params) {
      sb.append(sb.isEmpty() ? "" : "&").append(enc(e.getKey())).append('=')
          .append(enc(e.getValue()));
    }
    return sb.toString();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
