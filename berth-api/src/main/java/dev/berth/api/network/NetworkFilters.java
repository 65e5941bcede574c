package dev.berth.api.network;

import dev.berth.api.http.Filters;
import dev.berth.error.BerthException;
import dev.berth.network.Network;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Docker's network filters: {@code name} and {@code id} (parts), {@code driver}, {@code label}
 * ({@code k} or {@code k=v}, all must hold), {@code type} ({@code custom} or {@code builtin}),
 * {@code scope} and {@code dangling}; prune's {@code until} and {@code label}.
 */
final class NetworkFilters {
  private static final Set<String> LIST = Set.of("name", "id", "driver", "label", "type",
      "scope", "dangling");
  private static final Set<String> PRUNE = Set.of("until", "label", "label!");

  private NetworkFilters() {}

  static boolean matches(Network n, Map<String, List<String>> filters, boolean used) {
    for (Map.Entry<String, List<String>> f : filters.entrySet()) {
      if (!LIST.contains(f.getKey())) {
        throw BerthException.invalid("invalid filter '" + f.getKey() + "'");
      }
      List<String> values = f.getValue();
      boolean ok = switch (f.getKey()) {
        case "name" -> values.stream().anyMatch(v -> n.name().contains(v));
        case "id" -> values.stream().anyMatch(v -> n.id().contains(v));
        case "driver" -> values.contains(n.driver());
        case "label" -> values.stream().allMatch(v -> Filters.hasLabel(n.labels(), v));
        case "type" -> values.stream().anyMatch(v -> switch (v) {
          case "custom" -> !n.predefined();
          case "builtin" -> n.predefined();
          default -> throw BerthException.invalid("invalid filter: 'type'='" + v + "'");
        });
        case "scope" -> values.contains("local");
        case "dangling" -> values.stream().anyMatch(v -> Boolean.parseBoolean(v)
            == (!n.predefined() && !used));
        default -> true;
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  static boolean matchesPrune(Network n, Map<String, List<String>> filters) {
    for (Map.Entry<String, List<String>> f : filters.entrySet()) {
      if (!PRUNE.contains(f.getKey())) {
        throw BerthException.invalid("invalid filter '" + f.getKey() + "'");
      }
      for (String v : f.getValue()) {
        boolean ok = switch (f.getKey()) {
          case "label" -> Filters.hasLabel(n.labels(), v);
          case "label!" -> !Filters.hasLabel(n.labels(), v);
          case "until" -> Instant.parse(n.created()).isBefore(until(v));
          default -> true;
        };
        if (!ok) {
          return false;
        }
      }
    }
    return true;
  }

  private static Instant until(String v) {
    return dev.berth.api.http.Timestamps.parse(v);
  }
}
