package dev.berth.engine.volume;

import dev.berth.error.BerthException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Docker's volume filters: {@code name} (part of the name), {@code label} ({@code k} or
 * {@code k=v}, all must hold), {@code label!}, {@code dangling} (no container uses it) and
 * {@code driver}; prune also takes {@code all}.
 */
record VolumeFilters(Map<String, List<String>> filters) {
  private static final Set<String> LIST = Set.of("name", "label", "label!", "dangling", "driver");
  private static final Set<String> PRUNE = Set.of("label", "label!", "all");

  static VolumeFilters forList(Map<String, List<String>> filters) {
    return checked(filters, LIST);
  }

  static VolumeFilters forPrune(Map<String, List<String>> filters) {
    VolumeFilters f = checked(filters, PRUNE);
    f.flag("all");
    return f;
  }

  private static VolumeFilters checked(Map<String, List<String>> filters, Set<String> known) {
    Map<String, List<String>> f = filters == null ? Map.of() : filters;
    for (String k : f.keySet()) {
      if (!known.contains(k)) {
        throw BerthException.invalid("invalid filter '" + k + "'");
      }
    }
    VolumeFilters out = new VolumeFilters(Map.copyOf(f));
    out.flag("dangling");
    return out;
  }

  /** A boolean filter: null when absent; Docker's {@code true}/{@code 1}/{@code false}/{@code 0}. */
  Boolean flag(String key) {
    List<String> v = filters.get(key);
    if (v == null || v.isEmpty()) {
      return null;
    }
    Boolean b = null;
    for (String s : v) {
      boolean one = switch (s.toLowerCase(java.util.Locale.ROOT)) {
        case "true", "1" -> true;
        case "false", "0" -> false;
        default -> throw BerthException.invalid("invalid filter '" + key + "=" + s + "'");
      };
      b = b == null ? one : b || one;
    }
    return b;
  }

  /** Whether {@code v}, used by {@code users} containers, passes every filter. */
  boolean matches(Volume v, int users) {
    for (String s : filters.getOrDefault("name", List.of())) {
      if (!v.name().contains(s)) {
        return false;
      }
    }
    for (String s : filters.getOrDefault("driver", List.of())) {
      if (!v.driver().equals(s)) {
        return false;
      }
    }
    for (String s : filters.getOrDefault("label", List.of())) {
      if (!label(v, s)) {
        return false;
      }
    }
    for (String s : filters.getOrDefault("label!", List.of())) {
      if (label(v, s)) {
        return false;
      }
    }
    Boolean dangling = flag("dangling");
    return dangling == null || dangling == (users == 0);
  }

  private static boolean label(Volume v, String term) {
    int eq = term.indexOf('=');
    if (eq < 0) {
      return v.labels().containsKey(term);
    }
    return term.substring(eq + 1).equals(v.labels().get(term.substring(0, eq)));
  }
}
