package dev.berth.oci.image;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Immutable copies that keep null as null and maps in their JSON order. */
final class Copies {
  private Copies() {}

  static <T> List<T> list(List<T> l) {
    return l == null ? null : List.copyOf(l);
  }

  static <K, V> Map<K, V> map(Map<K, V> m) {
    return m == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }
}
