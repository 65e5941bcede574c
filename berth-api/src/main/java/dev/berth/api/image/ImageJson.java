package dev.berth.api.image;

import static dev.berth.api.http.Json.object;

import dev.berth.api.http.Json;
import dev.berth.image.DeleteItem;
import dev.berth.image.HistoryItem;
import dev.berth.image.ImageDetail;
import dev.berth.image.ImageSummary;
import dev.berth.oci.image.Digest;
import dev.berth.oci.image.ImageConfig;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The image library's records in Docker's JSON shapes (moby {@code api/types/image}). */
final class ImageJson {
  static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  private ImageJson() {}

  /** A row of {@code GET /images/json}; {@code VirtualSize} went away in API 1.44. */
  static Map<String, Object> summary(ImageSummary s, boolean virtualSize) {
    Map<String, Object> m = object(
        "Containers", -1,
        "Created", s.created(),
        "Id", s.id().toString(),
        "Labels", s.labels(),
        "ParentId", s.parentId() == null ? "" : s.parentId().toString(),
        "RepoDigests", s.repoDigests(),
        "RepoTags", s.repoTags(),
        "SharedSize", -1,
        "Size", s.size());
    if (virtualSize) {
      m.put("VirtualSize", s.size());
    }
    return m;
  }

  /** {@code GET /images/{name}/json}. */
  static Map<String, Object> inspect(ImageDetail d, boolean virtualSize) {
    return inspect(d, virtualSize, false);
  }

  /**
   * With {@code legacy} (API below 1.45) also {@code Container} and {@code ContainerConfig},
   * which docker-compose 1.29 reads when it recreates a container.
   */
  static Map<String, Object> inspect(ImageDetail d, boolean virtualSize, boolean legacy) {
    ImageConfig c = d.config();
    Map<String, Object> m = object(
        "Id", d.id().toString(),
        "RepoTags", d.repoTags(),
        "RepoDigests", d.repoDigests(),
        "Parent", d.parent() == null ? "" : d.parent().toString(),
        "Comment", d.comment(),
        "Created", c.created() == null ? ZERO_TIME : c.created(),
        "DockerVersion", d.dockerVersion(),
        "Author", c.author() == null ? "" : c.author(),
        "Config", c.config() == null ? null : Json.MAPPER.valueToTree(c.config()),
        "Architecture", c.architecture());
    if (legacy) {
      m.put("Container", "");
      m.put("ContainerConfig", c.config() == null ? Map.of()
          : Json.MAPPER.valueToTree(c.config()));
    }
    if (c.variant() != null && !c.variant().isEmpty()) {
      m.put("Variant", c.variant());
    }
    m.put("Os", c.os());
    if (c.osVersion() != null && !c.osVersion().isEmpty()) {
      m.put("OsVersion", c.osVersion());
    }
    m.put("Size", d.size());
    if (virtualSize) {
      m.put("VirtualSize", d.size());
    }
    m.put("GraphDriver", object("Data", null, "Name", "overlayfs"));
    m.put("RootFS", object("Type", "layers", "Layers",
        d.layers().stream().map(Digest::toString).toList()));
    Instant tagged = d.lastTagTime();
    m.put("Metadata", object("LastTagTime", tagged == null ? ZERO_TIME : tagged.toString()));
    return m;
  }

  static Map<String, Object> history(HistoryItem h) {
    return object(
        "Comment", h.comment() == null ? "" : h.comment(),
        "Created", h.created(),
        "CreatedBy", h.createdBy() == null ? "" : h.createdBy(),
        "Id", h.id(),
        "Size", h.size(),
        "Tags", h.tags().isEmpty() ? null : h.tags());
  }

  /** {@code {"Untagged": name}} or {@code {"Deleted": id}}. */
  static Map<String, Object> deleted(DeleteItem item) {
    return item.untagged() != null ? object("Untagged", item.untagged())
        : object("Deleted", item.deleted());
  }

  static List<Map<String, Object>> deleted(List<DeleteItem> items) {
    return items.stream().map(ImageJson::deleted).toList();
  }
}
