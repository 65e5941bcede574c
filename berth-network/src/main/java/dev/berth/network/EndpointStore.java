package dev.berth.network;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.error.BerthException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Endpoints as set up, one file each ({@code <endpoint id>.json}), written before the
 * caller learns of the endpoint so that a daemon killed at any moment after can take it down.
 */
final class EndpointStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path dir;
  private final Map<String, Endpoint> byKey = new ConcurrentHashMap<>();

  EndpointStore(Path dir) {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
          Endpoint e = JSON.readValue(f.toFile(), Endpoint.class);
          byKey.put(key(e), e);
        }
      }
    } catch (IOException e) {
      throw BerthException.system("reading endpoints in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Endpoints on their way down: still on disk, no longer the container's. */
  private final java.util.Set<String> forgotten = ConcurrentHashMap.newKeySet();

  private static String key(Endpoint e) {
    return e.id();
  }

  /** Out of every query but {@link #stored}, while its release runs. */
  void forget(Endpoint e) {
    forgotten.add(key(e));
  }

  void put(Endpoint e) {
    try {
      AtomicFiles.write(dir.resolve(key(e) + ".json"), JSON.writeValueAsBytes(e));
    } catch (IOException x) {
      throw BerthException.system("saving endpoint " + key(e) + ": " + x.getMessage(), x);
    }
    byKey.put(key(e), e);
  }

  void remove(Endpoint e) {
    try {
      Files.deleteIfExists(dir.resolve(key(e) + ".json"));
    } catch (IOException x) {
      throw BerthException.system("removing endpoint " + key(e) + ": " + x.getMessage(), x);
    }
    byKey.remove(key(e));
    forgotten.remove(key(e));
  }

  /** Every endpoint with a record, including those being released. */
  List<Endpoint> stored() {
    return new ArrayList<>(byKey.values());
  }

  private Stream<Endpoint> live() {
    return byKey.values().stream().filter(e -> !forgotten.contains(key(e)));
  }

  List<Endpoint> ofContainer(String containerId) {
    return live().filter(e -> e.containerId().equals(containerId))
        .sorted(java.util.Comparator.comparing(Endpoint::ifname)).toList();
  }

  List<Endpoint> onNetwork(String networkId) {
    return live().filter(e -> e.networkId().equals(networkId)).toList();
  }
}
