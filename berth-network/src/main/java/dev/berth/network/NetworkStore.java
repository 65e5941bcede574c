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
 * Network records, one JSON file per network under {@code <root>/network/networks/}, written
 * whole (temp, fsync, rename) so a crash leaves the old record or the new one; held in memory.
 */
final class NetworkStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path dir;
  private final Map<String, Network> byId = new ConcurrentHashMap<>();

  NetworkStore(Path dir) {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
          Network n = JSON.readValue(f.toFile(), Network.class);
          byId.put(n.id(), n);
        }
      }
    } catch (IOException e) {
      throw BerthException.system("reading networks in " + dir + ": " + e.getMessage(), e);
    }
  }

  List<Network> all() {
    return new ArrayList<>(byId.values());
  }

  void put(Network n) {
    try {
      AtomicFiles.write(dir.resolve(n.id() + ".json"), JSON.writeValueAsBytes(n));
    } catch (IOException e) {
      throw BerthException.system("saving network " + n.name() + ": " + e.getMessage(), e);
    }
    byId.put(n.id(), n);
  }

  void remove(Network n) {
    try {
      Files.deleteIfExists(dir.resolve(n.id() + ".json"));
    } catch (IOException e) {
      throw BerthException.system("removing network " + n.name() + ": " + e.getMessage(), e);
    }
    byId.remove(n.id());
  }
}
