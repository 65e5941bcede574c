package dev.berth.api.network;

import dev.berth.api.http.Request;
import dev.berth.api.http.Response;
import dev.berth.api.http.RouteGroup;
import dev.berth.api.http.Router;
import dev.berth.error.BerthException;
import dev.berth.error.ErrorKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stores that come with later issues, as they stand empty: prune of networks, volumes and
 * build cache find nothing. And the predefined networks Docker always lists ({@code bridge}, {@code host}, {@code none}),
 * read-only until the networking issue brings bridges: clients inspect them at start-up
 * (Testcontainers asks for {@code bridge}'s gateway). {@code bridge} has no address yet.
 */
public final class NetworkRoutes implements RouteGroup {
  private static final List<String> PREDEFINED = List.of("bridge", "host", "none");

  @Override
  public void register(Router r) {
    r.get("/networks", (q, s) -> s.json(200, PREDEFINED.stream().map(NetworkRoutes::network)
        .toList()));
    r.get("/networks/{id}", this::inspect);
    // no user networks exist yet: nothing to prune, and the predefined ones never are
    r.post("/networks/prune", (q, s) -> s.json(200, Map.of("NetworksDeleted", List.of())));
    // nor build cache (it comes with the builder)
    r.post("/build/prune", (q, s) -> s.json(200, Map.of("CachesDeleted", List.of(),
        "SpaceReclaimed", 0)));
    r.post("/networks/create", (q, s) -> {
      throw BerthException.invalid("creating networks is not supported yet (it comes with"
          + " bridge networking); use --network none or host");
    });
  }

  private void inspect(Request q, Response s) {
    String id = q.param("id");
    for (String n : PREDEFINED) {
      if (n.equals(id) || networkId(n).startsWith(id)) {
        s.json(200, network(n));
        return;
      }
    }
    throw new BerthException(ErrorKind.NOT_FOUND, "network " + id + " not found");
  }

  private static String networkId(String name) {
    // stable 64-hex ids for the predefined networks
    return String.format("%064x", new java.math.BigInteger(1, name.getBytes()));
  }

  private static Map<String, Object> network(String name) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Name", name);
    m.put("Id", networkId(name));
    m.put("Created", "0001-01-01T00:00:00Z");
    m.put("Scope", "local");
    m.put("Driver", name.equals("bridge") ? "bridge" : name.equals("host") ? "host" : "null");
    m.put("EnableIPv6", false);
    m.put("IPAM", Map.of("Driver", "default", "Options", Map.of(), "Config", List.of()));
    m.put("Internal", false);
    m.put("Attachable", false);
    m.put("Ingress", false);
    m.put("ConfigFrom", Map.of("Network", ""));
    m.put("ConfigOnly", false);
    m.put("Containers", Map.of());
    m.put("Options", Map.of());
    m.put("Labels", Map.of());
    return m;
  }
}
