package dev.berth.api.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.http.Json;
import dev.berth.api.http.Request;
import dev.berth.api.http.Response;
import dev.berth.api.http.RouteGroup;
import dev.berth.api.http.Router;
import dev.berth.engine.ContainerEngine;
import dev.berth.engine.EndpointSettings;
import dev.berth.error.BerthException;
import dev.berth.network.Network;
import dev.berth.network.NetworkCreate;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /networks}: list, inspect, create, remove, prune, connect and disconnect, over the
 * engine's networks; and build-cache prune, which finds nothing until the builder exists.
 */
public final class NetworkRoutes implements RouteGroup {
  private final ContainerEngine engine;

  public NetworkRoutes(ContainerEngine engine) {
    this.engine = engine;
  }

  @Override
  public void register(Router r) {
    r.get("/networks", this::list);
    r.get("/networks/{id}", (q, s) -> s.json(200, json(engine.networks().find(q.param("id")))));
    r.post("/networks/create", this::create);
    r.delete("/networks/{id}", (q, s) -> {
      engine.removeNetwork(q.param("id"));
      s.status(204);
    });
    r.post("/networks/prune", this::prune);
    r.post("/networks/{id}/connect", this::connect);
    r.post("/networks/{id}/disconnect", this::disconnect);
    r.post("/build/prune", (q, s) -> s.json(200, Map.of("CachesDeleted", List.of(),
        "SpaceReclaimed", 0)));
  }

  private void list(Request q, Response s) {
    Map<String, List<String>> filters = q.filters();
    List<Map<String, Object>> out = new ArrayList<>();
    for (Network n : engine.networks().list()) {
      if (NetworkFilters.matches(n, filters, engine.uses(n))) {
        out.add(json(n));
      }
    }
    s.json(200, out);
  }

  private void create(Request q, Response s) throws IOException {
    JsonNode b = Json.MAPPER.readTree(q.body());
    if (b == null || !b.isObject() || b.path("Name").asText().isEmpty()) {
      throw BerthException.invalid("network name cannot be empty");
    }
    JsonNode ipam = b.path("IPAM").path("Config");
    if (ipam.size() > 1) {
      throw BerthException.invalid("only one IPv4 subnet per network is supported");
    }
    JsonNode pool = ipam.path(0);
    Network n = engine.createNetwork(new NetworkCreate(b.path("Name").asText(),
        b.path("Driver").asText(null), text(pool, "Subnet"), text(pool, "Gateway"),
        text(pool, "IPRange"), b.path("Internal").asBoolean(), b.path("Attachable").asBoolean(),
        strings(b.path("Labels")), strings(b.path("Options"))));
    s.json(201, Json.object("Id", n.id(), "Warning", ""));
  }

  private void connect(Request q, Response s) throws IOException {
    JsonNode b = Json.MAPPER.readTree(q.body());
    JsonNode ep = b.path("EndpointConfig");
    engine.connect(b.path("Container").asText(), q.param("id"), ep.isObject()
        ? Json.MAPPER.treeToValue(ep, EndpointSettings.class) : EndpointSettings.none());
    s.status(200);
  }

  private void disconnect(Request q, Response s) throws IOException {
    JsonNode b = Json.MAPPER.readTree(q.body());
    engine.disconnect(b.path("Container").asText(), q.param("id"));
    s.status(200);
  }

  /** Removes user networks no container is configured to use; returns their names. */
  private void prune(Request q, Response s) {
    Map<String, List<String>> filters = q.filters();
    List<String> deleted = new ArrayList<>();
    for (Network n : engine.networks().list()) {
      if (n.predefined() || engine.uses(n) || !NetworkFilters.matchesPrune(n, filters)) {
        continue;
      }
      try {
        engine.removeNetwork(n.id());
        deleted.add(n.name());
      } catch (BerthException e) {
        // joined meanwhile: it stays
      }
    }
    s.json(200, Map.of("NetworksDeleted", deleted));
  }

  private Map<String, Object> json(Network n) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Name", n.name());
    m.put("Id", n.id());
    m.put("Created", n.created());
    m.put("Scope", "local");
    m.put("Driver", n.driver());
    m.put("EnableIPv6", false);
    List<Map<String, String>> config = new ArrayList<>();
    if (n.bridged()) {
      Map<String, String> c = new LinkedHashMap<>();
      c.put("Subnet", n.subnet());
      if (n.ipRange() != null) {
        c.put("IPRange", n.ipRange());
      }
      c.put("Gateway", n.gateway());
      config.add(c);
    }
    m.put("IPAM", Map.of("Driver", "default", "Options", Map.of(), "Config", config));
    m.put("Internal", n.internal());
    m.put("Attachable", n.attachable());
    m.put("Ingress", false);
    m.put("ConfigFrom", Map.of("Network", ""));
    m.put("ConfigOnly", false);
    m.put("Containers", engine.containersOn(n));
    m.put("Options", n.options());
    m.put("Labels", n.labels());
    return m;
  }

  private static String text(JsonNode n, String field) {
    String v = n.path(field).asText("");
    return v.isEmpty() ? null : v;
  }

  private static Map<String, String> strings(JsonNode n) {
    Map<String, String> out = new LinkedHashMap<>();
    if (n.isObject()) {
      n.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
    }
    return out;
  }
}
