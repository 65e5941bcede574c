package dev.berth.api.volume;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.berth.api.http.Json;
import dev.berth.api.http.Request;
import dev.berth.api.http.Response;
import dev.berth.api.http.RouteGroup;
import dev.berth.api.http.Router;
import dev.berth.engine.volume.VolumeService;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code docker volume create / ls / inspect / rm / prune}: each route one call into the
 * {@link VolumeService}.
 */
public final class VolumeRoutes implements RouteGroup {
  private final VolumeService volumes;

  public VolumeRoutes(VolumeService volumes) {
    this.volumes = volumes;
  }

  /** The body of {@code POST /volumes/create}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record CreateBody(
      @JsonProperty("Name") String name,
      @JsonProperty("Driver") String driver,
      @JsonProperty("DriverOpts") Map<String, String> driverOpts,
      @JsonProperty("Labels") Map<String, String> labels) {}

  @Override
  public void register(Router r) {
    r.post("/volumes/create", this::create)
        .post("/volumes/prune", this::prune)
        .get("/volumes", this::list)
        .get("/volumes/{name}", (q, s) -> s.json(200, VolumeJson.volume(
            volumes.get(q.param("name")), null)))
        .delete("/volumes/{name}", (q, s) -> {
          volumes.remove(q.param("name"), q.bool("force"));
          s.status(204);
        });
  }

  private void create(Request q, Response s) throws IOException {
    byte[] body = q.body().readAllBytes();
    CreateBody b = body.length == 0 ? new CreateBody(null, null, null, null)
        : Json.MAPPER.readValue(body, CreateBody.class);
    s.json(201, VolumeJson.volume(volumes.create(b.name(), b.driver(), b.driverOpts(),
        b.labels()), null));
  }

  private void list(Request q, Response s) {
    s.json(200, Json.object("Volumes", volumes.list(q.filters()).stream()
        .map(v -> VolumeJson.volume(v, null)).toList(), "Warnings", List.of()));
  }

  private void prune(Request q, Response s) {
    Map<String, List<String>> filters = new LinkedHashMap<>(q.filters());
    if (q.apiBelow("1.42") && !filters.containsKey("all")) {
      filters.put("all", List.of("true")); // before 1.42 prune took named volumes too
    }
    VolumeService.Pruned p = volumes.prune(filters);
    s.json(200, Json.object("VolumesDeleted", p.names(), "SpaceReclaimed", p.bytes()));
  }
}
