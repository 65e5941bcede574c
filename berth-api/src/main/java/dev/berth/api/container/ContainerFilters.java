package dev.berth.api.container;

import dev.berth.engine.Container;
import java.util.List;
import java.util.Map;

/**
 * {@code docker ps --filter}: terms of one key are ORed, keys ANDed, except {@code label}, whose
 * terms must all hold (Ryuk relies on that).
 */
final class ContainerFilters {
  private ContainerFilters() {}

  static boolean matches(Container c, Map<String, List<String>> filters) {
    return matches(c, filters, Map::of);
  }

  /**
   * {@code networks}: the container's {@code NetworkSettings.Networks} (by name, each with its
   * {@code NetworkID}), asked for only by a {@code network} filter.
   */
  static boolean matches(Container c, Map<String, List<String>> filters,
      java.util.function.Supplier<Map<String, Object>> networks) {
    for (var e : filters.entrySet()) {
      List<String> values = e.getValue();
      if (values.isEmpty()) {
        continue;
      }
      boolean ok = switch (e.getKey()) {
        case "label" -> values.stream().allMatch(v -> dev.berth.api.http.Filters.hasLabel(
            c.config().labels(), v));
        case "name" -> values.stream().anyMatch(v -> c.name().matches(".*" + v + ".*"));
        case "id" -> values.stream().anyMatch(v -> c.id().startsWith(v));
        case "status" -> values.stream().anyMatch(v -> v.equals(c.state().status()));
        case "exited" -> !c.state().running() && !c.state().status().equals("created")
            && values.stream().anyMatch(v -> v.equals(String.valueOf(c.state().exitCode())));
        case "ancestor" -> values.stream().anyMatch(v -> v.equals(c.imageName())
            || v.equals(c.imageId()));
        case "network" -> networks.get().entrySet().stream().anyMatch(n -> values.stream()
            .anyMatch(v -> v.equals(n.getKey()) || (!v.isEmpty() && String.valueOf(
                ((Map<?, ?>) n.getValue()).get("NetworkID")).startsWith(v))));
        default -> throw dev.berth.error.BerthException.invalid("invalid filter '"
            + e.getKey() + "'");
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
