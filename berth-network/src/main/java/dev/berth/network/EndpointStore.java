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
 * Endpoints as set up, one file each ({@code <container>-<ifname>.json}), written before the
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

  private static String key(Endpoint e) {
    return e.containerId() + "-" + e.ifname();
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
  }

  List<Endpoint> all() {
    return new ArrayList<>(byKey.values());
  }

  List<Endpoint> ofContainer(String containerId) {
    return byKey.values().stream().filter(e -> e.containerId().equals(containerId))
        .sorted(java.util.Comparator.comparing(Endpoint::ifname)).toList();
  }

  List<Endpoint> onNetwork(String networkId) {
    return byKey.values().stream().filter(e -> e.networkId().equals(networkId)).toList();
  }
}
