package dev.berth.api.system;

import dev.berth.api.http.Request;
import dev.berth.api.http.Response;
import dev.berth.api.http.RouteGroup;
import dev.berth.api.http.Router;
import dev.berth.engine.Container;
import dev.berth.engine.ContainerEngine;
import dev.berth.image.ImageService;
import dev.berth.image.ImageSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code docker system df}: images with how many containers use them, containers, and the
 * bytes the layers take on disk (measured, so shared layers count once).
 */
public final class DiskUsageRoutes implements RouteGroup {
  private final ImageService images;
  private final ContainerEngine engine;
  private final Path root;

  public DiskUsageRoutes(ImageService images, ContainerEngine engine, Path root) {
    this.images = images;
    this.engine = engine;
    this.root = root;
  }

  @Override
  public void register(Router r) {
    r.get("/system/df", this::df);
  }

  private void df(Request q, Response s) {
    List<Container> containers = engine.list(true);
    List<Map<String, Object>> imageRows = images.list(true, Map.of()).stream()
        .map(i -> image(i, containers)).toList();
    List<Map<String, Object>> containerRows = containers.stream().map(c -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("Id", c.id());
      m.put("Names", List.of("/" + c.name()));
      m.put("Image", c.imageName());
      m.put("ImageID", c.imageId());
      m.put("Command", c.path());
      m.put("Created", java.time.Instant.parse(c.created()).getEpochSecond());
      m.put("State", c.state().status());
      m.put("Status", c.state().status());
      m.put("SizeRw", 0);
      m.put("SizeRootFs", 0);
      m.put("Labels", c.config().labels());
      m.put("Mounts", List.of());
      return m;
    }).toList();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("LayersSize", bytes(root.resolve("snapshots")));
    body.put("Images", imageRows);
    body.put("Containers", containerRows);
    var refs = engine.volumes().refCounts();
    body.put("Volumes", engine.volumes().list(Map.of()).stream()
        .map(v -> dev.berth.api.volume.VolumeJson.volume(v, Map.of("Size",
            engine.volumes().size(v), "RefCount", refs.getOrDefault(v.name(), 0)))).toList());
    body.put("BuildCache", List.of());
    s.json(200, body);
  }

  private static Map<String, Object> image(ImageSummary i, List<Container> containers) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Id", i.id().toString());
    m.put("ParentId", i.parentId() == null ? "" : i.parentId().toString());
    m.put("RepoTags", i.repoTags());
    m.put("RepoDigests", i.repoDigests());
    m.put("Created", i.created());
    m.put("Size", i.size());
    m.put("SharedSize", -1);
    m.put("Labels", i.labels());
    m.put("Containers", containers.stream().filter(c -> c.imageId().equals(i.id().toString()))
        .count());
    return m;
  }

  private static long bytes(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      return all.mapToLong(p -> {
        try {
          BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class,
              java.nio.file.LinkOption.NOFOLLOW_LINKS);
          return a.isRegularFile() ? a.size() : 0;
        } catch (IOException e) {
          return 0; // removed meanwhile
        }
      }).sum();
    } catch (IOException | UncheckedIOException e) {
      return 0;
    }
  }
}
